"""Shape agreement of the data-movement and reshape lowerings, checked at run time where the
sizes are dynamic and at compile time where they are static (Concat, Reshape, Squeeze, Split,
Expand, DepthToSpace, SpaceToDepth)."""

from __future__ import annotations

from shape_check_helpers import (F32, T, check_compile_error, check_good_then_bad, h, model, np,
                                 onnx_mlir, ort_rejects, vi)


def arr(*shape, dtype=F32):
    return np.arange(int(np.prod(shape)), dtype=dtype).reshape(shape)


# --------------------------------------------------------------------------- Concat


def test_concat_non_axis_dims_must_agree():
    m = model([h.make_node("Concat", ["a", "b"], ["c"], axis=0, name="cat")],
              [vi("a", ["n", "p"]), vi("b", ["m", "q"])], [vi("c", [None, None])])
    bad = {"a": arr(2, 3), "b": arr(1, 5)}
    ort_rejects(m, bad)
    check_good_then_bad(m, {"a": arr(2, 3), "b": arr(1, 3)}, bad, "cat", "size 5 at axis 1",
                        "another 3")


def test_concat_dynamic_against_static_input():
    m = model([h.make_node("Concat", ["a", "b", "c"], ["y"], axis=1, name="cat")],
              [vi("a", [2, 3]), vi("b", ["n", 1]), vi("c", [2, "k"])], [vi("y", [2, None])])
    good = {"a": arr(2, 3), "b": arr(2, 1), "c": arr(2, 4)}
    check_good_then_bad(m, good, dict(good, b=arr(3, 1)), "cat", "size 3 at axis 0", "another 2")


def test_concat_declared_static_result_is_checked():
    # The graph types the result [4, 3]; the inputs' run-time rows must add up to 4, else the
    # insertion writes past the result buffer.
    m = model([h.make_node("Concat", ["a", "b"], ["c"], axis=0, name="cat")],
              [vi("a", ["n", 3]), vi("b", ["m", 3])], [vi("c", [4, 3])])
    check_good_then_bad(m, {"a": arr(2, 3), "b": arr(2, 3)}, {"a": arr(2, 3), "b": arr(5, 3)},
                        "cat", "axis 0 has size 7", "says 4")


def test_concat_static_mismatch_is_a_compile_error():
    m = model([h.make_node("Concat", ["a", "b"], ["c"], axis=0, name="cat")],
              [vi("a", [2, 3]), vi("b", [2, 4])], [vi("c", [4, None])])
    check_compile_error(m, "cat", "size 4 at axis 1")


# --------------------------------------------------------------------------- Reshape


def _reshape(shape, in_shape, out_shape, allowzero=0):
    s = h.make_tensor("s", T.INT64, [len(shape)], shape)
    return model([h.make_node("Reshape", ["a", "s"], ["c"], name="rs", allowzero=allowzero)],
                 [vi("a", in_shape)], [vi("c", out_shape)], [s])


def test_reshape_inferred_dim_with_a_remainder():
    m = _reshape([2, -1], ["n", 3], [2, None])
    bad = {"a": arr(3, 3)}
    ort_rejects(m, bad)
    check_good_then_bad(m, {"a": arr(4, 3)}, bad, "rs", "9 elements", "asks for 8")


def test_reshape_static_target_of_a_dynamic_input():
    m = _reshape([2, 6], ["n", 3], [2, 6])
    check_good_then_bad(m, {"a": arr(4, 3)}, {"a": arr(3, 3)}, "rs", "9 elements",
                        "asks for 12")


def test_reshape_minus_one_next_to_an_empty_copied_dim_does_not_divide_by_zero():
    # 0 copies the (empty) first dim: the -1 divides 0 elements by 0 (SIGFPE before).
    m = _reshape([0, -1], ["n", "k"], [None, None])
    compiled = onnx_mlir.compile(m)
    (y,) = compiled.run(None, {"a": np.zeros((0, 3), F32)})
    assert y.size == 0
    (y,) = compiled.run(None, {"a": arr(4, 3)})
    np.testing.assert_array_equal(y, arr(4, 3))


def test_reshape_runtime_shape_element_count():
    m = model([h.make_node("Reshape", ["a", "s"], ["c"], name="rs")],
              [vi("a", ["n", 3]), vi("s", [2], T.INT64)], [vi("c", [None, None])])
    good = {"a": arr(4, 3), "s": np.array([2, 6], np.int64)}
    check_good_then_bad(m, good, dict(good, s=np.array([5, 6], np.int64)), "rs",
                        "12 elements", "asks for 30")


def test_reshape_runtime_shape_with_inference_and_zero_copy():
    m = model([h.make_node("Reshape", ["a", "s"], ["c"], name="rs")],
              [vi("a", ["n", 3]), vi("s", [3], T.INT64)], [vi("c", [None, None, None])])
    good = {"a": arr(4, 3), "s": np.array([0, -1, 1], np.int64)}
    bads = [dict(good, s=np.array([-1, -1, 3], np.int64)),  # two -1
            dict(good, s=np.array([0, -2, 3], np.int64)),  # below -1
            dict(good, s=np.array([0, 5, -1], np.int64))]  # remainder
    for bad in bads:
        ort_rejects(m, bad)
    check_good_then_bad(m, good, bads, "rs")


def test_reshape_runtime_shape_against_static_result_type():
    m = model([h.make_node("Reshape", ["a", "s"], ["c"], name="rs")],
              [vi("a", [4, 3]), vi("s", [2], T.INT64)], [vi("c", [None, 6])])
    good = {"a": arr(4, 3), "s": np.array([2, 6], np.int64)}
    check_good_then_bad(m, good, dict(good, s=np.array([3, 4], np.int64)), "rs",
                        "axis 1 has size 4", "says 6")
