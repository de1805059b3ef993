"""The pass registry: project passes and named pipelines by name.

A leaf: it imports nothing from the stages (``lowering/``, ``compiler/``, ``runtime/``). The
built-in entries are data (``catalog.py``: ``"module:Class"`` strings and pipeline texts), a
plugin adds its own with :func:`register_pass` / :func:`register_pipeline`. A pass's class is
imported on first use; listing passes reads each summary from the class's source without
importing it, so ``--help`` stays fast.

Parsing pipeline texts is ``pipeline_text.py``, pass options ``pass_options.py``, running a
pipeline ``runner.py`` (:func:`onnx_mlir.passes.run_pipeline`).
"""

from __future__ import annotations

import ast
import importlib
from dataclasses import dataclass

from ..errors import CompilationError
from . import catalog
from .class_source import class_node
from .pass_base import ModulePass, PassFailure


@dataclass(frozen=True)
class PassInfo:
    """A registered project pass: where its class lives."""

    name: str
    target: str  # "package.module:ClassName"


@dataclass(frozen=True)
class PipelineInfo:
    """A named pipeline: a pipeline text (or a ``"module:ATTRIBUTE"`` reference to one) that
    replaces the name wherever it appears."""

    name: str
    source: str
    summary: str
    is_reference: bool = False

    @property
    def text(self) -> str:
        if not self.is_reference:
            return self.source
        module_name, _, attribute = self.source.partition(":")
        try:
            return getattr(importlib.import_module(module_name), attribute)
        except (ImportError, AttributeError) as exc:
            raise CompilationError(
                f"pipeline '{self.name}' cannot be loaded from '{self.source}': {exc}") from exc


_PASSES: dict[str, PassInfo] = {}
_PIPELINES: dict[str, PipelineInfo] = {}
_CLASSES: dict[str, type[ModulePass]] = {}


def register_pass(name: str, target: str | type[ModulePass], summary: str = "") -> None:
    """Register a project pass by ``"module:Class"`` string (imported on first use) or class.

    The summary shown by ``--help`` is the class's ``summary``; the ``summary`` argument is
    accepted for older callers and ignored."""
    del summary
    if isinstance(target, type):
        _CLASSES[name] = target
        target = f"{target.__module__}:{target.__qualname__}"
    else:
        _CLASSES.pop(name, None)
    _PASSES[name] = PassInfo(name, target)


def register_pipeline(name: str, text: str, summary: str = "") -> None:
    """Register a named pipeline, usable as a pipeline element or a tool flag."""
    _PIPELINES[name] = PipelineInfo(name, text, summary)


def unregister(name: str) -> None:
    """Forget pass or pipeline ``name`` (tests, plugins replacing a built-in)."""
    _PASSES.pop(name, None)
    _CLASSES.pop(name, None)
    _PIPELINES.pop(name, None)


def is_project_pass(name: str) -> bool:
    return name in _PASSES


def is_pipeline(name: str) -> bool:
    return name in _PIPELINES


def registered_passes() -> dict[str, str]:
    """``{name: "module:Class"}`` of every project pass."""
    return {name: info.target for name, info in _PASSES.items()}


def get_pass_class(name: str) -> type[ModulePass]:
    """The class of project pass ``name``, imported on demand."""
    if name in _CLASSES:
        return _CLASSES[name]
    info = _PASSES.get(name)
    if info is None:
        raise CompilationError(f"unknown pass '{name}'")
    module_name, _, class_name = info.target.partition(":")
    try:
        cls = getattr(importlib.import_module(module_name), class_name)
    except (ImportError, AttributeError) as exc:
        raise CompilationError(f"pass '{name}' cannot be loaded from '{info.target}': {exc}") from exc
    _CLASSES[name] = cls
    return cls


def pass_summary(name: str) -> str:
    """The ``summary`` of pass ``name``'s class: read from its source when the class is not
    imported yet (a string literal there), else from the imported class."""
    if name not in _CLASSES:
        summary = _summary_from_source(_PASSES[name].target)
        if summary is not None:
            return summary
    try:
        return get_pass_class(name).summary
    except CompilationError as exc:
        return f"(cannot be loaded: {exc})"


def _summary_from_source(target: str) -> str | None:
    """``summary = "..."`` in the body of class ``target`` ("module:Class"), found without
    importing the module (the stages' modules import MLIR and each other)."""
    node = class_node(target)
    for stmt in node.body if node is not None else ():
        target_node = stmt.target if isinstance(stmt, ast.AnnAssign) else \
            (stmt.targets[0] if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 else None)
        if isinstance(target_node, ast.Name) and target_node.id == "summary" and \
                isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str):
            return stmt.value.value
    return None


def list_passes() -> list[tuple[str, str]]:
    """(name, summary) of every project pass, sorted, without importing the pass modules."""
    return sorted((name, pass_summary(name)) for name in _PASSES)


def list_pipelines() -> list[tuple[str, str]]:
    """(name, summary) of every named pipeline, sorted."""
    return sorted((p.name, p.summary) for p in _PIPELINES.values())


def get_pipeline(name: str) -> PipelineInfo:
    return _PIPELINES[name]


def _register_builtins() -> None:
    for name, target in catalog.PASSES.items():
        register_pass(name, target)
    for name, (text, summary) in catalog.PIPELINES.items():
        register_pipeline(name, text, summary)
    for name, (reference, summary) in catalog.PIPELINE_REFERENCES.items():
        _PIPELINES[name] = PipelineInfo(name, reference, summary, is_reference=True)


_register_builtins()


# Older code imported everything from this one module: the pipeline parser and runner are
# above the registry now (they use it), so they are reached lazily, by name.
_MOVED = {
    "PipelineElement": "pipeline_text", "parse_pipeline": "pipeline_text",
    "expand_pipelines": "pipeline_text",
    "instantiate_pass": "pass_options",
    "Pipeline": "runner", "run_pipeline": "runner",
}


def __getattr__(attribute: str):
    if attribute in _MOVED:
        return getattr(importlib.import_module(f"{__package__}.{_MOVED[attribute]}"), attribute)
    raise AttributeError(f"module {__name__!r} has no attribute {attribute!r}")


__all__ = ["ModulePass", "PassFailure", "PassInfo", "PipelineInfo", "get_pass_class",
           "get_pipeline", "is_pipeline", "is_project_pass", "list_passes", "list_pipelines",
           "pass_summary", "register_pass", "register_pipeline", "registered_passes", "unregister"]
