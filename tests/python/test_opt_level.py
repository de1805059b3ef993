"""``compile(opt_level="auto")`` (the default): the kernels optimised, the glue (``@main_graph``
after ``cpu-outline-kernels``) and any function too large for LLVM's optimiser compiled without
optimisation (``optnone``); ``opt_level=0..3``: every function at that level
(``compiler/opt_level.py``)."""

from __future__ import annotations

import numpy as np
import pytest
from mlir import ir
from onnx import TensorProto as T
from onnx import helper as h

import onnx_mlir
from onnx_mlir.compiler import compile_for_cpu, opt_level


def _model():
    nodes = [h.make_node("Relu", ["x"], ["r"]), h.make_node("MatMul", ["r", "w"], ["y"])]
    w = h.make_tensor("w", T.FLOAT, [3, 4], np.arange(12, dtype=np.float32).tolist())
    graph = h.make_graph(nodes, "g", [h.make_tensor_value_info("x", T.FLOAT, [2, 3])],
                         [h.make_tensor_value_info("y", T.FLOAT, [2, 4])], initializer=[w])
    return h.make_model(graph, opset_imports=[h.make_opsetid("", 18)], ir_version=9)


def _expected(x):
    return np.maximum(x, 0) @ np.arange(12, dtype=np.float32).reshape(3, 4)


def _unoptimised(module: ir.Module) -> dict[str, bool]:
    """Defined llvm.func name -> whether it is marked optnone."""
    found = {}
    for op in module.body.operations:
        op = op.operation
        if op.name == "llvm.func" and op.regions[0].blocks:
            found[ir.StringAttr(op.attributes["sym_name"]).value] = "optimize_none" in op.attributes
    return found


def test_auto_leaves_only_the_glue_unoptimised():
    artifact = compile_for_cpu(_model(), num_threads=1)
    assert opt_level.resolve("auto", artifact.module) == opt_level.AUTO_LEVEL
    marks = _unoptimised(artifact.module)
    kernels = [name for name in marks if name.startswith("kernel_")]
    assert len(kernels) >= 2  # the Relu and the MatMul, each its own function
    assert marks["main_graph"] and not any(marks[k] for k in kernels)


@pytest.mark.parametrize("level", [0, 1, 3])
def test_explicit_levels_apply_to_every_function(level):
    artifact = compile_for_cpu(_model(), num_threads=1)
    assert opt_level.resolve(level, artifact.module) == level
    assert not any(_unoptimised(artifact.module).values())


def test_auto_compiles_functions_too_large_to_optimise_unoptimised(monkeypatch, capsys):
    x = np.random.randn(2, 3).astype(np.float32)
    model = onnx_mlir.compile(_model(), cache=False, verbose=True)
    assert "jit (auto: O2, glue O0)" in capsys.readouterr().err
    np.testing.assert_allclose(model.run(None, {"x": x})[0], _expected(x), rtol=1e-6)
    monkeypatch.setattr(opt_level, "AUTO_MAX_OPS", 5)
    with pytest.warns(onnx_mlir.errors.OptLevelWarning, match=r"over 5 LLVM ops compiled at O0 .*: @kernel_"):
        model = onnx_mlir.compile(_model(), cache=False)
    np.testing.assert_allclose(model.run(None, {"x": x})[0], _expected(x), rtol=1e-6)
    onnx_mlir.compile(_model(), cache=False, verbose=True, opt_level=1)
    assert "jit (O1)" in capsys.readouterr().err
    for bad in (4, -1, "fast", True):
        with pytest.raises(ValueError, match="opt_level"):
            onnx_mlir.compile(_model(), opt_level=bad)
