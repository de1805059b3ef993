"""Typed errors raised by the public API.

Every error that reaches a user carries MLIR-style diagnostics (location + message) so that the
command-line tools can print them as ``file:line:col: error: message`` and exit 1 without a Python
traceback.
"""

from __future__ import annotations

import contextlib
import sys
import warnings
from dataclasses import dataclass
from typing import Iterator


@dataclass(frozen=True)
class Diagnostic:
    """One diagnostic: a severity, a printable location and a message, plus attached notes."""

    severity: str  # "error", "warning", "note" or "remark"
    location: str  # e.g. '"model.mlir":3:8' or '"conv1"("Conv")'
    message: str
    notes: tuple["Diagnostic", ...] = ()
    line: int | None = None  # set for file locations, used by --verify-diagnostics
    column: int | None = None

    def format(self, filename: str | None = None) -> str:
        loc = self.location
        if self.line is not None and filename is not None:
            loc = f"{filename}:{self.line}:{self.column}"
        text = f"{loc}: {self.severity}: {self.message}"
        for note in self.notes:
            text += "\n" + note.format(filename)
        return text


class OnnxMlirError(Exception):
    """Base class of every error raised by onnx-mlir-py."""

    def __init__(self, message: str, diagnostics: list[Diagnostic] | tuple[Diagnostic, ...] = ()):
        super().__init__(message)
        self.diagnostics = tuple(diagnostics)

    def __str__(self) -> str:
        message = super().__str__()
        if not self.diagnostics:
            return message
        return message + "\n" + "\n".join(d.format() for d in self.diagnostics)

    def format(self, filename: str | None = None) -> str:
        """Diagnostics as a compiler prints them (``location: error: message``)."""
        if not self.diagnostics:
            return f"error: {self.args[0]}"
        return "\n".join(d.format(filename) for d in self.diagnostics)


class OnnxImportError(OnnxMlirError, ImportError):
    """The ONNX model cannot be read or expressed in the onnx dialect.

    ``node``, ``op_type``, ``domain`` and ``opset`` name the culprit when one node is to blame.
    """

    def __init__(self, message: str, *, node: str | None = None, op_type: str | None = None,
                 domain: str | None = None, opset: int | None = None):
        where = ""
        if node is not None or op_type is not None:
            dom = domain or "ai.onnx"
            where = f"node '{node}' ({dom}::{op_type}, opset {opset}): "
        OnnxMlirError.__init__(self, where + message)
        self.node, self.op_type, self.domain, self.opset = node, op_type, domain, opset


class CompilationError(OnnxMlirError):
    """A pass or pipeline failed; ``diagnostics`` hold the MLIR errors with their locations."""


class InputError(OnnxMlirError, ValueError):
    """Inputs given to a compiled model do not match its signature (name, dtype or shape)."""


class ExecutionError(OnnxMlirError, RuntimeError):
    """A run-time check of the compiled code failed (shapes that do not agree, an index out of
    range); ``node`` and ``op_type`` name the ONNX node, ``values`` hold the sizes it reported.

    The compiled code stopped before touching memory outside its buffers; the model can be run
    again.
    """

    def __init__(self, message: str, *, node: str, op_type: str, values: tuple[int, ...] = ()):
        location = f'"{node}"("{op_type}")'
        OnnxMlirError.__init__(self, f"node '{node}' ({op_type}): {message}",
                               [Diagnostic("error", location, message)])
        self.node, self.op_type, self.values = node, op_type, tuple(values)


class OnnxMlirWarning(UserWarning):
    """Base class of the warnings of onnx-mlir-py (the command-line tools print them as
    ``warning: ...`` and go on)."""


class OptLevelWarning(OnnxMlirWarning):
    """``opt_level="auto"`` compiled a function too large for LLVM's optimiser at O0: the code
    runs slower (much slower for convolutions) than at O3, which compiles in superlinear time."""


class ShapeWarning(OnnxMlirWarning):
    """A declared shape (graph output, value_info) disagrees with the shape the operators
    compute; the computed shape is used."""


@contextlib.contextmanager
def print_warnings(prefix: str) -> Iterator[None]:
    """Within the block, print onnx-mlir-py's warnings on stderr as ``prefix: warning: message``
    (each one every time it is raised); other warnings keep Python's handling."""
    shown = warnings.showwarning

    def show(message, category, filename, lineno, file=None, line=None):
        if issubclass(category, OnnxMlirWarning):
            print(f"{prefix}: warning: {message}", file=sys.stderr)
        else:
            shown(message, category, filename, lineno, file, line)

    with warnings.catch_warnings():
        warnings.simplefilter("always", OnnxMlirWarning)
        warnings.showwarning = show
        yield
