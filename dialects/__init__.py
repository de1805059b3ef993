"""MLIR dialects of onnx-mlir-py.

``make_context()`` gives a context in which every project dialect (``onnx`` and any dialect a
researcher registered with :func:`register_irdl_dialect`) is loaded, next to the upstream ones.
"""

from __future__ import annotations

from mlir import ir

from .irdl_dialect import IRDLDialect, register_irdl_dialect, registered_dialects


def load_dialects(context: ir.Context) -> None:
    """Load every registered project dialect into ``context`` (idempotent)."""
    from . import onnx  # noqa: F401  registers the onnx dialect and its op classes
    from .plugin_dialects import register_plugin_dialects

    register_plugin_dialects()
    for dialect in registered_dialects():
        dialect.load(context)


def make_context() -> ir.Context:
    """A new MLIR context with the project dialects loaded."""
    context = ir.Context()
    load_dialects(context)
    return context


__all__ = ["IRDLDialect", "load_dialects", "make_context", "register_irdl_dialect"]
