"""``CompiledModel.run``'s call path: the quick feed check, the per-thread argument block and
results adopted from the compiled code behave as the full path does (speed is measured by
``benchmarks/bench_cpu.py --overhead``, never here)."""

from __future__ import annotations

import gc
import types

import numpy as np
import pytest
from onnx import TensorProto as T
from onnx import helper as h

import onnx_mlir
from onnx_mlir import InputError


def _model(nodes, inputs, outputs):
    graph = h.make_graph(nodes, "g", inputs, outputs)
    model = h.make_model(graph, opset_imports=[h.make_opsetid("", 18)])
    model.ir_version = 9
    return model


def _vi(name, shape, elem=T.FLOAT):
    return h.make_tensor_value_info(name, elem, shape)


@pytest.fixture(scope="module")
def static_add():
    return onnx_mlir.compile(_model([h.make_node("Add", ["a", "b"], ["c"])],
                                    [_vi("a", [3, 4]), _vi("b", [3, 4])], [_vi("c", [3, 4])]))


@pytest.fixture(scope="module")
def dynamic_add():
    return onnx_mlir.compile(_model([h.make_node("Add", ["a", "b"], ["c"])],
                                    [_vi("a", ["n", 4]), _vi("b", ["n", 4])], [_vi("c", ["n", 4])]))


def test_inputs_in_any_layout(static_add):
    base = np.arange(24, dtype=np.float32).reshape(3, 8)
    strided = base[:, ::2]  # not contiguous
    fortran = np.asfortranarray(np.arange(12, dtype=np.float32).reshape(3, 4))
    readonly = np.ones((3, 4), np.float32)
    readonly.flags.writeable = False
    (c,) = static_add.run(None, {"a": strided, "b": fortran})
    np.testing.assert_array_equal(c, strided + fortran)
    (c,) = static_add.run(None, {"a": readonly, "b": np.ones((3, 4), np.float32)})
    np.testing.assert_array_equal(c, np.full((3, 4), 2, np.float32))


def test_feeds_that_are_not_a_plain_dict_of_arrays(static_add):
    x = np.ones((3, 4), np.float32)
    (c,) = static_add.run(None, types.MappingProxyType({"a": x, "b": x}))
    np.testing.assert_array_equal(c, 2 * x)
    with pytest.raises(InputError, match="input 'a': expected element type"):
        static_add.run(None, {"a": x.tolist(), "b": x})  # converted (to float64), then checked


@pytest.mark.parametrize("feeds, message", [
    ({"a": np.ones((3, 4), np.float64), "b": np.ones((3, 4), np.float32)}, "input 'a': expected element type"),
    ({"a": np.ones((3, 4), np.float32), "b": np.ones((4, 3), np.float32)}, "input 'b': axis 0 has size 4"),
    ({"a": np.ones((3, 4), np.float32), "c": np.ones((3, 4), np.float32)}, "unknown input"),
    ({"a": np.ones((3, 4), np.float32)}, "missing input"),
])
def test_wrong_feeds_still_name_the_input(static_add, feeds, message):
    with pytest.raises(InputError, match=message):
        static_add.run(None, feeds)


def test_dynamic_dims_are_bound_consistently(dynamic_add):
    x = np.ones((5, 4), np.float32)
    (c,) = dynamic_add.run(None, {"a": x, "b": x})
    np.testing.assert_array_equal(c, 2 * x)
    with pytest.raises(InputError, match="'n'"):
        dynamic_add.run(None, {"a": x, "b": np.ones((2, 4), np.float32)})
    with pytest.raises(InputError, match="axis 1 has size 3, expected 4"):
        dynamic_add.run(None, {"a": np.ones((5, 3), np.float32), "b": np.ones((5, 3), np.float32)})


def test_results_are_fresh_arrays_that_outlive_later_runs_and_the_model():
    for shape in ([3, 4], ["n", 4]):  # out-params, then results the compiled code allocates
        model = onnx_mlir.compile(_model([h.make_node("Add", ["a", "b"], ["c"])],
                                         [_vi("a", shape), _vi("b", shape)], [_vi("c", shape)]))
        x = np.ones((3, 4), np.float32)
        (first,) = model.run(None, {"a": x, "b": x})
        (second,) = model.run(None, {"a": 2 * x, "b": x})
        assert first.flags.c_contiguous and first.flags.writeable
        first += 1  # writable, and not shared with the second result
        np.testing.assert_array_equal(first, np.full((3, 4), 3, np.float32))
        np.testing.assert_array_equal(second, np.full((3, 4), 3, np.float32))
        del model
        gc.collect()
        np.testing.assert_array_equal(second, np.full((3, 4), 3, np.float32))


def test_empty_and_rank_zero_tensors():
    model = onnx_mlir.compile(_model([h.make_node("Neg", ["a"], ["c"]), h.make_node("Abs", ["s"], ["t"])],
                                     [_vi("a", ["n", 4]), _vi("s", [])], [_vi("c", ["n", 4]), _vi("t", [])]))
    c, t = model.run(None, {"a": np.zeros((0, 4), np.float32), "s": np.array(-2.5, np.float32)})
    assert c.shape == (0, 4) and t.shape == () and t == 2.5
