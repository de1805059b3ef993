"""Plugins: outside code that adds dialects, passes, lowerings and pipelines to onnx-mlir-py.

A plugin is a Python module (or an installed distribution) with a function ``register(api)``::

    def register(api):
        api.register_dialect(path=HERE / "gelu.irdl.mlir", python_module="my_plugin.ops")
        api.register_pass("my_plugin.passes:FuseGeluPass", name="fuse-gelu",
                          summary="Erf-based GELU subgraphs -> gelu.fused")
        api.register_lowering("gelu.fused", "my_plugin.lowering:FusedGeluLowering")
        api.register_pipeline("gelu-opt", "builtin.module(fuse-gelu)", "GELU fusion")

It is loaded by ``--load-plugin=module_or_path`` (``onnx-mlir``, ``onnx-mlir-opt``),
``$ONNX_MLIR_PLUGINS`` (commas; colons between paths) or, when installed, from the entry-point group
``onnx_mlir.plugins``; ``onnx_mlir.compile()`` and the tools load the last two on first use.
``compile(model, extra_passes={"after-onnx": "gelu-opt"})`` (``onnx-mlir --extra-passes``) runs
passes at a named point of the pipeline (``points.py``). See docs/extending.md.
"""

from __future__ import annotations

from .api import PluginAPI
from .errors import PluginError
from .loader import ENTRY_POINT_GROUP, ensure_loaded, load_plugin, load_plugins
from .points import POINTS, check_point
from .registry import Plugin, plugins

__all__ = ["ENTRY_POINT_GROUP", "POINTS", "Plugin", "PluginAPI", "PluginError", "check_point",
           "ensure_loaded", "load_plugin", "load_plugins", "plugins"]
