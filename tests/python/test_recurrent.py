"""Numerics of the RNN / GRU / LSTM lowerings (scf.for over time steps, linalg inside) against
onnxruntime: directions, layouts, biases, initial states, sequence_lens, peepholes, clip and
non-default activations."""

from __future__ import annotations

import numpy as np
import pytest

from numerics import assert_matches_onnxruntime, run_onnx_mlir, single_node_model

F16, F32, F64 = np.float16, np.float32, np.float64
GATES = {"RNN": 1, "GRU": 3, "LSTM": 4}


def recurrent_model(op: str, seq: int, batch: int, inp: int, hidden: int, *, direction="forward",
                    layout=0, bias=False, seq_lens=False, initial=False, peepholes=False,
                    dtype=F32, outputs=("Y", "Y_h"), **attrs):
    d = 2 if direction == "bidirectional" else 1
    g = GATES[op]
    x_shape = [seq, batch, inp] if layout == 0 else [batch, seq, inp]
    state = [d, batch, hidden] if layout == 0 else [batch, d, hidden]
    inputs = [("X", dtype, x_shape), ("W", dtype, [d, g * hidden, inp]),
              ("R", dtype, [d, g * hidden, hidden]),
              ("B", dtype, [d, 2 * g * hidden]) if bias else ("", None, None),
              ("sequence_lens", np.int32, [batch]) if seq_lens else ("", None, None),
              ("initial_h", dtype, state) if initial else ("", None, None)]
    if op == "LSTM":
        inputs += [("initial_c", dtype, state) if initial else ("", None, None),
                   ("P", dtype, [d, 3 * hidden]) if peepholes else ("", None, None)]
    while inputs[-1][0] == "":
        inputs.pop()
    names = ["Y", "Y_h"] + (["Y_c"] if op == "LSTM" else [])
    outs = [(n if n in outputs else "", dtype, None) for n in names]
    while outs[-1][0] == "":
        outs.pop()
    return single_node_model(op, inputs, outs, opset=14, hidden_size=hidden, direction=direction,
                             layout=layout, **attrs)


def assert_matches_reference(model, feeds, rtol=1e-5, atol=1e-6):
    """For what onnxruntime's CPU kernels lack (layout 1, double): the ONNX reference."""
    from onnx.reference import ReferenceEvaluator

    expected = ReferenceEvaluator(model).run(None, feeds)
    actual = run_onnx_mlir(model, feeds)
    assert len(actual) == len(expected)
    for got, want in zip(actual, expected):
        assert got.shape == want.shape and got.dtype == want.dtype
        np.testing.assert_allclose(got, want, rtol=rtol, atol=atol)


def feeds_for(model, seq_lens=None, seed=0):
    rng = np.random.default_rng(seed)
    feeds = {}
    for value in model.graph.input:
        t = value.type.tensor_type
        shape = [dim.dim_value for dim in t.shape.dim]
        if value.name == "sequence_lens":
            feeds[value.name] = np.asarray(seq_lens, np.int32)
        else:
            dtype = {1: F32, 10: F16, 11: F64}[t.elem_type]
            feeds[value.name] = rng.uniform(-0.8, 0.8, size=shape).astype(dtype)
    return feeds


@pytest.mark.parametrize("op", ["RNN", "GRU", "LSTM"])
@pytest.mark.parametrize("direction", ["forward", "reverse", "bidirectional"])
def test_directions_with_bias_and_initial_state(op, direction):
    model = recurrent_model(op, 4, 2, 3, 5, direction=direction, bias=True, initial=True,
                            outputs=("Y", "Y_h", "Y_c"))
    assert_matches_onnxruntime(model, feeds_for(model))


@pytest.mark.parametrize("op", ["RNN", "GRU", "LSTM"])
def test_layout_1(op):
    model = recurrent_model(op, 3, 2, 4, 3, layout=1, bias=True, initial=True,
                            direction="bidirectional")
    assert_matches_reference(model, feeds_for(model))  # onnxruntime: no layout 1


@pytest.mark.parametrize("op", ["RNN", "GRU", "LSTM"])
@pytest.mark.parametrize("direction", ["forward", "bidirectional"])
def test_sequence_lens(op, direction):
    model = recurrent_model(op, 5, 3, 2, 4, direction=direction, bias=True, seq_lens=True,
                            initial=True)
    assert_matches_onnxruntime(model, feeds_for(model, seq_lens=[5, 2, 3]))


def test_gru_linear_before_reset():
    model = recurrent_model("GRU", 4, 2, 3, 5, bias=True, initial=True, linear_before_reset=1,
                            direction="bidirectional")
    assert_matches_onnxruntime(model, feeds_for(model))


def test_lstm_peepholes_clip():
    model = recurrent_model("LSTM", 4, 2, 3, 5, bias=True, initial=True, peepholes=True,
                            clip=0.5, outputs=("Y", "Y_h", "Y_c"))
    assert_matches_onnxruntime(model, feeds_for(model))


def test_lstm_input_forget():
    model = recurrent_model("LSTM", 3, 2, 3, 4, bias=True, input_forget=1)
    assert_matches_onnxruntime(model, feeds_for(model))


def test_activations_with_parameters():
    model = recurrent_model("GRU", 3, 2, 3, 4, bias=True,
                            activations=["HardSigmoid", "LeakyRelu"],
                            activation_alpha=[0.3, 0.1], activation_beta=[0.4])
    assert_matches_onnxruntime(model, feeds_for(model))


@pytest.mark.parametrize("op", ["RNN", "GRU", "LSTM"])
def test_float64(op):
    model = recurrent_model(op, 3, 2, 3, 4, bias=True, initial=True, dtype=F64)
    assert_matches_reference(model, feeds_for(model), rtol=1e-10, atol=1e-12)


def test_float16_computes_in_f32():
    model = recurrent_model("GRU", 3, 2, 3, 4, bias=True, dtype=F16)
    feeds = feeds_for(model)
    assert_matches_reference(model, feeds, rtol=2e-3, atol=2e-3)
