"""The recipe of dialects/README.md: a researcher's own IRDL dialect with one hand-written op."""

import importlib
import re
import sys
from pathlib import Path

import numpy as np
import pytest
from mlir import ir

README = Path(__file__).resolve().parents[2] / "dialects" / "README.md"


@pytest.fixture(scope="module")
def toy(tmp_path_factory):
    """Import the README's code block as `my_dialects.toy`, so that the documentation cannot rot."""
    code = "\n".join(re.findall(r"```python\n(.*?)```", README.read_text(), re.S))
    root = tmp_path_factory.mktemp("researcher")
    (root / "my_dialects").mkdir()
    (root / "my_dialects" / "__init__.py").write_text("")
    (root / "my_dialects" / "toy.py").write_text(code)
    sys.path.insert(0, str(root))
    try:
        module = importlib.import_module("my_dialects.toy")
    finally:
        sys.path.remove(str(root))
    return vars(module)


def test_custom_op_parses_verifies_and_has_accessors(toy):
    with toy["make_context"]():
        module = ir.Module.parse("""
        func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
          %0 = "toy.scale"(%x) {factor = 2.5 : f32} : (tensor<4xf32>) -> tensor<4xf32>
          return %0 : tensor<4xf32>
        }""")
        op = module.body.operations[0].regions[0].blocks[0].operations[0]
        assert isinstance(op, toy["ScaleOp"])
        assert op.factor == 2.5


def test_custom_op_verifier_and_builder(toy):
    with toy["make_context"](), ir.Location.unknown():
        with pytest.raises(ir.MLIRError, match='attribute "factor" is expected'):
            ir.Module.parse("""
            func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
              %0 = "toy.scale"(%x) : (tensor<4xf32>) -> tensor<4xf32>
              return %0 : tensor<4xf32>
            }""")
        t = ir.RankedTensorType.get([4], ir.F32Type.get())
        module = ir.Module.parse("func.func @g(%x: tensor<4xf32>) { return }")
        block = module.body.operations[0].regions[0].blocks[0]
        with ir.InsertionPoint.at_block_begin(block):
            op = toy["ScaleOp"](t, block.arguments[0], 3.0)
        assert module.operation.verify() and op.factor == 3.0
        # The project's own dialect is loaded beside it.
        assert ir.Context.current.is_registered_operation("onnx.add")


TOY_MODEL = """
func.func @main_graph(%x: tensor<4xf32> {onnx.name = "x"}) -> (tensor<4xf32> {onnx.name = "y"}) {
  %0 = "onnx.relu"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "toy.scale"(%0) {factor = 2.5 : f32} : (tensor<4xf32>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}"""


@pytest.fixture
def toy_scale_lowering(toy, monkeypatch):
    """A lowering pattern for `toy.scale`, registered as dialects/README.md says (removed after)."""
    from mlir.dialects import arith, linalg, tensor

    from onnx_mlir.lowering.onnx_to_linalg.pattern import OnnxLoweringPattern
    from onnx_mlir.passes import lowering_patterns

    class LowerScale(OnnxLoweringPattern):
        op_names = ("toy.scale",)

        def rewrite(self, op):
            x = op.operation.operands[0]
            t = ir.RankedTensorType(x.type)
            factor = arith.constant(t.element_type, op.factor)
            out = tensor.empty(list(t.shape), t.element_type)
            identity = ir.AffineMap.get_identity(t.rank)

            @linalg.generic([x], [out], [identity, identity],
                            [linalg.IteratorType.parallel] * t.rank)
            def scaled(a, _):
                return arith.mulf(a, factor)

            return [scaled]

    lowering_patterns.lowered_op_names()  # the built-in patterns first
    monkeypatch.setitem(lowering_patterns._PATTERNS, "toy.scale", LowerScale())


def test_custom_op_lowers_through_convert_onnx_to_linalg(toy, toy_scale_lowering):
    """The conversion applies registered patterns to ops of any dialect: `toy.scale` lowers with
    the onnx ops around it, then compiles and runs."""
    from onnx_mlir.compiler import cpu_artifact_from_linalg
    from onnx_mlir.passes import run_pipeline
    from onnx_mlir.runtime.compiled_model import CompiledModel

    with toy["make_context"]():
        module = ir.Module.parse(TOY_MODEL)
        run_pipeline(module, "builtin.module(convert-onnx-to-linalg)")
        text = str(module)
        assert "toy." not in text and "onnx." not in text.replace("onnx.name", "")
        assert "linalg.generic" in text
        model = CompiledModel.load(cpu_artifact_from_linalg(module))
    x = np.array([-1.0, 0.5, 2.0, -3.0], np.float32)
    (y,) = model.run(None, {"x": x})
    np.testing.assert_allclose(y, np.maximum(x, 0) * 2.5)


def test_custom_op_without_lowering_fails_to_legalize(toy, monkeypatch):
    """Without a pattern, the conversion reports the op at its location (not a later
    bufferization error)."""
    from onnx_mlir.errors import CompilationError
    from onnx_mlir.passes import lowering_patterns, run_pipeline

    lowering_patterns.lowered_op_names()  # the built-in patterns first
    # (the README's own code registers a LowerScale pattern: take it away for this test)
    monkeypatch.delitem(lowering_patterns._PATTERNS, "toy.scale", raising=False)

    with toy["make_context"]():
        module = ir.Module.parse(TOY_MODEL)
        with pytest.raises(CompilationError) as info:
            run_pipeline(module, "builtin.module(convert-onnx-to-linalg)")
    message = info.value.format()
    assert "failed to legalize operation 'toy.scale': no lowering to linalg" in message
    assert ":4:8:" in message  # the op's line and column in TOY_MODEL
