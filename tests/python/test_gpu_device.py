"""The GPU path on a real GPU (CUDA or ROCm): skipped, with the reason, where there is none."""

from __future__ import annotations

import os
import sys

import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="the GPU path needs the gpu extra (triton, torch)")
pytest.importorskip("triton", reason="the GPU path needs the gpu extra (triton, torch)")

requires_gpu = pytest.mark.skipif(not torch.cuda.is_available() or os.environ.get("TRITON_INTERPRET") == "1",
                                  reason="needs a CUDA or ROCm GPU (none is present)")

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "examples"))


@requires_gpu
@pytest.mark.parametrize("name", ["mlp", "lenet5", "residual_block"])
def test_models_on_gpu(name):
    import onnx_mlir
    from models import MODELS, random_inputs
    from numerics import run_onnxruntime

    model = MODELS[name]()
    feeds = random_inputs(model)
    compiled = onnx_mlir.compile(model, target="gpu")
    assert compiled.device == "cuda"
    got = compiled.run(None, {k: torch.from_numpy(v).cuda() for k, v in feeds.items()})
    assert got[0].is_cuda
    np.testing.assert_allclose(got[0].cpu().numpy(), run_onnxruntime(model, feeds)[0], rtol=1e-4, atol=1e-4)


@requires_gpu
@pytest.mark.parametrize("name, build", [
    ("softmax_rows_of_1000", lambda rows: rows.softmax([64, 1000])),
    ("softmax_multipass", lambda rows: rows.softmax([4, 20000])),
    ("layer_norm_768", lambda rows: rows.layer_norm([64, 768])),
    ("attention_block", lambda rows: rows.attention_block(seq=128, dim=64)),
])
def test_row_kernels_on_gpu(name, build):
    """Softmax / layer norm row kernels (single and multi-pass) and the attention block."""
    import gpu_row_models as rows

    import onnx_mlir
    from numerics import random_feeds, run_onnxruntime

    model = build(rows)
    feeds = random_feeds(model)
    compiled = onnx_mlir.compile(model, target="gpu")
    assert [k.kind for k in compiled.kernels.values()].count("reduction") == 1
    got = compiled.run(None, {k: torch.from_numpy(v).cuda() for k, v in feeds.items()})
    np.testing.assert_allclose(got[0].cpu().numpy(), run_onnxruntime(model, feeds)[0], rtol=1e-4, atol=1e-5)
