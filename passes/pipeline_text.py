"""Pipeline texts: ``builtin.module(a, b{x=1 y=true}, func.func(c))`` into elements, and named
pipelines (see ``registry.py``) expanded into theirs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import CompilationError
from .registry import get_pipeline, is_pipeline


@dataclass(frozen=True)
class PipelineElement:
    """One top-level element of a pipeline: ``name``, ``name{options}`` or ``anchor(nested)``."""

    name: str
    options: str | None = None  # text between the braces
    nested: str | None = None  # text between the parentheses (an op-anchored sub-pipeline)

    @property
    def text(self) -> str:
        if self.nested is not None:
            return f"{self.name}({self.nested})"
        if self.options is not None:
            return f"{self.name}{{{self.options}}}"
        return self.name


def split_top_level(text: str, sep: str = ",") -> list[str]:
    """Split on ``sep`` outside brackets and quotes; empty pieces are dropped."""
    parts, depth, quote, start = [], 0, "", 0
    for i, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch in "({[":
            depth += 1
        elif ch in ")}]":
            depth -= 1
            if depth < 0:
                raise CompilationError(f"unbalanced '{ch}' in pipeline '{text}'")
        elif depth == 0 and (ch == sep or (sep == " " and ch.isspace())):
            parts.append(text[start:i])
            start = i + 1
    if depth != 0 or quote:
        raise CompilationError(f"unbalanced brackets or quotes in pipeline '{text}'")
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


_ELEMENT = re.compile(r"^([A-Za-z0-9_.\-]+)\s*(.*)$", re.S)


def parse_pipeline(text: str) -> list[PipelineElement]:
    """Parse ``builtin.module(a, b{x=1 y=true}, func.func(c))`` or a plain ``a, b{x=1}`` list."""
    elements = [_parse_element(piece) for piece in split_top_level(text.strip())]
    if len(elements) == 1 and elements[0].name == "builtin.module" and elements[0].nested is not None:
        return parse_pipeline(elements[0].nested)
    return elements


def _parse_element(piece: str) -> PipelineElement:
    match = _ELEMENT.match(piece)
    if not match:
        raise CompilationError(f"cannot parse pipeline element '{piece}'")
    name, rest = match.group(1), match.group(2).strip()
    if not rest:
        return PipelineElement(name)
    if rest.startswith("{") and rest.endswith("}"):
        return PipelineElement(name, options=rest[1:-1].strip())
    if rest.startswith("(") and rest.endswith(")"):
        return PipelineElement(name, nested=rest[1:-1].strip())
    raise CompilationError(f"cannot parse pipeline element '{piece}'")


def expand_pipelines(elements: list[PipelineElement], _seen: tuple[str, ...] = ()) -> list[PipelineElement]:
    """Replace named pipelines by their elements (recursively)."""
    out: list[PipelineElement] = []
    for el in elements:
        if el.nested is None and is_pipeline(el.name):
            if el.options:
                raise CompilationError(f"pipeline '{el.name}' takes no options")
            if el.name in _seen:
                raise CompilationError(f"pipeline '{el.name}' refers to itself")
            out.extend(expand_pipelines(parse_pipeline(get_pipeline(el.name).text), _seen + (el.name,)))
        else:
            out.append(el)
    return out


def leaf_upstream_elements(el: PipelineElement) -> list[tuple[str, str]]:
    """(label, text) of each upstream pass inside ``el``, keeping its anchors (for IR printing)."""
    if el.nested is None:
        return [(el.name, el.text)]
    leaves = []
    for sub in parse_pipeline(el.nested) if el.nested.strip() else []:
        for label, text in leaf_upstream_elements(sub):
            leaves.append((label, f"{el.name}({text})"))
    return leaves
