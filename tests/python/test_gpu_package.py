"""GPU packages (runtime/gpu_package): export, load without MLIR or ONNX, numerics, refusals.

Packages are written here (no GPU needed to compile); they are loaded in a separate process
under ``TRITON_INTERPRET=1`` with ``mlir``, ``onnx``, ``onnxruntime`` and ``ml_dtypes`` blocked
from import (gpu_package_runner.py) and compared with onnxruntime.  The CUDA-graph runner's
buffer handling runs there too, with a stand-in for ``torch.cuda.CUDAGraph``; the real capture
needs a GPU (tests/python/test_gpu_device.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import re
from pathlib import Path

import numpy as np
import onnx
import pytest
from onnx import numpy_helper

pytest.importorskip("triton", reason="the GPU path needs the gpu extra (triton, torch)")
pytest.importorskip("torch", reason="the GPU path needs the gpu extra (triton, torch)")

import onnx_mlir  # noqa: E402
from onnx_mlir.compiler import compile_for_gpu  # noqa: E402
from onnx_mlir.errors import CompilationError, InputError  # noqa: E402
from onnx_mlir.runtime.artifact import TensorInfo  # noqa: E402
from onnx_mlir.runtime.gpu_package.buffer_plan import StepUse, plan_buffers  # noqa: E402
from onnx_mlir.runtime.gpu_package.cuda_graph import use_cuda_graph  # noqa: E402
from onnx_mlir.runtime.feeds import check_feeds, onnx_type  # noqa: E402
from onnx_mlir.runtime.gpu_package.format import PackageError, PackageVersionError  # noqa: E402
from onnx_mlir.runtime.gpu_package.weights import MIN_CONVERTED_ELEMENTS, stored_form  # noqa: E402
from onnx_mlir.runtime.gpu_package.writer import save_package  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "examples"))
from models import MODELS, random_inputs  # noqa: E402
from numerics import run_onnxruntime  # noqa: E402

# ArgMax (a reduction with two results) still runs on the CPU on the GPU path.
ARGMAX = """<
  ir_version: 8,
  opset_import: ["" : 17]
>
amax (float[2, 3] a) => (int64[2, 1] y)
{
  y = ArgMax <axis = 1> (a)
}
"""


def export(model, directory: Path, weights_dtype: str | None = None) -> Path:
    return Path(save_package(compile_for_gpu(model), directory, weights_dtype=weights_dtype))


def with_rounded_weights(model: onnx.ModelProto) -> onnx.ModelProto:
    """``model`` with the initializers a float16 package converts rounded to float16 and back."""
    m = onnx.ModelProto()
    m.CopyFrom(model)
    for init in m.graph.initializer:
        a = numpy_helper.to_array(init)
        if a.dtype == np.float32 and a.size >= MIN_CONVERTED_ELEMENTS:
            init.CopyFrom(numpy_helper.from_array(a.astype(np.float16).astype(np.float32), init.name))
    return m


def run_in_clean_process(cases: list[dict], tmp: Path) -> dict[str, dict]:
    spec = tmp / "cases.json"
    spec.write_text(json.dumps(cases))
    env = dict(os.environ, TRITON_INTERPRET="1", OMP_NUM_THREADS="1",
               ONNX_MLIR_TRITON_CACHE=str(tmp / "triton-cache"))
    proc = subprocess.run([sys.executable, str(HERE / "gpu_package_runner.py"), str(spec)],
                          capture_output=True, text=True, env=env, timeout=900)
    lines = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    assert lines, f"no results (exit {proc.returncode}):\n{proc.stderr[-3000:]}"
    results = {r["name"]: r for r in lines if "name" in r}
    results["__modules__"] = lines[-1]
    return results


def case(name: str, model, tmp: Path, mode: str = "numpy", weights_dtype: str | None = None,
         reference=None, rtol=1e-4, atol=1e-5) -> dict:
    feeds = random_inputs(model)
    want = run_onnxruntime(reference or model, feeds)
    package = export(model, tmp / f"{name}.gpu", weights_dtype)
    np.savez(tmp / f"{name}-feeds.npz", **feeds)
    np.savez(tmp / f"{name}-expected.npz", **{str(i): w for i, w in enumerate(want)})
    return {"name": name, "package": str(package), "feeds": str(tmp / f"{name}-feeds.npz"),
            "expected": str(tmp / f"{name}-expected.npz"), "mode": mode, "rtol": rtol, "atol": atol}


def runs_case(name: str, model, tmp: Path, feed_sets: list[dict], rtol=1e-4, atol=1e-5) -> dict:
    """A case that runs one loaded package on several feed sets (a dynamic batch)."""
    package = export(model, tmp / f"{name}.gpu")
    runs = []
    for i, feeds in enumerate(feed_sets):
        np.savez(tmp / f"{name}-feeds{i}.npz", **feeds)
        want = run_onnxruntime(model, feeds)
        np.savez(tmp / f"{name}-expected{i}.npz", **{str(k): w for k, w in enumerate(want)})
        runs.append({"feeds": str(tmp / f"{name}-feeds{i}.npz"), "expected": str(tmp / f"{name}-expected{i}.npz")})
    return {"name": name, "package": str(package), "runs": runs, "rtol": rtol, "atol": atol}


def batches(name: str, shape, sizes=(1, 3), seed=1) -> list[dict]:
    """Feeds for input ``name`` of ``shape`` (batch first) at each batch size."""
    rng = np.random.default_rng(seed)
    return [{name: rng.standard_normal((b,) + tuple(shape)).astype(np.float32)} for b in sizes]


# A Reshape to a shape fed at run time: the plan reads the target back per run ("elem" sizes).
RESHAPE_TO_FED_SHAPE = """<
  ir_version: 8,
  opset_import: ["" : 17]
>
reshape_fed (float[4, 6] x, int64[2] shape) => (float[?, ?] z)
{
  r = Relu (x)
  y = Reshape (r, shape)
  z = Add (y, y)
}
"""

DYNAMIC = {"mlp_dynamic_batch": (lambda: MODELS["mlp"](batch="N"), "x", (64,)),
           "lenet5_dynamic_batch": (lambda: MODELS["lenet5"](batch="N"), "image", (1, 28, 28))}


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> dict[str, dict]:
    tmp = tmp_path_factory.mktemp("packages")
    lenet = MODELS["lenet5"]()
    cases = [case("mlp", MODELS["mlp"](), tmp), case("lenet5", lenet, tmp),
             case("residual_block", MODELS["residual_block"](), tmp),
             case("lenet5_torch", lenet, tmp, mode="torch"),
             case("mlp_graph", MODELS["mlp"](), tmp, mode="graph"),
             case("residual_block_graph", MODELS["residual_block"](), tmp, mode="graph"),
             case("lenet5_f16_weights", lenet, tmp, weights_dtype="float16",
                  reference=with_rounded_weights(lenet))]
    cases += [runs_case(name, build(), tmp, batches(x, shape)) for name, (build, x, shape) in DYNAMIC.items()]
    x = np.random.default_rng(2).standard_normal((4, 6)).astype(np.float32)
    cases.append(runs_case("reshape_to_fed_shape", onnx.parser.parse_model(RESHAPE_TO_FED_SHAPE), tmp,
                           [{"x": x, "shape": np.array(s, np.int64)} for s in ([3, 8], [2, 12])]))
    return run_in_clean_process(cases, tmp)


@pytest.mark.parametrize("name", ["mlp", "lenet5", "residual_block", "lenet5_torch", "mlp_graph",
                                  "residual_block_graph", "lenet5_f16_weights"])
def test_package_matches_onnxruntime_without_mlir(loaded, name):
    result = loaded[name]
    assert result["ok"], result.get("trace", result)


@pytest.mark.parametrize("name", sorted(DYNAMIC))
def test_dynamic_batch_package_runs_at_several_batch_sizes(loaded, name):
    result = loaded[name]
    assert result["ok"], result.get("trace", result)
    assert [shapes[0][0] for shapes in result["shapes"]] == [1, 3, 1]  # 1, 3, then 1 on grown buffers
    assert not result["static"] and not result["cuda_graph"]


def test_package_reshapes_to_a_shape_fed_at_run_time(loaded):
    result = loaded["reshape_to_fed_shape"]
    assert result["ok"], result.get("trace", result)
    assert result["shapes"] == [[[3, 8]], [[2, 12]], [[3, 8]]] and not result["static"]


def test_dynamic_manifest_holds_the_size_expressions(tmp_path):
    from onnx_mlir.runtime.gpu_package.loader import read_manifest

    artifact = compile_for_gpu(MODELS["mlp"](batch="N"))
    package = save_package(artifact, tmp_path / "mlp.gpu")
    data = json.loads(Path(package, "manifest.json").read_text())
    assert data["inputs"] == [{"name": "x", "dtype": "float32", "shape": ["N", 64]}]
    values = {v["slot"]: v["shape"] for v in data["values"]}
    assert values[data["slots"]["inputs"][0]] == [None, 64]
    manifest = read_manifest(package)
    assert not manifest.is_static
    sized = [s for s in manifest.steps if getattr(s, "size_args", ())]
    launches = [s for s in artifact.steps if getattr(s, "size_args", ())]
    assert sized and len(sized) == len(launches)
    for got, want in zip(sized, launches):  # read back from JSON as the compiler's tuples
        assert got.size_args == tuple(want.size_args) and got.grid_exprs == tuple(want.grid_exprs)
        assert got.output_shapes == tuple(tuple(s) for s in want.output_shapes)


def test_package_load_imported_neither_mlir_nor_onnx(loaded):
    assert loaded["__modules__"] == {"blocked_modules_loaded": []}


def test_import_onnx_mlir_and_the_loader_import_no_mlir():
    code = ("import sys, onnx_mlir, onnx_mlir.runtime.gpu_package.loader, onnx_mlir.runtime.gpu_package.writer;"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('mlir', 'onnx', 'onnxruntime')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# ---- what a package holds

def test_package_files_and_manifest(tmp_path):
    package = export(MODELS["lenet5"](), tmp_path / "lenet.gpu")
    assert sorted(p.name for p in package.iterdir()) == ["kernels.py", "manifest.json", "weights.bin"]
    manifest = json.loads((package / "manifest.json").read_text())
    assert manifest["format"] == "onnx-mlir-gpu-package" and manifest["format_version"] == 2
    from onnx_mlir.version import compiler_version

    assert manifest["compiler_version"] == compiler_version()
    assert manifest["target"] == "cuda:90"
    assert manifest["inputs"] == [{"name": "image", "dtype": "float32", "shape": [1, 1, 28, 28]}]
    launches = [s for s in manifest["steps"] if s["op"] == "launch"]
    assert len(launches) == 7 and all(s["grid"] and s["num_warps"] for s in launches)
    # liveness: the intermediates share buffers (fewer buffers than intermediate values)
    assignment = dict(map(tuple, manifest["buffers"]["assignment"]))
    assert len(manifest["buffers"]["sizes"]) < len(assignment)
    assert not set(assignment) & set(manifest["slots"]["outputs"])


def test_float16_weights_halve_the_file_and_keep_small_constants(tmp_path):
    model = MODELS["lenet5"]()
    full = export(model, tmp_path / "f32.gpu")
    half = export(model, tmp_path / "f16.gpu", weights_dtype="float16")
    assert (half / "weights.bin").stat().st_size < 0.6 * (full / "weights.bin").stat().st_size
    constants = json.loads((half / "manifest.json").read_text())["constants"]
    for c in constants:
        big = np.prod(c["shape"]) >= MIN_CONVERTED_ELEMENTS
        assert c["stored_dtype"] == ("float16" if big else "float32") and c["dtype"] == "float32"


def test_stored_form_keeps_values_float16_cannot_hold():
    big = np.full(MIN_CONVERTED_ELEMENTS, 1e5, np.float32)
    masked = np.zeros(MIN_CONVERTED_ELEMENTS, np.float32)
    masked[0] = -np.inf
    assert stored_form(big, "float16").dtype == np.float32
    assert stored_form(masked, "float16").dtype == np.float32
    assert stored_form(big, "bfloat16").dtype.name == "bfloat16"
    assert stored_form(np.ones(MIN_CONVERTED_ELEMENTS, np.int64), "float16").dtype == np.int64


def test_save_through_compile_and_the_api(tmp_path):
    model = onnx_mlir.compile(MODELS["mlp"](), target="gpu", gpu_target="cuda:90")
    path = model.save(str(tmp_path / "mlp.gpu"), weights_dtype="bfloat16")
    assert json.loads(Path(path, "manifest.json").read_text())["weights"]["converted_to"] == "bfloat16"
    with pytest.raises(ValueError, match="weights_dtype"):
        model.save(str(tmp_path / "x.gpu"), weights_dtype="int8")


def test_save_refuses_cpu_fallbacks_naming_the_onnx_nodes(tmp_path):
    with pytest.warns(RuntimeWarning, match="runs on the CPU"):
        artifact = compile_for_gpu(ARGMAX)
    with pytest.raises(CompilationError, match=r"ONNX nodes: 'y' \(ArgMax\)"):
        save_package(artifact, tmp_path / "cat.gpu")
    assert not (tmp_path / "cat.gpu").exists()


def test_save_does_not_overwrite_other_directories(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "keep.txt").write_text("x")
    with pytest.raises(PackageError, match="not a GPU package"):
        export(MODELS["mlp"](), tmp_path / "data")
    export(MODELS["mlp"](), tmp_path / "pkg")
    export(MODELS["mlp"](), tmp_path / "pkg")  # a package is replaced


# ---- what loading refuses (before any device is needed)

@pytest.mark.parametrize("key, value, match", [
    ("compiler_version", "0.0.1+src.0000000000000000", "written by onnx-mlir '0.0.1"),
    ("format_version", 99, "format version 99"),
])
def test_version_mismatch_is_a_typed_error(tmp_path, key, value, match):
    package = export(MODELS["mlp"](), tmp_path / "mlp.gpu")
    manifest = json.loads((package / "manifest.json").read_text())
    manifest[key] = value
    (package / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(PackageVersionError, match=match):
        onnx_mlir.load(package)


def test_modified_kernels_are_refused(tmp_path):
    package = export(MODELS["mlp"](), tmp_path / "mlp.gpu")
    kernels = package / "kernels.py"
    kernels.write_text(kernels.read_text() + "\nimport os\n")
    with pytest.raises(PackageError, match="SHA-256"):
        onnx_mlir.load(package)
    manifest = json.loads((package / "manifest.json").read_text())
    import hashlib

    manifest["kernels"]["sha256"] = hashlib.sha256(kernels.read_bytes()).hexdigest()
    (package / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(PackageError, match="not generated kernel code"):
        onnx_mlir.load(package)


def test_load_dispatches_on_directories(tmp_path):
    with pytest.raises(PackageError, match="no manifest.json"):
        onnx_mlir.load(tmp_path)
    with pytest.raises(TypeError, match="GPU packages"):
        onnx_mlir.load(tmp_path / "model.so", cuda_graph=True)


def test_release_matches_pyproject():
    from onnx_mlir.version import RELEASE

    version = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text(), re.M).group(1)
    assert version == RELEASE


# ---- feeds

INPUTS = (TensorInfo("ids", ("batch", 4), np.dtype(np.int64)),
          TensorInfo("mask", ("batch", 4), np.dtype(np.float32)))


@pytest.mark.parametrize("feeds, match", [
    ({"ids": np.zeros((2, 4), np.int32), "mask": np.zeros((2, 4), np.float32)},
     r"input 'ids': expected element type tensor\(int64\)"),
    ({"ids": np.zeros((2, 4, 1), np.int64), "mask": np.zeros((2, 4), np.float32)}, "input 'ids': expected rank 2"),
    ({"ids": np.zeros((2, 5), np.int64), "mask": np.zeros((2, 4), np.float32)}, "input 'ids': axis 1 has size 5"),
    ({"ids": np.zeros((2, 4), np.int64), "mask": np.zeros((3, 4), np.float32)}, r"input 'mask': axis 0 \('batch'\)"),
    ({"ids": np.zeros((2, 4), np.int64)}, r"missing input\(s\) \['mask'\]"),
    ({"ids": 1, "mask": 2, "x": 3}, r"unknown input name\(s\) \['x'\]"),
])
def test_feeds_are_checked_like_the_cpu_runtime(feeds, match):
    with pytest.raises(InputError, match=match):
        check_feeds(INPUTS, feeds)


def test_type_names_are_onnxruntime_s():
    from onnx_mlir.dialects.onnx_types import ELEMENT_TYPES, ort_type

    for element in ELEMENT_TYPES:
        if element.numpy is not None:
            assert onnx_type(element.numpy) == ort_type(element.dtype)


def test_torch_feeds_are_checked_too():
    import torch

    check_feeds(INPUTS, {"ids": torch.zeros(2, 4, dtype=torch.int64), "mask": torch.zeros(2, 4)})
    with pytest.raises(InputError, match=r"input 'mask': expected element type tensor\(float\) \(float32\), got float16"):
        check_feeds(INPUTS, {"ids": torch.zeros(2, 4, dtype=torch.int64), "mask": torch.zeros(2, 4).half()})


# ---- buffer planning and the capture decision (no device)

def test_buffers_are_reused_once_their_values_are_dead():
    # 0 -> k(1) -> k(2) -> k(3) -> output 4; each intermediate dead after its consumer
    steps = [StepUse((0,), (1,)), StepUse((1,), (2,)), StepUse((2,), (3,)), StepUse((3,), (4,))]
    plan = plan_buffers(steps, {1: 100, 2: 100, 3: 80, 4: 100}, pinned=[4])
    assert plan.assignment[1] != plan.assignment[2]  # read and written by the same step
    assert plan.assignment[3] == plan.assignment[1]  # 1 is dead once step 1 ran
    assert 4 not in plan.assignment and len(plan.sizes) == 2


def test_views_keep_their_buffer_alive_and_pinned_values_are_not_planned():
    steps = [StepUse((0,), (1,)), StepUse((1,), (2,), alias_of=1), StepUse((0,), (3,)),
             StepUse((2,), (4,)), StepUse((4,), (5,), alias_of=4)]
    plan = plan_buffers(steps, {1: 64, 3: 64, 4: 64}, pinned=[5])
    assert plan.assignment[2] == plan.assignment[1]  # the view shares its source's buffer
    assert plan.assignment[3] != plan.assignment[1]  # 1 is still read (through 2) at step 3
    assert 4 not in plan.assignment and 5 not in plan.assignment  # the output and its source


def test_a_buffer_grows_to_its_largest_value():
    steps = [StepUse((0,), (1,)), StepUse((1,), (2,)), StepUse((2,), (3,)), StepUse((3,), (9,))]
    plan = plan_buffers(steps, {1: 10, 2: 10, 3: 50, 9: 1}, pinned=[9])
    assert plan.assignment[3] == plan.assignment[1] and plan.sizes[plan.assignment[3]] == 50


@pytest.mark.parametrize("requested, device, static, expected", [
    (None, "cuda", True, True), (None, "cuda:1", True, True), (None, "cpu", True, False),
    (None, "cuda", False, False), (False, "cuda", True, False), (True, "cuda", True, True),
])
def test_cuda_graph_decision(requested, device, static, expected):
    assert use_cuda_graph(requested, device, static) is expected


def test_cuda_graph_requested_where_impossible_is_an_error():
    with pytest.raises(PackageError, match="cuda_graph=True needs a CUDA device"):
        use_cuda_graph(True, "cpu", True)


# ---- the command line

def test_cli_emit_gpu_package(tmp_path, capsys):
    from onnx_mlir.tools.onnx_mlir_driver import main

    model = tmp_path / "lenet.onnx"
    onnx.save(MODELS["lenet5"](), model)
    assert main([str(model), "--EmitGpuPackage", "--gpu-weights-dtype", "float16"]) == 0
    manifest = json.loads((tmp_path / "lenet.gpu" / "manifest.json").read_text())
    assert manifest["weights"]["converted_to"] == "float16"
    concat = tmp_path / "cat.onnxtxt"
    concat.write_text(ARGMAX)
    with pytest.warns(RuntimeWarning):
        assert main([str(concat), "--EmitGpuPackage", "-o", str(tmp_path / "cat.gpu")]) == 1
    err = capsys.readouterr().err
    assert "cannot save a GPU package" in err and "'y' (ArgMax)" in err and "Traceback" not in err


def test_compile_check_compiles_every_launch_for_sm90(tmp_path):
    """The pinned Triton (make check-old-triton runs the same check under Triton 3.4); the
    dynamic-batch package's kernels take their sizes as 32-bit arguments."""
    package = export(MODELS["mlp"](), tmp_path / "mlp.gpu")
    dynamic = export(MODELS["mlp"](batch="N"), tmp_path / "mlp-dynamic.gpu")
    env = {k: v for k, v in os.environ.items() if k != "TRITON_INTERPRET"}
    env["ONNX_MLIR_TRITON_CACHE"] = str(tmp_path / "cache")
    proc = subprocess.run([sys.executable, "-m", "onnx_mlir.runtime.gpu_package.compile_check", str(package),
                           str(dynamic), "--target", "cuda:90"], capture_output=True, text=True, env=env,
                          timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr[-2000:]
    assert proc.stdout.count("ok   ") == 6 and "0 failure(s); 6 kernels of 2 package(s)" in proc.stdout
