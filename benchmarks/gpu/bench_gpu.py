"""Time GPU packages against PyTorch eager and torch.compile, on a GPU host with only torch and
Triton (the packages and this script come from ``export_packages.py``'s bundle).

    python onnx_mlir/benchmarks/gpu/bench_gpu.py --bundle .            # in the bundle directory
    python benchmarks/gpu/bench_gpu.py --bundle build/gpu-bench --out results.md
    python benchmarks/gpu/bench_gpu.py --bundle DIR --dry-run           # no GPU: checks, no timing

For each package (model, batch, precision): our package (CUDA graph replay), PyTorch eager, and
``torch.compile`` in the default and ``reduce-overhead`` modes, on the same seeded generator
(``benchmarks/models``) in the same precision and the same inputs; the outputs are compared with
eager's (max error relative to the largest reference value).  Each timing is the median of
``--iters`` runs after ``--warmup`` runs, synchronized.  ``torch.compile`` columns are skipped
(marked) once ``--budget`` seconds are spent, so the whole run stays under it.  Writes a
markdown table with the GPU's name (``--out``, also printed).

``--dry-run``: without a GPU. Reads the index, loads every package's manifest, kernels and
weights (all checks of ``onnx_mlir.load``, no kernel runs), builds and runs each PyTorch model
once on the CPU, and writes the table with nothing timed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve()
ROOT = HERE.parents[2]  # the repository root, or the bundle's onnx_mlir/


def _make_importable() -> None:
    """``onnx_mlir`` and ``benchmarks`` importable from a checkout or a bundle, uninstalled."""
    import importlib.util

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))  # benchmarks.models
    try:
        import onnx_mlir  # noqa: F401 - installed, or the bundle's parent is on the path
        return
    except ImportError:
        pass
    spec = importlib.util.spec_from_file_location("onnx_mlir", ROOT / "__init__.py",
                                                  submodule_search_locations=[str(ROOT)])
    module = importlib.util.module_from_spec(spec)
    sys.modules["onnx_mlir"] = module
    spec.loader.exec_module(module)


TOLERANCE = {"f32": 1e-3, "f16": 3e-2}  # of the largest reference value
WEIGHTS_TOLERANCE = 3e-2  # f32 compute, weights stored in 16 bits


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bundle", type=Path, default=Path("."), help="the export_packages.py output")
    parser.add_argument("--models", nargs="*", help="only these models")
    parser.add_argument("--batches", nargs="*", type=int, help="only these batch sizes")
    parser.add_argument("--precisions", nargs="*", choices=("f32", "f16"), help="only these precisions")
    parser.add_argument("--iters", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--budget", type=float, default=420.0,
                        help="seconds after which torch.compile columns are skipped (default 420)")
    parser.add_argument("--no-compile", action="store_true", help="skip the torch.compile columns")
    parser.add_argument("--no-cuda-graph", action="store_true", help="launch our kernels one by one")
    parser.add_argument("--out", type=Path, help="write the markdown table here too")
    parser.add_argument("--dry-run", action="store_true", help="no GPU: check and load, time nothing")
    args = parser.parse_args(argv)
    if args.iters < 1 or args.warmup < 0:
        parser.error("--iters must be at least 1 and --warmup at least 0")
    return args


def selected(index: dict, args: argparse.Namespace) -> list[dict]:
    keep = []
    for entry in index["packages"]:
        if args.models and entry["model"] not in args.models:
            continue
        if args.batches and entry["batch"] not in args.batches:
            continue
        if args.precisions and entry["precision"] not in args.precisions:
            continue
        keep.append(entry)
    return keep


def torch_reference(entry: dict, device: str):
    """The PyTorch model and its inputs (torch tensors on ``device``) for an index entry."""
    import torch

    from benchmarks.models import export as generators

    module = generators.build_module(entry["model"]).to(device)
    feeds = generators.example_inputs(entry["model"], entry["batch"], entry["seq"])
    tensors = {k: torch.from_numpy(v).to(device) for k, v in feeds.items()}
    if entry["precision"] == "f16":
        module = module.half()
        tensors = {k: v.half() if v.is_floating_point() else v for k, v in tensors.items()}
    return module, tensors


def as_list(result) -> list:
    return list(result) if isinstance(result, (tuple, list)) else [result]


def relative_error(ours: list, reference: list) -> float:
    worst = 0.0
    for a, b in zip(ours, reference, strict=True):
        a, b = a.float(), b.float()
        scale = max(float(b.abs().max()), 1e-6)
        worst = max(worst, float((a - b).abs().max()) / scale)
    return worst


def median_ms(fn, warmup: int, iters: int, sync) -> float:
    for _ in range(warmup):
        fn()
    sync()
    times = []
    for _ in range(iters):
        start = time.perf_counter()
        fn()
        sync()
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


def bench_entry(entry: dict, args: argparse.Namespace, deadline: float) -> dict:
    import torch

    import onnx_mlir

    row = {"model": entry["model"], "batch": entry["batch"], "precision": entry["precision"],
           "weights": entry.get("weights_dtype") or entry["precision"]}
    if "refused" in entry:
        row["note"] = "not packaged: " + entry["refused"].splitlines()[0]
        return row
    package = args.bundle / entry["package"]
    device = "cpu" if args.dry_run else "cuda"
    if args.dry_run:
        from onnx_mlir.runtime.gpu_package.loader import read_kernels, read_manifest
        from onnx_mlir.runtime.gpu_package.weights import read_weights

        manifest = read_manifest(package)
        read_kernels(package, manifest)
        read_weights(str(package / "weights.bin"), manifest.weights_size, manifest.weights_sha256)
        row["kernels"] = sum(1 for s in manifest.steps if hasattr(s, "function"))
    module, feeds = torch_reference(entry, device)
    with torch.inference_mode():
        reference = as_list(module(*feeds.values()))
    if args.dry_run:
        row["note"] = "dry run: checked and loaded, nothing timed"
        return row
    sync = torch.cuda.synchronize
    ours = onnx_mlir.load(package, cuda_graph=not args.no_cuda_graph)
    got = ours.run(None, feeds)
    row["max_rel_err"] = relative_error(got, reference)
    tolerance = TOLERANCE[entry["precision"]] if entry.get("weights_dtype") is None else WEIGHTS_TOLERANCE
    row["outputs_ok"] = row["max_rel_err"] <= tolerance
    with torch.inference_mode():
        row["ours_ms"] = median_ms(lambda: ours.run(None, feeds), args.warmup, args.iters, sync)
        row["eager_ms"] = median_ms(lambda: module(*feeds.values()), args.warmup, args.iters, sync)
        for mode, key in ((None, "compile_ms"), ("reduce-overhead", "compile_ro_ms")):
            if args.no_compile or time.monotonic() > deadline:
                row[key] = None
                continue
            compiled = torch.compile(module, mode=mode)
            compiled(*feeds.values())  # compiles
            row[key] = median_ms(lambda: compiled(*feeds.values()), args.warmup, args.iters, sync)
            torch._dynamo.reset()
    return row


def _ms(value) -> str:
    return "skipped" if value is None else f"{value:.3f}"


def markdown(rows: list[dict], header: str) -> str:
    lines = [header, "",
             "| model | batch | precision | weights | ours ms | eager ms | compile ms | compile reduce-overhead ms "
             "| eager / ours | max rel err | note |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        if "ours_ms" not in r:
            lines.append(f"| {r['model']} | {r['batch']} | {r['precision']} | {r['weights']} | | | | | | | "
                         f"{r.get('note', '')} |")
            continue
        speedup = r["eager_ms"] / r["ours_ms"]
        note = "" if r["outputs_ok"] else "OUTPUTS DIFFER"
        lines.append(f"| {r['model']} | {r['batch']} | {r['precision']} | {r['weights']} | {_ms(r['ours_ms'])} | "
                     f"{_ms(r['eager_ms'])} | {_ms(r.get('compile_ms'))} | {_ms(r.get('compile_ro_ms'))} | "
                     f"{speedup:.2f}x | {r['max_rel_err']:.1e} | {note} |")
    return "\n".join(lines) + "\n"


def describe_host(args: argparse.Namespace) -> str:
    import torch
    import triton

    gpu = "none (dry run on the CPU)" if args.dry_run else torch.cuda.get_device_name()
    graphs = "off" if args.no_cuda_graph else "on"
    return (f"GPU: {gpu}; torch {torch.__version__}, triton {triton.__version__}; ours: CUDA graph "
            f"{graphs}; median of {args.iters} runs after {args.warmup} warm-up runs")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    _make_importable()
    import torch

    if not args.dry_run and not torch.cuda.is_available():
        print("bench_gpu: no GPU is available (use --dry-run to check the bundle on a CPU host)",
              file=sys.stderr)
        return 1
    index = json.loads((args.bundle / "index.json").read_text())
    deadline = time.monotonic() + args.budget
    rows = []
    for entry in selected(index, args):
        rows.append(bench_entry(entry, args, deadline))
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    text = markdown(rows, describe_host(args))
    print(text)
    if args.out:
        args.out.write_text(text)
    bad = [r for r in rows if r.get("outputs_ok") is False]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
