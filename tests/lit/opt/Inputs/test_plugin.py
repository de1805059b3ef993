"""A plugin for the lit tests of --load-plugin, plugin errors and --debug-traceback."""

from dataclasses import dataclass
from typing import ClassVar

from onnx_mlir.passes.registry import ModulePass


@dataclass
class TagPass(ModulePass):
    """Put the unit attribute ``test.<tag>`` on the module."""

    name: ClassVar[str] = "test-plugin-tag"
    summary: ClassVar[str] = "Tag the module (test plugin)"
    tag: str = "tagged"

    def run(self, module):
        from mlir import ir

        with module.context:
            module.operation.attributes[f"test.{self.tag}"] = ir.UnitAttr.get()


@dataclass
class RaisingPass(ModulePass):
    name: ClassVar[str] = "test-plugin-raise"
    summary: ClassVar[str] = "Raise a ValueError, as a buggy plugin pass would"

    def run(self, module):
        raise ValueError("bad value in the plugin")  # RAISE-LINE


def register(api):
    api.register_pass(TagPass)
    api.register_pass(RaisingPass)
    api.register_pipeline("test-plugin-pipeline", "builtin.module(test-plugin-tag{tag=piped}, cse)",
                          "The test plugin's pipeline")
