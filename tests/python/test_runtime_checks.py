"""Run-time checks: what the compiler cannot prove comes back as ``ExecutionError`` naming the node.

Each case compiles one model with dynamic dims, runs it with sizes that agree (the result matches
onnxruntime), then with sizes that do not (a typed error, no out-of-bounds access, no abort), and
then again with good sizes (the process and the model survive).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import numpy as np
import pytest
from onnx import TensorProto as T
from onnx import helper as h

import onnx_mlir
from onnx_mlir import ExecutionError
from shape_check_helpers import check_good_then_bad, vi
from shape_check_helpers import model as model_of


def test_add_of_independent_dynamic_dims():
    model = model_of([h.make_node("Add", ["a", "b"], ["c"], name="add0")],
                   [vi("a", ["n"]), vi("b", ["m"])], [vi("c", [None])])
    f = np.float32
    check_good_then_bad(model, {"a": np.ones(3, f), "b": np.arange(3, dtype=f)},
                         {"a": np.ones(5, f), "b": np.ones(3, f)}, "add0", "size 3", "size 5")


def test_add_huge_against_small_does_not_crash():
    # 10^7 vs 1 used to read far past the smaller input and segfault.
    model = model_of([h.make_node("Add", ["a", "b"], ["c"], name="add0")],
                   [vi("a", ["n"]), vi("b", ["m"])], [vi("c", [None])])
    compiled = onnx_mlir.compile(model)
    with pytest.raises(ExecutionError, match="10000000"):
        compiled.run(None, {"a": np.ones(10**7, np.float32), "b": np.ones(2, np.float32)})


def test_static_operand_against_dynamic_result_dim():
    # Gemm's C [4] broadcast to [M, N] with N dynamic: N must be 4.
    model = model_of([h.make_node("Gemm", ["a", "b", "c"], ["y"], name="gemm0")],
                   [vi("a", [2, 3]), vi("b", [3, "n"])], [vi("y", [2, "n"])],
                   [h.make_tensor("c", T.FLOAT, [4], [1, 2, 3, 4])])
    f = np.float32
    check_good_then_bad(model, {"a": np.ones((2, 3), f), "b": np.ones((3, 4), f)},
                         {"a": np.ones((2, 3), f), "b": np.ones((3, 7), f)}, "gemm0", "7", "4")


def test_matmul_dynamic_contraction_against_static_weight():
    w = h.make_tensor("w", T.FLOAT, [4, 2], np.arange(8, dtype=np.float32))
    model = model_of([h.make_node("MatMul", ["a", "w"], ["c"], name="mm")],
                   [vi("a", [3, "k"])], [vi("c", [3, 2])], [w])
    f = np.float32
    check_good_then_bad(model, {"a": np.ones((3, 4), f)}, {"a": np.ones((3, 5), f)},
                         "mm", "contraction", "5", "4")


def test_batched_matmul_dynamic_batch_mismatch():
    model = model_of([h.make_node("MatMul", ["a", "b"], ["c"], name="bmm")],
                   [vi("a", ["p", 2, 3]), vi("b", ["q", 3, 2])], [vi("c", [None, 2, 2])])
    f = np.float32
    check_good_then_bad(model, {"a": np.ones((2, 2, 3), f), "b": np.ones((2, 3, 2), f)},
                         {"a": np.ones((2, 2, 3), f), "b": np.ones((5, 3, 2), f)}, "bmm", "5")


def test_declared_static_output_checked_against_computed_size():
    # The graph declares [5] for a value computed from a dynamic input: trusted, a later op
    # would read 5 elements of a shorter buffer.
    model = model_of([h.make_node("Relu", ["a"], ["r"], name="relu0"),
                    h.make_node("Neg", ["r"], ["y"], name="neg0")],
                   [vi("a", ["n"])], [vi("y", [5])])
    model.graph.value_info.append(vi("r", [5]))
    compiled = onnx_mlir.compile(model)
    (y,) = compiled.run(None, {"a": -np.arange(5, dtype=np.float32)})
    np.testing.assert_array_equal(y, -np.maximum(-np.arange(5, dtype=np.float32), 0))
    with pytest.raises(ExecutionError, match="size 3 at run time"):
        compiled.run(None, {"a": np.ones(3, np.float32)})


def test_failure_with_dynamic_results_frees_and_recovers():
    # Results allocated by the callee (dynamic output shape) on the failing path, many times:
    # the process survives and the next good run is right.
    model = model_of([h.make_node("Sub", ["a", "b"], ["c"], name="sub0")],
                   [vi("a", ["n", 2]), vi("b", ["m", 2])], [vi("c", [None, 2])])
    compiled = onnx_mlir.compile(model)
    a, b = np.ones((4, 2), np.float32), np.ones((3, 2), np.float32)
    for _ in range(200):
        with pytest.raises(ExecutionError):
            compiled.run(None, {"a": a, "b": b})
    (c,) = compiled.run(None, {"a": a, "b": a * 3})
    np.testing.assert_array_equal(c, np.full((4, 2), -2, np.float32))


def test_error_is_located_at_the_node_for_the_cli():
    model = model_of([h.make_node("Add", ["a", "b"], ["c"], name="my_add")],
                   [vi("a", ["n"]), vi("b", ["m"])], [vi("c", [None])])
    with pytest.raises(ExecutionError) as info:
        onnx_mlir.compile(model).run(None, {"a": np.ones(2, np.float32), "b": np.ones(3, np.float32)})
    assert info.value.format().startswith('"my_add"("Add"): error: ')
    assert info.value.op_type == "Add" and info.value.values[:2] == (3, 2)


def test_run_does_not_leak():
    """RSS stays flat over many runs (a ctypes class built per call once leaked ~17 KB a run)."""
    script = textwrap.dedent("""
        import numpy as np, onnx_mlir
        from onnx import TensorProto as T, helper as h
        def rss():
            return int(open("/proc/self/statm").read().split()[1]) * 4096
        for shape in ([4], ["n"]):
            g = h.make_graph([h.make_node("Relu", ["a"], ["c"])], "g",
                             [h.make_tensor_value_info("a", T.FLOAT, shape)],
                             [h.make_tensor_value_info("c", T.FLOAT, shape)])
            m = onnx_mlir.compile(h.make_model(g, opset_imports=[h.make_opsetid("", 18)]))
            x = np.ones(4, np.float32)
            for _ in range(2000):
                m.run(None, {"a": x})
            before = rss()
            for _ in range(10000):
                m.run(None, {"a": x})
            print((rss() - before) // 1024)
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    growth_kib = [int(line) for line in out.stdout.split()]
    assert len(growth_kib) == 2
    assert all(g < 1024 for g in growth_kib), f"RSS grew by {growth_kib} KiB over 10,000 runs"


def test_returned_results_sharing_a_buffer_are_copied_before_it_is_freed():
    # Range -> r and Unsqueeze(r) -> u share one callee allocation; with the outputs ordered
    # [u, r] the second copy used to read the buffer after free() (garbage values).
    model = model_of([h.make_node("Shape", ["x"], ["s"]),
                    h.make_node("Gather", ["s", "zero"], ["n"], axis=0),
                    h.make_node("Range", ["start", "n", "one"], ["r"]),
                    h.make_node("Unsqueeze", ["r", "axes"], ["u"])],
                   [vi("x", ["n", 1])], [vi("u", [1, None], T.INT64), vi("r", [None], T.INT64)],
                   [h.make_tensor("zero", T.INT64, [], [0]), h.make_tensor("start", T.INT64, [], [0]),
                    h.make_tensor("one", T.INT64, [], [1]), h.make_tensor("axes", T.INT64, [1], [0])])
    compiled = onnx_mlir.compile(model)
    for n in (3, 1000, 5):
        u, r = compiled.run(None, {"x": np.zeros((n, 1), np.float32)})
        np.testing.assert_array_equal(r, np.arange(n))
        np.testing.assert_array_equal(u, np.arange(n)[None])


def test_data_dependent_allocation_over_the_size_limit_is_an_error():
    # Pads read at run time asking for a 2^40-row result: malloc would return NULL and the code
    # would write through it; the size check (limits.py) reports it instead.
    model = model_of([h.make_node("Pad", ["x", "p"], ["y"], name="pad0")],
                   [vi("x", [2, 3]), vi("p", [4], T.INT64)], [vi("y", None)])
    compiled = onnx_mlir.compile(model)
    x = np.ones((2, 3), np.float32)
    with pytest.raises(ExecutionError, match="too large to allocate") as info:
        compiled.run(None, {"x": x, "p": np.array([0, 0, 2**40, 0], np.int64)})
    assert info.value.node == "pad0"
    (y,) = compiled.run(None, {"x": x, "p": np.array([1, 0, 0, 1], np.int64)})
    np.testing.assert_array_equal(y, np.pad(x, ((1, 0), (0, 1))))
