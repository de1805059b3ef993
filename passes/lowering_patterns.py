"""Lowering patterns by op name, for ops of any loaded dialect.

``convert-onnx-to-linalg`` lowers each op with the pattern registered here for its name
(``onnx.*`` ops, a plugin's own ops alike); ``onnx-decompose`` expands the onnx ops that have
none. Pattern modules register on import (``@register_pattern`` in
``lowering/onnx_to_linalg/pattern.py``); the modules of ``catalog.PATTERN_MODULES`` are imported
on the first question, so asking does not make the asker import the lowering.

A pattern is any object with ``rewrite(op) -> replacement values`` (see ``OnnxLoweringPattern``).
"""

from __future__ import annotations

import importlib
from typing import Any

from . import catalog

_PATTERNS: dict[str, Any] = {}
_loaded = False


def register_lowering(op_name: str, pattern: Any) -> None:
    """Make ``pattern`` the lowering of ops named ``op_name`` (replacing any earlier one)."""
    _PATTERNS[op_name] = pattern


def _load() -> None:
    global _loaded
    if not _loaded:
        _loaded = True
        for module in catalog.PATTERN_MODULES:
            importlib.import_module(module)


def lowering_for(op_name: str) -> Any | None:
    """The pattern lowering ops named ``op_name`` (the project's, else one a plugin registered,
    instantiated now), or None."""
    _load()
    pattern = _PATTERNS.get(op_name)
    if pattern is None:
        from ..plugins.registry import has_lowering, lowering_class

        if has_lowering(op_name):
            pattern = _PATTERNS[op_name] = lowering_class(op_name)()
    return pattern


def lowered_op_names() -> list[str]:
    """The names of every op with a lowering (plugins' included), sorted."""
    from ..plugins.registry import lowered_op_names as plugin_op_names

    _load()
    return sorted(set(_PATTERNS) | set(plugin_op_names()))
