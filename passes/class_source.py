"""A pass class's source, read without importing its module (listing passes stays fast and
imports no stage)."""

from __future__ import annotations

import ast
import importlib.util


def class_node(target: str) -> ast.ClassDef | None:
    """The ``class`` statement of ``target`` (``"module:Class"``), or None when it cannot be read."""
    module_name, _, class_name = target.partition(":")
    try:
        spec = importlib.util.find_spec(module_name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin or not spec.origin.endswith(".py"):
        return None
    try:
        with open(spec.origin, encoding="utf-8") as source:
            tree = ast.parse(source.read())
    except (OSError, SyntaxError):
        return None
    return next((node for node in tree.body
                 if isinstance(node, ast.ClassDef) and node.name == class_name), None)
