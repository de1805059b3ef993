"""Values read from data that size or index the result: OneHot (out-of-range indices give an
all-off row, negative ones count from the end; depth and values checked), Range (delta 0,
non-finite counts), ConstantOfShape (negative or overflowing sizes), Trilu's k (any int64),
TopK's run-time K and CumSum's run-time axis."""

from __future__ import annotations

import numpy as np
import pytest

import onnx_mlir
from index_check_helpers import (HUGE, I64_MAX, I64_MIN, compile_error, good_then_bad,
                                 node_model, ort_run)

F32, I32, I64 = np.float32, np.int32, np.int64


@pytest.mark.parametrize("shapes", ["static", "dynamic"])
def test_one_hot_out_of_range_indices_give_all_off_rows(shapes) -> None:
    ishape = [6] if shapes == "static" else ["n"]
    m = node_model("OneHot", [("i", I64, ishape), ("d", I64, []), ("v", F32, [2])],
                   [("y", F32, None)], opset=11, axis=-1)
    i = np.array([0, -1, 5, I64_MIN, HUGE, -3], I64)
    v = np.array([2, 7], F32)
    feeds = [{"i": i, "d": np.array(3, I64), "v": v}]
    if shapes == "dynamic":
        feeds.append({"i": i[:2], "d": np.array(4, I64), "v": v})
    good_then_bad(m, feeds, [({"i": i, "d": np.array(0, I64), "v": v}, ["depth 0 is not positive"]),
                             ({"i": i, "d": np.array(-3, I64), "v": v}, ["depth -3"])])


def test_one_hot_static_result_checks_the_run_time_depth() -> None:
    m = node_model("OneHot", [("i", I64, [2]), ("d", I64, [1]), ("v", F32, [2])],
                   [("y", F32, [2, 3])], opset=11)
    v = np.array([0, 1], F32)
    good_then_bad(m, [{"i": np.array([2, -1], I64), "d": np.array([3], I64), "v": v}],
                  [({"i": np.array([2, -1], I64), "d": np.array([5], I64), "v": v},
                    ["depth is 5, but the result type says 3"])], ort_rejects_bad=False)


def test_one_hot_values_must_hold_two() -> None:
    m = node_model("OneHot", [("i", I64, [2]), ("d", I64, []), ("v", F32, ["k"])],
                   [("y", F32, None)], opset=11, initializers={"d": np.array(3, I64)})
    good_then_bad(m, [{"i": np.array([1, 0], I64), "v": np.array([0, 1], F32)}],
                  [({"i": np.array([1, 0], I64), "v": np.array([1], F32)},
                    ["values has 1 elements, expected 2"])])


def test_one_hot_float_indices_far_out_of_range() -> None:
    """onnxruntime has no float-index kernel: the reference evaluator is the oracle (integral
    values only: ONNX does not say how a fractional index rounds)."""
    from onnx.reference import ReferenceEvaluator

    m = node_model("OneHot", [("i", F32, ["n"]), ("d", I64, []), ("v", F32, [2])],
                   [("y", F32, None)], opset=11)
    feeds = {"i": np.array([1e30, -1e30, np.inf, np.nan, 2, -1, 0], F32), "d": np.array(3, I64),
             "v": np.array([0, 1], F32)}
    (got,) = onnx_mlir.compile(m).run(None, feeds)
    (want,) = ReferenceEvaluator(m).run(None, feeds)
    np.testing.assert_array_equal(got, want)


def test_one_hot_constant_depth_not_positive_fails_to_compile() -> None:
    m = node_model("OneHot", [("i", I64, [2]), ("d", I64, []), ("v", F32, [2])],
                   [("y", F32, None)], opset=11, initializers={"d": np.array(0, I64)})
    compile_error(m, "depth 0 is not positive")


@pytest.mark.parametrize("dtype", [I64, I32, F32], ids=["i64", "i32", "f32"])
def test_range_delta_zero(dtype) -> None:
    m = node_model("Range", [("s", dtype, []), ("l", dtype, []), ("d", dtype, [])],
                   [("y", dtype, None)], opset=11)
    s = np.array(0, dtype)
    good_then_bad(m, [{"s": s, "l": np.array(7, dtype), "d": np.array(2, dtype)},
                      {"s": np.array(5, dtype), "l": s, "d": np.array(-2, dtype)},
                      {"s": s, "l": np.array(-3, dtype), "d": np.array(-1, dtype)}],
                  [({"s": s, "l": np.array(7, dtype), "d": np.array(0, dtype)}, ["0"])])


def test_range_int64_extremes_do_not_trap() -> None:
    # INT64_MIN / -1 and a zero delta would trap (SIGFPE) in a plain division.
    m = node_model("Range", [("s", I64, []), ("l", I64, []), ("d", I64, [])],
                   [("y", I64, None)], opset=11)
    compiled = onnx_mlir.compile(m)
    (y,) = compiled.run(None, {"s": np.array(0, I64), "l": np.array(I64_MIN, I64),
                               "d": np.array(-1, I64)})
    assert y.shape == (0,)  # the wrapped count is negative: empty, and no trap
    (y,) = compiled.run(None, {"s": np.array(3, I64), "l": np.array(0, I64),
                               "d": np.array(I64_MIN, I64)})
    np.testing.assert_array_equal(y, [3])


def test_range_float_count_not_finite() -> None:
    m = node_model("Range", [("s", F32, []), ("l", F32, []), ("d", F32, [])],
                   [("y", F32, None)], opset=11)
    s = np.array(0, F32)
    good_then_bad(m, [{"s": s, "l": np.array(2.5, F32), "d": np.array(0.5, F32)}],
                  [({"s": s, "l": np.array(np.nan, F32), "d": np.array(1, F32)}, ["not finite"]),
                   ({"s": s, "l": np.array(np.inf, F32), "d": np.array(1, F32)}, ["not finite"])])


def test_constant_of_shape_negative_or_overflowing() -> None:
    m = node_model("ConstantOfShape", [("s", I64, [2])], [("y", F32, None)], opset=11)
    good_then_bad(m, [{"s": np.array([2, 3], I64)}, {"s": np.array([0, 5], I64)}],
                  [({"s": np.array([2, -1], I64)}, ["negative size -1 at axis 1"]),
                   ({"s": np.array([I64_MIN, 1], I64)}, [f"negative size {I64_MIN} at axis 0"]),
                   ({"s": np.array([2 ** 32, 2 ** 32], I64)}, ["too large to allocate"])])


@pytest.mark.parametrize("k", [I64_MIN, -HUGE, -3, 0, 2, HUGE, I64_MAX])
@pytest.mark.parametrize("upper", [0, 1])
def test_trilu_any_k(k, upper) -> None:
    m = node_model("Trilu", [("x", F32, ["a", 4]), ("k", I64, [])], [("y", F32, None)],
                   upper=upper)
    feeds = {"x": np.arange(12, dtype=F32).reshape(3, 4) + 1, "k": np.array(k, I64)}
    (got,) = onnx_mlir.compile(m).run(None, feeds)
    np.testing.assert_array_equal(got, ort_run(m, feeds)[0])


@pytest.mark.parametrize("shapes", ["static", "dynamic"])
def test_top_k_run_time_k(shapes) -> None:
    xshape = [2, 5] if shapes == "static" else [2, "n"]
    m = node_model("TopK", [("x", F32, xshape), ("k", I64, [1])],
                   [("v", F32, [2, 3]), ("i", I64, [2, 3])])
    x = np.array([[3, 1, 4, 1, 5], [9, 2, 6, 5, 3]], F32)
    bad = [({"x": x, "k": np.array([4], I64)}, ["K is 4 at run time, but the result type says 3"]),
           ({"x": x, "k": np.array([-1], I64)}, ["K is -1"])]
    if shapes == "dynamic":
        bad.append(({"x": x[:, :2], "k": np.array([3], I64)}, ["K is 3, out of range for the axis size 2"]))
    good_then_bad(m, [{"x": x, "k": np.array([3], I64)}], bad, ort_rejects_bad=False)


def test_top_k_constant_k_dynamic_axis() -> None:
    m = node_model("TopK", [("x", F32, ["n"]), ("k", I64, [1])], [("v", F32, None), ("i", I64, None)],
                   initializers={"k": np.array([2], I64)})
    x = np.array([3, 1, 4], F32)
    good_then_bad(m, [{"x": x}, {"x": x[:2]}],
                  [({"x": x[:1]}, ["K=2 is larger than the axis size 1"])])


@pytest.mark.parametrize("axis", [2, -3, HUGE, I64_MIN])
def test_cum_sum_run_time_axis_out_of_range(axis) -> None:
    m = node_model("CumSum", [("x", F32, [2, 3]), ("a", I64, [])], [("y", F32, None)])
    x = np.arange(6, dtype=F32).reshape(2, 3)
    good_then_bad(m, [{"x": x, "a": np.array(1, I64)}, {"x": x, "a": np.array(-2, I64)}],
                  [({"x": x, "a": np.array(axis, I64)}, [f"axis {axis} is out of range for rank 2"])])


def test_loop_trip_count_sizing_scan_outputs() -> None:
    """A trip count from data sizes the scan-output buffers: a product that overflows would
    allocate a small buffer and write past it."""
    from onnx import TensorProto as T
    from onnx import helper as h

    vi = h.make_tensor_value_info
    body = h.make_graph([h.make_node("Identity", ["c"], ["c_out"]),
                         h.make_node("Identity", ["x"], ["xo"]),
                         h.make_node("Identity", ["x"], ["s"])], "body",
                        [vi("i", T.INT64, []), vi("c", T.BOOL, []), vi("x", T.FLOAT, [8])],
                        [vi("c_out", T.BOOL, []), vi("xo", T.FLOAT, [8]), vi("s", T.FLOAT, [8])])
    graph = h.make_graph([h.make_node("Loop", ["n", "", "x0"], ["xf", "scan"], body=body,
                                      name="n0")], "g",
                         [vi("n", T.INT64, []), vi("x0", T.FLOAT, [8])],
                         [vi("xf", T.FLOAT, [8]), vi("scan", T.FLOAT, None)])
    m = h.make_model(graph, opset_imports=[h.make_opsetid("", 18)])
    m.ir_version = 8
    x0 = np.ones(8, F32)
    good_then_bad(m, [{"n": np.array(3, I64), "x0": x0}, {"n": np.array(-2, I64), "x0": x0}],
                  [({"n": np.array(2 ** 62, I64), "x0": x0},
                    ["Loop scan output 0 is too large to allocate"])], ort_rejects_bad=False)


def test_scalar_operands_of_dynamic_shape_must_hold_one_element() -> None:
    """A scalar read at [0] of an operand typed [?]: an empty one would be read past its end."""
    m = node_model("TopK", [("x", F32, [4]), ("k", I64, ["n"])],
                   [("v", F32, [2]), ("i", I64, [2])])
    x = np.array([3, 1, 4, 1], F32)
    good_then_bad(m, [{"x": x, "k": np.array([2], I64)}],
                  [({"x": x, "k": np.zeros(0, I64)}, ["K must hold one element, but its axis 0 has size 0"])],
                  ort_rejects_bad=False)
    m = node_model("CumSum", [("x", F32, [2, 3]), ("a", I64, ["n"])], [("y", F32, None)])
    x = np.ones((2, 3), F32)
    good_then_bad(m, [{"x": x, "a": np.array([1], I64)}],
                  [({"x": x, "a": np.zeros(0, I64)}, ["axis must hold one element"])],
                  ort_rejects_bad=False)
