"""The fuzzers (onnx_mlir.tools.fuzz): their worker machinery, and a few hundred seeded cases of
each target, which must end in no abort, segfault, crash, hang, untyped exception or wrong result
(`make fuzz N=...` runs many more)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from onnx_mlir.tools.fuzz.campaign import Config, classify, run_campaign
from onnx_mlir.tools.fuzz.compare import UNCHECKED_STATIC_SHAPE
from onnx_mlir.tools.fuzz.outcomes import Outcome
from onnx_mlir.tools.fuzz.report import table, write_reproducer
from onnx_mlir.tools.fuzz.workers import Worker

HERE = Path(__file__).resolve().parent
# Cases per target in this test: about a minute on two cores (onnxruntime and JIT included).
CASES = {"models": 300, "opt": 300}


@pytest.fixture
def worker(tmp_path):
    env = {"PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")])}
    w = Worker("fuzz_selftest_handler:run_case", tmp_path / "worker.log", memory_limit=0, env=env)
    yield w
    w.stop()


@pytest.mark.parametrize("how,outcome", [("abort", Outcome.ABORT), ("segfault", Outcome.SEGFAULT),
                                         ("exit", Outcome.CRASH)])
def test_a_dying_worker_is_classified_and_replaced(worker, how, outcome):
    first = classify(worker.run({"how": "fine"}, timeout=60))
    result = classify(worker.run({"how": how}, timeout=60))
    assert result.outcome == outcome and result.phase == how
    after = classify(worker.run({"how": "fine"}, timeout=60))
    assert after.outcome == Outcome.SUCCESS and after.message != first.message  # a new process


def test_a_hanging_worker_is_killed(worker):
    result = classify(worker.run({"how": "hang"}, timeout=2))
    assert result.outcome == Outcome.HANG and result.phase == "hang"
    assert classify(worker.run({"how": "fine"}, timeout=60)).outcome == Outcome.SUCCESS


def test_cases_are_reproducible_one_by_one():
    from onnx_mlir.tools.fuzz.campaign import model_cases, opt_cases

    a = [c.payload["data"] for c in model_cases(Config(cases=20, seed=5))]
    b = [c.payload["data"] for c in model_cases(Config(cases=30, seed=5))][:20]
    assert a == b
    assert len({c.payload["data"] for c in opt_cases(Config(cases=20, seed=5))}) > 10


def _awaiting_run_time_checks(result) -> bool:
    """A static output shape the model declares and its inputs contradict at run time is only
    caught by run-time shape checks (ExecutionError), separate work: until
    onnx_mlir.errors.ExecutionError exists, these wrong results are reported, not failed on."""
    from onnx_mlir import errors

    return (getattr(errors, "ExecutionError", None) is None
            and result.signature == UNCHECKED_STATIC_SHAPE)


@pytest.mark.parametrize("target", sorted(CASES))
def test_seeded_cases_find_no_bug(target, tmp_path):
    config = Config(cases=CASES[target], seed=0, jobs=2, timeout=120, out=tmp_path)
    campaign = run_campaign(target, config)
    print(table(campaign))
    bad = [(c, r) for c, r in campaign.bad if not _awaiting_run_time_checks(r)]
    reproducers = [str(write_reproducer(campaign, c, r)) for c, r in bad]
    assert not bad, table(campaign) + "\n" + "\n".join(reproducers)
    assert len(campaign.results) == CASES[target]


def test_comparison_leaves_out_what_onnx_does_not_define():
    import numpy as np
    import onnx
    from onnx import helper as h

    from onnx_mlir.tools.fuzz.compare import compare_outputs, has_undefined_behaviour

    a = np.array([1.0, np.nan, np.inf, 2.0], np.float32)
    assert compare_outputs([a], [np.array([1.0, 0.0, 5.0, 2.00001], np.float32)]) == ""
    assert compare_outputs([a], [np.array([1.5, 0.0, 5.0, 2.0], np.float32)]).startswith("output values")
    assert compare_outputs([np.zeros((2, 3))], [np.zeros((2, 4))]).startswith("output shape: output 0")
    unchecked = compare_outputs([np.zeros((2, 3))], [np.zeros((2, 4))], declared=[("N", 3)])
    assert unchecked.startswith(UNCHECKED_STATIC_SHAPE)
    to_int = h.make_graph([h.make_node("Cast", ["x"], ["y"], to=onnx.TensorProto.INT32)], "g", [], [])
    to_float = h.make_graph([h.make_node("Cast", ["x"], ["y"], to=onnx.TensorProto.FLOAT)], "g", [], [])
    assert has_undefined_behaviour(h.make_model(to_int))
    assert not has_undefined_behaviour(h.make_model(to_float))
