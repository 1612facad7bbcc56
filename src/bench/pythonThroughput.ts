/** Round trips per second to a Python solution through the stdio adapter. */
import { loadImplementation } from '../adapters/loadImplementation.ts';
import { runConformance } from '../conformance/runConformance.ts';
import { timed, type Figure } from './measure.ts';

export async function pythonThroughput(file: string, messages: number): Promise<Figure> {
  const { factory, close } = await loadImplementation(file);
  try {
    const service = await factory();
    const { seconds } = await timed(async () => {
      for (let index = 0; index < messages; index++) {
        const message =
          index % 2 === 0
            ? { type: 'record', timestamp: '2024-09-02T12:00:00.000Z', dev_id: 'dev_0', data: { a: 'x', b: 'y', c: String(index) } }
            : { type: 'probe', dev_id: 'dev_0', from: Math.max(0, (index - 1) / 2 - 3) };
        await service.onMessage(message);
      }
    });
    return { name: 'python round trips/s', value: Math.round(messages / seconds), unit: 'messages/s', detail: `${messages} messages to ${file}` };
  } finally {
    await close();
  }
}

/** The wall time of sync-check's default budget (200 runs x 3 modes) on a Python file. */
export async function pythonDefaultCheck(file: string): Promise<Figure> {
  const { factory, close } = await loadImplementation(file);
  try {
    const { seconds, result } = await timed(() => runConformance(factory, { seed: 1 }));
    return { name: 'python default check', value: Number(seconds.toFixed(2)), unit: 's', detail: `verdict ${result.verdict}, 200 runs x 3 modes of ${file}` };
  } finally {
    await close();
  }
}
