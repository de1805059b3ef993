"""``compile(opt_level="auto")`` (the default): O3, or O0 for a function too large for LLVM's
optimiser to handle in about linear time (``compiler/opt_level.py``)."""

from __future__ import annotations

import numpy as np
import pytest
from onnx import TensorProto as T
from onnx import helper as h

import onnx_mlir


def _model():
    graph = h.make_graph([h.make_node("Relu", ["x"], ["y"])], "g",
                         [h.make_tensor_value_info("x", T.FLOAT, [2, 3])],
                         [h.make_tensor_value_info("y", T.FLOAT, [2, 3])])
    return h.make_model(graph, opset_imports=[h.make_opsetid("", 18)], ir_version=9)


def test_auto_opt_level_takes_o0_for_functions_too_large_to_optimise(monkeypatch, capsys):
    from onnx_mlir.compiler import opt_level

    onnx_mlir.compile(_model(), cache=False, verbose=True)
    assert "jit (O3)" in capsys.readouterr().err
    monkeypatch.setattr(opt_level, "AUTO_MAX_OPS", 5)
    with pytest.warns(onnx_mlir.errors.OptLevelWarning, match="compiled at O0"):
        model = onnx_mlir.compile(_model(), cache=False, verbose=True)
    assert "jit (O0)" in capsys.readouterr().err
    x = np.random.randn(2, 3).astype(np.float32)
    np.testing.assert_array_equal(model.run(None, {"x": x})[0], np.maximum(x, 0))
    onnx_mlir.compile(_model(), cache=False, verbose=True, opt_level=1)
    assert "jit (O1)" in capsys.readouterr().err
    for bad in (4, -1, "fast", True):
        with pytest.raises(ValueError, match="opt_level"):
            onnx_mlir.compile(_model(), opt_level=bad)
