"""Collect MLIR diagnostics into :class:`onnx_mlir.errors.Diagnostic` records."""

from __future__ import annotations

import contextlib
from typing import Iterator

from mlir import ir

from .errors import Diagnostic

_SEVERITY = {
    ir.DiagnosticSeverity.ERROR: "error",
    ir.DiagnosticSeverity.WARNING: "warning",
    ir.DiagnosticSeverity.NOTE: "note",
    ir.DiagnosticSeverity.REMARK: "remark",
}


def _file_line_col(loc: ir.Location) -> tuple[int | None, int | None]:
    """Line/column of the innermost file location inside ``loc`` (name, fused, callsite)."""
    if loc.is_a_file():
        return loc.start_line, loc.start_col
    if loc.is_a_name():
        return _file_line_col(loc.child_loc)
    if loc.is_a_callsite():
        return _file_line_col(loc.callee)
    if loc.is_a_fused():
        for sub in loc.locations:
            line, col = _file_line_col(sub)
            if line is not None:
                return line, col
    return None, None


def _location_text(loc: ir.Location) -> str:
    text = str(loc)
    if text.startswith("loc(") and text.endswith(")"):
        text = text[4:-1]
    return text


def to_diagnostic(diag) -> Diagnostic:
    """Convert an ``ir.Diagnostic`` (or ``ir.DiagnosticInfo``) into a plain record."""
    line, col = _file_line_col(diag.location)
    return Diagnostic(
        severity=_SEVERITY.get(diag.severity, "error"),
        location=_location_text(diag.location),
        message=str(diag.message),
        notes=tuple(to_diagnostic(n) for n in diag.notes),
        line=line,
        column=col,
    )


@contextlib.contextmanager
def capture_diagnostics(context: ir.Context) -> Iterator[list[Diagnostic]]:
    """Collect every diagnostic emitted in ``context`` while the block runs (none are printed)."""
    collected: list[Diagnostic] = []

    def handler(diag) -> bool:
        collected.append(to_diagnostic(diag))
        return True

    handle = context.attach_diagnostic_handler(handler)
    try:
        yield collected
    finally:
        handle.detach()
