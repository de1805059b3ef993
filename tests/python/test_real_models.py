"""Real-model families exported by torch.onnx.export (benchmarks/models/) against onnxruntime.

ResNet-18, MobileNetV2, a BERT-style encoder with an attention mask and a GPT-2-style decoder
block: each compiles and matches onnxruntime (rtol 1e-4, atol 1e-4), exported with a static batch
of 1 and with a symbolic batch (and sequence length, for the transformers) that one compiled
model serves at several sizes. Exports are cached by content hash (benchmarks/models/export.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import onnx
import pytest

import onnx_mlir
from onnx_mlir.errors import InputError

pytest.importorskip("torch", reason="the model generators export with torch (install the 'test' extra)")

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from benchmarks.models import export as generators  # noqa: E402

RTOL = ATOL = 1e-4


def _onnxruntime(model: onnx.ModelProto, feeds: dict[str, np.ndarray]) -> list[np.ndarray]:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    session = ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
    return session.run(None, feeds)


def _assert_close(compiled, model, feeds) -> None:
    got = compiled.run(None, feeds)
    want = _onnxruntime(model, feeds)
    assert [o.name for o in compiled.get_outputs()] == [o.name for o in model.graph.output]
    for info, g, w in zip(compiled.get_outputs(), got, want):
        assert g.shape == w.shape and g.dtype == w.dtype, f"{info.name}: {g.shape} {g.dtype} vs {w.shape} {w.dtype}"
        np.testing.assert_allclose(g, w, rtol=RTOL, atol=ATOL, err_msg=info.name)


@pytest.mark.parametrize("name", generators.MODEL_NAMES)
def test_static_batch_matches_onnxruntime(name):
    model = onnx.load(generators.cached_export(name))
    compiled = onnx_mlir.compile(model)
    _assert_close(compiled, model, generators.example_inputs(name))


@pytest.mark.parametrize("name", generators.MODEL_NAMES)
def test_dynamic_batch_compiles_once_and_runs_any_size(name):
    model = onnx.load(generators.cached_export(name, dynamic_batch=True))
    compiled = onnx_mlir.compile(model)
    assert compiled.get_inputs()[0].shape[0] == "batch"
    is_transformer = name in ("bert", "gpt2")
    sizes = [(1, 16), (2, 9)] if is_transformer else [(1, 0), (2, 0)]
    for batch, seq in sizes:
        _assert_close(compiled, model, generators.example_inputs(name, batch=batch, seq=seq))


def test_dynamic_dims_that_must_agree_are_checked():
    """input_ids and attention_mask share the symbolic batch and seq dims: a mismatch is a clear
    InputError naming the input and the dim, raised before any native code runs."""
    model = onnx.load(generators.cached_export("bert", dynamic_batch=True))
    compiled = onnx_mlir.compile(model)
    feeds = generators.example_inputs("bert", batch=2, seq=8)
    feeds["attention_mask"] = feeds["attention_mask"][:, :5]
    with pytest.raises(InputError, match="attention_mask"):
        compiled.run(None, feeds)
