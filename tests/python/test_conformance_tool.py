"""The conformance machinery: the ONNX backend, the summary tool's worker pool and its reports."""

from __future__ import annotations

import numpy as np
import onnx
import pytest
from onnx import TensorProto as T
from onnx import helper as h

from onnx_mlir import CompilationError, InputError
from onnx_mlir import backend
from onnx_mlir.errors import Diagnostic
from onnx_mlir.tools import conformance, conformance_data, conformance_harness


def test_backend_prepare_run_model_run_node():
    assert backend.supports_device("CPU") and not backend.supports_device("CUDA")
    graph = h.make_graph([h.make_node("Add", ["a", "b"], ["c"])], "g",
                         [h.make_tensor_value_info("a", T.FLOAT, [2]), h.make_tensor_value_info("b", T.FLOAT, [2])],
                         [h.make_tensor_value_info("c", T.FLOAT, [2])])
    model = h.make_model(graph, opset_imports=[h.make_opsetid("", 17)])
    a, b = np.array([1, 2], np.float32), np.array([3, 4], np.float32)
    rep = backend.prepare(model, "CPU")
    (c,) = rep.run([a, b])
    np.testing.assert_array_equal(c, [4, 6])
    np.testing.assert_array_equal(backend.run_model(model, {"a": a, "b": b}).c, [4, 6])
    (r,) = backend.run_node(h.make_node("Relu", ["x"], ["y"]), [np.array([-1, 2], np.float32)])
    np.testing.assert_array_equal(r, [0, 2])
    with pytest.raises(InputError, match="expected 2 input"):
        rep.run([a])
    with pytest.raises(RuntimeError, match="only the CPU"):
        backend.prepare(model, "CUDA")


def test_classify_reasons():
    no_lowering = CompilationError("pass 'convert-onnx-to-linalg' failed", [Diagnostic(
        "error", '"n"("Abs")', "failed to legalize operation 'onnx.abs' (ai.onnx Abs, opset 13): "
        "no lowering to linalg")])
    assert conformance_harness.classify(no_lowering) == ("unsupported", "no lowering for Abs")
    limit = CompilationError("pass 'convert-onnx-to-linalg' failed", [Diagnostic(
        "error", '"n"("Conv")', "failed to legalize operation 'onnx.conv': 3-D convolutions are not supported")])
    assert conformance_harness.classify(limit) == ("unsupported", "Conv: 3-D convolutions are not supported")
    try:
        np.testing.assert_allclose(np.ones(3), np.zeros(3))
    except AssertionError as exc:
        assert conformance_harness.classify(exc) == ("fail", "numeric mismatch")
    assert conformance_harness.classify(ValueError("boom\nmore")) == ("error", "ValueError: boom")


def test_expected_failures_roundtrip(tmp_path):
    path = tmp_path / "expected.txt"
    conformance.write_expected_failures({"test_b": "[fail] numeric mismatch", "test_a": "no lowering for X"}, path)
    text = path.read_text()
    assert text.index("test_a") < text.index("test_b") and text.startswith("#")
    assert conformance.read_expected_failures(path) == {"test_a": "no lowering for X",
                                                        "test_b": "[fail] numeric mismatch"}


def test_worker_pool_survives_a_crash(monkeypatch):
    """A case that aborts its worker is recorded as a crash; the next case runs in a new worker."""
    data = conformance_data.ensure_node_data()
    monkeypatch.setenv("ONNX_MLIR_CONFORMANCE_ABORT", "test_add_bcast")
    names = ["test_add", "test_add_bcast", "test_add_uint8", "test_abs"]
    results = {r.name: r for r in conformance_harness.run_cases(names, data, jobs=1, timeout=120, progress=False)}
    assert results["test_add"].status == "pass" and results["test_add"].op == "Add"
    assert results["test_add_bcast"].status == "crash" and "signal 6" in results["test_add_bcast"].reason
    assert results["test_add_uint8"].status == "pass" and "uint8" in results["test_add_uint8"].dtypes
    assert results["test_abs"].status in ("pass", "unsupported")
    summary = conformance.summary_text(list(results.values()))
    assert "TOTAL" in summary and "Add" in summary
    doc = conformance.supported_ops_markdown(list(results.values()))
    assert "| Add | 14 | 2/3 |" in doc


def test_generated_node_data_is_complete():
    data = conformance_data.ensure_node_data()
    cases = conformance_data.list_cases(data)
    assert len(cases) == 1884
    model = onnx.load(str(data / "test_add" / "model.onnx"))
    assert model.graph.node[0].op_type == "Add"
    assert (data / "test_add" / "test_data_set_0" / "output_0.pb").is_file()


def test_undefined_float_to_int_elements_use_the_project_result():
    """project_reference replaces only the expected values of float -> integer Cast/CastLike
    outputs whose input is out of range, NaN or inf; found from the graph (a graph input, or an
    intermediate value), not from case names."""
    import ml_dtypes

    from onnx_mlir.tools.conformance_casts import project_reference

    graph = h.make_graph(
        [h.make_node("Cast", ["x"], ["direct"], to=T.INT4),
         h.make_node("Add", ["x", "x"], ["twice"]),
         h.make_node("CastLike", ["twice", "like"], ["via_add"]),
         h.make_node("Cast", ["x"], ["as_float16"], to=T.FLOAT16),
         h.make_node("Cast", ["x"], ["hidden"], to=T.INT8),
         h.make_node("Neg", ["hidden"], ["negated"])], "g",
        [h.make_tensor_value_info("x", T.FLOAT, [5]), h.make_tensor_value_info("like", T.UINT8, [1])],
        [h.make_tensor_value_info(n, t, [5]) for n, t in
         [("direct", T.INT4), ("via_add", T.UINT8), ("as_float16", T.FLOAT16), ("negated", T.INT8)]])
    model = h.make_model(graph, opset_imports=[h.make_opsetid("", 21)])
    x = np.array([1.5, -9.0, np.nan, 100.0, np.inf], np.float32)
    garbage = [np.full(5, 3, ml_dtypes.int4), np.full(5, 42, np.uint8),
               np.full(5, 7, np.float16), np.full(5, 5, np.int8)]
    refs, count = project_reference(model, [x, np.zeros(1, np.uint8)], garbage)
    # int4 [-8, 7]: -9 -> -8, NaN -> 0, 100 -> 7, inf -> 7; 1.5 is defined: the reference stays
    assert refs[0].astype(int).tolist() == [3, -8, 0, 7, 7]
    # uint8 of 2x: 3.0 defined (42 stays), -18 -> 0, NaN -> 0, 200 defined, inf -> 255
    assert refs[1].tolist() == [42, 0, 0, 42, 255]
    assert refs[2] is garbage[2] and refs[3] is garbage[3]  # not an integer cast / not an output
    assert count == 4 + 3
    assert project_reference(model, [np.zeros(5, np.float32), np.zeros(1, np.uint8)], garbage)[1] == 0


def test_summary_counts_undefined_elements():
    results = [conformance_harness.CaseResult("test_cast_a", "pass", op="Cast", undefined_elements=9),
               conformance_harness.CaseResult("test_add", "pass", op="Add")]
    assert "note: 1 case(s) (1 passing) have 9 float -> integer cast elements" in \
        conformance.summary_text(results)
    assert "## Float -> integer conversions" in conformance.supported_ops_markdown(results)


def test_symbolic_dims_model():
    """--dynamic's model: every graph input/output dim symbolic (initializers and ranks kept,
    value_info dropped)."""
    from onnx_mlir.tools.conformance_symbolic import with_symbolic_dims

    graph = h.make_graph(
        [h.make_node("Add", ["x", "w"], ["t"]), h.make_node("Relu", ["t"], ["y"])], "g",
        [h.make_tensor_value_info("x", T.FLOAT, [2, 3]), h.make_tensor_value_info("w", T.FLOAT, [3])],
        [h.make_tensor_value_info("y", T.FLOAT, [2, 3])],
        [h.make_tensor("w", T.FLOAT, [3], [1.0, 2.0, 3.0])],
        value_info=[h.make_tensor_value_info("t", T.FLOAT, [2, 3])])
    model = h.make_model(graph)
    dyn = with_symbolic_dims(model)
    dims = lambda vi: [d.dim_param or d.dim_value for d in vi.type.tensor_type.shape.dim]  # noqa: E731
    assert dims(dyn.graph.input[0]) == ["in0_0", "in0_1"]
    assert dims(dyn.graph.input[1]) == [3]  # an initializer keeps its shape
    assert dims(dyn.graph.output[0]) == ["out0_0", "out0_1"]
    assert not dyn.graph.value_info and dims(model.graph.input[0]) == [2, 3]  # a copy


DYNAMIC_SUBSET = ["test_relu", "test_add_bcast", "test_matmul_2d", "test_softmax_axis_1",
                  "test_transpose_default", "test_gather_0",
                  "test_concat_2d_axis_1", "test_maxpool_2d_pads", "test_slice",
                  "test_reduce_mean_default_axes_keepdims_example"]


def test_dynamic_mode_subset_passes():
    """A small subset in the dynamic mode: each case passes static and with symbolic input dims,
    and the report gives both counts."""
    data = conformance_data.ensure_node_data()
    results = conformance_harness.run_cases(DYNAMIC_SUBSET, data, jobs=1, timeout=300, progress=False,
                                            dynamic=True)
    lost = {r.name: (r.status, r.reason, r.dynamic_status, r.dynamic_reason)
            for r in results if not (r.passed and r.dynamic_passed)}
    assert not lost
    n = len(DYNAMIC_SUBSET)
    assert f"{n} pass static, {n} pass dynamic; {n} of the static passes also pass dynamic (100.0%)" in \
        conformance.dynamic_summary_text(results)


def test_dynamic_summary_groups_lost_cases():
    r = conformance_harness.CaseResult
    results = [r("test_a", "pass", dynamic_status="pass"),
               r("test_b", "pass", dynamic_status="unsupported", dynamic_reason="X needs static 4"),
               r("test_c", "pass", dynamic_status="unsupported", dynamic_reason="X needs static 5"),
               r("test_d", "fail", dynamic_status="fail")]
    text = conformance.dynamic_summary_text(results)
    assert "3 pass static, 1 pass dynamic; 1 of the static passes also pass dynamic (33.3%)" in text
    assert "2  [unsupported] X needs static N" in text and "b, c" in text


def test_write_flags_do_not_swallow_a_pattern():
    """`--write-expected-failures PATTERN`: the pattern is a pattern, the file the default."""
    args = conformance.build_parser().parse_intermixed_args(["--write-expected-failures", "test_conv.*",
                                                  "--write-docs", "test_relu"])
    assert args.patterns == ["test_conv.*", "test_relu"]
    assert args.write_expected_failures and args.write_docs
    assert args.expected_failures_file == str(conformance.EXPECTED_FAILURES)
    assert args.docs_file == str(conformance.SUPPORTED_OPS_DOC)
    args = conformance.build_parser().parse_intermixed_args(["--write-expected-failures",
                                                  "--expected-failures-file", "x.txt", "test_a"])
    assert args.patterns == ["test_a"] and args.expected_failures_file == "x.txt"


def test_write_expected_failures_from_json(tmp_path, capsys):
    """Without patterns the file given is rewritten from the results."""
    import json
    from dataclasses import asdict
    r = conformance_harness.CaseResult
    results = tmp_path / "results.json"
    results.write_text(json.dumps([asdict(r("test_a", "fail", reason="numeric mismatch")),
                                   asdict(r("test_b", "pass"))]))
    listed = tmp_path / "expected.txt"
    conformance.write_expected_failures({"test_b": "old", "test_z": "kept"}, listed)
    assert conformance.main(["--from-json", str(results), "--write-expected-failures",
                             "--expected-failures-file", str(listed), "-q"]) == 0
    assert conformance.read_expected_failures(listed) == {"test_a": "[fail] numeric mismatch"}
    capsys.readouterr()


def test_supported_ops_doc_lists_the_dynamic_count():
    r = conformance_harness.CaseResult
    results = [r("test_a", "pass", op="Relu", dynamic_status="pass"),
               r("test_b", "pass", op="Conv", dynamic_status="unsupported",
                 dynamic_reason="Conv weight must have a static shape, got tensor<?x?xf32>")]
    text = conformance.supported_ops_markdown(results)
    assert "**1 of the 2 cases that pass static also pass dynamic (50.0%)**" in text
    assert "| 1 | [unsupported] Conv weight must have a static shape, got tensor&lt;?x?xfN&gt; | b |" in text
    assert "cases that pass static also pass dynamic" not in conformance.supported_ops_markdown(
        [r("test_a", "pass", op="Relu")])
