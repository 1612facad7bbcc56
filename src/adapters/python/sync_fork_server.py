"""The fork server: the solution loaded once, then one forked child per connection.

sync_adapter.py SOLUTION.py --fork-server SOCKET loads the solution as usual,
says {"ready": true, "forks": true, "executable": sys.executable} on stdout and listens on the Unix socket
SOCKET. Each connection gets a child forked from the loaded interpreter (about a
millisecond, where a fresh interpreter and a module load take tens), which
serves the wire protocol on that connection exactly as the adapter serves it on
stdio, its first line {"ready": true, "pid": PID}. A solution that exits,
crashes or hangs costs one child. What a child prints comes on this process's
stdout as {"output": PID, "text": ...}, and once its output has ended and it
has, {"exit": PID, "code": N} or {"exit": PID, "signal": N}, so the checker
tells each child's output and end apart. End of input on stdin means the checker is gone: every
child is killed and the server exits. Children die with it (PR_SET_PDEATHSIG on
Linux), so a checker killed outright leaves no solution running.
"""
import json
import os
import select
import signal
import socket
import sys
import time
import traceback

# How long after a child ends its output may still arrive (a grandchild it left may hold the pipe for ever).
OUTPUT_GRACE_S = 0.2


def serve_forks(service_class, channel, socket_path, serve):
    """Accepts connections on socket_path for ever, a forked child serving each; returns the exit code."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(socket_path)
    listener.listen(16)
    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_read, False)
    os.set_blocking(wake_write, False)
    # SIGCHLD wakes the select below at once, so a child's end is reported without delay.
    signal.set_wakeup_fd(wake_write)
    signal.signal(signal.SIGCHLD, lambda signum, frame: None)
    children = set()
    outputs = {}  # a live child's output pipe -> its pid: what it prints is reported as its own
    ended = {}  # pid -> (when, how it ended): reported once its output has all been read, or after OUTPUT_GRACE_S
    prctl = linux_prctl()
    report(channel, {"ready": True, "forks": True, "executable": sys.executable})
    while True:
        waiting = [when for when, _ in ended.values()]
        timeout = max(0.0, min(waiting) + OUTPUT_GRACE_S - time.monotonic()) if waiting else None
        readable = select.select([listener, wake_read, 0] + list(outputs), [], [], timeout)[0]
        if wake_read in readable:
            drain(wake_read)
        for pipe in [fd for fd in readable if fd in outputs]:
            forward_output(pipe, outputs, channel)
        reap(children, ended)
        for pid in list(ended):
            when, how = ended[pid]
            if pid in outputs.values() and time.monotonic() < when + OUTPUT_GRACE_S:
                continue
            # Its output has ended, or something it started still holds the pipe: the end is reported now.
            for pipe in [fd for fd, owner in outputs.items() if owner == pid]:
                os.close(pipe)
                del outputs[pipe]
            del ended[pid]
            report(channel, dict(how, exit=pid))
        if 0 in readable and not os.read(0, 4096):
            for pid in children:
                kill(pid)
            return 0
        if listener in readable:
            connection = listener.accept()[0]
            output_read, output_write = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(output_read)
                run_child(service_class, connection, serve, (listener, wake_read, wake_write, channel, output_write), prctl)
            connection.close()
            os.close(output_write)
            outputs[output_read] = pid
            children.add(pid)


def forward_output(pipe, outputs, channel):
    """Reports what a child printed as {"output": PID, "text": ...}; at its end, forgets the pipe."""
    data = os.read(pipe, 65536)
    if data:
        report(channel, {"output": outputs[pipe], "text": data.decode("utf-8", "replace")})
        return
    os.close(pipe)
    del outputs[pipe]


def run_child(service_class, connection, serve, inherited, prctl):
    """The forked child: serves one connection, then ends the way the solution made it end."""
    code = 0
    try:
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        listener, wake_read, wake_write, channel, output = inherited
        listener.close()
        os.close(wake_read)
        os.close(wake_write)
        # What the solution prints (stdout and stderr alike, as in the adapter) goes to a pipe of its own.
        sys.stderr.flush()
        os.dup2(output, 1)
        os.dup2(output, 2)
        os.close(output)
        channel_fd = channel.fileno()
        if prctl is not None:
            prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: the kernel kills this child when the server ends
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        os.close(channel_fd)
        stream = connection.makefile("rw", encoding="utf-8", newline="\n")
        serve(service_class, stream, stream, {"ready": True, "pid": os.getpid()})
    except (BrokenPipeError, ConnectionResetError):
        code = 0  # the checker closed this connection: nobody is listening any more
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
    except BaseException:
        traceback.print_exc()
        code = 1
    finally:
        try:
            sys.stderr.flush()
        finally:
            os._exit(code)


def reap(children, ended):
    """Notes how every child that has ended ended."""
    while children:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        children.discard(pid)
        how = {"signal": os.WTERMSIG(status)} if os.WIFSIGNALED(status) else {"code": os.WEXITSTATUS(status)}
        ended[pid] = (time.monotonic(), how)


def report(channel, message):
    channel.write(json.dumps(message) + "\n")
    channel.flush()


def drain(fd):
    try:
        while os.read(fd, 4096):
            pass
    except BlockingIOError:
        pass


def kill(pid):
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def linux_prctl():
    """prctl from libc on Linux, loaded once here (ctypes takes tens of ms to import); None elsewhere,
    where the server still kills its children when the checker goes."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
