"""The benchmark models as GPU packages (benchmarks/gpu/export_packages.py) and bench_gpu.py's
modes that need no GPU (argument checks, --dry-run on an exported bundle).

Running the benchmark models' packages in Triton's interpreter takes minutes each (ResNet-18 at
32x32 took 40 s, at 224x224 over 10 minutes), so their numerics are left to bench_gpu.py on a GPU
host; the example models' packages are checked against onnxruntime in test_gpu_package.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

pytest.importorskip("triton", reason="the GPU path needs the gpu extra (triton, torch)")
torch = pytest.importorskip("torch", reason="the GPU path needs the gpu extra (triton, torch)")
pytest.importorskip("onnxscript", reason="the dynamo exporter of benchmarks/models needs onnxscript")

from onnx_mlir.compiler import compile_for_gpu  # noqa: E402
from onnx_mlir.errors import CompilationError  # noqa: E402
from onnx_mlir.runtime.artifact import HostLaunch, KernelLaunch  # noqa: E402
from onnx_mlir.runtime.gpu_package.writer import save_package  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from benchmarks.models import export as generators  # noqa: E402

BENCH = ROOT / "benchmarks" / "gpu"


@pytest.mark.parametrize("name", generators.MODEL_NAMES)
def test_benchmark_model_packages_or_names_its_fallbacks(name, tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        artifact = compile_for_gpu(generators.cached_export(name))
    host = [s for s in artifact.steps if isinstance(s, HostLaunch)]
    if host:  # today: BERT and GPT-2 (Gather / LayerNormalization kernels on the CPU)
        with pytest.raises(CompilationError) as error:
            save_package(artifact, tmp_path / "p")
        for step in host:
            assert step.nodes and all(f"'{n}' ({op})" in str(error.value) for n, op in step.nodes)
        return
    package = Path(save_package(artifact, tmp_path / "p", weights_dtype="float16"))
    manifest = json.loads((package / "manifest.json").read_text())
    launches = [s for s in manifest["steps"] if s["op"] == "launch"]
    assert len(launches) == sum(isinstance(s, KernelLaunch) for s in artifact.steps)
    assert len(manifest["buffers"]["sizes"]) < len(manifest["buffers"]["assignment"])


def _run(script: str, *args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(BENCH / script), *args], capture_output=True, text=True,
                          timeout=600, **kw)


def test_export_bundle_then_bench_dry_run(tmp_path):
    bundle = tmp_path / "bundle"
    proc = _run("export_packages.py", "-o", str(bundle), "--models", "mobilenetv2", "gpt2",
                "--batches", "1", "--precisions", "f32")
    assert proc.returncode == 0, proc.stderr[-3000:]
    index = json.loads((bundle / "index.json").read_text())["packages"]
    assert [(e["model"], e["weights_dtype"]) for e in index] == [("mobilenetv2", "float16"), ("gpt2", "float16")]
    assert (bundle / "onnx_mlir" / "version.py").is_file()
    assert (bundle / "onnx_mlir" / "benchmarks" / "gpu" / "bench_gpu.py").is_file()
    assert "within the 64 MiB upload budget" in proc.stderr
    out = tmp_path / "table.md"
    env = dict(os.environ, TRITON_INTERPRET="1")
    proc = subprocess.run([sys.executable, str(bundle / "onnx_mlir" / "benchmarks" / "gpu" / "bench_gpu.py"),
                           "--bundle", str(bundle), "--dry-run", "--out", str(out)],
                          capture_output=True, text=True, timeout=600, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    table = out.read_text()
    assert "GPU: none (dry run on the CPU)" in table
    assert "| mobilenetv2 | 1 | f32 | float16 |" in table and "dry run: checked and loaded" in table
    gpt2 = next(e for e in index if e["model"] == "gpt2")
    if "refused" in gpt2:
        assert "| gpt2 | 1 | f32 | float16 | | | | | | | not packaged: cannot save a GPU package" in table


def test_bench_arguments():
    proc = _run("bench_gpu.py", "--iters", "0")
    assert proc.returncode == 2 and "--iters must be at least 1" in proc.stderr
    proc = _run("bench_gpu.py", "--help")
    assert proc.returncode == 0 and "--dry-run" in proc.stdout


@pytest.mark.skipif(torch.cuda.is_available(), reason="a GPU is present")
def test_bench_without_a_gpu_says_so(tmp_path):
    (tmp_path / "index.json").write_text('{"packages": []}')
    proc = _run("bench_gpu.py", "--bundle", str(tmp_path))
    assert proc.returncode == 1 and "no GPU is available" in proc.stderr
