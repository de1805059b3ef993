"""The recipe of dialects/README.md: a researcher's own IRDL dialect with one hand-written op."""

import importlib
import re
import sys
from pathlib import Path

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


def test_custom_op_lowers_through_convert_onnx_to_linalg(toy):
    """The README's LowerScale pattern: the toy op becomes a linalg.generic, and the module runs."""
    import numpy as np

    from onnx_mlir.compiler import cpu_artifact_from_linalg
    from onnx_mlir.passes import run_pipeline
    from onnx_mlir.runtime.compiled_model import CompiledModel

    with toy["make_context"]() as context:
        module = ir.Module.parse("""
        func.func @main_graph(%x: tensor<4xf32> {onnx.name = "x"}) -> (tensor<4xf32> {onnx.name = "y"}) {
          %0 = "toy.scale"(%x) {factor = 2.5 : f32} : (tensor<4xf32>) -> tensor<4xf32>
          return %0 : tensor<4xf32>
        }""", context)
        run_pipeline(module, "builtin.module(convert-onnx-to-linalg{runtime-checks=false}, canonicalize)")
        assert "toy.scale" not in str(module) and "linalg.generic" in str(module)
        model = CompiledModel.load(cpu_artifact_from_linalg(module))
    (y,) = model.run(None, {"x": np.arange(4, dtype=np.float32)})
    np.testing.assert_allclose(y, np.arange(4, dtype=np.float32) * 2.5)
