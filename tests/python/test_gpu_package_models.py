"""GPU packages of the benchmark model families match onnxruntime, loaded without MLIR or ONNX.

Small configurations of ResNet-18, MobileNetV2, BERT and GPT-2 (``gpu_model_cases.export_small``)
are compiled for the GPU and saved as packages here; a separate process with ``mlir``, ``onnx``,
``onnxruntime`` and ``ml_dtypes`` blocked from import loads them under ``TRITON_INTERPRET=1``
(``gpu_package_runner.py``, as test_gpu_package.py) and compares with the outputs onnxruntime
computed here.  The dynamic-batch BERT and GPT-2 packages run at batch 1, 3 and 1 again.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("triton", reason="the GPU path needs the gpu extra (triton, torch)")
pytest.importorskip("torch", reason="the GPU path needs the gpu extra (triton, torch)")
pytest.importorskip("onnxscript", reason="exporting the benchmark models needs torch.onnx's dynamo exporter")

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gpu_model_cases import _batched, export_small  # noqa: E402
from numerics import run_onnxruntime  # noqa: E402
from test_gpu_package import run_in_clean_process  # noqa: E402

from onnx_mlir.compiler import compile_for_gpu  # noqa: E402
from onnx_mlir.runtime.gpu_package.writer import save_package  # noqa: E402

STATIC = ("resnet18", "mobilenetv2", "bert", "gpt2")
DYNAMIC = ("bert", "gpt2")  # (MobileNetV2's dynamic batch: in test_gpu_models.py, on the in-memory model)


def package_case(name: str, dynamic: bool, tmp: Path) -> dict:
    import onnx

    path, inputs = export_small(name, dynamic_batch=dynamic)
    case_name = f"{name}_dynamic_batch" if dynamic else name
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        package = save_package(compile_for_gpu(str(path)), tmp / f"{case_name}.gpu")
    model = onnx.load(str(path))
    runs = []
    for i, batch in enumerate((1, 3) if dynamic else (1,)):
        feeds = _batched(inputs, batch)
        np.savez(tmp / f"{case_name}-feeds{i}.npz", **feeds)
        np.savez(tmp / f"{case_name}-expected{i}.npz",
                 **{str(k): w for k, w in enumerate(run_onnxruntime(model, feeds))})
        runs.append({"feeds": str(tmp / f"{case_name}-feeds{i}.npz"),
                     "expected": str(tmp / f"{case_name}-expected{i}.npz")})
    return {"name": case_name, "package": str(package), "runs": runs, "rtol": 1e-3, "atol": 1e-4}


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> dict[str, dict]:
    tmp = tmp_path_factory.mktemp("model-packages")
    cases = [package_case(n, False, tmp) for n in STATIC] + [package_case(n, True, tmp) for n in DYNAMIC]
    return run_in_clean_process(cases, tmp)


@pytest.mark.parametrize("name", STATIC)
def test_static_package_matches_onnxruntime(loaded, name):
    result = loaded[name]
    assert result["ok"], result.get("trace", result)
    assert result["static"]


@pytest.mark.parametrize("name", DYNAMIC)
def test_dynamic_batch_package_matches_onnxruntime_at_two_batch_sizes(loaded, name):
    result = loaded[f"{name}_dynamic_batch"]
    assert result["ok"], result.get("trace", result)
    assert [shapes[0][0] for shapes in result["shapes"]] == [1, 3, 1] and not result["static"]


def test_loading_imported_neither_mlir_nor_onnx(loaded):
    assert loaded["__modules__"] == {"blocked_modules_loaded": []}
