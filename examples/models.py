"""Small reference models built with onnx.helper, with fixed seeds.

Used by the demo (`make demo`), the tests and the benchmarks:
- ``mlp``: Gemm → Relu → Gemm → Relu → MatMul + Add, the classic dense network;
- ``lenet5``: LeNet-5 (Conv 5x5 → Relu → MaxPool, twice, then three Gemm layers);
- ``residual_block``: a ResNet basic block (Conv 3x3 → BN folded as bias → Relu → Conv 3x3 →
  residual Add → Relu) followed by GlobalAveragePool-free average pooling and a classifier.

``python examples/models.py`` rewrites ``examples/lenet5.onnx``, the demo's bundled model.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17


def _weights(rng: np.random.Generator, name: str, shape, scale: float | None = None) -> onnx.TensorProto:
    fan_in = int(np.prod(shape[1:])) if len(shape) > 1 else int(shape[0])
    scale = scale if scale is not None else 1.0 / np.sqrt(fan_in)
    return numpy_helper.from_array(rng.uniform(-scale, scale, size=shape).astype(np.float32), name)


def _model(nodes, name, inputs, outputs, initializers) -> onnx.ModelProto:
    graph = helper.make_graph(nodes, name, inputs, outputs, initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="onnx-mlir-py examples")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def mlp(batch: int | str = 1, sizes=(64, 128, 64, 10), seed: int = 0) -> onnx.ModelProto:
    rng = np.random.default_rng(seed)
    inits = [_weights(rng, "fc1.w", (sizes[0], sizes[1])), _weights(rng, "fc1.b", (sizes[1],)),
             _weights(rng, "fc2.w", (sizes[2], sizes[1])), _weights(rng, "fc2.b", (sizes[2],)),
             _weights(rng, "fc3.w", (sizes[2], sizes[3])), _weights(rng, "fc3.b", (sizes[3],))]
    nodes = [
        helper.make_node("Gemm", ["x", "fc1.w", "fc1.b"], ["h1"], name="fc1"),
        helper.make_node("Relu", ["h1"], ["a1"], name="relu1"),
        helper.make_node("Gemm", ["a1", "fc2.w", "fc2.b"], ["h2"], name="fc2", transB=1),
        helper.make_node("Relu", ["h2"], ["a2"], name="relu2"),
        helper.make_node("MatMul", ["a2", "fc3.w"], ["h3"], name="fc3"),
        helper.make_node("Add", ["h3", "fc3.b"], ["logits"], name="fc3_bias"),
    ]
    return _model(nodes, "mlp",
                  [helper.make_tensor_value_info("x", TensorProto.FLOAT, [batch, sizes[0]])],
                  [helper.make_tensor_value_info("logits", TensorProto.FLOAT, [batch, sizes[3]])],
                  inits)


def lenet5(batch: int | str = 1, seed: int = 0) -> onnx.ModelProto:
    rng = np.random.default_rng(seed)
    inits = [_weights(rng, "conv1.w", (6, 1, 5, 5)), _weights(rng, "conv1.b", (6,)),
             _weights(rng, "conv2.w", (16, 6, 5, 5)), _weights(rng, "conv2.b", (16,)),
             _weights(rng, "fc1.w", (120, 400)), _weights(rng, "fc1.b", (120,)),
             _weights(rng, "fc2.w", (84, 120)), _weights(rng, "fc2.b", (84,)),
             _weights(rng, "fc3.w", (10, 84)), _weights(rng, "fc3.b", (10,))]
    nodes = [
        helper.make_node("Conv", ["image", "conv1.w", "conv1.b"], ["c1"], name="conv1",
                         pads=[2, 2, 2, 2]),
        helper.make_node("Relu", ["c1"], ["r1"], name="relu1"),
        helper.make_node("MaxPool", ["r1"], ["p1"], name="pool1", kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("Conv", ["p1", "conv2.w", "conv2.b"], ["c2"], name="conv2"),
        helper.make_node("Relu", ["c2"], ["r2"], name="relu2"),
        helper.make_node("MaxPool", ["r2"], ["p2"], name="pool2", kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("Flatten", ["p2"], ["f"], name="flatten", axis=1),
        helper.make_node("Gemm", ["f", "fc1.w", "fc1.b"], ["g1"], name="fc1", transB=1),
        helper.make_node("Relu", ["g1"], ["a1"], name="relu3"),
        helper.make_node("Gemm", ["a1", "fc2.w", "fc2.b"], ["g2"], name="fc2", transB=1),
        helper.make_node("Relu", ["g2"], ["a2"], name="relu4"),
        helper.make_node("Gemm", ["a2", "fc3.w", "fc3.b"], ["logits"], name="fc3", transB=1),
    ]
    return _model(nodes, "lenet5",
                  [helper.make_tensor_value_info("image", TensorProto.FLOAT, [batch, 1, 28, 28])],
                  [helper.make_tensor_value_info("logits", TensorProto.FLOAT, [batch, 10])], inits)


def residual_block(batch: int | str = 1, channels: int = 16, size: int = 16,
                   seed: int = 0) -> onnx.ModelProto:
    rng = np.random.default_rng(seed)
    c = channels
    inits = [_weights(rng, "stem.w", (c, 3, 3, 3)), _weights(rng, "stem.b", (c,)),
             _weights(rng, "conv_a.w", (c, c, 3, 3)), _weights(rng, "conv_a.b", (c,)),
             _weights(rng, "conv_b.w", (c, c, 3, 3)), _weights(rng, "conv_b.b", (c,)),
             _weights(rng, "fc.w", (c * (size // 2) ** 2, 10)), _weights(rng, "fc.b", (10,)),
             numpy_helper.from_array(np.array([batch if isinstance(batch, int) else -1, -1],
                                              dtype=np.int64), "flat_shape")]
    nodes = [
        helper.make_node("Conv", ["x", "stem.w", "stem.b"], ["s"], name="stem", pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["s"], ["s_act"], name="stem_relu"),
        helper.make_node("Conv", ["s_act", "conv_a.w", "conv_a.b"], ["a"], name="conv_a",
                         pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["a"], ["a_act"], name="relu_a"),
        helper.make_node("Conv", ["a_act", "conv_b.w", "conv_b.b"], ["b"], name="conv_b",
                         pads=[1, 1, 1, 1]),
        helper.make_node("Add", ["b", "s_act"], ["res"], name="residual_add"),
        helper.make_node("Relu", ["res"], ["res_act"], name="relu_out"),
        helper.make_node("AveragePool", ["res_act"], ["pooled"], name="pool", kernel_shape=[2, 2],
                         strides=[2, 2]),
        helper.make_node("Reshape", ["pooled", "flat_shape"], ["flat"], name="flatten"),
        helper.make_node("MatMul", ["flat", "fc.w"], ["mm"], name="fc"),
        helper.make_node("Add", ["mm", "fc.b"], ["logits"], name="fc_bias"),
    ]
    return _model(nodes, "residual_block",
                  [helper.make_tensor_value_info("x", TensorProto.FLOAT, [batch, 3, size, size])],
                  [helper.make_tensor_value_info("logits", TensorProto.FLOAT, [batch, 10])], inits)


MODELS = {"mlp": mlp, "lenet5": lenet5, "residual_block": residual_block}
BUNDLED_MODEL = Path(__file__).with_name("lenet5.onnx")


def random_inputs(model: onnx.ModelProto, seed: int = 1) -> dict[str, np.ndarray]:
    """Seeded random feeds for a model's inputs (static dims only)."""
    rng = np.random.default_rng(seed)
    init = {t.name for t in model.graph.initializer}
    feeds = {}
    for info in model.graph.input:
        if info.name in init:
            continue
        dims = [d.dim_value for d in info.type.tensor_type.shape.dim]
        feeds[info.name] = rng.standard_normal(dims).astype(np.float32)
    return feeds


if __name__ == "__main__":
    onnx.save(lenet5(), BUNDLED_MODEL)
    print(f"wrote {BUNDLED_MODEL}")
