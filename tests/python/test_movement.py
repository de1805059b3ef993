"""Numerics of the data-movement lowerings (lowering/onnx_to_linalg/movement.py) against
onnxruntime: Transpose, Squeeze, Unsqueeze, Expand, Tile, Concat, Split, Slice, Pad,
DepthToSpace, SpaceToDepth, CenterCropPad, ReverseSequence.

Shape-like operands are tested both as initializers (constants, folded at compile time) and as
graph inputs (read at run time).
"""

from __future__ import annotations

import numpy as np
import pytest

from data_numerics import ALL_DTYPES, check, dtype_params
from numerics import random_feeds, single_node_model

F32, I64 = np.float32, np.int64
OPSET = 19


def model(op, inputs, outputs, inits=None, **attrs):
    return single_node_model(op, inputs, outputs, initializers=inits, opset=OPSET, **attrs)


# ------------------------------------------------------------------ every dtype, one op each

@pytest.mark.parametrize("dtype", dtype_params(ALL_DTYPES))
def test_transpose_dtypes(dtype) -> None:
    check(model("Transpose", [("x", dtype, [2, 3, 4])], [("y", dtype, None)], perm=[2, 0, 1]))


@pytest.mark.parametrize("dtype", dtype_params(ALL_DTYPES))
def test_concat_dtypes(dtype) -> None:
    check(model("Concat", [("a", dtype, [2, 3]), ("b", dtype, [2, 3])], [("y", dtype, None)],
                axis=0))


@pytest.mark.parametrize("dtype", dtype_params(ALL_DTYPES))
def test_slice_dtypes(dtype) -> None:
    inits = {"s": np.array([1, 3], I64), "e": np.array([-1, 0], I64),
             "ax": np.array([0, 1], I64), "st": np.array([1, -2], I64)}
    check(model("Slice", [("x", dtype, [4, 5]), ("s", I64, [2]), ("e", I64, [2]),
                          ("ax", I64, [2]), ("st", I64, [2])], [("y", dtype, None)], inits))


@pytest.mark.parametrize("dtype", dtype_params(ALL_DTYPES))
def test_expand_dtypes(dtype) -> None:
    check(model("Expand", [("x", dtype, [3, 1]), ("s", I64, [3])], [("y", dtype, None)],
                {"s": np.array([2, 3, 4], I64)}))


@pytest.mark.parametrize("dtype", dtype_params(ALL_DTYPES))
def test_pad_dtypes(dtype) -> None:
    check(model("Pad", [("x", dtype, [2, 3]), ("p", I64, [4])], [("y", dtype, None)],
                {"p": np.array([1, 0, 0, 2], I64)}, mode="edge"))


@pytest.mark.parametrize("dtype", dtype_params(ALL_DTYPES))
def test_split_tile_dtypes(dtype) -> None:
    check(model("Split", [("x", dtype, [6, 2])], [("a", dtype, None), ("b", dtype, None)],
                num_outputs=2))
    check(model("Tile", [("x", dtype, [2, 3]), ("r", I64, [2])], [("y", dtype, None)],
                {"r": np.array([2, 1], I64)}))


# ------------------------------------------------------------------ configurations (f32)

@pytest.mark.parametrize("perm", [None, [0, 1, 2], [1, 0, 2], [2, 1, 0]], ids=str)
def test_transpose(perm) -> None:
    attrs = {} if perm is None else {"perm": perm}
    check(model("Transpose", [("x", F32, [2, 3, 4])], [("y", F32, None)], **attrs))


@pytest.mark.parametrize("shape,axes", [([1, 3, 1, 5], [0]), ([1, 3, 1, 5], [-2, 0]),
                                        ([1, 3, 1, 5], None), ([1, 1], [0, 1])], ids=str)
def test_squeeze(shape, axes) -> None:
    inputs = [("x", F32, shape)] + ([("a", I64, [len(axes)])] if axes is not None else [])
    inits = {"a": np.array(axes, I64)} if axes is not None else None
    check(model("Squeeze", inputs, [("y", F32, None)], inits))


def test_squeeze_runtime_axes() -> None:
    m = model("Squeeze", [("x", F32, [1, 3, 1, 5]), ("a", I64, [1])], [("y", F32, [1, 3, 5])])
    check(m, {"x": np.random.rand(1, 3, 1, 5).astype(F32), "a": np.array([-2], I64)})


@pytest.mark.parametrize("shape,axes", [([3, 4], [0]), ([3, 4], [-1, 1]), ([], [0, 1]),
                                        ([3], [2, 0])], ids=str)
def test_unsqueeze(shape, axes) -> None:
    check(model("Unsqueeze", [("x", F32, shape), ("a", I64, [len(axes)])], [("y", F32, None)],
                {"a": np.array(axes, I64)}))


@pytest.mark.parametrize("shape,target", [([3, 1], [2, 1, 6]), ([1], [4]), ([2, 3], [1, 1]),
                                          ([4, 1, 2], [4, 3, 2])], ids=str)
def test_expand(shape, target) -> None:
    check(model("Expand", [("x", F32, shape), ("s", I64, [len(target)])], [("y", F32, None)],
                {"s": np.array(target, I64)}))


def test_expand_runtime_shape() -> None:
    m = model("Expand", [("x", F32, [3, 1]), ("s", I64, [3])], [("y", F32, [2, 3, 4])])
    check(m, {"x": np.random.rand(3, 1).astype(F32), "s": np.array([2, 1, 4], I64)})


@pytest.mark.parametrize("reps", [[1, 1], [2, 3], [1, 4], [3, 1]], ids=str)
def test_tile(reps) -> None:
    check(model("Tile", [("x", F32, [2, 3]), ("r", I64, [2])], [("y", F32, None)],
                {"r": np.array(reps, I64)}))


@pytest.mark.parametrize("axis", [0, 1, -1])
def test_concat_axes(axis) -> None:
    check(model("Concat", [("a", F32, [2, 3]), ("b", F32, [2, 3]), ("c", F32, [2, 3])],
                [("y", F32, None)], axis=axis))


def test_concat_different_sizes() -> None:
    check(model("Concat", [("a", F32, [2, 3]), ("b", F32, [2, 5])], [("y", F32, None)], axis=1))


def test_split_equal_parts_num_outputs() -> None:
    check(model("Split", [("x", F32, [2, 6])], [("a", F32, None), ("b", F32, None),
                                                 ("c", F32, None)], axis=1, num_outputs=3))


def test_split_uneven() -> None:
    check(model("Split", [("x", F32, [7])], [("a", F32, None), ("b", F32, None)],
                num_outputs=2))


SLICES = [  # starts, ends, axes, steps
    ([1, 0], [3, 4], None, None),
    ([0], [-1], [1], None),
    ([-3], [100], [-1], [2]),
    ([10], [-100], [0], [-1]),              # clamped, full reversal
    ([3, 4], [0, 1], [0, 1], [-2, -1]),
    ([0], [2**63 - 1], [1], [3]),           # INT_MAX end
    ([2], [2], [0], [1]),                   # empty
]


@pytest.mark.parametrize("starts,ends,axes,steps", SLICES, ids=str)
@pytest.mark.parametrize("runtime", [False, True], ids=["const", "runtime"])
def test_slice(starts, ends, axes, steps, runtime) -> None:
    x = np.arange(4 * 5, dtype=F32).reshape(4, 5)
    ops = {"s": starts, "e": ends, "ax": axes, "st": steps}
    names = [n for n in ["s", "e", "ax", "st"] if ops[n] is not None]
    if steps is not None and axes is None:
        ops["ax"] = list(range(len(starts)))
        names = ["s", "e", "ax", "st"]
    arrays = {n: np.array(ops[n], I64) for n in names}
    expected = x[tuple(_py_slice(starts, ends, ops["ax"], steps, x.ndim))]
    inputs = [("x", F32, [4, 5])] + [(n, I64, [len(arrays[n])]) for n in names]
    if runtime:
        m = model("Slice", inputs, [("y", F32, list(expected.shape))])
        check(m, {"x": x, **arrays})
    else:
        check(model("Slice", inputs, [("y", F32, None)], arrays))


def _py_slice(starts, ends, axes, steps, rank):
    index = [slice(None)] * rank
    axes = axes if axes is not None else list(range(len(starts)))
    steps = steps if steps is not None else [1] * len(starts)
    for s, e, a, st in zip(starts, ends, axes, steps):
        index[a] = slice(s, e if e > -2**62 else None, st)
    return index


@pytest.mark.parametrize("mode", ["constant", "reflect", "edge", "wrap"])
@pytest.mark.parametrize("pads", [[1, 2, 2, 1], [0, 1, 0, 3], [2, 0, -1, 1]], ids=str)
def test_pad_modes(mode, pads) -> None:
    if mode != "constant" and min(pads) < 0:
        pytest.skip("onnxruntime rejects negative pads outside constant mode")
    inputs = [("x", F32, [3, 4]), ("p", I64, [4]), ("v", F32, [])]
    check(model("Pad", inputs, [("y", F32, None)],
                {"p": np.array(pads, I64), "v": np.array(1.5, F32)}, mode=mode))


@pytest.mark.parametrize("mode", ["constant", "reflect", "edge", "wrap"])
def test_pad_runtime_pads_and_axes(mode) -> None:
    inputs = [("x", F32, [2, 3, 4]), ("p", I64, [4]), ("v", F32, []), ("ax", I64, [2])]
    m = model("Pad", inputs, [("y", F32, [2, 6, 6])], mode=mode)
    feeds = {"x": np.random.rand(2, 3, 4).astype(F32), "p": np.array([1, 1, 1, 2], I64),
             "v": np.array(-3.0, F32), "ax": np.array([-1, 1], I64)}
    check(m, feeds)


@pytest.mark.parametrize("mode", ["DCR", "CRD"])
def test_depth_to_space(mode) -> None:
    check(model("DepthToSpace", [("x", F32, [2, 8, 3, 2])], [("y", F32, None)], blocksize=2,
                mode=mode))


def test_space_to_depth() -> None:
    check(model("SpaceToDepth", [("x", F32, [2, 3, 4, 6])], [("y", F32, None)], blocksize=2))


@pytest.mark.parametrize("shape,axes", [([2, 6, 3], None), ([5, 2, 4], None), ([4, 7], [1]),
                                        ([7, 3], [-2, -1])], ids=str)
def test_center_crop_pad(shape, axes) -> None:
    attrs = {} if axes is None else {"axes": axes}
    target = shape if axes is None else shape[-len(axes):]
    check(model("CenterCropPad", [("x", F32, [4, 5, 3]), ("s", I64, [len(target)])],
                [("y", F32, None)], {"s": np.array(target, I64)}, **attrs))


@pytest.mark.parametrize("batch_axis,time_axis", [(1, 0), (0, 1)])
def test_reverse_sequence(batch_axis, time_axis) -> None:
    m = model("ReverseSequence", [("x", F32, [4, 4]), ("l", I64, [4])], [("y", F32, None)],
              batch_axis=batch_axis, time_axis=time_axis)
    check(m, {"x": np.arange(16, dtype=F32).reshape(4, 4), "l": np.array([4, 3, 1, 2], I64)})


def test_runtime_operands_with_dynamic_dims() -> None:
    """A symbolic batch dim flows through Transpose/Concat/Slice with runtime dims."""
    m = model("Transpose", [("x", F32, ["N", 3])], [("y", F32, None)])
    check(m, random_feeds(m, dims={"N": 5}))
