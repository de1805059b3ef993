"""``onnx-verify``: report malformed onnx ops before the project passes read them (see
:mod:`onnx_mlir.dialects.onnx_verifier`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from mlir import ir

from ..dialects.onnx_verifier import verify_onnx_ops
from .registry import ModulePass, PassFailure


@dataclass
class OnnxVerifyPass(ModulePass):
    """Attribute kinds, segment sizes, tensor types and sizes of every onnx op;
    :class:`onnx_mlir.passes.Pipeline` runs it before the first project pass."""

    name: ClassVar[str] = "onnx-verify"
    summary: ClassVar[str] = ("Check onnx ops' attribute kinds, segment sizes and tensor types "
                              "(run before any project pass)")

    def run(self, module: ir.Module) -> None:
        if verify_onnx_ops(module):
            raise PassFailure(self.name)
