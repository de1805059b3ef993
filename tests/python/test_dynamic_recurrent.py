"""RNN, GRU and LSTM with a dynamic sequence length and batch: one compile, run at two
different sizes, each matching onnxruntime; batch sizes that disagree at run time are an
``ExecutionError`` naming the node."""

from __future__ import annotations

import numpy as np
import pytest
from onnx import TensorProto as T
from onnx import helper as h
from onnx import numpy_helper
from onnx.reference import ReferenceEvaluator

import onnx_mlir
from shape_check_helpers import check_good_then_bad, model, ort_run, vi

F32 = np.float32
HIDDEN, INPUT = 5, 3
GATES = {"RNN": 1, "GRU": 3, "LSTM": 4}


def _recurrent_model(op_type: str, direction: str = "forward", layout: int = 0,
                     seq_lens: bool = False, state_batch: str = "batch"):
    rng = np.random.default_rng(1)
    d = 2 if direction == "bidirectional" else 1
    g = GATES[op_type]
    inits = [numpy_helper.from_array(rng.uniform(-1, 1, shape).astype(F32), name)
             for name, shape in (("W", (d, g * HIDDEN, INPUT)), ("R", (d, g * HIDDEN, HIDDEN)),
                                 ("B", (d, 2 * g * HIDDEN)))]
    x_shape = ["seq", "batch", INPUT] if layout == 0 else ["batch", "seq", INPUT]
    h_shape = [d, state_batch, HIDDEN] if layout == 0 else [state_batch, d, HIDDEN]
    inputs = [vi("x", x_shape), vi("h0", h_shape)]
    if seq_lens:
        inputs.append(vi("lens", ["batch"], T.INT32))
    outputs = ["y", "yh"] + (["yc"] if op_type == "LSTM" else [])
    node = h.make_node(op_type, ["x", "W", "R", "B", "lens" if seq_lens else "", "h0"], outputs,
                       name="rnn_node", hidden_size=HIDDEN, direction=direction, layout=layout)
    return model([node], inputs, [vi(o, None) for o in outputs], inits)


def _feeds(seq: int, batch: int, d: int, layout: int, seq_lens: bool, seed: int):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((seq, batch, INPUT) if layout == 0 else (batch, seq, INPUT))
    h0 = rng.standard_normal((d, batch, HIDDEN) if layout == 0 else (batch, d, HIDDEN))
    feeds = {"x": x.astype(F32), "h0": h0.astype(F32)}
    if seq_lens:
        feeds["lens"] = rng.integers(1, seq + 1, size=batch).astype(np.int32)
    return feeds


@pytest.mark.parametrize("op_type", ["RNN", "GRU", "LSTM"])
@pytest.mark.parametrize("direction,layout,seq_lens", [
    ("forward", 0, False), ("reverse", 1, False), ("bidirectional", 0, True)])
def test_dynamic_sequence_and_batch(op_type, direction, layout, seq_lens):
    m = _recurrent_model(op_type, direction, layout, seq_lens)
    compiled = onnx_mlir.compile(m)
    d = 2 if direction == "bidirectional" else 1
    for seq, batch in ((7, 2), (3, 4)):
        feeds = _feeds(seq, batch, d, layout, seq_lens, seed=seq)
        ours = compiled.run(None, feeds)
        # onnxruntime has no batch-major (layout 1) kernels: the ONNX reference checks those
        ref = ort_run(m, feeds) if layout == 0 else ReferenceEvaluator(m).run(None, feeds)
        for o, r in zip(ours, ref):
            assert o.shape == r.shape
            np.testing.assert_allclose(o, r, rtol=1e-5, atol=1e-5)


def test_disagreeing_batch_is_an_execution_error():
    m = _recurrent_model("LSTM", state_batch="state_batch")
    good = _feeds(4, 2, 1, 0, False, seed=0)
    bad = dict(good, h0=np.zeros((1, 3, HIDDEN), F32))
    check_good_then_bad(m, good, bad, "rnn_node", "initial_h", "3", "2", rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("op_type", ["RNN", "GRU", "LSTM"])
@pytest.mark.parametrize("direction", ["forward", "bidirectional"])
def test_weights_as_inputs_with_dynamic_dims(op_type, direction):
    """W, R, B given at run time with symbolic dims (the input size too): the hidden size and
    direction come from the attributes; one compile runs two input sizes."""
    d, g = (2 if direction == "bidirectional" else 1), GATES[op_type]
    names = ["x", "W", "R", "B"]
    node = h.make_node(op_type, names, ["y", "yh"], name="rnn_node", hidden_size=HIDDEN,
                       direction=direction)
    m = model([node], [vi(n, [f"{n}{i}" for i in range(3 if n != "B" else 2)]) for n in names],
              [vi("y", None), vi("yh", None)])
    compiled = onnx_mlir.compile(m)
    rng = np.random.default_rng(2)
    for seq, batch, size in ((4, 2, 3), (2, 3, 6)):
        feeds = {"x": rng.standard_normal((seq, batch, size)),
                 "W": rng.uniform(-1, 1, (d, g * HIDDEN, size)),
                 "R": rng.uniform(-1, 1, (d, g * HIDDEN, HIDDEN)),
                 "B": rng.uniform(-1, 1, (d, 2 * g * HIDDEN))}
        feeds = {k: v.astype(F32) for k, v in feeds.items()}
        for o, r in zip(compiled.run(None, feeds), ort_run(m, feeds)):
            assert o.shape == r.shape
            np.testing.assert_allclose(o, r, rtol=1e-5, atol=1e-5)
    bad = dict(feeds, W=np.zeros((d, g * HIDDEN, 4), F32))
    with pytest.raises(onnx_mlir.ExecutionError, match="input size") as info:
        compiled.run(None, bad)
    assert info.value.node == "rnn_node"
