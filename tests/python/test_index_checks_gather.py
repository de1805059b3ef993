"""Index ranges of Gather, GatherElements and GatherND: run-time indices out of range raise
ExecutionError naming the node, the index and the axis size; constant ones fail to compile;
negative indices keep their ONNX meaning. Each case runs with static and with dynamic shapes."""

from __future__ import annotations

import numpy as np
import pytest

from index_check_helpers import HUGE, I64_MIN, compile_error, good_then_bad, node_model

F32, I32, I64 = np.float32, np.int32, np.int64
SHAPES = {"static": ([5, 3], [2, 2]), "dynamic": (["a", "b"], ["p", "q"])}


@pytest.mark.parametrize("shapes", SHAPES, ids=str)
@pytest.mark.parametrize("idx_dtype", [I64, I32], ids=["i64", "i32"])
def test_gather_axis0(shapes, idx_dtype) -> None:
    dshape, ishape = SHAPES[shapes]
    m = node_model("Gather", [("x", F32, dshape), ("i", idx_dtype, ishape)], [("y", F32, None)],
                   axis=0)
    x = np.arange(15, dtype=F32).reshape(5, 3)
    good = [{"x": x, "i": np.array([[0, -1], [4, -5]], idx_dtype)}]
    bad = [({"x": x, "i": np.array([[0, 7], [1, 2]], idx_dtype)},
            ["index 7 is out of range for axis 0 of size 5"]),
           ({"x": x, "i": np.array([[0, -6], [1, 2]], idx_dtype)}, ["index -6", "size 5"])]
    if idx_dtype is I64:
        bad += [({"x": x, "i": np.array([[HUGE, 0], [1, 2]], I64)}, [f"index {HUGE} "]),
                ({"x": x, "i": np.array([[I64_MIN, 0], [1, 2]], I64)}, [f"index {I64_MIN} "])]
    good_then_bad(m, good, bad)


def test_gather_dynamic_data_axis_and_scalar_index() -> None:
    m = node_model("Gather", [("x", F32, [2, "n"]), ("i", I64, [])], [("y", F32, None)], axis=1)
    x = np.arange(8, dtype=F32).reshape(2, 4)
    good_then_bad(m, [{"x": x, "i": np.array(-4, I64)}, {"x": x[:, :1], "i": np.array(0, I64)}],
                  [({"x": x, "i": np.array(4, I64)}, ["index 4 is out of range for axis 1 of size 4"]),
                   ({"x": x[:, :0], "i": np.array(0, I64)}, ["index 0", "size 0"])])


def test_gather_empty_indices_need_no_valid_index() -> None:
    m = node_model("Gather", [("x", F32, ["n", 2]), ("i", I64, ["k"])], [("y", F32, None)], axis=0)
    good_then_bad(m, [{"x": np.zeros((0, 2), F32), "i": np.zeros(0, I64)},
                      {"x": np.ones((3, 2), F32), "i": np.array([2, -3], I64)}],
                  [({"x": np.zeros((0, 2), F32), "i": np.array([0], I64)}, ["size 0"])])


@pytest.mark.parametrize("index", [5, -6, HUGE, I64_MIN])
def test_gather_constant_index_out_of_range_fails_to_compile(index) -> None:
    m = node_model("Gather", [("x", F32, [5, 3]), ("i", I64, [2])], [("y", F32, None)],
                   initializers={"i": np.array([0, index], I64)}, axis=0)
    compile_error(m, f"index {index} is out of range for axis 0 of size 5")


def test_gather_constant_index_against_dynamic_axis_checked_at_run_time() -> None:
    m = node_model("Gather", [("x", F32, ["n", 3]), ("i", I64, [2])], [("y", F32, None)],
                   initializers={"i": np.array([0, -3], I64)}, axis=0)
    x = np.arange(12, dtype=F32).reshape(4, 3)
    good_then_bad(m, [{"x": x}, {"x": x[:3]}], [({"x": x[:2]}, ["index -3", "size 2"])])


def test_gather_splat_constant_index() -> None:
    m = node_model("Gather", [("x", F32, [5, 3]), ("i", I64, [9])], [("y", F32, None)],
                   initializers={"i": np.full(9, 5, I64)}, axis=0)
    compile_error(m, "index 5 is out of range")


@pytest.mark.parametrize("shapes", ["static", "dynamic"])
def test_gather_elements(shapes) -> None:
    dshape, ishape = ([3, 4], [2, 4]) if shapes == "static" else (["a", "b"], ["c", "d"])
    m = node_model("GatherElements", [("x", F32, dshape), ("i", I64, ishape)],
                   [("y", F32, None)], axis=0)
    x = np.arange(12, dtype=F32).reshape(3, 4)
    i = np.array([[0, 1, 2, -3], [-1, 0, 1, 2]], I64)
    bad_i = i.copy()
    bad_i[1, 3] = 3
    bad = [({"x": x, "i": bad_i}, ["index 3 is out of range for axis 0 of size 3"]),
           ({"x": x, "i": np.full((2, 4), I64_MIN, I64)}, [f"index {I64_MIN}"]),
           ({"x": x, "i": np.full((2, 4), HUGE, I64)}, [f"index {HUGE}"])]
    if shapes == "dynamic":  # indices wider than the data off the axis: read past a row
        bad.append(({"x": x, "i": np.zeros((2, 5), I64)},
                    ["indices has size 5 at axis 1, larger than the data's 4"]))
    good_then_bad(m, [{"x": x, "i": i}], bad)


def test_gather_elements_static_shape_mismatch_fails_to_compile() -> None:
    m = node_model("GatherElements", [("x", F32, [3, 4]), ("i", I64, [2, 5])],
                   [("y", F32, [2, 5])], axis=0)
    compile_error(m, "indices has size 5 at axis 1, larger than the data's 4")


@pytest.mark.parametrize("shapes", ["static", "dynamic"])
def test_gather_nd(shapes) -> None:
    dshape, ishape = ([3, 4, 2], [2, 2]) if shapes == "static" else (["a", "b", 2], ["c", 2])
    m = node_model("GatherND", [("x", F32, dshape), ("i", I64, ishape)], [("y", F32, None)])
    x = np.arange(24, dtype=F32).reshape(3, 4, 2)
    good = [{"x": x, "i": np.array([[0, -1], [-3, 3]], I64)}]
    bad = [({"x": x, "i": np.array([[0, 4], [1, 1]], I64)},
            ["index 4 is out of range for axis 1 of size 4"]),
           ({"x": x, "i": np.array([[-4, 0], [1, 1]], I64)},
            ["index -4 is out of range for axis 0 of size 3"]),
           ({"x": x, "i": np.array([[HUGE, 0], [1, I64_MIN]], I64)}, ["is out of range"])]
    good_then_bad(m, good, bad)


def test_gather_nd_batch_dims_dynamic() -> None:
    m = node_model("GatherND", [("x", F32, ["b", "n", 3]), ("i", I64, ["c", 2, 1])],
                   [("y", F32, None)], batch_dims=1)
    x = np.arange(24, dtype=F32).reshape(2, 4, 3)
    good = [{"x": x, "i": np.array([[[3], [-4]], [[0], [1]]], I64)}]
    good_then_bad(m, good, [({"x": x, "i": np.array([[[4], [0]], [[0], [1]]], I64)},
                             ["index 4 is out of range for axis 1 of size 4"])])
    # The batch dims must agree (ONNX); onnxruntime happens to accept this pair.
    good_then_bad(m, good, [({"x": x, "i": np.zeros((3, 2, 1), I64)},
                             ["indices has size 3 at batch axis 0, but data has 2"])],
                  ort_rejects_bad=False)


def test_gather_nd_constant_index_fails_to_compile() -> None:
    m = node_model("GatherND", [("x", F32, [3, 4]), ("i", I64, [1, 2])], [("y", F32, None)],
                   initializers={"i": np.array([[2, -5]], I64)})
    compile_error(m, "index -5 is out of range for axis 1 of size 4")


def test_embedding_gather_of_token_ids() -> None:
    """The BERT/GPT-2 pattern: a constant table gathered by run-time token ids."""
    table = np.arange(40, dtype=F32).reshape(10, 4)
    m = node_model("Gather", [("w", F32, [10, 4]), ("ids", I64, ["batch", "seq"])],
                   [("y", F32, None)], initializers={"w": table}, axis=0)
    good_then_bad(m, [{"ids": np.array([[1, 9, 0]], I64)}, {"ids": np.zeros((2, 5), I64)}],
                  [({"ids": np.array([[1, 10, 0]], I64)},
                    ["index 10 is out of range for axis 0 of size 10"])])


def test_status_buffer_per_thread() -> None:
    """Runs in several threads at once: each sees its own check failures only."""
    import threading

    from onnx_mlir import ExecutionError
    import onnx_mlir

    m = node_model("Gather", [("x", F32, [5, 3]), ("i", I64, ["k"])], [("y", F32, None)], axis=0)
    compiled = onnx_mlir.compile(m)
    x = np.arange(15, dtype=F32).reshape(5, 3)
    good = np.arange(5000, dtype=I64) % 5
    bad = good.copy()
    bad[-1] = 9
    errors: list[str] = []

    def work(feed_bad: bool) -> None:
        for _ in range(100):
            try:
                (y,) = compiled.run(None, {"x": x, "i": bad if feed_bad else good})
                if feed_bad or not np.array_equal(y, x[good]):
                    errors.append("wrong result")
            except ExecutionError as e:
                if not feed_bad or "index 9" not in str(e):
                    errors.append(str(e))

    threads = [threading.Thread(target=work, args=(k % 2 == 1,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors[:3]
