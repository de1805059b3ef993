"""Shape agreement of the data-movement and reshape lowerings, checked at run time where the
sizes are dynamic and at compile time where they are static (Concat, Reshape, Squeeze, Split,
Expand, DepthToSpace, SpaceToDepth, ReverseSequence)."""

from __future__ import annotations

import pytest

from shape_check_helpers import (F32, T, ExecutionError, check_compile_error, check_good_then_bad,
                                 h, model, np, onnx_mlir, ort_rejects, runtime_check_messages, vi)


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
    # ONNX shape inference already rejects it at import, naming the node
    check_compile_error(m, "cat", "differ")


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


# --------------------------------------------------------------------------- Squeeze, Split


def test_squeeze_of_a_dynamic_dim_requires_one():
    ax = h.make_tensor("ax", T.INT64, [1], [1])
    m = model([h.make_node("Squeeze", ["a", "ax"], ["c"], name="sq")],
              [vi("a", [2, "k", 3])], [vi("c", [2, None])], [ax])
    bad = {"a": arr(2, 4, 3)}
    ort_rejects(m, bad)
    check_good_then_bad(m, {"a": arr(2, 1, 3)}, bad, "sq", "squeeze axis 1 of size 4")


def _split(inputs, outputs, extra=(), **attrs):
    names = [o.name for o in outputs]
    return model([h.make_node("Split", [i.name for i in inputs] + [e.name for e in extra],
                              names, name="spl", **attrs)], inputs, outputs, list(extra))


def test_split_constant_sizes_against_a_dynamic_axis():
    sp = h.make_tensor("sp", T.INT64, [2], [2, 3])
    m = _split([vi("a", ["n", 2])], [vi("x", [2, 2]), vi("y", [3, 2])], [sp], axis=0)
    bad = {"a": arr(4, 2)}
    ort_rejects(m, bad)
    check_good_then_bad(m, {"a": arr(5, 2)}, bad, "spl", "add up to 5", "size 4")


def test_split_sizes_read_at_run_time():
    m = model([h.make_node("Split", ["a", "sp"], ["x", "y"], axis=1, name="spl")],
              [vi("a", [2, "n"]), vi("sp", [2], T.INT64)], [vi("x", [2, None]), vi("y", [2, None])])
    good = {"a": arr(2, 5), "sp": np.array([2, 3], np.int64)}
    bads = [dict(good, sp=np.array([2, 7], np.int64)), dict(good, sp=np.array([7, -2], np.int64))]
    for bad in bads:
        ort_rejects(m, bad)
    check_good_then_bad(m, good, bads, "spl")


def test_split_run_time_sizes_against_static_result_types():
    m = model([h.make_node("Split", ["a", "sp"], ["x", "y"], axis=0, name="spl")],
              [vi("a", [5]), vi("sp", [2], T.INT64)], [vi("x", [2]), vi("y", [3])])
    good = {"a": arr(5), "sp": np.array([2, 3], np.int64)}
    check_good_then_bad(m, good, dict(good, sp=np.array([4, 1], np.int64)), "spl",
                        "result #0 has 4 elements", "says 2")


def test_split_num_outputs_leaving_a_negative_last_part():
    m = _split([vi("a", ["n", 2])], [vi(n, [None, 2]) for n in "xyzw"], axis=0, num_outputs=4)
    bad = {"a": arr(5, 2)}
    ort_rejects(m, bad)
    check_good_then_bad(m, {"a": arr(8, 2)}, bad, "spl", "leaves -1 elements")


def test_split_static_sizes_not_adding_up_is_a_compile_error():
    sp = h.make_tensor("sp", T.INT64, [2], [2, 2])
    m = _split([vi("a", [5])], [vi("x", [2]), vi("y", [2])], [sp], axis=0)
    check_compile_error(m, "spl", "sum of 'split' (4)")


# --------------------------------------------------------------------------- Expand, blocks


def test_expand_dynamic_input_dim_against_the_target():
    s = h.make_tensor("s", T.INT64, [2], [3, 4])
    m = model([h.make_node("Expand", ["a", "s"], ["c"], name="ex")],
              [vi("a", [3, "k"])], [vi("c", [3, 4])], [s])
    bad = {"a": arr(3, 5)}
    ort_rejects(m, bad)
    check_good_then_bad(m, {"a": arr(3, 4)}, bad, "ex", "size 5", "size 4")


def test_depth_to_space_dynamic_channels_must_divide():
    m = model([h.make_node("DepthToSpace", ["a"], ["c"], blocksize=2, name="d2s")],
              [vi("a", [1, "c", 2, 3])], [vi("c", [1, None, 4, 6])])
    bad = {"a": arr(1, 6, 2, 3)}
    ort_rejects(m, bad)
    check_good_then_bad(m, {"a": arr(1, 8, 2, 3)}, bad, "d2s", "channel count 6", "of 4")


def test_space_to_depth_dynamic_spatial_dims_must_divide():
    m = model([h.make_node("SpaceToDepth", ["a"], ["c"], blocksize=2, name="s2d")],
              [vi("a", [1, 2, "h", "w"])], [vi("c", [1, 8, None, None])])
    good = {"a": arr(1, 2, 4, 6)}
    bads = [{"a": arr(1, 2, 5, 6)}, {"a": arr(1, 2, 4, 3)}]
    for bad in bads:
        ort_rejects(m, bad)
    check_good_then_bad(m, good, bads, "s2d", "multiple of the blocksize 2")


# --------------------------------------------------------------------------- ReverseSequence


def test_reverse_sequence_lengths_match_the_batch_and_fit_the_time_axis():
    m = model([h.make_node("ReverseSequence", ["x", "l"], ["y"], batch_axis=1, time_axis=0,
                           name="rev")],
              [vi("x", ["t", "b"]), vi("l", ["k"], T.INT64)], [vi("y", [None, None])])
    good = {"x": arr(4, 3), "l": np.array([4, 2, 1], np.int64)}
    bads = [dict(good, l=np.array([4, 2], np.int64)),  # one length short
            dict(good, l=np.array([4, 9, 1], np.int64)),  # past the time axis
            dict(good, l=np.array([4, -1, 1], np.int64))]
    for bad in bads:
        ort_rejects(m, bad)
    check_good_then_bad(m, good, bads, "rev")


def test_reshape_to_a_shape_assembled_from_shape_and_constants():
    # Concat(Shape(b), [3], [-1]) as exporters build it: the constant entries stay static, the
    # size comes from b, and only the element count is checked at run time.
    three = h.make_tensor("three", T.INT64, [1], [3])
    minus = h.make_tensor("minus", T.INT64, [1], [-1])
    m = model([h.make_node("Shape", ["b"], ["sb"]),
               h.make_node("Concat", ["sb", "three", "minus"], ["s"], axis=0),
               h.make_node("Reshape", ["a", "s"], ["y"], name="rs")],
              [vi("a", ["n", 12]), vi("b", ["m"])], [vi("y", [None, 3, None])], [three, minus])
    good = {"a": arr(2, 12), "b": np.zeros(2, F32)}
    bad = dict(good, b=np.zeros(3, F32))
    ort_rejects(m, bad)
    check_good_then_bad(m, good, bad, "rs", "24 elements", "asks for 18")
    assert runtime_check_messages(m) == ["the input has {0} elements, but the shape asks for {1}"]


def test_reshape_runtime_sizes_wrapping_around_64_bits():
    # Sizes read from data may multiply past 64 bits: the product must not pass the element
    # count check by wrapping around.
    m = model([h.make_node("Reshape", ["a", "s"], ["c"], name="rs")],
              [vi("a", ["n"]), vi("s", [3], T.INT64)], [vi("c", [None, None, None])])
    compiled = onnx_mlir.compile(m)
    good = {"a": arr(8), "s": np.array([2, 2, 2], np.int64)}
    np.testing.assert_array_equal(compiled.run(None, good)[0], arr(2, 2, 2))
    # 2^62 * 4 * 2 = 2^65 wraps to 0, the element count of an empty input.
    bad = {"a": np.zeros(0, F32), "s": np.array([1 << 62, 4, 2], np.int64)}
    with pytest.raises(ExecutionError, match="0 elements"):
        compiled.run(None, bad)
    np.testing.assert_array_equal(compiled.run(None, good)[0], arr(2, 2, 2))
