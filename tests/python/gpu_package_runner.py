"""Loads GPU packages the way a GPU host without the compiler does, and checks their outputs.

Run as its own process by test_gpu_package.py: ``TRITON_INTERPRET=1 python gpu_package_runner.py
CASES.json``.  Before anything else it blocks ``mlir``, ``onnx``, ``onnxruntime`` and
``ml_dtypes`` from import (a meta-path finder raising ImportError), so the load path is proven to
need only torch, Triton and numpy.  Each case: {"name", "package", "feeds" (an .npz), "expected"
(an .npz of the outputs in order), "rtol", "atol", "mode"} or, for several runs of one loaded
model (a dynamic batch), "runs": [{"feeds", "expected"}, ...] instead of "feeds"/"expected"; mode ``numpy`` (numpy feeds),
``torch`` (torch feeds, torch outputs expected) or ``graph`` (the CUDA-graph runner with a backend
that replays by running the captured launches again: static inputs and outputs, feeds copied in,
outputs copied out).  Prints one JSON line per case, then {"blocked_modules_loaded": [...]}.
"""

from __future__ import annotations

import importlib.abc
import json
import sys
import traceback

BLOCKED = ("mlir", "onnx", "onnxruntime", "ml_dtypes")


class _Blocker(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError(f"{name} is blocked: the GPU package runtime must not need it")
        return None


sys.meta_path.insert(0, _Blocker())

import numpy as np  # noqa: E402
import torch  # noqa: E402

import onnx_mlir  # noqa: E402
from onnx_mlir.runtime.gpu_package.cuda_graph import GraphBackend  # noqa: E402
from onnx_mlir.runtime.gpu_package.loader import load_package  # noqa: E402


class ReplayByRerun(GraphBackend):
    """Stands in for torch.cuda.CUDAGraph: "replay" runs the captured launches again on the
    same static tensors (what a graph replay does on a GPU)."""

    def capture(self, fn):
        fn()
        return fn


def _compare(got, want, rtol, atol) -> float:
    err = 0.0
    for g, w in zip(got, want, strict=True):
        assert g.shape == w.shape and g.dtype == w.dtype, f"{g.shape}/{g.dtype} vs {w.shape}/{w.dtype}"
        np.testing.assert_allclose(g.astype(np.float64), w.astype(np.float64), rtol=rtol, atol=atol)
        err = max(err, float(np.max(np.abs(g.astype(np.float64) - w.astype(np.float64)), initial=0)))
    return err


def run_several(case: dict) -> dict:
    """Several feed sets on one loaded package (a dynamic batch: shapes per run), then the first again."""
    model = onnx_mlir.load(case["package"])
    runs = case["runs"] + case["runs"][:1] if len(case["runs"]) > 1 else case["runs"]
    err, shapes = 0.0, []
    for run in runs:
        expected = np.load(run["expected"])
        got = model.run(None, dict(np.load(run["feeds"])))
        err = max(err, _compare(got, [expected[k] for k in sorted(expected.files, key=int)],
                                case["rtol"], case["atol"]))
        shapes.append([list(g.shape) for g in got])
    return {"name": case["name"], "ok": True, "max_err": err, "shapes": shapes,
            "static": model.manifest.is_static, "cuda_graph": model.cuda_graph}


def run_case(case: dict) -> dict:
    if "runs" in case:
        return run_several(case)
    feeds = dict(np.load(case["feeds"]))
    expected = np.load(case["expected"])
    want = [expected[k] for k in sorted(expected.files, key=int)]
    mode = case.get("mode", "numpy")
    if mode == "graph":
        model = load_package(case["package"], device="cpu", graph_backend=ReplayByRerun())
        eager = onnx_mlir.load(case["package"])
        other = {k: (v * 0.5 if v.dtype.kind == "f" else v) for k, v in feeds.items()}
        first = model.run(None, feeds)
        second = model.run(None, other)  # must not change `first` (outputs are copied out)
        err = _compare(first, want, case["rtol"], case["atol"])
        _compare(second, eager.run(None, other), 1e-6, 1e-6)
        assert model.cuda_graph and not eager.cuda_graph
        return {"name": case["name"], "ok": True, "max_err": err}
    model = onnx_mlir.load(case["package"])
    if mode == "torch":
        got = model.run(None, {k: torch.from_numpy(v) for k, v in feeds.items()})
        assert all(isinstance(t, torch.Tensor) for t in got)
        got = [t.numpy() for t in got]
    else:
        got = model.run(None, feeds)
        got = model.run(None, feeds)  # a second run on the same buffers
    return {"name": case["name"], "ok": True, "max_err": _compare(got, want, case["rtol"], case["atol"])}


def main() -> None:
    with open(sys.argv[1]) as f:
        cases = json.load(f)
    for case in cases:
        try:
            result = run_case(case)
        except Exception as exc:  # noqa: BLE001 - reported to the pytest side
            result = {"name": case["name"], "ok": False, "error": f"{type(exc).__name__}: {exc}",
                      "trace": traceback.format_exc()[-3000:]}
        print(json.dumps(result), flush=True)
    loaded = sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED)
    print(json.dumps({"blocked_modules_loaded": loaded}), flush=True)


if __name__ == "__main__":
    main()
