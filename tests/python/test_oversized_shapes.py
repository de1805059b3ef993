"""Tensors too large to lay out or to allocate are rejected at the ONNX node before lowering
(onnx_mlir.limits): a 2^40 x 2^40 shape used to abort the process in an LLVM assertion, a
ConstantOfShape of 4 TiB compiled and failed only at run time with MemoryError."""

from __future__ import annotations

import numpy as np
import onnx
import pytest
from onnx import TensorProto as T
from onnx import helper as h
from onnx import numpy_helper

import onnx_mlir
from onnx_mlir import limits
from onnx_mlir.errors import OnnxImportError
from onnx_mlir.tools import onnx_mlir_driver


def _model(nodes, inputs, outputs, initializers=()) -> onnx.ModelProto:
    graph = h.make_graph(nodes, "g", inputs, outputs, list(initializers))
    model = h.make_model(graph, opset_imports=[h.make_opsetid("", 17)])
    model.ir_version = 8
    return model


def _relu(shape) -> onnx.ModelProto:
    return _model([h.make_node("Relu", ["x"], ["y"], name="relu")],
                  [h.make_tensor_value_info("x", T.FLOAT, shape)],
                  [h.make_tensor_value_info("y", T.FLOAT, None)])


def _constant_of_shape(shape) -> onnx.ModelProto:
    value = numpy_helper.from_array(np.array([1.5], np.float32), "value")
    dims = numpy_helper.from_array(np.array(shape, np.int64), "shape")
    return _model([h.make_node("ConstantOfShape", ["shape"], ["y"], name="fill", value=value)],
                  [], [h.make_tensor_value_info("y", T.FLOAT, None)], [dims])


def test_element_count_overflowing_int64_is_an_import_error():
    with pytest.raises(OnnxImportError, match="graph input 'x' is too large: its "
                                              "1099511627776x1099511627776 elements overflow"):
        onnx_mlir.compile(_relu([2**40, 2**40]))


def test_overflow_in_a_node_result_names_the_node():
    shape = numpy_helper.from_array(np.array([2**40, 2**40], np.int64), "shape")
    model = _model([h.make_node("Expand", ["x", "shape"], ["y"], name="widen")],
                   [h.make_tensor_value_info("x", T.FLOAT, [1, 1])],
                   [h.make_tensor_value_info("y", T.FLOAT, None)], [shape])
    with pytest.raises(OnnxImportError, match="node 'widen'.*overflow a 64-bit element count"):
        onnx_mlir.compile(model)


def test_constant_of_shape_of_4_tib_is_rejected_at_the_node():
    with pytest.raises(OnnxImportError) as info:
        onnx_mlir.compile(_constant_of_shape([1024, 1024, 1024, 1024]))
    message = str(info.value)
    assert "node 'fill' (ai.onnx::ConstantOfShape" in message
    assert "4 TiB (1099511627776 elements), more than the 64 GiB a tensor may hold" in message


def test_the_driver_reports_it_and_exits_1(tmp_path, capsys):
    path = tmp_path / "huge.onnx"
    onnx.save(_relu([2**40, 2**40]), path)
    assert onnx_mlir_driver.main([str(path), "--EmitLinalg"]) == 1
    err = capsys.readouterr().err
    assert "too large" in err and "internal error" not in err


def test_the_limit_is_overridable(monkeypatch):
    monkeypatch.setenv(limits.MAX_TENSOR_BYTES_ENV, "1024")
    with pytest.raises(OnnxImportError, match="1.06 KiB .* more than the 1 KiB"):
        onnx_mlir.import_model(_constant_of_shape([16, 17]))
    monkeypatch.setenv(limits.MAX_TENSOR_BYTES_ENV, str(1 << 20))
    (y,) = onnx_mlir.compile(_constant_of_shape([16, 17])).run(None, {})
    assert y.shape == (16, 17)


def test_a_bad_limit_setting_is_a_typed_error(monkeypatch):
    monkeypatch.setenv(limits.MAX_TENSOR_BYTES_ENV, "lots")
    with pytest.raises(onnx_mlir.OnnxMlirError, match="is not a positive byte count"):
        onnx_mlir.import_model(_relu([2]))


@pytest.mark.parametrize("dims,bits,too_large", [
    ([2**31, 2**31], 32, True),        # 16 EiB
    ([2**33, 2**33], 8, True),         # overflows int64
    ([1 << 34], 32, False),            # 64 GiB exactly
    ([(1 << 34) + 1], 32, True),
    ([1 << 36], 1, False),             # bool: a byte each
    ([0, 2**62], 64, False),           # empty
])
def test_size_rule(dims, bits, too_large):
    assert (limits.tensor_size_problem(dims, bits) is not None) == too_large


def test_a_huge_declared_input_is_rejected_before_shape_inference(tmp_path):
    """ONNX's shape inference loops for a very long time over Add of a 2^40-element int32
    input: the declared size is checked first (in a subprocess, so that a regression fails
    by timeout instead of hanging the suite)."""
    import subprocess
    import sys

    model = _model([h.make_node("Add", ["b", "b"], ["c"], name="add")],
                   [h.make_tensor_value_info("b", T.INT32, [2**40])],
                   [h.make_tensor_value_info("c", T.INT32, [2**62, 3])])
    path = tmp_path / "huge.onnx"
    onnx.save(model, path)
    script = ("import sys, onnx_mlir\n"
              "try:\n    onnx_mlir.import_model(sys.argv[1])\n"
              "except onnx_mlir.OnnxImportError as e:\n    print(e)\n")
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True,
                          text=True, timeout=120)
    assert "graph input 'b' is too large: it would take 4 TiB" in done.stdout
