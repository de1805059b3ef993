"""Numerics of epilogues fused into conv and matmul tiles (lowering/cpu/epilogues.py) against
onnxruntime: bias, Relu/Clip/Sigmoid/GELU and residual Adds after regular, depthwise and
strided convs and after (batch) matmuls, static and dynamic batch, AVX2 and host tiles, 1 and
2 threads."""

from __future__ import annotations

import numpy as np
import onnx
import onnxruntime as ort
import pytest
from onnx import TensorProto, helper, numpy_helper

import onnx_mlir
from onnx_mlir.lowering.cpu import epilogues

TARGETS = [("host", 1), ("avx2", 1), ("host", 2), ("avx2", 2)]


@pytest.fixture(autouse=True)
def _thread_small_ops(monkeypatch):
    monkeypatch.setenv("ONNX_MLIR_MIN_PARALLEL_MACS", "0")
    monkeypatch.setenv("ONNX_MLIR_THREAD_MATMULS", "1")  # (opt-in: matmul_fusion.py)


def _model(nodes, inits, x_shape, batch_dim) -> onnx.ModelProto:
    shape = [batch_dim] + list(x_shape[1:])
    graph = helper.make_graph(nodes, "epilogue", [helper.make_tensor_value_info("x", TensorProto.FLOAT, shape)],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    return onnx.shape_inference.infer_shapes(model)


def _const(name: str, shape, seed: int) -> onnx.TensorProto:
    rng = np.random.default_rng(seed)
    return numpy_helper.from_array(rng.uniform(-1, 1, shape).astype(np.float32), name)


def _conv_model(kind: str, batch_dim) -> tuple[onnx.ModelProto, list[int]]:
    """A conv followed by the epilogue ``kind``."""
    c, k, h = 8, 16, 10
    group = 1
    attrs = dict(pads=[1, 1, 1, 1])
    if kind.startswith("depthwise"):
        k, group = c, c
        attrs["group"] = group
    if "stride2" in kind:
        attrs["strides"] = [2, 2]
    inits = [_const("w", [k, c // group, 3, 3], 1), _const("b", [k], 2)]
    nodes = [helper.make_node("Conv", ["x", "w", "b"], ["c"], **attrs)]
    if kind in ("relu", "depthwise_relu6", "stride2_relu"):
        nodes.append(helper.make_node("Relu", ["c"], ["y"]) if "relu6" not in kind else
                     helper.make_node("Clip", ["c", "lo", "hi"], ["y"]))
        if "relu6" in kind:
            inits += [numpy_helper.from_array(np.array(0, np.float32), "lo"),
                      numpy_helper.from_array(np.array(6, np.float32), "hi")]
    elif kind == "residual_relu":  # conv -> Add(x) -> Relu, as in ResNet's blocks
        k = c
        inits[0], inits[1] = _const("w", [c, c, 3, 3], 1), _const("b", [c], 2)
        nodes += [helper.make_node("Add", ["c", "x"], ["a"]), helper.make_node("Relu", ["a"], ["y"])]
    elif kind == "sigmoid_mul":  # SiLU: the conv result read twice by one fused elementwise op
        nodes += [helper.make_node("Sigmoid", ["c"], ["s"]), helper.make_node("Mul", ["c", "s"], ["y"])]
    elif kind == "relu_twice_used":  # the Relu's result feeds two ops: still one epilogue
        nodes += [helper.make_node("Relu", ["c"], ["r"]), helper.make_node("Add", ["r", "r"], ["y"])]
    x_shape = [1, c, h, h]
    return _model(nodes, inits, x_shape, batch_dim), x_shape


CONV_KINDS = ["relu", "depthwise_relu6", "stride2_relu", "residual_relu", "sigmoid_mul", "relu_twice_used"]


def _check(model: onnx.ModelProto, x_shape, cpu: str, num_threads: int, batch: int = 1) -> None:
    x = np.random.default_rng(3).uniform(-2, 2, [batch] + list(x_shape[1:])).astype(np.float32)
    want = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"]).run(None, {"x": x})
    got = onnx_mlir.compile(model, cpu=cpu, num_threads=num_threads).run(None, {"x": x})
    for g, w in zip(got, want):
        assert g.shape == w.shape
        np.testing.assert_allclose(g, w, rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("cpu,num_threads", TARGETS, ids=[f"{c}-{n}t" for c, n in TARGETS])
@pytest.mark.parametrize("kind", CONV_KINDS)
def test_conv_epilogue(kind: str, cpu: str, num_threads: int) -> None:
    model, x_shape = _conv_model(kind, 1)
    _check(model, x_shape, cpu, num_threads)


@pytest.mark.parametrize("cpu", ["host", "avx2"])
@pytest.mark.parametrize("kind", ["relu", "depthwise_relu6", "residual_relu"])
def test_conv_epilogue_dynamic_batch(kind: str, cpu: str) -> None:
    model, x_shape = _conv_model(kind, "N")
    _check(model, x_shape, cpu, 1, batch=3)


def test_fusion_can_be_disabled(monkeypatch) -> None:
    """$ONNX_MLIR_FUSE_EPILOGUES=0 (A/B measurements) keeps the epilogue a loop of its own,
    with the same results."""
    monkeypatch.setenv(epilogues.DISABLE_ENV, "0")
    assert not epilogues.enabled()
    model, x_shape = _conv_model("residual_relu", 1)
    _check(model, x_shape, "host", 1)


def _matmul_model(kind: str, batch_dim, m: int, k: int, n: int) -> tuple[onnx.ModelProto, list[int]]:
    """MatMul (+ bias) + epilogue ``kind``; a 3-D input makes a batch of matmuls (dim 0 batch)."""
    inits = [_const("w", [k, n], 1), _const("b", [n], 2)]
    nodes = [helper.make_node("MatMul", ["x", "w"], ["m"]), helper.make_node("Add", ["m", "b"], ["a"])]
    if kind == "gelu":
        nodes.append(helper.make_node("Gelu", ["a"], ["y"]))
    elif kind == "relu":
        nodes.append(helper.make_node("Relu", ["a"], ["y"]))
    else:  # a bias alone
        nodes[-1] = helper.make_node("Add", ["m", "b"], ["y"])
    x_shape = [1, m, k]
    model = _model(nodes, inits, x_shape, batch_dim)
    model.opset_import[0].version = 20  # Gelu
    return model, x_shape


MATMULS = {  # name: (kind, M, K, N)
    "gelu": ("gelu", 16, 128, 256),
    "relu_odd": ("relu", 37, 100, 130),
    "bias_large": ("bias", 130, 256, 300),
}


@pytest.mark.parametrize("cpu,num_threads", TARGETS, ids=[f"{c}-{n}t" for c, n in TARGETS])
@pytest.mark.parametrize("name", sorted(MATMULS))
def test_matmul_epilogue(name: str, cpu: str, num_threads: int) -> None:
    kind, m, k, n = MATMULS[name]
    model, x_shape = _matmul_model(kind, 1, m, k, n)
    _check(model, x_shape, cpu, num_threads)


@pytest.mark.parametrize("cpu,num_threads", [("host", 1), ("avx2", 2)])
@pytest.mark.parametrize("name", ["gelu", "relu_odd"])
def test_matmul_epilogue_dynamic_batch(name: str, cpu: str, num_threads: int) -> None:
    kind, m, k, n = MATMULS[name]
    model, x_shape = _matmul_model(kind, "N", m, k, n)
    _check(model, x_shape, cpu, num_threads, batch=3)


@pytest.mark.parametrize("cpu", ["host", "avx2"])
def test_batch_matmul_threads(cpu: str) -> None:
    """Two run-time operands (attention scores): a batch_matmul split over the batch."""
    nodes = [helper.make_node("Transpose", ["x"], ["t"], perm=[0, 2, 1]),
             helper.make_node("MatMul", ["x", "t"], ["y"])]
    model = _model(nodes, [], [4, 40, 24], 4)
    _check(model, [4, 40, 24], cpu, 2, batch=4)


# Grouped convs (lowering/cpu/grouped_conv.py): (input NCHW, weight MCkk, attributes)
GROUPED = {
    "groups2": ([1, 32, 12, 12], [32, 16, 3, 3], dict(pads=[1, 1, 1, 1], group=2)),
    "groups4_stride2": ([1, 64, 13, 13], [32, 16, 3, 3], dict(pads=[1, 1, 1, 1], group=4, strides=[2, 2])),
    "groups32_resnext": ([1, 256, 14, 14], [256, 8, 3, 3], dict(pads=[1, 1, 1, 1], group=32)),
    "groups8_1x1": ([1, 64, 9, 9], [128, 8, 1, 1], dict(group=8)),
}


def _grouped_model(name: str, batch_dim) -> tuple[onnx.ModelProto, list[int]]:
    x_shape, w_shape, attrs = GROUPED[name]
    inits = [_const("w", w_shape, 1), _const("b", [w_shape[0]], 2)]
    nodes = [helper.make_node("Conv", ["x", "w", "b"], ["c"], **attrs), helper.make_node("Relu", ["c"], ["y"])]
    return _model(nodes, inits, x_shape, batch_dim), x_shape


@pytest.mark.parametrize("cpu,num_threads", TARGETS, ids=[f"{c}-{n}t" for c, n in TARGETS])
@pytest.mark.parametrize("name", sorted(GROUPED))
def test_grouped_conv(name: str, cpu: str, num_threads: int) -> None:
    model, x_shape = _grouped_model(name, 1)
    _check(model, x_shape, cpu, num_threads)


@pytest.mark.parametrize("name", ["groups2", "groups32_resnext"])
def test_grouped_conv_dynamic_batch(name: str) -> None:
    model, x_shape = _grouped_model(name, "N")
    _check(model, x_shape, "avx2", 1, batch=2)


def test_grouped_conv_split_choice() -> None:
    """Groups of a cache line of channels or more are split; narrower groups only while the
    input stays in L2."""
    from onnx_mlir.lowering.cpu.grouped_conv import worth_splitting
    assert worth_splitting([1, 2, 32, 58, 58], 32)
    assert worth_splitting([1, 32, 8, 30, 30], 8)
    assert not worth_splitting([1, 32, 4, 58, 58], 4)
