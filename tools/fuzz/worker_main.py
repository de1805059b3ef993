"""Entry point of a fuzz worker process: ``python -m onnx_mlir.tools.fuzz.worker_main
module:function memory_limit_bytes``. See :mod:`.workers` for the protocol."""

from __future__ import annotations

import importlib
import os
import resource
import sys

from .workers import read_message, write_message


def main(argv: list[str]) -> int:
    handler_name, memory_limit = argv[0], int(argv[1])
    # Messages go on the original stdout; anything printed (Python or native) goes to stderr.
    channel = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    if memory_limit > 0:
        # A huge allocation fails (MemoryError, or a failed malloc) instead of swapping the host.
        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
    module_name, _, function_name = handler_name.partition(":")
    module = importlib.import_module(module_name)
    handler = getattr(module, function_name)
    getattr(module, "warm_up", lambda: None)()
    write_message(channel, ("ready",))
    cases = os.fdopen(0, "rb")
    while True:
        case = read_message(cases)
        if case is None:
            return 0
        result = handler(case, lambda kind, value: write_message(channel, (kind, value)))
        write_message(channel, ("result", result))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
