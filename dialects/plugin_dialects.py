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
            _import_op_classes(decl.python_module, decl.namespace)


def _import_op_classes(module_name: str, namespace: str) -> None:
    """Import the ``OpView`` classes' module. The bindings find a dialect's classes by importing
    ``<prefix>.<namespace>``, so a module named ``<package>.<namespace>`` makes ``<package>`` a
    search prefix."""
    from mlir.dialects._ods_common import _cext

    importlib.import_module(module_name)
    package, _, last = module_name.rpartition(".")
    if package and last == namespace:
        _cext.globals.append_dialect_search_prefix(package)
