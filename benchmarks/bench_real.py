"""Third-party models as shipped against onnxruntime: compile time, run time, ratio, max diff.

    benchmarks/models/fetch_third_party.sh /work/real-models
    python benchmarks/bench_real.py /work/real-models                 # 1 thread each
    python benchmarks/bench_real.py /work/real-models --only ppocrv4_rec --threads 2
    python benchmarks/bench_real.py /work/real-models --write-results # append to RESULTS.md

Each model compiles once, without input shapes (its dynamic dims stay dynamic), and runs at the
first feeds of ``benchmarks/models/third_party.py``; ours and onnxruntime alternate (suite.py).
Each model runs in its own process (a fresh compiler, a timeout).
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "RESULTS.md"


def run_one(path: Path, threads: int, budget: float) -> dict:
    import numpy as np
    import onnxruntime as ort

    sys.path.insert(0, str(ROOT))
    import onnx_mlir
    from benchmarks.models import third_party
    from benchmarks.suite import interleaved_medians

    spec = third_party.CASES[path.name][0]
    feeds = third_party.feeds(spec, np.random.default_rng(0))
    start = time.perf_counter()
    compiled = onnx_mlir.compile(str(path), cache=False, num_threads=threads)
    compile_s = time.perf_counter() - start
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.log_severity_level = 3
    session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    ours, theirs = compiled.run(None, feeds), session.run(None, feeds)
    diff = max(float(np.max(np.abs(np.asarray(a, np.float64) - np.asarray(b, np.float64)))) if np.size(a) else 0.0
               for a, b in zip(ours, theirs))
    ours_s, ort_s, runs = interleaved_medians(lambda: compiled.run(None, feeds), lambda: session.run(None, feeds),
                                              1000, budget)
    return {"compile": compile_s, "ours_ms": ours_s * 1e3, "ort_ms": ort_s * 1e3, "diff": diff, "runs": runs,
            "shape": " ".join("x".join(map(str, s)) for s in spec.values() if not isinstance(s, int))}


def table(rows: list[tuple[str, dict]]) -> str:
    lines = ["| model | input | compile s | ours ms | onnxruntime ms | ours/ort | max diff |",
             "|---|---|---|---|---|---|---|"]
    ratios = []
    for name, r in rows:
        if "error" in r:
            lines.append(f"| {name} | | {r['error']} | | | | |")
            continue
        ratios.append(r["ours_ms"] / r["ort_ms"])
        lines.append(f"| {name} | {r['shape']} | {r['compile']:.1f} | {r['ours_ms']:.2f} | {r['ort_ms']:.2f} | "
                     f"{ratios[-1]:.2f} | {r['diff']:.1e} |")
    if ratios:
        geomean = math.exp(sum(math.log(x) for x in ratios) / len(ratios))
        lines.append(f"| **geomean** ({len(ratios)} models) | | | | | **{geomean:.2f}** | |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models_dir", type=Path, help="the folder fetch_third_party.sh filled")
    parser.add_argument("--only", default="", help="comma-separated model names (without .onnx)")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--budget", type=float, default=5.0, help="seconds of timed runs per model")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per model (compile included)")
    parser.add_argument("--write-results", action="store_true")
    parser.add_argument("--case", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.case:
        print(json.dumps(run_one(Path(args.case), args.threads, args.budget)))
        return 0
    sys.path.insert(0, str(ROOT))
    from benchmarks.models import third_party
    from benchmarks.suite import host_description

    wanted = {n + ".onnx" for n in args.only.split(",") if n} or set(third_party.CASES)
    rows = []
    for name in sorted(wanted & set(third_party.CASES)):
        path = args.models_dir / name
        if not path.exists():
            continue
        cmd = [sys.executable, __file__, str(args.models_dir), "--case", str(path), "--threads", str(args.threads),
               "--budget", str(args.budget)]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout)
            result = json.loads(proc.stdout.strip().splitlines()[-1]) if proc.returncode == 0 else \
                {"error": ((proc.stderr.strip().splitlines() or ["?"])[-1])[:90]}
        except subprocess.TimeoutExpired:
            result = {"error": f"over {args.timeout:.0f} s"}
        rows.append((name[:-5], result))
        print(name, result, flush=True)
    text = table(rows)
    print(text)
    if args.write_results:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                                cwd=ROOT).stdout.strip()
        with open(RESULTS, "a") as f:
            f.write(f"\n## Third-party models, {datetime.date.today()} ({commit}; `benchmarks/bench_real.py`, "
                    f"{args.threads} thread{'s' if args.threads > 1 else ''})\n\nHost: {host_description()}. "
                    "Compiled once without input shapes (dynamic dims stay dynamic).\n\n" + text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
