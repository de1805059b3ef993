"""The base class of project passes and the exception a failing pass raises.

A leaf: pass modules anywhere (``passes/``, ``lowering/``, plugins) derive from
:class:`ModulePass` without importing the registry or the pipeline runner.
"""

from __future__ import annotations

from typing import ClassVar

from mlir import ir


class PassFailure(Exception):
    """Raised by a project pass after it emitted its errors with ``location.emit_error``."""


class ModulePass:
    """Base of project passes.

    Subclasses are ``@dataclass`` classes: the class variables ``name`` (the command-line
    argument) and ``summary`` (one line, shown by ``--help``) describe the pass, and are the only
    place either is written; the dataclass fields are its options (``name{field=value}``, ``-``
    and ``_`` interchangeable in option names).
    """

    name: ClassVar[str] = ""
    summary: ClassVar[str] = ""

    def run(self, module: ir.Module) -> None:  # pragma: no cover - abstract
        raise NotImplementedError
