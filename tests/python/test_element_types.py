"""The element-type table of dialects/onnx_types.py: ONNX <-> MLIR <-> numpy <-> onnxruntime."""

from __future__ import annotations

import ml_dtypes
import numpy as np
import onnxruntime as ort
import pytest
from mlir import ir
from onnx import TensorProto as T
from onnx import helper

from onnx_mlir.dialects import make_context
from onnx_mlir.dialects.onnx_types import (ELEMENT_TYPES, element_type_from_numpy, element_type_from_onnx,
                                           numpy_dtype, numpy_dtype_of, onnx_dtype_of, ort_type)

NUMERIC = [e.onnx for e in ELEMENT_TYPES if e.onnx != T.STRING]
ML_DTYPES = {T.BFLOAT16, T.FLOAT8E4M3FN, T.FLOAT8E4M3FNUZ, T.FLOAT8E5M2, T.FLOAT8E5M2FNUZ,
             T.INT4, T.UINT4, T.INT2, T.UINT2}
# Types onnxruntime loads as an Identity model's input (it refuses complex and 2/4-bit inputs).
ORT_LOADABLE = [c for c in NUMERIC if c not in (T.COMPLEX64, T.COMPLEX128, T.INT4, T.UINT4, T.INT2, T.UINT2)]


@pytest.mark.parametrize("code", NUMERIC, ids=T.DataType.Name)
def test_every_type_round_trips_and_agrees_with_onnx(code):
    with make_context():
        t = element_type_from_onnx(code)
        assert onnx_dtype_of(t) == code
        dtype = numpy_dtype(t)
        assert dtype == helper.tensor_dtype_to_np_dtype(code)  # onnx's own mapping
        assert element_type_from_numpy(dtype) == t
        # numpy computes with its own dtypes only: compile-time evaluation skips the others
        assert (numpy_dtype_of(t) is None) == (code in ML_DTYPES)


def test_small_floats_and_sub_byte_integers_are_ml_dtypes():
    with make_context():
        assert numpy_dtype(ir.BF16Type.get()) == np.dtype(ml_dtypes.bfloat16)
        assert numpy_dtype(ir.IntegerType.get_unsigned(4)) == np.dtype(ml_dtypes.uint4)
        assert numpy_dtype(ir.IntegerType.get_signed(16)) == np.int16  # siN reads as iN
        assert numpy_dtype(ir.IndexType.get()) == np.int64
        with pytest.raises(TypeError, match="unsupported element type i3"):
            numpy_dtype(ir.IntegerType.get_signless(3))
        with pytest.raises(TypeError, match="unsupported element type"):
            numpy_dtype(ir.Type.parse("!onnx.string"))
        assert onnx_dtype_of(ir.Type.parse("!onnx.string")) == T.STRING


@pytest.mark.parametrize("code", ORT_LOADABLE, ids=T.DataType.Name)
def test_ort_type_strings_are_onnxruntimes(code):
    graph = helper.make_graph([helper.make_node("Identity", ["x"], ["y"])], "g",
                              [helper.make_tensor_value_info("x", code, [2])],
                              [helper.make_tensor_value_info("y", code, [2])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 21)], ir_version=10)
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    assert ort_type(helper.tensor_dtype_to_np_dtype(code)) == session.get_inputs()[0].type
