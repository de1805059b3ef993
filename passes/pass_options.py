"""Pass options: ``pass{count=4 flag label='a b' sizes=1,2,3}`` into the pass dataclass's
fields, converted to each field's annotation (int, float, bool, str, list[...], Optional[...])."""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any, Union

from ..errors import CompilationError
from .pass_base import ModulePass
from .pipeline_text import split_top_level
from .registry import get_pass_class


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    if len(value) >= 2 and value[0] == "{" and value[-1] == "}":
        return value[1:-1]
    return value


def convert_option(value: str, annotation: Any, where: str) -> Any:
    """Convert option text to ``annotation`` (int, float, bool, str, list[...], Optional[...])."""
    origin = typing.get_origin(annotation)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if value.lower() in ("none", "") and len(args) < len(typing.get_args(annotation)):
            return None
        return convert_option(value, args[0], where)
    if origin in (list, tuple):
        (item,) = typing.get_args(annotation)[:1] or (str,)
        items = [v.strip() for v in _unquote(value).split(",") if v.strip()]
        converted = [convert_option(v, item, where) for v in items]
        return converted if origin is list else tuple(converted)
    value = _unquote(value)
    try:
        if annotation is bool:
            lowered = value.lower()
            if lowered in ("true", "1", "yes", "on"):
                return True
            if lowered in ("false", "0", "no", "off"):
                return False
            raise ValueError(value)
        if annotation is int:
            return int(value, 0)
        if annotation is float:
            return float(value)
    except ValueError:
        raise CompilationError(f"{where}: invalid value '{value}' (expected {annotation.__name__})") from None
    return value


def option_name(field_name: str) -> str:
    return field_name.replace("_", "-")


def instantiate_pass(name: str, options: str | None = None) -> ModulePass:
    """Build project pass ``name`` with options given as ``key=value key2=value2`` text."""
    cls = get_pass_class(name)
    fields = {f.name: f for f in dataclasses.fields(cls)} if dataclasses.is_dataclass(cls) else {}
    hints = typing.get_type_hints(cls) if fields else {}
    kwargs: dict[str, Any] = {}
    for item in split_top_level(options or "", sep=" "):
        key, eq, value = item.partition("=")
        field_name = key.strip().replace("-", "_")
        if field_name not in fields or not fields[field_name].init:
            valid = ", ".join(option_name(f) for f, fd in fields.items() if fd.init) or "none"
            raise CompilationError(
                f"pass '{name}' has no option '{key.strip()}' (valid options: {valid})")
        annotation = hints.get(field_name, str)
        if not eq:  # a bare flag means true, as in mlir-opt
            if annotation is not bool:
                raise CompilationError(f"pass '{name}': option '{key.strip()}' needs a value")
            value = "true"
        kwargs[field_name] = convert_option(value.strip(), annotation,
                                            f"pass '{name}', option '{key.strip()}'")
    return cls(**kwargs)
