"""The dialects that plugins declared (``onnx_mlir.plugins``) join the project's dialects.

Plugins record IRDL text without importing MLIR; here, when a context is made, each becomes an
:class:`IRDLDialect` and the module holding its ``OpView`` classes is imported.
"""

from __future__ import annotations

import importlib

from .irdl_dialect import IRDLDialect, register_irdl_dialect, registered_dialects


def register_plugin_dialects() -> None:
    """Load the installed / ``$ONNX_MLIR_PLUGINS`` plugins (once) and register their dialects."""
    from ..plugins import ensure_loaded
    from ..plugins.registry import dialects

    ensure_loaded()
    known = {d.namespace for d in registered_dialects()}
    for decl in dialects():
        if decl.namespace in known:
            continue
        register_irdl_dialect(IRDLDialect(decl.namespace, decl.source, decl.probe_op))
        if decl.python_module:
            importlib.import_module(decl.python_module)
