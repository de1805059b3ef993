"""Dialects defined in IRDL and loaded into MLIR contexts at run time.

The MLIR bindings have no Python op-definition DSL, but IRDL (``irdl.load_dialects``) registers a
dialect described as MLIR text. An :class:`IRDLDialect` holds that text and loads it into every
context that needs it, once. Python ``OpView`` classes for its ops are registered separately with
``mlir.dialects._ods_common._cext.register_operation`` (see ``onnx.py`` and ``README.md``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mlir import ir
from mlir.dialects import irdl

_REGISTRY: dict[str, "IRDLDialect"] = {}


@dataclass(frozen=True)
class IRDLDialect:
    """A dialect described in IRDL: its namespace and the ``irdl.dialect`` source text."""

    namespace: str
    source: str
    # Any operation of the dialect, used to tell whether a context has it loaded already.
    probe_op: str

    @classmethod
    def from_file(cls, namespace: str, path: Path, probe_op: str) -> "IRDLDialect":
        return cls(namespace, path.read_text(), probe_op)

    def is_loaded(self, context: ir.Context) -> bool:
        return context.is_registered_operation(self.probe_op)

    def load(self, context: ir.Context) -> None:
        """Register the dialect in ``context`` (no-op if it is there already)."""
        if self.is_loaded(context):
            return
        with context, ir.Location.unknown():
            irdl.load_dialects(ir.Module.parse(self.source))


def register_irdl_dialect(dialect: IRDLDialect) -> IRDLDialect:
    """Make ``dialect`` part of every context built by :func:`onnx_mlir.dialects.make_context`."""
    _REGISTRY[dialect.namespace] = dialect
    return dialect


def registered_dialects() -> list[IRDLDialect]:
    return list(_REGISTRY.values())
