"""The options of a project pass (its dataclass fields) for ``--help``, without importing it.

Pass classes are registered as ``"module:Class"`` strings so that listing them imports no
lowering; their options are read from the module's source with ``ast`` (a few milliseconds)
instead. A class registered as an object is asked directly.
"""

from __future__ import annotations

import ast
import dataclasses
from dataclasses import dataclass

from .class_source import class_node


@dataclass(frozen=True)
class PassOption:
    name: str  # as written on the command line (dashes)
    type: str
    default: str


def _from_class(cls: type) -> list[PassOption]:
    if not dataclasses.is_dataclass(cls):
        return []
    options = []
    for f in dataclasses.fields(cls):
        if not f.init:
            continue
        default = "" if f.default is dataclasses.MISSING else repr(f.default)
        type_name = f.type if isinstance(f.type, str) else getattr(f.type, "__name__", str(f.type))
        options.append(PassOption(f.name.replace("_", "-"), type_name, default))
    return options


def _from_source(cls: ast.ClassDef) -> list[PassOption]:
    options = []
    for node in cls.body:
        if not (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)):
            continue
        annotation = ast.unparse(node.annotation)
        if annotation.startswith(("ClassVar", "typing.ClassVar")) or node.target.id.startswith("_"):
            continue
        default = ast.unparse(node.value) if node.value is not None else ""
        options.append(PassOption(node.target.id.replace("_", "-"), annotation, default))
    return options


def pass_options(target: str | type) -> list[PassOption]:
    """The options of the pass class ``target`` (a class or ``"module:Class"``); [] if unknown.
    Base-class fields are not followed for source-read classes (project passes have none)."""
    if isinstance(target, type):
        return _from_class(target)
    cls = class_node(target)
    return _from_source(cls) if cls is not None else []
