"""Ahead-of-time output of a lowered module: an object file or a shared library.

The code is the JIT's (``ExecutionEngine.dump_to_object_file``), linked with the system ``cc``.
The library exports ``main_graph`` and ``_mlir_ciface_main_graph`` (the calling convention of
runtime/jit.py) and needs libm and libmlir_c_runner_utils (found through an rpath).
"""

from __future__ import annotations

import os
import subprocess
import tempfile

from mlir import ir
from mlir.execution_engine import ExecutionEngine

from .jit import jit_libraries, libraries_for, runtime_libraries


def _engine(module: ir.Module, opt_level: int) -> ExecutionEngine:
    return ExecutionEngine(module, opt_level=opt_level, shared_libs=jit_libraries(libraries_for(module)))


def emit_object(module: ir.Module, path: str, *, opt_level: int = 3) -> str:
    """Write the object code of ``module`` (LLVM dialect) to ``path``."""
    _engine(module, opt_level).dump_to_object_file(path)
    return path


def link_engine(engine: ExecutionEngine, path: str, libraries: list[str] | None = None) -> str:
    """Link the object code already compiled by ``engine`` into the shared library ``path``,
    with ``libraries`` (default: the runner utilities; see ``jit.libraries_for``)."""
    with tempfile.TemporaryDirectory() as tmp:
        obj = os.path.join(tmp, "model.o")
        engine.dump_to_object_file(obj)
        cmd = ["cc", "-shared", "-o", path, obj, "-lm"]
        for lib in libraries if libraries is not None else runtime_libraries():  # memrefCopy, ...
            cmd += [lib, f"-Wl,-rpath,{os.path.dirname(lib)}"]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError(f"linking {path} failed: {proc.stderr.strip()}")
    return path


def emit_shared_library(module: ir.Module, path: str, *, opt_level: int = 3) -> str:
    """Compile ``module`` (LLVM dialect) into the shared library ``path``."""
    return link_engine(_engine(module, opt_level), path, libraries_for(module))
