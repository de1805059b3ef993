"""Shape specialization: ``compile(model, input_shapes=...)`` and ``onnx-mlir
--shapeInformation=...`` fix dynamic input dims at compile time; the compiled model then rejects
other shapes with ``InputError``."""

from __future__ import annotations

import warnings

import numpy as np
import onnx
import pytest
from onnx import numpy_helper
from onnx import helper as h

import onnx_mlir
from onnx_mlir import InputError, OnnxImportError
from onnx_mlir.errors import ShapeWarning
from onnx_mlir.importer.input_shapes import parse_shape_information
from onnx_mlir.tools import onnx_mlir_driver
from shape_check_helpers import model, ort_run, vi
from test_constant_if import _squeeze_if_last_is_one

F32 = np.float32


def _conv_model():
    w = numpy_helper.from_array(np.random.default_rng(1).uniform(-1, 1, (4, 3, 3, 3)).astype(F32),
                                "w")
    node = h.make_node("Conv", ["x", "w"], ["y"], name="conv", pads=[1, 1, 1, 1])
    return model([node], [vi("x", ["n", 3, "h", "w"])], [vi("y", None)], [w])


@pytest.mark.parametrize("key", ["x", 0])
def test_input_shapes_fix_dynamic_dims(key):
    m = _conv_model()
    seen = []
    compiled = onnx_mlir.compile(m, input_shapes={key: [1, 3, 16, 12]},
                                 on_stage=lambda name, mod: seen.append(str(mod))
                                 if name == "onnx-basic" else None)
    assert "tensor<1x3x16x12xf32>" in seen[0] and "tensor<?x3x?x?xf32>" not in seen[0]
    assert list(compiled.get_inputs()[0].shape) == [1, 3, 16, 12]
    feeds = {"x": np.random.default_rng(0).standard_normal((1, 3, 16, 12)).astype(F32)}
    np.testing.assert_allclose(compiled.run(None, feeds)[0], ort_run(m, feeds)[0], rtol=1e-4,
                               atol=1e-5)
    with pytest.raises(InputError):
        compiled.run(None, {"x": np.zeros((1, 3, 16, 16), F32)})


def test_minus_one_keeps_a_dim_dynamic():
    compiled = onnx_mlir.compile(_conv_model(), input_shapes={"x": [1, 3, -1, 12]})
    for h_size in (5, 9):
        x = np.ones((1, 3, h_size, 12), F32)
        assert compiled.run(None, {"x": x})[0].shape == (1, 4, h_size, 12)


def test_specialization_makes_a_shape_condition_constant():
    """A rank-changing If on ``x.shape[-1] == 1`` compiles once the last dim is fixed."""
    m = model(_squeeze_if_last_is_one("x", ""), [vi("x", [2, 3, "n"])], [vi("out", None)])
    with pytest.warns(ShapeWarning, match="different ranks"):
        onnx_mlir.compile(m)  # compiled with the then_branch, checked at run time
    with warnings.catch_warnings():
        warnings.simplefilter("error", ShapeWarning)
        compiled = onnx_mlir.compile(m, input_shapes={"x": [2, 3, 1]})
    x = np.random.default_rng(0).standard_normal((2, 3, 1)).astype(F32)
    np.testing.assert_allclose(compiled.run(None, {"x": x})[0], 2 * np.maximum(x[..., 0], 0))


@pytest.mark.parametrize("shapes,fragment", [
    ({"y": [1, 3, 4, 4]}, "no input 'y'"),
    ({1: [1, 3, 4, 4]}, "no input #1"),
    ({"x": [1, 3, 4]}, "has rank 4, got 3 sizes"),
    ({"x": [1, 5, 4, 4]}, "axis 1 is 3 in the model, got 5"),
    ({"x": [1, 3, -2, 4]}, "size -2"),
])
def test_bad_input_shapes_are_import_errors(shapes, fragment):
    with pytest.raises(OnnxImportError, match=fragment):
        onnx_mlir.compile(_conv_model(), input_shapes=shapes)


def test_parse_shape_information():
    assert parse_shape_information("x:1x3x320x320,1:4x-1") == {"x": [1, 3, 320, 320], 1: [4, -1]}
    assert parse_shape_information("a:b:2x3") == {"a:b": [2, 3]}
    with pytest.raises(OnnxImportError, match="not INPUT:D1xD2"):
        parse_shape_information("1x3")
    with pytest.raises(OnnxImportError, match="dims must be integers"):
        parse_shape_information("x:1xAx3")


@pytest.mark.parametrize("flag", ["--shapeInformation=x:1x3x16x12", "--shapeInformation=0:1x3x16x12"])
def test_driver_shape_information(tmp_path, capsys, flag):
    path = tmp_path / "conv.onnx"
    onnx.save(_conv_model(), path)
    assert onnx_mlir_driver.main([str(path), "--EmitONNXBasic", flag]) == 0
    out = capsys.readouterr().out
    assert "tensor<1x3x16x12xf32>" in out and "tensor<?x3x?x?xf32>" not in out


def test_driver_bad_shape_information_exits_1(tmp_path, capsys):
    path = tmp_path / "conv.onnx"
    onnx.save(_conv_model(), path)
    assert onnx_mlir_driver.main([str(path), "--EmitONNXBasic", "--shapeInformation=z:1x2"]) == 1
    err = capsys.readouterr().err
    assert "no input 'z'" in err and "Traceback" not in err
