"""The ONNX importer: every input form, types and dims, weights, subgraphs and typed errors."""

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper

from onnx_mlir.errors import OnnxImportError
from onnx_mlir.importer import import_model


def _model(opset=17, batch="N", init_size=(8, 4)):
    weight = numpy_helper.from_array(
        np.arange(np.prod(init_size), dtype=np.float32).reshape(init_size), "w")
    nodes = [helper.make_node("MatMul", ["x", "w"], ["y"], name="mm")]
    graph = helper.make_graph(
        nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [batch, init_size[0]])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], [weight])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])


def test_every_input_form_gives_the_same_module(tmp_path):
    model = _model()
    path = tmp_path / "m.onnx"
    onnx.save(model, path)
    text_path = tmp_path / "m.onnxtxt"
    text_path.write_text(onnx.printer.to_text(model))
    forms = [model, model.SerializeToString(), path, str(path), text_path,
             onnx.printer.to_text(model)]
    printed = {str(import_model(form)) for form in forms}
    assert len(printed) == 1
    text = printed.pop()
    assert '"onnx.mat_mul"' in text and "@main_graph" in text


def test_symbolic_and_static_dims():
    text = str(import_model(_model(batch="batch")))
    assert 'tensor<?x8xf32> {onnx.dim_params = ["batch", ""], onnx.name = "x"}' in text
    assert "-> (tensor<?x4xf32>" in text  # shape inference result type of the output
    static = str(import_model(_model(batch=3)))
    assert "tensor<3x8xf32> {onnx.name = \"x\"}" in static


def test_large_weights_are_dense_resources_and_small_ones_inline():
    small = str(import_model(_model(init_size=(8, 4))))
    assert "dense<[[0.000000e+00" in small
    module = import_model(_model(init_size=(512, 1024)))
    assert "dense_resource<w> : tensor<512x1024xf32>" in str(module.operation.get_asm(
        large_elements_limit=16, large_resource_limit=16))


def test_large_model_imports(tmp_path):
    """A 100 MB model: weights are handed over as buffers, never element by element."""
    module = import_model(_model(init_size=(5000, 5000)))
    assert module.operation.verify()


def test_node_locations_carry_name_and_op_type():
    module = import_model(_model())
    asm = module.operation.get_asm(enable_debug_info=True)
    assert 'loc("mm"(' in asm and 'loc("MatMul")' in asm


@pytest.mark.parametrize("payload, message", [
    (b"\x08\x07\x12\x05hello\x3a\xff\xff", "cannot parse ONNX model"),
    (b"", "it has no graph"),
    ("not a model at all <", "cannot parse textual ONNX model"),
])
def test_unreadable_models(payload, message):
    with pytest.raises(OnnxImportError, match=message):
        import_model(payload)


def test_truncated_file(tmp_path):
    data = _model(init_size=(64, 64)).SerializeToString()
    path = tmp_path / "truncated.onnx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(OnnxImportError, match="truncated or corrupt"):
        import_model(path)


def test_unknown_domain_names_node_op_domain_and_opset():
    node = helper.make_node("Frob", ["x"], ["y"], name="frob1", domain="com.acme")
    graph = helper.make_graph([node], "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17),
                                                    helper.make_opsetid("com.acme", 3)])
    with pytest.raises(OnnxImportError) as info:
        import_model(model)
    error = info.value
    assert (error.node, error.op_type, error.domain, error.opset) == ("frob1", "Frob", "com.acme", 3)
    assert "node 'frob1' (com.acme::Frob, opset 3)" in str(error)
    assert isinstance(error, ImportError)


def test_attribute_outside_the_schema_is_rejected():
    node = helper.make_node("Relu", ["x"], ["y"], name="r", alpha=1.0)
    graph = helper.make_graph([node], "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2])])
    with pytest.raises(OnnxImportError, match="attribute 'alpha' is not part of Relu"):
        import_model(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]))


def test_loop_body_is_a_region():
    body = helper.make_graph(
        [helper.make_node("Add", ["acc", "x"], ["acc_out"]),
         helper.make_node("Identity", ["cond"], ["cond_out"])],
        "body",
        [helper.make_tensor_value_info("i", TensorProto.INT64, []),
         helper.make_tensor_value_info("cond", TensorProto.BOOL, []),
         helper.make_tensor_value_info("acc", TensorProto.FLOAT, [2])],
        [helper.make_tensor_value_info("cond_out", TensorProto.BOOL, []),
         helper.make_tensor_value_info("acc_out", TensorProto.FLOAT, [2])])
    loop = helper.make_node("Loop", ["n", "", "a0"], ["a"], body=body)
    graph = helper.make_graph(
        [loop], "g",
        [helper.make_tensor_value_info("n", TensorProto.INT64, []),
         helper.make_tensor_value_info("a0", TensorProto.FLOAT, [2]),
         helper.make_tensor_value_info("x", TensorProto.FLOAT, [2])],
        [helper.make_tensor_value_info("a", TensorProto.FLOAT, [2])])
    module = import_model(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]))
    text = str(module)
    assert '"onnx.loop"' in text and "^bb0(%arg3: tensor<i64>, %arg4: tensor<i1>, %arg5: tensor<2xf32>)" in text
    assert "smt.yield" in text
    assert module.operation.verify()


INITIALIZER_TYPES = [TensorProto.BOOL, TensorProto.INT2, TensorProto.UINT2, TensorProto.INT4,
                     TensorProto.UINT4, TensorProto.INT8, TensorProto.UINT8, TensorProto.INT16,
                     TensorProto.UINT16, TensorProto.INT32, TensorProto.UINT32, TensorProto.INT64,
                     TensorProto.UINT64, TensorProto.FLOAT16, TensorProto.BFLOAT16,
                     TensorProto.FLOAT, TensorProto.DOUBLE, TensorProto.FLOAT8E4M3FN,
                     TensorProto.FLOAT8E4M3FNUZ, TensorProto.FLOAT8E5M2, TensorProto.FLOAT8E5M2FNUZ]


@pytest.mark.parametrize("size", [1, 8, 9, 1000, 2000])
@pytest.mark.parametrize("splat", [True, False])
@pytest.mark.parametrize("data_type", INITIALIZER_TYPES, ids=TensorProto.DataType.Name)
def test_initializers_read_back_exactly(data_type, splat, size):
    """Every element of an imported initializer (dense, splat or not, or dense_resource above
    1024 elements) reads back as the ONNX tensor holds it."""
    from mlir import ir

    from onnx_mlir.importer.onnx_importer import OnnxImporter
    from onnx_mlir.passes.onnx_bridge import attribute_array

    values = np.ones(size) if splat else np.arange(size) % 3
    if data_type not in (TensorProto.BOOL,) and not splat:
        values = values - (0 if "UINT" in TensorProto.DataType.Name(data_type) else 1)
    tensor = helper.make_tensor("t", data_type, [size], values.tolist())
    expected = numpy_helper.to_array(tensor)
    model = helper.make_model(helper.make_graph([], "g", [], []))
    with ir.Context() as context, ir.Location.unknown():
        attr = OnnxImporter(model, context, "t").tensor_attribute(tensor, "t")
        got = attribute_array(attr)
    assert got is not None and got.dtype == expected.dtype and got.shape == expected.shape
    np.testing.assert_array_equal(got.astype(np.float64), expected.astype(np.float64))
