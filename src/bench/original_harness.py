"""The original exercise's harness semantics (docs/protocol.md, The network modes: seed), written from the
specification as a baseline for `npm run bench`: Python lists, records[:from] + data
on every update (the quadratic part), one global random stream.

Usage: python3 original_harness.py ROUNDS [DEVICES]   -> prints {"seconds": ..., "records": ...}
"""
import datetime
import json
import random
import sys
import time
import uuid


class Device:
    def __init__(self, name):
        self.name = name
        self.records = []
        self.sent = []

    def obtainData(self):
        if random.random() < 0.4:
            return {}
        record = {
            'type': 'record',
            'timestamp': datetime.datetime.now().isoformat(),
            'dev_id': self.name,
            'data': {'a': str(uuid.uuid4()), 'b': str(uuid.uuid4()), 'c': str(uuid.uuid4())},
        }
        self.sent.append(record)
        return record

    def probe(self):
        if random.random() < 0.5:
            return {}
        return {'type': 'probe', 'dev_id': self.name, 'from': len(self.records)}

    def onMessage(self, data):
        if random.random() < 0.6:
            return
        if data['type'] == 'update':
            start = data['from']
            if start > len(self.records):
                return
            self.records = self.records[:start] + data['data']


class SyncService:
    def __init__(self):
        self.log = []

    def onMessage(self, data):
        if data.get('type') == 'record':
            self.log.append(data)
            return None
        if data.get('type') == 'probe':
            return {'type': 'update', 'from': data['from'], 'data': self.log[data['from']:]}
        return {'type': 'noop'}


def same(left, right):
    return (left['dev_id'] == right['dev_id'] and left['timestamp'] == right['timestamp']
            and all(left['data'][key] == right['data'][key] for key in 'abc'))


def testSyncing(rounds, count):
    devices = [Device('dev_%d' % index) for index in range(count)]
    server = SyncService()
    for _ in range(rounds):
        for device in devices:
            server.onMessage(device.obtainData())
            device.onMessage(server.onMessage(device.probe()))
    while len({len(device.records) for device in devices}) > 1:
        for device in devices:
            device.onMessage(server.onMessage(device.probe()))
    senders = {device.name: device for device in devices}
    matched = {device.name: 0 for device in devices}
    for index, record in enumerate(devices[0].records):
        sender = record['dev_id']
        assert same(record, senders[sender].sent[matched[sender]])
        matched[sender] += 1
        for device in devices:
            assert same(device.records[index], record)
    return len(server.log)


if __name__ == '__main__':
    random.seed(1)
    rounds = int(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    started = time.perf_counter()
    records = testSyncing(rounds, count)
    print(json.dumps({'seconds': time.perf_counter() - started, 'records': records}))
