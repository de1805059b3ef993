"""What loaded plugins declared, kept without importing MLIR (so ``--help`` stays fast).

The project's own tables (the pass registry, the IRDL dialect list, the lowering patterns) get
these entries when they are needed: dialects when a context is made
(``onnx_mlir.dialects.load_dialects``), lowerings when ``convert-onnx-to-linalg`` meets an op of
that name, passes at once (the pass registry stores ``"module:Class"`` strings anyway).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from types import ModuleType


@dataclass
class Plugin:
    """One loaded plugin: the name it was asked for by, its module and what it registered."""

    name: str
    module: ModuleType | None
    origin: str  # where it came from: "--load-plugin", "ONNX_MLIR_PLUGINS", "entry point ..."
    passes: list[str] = field(default_factory=list)
    pipelines: list[str] = field(default_factory=list)
    dialects: list[str] = field(default_factory=list)
    lowerings: list[str] = field(default_factory=list)

    @property
    def file(self) -> str | None:
        return getattr(self.module, "__file__", None)


@dataclass(frozen=True)
class DialectDecl:
    """An IRDL dialect of a plugin, plus the Python module holding its ``OpView`` classes."""

    namespace: str
    source: str
    probe_op: str
    python_module: str | None = None


_PLUGINS: dict[str, Plugin] = {}
_DIALECTS: dict[str, DialectDecl] = {}
_LOWERINGS: dict[str, object] = {}  # op name -> pattern class or "module:Class"
_POINT_PASSES: dict[str, list[str]] = {}  # extension point -> pipeline texts, in load order


def add_plugin(plugin: Plugin) -> None:
    _PLUGINS[plugin.name] = plugin


def plugins() -> list[Plugin]:
    return list(_PLUGINS.values())


def is_loaded(name: str) -> bool:
    return name in _PLUGINS


def add_dialect(decl: DialectDecl) -> None:
    _DIALECTS[decl.namespace] = decl


def dialects() -> list[DialectDecl]:
    return list(_DIALECTS.values())


def add_lowering(op_name: str, target: object) -> None:
    _LOWERINGS[op_name] = target


def has_lowering(op_name: str) -> bool:
    return op_name in _LOWERINGS


def lowered_op_names() -> list[str]:
    return list(_LOWERINGS)


def lowering_class(op_name: str) -> type | None:
    """The pattern class a plugin registered for ``op_name`` (imported now if given as text)."""
    target = _LOWERINGS.get(op_name)
    if isinstance(target, str):
        module_name, _, class_name = target.partition(":")
        target = getattr(importlib.import_module(module_name), class_name)
        _LOWERINGS[op_name] = target
    return target  # type: ignore[return-value]


def add_point_passes(point: str, text: str) -> None:
    _POINT_PASSES.setdefault(point, []).append(text)


def point_passes() -> dict[str, list[str]]:
    return {point: list(texts) for point, texts in _POINT_PASSES.items()}


def remove_plugin(name: str) -> None:
    """Forget a plugin whose ``register`` failed (what it registered before failing stays)."""
    _PLUGINS.pop(name, None)
