"""Shape agreement of the compute lowerings, checked at run time where the sizes are dynamic and
at compile time where they are static: multi-input elementwise ops, Einsum, Gemm, the
normalizations, quantization parameters, losses, GridSample, RoiAlign, DeformConv, Scan."""

from __future__ import annotations

import pytest

from shape_check_helpers import (F32, T, ExecutionError, check_compile_error, check_good_then_bad,
                                 h, model, np, onnx_mlir, ort_rejects, ort_run, vi)


def arr(*shape, dtype=F32):
    return np.arange(int(np.prod(shape)), dtype=dtype).reshape(shape)


# --------------------------------------------------------------------------- elementwise

_I32 = np.int32
_ELEMENTWISE = [
    # (op, attrs, input elem types, numpy dtypes)
    ("Where", {}, [T.BOOL, T.FLOAT, T.FLOAT], [bool, F32, F32]),
    ("Sum", {}, [T.FLOAT] * 3, [F32] * 3),
    ("Max", {}, [T.FLOAT] * 3, [F32] * 3),
    ("Min", {}, [T.FLOAT] * 2, [F32] * 2),
    ("Mean", {}, [T.FLOAT] * 3, [F32] * 3),
    ("Mod", {"fmod": 0}, [T.INT32] * 2, [_I32] * 2),
    ("Pow", {}, [T.FLOAT] * 2, [F32] * 2),
    ("BitShift", {"direction": "LEFT"}, [T.UINT32] * 2, [np.uint32] * 2),
    ("PRelu", {}, [T.FLOAT] * 2, [F32] * 2),
]


@pytest.mark.parametrize("op,attrs,elems,dtypes", _ELEMENTWISE, ids=[c[0] for c in _ELEMENTWISE])
def test_multi_input_elementwise_dynamic_dims(op, attrs, elems, dtypes):
    # Each input has its own dynamic last dim: they must agree (or be a static 1).
    names = [f"x{i}" for i in range(len(elems))]
    inputs = [vi(n, [2, f"d{i}"], e) for i, (n, e) in enumerate(zip(names, elems))]
    m = model([h.make_node(op, names, ["y"], name="n0", **attrs)], inputs, [vi("y", None, elems[-1])])

    def feeds(widths):
        out = {}
        for n, d, w in zip(names, dtypes, widths):
            v = (np.arange(2 * w) % 3 + 1).reshape(2, w)
            out[n] = (v % 2).astype(bool) if d is bool else v.astype(d)
        return out

    good = feeds([3] * len(names))
    bad = feeds([3] * (len(names) - 1) + [5])
    ort_rejects(m, bad)
    check_good_then_bad(m, good, bad, "n0", "size 5", "size 3")


def test_clip_with_tensor_bounds_of_a_dynamic_shape():
    m = model([h.make_node("Clip", ["x", "lo", "hi"], ["y"], name="clip")],
              [vi("x", ["n"]), vi("lo", ["a"]), vi("hi", [])], [vi("y", ["n"])])
    good = {"x": arr(4), "lo": np.ones(4, F32), "hi": np.array(2.5, F32)}
    # Bounds are scalars in ONNX; onnxruntime reads the first element of a 1-D one, our
    # broadcast needs it to match x.
    compiled = onnx_mlir.compile(m)
    np.testing.assert_allclose(compiled.run(None, good)[0], np.clip(arr(4), 1, 2.5))
    with pytest.raises(ExecutionError, match="size 7"):
        compiled.run(None, dict(good, lo=np.ones(7, F32)))


# --------------------------------------------------------------------------- Einsum, Gemm


def test_einsum_repeated_label_sizes_agree():
    m = model([h.make_node("Einsum", ["a", "b"], ["y"], equation="ij,jk->ik", name="es")],
              [vi("a", [2, "j"]), vi("b", ["q", 3])], [vi("y", [2, 3])])
    bad = {"a": arr(2, 4), "b": arr(6, 3)}
    ort_rejects(m, bad)
    check_good_then_bad(m, {"a": arr(2, 4), "b": arr(4, 3)}, bad, "es", "label 'j' has size 6")


def test_einsum_diagonal_of_a_non_square_dynamic_matrix():
    m = model([h.make_node("Einsum", ["a"], ["y"], equation="ii->i", name="es")],
              [vi("a", ["n", "m"])], [vi("y", [None])])
    bad = {"a": arr(3, 4)}
    ort_rejects(m, bad)
    check_good_then_bad(m, {"a": arr(3, 3)}, bad, "es", "size 4", "but 3")


def test_einsum_static_one_broadcasts_like_numpy():
    # numpy and onnxruntime broadcast a label of size 1 against a larger size.
    m = model([h.make_node("Einsum", ["a", "b"], ["y"], equation="ij,jk->ik", name="es")],
              [vi("a", [2, 1]), vi("b", [4, 3])], [vi("y", [2, 3])])
    feeds = {"a": arr(2, 1) + 1, "b": arr(4, 3)}
    np.testing.assert_allclose(onnx_mlir.compile(m).run(None, feeds)[0], ort_run(m, feeds)[0])


def test_einsum_static_mismatch_is_a_compile_error():
    m = model([h.make_node("Einsum", ["a", "b"], ["y"], equation="ij,jk->ik", name="es")],
              [vi("a", [2, 3]), vi("b", [4, 3])], [vi("y", [2, 3])])
    check_compile_error(m, "es", "label 'j' has size 4")


def test_gemm_epilogue_does_not_run_the_matmul_before_its_check():
    # alpha != 1: C is added after the matmul. A contraction of 4M against 3 rows used to run
    # the matmul (reading ~48 MB past B) before the check reported it.
    c = h.make_tensor("c", T.FLOAT, [3], [1, 2, 3])
    m = model([h.make_node("Gemm", ["a", "b", "c"], ["y"], alpha=2.0, name="gemm")],
              [vi("a", ["m", "k"]), vi("b", ["q", 3])], [vi("y", [None, 3])], [c])
    check_good_then_bad(m, {"a": arr(2, 4), "b": arr(4, 3)},
                        {"a": np.ones((1, 4_000_000), F32), "b": arr(3, 3)}, "gemm",
                        "4000000", "3 rows")


# --------------------------------------------------------------------------- normalizations


def _vectors(names, n):
    return {k: np.linspace(0.5, 1.5, n).astype(F32) for k in names}


def test_batch_normalization_parameters_match_the_channels():
    names = ["s", "b", "m", "v"]
    m = model([h.make_node("BatchNormalization", ["x", *names], ["y"], name="bn")],
              [vi("x", [2, "c", 3])] + [vi(k, ["k"]) for k in names], [vi("y", [2, None, 3])])
    good = {"x": arr(2, 4, 3), **_vectors(names, 4)}
    bad = {"x": arr(2, 6, 3), **_vectors(names, 4)}
    ort_rejects(m, bad)
    check_good_then_bad(m, good, bad, "bn", "4 elements", "6 channels", rtol=1e-4)


def test_instance_normalization_parameters_match_the_channels():
    m = model([h.make_node("InstanceNormalization", ["x", "s", "b"], ["y"], name="in")],
              [vi("x", [2, 3, "w"]), vi("s", ["k"]), vi("b", [3])], [vi("y", [2, 3, None])])
    good = {"x": arr(2, 3, 4), **_vectors(["s", "b"], 3)}
    bad = dict(good, s=np.ones(5, F32))
    ort_rejects(m, bad)
    check_good_then_bad(m, good, bad, "in", "5 elements", "3 channels", rtol=1e-4)


def test_layer_normalization_scale_and_bias_match_the_normalized_dims():
    m = model([h.make_node("LayerNormalization", ["x", "s", "b"], ["y"], axis=-1, name="ln")],
              [vi("x", [2, "c"]), vi("s", ["k"]), vi("b", ["k"])], [vi("y", [2, None])])
    good = {"x": arr(2, 4), **_vectors(["s", "b"], 4)}
    bad = {"x": arr(2, 4), **_vectors(["s", "b"], 9)}
    ort_rejects(m, bad)
    check_good_then_bad(m, good, bad, "ln", "size 9", "has 4", rtol=1e-4, atol=1e-5)


def test_layer_normalization_static_mismatch_is_a_compile_error():
    m = model([h.make_node("LayerNormalization", ["x", "s"], ["y"], axis=-1, name="ln")],
              [vi("x", [2, 4]), vi("s", [5])], [vi("y", [2, 4])])
    check_compile_error(m, "ln", "size 5", "has 4")


def test_group_normalization_scale_matches_the_channels():
    m = model([h.make_node("GroupNormalization", ["x", "s", "b"], ["y"], num_groups=2,
                           name="gn")],
              [vi("x", [1, 4, 3]), vi("s", ["k"]), vi("b", [4])], [vi("y", [1, 4, 3])],
              opset=21)
    good = {"x": arr(1, 4, 3), **_vectors(["s", "b"], 4)}
    bad = dict(good, s=np.ones(2, F32))
    check_good_then_bad(m, good, bad, "gn", "2 elements", "4 channels", rtol=1e-4, atol=1e-5)


# --------------------------------------------------------------------------- quantization


def test_dequantize_per_axis_scale_length():
    m = model([h.make_node("DequantizeLinear", ["x", "s"], ["y"], axis=1, name="dq")],
              [vi("x", [2, "c"], T.INT8), vi("s", ["k"])], [vi("y", [2, None])])
    good = {"x": np.arange(6, dtype=np.int8).reshape(2, 3), "s": np.array([1, 2, 3], F32)}
    bad = dict(good, s=np.ones(2, F32))
    ort_rejects(m, bad)
    check_good_then_bad(m, good, bad, "dq", "operand #0 has size 2", "broadcast result has size 3")


def test_quantize_blocked_scale_block_count():
    m = model([h.make_node("QuantizeLinear", ["x", "s"], ["y"], axis=1, block_size=2, name="q")],
              [vi("x", [2, "c"]), vi("s", [2, "b"])], [vi("y", [2, None], T.UINT8)], opset=21)
    good = {"x": arr(2, 6), "s": np.ones((2, 3), F32)}
    bad = dict(good, s=np.ones((2, 2), F32))
    ort_rejects(m, bad)
    check_good_then_bad(m, good, bad, "q", "2 blocks along axis 1", "expected 3")


def test_qlinear_matmul_per_row_scale_length():
    names = ["a", "as", "az", "b", "bs", "bz", "ys", "yz"]
    m = model([h.make_node("QLinearMatMul", names, ["y"], name="qmm")],
              [vi("a", ["m", 2], T.UINT8), vi("as", ["r"]), vi("az", [], T.UINT8),
               vi("b", [2, 3], T.UINT8), vi("bs", []), vi("bz", [], T.UINT8),
               vi("ys", []), vi("yz", [], T.UINT8)], [vi("y", [None, 3], T.UINT8)], opset=21)
    u8 = np.uint8
    good = {"a": np.arange(8, dtype=u8).reshape(4, 2), "as": np.full(4, 0.5, F32),
            "az": np.array(1, u8), "b": np.arange(6, dtype=u8).reshape(2, 3),
            "bs": np.array(0.25, F32), "bz": np.array(0, u8), "ys": np.array(0.5, F32),
            "yz": np.array(3, u8)}
    # onnxruntime takes per-tensor scales only: the reference is the ONNX formula.
    acc = (good["a"].astype(np.int32) - 1) @ good["b"].astype(np.int32)
    want = np.clip(np.rint(acc * (good["as"][:, None] * F32(0.25) / F32(0.5))) + 3, 0, 255)
    compiled = onnx_mlir.compile(m)
    np.testing.assert_array_equal(compiled.run(None, good)[0], want.astype(u8))
    with pytest.raises(ExecutionError, match="operand #0 has size 2 at axis 0, but the broadcast result has size 4"):
        compiled.run(None, dict(good, **{"as": np.full(2, 0.5, F32)}))
    np.testing.assert_array_equal(compiled.run(None, good)[0], want.astype(u8))


# --------------------------------------------------------------------------- losses, images


def test_negative_log_likelihood_target_and_weights_match_the_input():
    m = model([h.make_node("NegativeLogLikelihoodLoss", ["x", "t", "w"], ["y"],
                           reduction="none", name="nll")],
              [vi("x", ["n", "c"]), vi("t", ["m"], T.INT64), vi("w", ["k"])], [vi("y", [None])])
    good = {"x": arr(4, 3), "t": np.array([0, 1, 2, 0], np.int64), "w": np.ones(3, F32)}
    bads = [dict(good, t=np.zeros(9, np.int64)), dict(good, w=np.ones(2, F32))]
    check_good_then_bad(m, good, bads, "nll")


def test_softmax_cross_entropy_labels_match_the_scores():
    m = model([h.make_node("SoftmaxCrossEntropyLoss", ["x", "t"], ["y"], reduction="none",
                           name="sce")],
              [vi("x", ["n", 3, "d"]), vi("t", ["m", "e"], T.INT64)], [vi("y", [None, None])])
    good = {"x": arr(2, 3, 4) / 10, "t": np.zeros((2, 4), np.int64)}
    bad = dict(good, t=np.zeros((2, 7), np.int64))
    ort_rejects(m, bad)
    check_good_then_bad(m, good, bad, "sce", "size 7 at axis 1", "4 at axis 2", rtol=1e-4)


def test_grid_sample_grid_batch_matches_the_input():
    m = model([h.make_node("GridSample", ["x", "g"], ["y"], name="gs")],
              [vi("x", ["n", 1, 3, 3]), vi("g", ["m", 2, 2, 2])], [vi("y", [None, 1, 2, 2])],
              opset=20)
    good = {"x": arr(2, 1, 3, 3), "g": np.zeros((2, 2, 2, 2), F32)}
    bad = dict(good, g=np.zeros((3, 2, 2, 2), F32))
    ort_rejects(m, bad)
    check_good_then_bad(m, good, bad, "gs", "batch size 3", "input 2")


def _roi_align():
    return model([h.make_node("RoiAlign", ["x", "r", "i"], ["y"], output_height=2,
                              output_width=2, sampling_ratio=2, name="roi")],
                 [vi("x", ["n", 1, 6, 6]), vi("r", ["k", "f"]), vi("i", ["j"], T.INT64)],
                 [vi("y", [None, 1, 2, 2])], opset=16)


def test_roi_align_rois_and_batch_indices_agree():
    m = _roi_align()
    good = {"x": arr(2, 1, 6, 6), "r": np.array([[0, 0, 3, 3], [1, 1, 4, 5]], F32),
            "i": np.array([0, 1], np.int64)}
    bads = [dict(good, i=np.array([0, 1, 1], np.int64)),  # 3 indices for 2 rois
            dict(good, r=np.array([[0, 0, 3], [1, 1, 4]], F32))]  # 3 coordinates
    for bad in bads:
        ort_rejects(m, bad)
    check_good_then_bad(m, good, bads, "roi")


def test_roi_align_batch_index_names_an_image():
    m = _roi_align()
    good = {"x": arr(2, 1, 6, 6), "r": np.array([[0, 0, 3, 3], [1, 1, 4, 5]], F32),
            "i": np.array([0, 1], np.int64)}
    bads = [dict(good, i=np.array([0, 2], np.int64)), dict(good, i=np.array([-1, 0], np.int64))]
    check_good_then_bad(m, good, bads, "roi", "batch index")


def test_deform_conv_offset_matches_the_input():
    w = h.make_tensor("w", T.FLOAT, [1, 1, 2, 2], [1, 1, 1, 1])
    m = model([h.make_node("DeformConv", ["x", "w", "o"], ["y"], name="dc")],
              [vi("x", ["n", 1, 3, 3]), vi("o", ["m", "c", 2, 2])], [vi("y", [None, 1, 2, 2])],
              [w], opset=19)
    good = {"x": arr(1, 1, 3, 3), "o": np.zeros((1, 8, 2, 2), F32)}
    bads = [dict(good, o=np.zeros((2, 8, 2, 2), F32)), dict(good, o=np.zeros((1, 4, 2, 2), F32))]
    check_good_then_bad(m, good, bads, "dc")


# --------------------------------------------------------------------------- Scan


def _scan(body_nodes, body_in, body_out, inputs, outputs, n_scan):
    body = h.make_graph(body_nodes, "body", body_in, body_out)
    return model([h.make_node("Scan", [i.name for i in inputs], [o.name for o in outputs],
                              num_scan_inputs=n_scan, body=body, name="sc")], inputs, outputs)


def test_scan_inputs_have_one_length():
    m = _scan([h.make_node("Add", ["s", "x"], ["s2"]), h.make_node("Mul", ["s2", "y"], ["o"])],
              [vi("s", [1]), vi("x", [1]), vi("y", [1])], [vi("s2", [1]), vi("o", [1])],
              [vi("s0", [1]), vi("a", ["n", 1]), vi("c", ["m", 1])],
              [vi("sf", [1]), vi("os", [None, 1])], 2)
    good = {"s0": np.zeros(1, F32), "a": arr(3, 1), "c": arr(3, 1)}
    bad = dict(good, c=arr(2, 1))
    ort_rejects(m, bad)
    check_good_then_bad(m, good, bad, "sc", "2 steps", "another 3")


def test_scan_slice_shorter_than_the_body_type():
    # The body types its slice [3]; a row of 1 would be read past its end. (onnxruntime
    # broadcasts it; the body's declared type is what the compiled code trusts.)
    m = _scan([h.make_node("Add", ["s", "x"], ["s2"]), h.make_node("Identity", ["s2"], ["o"])],
              [vi("s", [3]), vi("x", [3])], [vi("s2", [3]), vi("o", [3])],
              [vi("s0", [3]), vi("a", ["n", "k"])], [vi("sf", [3]), vi("os", [None, 3])], 1)
    good = {"s0": np.zeros(3, F32), "a": arr(4, 3)}
    check_good_then_bad(m, good, dict(good, a=arr(4, 1)), "sc", "size 1", "says 3")


def test_arg_max_over_an_empty_dynamic_axis():
    m = model([h.make_node("ArgMax", ["x"], ["y"], axis=1, keepdims=0, name="am")],
              [vi("x", [2, "n"])], [vi("y", [2], T.INT64)])
    bad = {"x": np.zeros((2, 0), F32)}
    ort_rejects(m, bad)
    check_good_then_bad(m, {"x": arr(2, 3)}, bad, "am", "axis 1 is empty")


def test_loop_state_yielded_shorter_than_its_type():
    # The body types its state [3] but yields an outer value of dynamic length: the refining
    # cast inside the loop body is checked there (the next iteration would read 3 elements).
    body = h.make_graph([h.make_node("Identity", ["c"], ["co"]),
                         h.make_node("Identity", ["x"], ["s2"])], "body",
                        [vi("i", [], T.INT64), vi("c", [], T.BOOL), vi("s", [3])],
                        [vi("co", [], T.BOOL), vi("s2", [3])])
    m = model([h.make_node("Loop", ["M", "", "s0"], ["sf"], body=body, name="lp")],
              [vi("M", [], T.INT64), vi("s0", [3]), vi("x", ["q"])], [vi("sf", [3])])
    good = {"M": np.array(2, np.int64), "s0": np.zeros(3, F32), "x": arr(3)}
    check_good_then_bad(m, good, dict(good, x=arr(2)), "s2", "size 2", "says 3")


# --------------------------------------------------------------------------- Conv, pools
# Only the batch may be dynamic there; every other relation is decided at compile time.


def _conv(x_shape, w_shape, op="Conv", **attrs):
    w = h.make_tensor("w", T.FLOAT, w_shape, np.ones(int(np.prod(w_shape)), F32))
    return model([h.make_node(op, ["x", "w"], ["y"], name="c0", **attrs)], [vi("x", x_shape)],
                 [vi("y", None)], [w])


@pytest.mark.parametrize("x_shape,w_shape,attrs,fragment", [
    (["n", 3, 3, 3], [2, 3, 5, 5], {}, "larger than the padded input"),
    (["n", 4, 5, 5], [2, 3, 3, 3], {}, "inconsistent with 4 input channels"),
    (["n", 3, 5, 5], [2, 1, 3, 3], {"group": 2}, "group=2 is inconsistent"),
], ids=["kernel_past_input", "channels", "groups"])
def test_conv_shape_relations_are_compile_time_errors(x_shape, w_shape, attrs, fragment):
    check_compile_error(_conv(x_shape, w_shape, **attrs), "c0", fragment)


def test_conv_transpose_output_size_must_be_positive():
    m = _conv(["n", 1, 2, 2], [1, 1, 2, 2], op="ConvTranspose", pads=[2, 2, 2, 2])
    check_compile_error(m, "c0", "is not positive")


def test_pool_window_past_the_input_is_a_compile_error():
    m = model([h.make_node("MaxPool", ["x"], ["y"], kernel_shape=[4, 4], name="c0")],
              [vi("x", ["n", 1, 3, 3])], [vi("y", None)])
    check_compile_error(m, "c0", "larger than the padded input")


# --------------------------------------------------------------------------- recurrent


def _lstm(x_shape, w_shape, r_shape, hidden=2):
    inits = [h.make_tensor("w", T.FLOAT, w_shape, np.zeros(int(np.prod(w_shape)), F32)),
             h.make_tensor("r", T.FLOAT, r_shape, np.zeros(int(np.prod(r_shape)), F32))]
    return model([h.make_node("LSTM", ["x", "w", "r"], ["y"], hidden_size=hidden, name="c0")],
                 [vi("x", x_shape)], [vi("y", None)], inits)


@pytest.mark.parametrize("x_shape,w_shape,r_shape,fragment", [
    ([4, 1, 3], [1, 8, 5], [1, 8, 2], "W tensor<1x8x5xf32> does not match the input size of X"),
    (["t", "b", 3], [1, 8, 5], [1, 8, 2], "W tensor<1x8x5xf32> does not match the input size of X"),
    ([4, 1, 3], [1, 8, 3], [1, 8, 3], "R must be [1, 8, 2]"),
], ids=["w_input_size", "w_input_size_dynamic_x", "r_hidden"])
def test_recurrent_sizes_are_compile_time_errors(x_shape, w_shape, r_shape, fragment):
    # The weights are static; W, R, B and static sizes of the states and sequence_lens are
    # checked against the hidden and input sizes at compile time (dynamic sequence and batch
    # sizes at run time: test_dynamic_recurrent.py).
    check_compile_error(_lstm(x_shape, w_shape, r_shape), "c0", fragment)
