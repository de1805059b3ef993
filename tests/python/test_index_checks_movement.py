"""Run-time bounds of the movement ops: ReverseSequence lengths, Slice (ONNX clamping for any
int64, step 0, run-time axes, a declared result size), Pad (negative pads larger than the dim,
empty inputs, run-time pads), Tile repeats and Expand shapes read from tensors."""

from __future__ import annotations

import numpy as np
import pytest

import onnx_mlir
from index_check_helpers import (HUGE, I64_MAX, I64_MIN, compile_error, good_then_bad,
                                 node_model, ort_run)

F32, I64 = np.float32, np.int64


@pytest.mark.parametrize("shapes", ["static", "dynamic"])
def test_reverse_sequence_lengths(shapes) -> None:
    xshape, lshape = ([4, 2], [2]) if shapes == "static" else (["t", "b"], ["c"])
    m = node_model("ReverseSequence", [("x", F32, xshape), ("l", I64, lshape)],
                   [("y", F32, None)], batch_axis=1, time_axis=0)
    x = np.arange(8, dtype=F32).reshape(4, 2)
    bad = [({"x": x, "l": np.array([3, 5], I64)},
            ["sequence length 5 is out of range [0, 4] (the time axis size)"]),
           ({"x": x, "l": np.array([-1, 2], I64)}, ["sequence length -1"]),
           ({"x": x, "l": np.array([HUGE, 0], I64)}, [f"sequence length {HUGE}"]),
           ({"x": x, "l": np.array([I64_MIN, 0], I64)}, [f"sequence length {I64_MIN}"])]
    if shapes == "dynamic":
        bad.append(({"x": x, "l": np.array([1], I64)},
                    ["sequence_lens has 1 entries, but the batch axis has size 2"]))
    good_then_bad(m, [{"x": x, "l": np.array([4, 0], I64)}, {"x": x, "l": np.array([1, 3], I64)}],
                  bad)


def test_reverse_sequence_constant_lengths_fail_to_compile() -> None:
    m = node_model("ReverseSequence", [("x", F32, [4, 2]), ("l", I64, [2])], [("y", F32, None)],
                   initializers={"l": np.array([2, 5], I64)}, batch_axis=1, time_axis=0)
    compile_error(m, "sequence length 5 is out of range [0, 4]")


def _slice_model(xshape, out=None):
    return node_model("Slice", [("x", F32, xshape), ("s", I64, [1]), ("e", I64, [1]),
                                ("a", I64, [1]), ("p", I64, [1])], [("y", F32, out)])


EXTREMES = [I64_MIN, -HUGE, -6, -5, -1, 0, 2, 5, HUGE, I64_MAX]


def _spec_slice(x: np.ndarray, start: int, end: int, step: int) -> np.ndarray:
    """Slice as the ONNX spec text says: negatives get the dim added, then starts clamp to
    [0, dim] ([0, dim - 1] stepping backward) and ends to [0, dim] ([-1, dim - 1])."""
    n = len(x)
    start, end = start + n if start < 0 else start, end + n if end < 0 else end
    if step > 0:
        start, end = min(max(start, 0), n), min(max(end, 0), n)
    else:
        start, end = min(max(start, 0), n - 1), min(max(end, -1), n - 1)
    return x[list(range(start, end, step))]


@pytest.mark.parametrize("xshape", [[5], ["n"]], ids=["static", "dynamic"])
@pytest.mark.parametrize("step", [1, 2, -1, -3, HUGE, -HUGE, I64_MAX, I64_MIN])
def test_slice_clamps_any_int64(xshape, step) -> None:
    """Against the spec text: the ONNX reference slices like numpy and onnxruntime treats an
    INT64_MAX end specially; both differ from the text for some far-out-of-range bounds with a
    negative step (e.g. start INT64_MIN, end INT64_MIN, step -1: [x[0]] by the text)."""
    compiled = onnx_mlir.compile(_slice_model(xshape))
    for n in (5, 1, 0) if xshape == ["n"] else (5,):
        x = np.arange(n, dtype=F32)
        for start in EXTREMES:
            for end in EXTREMES:
                feeds = {"x": x, "s": np.array([start], I64), "e": np.array([end], I64),
                         "a": np.array([0], I64), "p": np.array([step], I64)}
                (got,) = compiled.run(None, feeds)
                np.testing.assert_array_equal(got, _spec_slice(x, start, end, step),
                                              err_msg=str((n, start, end)))


def test_slice_in_range_bounds_match_onnxruntime() -> None:
    m = _slice_model(["n"])
    compiled = onnx_mlir.compile(m)
    x = np.arange(5, dtype=F32)
    for start, end, step in [(0, 5, 1), (-1, -6, -1), (4, 0, -2), (1, -1, 2), (3, 1, -1)]:
        feeds = {"x": x, "s": np.array([start], I64), "e": np.array([end], I64),
                 "a": np.array([0], I64), "p": np.array([step], I64)}
        np.testing.assert_array_equal(compiled.run(None, feeds)[0], ort_run(m, feeds)[0])


@pytest.mark.parametrize("step", [I64_MIN, -HUGE, I64_MAX])
def test_slice_constant_extreme_step_on_dynamic_dim(step) -> None:
    m = node_model("Slice", [("x", F32, ["n"]), ("s", I64, [1]), ("e", I64, [1]), ("a", I64, [1]),
                             ("p", I64, [1])], [("y", F32, None)],
                   initializers={"s": np.array([I64_MAX if step < 0 else I64_MIN], I64),
                                 "e": np.array([I64_MIN if step < 0 else I64_MAX], I64),
                                 "a": np.array([0], I64), "p": np.array([step], I64)})
    compiled = onnx_mlir.compile(m)
    for n in (0, 1, 5):
        x = np.arange(n, dtype=F32)
        (got,) = compiled.run(None, {"x": x})
        start, end = (I64_MAX, I64_MIN) if step < 0 else (I64_MIN, I64_MAX)
        np.testing.assert_array_equal(got, _spec_slice(x, start, end, step))


def test_slice_run_time_step_zero_and_axis_out_of_range() -> None:
    m = _slice_model(["n"])
    x = np.arange(5, dtype=F32)

    def feeds(step=1, axis=0):
        return {"x": x, "s": np.array([1], I64), "e": np.array([4], I64),
                "a": np.array([axis], I64), "p": np.array([step], I64)}

    good_then_bad(m, [feeds(), feeds(-1), feeds(axis=-1)],
                  [(feeds(0), ["step of axis 0 is 0"]),
                   (feeds(axis=1), ["axes entry 0 is 1, out of range for rank 1"]),
                   (feeds(axis=I64_MIN), [f"axes entry 0 is {I64_MIN}"])])


def test_slice_declared_result_size_checked() -> None:
    m = _slice_model([5], out=[3])
    x = np.arange(5, dtype=F32)
    base = {"x": x, "a": np.array([0], I64), "p": np.array([1], I64)}
    good_then_bad(m, [{**base, "s": np.array([1], I64), "e": np.array([4], I64)}],
                  [({**base, "s": np.array([3], I64), "e": np.array([5], I64)},
                    ["result axis 0 has size 2 at run time, but its type says 3"])],
                  ort_rejects_bad=False)


@pytest.mark.parametrize("mode", ["constant", "edge", "reflect", "wrap"])
@pytest.mark.parametrize("xshape", [[3], ["n"]], ids=["static", "dynamic"])
def test_pad_run_time_pads(mode, xshape) -> None:
    """Negative pads crop first, then the mode pads what is left (as onnxruntime does)."""
    m = node_model("Pad", [("x", F32, xshape), ("p", I64, [2])], [("y", F32, None)], mode=mode)
    x = np.arange(3, dtype=F32) + 1
    pads = [[2, 1], [0, 0], [-1, 1]]
    if mode != "reflect":  # (onnxruntime refuses reflect pads past the cropped extent)
        pads += [[-1, 2], [1, -2]]
    if mode == "constant":  # more cropped than there is: only padding left, or nothing
        pads += [[-4, 1], [-5, 2], [4, -6], [-3, 0]]
    bad = [({"x": x, "p": np.array([-2, -2], I64)}, ["negative size -1 at axis 0"]),
           ({"x": x, "p": np.array([I64_MIN, 0], I64)}, ["negative size"]),
           ({"x": x, "p": np.array([2 ** 61, 2 ** 61], I64)}, ["too large to allocate"])]
    if mode != "constant":
        bad.append(({"x": x, "p": np.array([-4, 1], I64)},
                    [f"cannot pad axis 0 in '{mode}' mode: it has -1 elements"]))
    good_then_bad(m, [{"x": x, "p": np.array(p, I64)} for p in pads], bad)


@pytest.mark.parametrize("mode", ["constant", "edge", "reflect"])
def test_pad_empty_input(mode) -> None:
    m = node_model("Pad", [("x", F32, ["n", 2]), ("p", I64, [4])], [("y", F32, None)], mode=mode)
    empty = np.zeros((0, 2), F32)
    other_axis = {"x": empty, "p": np.array([0, 1, 0, 1], I64)}
    padded = {"x": empty, "p": np.array([1, 0, 1, 0], I64)}
    if mode == "constant":  # all padding: nothing of x is read
        good_then_bad(m, [other_axis, padded, {"x": np.ones((2, 2), F32), "p": padded["p"]}], [])
    else:
        good_then_bad(m, [other_axis, {"x": np.ones((2, 2), F32), "p": padded["p"]}],
                      [(padded, [f"cannot pad axis 0 in '{mode}' mode: it has 0 elements"])])


def test_pad_static_negative_result_is_a_typed_error() -> None:
    # ONNX shape inference computes the size -1 already: the importer reports it.
    m = node_model("Pad", [("x", F32, [3]), ("p", I64, [2])], [("y", F32, None)],
                   initializers={"p": np.array([-2, -2], I64)})
    with pytest.raises(onnx_mlir.OnnxMlirError, match="negative size -1 at axis 0"):
        onnx_mlir.compile(m)


def test_tile_run_time_repeats() -> None:
    m = node_model("Tile", [("x", F32, [2]), ("r", I64, [1])], [("y", F32, None)])
    x = np.array([1, 2], F32)
    good_then_bad(m, [{"x": x, "r": np.array([3], I64)}, {"x": x, "r": np.array([0], I64)}],
                  [({"x": x, "r": np.array([-2], I64)}, ["repeats has a negative value -2 at axis 0"]),
                   ({"x": x, "r": np.array([I64_MIN], I64)}, ["negative value"]),
                   ({"x": x, "r": np.array([2 ** 62], I64)}, ["too large to allocate"])])


def test_tile_declared_result_checks_the_repeats() -> None:
    m = node_model("Tile", [("x", F32, [2]), ("r", I64, [1])], [("y", F32, [6])])
    x = np.array([1, 2], F32)
    good_then_bad(m, [{"x": x, "r": np.array([3], I64)}],
                  [({"x": x, "r": np.array([4], I64)},
                    ["repeats is 4 at axis 0 at run time, but the result type says 3"])],
                  ort_rejects_bad=False)


def test_expand_run_time_shape() -> None:
    m = node_model("Expand", [("x", F32, [1]), ("s", I64, [1])], [("y", F32, None)])
    x = np.array([5], F32)
    good_then_bad(m, [{"x": x, "s": np.array([3], I64)}, {"x": x, "s": np.array([0], I64)}],
                  [({"x": x, "s": np.array([-2], I64)}, ["negative size -2 at axis 0"]),
                   ({"x": x, "s": np.array([I64_MIN], I64)}, ["negative size"]),
                   ({"x": x, "s": np.array([2 ** 62], I64)}, ["too large to allocate"])])
