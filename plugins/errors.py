"""Errors of plugins, located in the plugin's own source.

A bug in a plugin (an exception in ``register`` or in one of its passes) is reported as
``file:line: error: plugin 'name': ValueError: message`` at the innermost frame of the plugin's
code, not as the tools' anonymous ``internal error``.
"""

from __future__ import annotations

import os
import traceback
from types import TracebackType

from ..errors import Diagnostic, OnnxMlirError


class PluginError(OnnxMlirError):
    """A plugin cannot be found, loaded or registered, or its code raised an exception."""


def _plugin_roots() -> list[tuple[str, str]]:
    """(plugin name, folder of its code) of every loaded plugin."""
    from .registry import plugins

    roots = []
    for plugin in plugins():
        if plugin.file:
            folder = os.path.dirname(os.path.abspath(plugin.file))
            roots.append((plugin.name, folder))
    return roots


def innermost_frame(tb: TracebackType | None, roots: list[tuple[str, str]] | None = None
                    ) -> tuple[str | None, traceback.FrameSummary | None]:
    """(plugin name, frame) of the innermost frame in a plugin's code; (None, innermost frame of
    all) when no plugin frame is on the stack."""
    frames = traceback.extract_tb(tb)
    for frame in reversed(frames):
        path = os.path.abspath(frame.filename)
        for name, folder in roots if roots is not None else _plugin_roots():
            if path.startswith(folder + os.sep):
                return name, frame
    return None, (frames[-1] if frames else None)


def located_error(exc: BaseException, plugin: str | None = None) -> PluginError | None:
    """A :class:`PluginError` at the plugin frame that raised ``exc``; None when no plugin's code
    is on the traceback (and no ``plugin`` is named)."""
    name, frame = innermost_frame(exc.__traceback__)
    name = name or plugin
    if name is None or frame is None:
        return None
    message = f"plugin '{name}': {type(exc).__name__}: {exc}"
    where = f"{frame.filename}:{frame.lineno}"
    diag = Diagnostic("error", where, f"{message} (in {frame.name})", line=frame.lineno, column=1)
    return PluginError(message, [diag])


def format_internal_error(prog: str, exc: BaseException) -> str:
    """One or two lines for an unexpected exception: located in a plugin when one raised it,
    else ``internal error`` with the innermost Python frame."""
    located = located_error(exc)
    if located is not None:
        return f"{prog}: {located.format()}"
    _, frame = innermost_frame(exc.__traceback__, roots=[])
    where = f" (at {frame.filename}:{frame.lineno} in {frame.name})" if frame else ""
    return (f"{prog}: internal error: {type(exc).__name__}: {exc}{where}\n"
            f"{prog}: note: rerun with --debug-traceback (or ONNX_MLIR_TRACEBACK=1) for the "
            "Python traceback")


def traceback_requested(argv: list[str] | None = None) -> bool:
    """--debug-traceback on the command line, or ONNX_MLIR_TRACEBACK=1 in the environment."""
    if os.environ.get("ONNX_MLIR_TRACEBACK", "") not in ("", "0"):
        return True
    return any(a.lstrip("-") == "debug-traceback" for a in argv or ())
