"""CPU pipeline/runtime robustness: the basic situations every op's conformance cases hit.

Scalars, empty tensors, every float width, unsigned and bool tensors at the function boundary,
outputs that are inputs/constants/repeated values, omitted optional inputs, symbolic dims.
"""

from __future__ import annotations

import ml_dtypes
import numpy as np
import onnx
import pytest
from onnx import TensorProto as T
from onnx import helper as h

import onnx_mlir
from onnx_mlir import CompilationError, InputError


def _model(nodes, inputs, outputs, initializers=(), opset=17) -> onnx.ModelProto:
    graph = h.make_graph(nodes, "g", inputs, outputs, list(initializers))
    model = h.make_model(graph, opset_imports=[h.make_opsetid("", opset)])
    model.ir_version = 8
    return model


def _vi(name, elem, shape):
    return h.make_tensor_value_info(name, elem, shape)


def _add(elem, shape_a, shape_b, shape_c):
    return _model([h.make_node("Add", ["a", "b"], ["c"])],
                  [_vi("a", elem, shape_a), _vi("b", elem, shape_b)], [_vi("c", elem, shape_c)])


def test_rank0_scalars():
    (c,) = onnx_mlir.compile(_add(T.FLOAT, [], [], [])).run(
        None, {"a": np.array(1.5, np.float32), "b": np.array(2.0, np.float32)})
    assert c.shape == () and c.dtype == np.float32 and c == 3.5


def test_zero_size_dims():
    (c,) = onnx_mlir.compile(_add(T.FLOAT, [0, 3], [0, 3], [0, 3])).run(
        None, {"a": np.zeros((0, 3), np.float32), "b": np.zeros((0, 3), np.float32)})
    assert c.shape == (0, 3) and c.dtype == np.float32


@pytest.mark.parametrize("elem,dtype", [(T.FLOAT16, np.float16), (T.DOUBLE, np.float64),
                                        (T.BFLOAT16, ml_dtypes.bfloat16)])
def test_float_widths(elem, dtype):
    a = np.arange(6).reshape(2, 3).astype(dtype)
    b = (np.arange(6).reshape(2, 3) / 4).astype(dtype)
    (c,) = onnx_mlir.compile(_add(elem, [2, 3], [2, 3], [2, 3])).run(None, {"a": a, "b": b})
    assert c.dtype == np.dtype(dtype)
    np.testing.assert_array_equal(c.astype(np.float64), (a + b).astype(np.float64))


@pytest.mark.parametrize("elem,dtype", [(T.UINT8, np.uint8), (T.UINT16, np.uint16),
                                        (T.UINT32, np.uint32), (T.UINT64, np.uint64)])
def test_unsigned_inputs_and_outputs(elem, dtype):
    """uiN arguments/results: cpu-signless-types removes the tensor.bitcast views before bufferization."""
    info = np.iinfo(dtype)
    a = np.array([[info.max, info.max - 1, 7]], dtype)
    b = np.array([[1, 3, 250]], dtype)
    compiled = onnx_mlir.compile(_add(elem, [1, 3], [1, 3], [1, 3]))
    assert compiled.get_inputs()[0].dtype == np.dtype(dtype)
    (c,) = compiled.run(None, {"a": a, "b": b})
    assert c.dtype == np.dtype(dtype)
    np.testing.assert_array_equal(c, a + b)  # wraps around like numpy


def test_unsigned_signature_keeps_element_type():
    """After lowering, the signless signature records the ONNX type in onnx.element_type."""
    module = onnx_mlir.import_model(_add(T.UINT8, [2], [2], [2]))
    seen = {}
    onnx_mlir.compile(module, on_stage=lambda name, m: seen.setdefault(name, str(m)))
    text = seen["schedule"]
    assert "xui8>" not in text and "tensor.bitcast" not in text
    assert text.count("onnx.element_type = ui8") == 3


def test_bool_inputs_and_outputs():
    """i1 tensors cross the boundary as numpy bools; their buffers are i8 (cpu-widen-bool-buffers)."""
    model = _model([h.make_node("Identity", ["m"], ["n"]), h.make_node("Relu", ["x"], ["y"])],
                   [_vi("m", T.BOOL, [2, 3]), _vi("x", T.FLOAT, [2, 3])],
                   [_vi("n", T.BOOL, [2, 3]), _vi("y", T.FLOAT, [2, 3])])
    m = np.array([[True, False, True], [False, False, True]])
    x = np.linspace(-1, 1, 6, dtype=np.float32).reshape(2, 3)
    n, y = onnx_mlir.compile(model).run(None, {"m": m, "x": x})
    assert n.dtype == np.bool_
    np.testing.assert_array_equal(n, m)
    np.testing.assert_array_equal(y, np.maximum(x, 0))


def test_output_is_input():
    model = _model([h.make_node("Relu", ["x"], ["y"])], [_vi("x", T.FLOAT, [3])],
                   [_vi("x", T.FLOAT, [3]), _vi("y", T.FLOAT, [3])])
    x = np.array([-1, 0, 2], np.float32)
    out_x, y = onnx_mlir.compile(model).run(None, {"x": x})
    np.testing.assert_array_equal(out_x, x)
    np.testing.assert_array_equal(y, [0, 0, 2])
    assert not np.shares_memory(out_x, x)


def test_output_is_constant_or_initializer():
    const = h.make_node("Constant", [], ["c"], value=h.make_tensor("v", T.FLOAT, [2], [1, 2]))
    model = _model([const], [_vi("x", T.FLOAT, [2])], [_vi("c", T.FLOAT, [2]), _vi("w", T.INT64, [3])],
                   initializers=[h.make_tensor("w", T.INT64, [3], [4, 5, 6])])
    c, w = onnx_mlir.compile(model).run(None, {"x": np.zeros(2, np.float32)})
    np.testing.assert_array_equal(c, [1, 2])
    np.testing.assert_array_equal(w, [4, 5, 6])


def test_same_value_returned_twice():
    """buffer-results-to-out-params crashes on a repeated return value: each result gets a copy."""
    model = _model([h.make_node("Relu", ["x"], ["y"]), h.make_node("Identity", ["y"], ["z"])],
                   [_vi("x", T.FLOAT, [2, 2])], [_vi("y", T.FLOAT, [2, 2]), _vi("z", T.FLOAT, [2, 2])])
    x = np.array([[-1, 2], [3, -4]], np.float32)
    y, z = onnx_mlir.compile(model).run(None, {"x": x})
    np.testing.assert_array_equal(y, np.maximum(x, 0))
    np.testing.assert_array_equal(z, np.maximum(x, 0))
    assert not np.shares_memory(y, z)


def test_omitted_optional_input():
    model = _model([h.make_node("Gemm", ["a", "b", ""], ["c"])],
                   [_vi("a", T.FLOAT, [2, 3]), _vi("b", T.FLOAT, [3, 4])], [_vi("c", T.FLOAT, [2, 4])])
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    b = np.arange(12, dtype=np.float32).reshape(3, 4)
    (c,) = onnx_mlir.compile(model).run(None, {"a": a, "b": b})
    np.testing.assert_allclose(c, a @ b)


def test_symbolic_batch_compiles_once_runs_any_size():
    compiled = onnx_mlir.compile(_add(T.FLOAT, ["N", 3], ["N", 3], ["N", 3]))
    assert compiled.get_inputs()[0].shape == ("N", 3)
    for n in (1, 4, 0, 7):
        a = np.arange(3 * n, dtype=np.float32).reshape(n, 3)
        (c,) = compiled.run(None, {"a": a, "b": a})
        assert c.shape == (n, 3)
        np.testing.assert_array_equal(c, a + a)


def test_symbolic_dims_must_agree():
    compiled = onnx_mlir.compile(_add(T.FLOAT, ["N", 3], ["N", 3], ["N", 3]))
    with pytest.raises(InputError, match=r"input 'b': axis 0 \('N'\) has size 5, expected 2"):
        compiled.run(None, {"a": np.zeros((2, 3), np.float32), "b": np.zeros((5, 3), np.float32)})
    with pytest.raises(InputError, match=r"input 'a': axis 1 has size 4, expected 3"):
        compiled.run(None, {"a": np.zeros((2, 4), np.float32), "b": np.zeros((2, 3), np.float32)})


def test_unsupported_element_type_is_a_compilation_error():
    model = _model([h.make_node("Identity", ["s"], ["t"])], [_vi("s", T.STRING, [2])], [_vi("t", T.STRING, [2])])
    with pytest.raises(CompilationError, match="input 's' has type .*string.*does not support"):
        onnx_mlir.compile(model)
