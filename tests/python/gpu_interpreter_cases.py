"""Numerical cases of the GPU path, run under Triton's interpreter (CPU torch tensors).

Run in its own process (``TRITON_INTERPRET=1`` must be set before Triton is imported, and an
interpreter process cannot compile for a GPU target): ``python gpu_interpreter_cases.py GROUP``
prints one JSON line per case ({"case", "ok", "max_err", "error"}); test_gpu_interpreter.py
runs the groups and asserts on the lines.  Shapes are small: the interpreter is slow.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
import warnings

os.environ["TRITON_INTERPRET"] = "1"
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import onnx  # noqa: E402
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "examples"))

from numerics import random_feeds, run_onnxruntime, single_node_model  # noqa: E402

F32, F16 = np.float32, np.float16


def to_f16(model: onnx.ModelProto) -> onnx.ModelProto:
    """The same model in float16: float initializers and float inputs/outputs converted."""
    m = onnx.ModelProto()
    m.CopyFrom(model)
    for init in m.graph.initializer:
        if init.data_type == TensorProto.FLOAT:
            init.CopyFrom(numpy_helper.from_array(numpy_helper.to_array(init).astype(np.float16), init.name))
    for value in list(m.graph.input) + list(m.graph.output) + list(m.graph.value_info):
        if value.type.tensor_type.elem_type == TensorProto.FLOAT:
            value.type.tensor_type.elem_type = TensorProto.FLOAT16
    return m


def check(name: str, model: onnx.ModelProto, feeds=None, rtol=1e-4, atol=1e-5, reference=None,
          torch_inputs: bool = False) -> dict:
    """Compile for the GPU, run in the interpreter, compare with onnxruntime (or ``reference``)."""
    import onnx_mlir

    try:
        feeds = feeds if feeds is not None else random_feeds(model)
        want = reference(feeds) if reference is not None else run_onnxruntime(model, feeds)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            compiled = onnx_mlir.compile(model, target="gpu")
            if torch_inputs:
                import torch
                got = [r.numpy() for r in compiled.run(None, {k: torch.from_numpy(v) for k, v in feeds.items()})]
            else:
                got = compiled.run(None, feeds)
        fallbacks = [str(w.message) for w in caught if "runs on the CPU" in str(w.message)]
        err = 0.0
        for g, w in zip(got, want):
            assert g.shape == w.shape and g.dtype == w.dtype, f"{g.shape}/{g.dtype} vs {w.shape}/{w.dtype}"
            np.testing.assert_allclose(g.astype(np.float64), w.astype(np.float64), rtol=rtol, atol=atol)
            err = max(err, float(np.max(np.abs(g.astype(np.float64) - w.astype(np.float64)), initial=0)))
        kinds = sorted({k.kind for k in compiled.kernels.values() if not isinstance(k, str)})
        launched = ["fallback" if isinstance(k, str) else k.kind for k in compiled.kernels.values()]
        return {"case": name, "ok": True, "max_err": err, "kinds": kinds, "fallbacks": fallbacks,
                "kernels": launched}
    except Exception as exc:  # noqa: BLE001 - reported to the pytest side
        return {"case": name, "ok": False, "error": f"{type(exc).__name__}: {exc}",
                "trace": traceback.format_exc()[-2000:]}


def _node(op, inputs, outputs, inits=None, **attrs):
    return single_node_model(op, inputs, outputs, initializers=inits, **attrs)


def _graph(nodes, inputs, outputs, inits=()):
    graph = helper.make_graph(nodes, "g", [helper.make_tensor_value_info(*i) for i in inputs],
                              [helper.make_tensor_value_info(*o) for o in outputs], list(inits))
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    return onnx.shape_inference.infer_shapes(model)


def _tol(dt):
    return dict(rtol=1e-4, atol=1e-5) if dt == F32 else dict(rtol=2e-2, atol=2e-2)


def group_pointwise_reduction() -> list[dict]:
    out = []
    for dt, suffix in ((F32, "f32"), (F16, "f16")):
        et = helper.np_dtype_to_tensor_dtype(np.dtype(dt))
        chain = _graph([helper.make_node("Add", ["x", "b"], ["s"]), helper.make_node("Relu", ["s"], ["r"]),
                        helper.make_node("Mul", ["r", "x"], ["y"])],
                       [("x", et, [3, 5, 7]), ("b", et, [5, 1])], [("y", et, None)])
        out.append(check(f"pointwise_chain_{suffix}", chain, **_tol(dt)))
        out.append(check(f"global_avg_pool_{suffix}", _node("GlobalAveragePool", [("x", dt, [2, 3, 9, 11])],
                                                             [("y", dt, None)]), **_tol(dt)))
        out.append(check(f"max_pool_{suffix}", _node("MaxPool", [("x", dt, [1, 3, 9, 9])], [("y", dt, None)],
                                                     kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1]),
                         **_tol(dt)))
    out.append(check("avg_pool_pads_f32", _node("AveragePool", [("x", F32, [1, 2, 7, 7])], [("y", F32, None)],
                                                kernel_shape=[3, 3], pads=[1, 1, 1, 1],
                                                count_include_pad=0)))
    out.append(check("div_broadcast_torch_inputs_f32",
                     _node("Div", [("a", F32, [4, 1, 6]), ("b", F32, [3, 1])], [("c", F32, None)]),
                     torch_inputs=True))
    out.append(host_fallback_case())
    out.append(int_max_reduction_case())
    # Split (extract_slice: strided loads) and Concat (insert_slice chain: selected loads)
    split = _graph([helper.make_node("Split", ["x", "s"], ["a", "b", "c"], axis=1),
                    helper.make_node("Relu", ["a"], ["ra"]), helper.make_node("Add", ["b", "b"], ["bb"]),
                    helper.make_node("Concat", ["a", "ra", "c"], ["cat"], axis=1)],
                   [("x", TensorProto.FLOAT, [2, 9, 5])], [(n, TensorProto.FLOAT, None) for n in ("bb", "cat")],
                   [numpy_helper.from_array(np.array([2, 3, 4], np.int64), "s")])
    out.append(check("split_concat_f32", split))
    return out


INT_MAX = """
#id = affine_map<(d0, d1) -> (d0, d1)>
#red = affine_map<(d0, d1) -> (d0)>
func.func @main_graph(%x: tensor<5x37xi32>) -> tensor<5xi32> {
  %lo = arith.constant -2147483648 : i32
  %e = tensor.empty() : tensor<5xi32>
  %f = linalg.fill ins(%lo : i32) outs(%e : tensor<5xi32>) -> tensor<5xi32>
  %m = linalg.generic {indexing_maps = [#id, #red], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<5x37xi32>) outs(%f : tensor<5xi32>) {
  ^bb0(%in: i32, %out: i32):
    %r = arith.maxsi %in, %out : i32
    linalg.yield %r : i32
  } -> tensor<5xi32>
  return %m : tensor<5xi32>
}
"""


def int_max_reduction_case() -> dict:
    """An integer max reduction (no NaN handling, integer neutral element)."""
    from mlir import ir

    from onnx_mlir.dialects import make_context
    from onnx_mlir.compiler import gpu_artifact_from_linalg
    from onnx_mlir.runtime.gpu_model import GpuModel

    try:
        model = GpuModel.load(gpu_artifact_from_linalg(ir.Module.parse(INT_MAX, make_context())))
        x = np.random.default_rng(0).integers(-1000, 1000, (5, 37)).astype(np.int32)
        (got,) = model.run(None, {"input_0": x})
        np.testing.assert_array_equal(got, x.max(axis=1))
        return {"case": "reduction_max_i32", "ok": True, "max_err": 0.0, "kinds": ["reduction"],
                "fallbacks": []}
    except Exception as exc:  # noqa: BLE001
        return {"case": "reduction_max_i32", "ok": False, "error": f"{type(exc).__name__}: {exc}",
                "trace": traceback.format_exc()[-2000:]}


SOFTMAX_CONCAT = """
#id = affine_map<(d0, d1) -> (d0, d1)>
#red = affine_map<(d0, d1) -> (d0)>
func.func @main_graph(%x: tensor<4x16xf32>) -> tensor<8x16xf32> {
  %ninf = arith.constant 0xFF800000 : f32
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<4xf32>
  %m0 = linalg.fill ins(%ninf : f32) outs(%e1 : tensor<4xf32>) -> tensor<4xf32>
  %max = linalg.generic {indexing_maps = [#id, #red], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<4x16xf32>) outs(%m0 : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %out : f32
    linalg.yield %m : f32
  } -> tensor<4xf32>
  %e = tensor.empty() : tensor<4x16xf32>
  %ex = linalg.generic {indexing_maps = [#id, #red, #id], iterator_types = ["parallel", "parallel"]} ins(%x, %max : tensor<4x16xf32>, tensor<4xf32>) outs(%e : tensor<4x16xf32>) {
  ^bb0(%in: f32, %mx: f32, %out: f32):
    %d = arith.subf %in, %mx : f32
    %y = math.exp %d : f32
    linalg.yield %y : f32
  } -> tensor<4x16xf32>
  %s0 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<4xf32>) -> tensor<4xf32>
  %sum = linalg.generic {indexing_maps = [#id, #red], iterator_types = ["parallel", "reduction"]} ins(%ex : tensor<4x16xf32>) outs(%s0 : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %a = arith.addf %in, %out : f32
    linalg.yield %a : f32
  } -> tensor<4xf32>
  %sm = linalg.generic {indexing_maps = [#id, #red, #id], iterator_types = ["parallel", "parallel"]} ins(%ex, %sum : tensor<4x16xf32>, tensor<4xf32>) outs(%e : tensor<4x16xf32>) {
  ^bb0(%in: f32, %s: f32, %out: f32):
    %q = arith.divf %in, %s : f32
    linalg.yield %q : f32
  } -> tensor<4x16xf32>
  %c = tensor.concat dim(0) %sm, %x : (tensor<4x16xf32>, tensor<4x16xf32>) -> tensor<8x16xf32>
  return %c : tensor<8x16xf32>
}
"""


def host_fallback_case() -> dict:
    """A softmax (GPU kernels) followed by tensor.concat (no GPU lowering: CPU backend, warned)."""
    from mlir import ir

    from onnx_mlir.dialects import make_context
    from onnx_mlir.compiler import gpu_artifact_from_linalg
    from onnx_mlir.runtime.gpu_model import GpuModel

    try:
        module = ir.Module.parse(SOFTMAX_CONCAT, make_context())
        x = np.random.default_rng(3).standard_normal((4, 16)).astype(np.float32)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            model = GpuModel.load(gpu_artifact_from_linalg(module))
        (got,) = model.run(None, {"input_0": x})
        e = np.exp(x - x.max(axis=1, keepdims=True))
        want = np.concatenate([e / e.sum(axis=1, keepdims=True), x])
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)
        fallbacks = [str(w.message) for w in caught if "runs on the CPU" in str(w.message)]
        assert len(fallbacks) == 1 and "tensor.concat" in fallbacks[0], fallbacks
        kinds = sorted({k.kind for k in model.kernels.values() if not isinstance(k, str)})
        return {"case": "host_fallback_concat", "ok": True, "max_err": float(np.abs(got - want).max()),
                "kinds": kinds, "fallbacks": fallbacks}
    except Exception as exc:  # noqa: BLE001
        return {"case": "host_fallback_concat", "ok": False, "error": f"{type(exc).__name__}: {exc}",
                "trace": traceback.format_exc()[-2000:]}


def group_matmul() -> list[dict]:
    out = []
    rng = np.random.default_rng(0)
    for dt, suffix in ((F32, "f32"), (F16, "f16")):
        out.append(check(f"matmul_edges_{suffix}", _node("MatMul", [("a", dt, [33, 70]), ("b", dt, [70, 20])],
                                                         [("c", dt, None)]), **_tol(dt)))
        w = rng.uniform(-1, 1, (24, 40)).astype(dt)
        bias = rng.uniform(-1, 1, (24,)).astype(dt)
        out.append(check(f"gemm_transb_bias_{suffix}",
                         _node("Gemm", [("x", dt, [5, 40]), ("w", dt, [24, 40]), ("bias", dt, [24])],
                               [("y", dt, None)], {"w": w, "bias": bias}, transB=1, alpha=0.5, beta=2.0),
                         **_tol(dt)))
    out.append(check("batch_matmul_f32", _node("MatMul", [("a", F32, [2, 5, 7]), ("b", F32, [2, 7, 3])],
                                               [("c", F32, None)])))
    out.append(check("matmul_broadcast_b_f32", _node("MatMul", [("a", F32, [2, 3, 4, 8]), ("b", F32, [8, 5])],
                                                     [("c", F32, None)])))
    return out


def group_conv() -> list[dict]:
    out = []
    rng = np.random.default_rng(1)
    for dt, suffix in ((F32, "f32"), (F16, "f16")):
        w = rng.uniform(-0.5, 0.5, (6, 3, 3, 3)).astype(dt)
        b = rng.uniform(-0.5, 0.5, (6,)).astype(dt)
        out.append(check(f"conv_pads_strides_{suffix}",
                         _node("Conv", [("x", dt, [2, 3, 9, 10]), ("w", dt, w.shape), ("b", dt, [6])],
                               [("y", dt, None)], {"w": w, "b": b}, pads=[1, 2, 1, 0], strides=[2, 1]),
                         **_tol(dt)))
    w = rng.uniform(-0.5, 0.5, (4, 1, 3, 3)).astype(F32)
    out.append(check("conv_depthwise_dilated_f32",
                     _node("Conv", [("x", F32, [1, 4, 8, 8]), ("w", F32, w.shape)], [("y", F32, None)],
                           {"w": w}, group=4, pads=[2, 2, 2, 2], dilations=[2, 2])))
    w = rng.uniform(-0.5, 0.5, (4, 2, 3, 3)).astype(F32)
    out.append(check("conv_grouped_f32",  # linalg.conv_2d_ngchw_gfchw: generalized, reduction kernel
                     _node("Conv", [("x", F32, [1, 4, 6, 6]), ("w", F32, w.shape)], [("y", F32, None)],
                           {"w": w}, group=2)))
    return out


def _models(f16: bool) -> list[dict]:
    from models import MODELS, random_inputs

    out = []
    for name, build in MODELS.items():
        model = build()
        feeds = random_inputs(model)
        if not f16:
            out.append(check(f"model_{name}_f32", model, feeds, rtol=1e-4, atol=1e-4))
            continue
        feeds16 = {k: v.astype(np.float16) for k, v in feeds.items()}

        def reference(_feeds, model=model, feeds16=feeds16):
            # f32 onnxruntime on the same (f16-rounded) inputs and weights
            m32 = onnx.ModelProto()
            m32.CopyFrom(to_f16(model))
            for init in m32.graph.initializer:
                if init.data_type == TensorProto.FLOAT16:
                    init.CopyFrom(numpy_helper.from_array(numpy_helper.to_array(init).astype(np.float32), init.name))
            for value in list(m32.graph.input) + list(m32.graph.output):
                if value.type.tensor_type.elem_type == TensorProto.FLOAT16:
                    value.type.tensor_type.elem_type = TensorProto.FLOAT
            want = run_onnxruntime(m32, {k: v.astype(np.float32) for k, v in feeds16.items()})
            return [w.astype(np.float16) for w in want]

        out.append(check(f"model_{name}_f16", to_f16(model), feeds16, rtol=2e-2, atol=2e-2,
                         reference=reference))
    return out


def _row_check(name: str, model: onnx.ModelProto, dt, kernels: list[str], **tol) -> dict:
    """check() of a row-reduction model; also records the kernel kinds in launch order."""
    tol = tol or (dict(rtol=5e-3, atol=2e-3) if dt == F16 else dict(rtol=1e-5, atol=1e-6))
    result = check(name, model, **tol)
    result["expected_kernels"] = kernels
    return result


def group_rows() -> list[dict]:
    """Softmax, LogSoftmax, LayerNormalization (one row kernel each) and an attention block."""
    import gpu_row_models as rows

    out = []
    for dt, suffix in ((F32, "f32"), (F16, "f16")):
        out.append(_row_check(f"softmax_3x37_{suffix}", rows.softmax([3, 37], dtype=dt), dt, ["reduction"]))
        out.append(_row_check(f"log_softmax_2x3x20_{suffix}", rows.softmax([2, 3, 20], dtype=dt, op="LogSoftmax"),
                              dt, ["reduction"]))
        out.append(_row_check(f"layer_norm_5x48_{suffix}", rows.layer_norm([5, 48], dtype=dt), dt, ["reduction"]))
        out.append(_row_check(f"attention_block_{suffix}", rows.attention_block(dtype=dt), dt,
                              ["matmul"] * 4 + ["reduction", "matmul"],
                              **(dict(rtol=2e-2, atol=5e-3) if dt == F16 else dict(rtol=1e-4, atol=1e-5))))
    out.append(_row_check("softmax_axis1_2x6x5_f32", rows.softmax([2, 6, 5], axis=1), F32, ["reduction"]))
    out.append(_row_check("layer_norm_axis-2_stats_2x3x8_f32",
                          rows.layer_norm([2, 3, 8], axis=-2, bias=False, stats=True), F32, ["reduction"]))
    # other row reductions of the ONNX lowering: statistics over several dims, all dims, axis 0
    out.append(_row_check("instance_norm_2x3x5x5_f32", _node(
        "InstanceNormalization", [("x", F32, [2, 3, 5, 5]), ("s", F32, [3]), ("b", F32, [3])],
        [("y", F32, None)]), F32, ["reduction"], rtol=1e-4, atol=1e-5))
    out.append(_row_check("group_norm_2x4x3x3_f32", single_node_model(
        "GroupNormalization", [("x", F32, [2, 4, 3, 3]), ("s", F32, [4]), ("b", F32, [4])],
        [("y", F32, [2, 4, 3, 3])], opset=21, num_groups=2), F32, ["reduction"], rtol=1e-4, atol=1e-5))
    out.append(_row_check("rms_norm_3x7_f32", single_node_model(
        "RMSNormalization", [("x", F32, [3, 7]), ("s", F32, [7])], [("y", F32, None)], opset=23),
        F32, ["reduction"], rtol=1e-4, atol=1e-5))
    out.append(_row_check("layer_norm_all_dims_3x4_f32", single_node_model(
        "LayerNormalization", [("x", F32, [3, 4]), ("s", F32, [3, 4])], [("y", F32, None)], axis=0),
        F32, ["reduction"], rtol=1e-4, atol=1e-5))
    out.append(_row_check("softmax_1d_7_f32", rows.softmax([7], axis=0), F32, ["reduction"]))
    out.append(_row_check("reduce_log_sum_exp_3x7_f32", _node(
        "ReduceLogSumExp", [("x", F32, [3, 7])], [("y", F32, None)], keepdims=0), F32, ["reduction"],
        rtol=1e-5, atol=1e-5))
    out.append(decomposed_layer_norm_case())
    # rows longer than reduction.ROW_SINGLE_MAX: the multi-pass kernel
    out.append(_row_check("softmax_multipass_2x9000_f32", rows.softmax([2, 9000]), F32, ["reduction"]))
    out.append(_row_check("layer_norm_multipass_2x9000_f32", rows.layer_norm([2, 9000]), F32, ["reduction"],
                          rtol=1e-4, atol=1e-5))
    return out


DECOMPOSED_LAYER_NORM = """
#id = affine_map<(d0, d1) -> (d0, d1)>
#red = affine_map<(d0, d1) -> (d0)>
#col = affine_map<(d0, d1) -> (d1)>
#tr = affine_map<(d0, d1) -> (d1, d0)>
#id1 = affine_map<(d0) -> (d0)>
func.func @main_graph(%x: tensor<5x24xf32>, %g: tensor<24xf32>) -> (tensor<5x24xf32>, tensor<24xf32>, tensor<24x5xf32>) {
  %zero = arith.constant 0.0 : f32
  %n = arith.constant 24.0 : f32
  %eps = arith.constant 1.0e-5 : f32
  %e1 = tensor.empty() : tensor<5xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e1 : tensor<5xf32>) -> tensor<5xf32>
  %sum = linalg.generic {indexing_maps = [#id, #red], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<5x24xf32>) outs(%z : tensor<5xf32>) {
  ^bb0(%in: f32, %out: f32):
    %a = arith.addf %in, %out : f32
    linalg.yield %a : f32
  } -> tensor<5xf32>
  %mean = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]} ins(%sum : tensor<5xf32>) outs(%e1 : tensor<5xf32>) {
  ^bb0(%in: f32, %out: f32):
    %d = arith.divf %in, %n : f32
    linalg.yield %d : f32
  } -> tensor<5xf32>
  %e = tensor.empty() : tensor<5x24xf32>
  %xc = linalg.generic {indexing_maps = [#id, #red, #id], iterator_types = ["parallel", "parallel"]} ins(%x, %mean : tensor<5x24xf32>, tensor<5xf32>) outs(%e : tensor<5x24xf32>) {
  ^bb0(%in: f32, %m: f32, %out: f32):
    %d = arith.subf %in, %m : f32
    linalg.yield %d : f32
  } -> tensor<5x24xf32>
  %sq = linalg.generic {indexing_maps = [#id, #red], iterator_types = ["parallel", "reduction"]} ins(%xc : tensor<5x24xf32>) outs(%z : tensor<5xf32>) {
  ^bb0(%in: f32, %out: f32):
    %p = arith.mulf %in, %in : f32
    %a = arith.addf %p, %out : f32
    linalg.yield %a : f32
  } -> tensor<5xf32>
  %rstd = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]} ins(%sq : tensor<5xf32>) outs(%e1 : tensor<5xf32>) {
  ^bb0(%in: f32, %out: f32):
    %v = arith.divf %in, %n : f32
    %w = arith.addf %v, %eps : f32
    %r = math.rsqrt %w : f32
    linalg.yield %r : f32
  } -> tensor<5xf32>
  %y = linalg.generic {indexing_maps = [#id, #red, #col, #id], iterator_types = ["parallel", "parallel"]} ins(%xc, %rstd, %g : tensor<5x24xf32>, tensor<5xf32>, tensor<24xf32>) outs(%e : tensor<5x24xf32>) {
  ^bb0(%in: f32, %r: f32, %s: f32, %out: f32):
    %m = arith.mulf %in, %r : f32
    %o = arith.mulf %m, %s : f32
    linalg.yield %o : f32
  } -> tensor<5x24xf32>
  %e16 = tensor.empty() : tensor<24xf32>
  %z16 = linalg.fill ins(%zero : f32) outs(%e16 : tensor<24xf32>) -> tensor<24xf32>
  %cols = linalg.generic {indexing_maps = [#tr, #red], iterator_types = ["parallel", "reduction"]} ins(%y : tensor<5x24xf32>) outs(%z16 : tensor<24xf32>) {
  ^bb0(%in: f32, %out: f32):
    %a = arith.addf %in, %out : f32
    linalg.yield %a : f32
  } -> tensor<24xf32>
  %et = tensor.empty() : tensor<24x5xf32>
  %t = linalg.generic {indexing_maps = [#col, #id], iterator_types = ["parallel", "parallel"]} ins(%rstd : tensor<5xf32>) outs(%et : tensor<24x5xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<24x5xf32>
  return %y, %cols, %t : tensor<5x24xf32>, tensor<24xf32>, tensor<24x5xf32>
}
"""


def decomposed_layer_norm_case() -> dict:
    """A layer norm written out in generics (x - mean shared by the variance and the output), one
    row kernel storing y and the per-row rstd, then a column reduction of y and a transpose of
    rstd in kernels of their own (tests/lit/gpu/grouping.mlir groups the same function)."""
    from mlir import ir

    from onnx_mlir.dialects import make_context
    from onnx_mlir.compiler import gpu_artifact_from_linalg
    from onnx_mlir.runtime.gpu_model import GpuModel

    name = "decomposed_layer_norm_f32"
    try:
        model = GpuModel.load(gpu_artifact_from_linalg(ir.Module.parse(DECOMPOSED_LAYER_NORM, make_context())))
        rng = np.random.default_rng(5)
        x = rng.standard_normal((5, 24)).astype(np.float32)
        g = rng.uniform(0.5, 1.5, 24).astype(np.float32)
        y, cols, t = model.run(None, {"input_0": x, "input_1": g})
        xc = x - x.mean(axis=1, keepdims=True)
        rstd = 1 / np.sqrt((xc * xc).mean(axis=1) + 1e-5)
        want_y = xc * rstd[:, None] * g
        for got, want in ((y, want_y), (cols, want_y.sum(axis=0)), (t, np.broadcast_to(rstd, (24, 5)))):
            np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)
        kernels = ["fallback" if isinstance(k, str) else k.kind for k in model.kernels.values()]
        return {"case": name, "ok": True, "max_err": float(np.abs(y - want_y).max()), "kinds": sorted(set(kernels)),
                "fallbacks": [], "kernels": kernels, "expected_kernels": ["reduction", "reduction", "pointwise"]}
    except Exception as exc:  # noqa: BLE001
        return {"case": name, "ok": False, "error": f"{type(exc).__name__}: {exc}",
                "trace": traceback.format_exc()[-2000:]}


def group_templates() -> list[dict]:
    """The standalone launchers of triton_kernels/ against torch."""
    import torch
    import torch.nn.functional as F

    from onnx_mlir.triton_kernels import conv, matmul

    out = []
    g = torch.Generator().manual_seed(0)
    cases = {
        "template_matmul_bias_relu": lambda: (
            matmul.matmul(a := torch.randn(37, 45, generator=g), b := torch.randn(45, 29, generator=g),
                          bias := torch.randn(29, generator=g), relu=True),
            torch.relu(a @ b + bias)),
        "template_conv2d": lambda: (
            conv.conv2d(x := torch.randn(2, 3, 11, 9, generator=g), w := torch.randn(5, 3, 3, 3, generator=g),
                        stride=(2, 1), padding=(1, 1)),
            F.conv2d(x, w, stride=(2, 1), padding=(1, 1))),
        "template_depthwise": lambda: (
            conv.depthwise_conv2d(x := torch.randn(1, 4, 7, 7, generator=g), w := torch.randn(4, 1, 3, 3, generator=g),
                                  padding=(1, 1)),
            F.conv2d(x, w, padding=(1, 1), groups=4)),
    }
    for name, fn in cases.items():
        try:
            got, want = fn()
            torch.testing.assert_close(got, want, rtol=1e-4, atol=1e-4)
            out.append({"case": name, "ok": True, "max_err": float((got - want).abs().max())})
        except Exception as exc:  # noqa: BLE001
            out.append({"case": name, "ok": False, "error": f"{type(exc).__name__}: {exc}",
                        "trace": traceback.format_exc()[-2000:]})
    return out


GROUPS = {
    "pointwise_reduction": group_pointwise_reduction,
    "matmul": group_matmul,
    "conv": group_conv,
    "templates": group_templates,
    "rows": group_rows,
    "models_f32": lambda: _models(False),
    "models_f16": lambda: _models(True),
}

if __name__ == "__main__":
    for group in sys.argv[1:] or list(GROUPS):
        for result in GROUPS[group]():
            print(json.dumps(result), flush=True)
