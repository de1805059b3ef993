"""The benchmark suite of issue 9: six models against onnxruntime, static and dynamic batch, at
1 and 2 threads, in one process (see bench_cpu.py for the command line).

Each measurement alternates one run of ours and one of onnxruntime (same feeds, same process),
so that load from elsewhere hits both alike, and reports the medians. ``ours`` runs with
``num_threads=`` when ``onnx_mlir.compile`` takes it, else at one thread whatever the count
(the table says so).
"""

from __future__ import annotations

import datetime
import inspect
import math
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
MODEL_NAMES = ("mlp", "lenet5", "resnet18", "mobilenetv2", "bert", "gpt2")


@dataclass
class Result:
    model: str
    variant: str  # "static" or "dynamic"
    threads: int
    ours_threads: int
    ours_ms: float
    ort_ms: float
    compile_s: float
    max_diff: float
    runs: int

    @property
    def ratio(self) -> float:
        return self.ours_ms / self.ort_ms


# ---- the host

def host_description() -> str:
    """CPU model, the vector ISA and LLVM's name for the host CPU."""
    model, flags = "unknown CPU", set()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name") and model == "unknown CPU":
                model = line.split(":", 1)[1].strip()
            elif line.startswith("flags") and not flags:
                flags = set(line.split(":", 1)[1].split())
    except OSError:
        pass
    isa = [f for f in ("avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512_vnni", "avx512_bf16") if f in flags]
    kind = "AVX-512" if "avx512f" in flags else "AVX2" if "avx2" in flags else platform.machine()
    try:
        from onnx_mlir.lowering.cpu.target import llvm_host
        llvm_cpu = llvm_host()[0]
    except Exception:  # noqa: BLE001 - a description only
        llvm_cpu = "?"
    return f"{model} ({kind}: {' '.join(isa)}; LLVM host cpu `{llvm_cpu}`), {os.cpu_count()} cores"


def supports_num_threads() -> bool:
    import onnx_mlir
    return "num_threads" in inspect.signature(onnx_mlir.compile).parameters


# ---- the models

def _symbolic_batch(proto):
    """The model with dim 0 of every input and output named ``batch`` (intermediate shapes
    dropped, ONNX shape inference finds them again)."""
    import onnx
    proto = onnx.ModelProto.FromString(proto.SerializeToString())
    for value in list(proto.graph.input) + list(proto.graph.output):
        if value.name in {i.name for i in proto.graph.initializer}:
            continue
        dims = value.type.tensor_type.shape.dim
        if dims:
            dims[0].Clear()
            dims[0].dim_param = "batch"
    del proto.graph.value_info[:]
    return proto


def load_model(name: str, dynamic: bool, models_dir: Path | None):
    """(ModelProto, feeds) of one suite model; the dynamic-batch variant runs on the same feeds
    as the static one (batch 64 for the MLP, 1 for the others)."""
    import onnx

    sys.path.insert(0, str(ROOT))
    if name == "mlp":
        from benchmarks.bench_cpu import bundled_model, random_feeds_for
        proto = bundled_model()
        return (_symbolic_batch(proto) if dynamic else proto), random_feeds_for(proto)
    if name == "lenet5":
        from benchmarks.bench_cpu import random_feeds_for
        proto = onnx.load(ROOT / "examples" / "lenet5.onnx")
        return (_symbolic_batch(proto) if dynamic else proto), random_feeds_for(proto)
    from benchmarks.models import export
    static_path = (models_dir / f"{name}.onnx") if models_dir else None
    if not dynamic and static_path is not None and static_path.exists():
        path = static_path
    else:
        path = export.cached_export(name, dynamic_batch=dynamic)
    return onnx.load(path), export.example_inputs(name)


# ---- measuring

def interleaved_medians(ours: Callable[[], object], theirs: Callable[[], object], runs: int,
                        budget_s: float) -> tuple[float, float, int]:
    """Median seconds of each, one run of each in turn, ``runs`` times or until ``budget_s``
    (at least 3 runs)."""
    ours()
    theirs()
    a, b = [], []
    start = time.perf_counter()
    while len(a) < runs and (len(a) < 3 or time.perf_counter() - start < budget_s):
        t = time.perf_counter()
        ours()
        a.append(time.perf_counter() - t)
        t = time.perf_counter()
        theirs()
        b.append(time.perf_counter() - t)
    return statistics.median(a), statistics.median(b), len(a)


def _max_diff(ours: list, theirs: list) -> float:
    diffs = [float(np.max(np.abs(np.asarray(a, np.float64) - np.asarray(b, np.float64)))) if np.size(a) else 0.0
             for a, b in zip(ours, theirs)]
    return max(diffs, default=0.0)


def run_model(name: str, dynamic: bool, threads: list[int], runs: int, budget_s: float,
              models_dir: Path | None, log=print) -> list[Result]:
    import onnxruntime as ort

    import onnx_mlir

    proto, feeds = load_model(name, dynamic, models_dir)
    variant = "dynamic" if dynamic else "static"
    with_threads = supports_num_threads()
    compiled: dict[int, tuple[object, float]] = {}
    results = []
    for count in threads:
        ours_threads = count if with_threads else 1
        if ours_threads not in compiled:
            t = time.perf_counter()
            kwargs = {"num_threads": ours_threads} if with_threads else {}
            compiled[ours_threads] = (onnx_mlir.compile(proto, **kwargs), time.perf_counter() - t)
        model, compile_s = compiled[ours_threads]
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = count
        opts.inter_op_num_threads = 1
        session = ort.InferenceSession(proto.SerializeToString(), opts, providers=["CPUExecutionProvider"])
        diff = _max_diff(model.run(None, feeds), session.run(None, feeds))
        t_ours, t_ort, n = interleaved_medians(lambda: model.run(None, feeds), lambda: session.run(None, feeds),
                                               runs, budget_s)
        result = Result(name, variant, count, ours_threads, t_ours * 1e3, t_ort * 1e3, compile_s, diff, n)
        log(format_row(result))
        results.append(result)
    return results


# ---- reporting

HEADER = "| model | batch | threads (ours) | ours ms | onnxruntime ms | ratio | compile s | max abs diff | runs |"


def format_row(r: Result) -> str:
    threads = f"{r.threads}" if r.ours_threads == r.threads else f"{r.threads} ({r.ours_threads})"
    return (f"| {r.model} | {r.variant} | {threads} | {r.ours_ms:.3f} | {r.ort_ms:.3f} | {r.ratio:.2f} | "
            f"{r.compile_s:.2f} | {r.max_diff:.1e} | {r.runs} |")


def geomeans(results: list[Result]) -> list[str]:
    lines = []
    keys = sorted({(r.variant, r.threads) for r in results}, key=lambda k: (k[0] != "static", k[1]))
    for variant, threads in keys:
        ratios = [r.ratio for r in results if r.variant == variant and r.threads == threads]
        g = math.exp(sum(math.log(x) for x in ratios) / len(ratios))
        worst = max(results, key=lambda r: r.ratio if (r.variant, r.threads) == (variant, threads) else -1)
        lines.append(f"geomean ours/onnxruntime, {variant} batch, {threads} thread(s): {g:.2f} "
                     f"over {len(ratios)} models (worst: {worst.model} {worst.ratio:.2f})")
    return lines


def results_markdown(results: list[Result], command: str) -> str:
    import onnxruntime as ort

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip() or "?"
    date = datetime.date.today().isoformat()
    note = "" if supports_num_threads() else \
        " `onnx_mlir.compile` has no `num_threads` yet: ours runs at 1 thread in every row (in parentheses)."
    lines = [f"### Suite, {date}, commit {commit}", "",
             f"Host: {host_description()}. onnxruntime {ort.__version__}, same process, runs alternated, "
             f"medians; ratio = ours / onnxruntime (lower is better).{note} Command: `{command}`.", "",
             HEADER, "|" + "---|" * (HEADER.count("|") - 1)]
    lines += [format_row(r) for r in results]
    lines += [""] + [f"- {g}" for g in geomeans(results)] + [""]
    return "\n".join(lines)


def append_results(text: str, path: Path = ROOT / "benchmarks" / "RESULTS.md") -> None:
    with path.open("a") as f:
        f.write("\n" + text)
