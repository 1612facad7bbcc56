"""Serves a Python SyncService over the sync-check wire protocol (one JSON object per line).

Usage: python3 sync_adapter.py SOLUTION.py

Only the solution's imports, function and class definitions and top-level
constant assignments run: exercise files end with a bare testSyncing() call
(10 devices x 10^6 rounds) that must not. Whatever the solution prints goes to
stderr; stdout carries nothing but the protocol. Standard library only.
"""
import ast
import json
import math
import os
import sys

# Calls allowed in a top-level constant assignment, e.g. INF = float('inf').
CONSTANT_CALLS = {"float", "int", "str", "bool", "tuple", "frozenset", "set", "list", "dict", "range"}
KEPT_STATEMENTS = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def is_constant_expression(node):
    """True for literals, names, arithmetic and whitelisted builtin calls: nothing that can loop or print."""
    if isinstance(node, ast.Call):
        return (
            isinstance(node.func, ast.Name)
            and node.func.id in CONSTANT_CALLS
            and all(is_constant_expression(argument) for argument in node.args)
            and not node.keywords
        )
    if isinstance(node, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp, ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr)):
        return False
    return all(is_constant_expression(child) for child in ast.iter_child_nodes(node))


def kept(statement):
    if isinstance(statement, KEPT_STATEMENTS):
        return True
    if isinstance(statement, ast.Assign):
        return is_constant_expression(statement.value)
    if isinstance(statement, ast.AnnAssign):
        return statement.value is None or is_constant_expression(statement.value)
    return False


def load_service_class(path):
    """Runs the definitions of the solution file and returns its SyncService class."""
    with open(path, encoding="utf-8") as source_file:
        source = source_file.read()
    tree = ast.parse(source, filename=path)
    tree.body = [statement for statement in tree.body if kept(statement)]
    directory = os.path.dirname(os.path.abspath(path))
    sys.path.insert(0, directory)
    namespace = {"__name__": "solution", "__file__": os.path.abspath(path)}
    exec(compile(tree, path, "exec"), namespace)
    service = namespace.get("SyncService")
    if not isinstance(service, type):
        raise LookupError("%s defines no class SyncService" % path)
    return service


def encode(value, ancestors=None):
    """JSON has no Infinity or NaN: spell them out, as the TypeScript side expects. A cycle is refused at once."""
    if isinstance(value, float) and not math.isfinite(value):
        return {"$number": "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")}
    if not isinstance(value, (dict, list, tuple)):
        return value
    ancestors = set() if ancestors is None else ancestors
    if id(value) in ancestors:
        raise ValueError("it contains a cycle (an object inside itself)")
    ancestors.add(id(value))
    try:
        if isinstance(value, dict):
            return {key if isinstance(key, str) else json.dumps(key): encode(item, ancestors) for key, item in value.items()}
        return [encode(item, ancestors) for item in value]
    finally:
        ancestors.discard(id(value))


def decode(value):
    if isinstance(value, dict):
        if len(value) == 1 and isinstance(value.get("$number"), str):
            return float(value["$number"].replace("Infinity", "inf"))
        return {key: decode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [decode(item) for item in value]
    return value


def describe(error):
    return {"type": type(error).__name__, "message": str(error)}


def serve(service_class, channel):
    def send(response):
        channel.write(json.dumps(response, allow_nan=False) + "\n")
        channel.flush()

    instance = None
    send({"ready": True})
    for line in sys.stdin:
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
    if len(sys.argv) != 2:
        channel.write(json.dumps({"fatal": "usage: sync_adapter.py SOLUTION.py"}) + "\n")
        return 2
    try:
        service_class = load_service_class(sys.argv[1])
    except SyntaxError as error:
        message = "SyntaxError: %s (line %s)" % (error.msg, error.lineno)
        channel.write(json.dumps({"fatal": message}) + "\n")
        return 2
    except BaseException as error:
        channel.write(json.dumps({"fatal": "%s: %s" % (type(error).__name__, error)}) + "\n")
        return 2
    channel.flush()
    serve(service_class, channel)
    return 0


if __name__ == "__main__":
    sys.exit(main())
