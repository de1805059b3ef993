"""Index ranges and operand shapes of ScatterElements (and the deprecated Scatter), ScatterND
(every reduction) and Compress, checked at run time (ExecutionError naming the node) or at
compile time for constants; static and dynamic shapes."""

from __future__ import annotations

import numpy as np
import pytest

from index_check_helpers import HUGE, I64_MIN, compile_error, good_then_bad, node_model

F32, I64 = np.float32, np.int64


@pytest.mark.parametrize("shapes", ["static", "dynamic"])
@pytest.mark.parametrize("reduction", ["none", "add", "max"])
def test_scatter_elements(shapes, reduction) -> None:
    if shapes == "static":
        dshape, ishape, ushape = [3, 4], [2, 3], [2, 3]
    else:
        dshape, ishape, ushape = ["a", "b"], ["c", "d"], ["e", "f"]
    m = node_model("ScatterElements", [("x", F32, dshape), ("i", I64, ishape),
                                       ("u", F32, ushape)], [("y", F32, None)],
                   axis=1, reduction=reduction)
    x = np.arange(12, dtype=F32).reshape(3, 4)
    u = np.arange(6, dtype=F32).reshape(2, 3) + 100
    i = np.array([[1, -1, 0], [2, 0, -4]], I64)
    bad = [({"x": x, "i": np.array([[1, 4, 0], [2, 0, 3]], I64), "u": u},
            ["index 4 is out of range for axis 1 of size 4"]),
           ({"x": x, "i": np.array([[1, -5, 0], [2, 0, 3]], I64), "u": u}, ["index -5"]),
           ({"x": x, "i": np.array([[HUGE, 0, 0], [2, 0, I64_MIN]], I64), "u": u},
            ["is out of range for axis 1 of size 4"])]
    if shapes == "dynamic":
        bad += [({"x": x, "i": np.zeros((2, 2), I64), "u": u},
                 ["indices has size 2 at axis 1, but updates has 3"]),
                ({"x": x, "i": np.zeros((4, 3), I64), "u": np.ones((4, 3), F32)},
                 ["updates has size 4 at axis 0, larger than the data's 3"])]
    good_then_bad(m, [{"x": x, "i": i, "u": u}], bad)


def test_deprecated_scatter() -> None:
    m = node_model("Scatter", [("x", F32, ["n"]), ("i", I64, ["k"]), ("u", F32, ["m"])],
                   [("y", F32, None)], opset=10, axis=0)
    x = np.zeros(4, F32)
    good_then_bad(m, [{"x": x, "i": np.array([3, -4], I64), "u": np.ones(2, F32)}],
                  [({"x": x, "i": np.array([4], I64), "u": np.ones(1, F32)},
                    ["index 4 is out of range for axis 0 of size 4"])],
                  node="y")  # onnx's version converter names the ScatterElements after its output


def test_scatter_elements_constant_index_fails_to_compile() -> None:
    m = node_model("ScatterElements", [("x", F32, [3, 4]), ("i", I64, [1, 2]), ("u", F32, [1, 2])],
                   [("y", F32, None)], initializers={"i": np.array([[0, 3]], I64)}, axis=0)
    compile_error(m, "index 3 is out of range for axis 0 of size 3")


@pytest.mark.parametrize("shapes", ["static", "dynamic"])
@pytest.mark.parametrize("reduction", ["none", "add", "mul", "max", "min"])
def test_scatter_nd(shapes, reduction) -> None:
    if shapes == "static":
        dshape, ishape, ushape = [4, 3, 2], [2, 2], [2, 2]
    else:
        dshape, ishape, ushape = ["a", "b", 2], ["c", 2], ["e", 2]
    m = node_model("ScatterND", [("x", F32, dshape), ("i", I64, ishape), ("u", F32, ushape)],
                   [("y", F32, None)], opset=18, reduction=reduction)
    x = np.arange(24, dtype=F32).reshape(4, 3, 2)
    u = np.array([[2, 3], [4, 5]], F32)
    good = [{"x": x, "i": np.array([[0, -1], [-4, 2]], I64), "u": u}]
    bad = [({"x": x, "i": np.array([[0, 3], [1, 1]], I64), "u": u},
            ["index 3 is out of range for axis 1 of size 3"]),
           ({"x": x, "i": np.array([[4, 0], [1, 1]], I64), "u": u},
            ["index 4 is out of range for axis 0 of size 4"]),
           ({"x": x, "i": np.array([[I64_MIN, 0], [1, HUGE]], I64), "u": u}, ["out of range"])]
    if shapes == "dynamic":
        bad.append(({"x": x, "i": np.zeros((2, 2), I64), "u": np.ones((1, 2), F32)},
                    ["updates has size 1 at axis 0, expected 2"]))
    good_then_bad(m, good, bad)


def test_scatter_nd_dynamic_trailing_updates() -> None:
    m = node_model("ScatterND", [("x", F32, ["a", "b"]), ("i", I64, ["c", 1]),
                                 ("u", F32, ["e", "d"])], [("y", F32, None)])
    x = np.zeros((3, 4), F32)
    good_then_bad(m, [{"x": x, "i": np.array([[2], [0]], I64), "u": np.ones((2, 4), F32)}],
                  [({"x": x, "i": np.array([[2], [0]], I64), "u": np.ones((2, 3), F32)},
                    ["updates has size 3 at axis 1, expected 4"])])


def test_scatter_nd_constant_index_fails_to_compile() -> None:
    m = node_model("ScatterND", [("x", F32, [4, 3]), ("i", I64, [1, 1]), ("u", F32, [1, 3])],
                   [("y", F32, None)], initializers={"i": np.array([[-5]], I64)})
    compile_error(m, "index -5 is out of range for axis 0 of size 4")


# --------------------------------------------------------------------------- Compress


def test_compress_condition_longer_than_the_axis_is_cut() -> None:
    """onnxruntime ignores condition entries past the axis, even true ones."""
    m = node_model("Compress", [("x", F32, ["n"]), ("c", np.bool_, ["k"])], [("y", F32, [2])],
                   axis=0)
    x = np.arange(3, dtype=F32)
    good_then_bad(m, [{"x": x, "c": np.array([1, 0, 1, 0, 1], bool)},
                      {"x": x, "c": np.array([0, 1, 1], bool)},
                      {"x": x, "c": np.array([1, 1], bool)}],
                  [({"x": x, "c": np.array([1, 0, 0, 1], bool)},
                    ["has size 1 at run time, but its type says 2"]),
                   ({"x": x, "c": np.array([1, 1, 1], bool)}, ["has size 3 at run time, but its type says 2"])],
                  ort_rejects_bad=False)


def test_compress_static_input_run_time_condition() -> None:
    m = node_model("Compress", [("x", F32, [2, 3]), ("c", np.bool_, [3])], [("y", F32, [2, 1])],
                   axis=1)
    x = np.arange(6, dtype=F32).reshape(2, 3)
    good_then_bad(m, [{"x": x, "c": np.array([0, 0, 1], bool)}],
                  [({"x": x, "c": np.array([0, 0, 0], bool)}, ["has size 0 at run time, but its type says 1"])],
                  ort_rejects_bad=False)


def test_compress_constant_condition_against_dynamic_axis() -> None:
    m = node_model("Compress", [("x", F32, ["n"]), ("c", np.bool_, [4])], [("y", F32, [2])],
                   initializers={"c": np.array([0, 1, 0, 1], bool)}, axis=0)
    x = np.arange(5, dtype=F32)
    good_then_bad(m, [{"x": x}, {"x": x[:4]}],
                  [({"x": x[:3]}, ["has size 1 at run time, but its type says 2"])],
                  ort_rejects_bad=False)
