"""Numerics of the channels-last convolution path (lowering/cpu/conv_layout.py, conv_schedules.py)
against onnxruntime: every kind of Conv, for the AVX2 and the host tiles, on 1 and 2 threads.

The schedules choose tiles by the shapes (output widths that 8 does not divide, channel counts
that are not whole vectors, 3-channel inputs), so the cases vary exactly those.
"""

from __future__ import annotations

import numpy as np
import onnx
import onnxruntime as ort
import pytest
from onnx import TensorProto, helper, numpy_helper

import onnx_mlir
from onnx_mlir.errors import CompilationError
from onnx_mlir.lowering.cpu import threads
from onnx_mlir.lowering.cpu.conv_schedules import Isa, conv_tiles

TARGETS = [("host", 1), ("avx2", 1), ("host", 2), ("avx2", 2)]


@pytest.fixture(autouse=True)
def _thread_small_convs(monkeypatch):
    """The models here are small: let every conv of a multi-threaded compile use the threads
    (by default a conv under conv_schedules.MIN_PARALLEL_MACS runs on one)."""
    monkeypatch.setenv("ONNX_MLIR_MIN_PARALLEL_MACS", "0")


def _conv_model(x_shape, w_shape, *, bias=True, **attrs) -> onnx.ModelProto:
    rng = np.random.default_rng(7)
    inits = [numpy_helper.from_array(rng.uniform(-1, 1, w_shape).astype(np.float32), "w")]
    inputs = ["x", "w"]
    if bias:
        inits.append(numpy_helper.from_array(rng.uniform(-1, 1, [w_shape[0]]).astype(np.float32), "b"))
        inputs.append("b")
    node = helper.make_node("Conv", inputs, ["y"], **attrs)
    graph = helper.make_graph([node], "conv", [helper.make_tensor_value_info("x", TensorProto.FLOAT, x_shape)],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    return onnx.shape_inference.infer_shapes(model)


def _check(model: onnx.ModelProto, cpu: str, num_threads: int, batch: int = 1) -> None:
    x_type = model.graph.input[0].type.tensor_type
    shape = [d.dim_value if d.HasField("dim_value") else batch for d in x_type.shape.dim]
    x = np.random.default_rng(3).uniform(-2, 2, shape).astype(np.float32)
    want = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"]).run(None, {"x": x})
    got = onnx_mlir.compile(model, cpu=cpu, num_threads=num_threads).run(None, {"x": x})
    for g, w in zip(got, want):
        assert g.shape == w.shape
        np.testing.assert_allclose(g, w, rtol=1e-4, atol=1e-4)


# (input NCHW, weight MCkk, attributes)
CONVS = {
    "3x3": ([1, 16, 14, 14], [32, 16, 3, 3], dict(pads=[1, 1, 1, 1])),
    "3x3_stride2_odd": ([1, 8, 15, 15], [24, 8, 3, 3], dict(pads=[1, 1, 1, 1], strides=[2, 2])),
    "7x7_stride2_rgb": ([1, 3, 29, 29], [16, 3, 7, 7], dict(pads=[3, 3, 3, 3], strides=[2, 2])),
    "1x1": ([1, 24, 7, 7], [40, 24, 1, 1], {}),
    "1x1_wide": ([1, 16, 4, 56], [48, 16, 1, 1], {}),
    "dilated": ([1, 8, 12, 12], [16, 8, 3, 3], dict(pads=[2, 2, 2, 2], dilations=[2, 2])),
    "asymmetric_pads": ([1, 4, 9, 11], [8, 4, 3, 2], dict(pads=[0, 1, 2, 0])),
    "no_padding_non_square": ([1, 5, 10, 13], [6, 5, 3, 3], {}),
    "depthwise": ([1, 32, 14, 14], [32, 1, 3, 3], dict(pads=[1, 1, 1, 1], group=32)),
    "depthwise_stride2_144": ([1, 144, 28, 28], [144, 1, 3, 3], dict(pads=[1, 1, 1, 1], group=144, strides=[2, 2])),
    "depthwise_12_channels": ([1, 12, 9, 9], [12, 1, 3, 3], dict(pads=[1, 1, 1, 1], group=12)),
    "depthwise_5x5_dilated": ([1, 16, 11, 11], [16, 1, 5, 5], dict(pads=[4, 4, 4, 4], group=16, dilations=[2, 2])),
    "grouped": ([1, 8, 10, 10], [16, 4, 3, 3], dict(pads=[1, 1, 1, 1], group=2)),
    "depthwise_multiplier": ([1, 8, 10, 10], [16, 1, 3, 3], dict(pads=[1, 1, 1, 1], group=8)),
    # width 1 everywhere (tf2onnx's Conv1D): laid out with height and width swapped
    "width_one_5x1_stride2": ([1, 16, 41, 1], [32, 16, 5, 1], dict(pads=[2, 0, 2, 0], strides=[2, 1])),
    "width_one_depthwise": ([1, 16, 40, 1], [16, 1, 3, 1], dict(pads=[1, 0, 1, 0], group=16, dilations=[2, 1])),
}


@pytest.mark.parametrize("cpu,num_threads", TARGETS, ids=[f"{c}-{n}t" for c, n in TARGETS])
@pytest.mark.parametrize("name", sorted(CONVS))
def test_conv(name: str, cpu: str, num_threads: int) -> None:
    x_shape, w_shape, attrs = CONVS[name]
    _check(_conv_model(x_shape, w_shape, **attrs), cpu, num_threads)


def test_conv_without_bias() -> None:
    _check(_conv_model([1, 8, 9, 9], [16, 8, 3, 3], bias=False, pads=[1, 1, 1, 1]), "host", 1)


@pytest.mark.parametrize("num_threads", [1, 2])
def test_conv_dynamic_batch(num_threads: int) -> None:
    model = _conv_model(["N", 8, 10, 10], [16, 8, 3, 3], pads=[1, 1, 1, 1])
    _check(model, "host", num_threads, batch=3)


def _block_model() -> onnx.ModelProto:
    """conv-relu-maxpool-conv-add-relu-conv(depthwise)-clip-avgpool-globalavgpool: the layout pass
    keeps all of it channels-last; the values must not change."""
    rng = np.random.default_rng(11)

    def w(name, shape):
        return numpy_helper.from_array(rng.uniform(-0.5, 0.5, shape).astype(np.float32), name)

    nodes = [
        helper.make_node("Conv", ["x", "w1", "b1"], ["c1"], pads=[1, 1, 1, 1], strides=[2, 2]),
        helper.make_node("Relu", ["c1"], ["r1"]),
        helper.make_node("MaxPool", ["r1"], ["p1"], kernel_shape=[3, 3], pads=[1, 1, 1, 1], strides=[2, 2]),
        helper.make_node("Conv", ["p1", "w2", "b2"], ["c2"], pads=[1, 1, 1, 1]),
        helper.make_node("Add", ["c2", "p1"], ["a"]),
        helper.make_node("Relu", ["a"], ["r2"]),
        helper.make_node("Conv", ["r2", "w3"], ["c3"], pads=[1, 1, 1, 1], group=16),
        helper.make_node("Clip", ["c3", "lo", "hi"], ["k"]),
        helper.make_node("AveragePool", ["k"], ["ap"], kernel_shape=[2, 2], strides=[1, 1]),
        helper.make_node("GlobalAveragePool", ["ap"], ["y"]),
    ]
    inits = [w("w1", [16, 3, 3, 3]), w("b1", [16]), w("w2", [16, 16, 3, 3]), w("b2", [16]),
             w("w3", [16, 1, 3, 3]), numpy_helper.from_array(np.float32(0), "lo"),
             numpy_helper.from_array(np.float32(6), "hi")]
    graph = helper.make_graph(nodes, "block", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 32, 32])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    return onnx.shape_inference.infer_shapes(model)


@pytest.mark.parametrize("cpu,num_threads", TARGETS, ids=[f"{c}-{n}t" for c, n in TARGETS])
def test_residual_block(cpu: str, num_threads: int) -> None:
    _check(_block_model(), cpu, num_threads)


def test_one_thread_needs_no_async_runtime(tmp_path) -> None:
    compiled = onnx_mlir.compile(_block_model(), num_threads=1)
    assert not any("async" in lib for lib in compiled._jit.libraries)
    compiled2 = onnx_mlir.compile(_block_model(), num_threads=2)
    assert any("async_runtime" in lib for lib in compiled2._jit.libraries)


def test_models_on_two_threads_one_after_another() -> None:
    """Several multi-threaded models in one process, freed in between (the async runtime is
    process-wide: an engine must not tear it down)."""
    model = _conv_model([1, 8, 12, 12], [16, 8, 3, 3], pads=[1, 1, 1, 1])
    for _ in range(3):
        _check(model, "host", 2)


def test_num_threads_from_environment(monkeypatch) -> None:
    monkeypatch.setenv(threads.ENV_VAR, "3")
    assert threads.resolve() == 3
    assert threads.resolve(1) == 1
    monkeypatch.delenv(threads.ENV_VAR)
    assert threads.resolve() >= 1
    monkeypatch.setenv(threads.ENV_VAR, "many")
    with pytest.raises(CompilationError, match="ONNX_MLIR_NUM_THREADS"):
        threads.resolve()
    with pytest.raises(CompilationError, match="positive"):
        threads.resolve(0)


def test_tiles_per_isa() -> None:
    avx512, avx2 = Isa(512), Isa(256)
    assert conv_tiles(56, 64, avx512) == (8, 32)  # 2 vectors x 8 columns = 16 registers
    assert conv_tiles(56, 64, avx2) == (4, 16)  # 2 vectors x 4 columns = 8 of AVX2's 16
    assert conv_tiles(14, 256, avx512) == (7, 32)  # 8 does not divide 14
    assert conv_tiles(7, 24, avx512) == (7, 8)  # 24 channels: a power of two, not 16 + 8
    assert conv_tiles(13, 64, avx512)[0] == 1  # a prime width: single columns, still exact


@pytest.mark.parametrize("num_threads", [1, 2])
def test_shared_library_links_async_runtime_only_when_threaded(tmp_path, num_threads: int) -> None:
    import ctypes

    compiled = onnx_mlir.compile(_block_model(), num_threads=num_threads)
    path = compiled.save(str(tmp_path / "model.so"))
    linked = b"libmlir_async_runtime.so" in open(path, "rb").read()
    assert linked == (num_threads > 1)
    assert ctypes.CDLL(path)._mlir_ciface_main_graph is not None


def test_cli_num_threads(tmp_path) -> None:
    from onnx_mlir.tools.onnx_mlir_driver import main

    path = tmp_path / "block.onnx"
    onnx.save(_block_model(), str(path))
    assert main([str(path), "--EmitLLVMIR", "--num-threads", "2", "-o", str(tmp_path / "t2.mlir")]) == 0
    assert "mlirAsyncRuntime" in (tmp_path / "t2.mlir").read_text()
    assert main([str(path), "--EmitLLVMIR", "--num-threads", "1", "-o", str(tmp_path / "t1.mlir")]) == 0
    assert "mlirAsyncRuntime" not in (tmp_path / "t1.mlir").read_text()
    assert main([str(path), "--EmitLLVMIR", "--num-threads", "0", "-o", str(tmp_path / "t0.mlir")]) == 1


@pytest.mark.parametrize("bias", [True, False])
def test_conv_batchnorm_folded(bias: bool) -> None:
    """Conv + inference BatchNormalization: folded into the conv at compile time (onnx level),
    same values as onnxruntime."""
    from onnx_mlir.compiler.driver import onnx_module
    from onnx_mlir.compiler.stages import lower_onnx_module

    model = _conv_model([1, 8, 9, 9], [16, 8, 3, 3], bias=bias, pads=[1, 1, 1, 1])
    rng = np.random.default_rng(5)
    graph = model.graph
    graph.node[0].output[0] = "c"
    for name, values in [("s", rng.uniform(0.5, 2, 16)), ("beta", rng.uniform(-1, 1, 16)),
                         ("mean", rng.uniform(-1, 1, 16)), ("var", rng.uniform(0.1, 3, 16))]:
        graph.initializer.append(numpy_helper.from_array(values.astype(np.float32), name))
    graph.node.append(helper.make_node("BatchNormalization", ["c", "s", "beta", "mean", "var"], ["y"],
                                       epsilon=1e-3))
    module = onnx_module(model)
    lower_onnx_module(module, upto="onnx")
    assert "onnx.batch_normalization" not in str(module)
    _check(model, "host", 1)


def _dynamic_spatial(model: onnx.ModelProto) -> onnx.ModelProto:
    """``model`` with the input's batch, height and width symbolic (the output's dropped)."""
    model = onnx.ModelProto.FromString(model.SerializeToString())
    dims = model.graph.input[0].type.tensor_type.shape.dim
    for i, name in ((0, "n"), (2, "h"), (3, "w")):
        dims[i].Clear()
        dims[i].dim_param = name
    del model.graph.value_info[:]
    model.graph.output[0].type.tensor_type.ClearField("shape")
    return model


DYNAMIC_SIZES = [(1, 14, 14), (2, 9, 23), (1, 3, 5), (1, 40, 17)]


@pytest.mark.parametrize("cpu", ["host", "avx2"])
@pytest.mark.parametrize("name", ["3x3", "3x3_stride2_odd", "7x7_stride2_rgb", "1x1", "depthwise",
                                  "depthwise_5x5_dilated", "asymmetric_pads"])
def test_conv_dynamic_height_and_width(name: str, cpu: str) -> None:
    """One compile of a conv whose batch, height and width are dynamic (conv_dynamic_width.py:
    width tiles peeled, remainder a column at a time) at sizes the register tile does and does
    not divide, and smaller than one tile."""
    x_shape, w_shape, attrs = CONVS[name]
    model = _dynamic_spatial(_conv_model(x_shape, w_shape, **attrs))
    compiled = onnx_mlir.compile(model, cpu=cpu, num_threads=1, cache=False)
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    rng = np.random.default_rng(5)
    for n, h, w in DYNAMIC_SIZES:
        if (h + sum(attrs.get("pads", [0] * 4)[::2]) < w_shape[2] * attrs.get("dilations", [1])[0]):
            continue  # (smaller than the kernel: a run-time error case, tested elsewhere)
        x = rng.uniform(-2, 2, (n, x_shape[1], h, w)).astype(np.float32)
        got, want = compiled.run(None, {"x": x})[0], session.run(None, {"x": x})[0]
        assert got.shape == want.shape
        np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-4)


def test_residual_block_dynamic_height_and_width() -> None:
    model = _dynamic_spatial(_block_model())
    compiled = onnx_mlir.compile(model, num_threads=1, cache=False)
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    for shape in [(1, 3, 32, 32), (2, 3, 27, 45)]:
        x = np.random.default_rng(1).uniform(-2, 2, shape).astype(np.float32)
        np.testing.assert_allclose(compiled.run(None, {"x": x})[0], session.run(None, {"x": x})[0],
                                   rtol=1e-4, atol=1e-4)
