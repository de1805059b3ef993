"""Malformed models found by the fuzzer (tools/fuzz): each is a typed OnnxImportError that names
the culprit, and `onnx-mlir` prints it and exits 1 (no "internal error", no traceback).

One test per class of defect, each building the bad model with onnx.helper."""

from __future__ import annotations

import numpy as np
import onnx
import pytest
from onnx import TensorProto as T
from onnx import helper as h
from onnx import numpy_helper

import onnx_mlir
from onnx_mlir.errors import OnnxImportError
from onnx_mlir.tools import onnx_mlir_driver


def _model(nodes, inputs, outputs, initializers=(), opset=17) -> onnx.ModelProto:
    graph = h.make_graph(nodes, "g", inputs, outputs, list(initializers))
    model = h.make_model(graph, opset_imports=[h.make_opsetid("", opset)])
    model.ir_version = 8
    return model


def _vi(name, elem, shape):
    return h.make_tensor_value_info(name, elem, shape)


def _relu(shape, elem=T.FLOAT) -> onnx.ModelProto:
    return _model([h.make_node("Relu", ["x"], ["y"], name="relu")], [_vi("x", elem, shape)],
                  [_vi("y", elem, None)])


def _expand_with_shape(shape_tensor: onnx.TensorProto) -> onnx.ModelProto:
    return _model([h.make_node("Expand", ["x", "shape"], ["y"], name="expand")],
                  [_vi("x", T.FLOAT, [1, 3])], [_vi("y", T.FLOAT, None)], [shape_tensor])


def _initializer_data_shape_mismatch() -> onnx.ModelProto:
    shape = numpy_helper.from_array(np.array([2, 3], np.int64), "shape")
    shape.dims[0] = 3  # three int64 values announced, two stored
    return _expand_with_shape(shape)


def _typed_field_count_mismatch() -> onnx.ModelProto:
    scale = onnx.TensorProto(name="scale", data_type=T.FLOAT, dims=[4], float_data=[1.0, 2.0])
    return _model([h.make_node("Mul", ["x", "scale"], ["y"], name="mul")],
                  [_vi("x", T.FLOAT, [4])], [_vi("y", T.FLOAT, [4])], [scale])


def _unknown_data_type() -> onnx.ModelProto:
    model = _relu([2])
    model.graph.input[0].type.tensor_type.elem_type = 99
    return model


def _initializer_unknown_data_type() -> onnx.ModelProto:
    shape = numpy_helper.from_array(np.array([2, 3], np.int64), "shape")
    shape.data_type = 99
    return _expand_with_shape(shape)


def _attribute_of_wrong_kind() -> onnx.ModelProto:
    node = h.make_node("Concat", ["a", "b"], ["c"], name="concat")
    node.attribute.append(h.make_attribute("axis", 0.5))  # a FLOAT where Concat wants an INT
    return _model([node], [_vi("a", T.FLOAT, [2]), _vi("b", T.FLOAT, [2])], [_vi("c", T.FLOAT, [4])])


def _string_pads() -> onnx.ModelProto:
    w = numpy_helper.from_array(np.ones((1, 1, 3, 3), np.float32), "w")
    node = h.make_node("Conv", ["x", "w"], ["y"], name="conv", pads="abc")
    return _model([node], [_vi("x", T.FLOAT, [1, 1, 4, 4])], [_vi("y", T.FLOAT, None)], [w])


def _loop_without_body() -> onnx.ModelProto:
    node = h.make_node("Loop", ["", "cond", "v"], ["v_final"], name="loop")
    cond = numpy_helper.from_array(np.array(True), "cond")
    return _model([node], [_vi("v", T.FLOAT, [2])], [_vi("v_final", T.FLOAT, [2])], [cond])


def _value_defined_twice() -> onnx.ModelProto:
    nodes = [h.make_node("Relu", ["x"], ["y"], name="first"),
             h.make_node("Neg", ["x"], ["y"], name="second")]
    return _model(nodes, [_vi("x", T.FLOAT, [2])], [_vi("y", T.FLOAT, [2])])


def _input_declared_twice() -> onnx.ModelProto:
    model = _relu([2])
    model.graph.input.append(_vi("x", T.INT64, [3]))
    return model


def _complex_initializer() -> onnx.ModelProto:
    weight = numpy_helper.from_array(np.array([0, 1], np.complex64), "weight")
    return _model([h.make_node("Identity", ["weight"], ["y"], name="identity")],
                  [], [_vi("y", T.COMPLEX64, [2])], [weight])


def _shape_operand_of_wrong_type() -> onnx.ModelProto:
    shape = numpy_helper.from_array(np.array([3, 2], np.uint64), "shape")  # Reshape takes int64
    return _model([h.make_node("Reshape", ["x", "shape"], ["y"], name="reshape")],
                  [_vi("x", T.FLOAT, [2, 3])], [_vi("y", T.FLOAT, None)], [shape])


def _non_utf8_node_name() -> bytes:
    data = bytearray(_relu([2]).SerializeToString())
    at = data.index(b"relu")
    data[at:at + 4] = b"r\xffl\xfe"  # same length: the protobuf stays well-formed
    return bytes(data)


def _concat_of_different_ranks() -> onnx.ModelProto:
    return _model([h.make_node("Concat", ["a", "b"], ["c"], name="cat", axis=0)],
                  [_vi("a", T.FLOAT, [2, 2]), _vi("b", T.FLOAT, [2])], [_vi("c", T.FLOAT, [4, 2])])


# (builder, words the message must contain)
MALFORMED = {
    "initializer_data_shape_mismatch": (_initializer_data_shape_mismatch,
                                        ["initializer 'shape'", "16 bytes", "need 24"]),
    "typed_field_count_mismatch": (_typed_field_count_mismatch,
                                   ["initializer 'scale'", "2 values in float_data", "need 4"]),
    "negative_dim": (lambda: _relu([2, -5]), ["graph input 'x'", "negative dim"]),
    "unknown_element_type": (_unknown_data_type, ["graph input 'x'", "unknown data type 99"]),
    "initializer_unknown_data_type": (_initializer_unknown_data_type,
                                      ["initializer 'shape'", "unknown data type 99"]),
    "attribute_of_wrong_kind": (_attribute_of_wrong_kind,
                                ["node 'concat'", "attribute 'axis' must be INT, got FLOAT"]),
    "string_pads": (_string_pads, ["node 'conv'", "attribute 'pads' must be INTS, got STRING"]),
    "loop_without_body": (_loop_without_body, ["node 'loop'", "body"]),
    "value_defined_twice": (_value_defined_twice, ["node 'second'", "'y'", "already"]),
    "input_declared_twice": (_input_declared_twice, ["graph input 'x' is declared twice"]),
    "complex_initializer": (_complex_initializer, ["'weight'", "complex"]),
    "node_onnx_inference_rejects": (_concat_of_different_ranks,
                                    ["node 'cat'", "ONNX shape inference rejects it", "same rank"]),
    "shape_operand_of_wrong_type": (_shape_operand_of_wrong_type,
                                    ["node 'reshape'", "ParseData type mismatch", "uint64"]),
    "non_utf8_node_name": (_non_utf8_node_name, ["node name", "not valid UTF-8"]),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_model_is_a_typed_import_error(case):
    build, words = MALFORMED[case]
    with pytest.raises(OnnxImportError) as info:
        onnx_mlir.import_model(build())
    for word in words:
        assert word in str(info.value)


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_driver_prints_the_error_and_exits_1(case, tmp_path, capsys):
    model = MALFORMED[case][0]()
    path = tmp_path / "bad.onnx"
    path.write_bytes(model if isinstance(model, bytes) else model.SerializeToString())
    assert onnx_mlir_driver.main([str(path), "--EmitONNXIR"]) == 1
    err = capsys.readouterr().err
    assert "error:" in err and "internal error" not in err and "Traceback" not in err


# ---------------------------------------------------------------------------------------------
# External data: paths outside the model's folder, missing files, ranges past the file's end


def _external_model(tmp_path, location: str, offset: int = 0, length: int | None = None):
    raw = np.array([2, 3], np.int64).tobytes()
    model_dir = tmp_path / "model"
    model_dir.mkdir()
    for folder in (tmp_path, model_dir):  # the data is both beside the model and above it
        (folder / "weights.bin").write_bytes(raw)
    shape = numpy_helper.from_array(np.array([2, 3], np.int64), "shape")
    shape.ClearField("raw_data")
    shape.data_location = T.EXTERNAL
    for key, value in (("location", location), ("offset", str(offset)),
                       ("length", str(len(raw) if length is None else length))):
        entry = shape.external_data.add()
        entry.key, entry.value = key, value
    path = model_dir / "model.onnx"
    path.write_bytes(_expand_with_shape(shape).SerializeToString())
    return path


@pytest.mark.parametrize("location,offset,length,words", [
    ("../weights.bin", 0, None, ["points outside the directory"]),
    ("/etc/hostname", 0, None, ["should be a relative path"]),
    ("missing.bin", 0, None, ["missing.bin"]),
])
def test_bad_external_data_is_a_typed_import_error(tmp_path, location, offset, length, words):
    path = _external_model(tmp_path, location, offset, length)
    with pytest.raises(OnnxImportError) as info:
        onnx_mlir.import_model(path)
    message = str(info.value)
    assert "cannot load the external data of initializer 'shape'" in message
    for word in words:
        assert word in message


def test_external_data_range_past_the_end_of_the_file(tmp_path):
    path = _external_model(tmp_path, "weights.bin", offset=8, length=16)
    with pytest.raises(OnnxImportError, match="initializer 'shape'.*exceeds"):
        onnx_mlir.import_model(path)


def test_external_data_of_a_model_given_as_bytes_is_not_loaded(tmp_path):
    path = _external_model(tmp_path, "../weights.bin")
    with pytest.raises(OnnxImportError, match="external file '../weights.bin', which was not loaded"):
        onnx_mlir.import_model(path.read_bytes())


def test_valid_external_data_still_loads(tmp_path):
    path = _external_model(tmp_path, "weights.bin")
    (y,) = onnx_mlir.compile(path).run(None, {"x": np.ones((1, 3), np.float32)})
    assert y.shape == (2, 3)


# ---------------------------------------------------------------------------------------------
# Declared types that contradict what the nodes compute: the nodes win, as in onnxruntime


def test_declared_output_shape_contradicting_inference_is_reinferred():
    value = numpy_helper.from_array(np.array([1.5], np.float32), "value")
    shape = numpy_helper.from_array(np.array([2, 3], np.int64), "shape")
    model = _model([h.make_node("ConstantOfShape", ["shape"], ["y"], name="fill", value=value)],
                   [], [_vi("y", T.FLOAT, [2, 1, 1])], [shape])
    (y,) = onnx_mlir.compile(model).run(None, {})
    np.testing.assert_array_equal(y, np.full((2, 3), 1.5, np.float32))


# ---------------------------------------------------------------------------------------------
# Large weights of ml_dtypes element types (no numpy buffer format: "cannot include dtype 'A'
# in a buffer" when they became dense_resource blobs)


@pytest.mark.parametrize("code", [T.BFLOAT16, T.FLOAT8E4M3FN, T.FLOAT8E5M2FNUZ])
def test_large_weights_of_ml_dtypes_types_import_and_run(code):
    array = (np.arange(2048) % 5).astype(h.tensor_dtype_to_np_dtype(code))
    weight = numpy_helper.from_array(array, "w")
    model = _model([h.make_node("Identity", ["w"], ["y"], name="identity")], [],
                   [_vi("y", code, [2048])], [weight], opset=21)
    (y,) = onnx_mlir.compile(model).run(None, {})
    assert y.dtype == array.dtype
    np.testing.assert_array_equal(y.astype(np.float32), array.astype(np.float32))


def test_initializer_values_of_old_ir_versions_are_seen_by_inference():
    """Before IR 4 ONNX's inference ignores initializer values: the Expand below kept the
    declared rank-2 output and ran with it, where onnxruntime computes rank 3."""
    shape = numpy_helper.from_array(np.array([2, 3, 4], np.int64), "shape")
    model = _model([h.make_node("Expand", ["x", "shape"], ["y"], name="expand")],
                   [_vi("x", T.FLOAT, [3, 1])], [_vi("y", T.FLOAT, [3, 4])], [shape])
    model.ir_version = 3
    x = np.arange(3, dtype=np.float32).reshape(3, 1)
    (y,) = onnx_mlir.compile(model).run(None, {"x": x})
    np.testing.assert_array_equal(y, np.broadcast_to(x, (2, 3, 4)))
