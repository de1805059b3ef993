"""The object a plugin's ``register(api)`` receives: everything a plugin may add.

Each method records what it is given; nothing here imports MLIR, so loading plugins costs only
their own imports (keep the plugin's top-level module light: name classes as ``"module:Class"``
strings, imported when first used).
"""

from __future__ import annotations

import re
from pathlib import Path

from . import registry
from .errors import PluginError
from .points import check_point

_IRDL_OP = re.compile(r"irdl\.operation\s+@([\w.$-]+)")
_IRDL_DIALECT = re.compile(r"irdl\.dialect\s+@([\w$-]+)")


class PluginAPI:
    """Registration calls of one plugin (``plugin.name`` says which, in listings and errors)."""

    def __init__(self, plugin: registry.Plugin):
        self.plugin = plugin

    def register_dialect(self, *, irdl: str | None = None, path: str | Path | None = None,
                         python_module: str | None = None) -> str:
        """An IRDL dialect, from text or a ``.irdl.mlir`` file, loaded into every context of
        ``onnx_mlir.dialects.make_context()``. ``python_module`` (imported when a context is
        made) holds the ops' ``OpView`` classes, if any; name it ``<package>.<namespace>`` (the
        bindings look the classes up there). Returns the dialect's namespace."""
        if (irdl is None) == (path is None):
            raise PluginError(f"plugin '{self.plugin.name}': register_dialect needs irdl= or path=")
        source = irdl if irdl is not None else Path(path).read_text(encoding="utf-8")  # type: ignore[arg-type]
        dialect, op = _IRDL_DIALECT.search(source), _IRDL_OP.search(source)
        if dialect is None or op is None:
            raise PluginError(f"plugin '{self.plugin.name}': the IRDL text declares no "
                              "'irdl.dialect @name' with an 'irdl.operation'")
        namespace = dialect.group(1)
        registry.add_dialect(registry.DialectDecl(namespace, source, f"{namespace}.{op.group(1)}",
                                                  python_module))
        self.plugin.dialects.append(namespace)
        return namespace

    def register_pass(self, target: type | str, *, name: str | None = None,
                      summary: str = "") -> str:
        """A project-style pass: a ``ModulePass`` dataclass, or ``"module:Class"`` with its
        ``name`` (and a ``summary`` for listings) to import it only when it is used."""
        from ..passes.registry import register_pass

        if isinstance(target, str):
            if not name:
                raise PluginError(f"plugin '{self.plugin.name}': register_pass('{target}') "
                                  "needs name=")
            register_pass(name, target, summary)
        else:
            name = name or getattr(target, "name", "")
            if not name:
                raise PluginError(f"plugin '{self.plugin.name}': pass class {target.__name__} "
                                  "has no name")
            register_pass(name, target, summary)
        self.plugin.passes.append(name)
        return name

    def register_pipeline(self, name: str, text: str, summary: str = "") -> None:
        """A named pipeline, usable as a flag of the tools and inside other pipelines."""
        from ..passes.registry import register_pipeline

        register_pipeline(name, text, summary)
        self.plugin.pipelines.append(name)

    def register_lowering(self, op_names: str | list[str] | tuple[str, ...],
                          pattern: type | str) -> None:
        """The lowering of the plugin's own ops by ``convert-onnx-to-linalg``: an
        ``OnnxLoweringPattern`` subclass, or ``"module:Class"`` (imported at the first such op)."""
        for op_name in [op_names] if isinstance(op_names, str) else op_names:
            registry.add_lowering(op_name, pattern)
            self.plugin.lowerings.append(op_name)

    def add_passes(self, point: str, pipeline: str) -> None:
        """Run ``pipeline`` at ``point`` (e.g. ``after-onnx``) in every compilation: compile(),
        onnx-mlir. Prefer a named pipeline that users ask for when the passes change results."""
        registry.add_point_passes(check_point(point), pipeline)
