"""Ahead-of-time output of a lowered module: an object file or a shared library.

The code is the JIT's (``ExecutionEngine.dump_to_object_file``), linked with the system ``cc``
(``library.py``: the library that ``onnx_mlir.load`` reads back also embeds the signature).
The library exports ``main_graph`` and ``_mlir_ciface_main_graph`` (the calling convention of
runtime/jit.py) and needs libc and libm (see library.py for the MLIR runner helpers).
"""

from __future__ import annotations

from mlir import ir
from mlir.execution_engine import ExecutionEngine

from .jit import compiled_engine


def engine_for(module: ir.Module, opt_level: int) -> ExecutionEngine:
    """An engine that has compiled ``module`` (position-independent code, see ``jit.new_engine``)."""
    return compiled_engine(module, opt_level)


def emit_object(module: ir.Module, path: str, *, opt_level: int = 3) -> str:
    """Write the object code of ``module`` (LLVM dialect) to ``path``."""
    engine_for(module, opt_level).dump_to_object_file(path)
    return path


def link_engine(engine: ExecutionEngine, path: str) -> str:
    """Link the object code already compiled by ``engine`` into the shared library ``path``
    (without a signature: ``library.link_engine`` adds one)."""
    from .library import link_engine as link

    return link(engine, path, None)


def emit_shared_library(module: ir.Module, path: str, *, opt_level: int = 3) -> str:
    """Compile ``module`` (LLVM dialect) into the shared library ``path`` (no signature: use
    ``library.write_library`` with an artifact for one that ``onnx_mlir.load`` reads)."""
    return link_engine(engine_for(module, opt_level), path)
