"""``python -m onnx_mlir.tools.fuzz``: run the model and onnx-mlir-opt fuzzers (``make fuzz``).

    python -m onnx_mlir.tools.fuzz --cases 1000 --seed 0 --jobs 2 --timeout 30 --out fuzz-out
    python -m onnx_mlir.tools.fuzz --target opt --cases 500
    python -m onnx_mlir.tools.fuzz --replay fuzz-out/models/untyped-exception/case-17.json

Prints a table of outcome counts per target, writes a reproducer for each bad case under
``--out`` and exits 1 when any case aborted, segfaulted, crashed, hung, raised an untyped
exception or gave a wrong result.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from ...limits import MAX_TENSOR_BYTES_ENV
from .campaign import WORKER_MAX_TENSOR_BYTES, Config, run_campaign, save_summary
from .report import table, write_reproducer


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m onnx_mlir.tools.fuzz", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--target", choices=("models", "opt", "all"), default="all",
                        help="what to fuzz: mutated ONNX models, onnx-mlir-opt inputs, or both")
    parser.add_argument("--cases", type=int, default=200, help="cases per target")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=2, help="worker processes")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per case (hang)")
    parser.add_argument("--out", type=Path, default=Path("fuzz-out"),
                        help="reproducers, worker logs and summaries go here")
    parser.add_argument("--opt-level", type=int, default=2, help="JIT optimization level")
    parser.add_argument("--memory-limit", type=int, default=8 << 30,
                        help="address-space limit of a worker, bytes (0: none)")
    parser.add_argument("--replay", type=Path, help="rerun one reproducer (.json) in this process")
    return parser


def replay(path: Path) -> int:
    """Rerun a reproducer here (no worker): the traceback or crash shows up directly."""
    info = json.loads(path.read_text())
    data = (path.parent / info["input"]).read_bytes()
    workdir = path.parent / f"replay-{info['case']}"
    payload = {"index": info["case"], "data": data, "workdir": str(workdir),
               "flags": info.get("flags") or [], "files": {},
               "dim_values": info.get("dim_values") or {}, "opt_level": info.get("opt_level") or 2}
    os.environ.setdefault(MAX_TENSOR_BYTES_ENV, str(info.get("max_tensor_bytes", WORKER_MAX_TENSOR_BYTES)))
    files = path.parent / f"case-{info['case']}.files"
    if files.is_dir():
        payload["files"] = {p.name: p.read_bytes() for p in files.iterdir()}
    if info["target"] == "models":
        from .model_case import run_case
    else:
        from .opt_case import run_case
    result = run_case(payload, lambda kind, value: print(f"[{kind}] {value}", file=sys.stderr))
    print(f"{result['outcome']}: {result['signature']}\n{result['message']}")
    return 0


def _progress(target: str, total: int):
    """A callback printing a line to stderr every 5% of the cases (at least 50)."""
    step, seen = max(50, total // 20), {"done": 0, "bad": 0}

    def report(case, result) -> None:
        seen["done"] += 1
        seen["bad"] += result.outcome.is_bad
        if seen["done"] % step == 0 or seen["done"] == total:
            print(f"fuzz {target}: {seen['done']}/{total} cases, {seen['bad']} bad",
                  file=sys.stderr, flush=True)

    return report


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.replay:
        return replay(args.replay)
    config = Config(cases=args.cases, seed=args.seed, jobs=args.jobs, timeout=args.timeout,
                    out=args.out, opt_level=args.opt_level, memory_limit=args.memory_limit)
    targets = ("models", "opt") if args.target == "all" else (args.target,)
    any_bad = False
    for target in targets:
        campaign = run_campaign(target, config, on_result=_progress(target, config.cases))
        for case, result in campaign.bad:
            write_reproducer(campaign, case, result)
        save_summary(campaign)
        print(table(campaign), flush=True)
        any_bad = any_bad or bool(campaign.bad)
    return 1 if any_bad else 0


if __name__ == "__main__":
    sys.exit(main())
