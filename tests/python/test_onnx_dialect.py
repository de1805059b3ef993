"""The generated onnx dialect: coverage of the schemas, accessors, builders, regeneration."""

import subprocess
import sys

import numpy as np
import onnx
import pytest
from mlir import ir
from onnx import defs

from onnx_mlir.dialects import make_context, onnx as onnx_d
from onnx_mlir.dialects._onnx_support import OnnxOp
from onnx_mlir.tools import gen_onnx_dialect


def _op_classes():
    return [c for c in vars(onnx_d).values()
            if isinstance(c, type) and issubclass(c, OnnxOp) and c.ONNX_OP_TYPE]


def test_every_default_domain_operator_is_an_op():
    schemas = {s.name for s in defs.get_all_schemas() if s.domain == ""}
    assert {c.ONNX_OP_TYPE for c in _op_classes()} == schemas
    ctx = make_context()
    for cls in _op_classes():
        assert ctx.is_registered_operation(cls.OPERATION_NAME), cls.OPERATION_NAME


def test_latest_schema_versions():
    for cls in _op_classes():
        assert cls.ONNX_SINCE_VERSION == defs.get_schema(cls.ONNX_OP_TYPE).since_version


@pytest.mark.parametrize("onnx_name, mlir_name", [
    ("GlobalAveragePool", "onnx.global_average_pool"),
    ("BatchNormalization", "onnx.batch_normalization"),
    ("MatMul", "onnx.mat_mul"),
    ("QLinearConv", "onnx.q_linear_conv"),
    ("LSTM", "onnx.lstm"),
    ("ReduceL2", "onnx.reduce_l2"),
    ("Col2Im", "onnx.col2im"),
    ("If", "onnx.if"),
])
def test_op_names_are_snake_case(onnx_name, mlir_name):
    cls = next(c for c in _op_classes() if c.ONNX_OP_TYPE == onnx_name)
    assert cls.OPERATION_NAME == mlir_name


def test_checked_in_files_match_the_generator():
    result = subprocess.run([sys.executable, "-m", "onnx_mlir.tools.gen_onnx_dialect", "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_snake_case():
    assert gen_onnx_dialect.snake_case("TfIdfVectorizer") == "tf_idf_vectorizer"
    assert gen_onnx_dialect.snake_case("DFT") == "dft"


PARSED = """
func.func @f(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %lo: tensor<f32>) -> tensor<1x4x6x6xf32> {
  %0 = "onnx.conv"(%x, %w) {group = 1 : i64, pads = [0, 0, 0, 0]} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x6xf32>
  %1 = "onnx.clip"(%0, %lo) {operandSegmentSizes = array<i32: 1, 1, 0>} : (tensor<1x4x6x6xf32>, tensor<f32>) -> tensor<1x4x6x6xf32>
  %2 = "onnx.concat"(%1, %1) {axis = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>} : (tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>) -> tensor<1x8x6x6xf32>
  return %1 : tensor<1x4x6x6xf32>
}
"""


def test_parsed_ops_come_back_as_their_classes_with_accessors():
    with make_context():
        module = ir.Module.parse(PARSED)
        conv, clip, concat, _ = module.body.operations[0].regions[0].blocks[0].operations
        assert isinstance(conv, onnx_d.ConvOp)
        assert conv.b is None and conv.x.type == ir.RankedTensorType.parse("tensor<1x3x8x8xf32>")
        assert conv.group == 1 and conv.pads == [0, 0, 0, 0]
        assert conv.auto_pad == "NOTSET" and conv.strides is None  # defaults
        assert not conv.has_attribute("auto_pad")
        assert isinstance(clip, onnx_d.ClipOp)
        assert clip.min is not None and clip.max is None
        assert isinstance(concat, onnx_d.ConcatOp) and len(concat.inputs) == 2 and concat.axis == 1


def test_builders():
    with make_context(), ir.Location.unknown():
        module = ir.Module.create()
        f32 = ir.F32Type.get()
        t = ir.RankedTensorType.get([2, 4], f32)
        with ir.InsertionPoint(module.body):
            x = onnx_d.constant_from_array(np.ones((2, 4), np.float32))
            y = onnx_d.leaky_relu(t, x, alpha=0.5)
            halves = onnx_d.split([[ir.RankedTensorType.get([2, 2], f32)] * 2], y, axis=1,
                                  num_outputs=2)
            bn = onnx_d.BatchNormalizationOp([t, None, None], x, x, x, x, x, epsilon=1e-3)
            cast = onnx_d.cast(t, x, to=onnx.TensorProto.FLOAT)
        assert module.operation.verify()
        assert y.owner.opview.alpha == 0.5
        assert len(halves) == 2
        assert bn.running_mean is None and bn.epsilon == pytest.approx(1e-3)
        assert "resultSegmentSizes = array<i32: 1, 0, 0>" in str(bn)
        assert cast.owner.opview.to == onnx.TensorProto.FLOAT
        with pytest.raises(TypeError, match="requires attribute 'to'"):
            onnx_d.cast(t, x)
        with pytest.raises(TypeError, match="has no attribute 'nonsense'"):
            onnx_d.relu(t, x, nonsense=3)
