"""Export the benchmark models as GPU packages, and a bundle to upload to a GPU host.

    python benchmarks/gpu/export_packages.py -o build/gpu-bench            # all, batch 1 and 32, f32 and f16
    python benchmarks/gpu/export_packages.py -o out --models resnet18 --batches 1 --precisions f32

The models come from ``benchmarks/models/export.py`` (torch.onnx.export of the seeded generators,
dynamic batch, then specialized to each batch here: the GPU path takes static shapes). ``f32``
packages store their float32 weights as float16 (``--f32-weights``, default ``float16``: half the
upload; converted back to float32 when loaded), ``f16`` packages are the models exported in
float16.  A package whose weights file equals another's (batch 1 and 32 of one model) is a
symlink to it.  Models the GPU path cannot package yet (CPU fallbacks) are listed as refused,
with the reason.

The output directory is the bundle: ``packages/<model>-b<batch>-<precision>/``, ``index.json``
(what was exported, how, what was refused) and ``onnx_mlir/`` (the compiler's source files, which
the packages' compiler version is a digest of, and the benchmark scripts). On the GPU host, with
only torch and Triton installed: ``python onnx_mlir/benchmarks/gpu/bench_gpu.py --bundle .``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.models import export as generators  # noqa: E402

UPLOAD_LIMIT = 64 * 2**20
PRECISIONS = ("f32", "f16")
BENCH_FILES = ("benchmarks/__init__.py", "benchmarks/models/__init__.py", "benchmarks/models/export.py",
               "benchmarks/models/torch_models.py", "benchmarks/gpu/__init__.py",
               "benchmarks/gpu/bench_gpu.py")


def input_shapes(name: str, batch: int) -> dict[str, list[int]]:
    inputs = generators.example_inputs(name, batch)
    return {k: list(v.shape) for k, v in inputs.items()}


def export_package(name: str, batch: int, precision: str, out: Path, f32_weights: str | None,
                   target: str) -> dict:
    """One package; its index entry (``refused`` holds the reason when it cannot be packaged)."""
    import onnx_mlir
    from onnx_mlir.compiler import compile_for_gpu
    from onnx_mlir.importer.input_shapes import specialize_input_shapes
    from onnx_mlir.runtime.gpu_package.writer import save_package
    from onnx_mlir.triton_kernels.common import Target

    half = precision == "f16"
    entry = {"model": name, "batch": batch, "precision": precision, "seq": generators.DEFAULT_SEQ,
             "weights_dtype": None if half else f32_weights}
    onnx_path = generators.cached_export(name, dynamic_batch=True, half=half)
    model = specialize_input_shapes(onnx_path, input_shapes(name, batch))
    package = out / "packages" / f"{name}-b{batch}-{precision}"
    start = time.perf_counter()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # the fallbacks: refused below, named
            artifact = compile_for_gpu(model, target=Target.parse(target))
        save_package(artifact, package, weights_dtype=entry["weights_dtype"])
    except onnx_mlir.CompilationError as exc:
        entry["refused"] = str(exc)
        return entry
    entry["package"] = package.relative_to(out).as_posix()
    entry["export_s"] = round(time.perf_counter() - start, 2)
    return entry


def share_identical_weights(out: Path, entries: list[dict]) -> None:
    """Make each weights file that equals an earlier one a relative symlink to it."""
    seen: dict[str, Path] = {}
    for entry in entries:
        if "package" not in entry:
            continue
        weights = out / entry["package"] / "weights.bin"
        digest = hashlib.sha256(weights.read_bytes()).hexdigest()
        if digest in seen:
            weights.unlink()
            weights.symlink_to(os.path.relpath(seen[digest], weights.parent))
        else:
            seen[digest] = weights


def copy_sources(out: Path) -> None:
    """The compiler's source files (their digest is the packages' compiler version) and the
    benchmark scripts, as ``out/onnx_mlir``."""
    from onnx_mlir.version import source_files

    dest = out / "onnx_mlir"
    if dest.exists():
        shutil.rmtree(dest)
    for rel in [*source_files(ROOT), *map(Path, BENCH_FILES)]:
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / rel, dest / rel)


def bundle_size(out: Path) -> int:
    return sum(p.lstat().st_size for p in out.rglob("*") if p.is_file() or p.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-o", "--output", type=Path, required=True, help="the bundle directory")
    parser.add_argument("--models", nargs="+", default=list(generators.MODEL_NAMES),
                        choices=generators.MODEL_NAMES)
    parser.add_argument("--batches", nargs="+", type=int, default=[1, 32])
    parser.add_argument("--precisions", nargs="+", default=list(PRECISIONS), choices=PRECISIONS)
    parser.add_argument("--f32-weights", default="float16", choices=("float16", "bfloat16", "float32"),
                        help="how f32 packages store their weights (default float16)")
    parser.add_argument("--target", default="cuda:90", help="GPU target the kernels are tuned for")
    args = parser.parse_args(argv)
    out: Path = args.output
    out.mkdir(parents=True, exist_ok=True)
    f32_weights = None if args.f32_weights == "float32" else args.f32_weights
    entries = []
    for name in args.models:
        for precision in args.precisions:
            for batch in args.batches:
                entry = export_package(name, batch, precision, out, f32_weights, args.target)
                state = "refused" if "refused" in entry else f"wrote {entry['package']}"
                print(f"{name} batch {batch} {precision}: {state}", file=sys.stderr)
                entries.append(entry)
    share_identical_weights(out, entries)
    copy_sources(out)
    (out / "index.json").write_text(json.dumps({"packages": entries}, indent=1) + "\n")
    size = bundle_size(out)
    print(f"bundle {out}: {size / 2**20:.1f} MiB "
          f"({'within' if size <= UPLOAD_LIMIT else 'OVER'} the 64 MiB upload budget)", file=sys.stderr)
    for entry in entries:
        if "refused" in entry:
            print(f"refused {entry['model']} batch {entry['batch']} {entry['precision']}: "
                  f"{entry['refused'].splitlines()[0]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
