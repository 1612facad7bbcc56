"""Serves a Python SyncService over the sync-check wire protocol (one JSON object per line).

Usage: python3 sync_adapter.py SOLUTION.py [--fork-server SOCKET]

With --fork-server, the loaded solution is served from forked children, one per
connection to the Unix socket SOCKET (sync_fork_server.py): an exit, a crash or
a hang then costs a fork, not an interpreter start and a module load.

Every top-level statement of the solution runs (imports, definitions, any
assignment such as logger = logging.getLogger(__name__) or PATTERN =
re.compile(...), try/with/if blocks) except the code that drives the exercise:
bare expression statements (exercise files end with a bare testSyncing() call,
10 devices x 10^6 rounds), top-level for/while loops, and the body of
`if __name__ == "__main__":` (its else branch, if any, runs); the same are
dropped inside top-level if/try/with blocks. A statement that
still runs for ever (X = spin()) is stopped by the checker's load timeout.
While the file loads, stdin reads as empty: the protocol's input is not the
solution's. Whatever the solution prints goes to stderr; stdout carries nothing
but the protocol. Standard library only.
"""
import ast
import json
import math
import os
import sys

import sync_fork_server  # beside this file; imported before the solution's folder goes first on sys.path

# Top-level statements that drive the exercise rather than define the solution: testSyncing(),
# print(...) (a module docstring is dropped too, harmlessly), and loops.
DRIVING_STATEMENTS = (ast.Expr, ast.For, ast.AsyncFor, ast.While)


def is_main_guard(statement):
    """True for `if __name__ == "__main__":`, either operand order, either quote."""
    if not isinstance(statement, ast.If):
        return False
    test = statement.test
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)):
        return False
    operands = (test.left, test.comparators[0])
    return any(isinstance(operand, ast.Name) and operand.id == "__name__" for operand in operands) and any(
        isinstance(operand, ast.Constant) and operand.value == "__main__" for operand in operands
    )


# Top-level blocks whose bodies run at import: driving code is dropped inside them too, so that
# `try: testSyncing()` or `if DEBUG: run_demo()` does not run the exercise's 10^6 rounds.
BLOCKS = (ast.If, ast.Try, ast.With, ast.AsyncWith) + ((ast.TryStar,) if hasattr(ast, "TryStar") else ())


def kept(statements):
    """The top-level statements to run: all but the driving ones; a main guard gives way to its else branch, kept whole."""
    result = []
    for statement in statements:
        if isinstance(statement, DRIVING_STATEMENTS):
            continue
        if is_main_guard(statement):
            result.extend(statement.orelse)  # what the file runs when imported: all of it, as written
            continue
        if isinstance(statement, BLOCKS):
            without_driving_code(statement)
        result.append(statement)
    return result


def without_driving_code(block):
    """Drops driving statements from a top-level block's bodies (not from functions or classes, which only define)."""
    for field in ("body", "orelse", "finalbody"):
        body = getattr(block, field, None)
        if body:
            setattr(block, field, kept(body) or [ast.Pass()])
    for handler in getattr(block, "handlers", []):
        handler.body = kept(handler.body) or [ast.Pass()]


def load_service_class(path):
    """Runs the solution file, all but its driving code (see kept), and returns its SyncService class."""
    with open(path, encoding="utf-8") as source_file:
        source = source_file.read()
    tree = ast.parse(source, filename=path)
    tree.body = kept(tree.body)
    ast.fix_missing_locations(tree)  # the `pass` that stands in for a dropped block body
    directory = os.path.dirname(os.path.abspath(path))
    sys.path.insert(0, directory)
    namespace = {"__name__": "solution", "__file__": os.path.abspath(path)}
    # A top-level input() must not eat the protocol's first request: it reads end of file instead.
    protocol_input = sys.stdin
    empty_input = open(os.devnull, encoding="utf-8")
    sys.stdin = empty_input
    try:
        exec(compile(tree, path, "exec"), namespace)
    finally:
        sys.stdin = protocol_input
        empty_input.close()
    service = namespace.get("SyncService")
    if not isinstance(service, type):
        raise LookupError("%s defines no class SyncService" % path)
    return service


# Values that travel as they are, told apart by their exact type (a subclass goes through encode): checked
# before each call, since most of a reply is strings and ints, this halves the time to encode one.
PLAIN = frozenset((str, int, bool, type(None)))


# Real replies are four levels deep (reply, data, record, payload): a cycle is looked for only below that, so they
# never pay for it, and one is still refused a few levels after it starts.
CYCLE_WATCH_DEPTH = 4


def encode(value, depth=0, ancestors=None):
    """The reply as JSON, keeping the Python types the exercise's Device tells apart.

    JSON has no Infinity or NaN: they are spelled out as {"$number": ...}. JSON also
    loses two distinctions the Device trips over: `records[:1.0]` and `list + tuple`
    raise TypeError. So a float with an integral value travels as {"$float": 1.0}
    (other floats are unmistakable as they are) and a tuple as {"$tuple": [...]}.
    A bool is JSON's true/false already; dict and list subclasses behave as dict and
    list for the Device and travel as such. A cycle is refused.
    """
    if type(value) in PLAIN:
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            return {"$number": "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")}
        return {"$float": value} if value.is_integer() else value
    if not isinstance(value, (dict, list, tuple)):
        return value
    if depth < CYCLE_WATCH_DEPTH:
        return encode_container(value, depth + 1, ancestors)
    ancestors = set() if ancestors is None else ancestors
    if id(value) in ancestors:
        raise ValueError("it contains a cycle (an object inside itself)")
    ancestors.add(id(value))
    try:
        return encode_container(value, depth + 1, ancestors)
    finally:
        ancestors.discard(id(value))


def encode_container(value, depth, ancestors):
    """A dict, list or tuple (or a subclass) encoded item by item; `depth` is its items' depth.

    A key that is not a string is written as json.dumps writes it (str() for an exact int, which is the same, and quicker).
    """
    if isinstance(value, dict):
        return {
            (key if isinstance(key, str) else str(key) if type(key) is int else json.dumps(key)): (item if type(item) in PLAIN else encode(item, depth, ancestors))
            for key, item in value.items()
        }
    items = [item if type(item) in PLAIN else encode(item, depth, ancestors) for item in value]
    return {"$tuple": items} if isinstance(value, tuple) else items


def decode(value):
    """The inverse of encode, so a message means the same on both sides of the wire."""
    if isinstance(value, dict):
        if len(value) == 1 and isinstance(value.get("$number"), str):
            return float(value["$number"].replace("Infinity", "inf"))
        if len(value) == 1 and isinstance(value.get("$float"), (int, float)) and not isinstance(value["$float"], bool):
            return float(value["$float"])
        if len(value) == 1 and isinstance(value.get("$tuple"), list):
            return tuple(decode(item) for item in value["$tuple"])
        return {key: decode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [decode(item) for item in value]
    return value


def describe(error):
    return {"type": type(error).__name__, "message": str(error)}


def serve(service_class, channel, requests=None, greeting=None):
    """Says greeting ({"ready": true} by default), then answers requests (stdin by default) on channel until they end."""
    requests = sys.stdin if requests is None else requests

    def send(response):
        channel.write(json.dumps(response, allow_nan=False) + "\n")
        channel.flush()

    instance = None
    send({"ready": True} if greeting is None else greeting)
    for line in requests:
        request = json.loads(line)
        if request.get("op") == "reset":
            try:
                instance = service_class()
                send({"ok": True})
            except Exception as error:  # the constructor failed: a finding, not a crash of the adapter
                send({"error": describe(error)})
            continue
        try:
            reply = instance.onMessage(decode(request.get("message")))
        except Exception as error:
            send({"error": describe(error)})
            continue
        # The reply has been made: say so at once (JSON allows leading space), so that encoding a
        # reply of many megabytes counts as slow to send, not as a server that hangs.
        channel.write(" ")
        channel.flush()
        try:
            encoded = json.dumps({"reply": encode(reply)}, allow_nan=False)
        except (TypeError, ValueError, RecursionError) as error:
            # A cycle (RecursionError), a set, an object: the reply cannot cross the wire.
            send({"garbled": "%s: %s" % (type(error).__name__, str(error)[:200])})
            continue
        channel.write(encoded + "\n")
        channel.flush()


def main():
    # Keep the real stdout for the protocol, and send everything else (prints, even C-level writes) to stderr.
    channel = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    arguments = sys.argv[1:]
    fork_socket = None
    if len(arguments) == 3 and arguments[1] == "--fork-server":
        fork_socket = arguments.pop()
        arguments.pop()
    if len(arguments) != 1:
        channel.write(json.dumps({"fatal": "usage: sync_adapter.py SOLUTION.py [--fork-server SOCKET]"}) + "\n")
        return 2
    if fork_socket is not None and not hasattr(os, "fork"):
        channel.write(json.dumps({"fatal": "this platform has no os.fork: run without --fork-server"}) + "\n")
        return 2
    try:
        service_class = load_service_class(arguments[0])
    except SyntaxError as error:
        message = "SyntaxError: %s (line %s)" % (error.msg, error.lineno)
        channel.write(json.dumps({"fatal": message}) + "\n")
        return 2
    except BaseException as error:
        channel.write(json.dumps({"fatal": "%s: %s" % (type(error).__name__, error)}) + "\n")
        return 2
    channel.flush()
    if fork_socket is not None:
        return sync_fork_server.serve_forks(service_class, channel, fork_socket, serve)
    serve(service_class, channel)
    return 0


if __name__ == "__main__":
    sys.exit(main())
