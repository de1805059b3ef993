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
    code = re.search(r"```python\n(.*?)```", README.read_text(), re.S).group(1)
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
