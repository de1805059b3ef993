"""Whole models compiled to CPU code and compared with onnxruntime (rtol 1e-4, atol 1e-5)."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import numpy as np
import onnxruntime as ort
import pytest

import onnx_mlir
from onnx_mlir.errors import InputError

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
_spec = importlib.util.spec_from_file_location("example_models", EXAMPLES / "models.py")
models = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(models)


def _reference(model, feeds):
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    return session.run(None, feeds)


@pytest.mark.parametrize("name", sorted(models.MODELS))
@pytest.mark.parametrize("batch", [1, 4])
def test_model_matches_onnxruntime(name, batch):
    model = models.MODELS[name](batch=batch)
    compiled = onnx_mlir.compile(model)
    for seed in (1, 2):
        feeds = models.random_inputs(model, seed=seed)
        got = compiled.run(None, feeds)
        want = _reference(model, feeds)
        assert len(got) == len(want)
        for g, w in zip(got, want):
            assert g.shape == w.shape and g.dtype == w.dtype
            np.testing.assert_allclose(g, w, rtol=1e-4, atol=1e-5)


def test_mlp_with_symbolic_batch_runs_for_any_batch():
    model = models.mlp(batch="N")
    compiled = onnx_mlir.compile(model)
    assert tuple(compiled.get_inputs()[0].shape) == ("N", 64)
    for batch in (1, 3, 8):
        x = np.random.default_rng(batch).standard_normal((batch, 64)).astype(np.float32)
        (got,) = compiled.run(None, {"x": x})
        np.testing.assert_allclose(got, _reference(model, {"x": x})[0], rtol=1e-4, atol=1e-5)


def test_compiled_model_interface():
    compiled = onnx_mlir.compile(models.lenet5())
    assert compiled.input_names == ["image"] and compiled.output_names == ["logits"]
    (inp,), (out,) = compiled.get_inputs(), compiled.get_outputs()
    assert tuple(inp.shape) == (1, 1, 28, 28) and tuple(out.shape) == (1, 10)
    feeds = models.random_inputs(models.lenet5())
    by_name = compiled.run(["logits"], feeds)
    np.testing.assert_array_equal(by_name[0], compiled.run(None, feeds)[0])


@pytest.mark.parametrize("feeds, message", [
    ({"image": np.zeros((1, 1, 28, 27), np.float32)}, "shape"),
    ({"image": np.zeros((1, 1, 28, 28), np.float64)}, "element type"),
    ({"picture": np.zeros((1, 1, 28, 28), np.float32)}, "picture"),
    ({}, "image"),
])
def test_wrong_inputs_raise_before_running(feeds, message):
    compiled = onnx_mlir.compile(models.lenet5())
    with pytest.raises(InputError, match=message):
        compiled.run(None, feeds)


def test_bundled_model_is_current():
    """examples/lenet5.onnx is what examples/models.py builds (seeded)."""
    import onnx

    assert onnx.load(EXAMPLES / "lenet5.onnx").SerializeToString() == \
        models.lenet5().SerializeToString()


def test_driver_emits_a_shared_library(tmp_path):
    out = tmp_path / "lenet5.so"
    result = subprocess.run([sys.executable, "-m", "onnx_mlir.tools.onnx_mlir_driver",
                             str(EXAMPLES / "lenet5.onnx"), "--EmitLib", "-o", str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 0
    import ctypes

    library = ctypes.CDLL(str(out))
    assert hasattr(library, "_mlir_ciface_main_graph")


@pytest.mark.parametrize("flag, expected", [
    ("--EmitONNXBasic", '"onnx.conv"'),
    ("--EmitONNXIR", '"onnx.conv"'),
    ("--EmitLinalg", "linalg.conv_2d_nchw_fchw"),
    ("--EmitMLIR", "cf.cond_br"),
    ("--EmitLLVMIR", "llvm.func @main_graph"),
])
def test_driver_stages(flag, expected):
    result = subprocess.run([sys.executable, "-m", "onnx_mlir.tools.onnx_mlir_driver",
                             str(EXAMPLES / "lenet5.onnx"), flag], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert expected in result.stdout


def test_op_without_lowering_is_named_with_node_and_opset():
    from onnx import TensorProto, helper

    graph = helper.make_graph(
        [helper.make_node("Relu", ["x"], ["r"], name="relu"),
         helper.make_node("RandomUniformLike", ["r"], ["d"], name="noise")],
        "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [3, 3])],
        [helper.make_tensor_value_info("d", TensorProto.FLOAT, [3, 3])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    with pytest.raises(onnx_mlir.CompilationError) as info:
        onnx_mlir.compile(model)
    (diagnostic,) = info.value.diagnostics
    assert diagnostic.location == '"noise"("RandomUniformLike")'
    assert diagnostic.message.startswith(
        "failed to legalize operation 'onnx.random_uniform_like' (ai.onnx RandomUniformLike, opset")
    assert "failed to legalize operation 'onnx.random_uniform_like'" in str(info.value)
