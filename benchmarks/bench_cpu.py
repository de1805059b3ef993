"""CPU benchmarks (not run by the tests).

    python benchmarks/bench_cpu.py                 # bundled MLP model + 512^3 matmul
    python benchmarks/bench_cpu.py model.onnx -n 20
    python benchmarks/bench_cpu.py --matmul 1024   # matmul microbenchmark only

Model: onnx_mlir.compile vs onnxruntime (1 thread each, or --threads N for both) on random inputs, median of N runs, ratio.
Matmul: linalg.matmul through the CPU pipeline, GFLOP/s, next to numpy's.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np


def median_seconds(fn, n: int) -> float:
    fn()  # warm up (page faults, lazy binding)
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def bundled_model():
    """A small MLP: MatMul + Add + Relu, twice, batch 64."""
    from onnx import TensorProto, helper, numpy_helper

    rng = np.random.default_rng(0)
    inits = [numpy_helper.from_array(rng.standard_normal(s).astype(np.float32) * 0.1, n)
             for n, s in [("w1", (512, 1024)), ("b1", (1024,)), ("w2", (1024, 256)), ("b2", (256,))]]
    nodes = [helper.make_node("MatMul", ["x", "w1"], ["h"]), helper.make_node("Add", ["h", "b1"], ["hb"]),
             helper.make_node("Relu", ["hb"], ["r"]), helper.make_node("MatMul", ["r", "w2"], ["o"]),
             helper.make_node("Add", ["o", "b2"], ["y"])]
    graph = helper.make_graph(nodes, "mlp", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [64, 512])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [64, 256])], inits)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])


def random_feeds(model) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(1)
    feeds = {}
    for info in model.get_inputs():
        shape = [d if isinstance(d, int) else 1 for d in info.shape]
        if info.dtype.kind == "f":
            feeds[info.name] = rng.standard_normal(shape).astype(info.dtype)
        elif info.dtype.kind == "b":
            feeds[info.name] = rng.random(shape) > 0.5
        else:
            feeds[info.name] = rng.integers(0, 4, shape).astype(info.dtype)
    return feeds


def bench_model(model_arg, n: int, threads: int = 1) -> None:
    import onnx
    import onnxruntime as ort

    import onnx_mlir

    proto = onnx.load(model_arg) if isinstance(model_arg, str) else model_arg
    t = time.perf_counter()
    compiled = onnx_mlir.compile(proto, num_threads=threads)
    print(f"compile: {time.perf_counter() - t:.2f} s")
    feeds = random_feeds(compiled)
    opts = ort.SessionOptions()
    opts.intra_op_num_threads, opts.inter_op_num_threads = threads, 1
    session = ort.InferenceSession(proto.SerializeToString(), opts, providers=["CPUExecutionProvider"])
    ours, theirs = compiled.run(None, feeds), session.run(None, feeds)
    err = max(float(np.max(np.abs(a.astype(np.float64) - b))) if a.size else 0.0 for a, b in zip(ours, theirs))
    t_ours = median_seconds(lambda: compiled.run(None, feeds), n)
    t_ort = median_seconds(lambda: session.run(None, feeds), n)
    print(f"onnx_mlir {t_ours * 1e3:.3f} ms  onnxruntime {t_ort * 1e3:.3f} ms  "
          f"ratio (ours/ort) {t_ours / t_ort:.2f}  max abs diff {err:.2e}")


def bench_matmul(size: int, n: int) -> None:
    from mlir import ir

    from onnx_mlir.compiler import cpu_artifact_from_linalg
    from onnx_mlir.runtime.compiled_model import CompiledModel

    s = size
    text = f"""func.func @main_graph(%a: tensor<{s}x{s}xf32>, %b: tensor<{s}x{s}xf32>) -> tensor<{s}x{s}xf32> {{
  %c = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<{s}x{s}xf32>
  %z = linalg.fill ins(%c : f32) outs(%e : tensor<{s}x{s}xf32>) -> tensor<{s}x{s}xf32>
  %m = linalg.matmul ins(%a, %b : tensor<{s}x{s}xf32>, tensor<{s}x{s}xf32>) outs(%z : tensor<{s}x{s}xf32>) -> tensor<{s}x{s}xf32>
  return %m : tensor<{s}x{s}xf32>
}}"""
    model = CompiledModel.load(cpu_artifact_from_linalg(ir.Module.parse(text, ir.Context())))
    rng = np.random.default_rng(0)
    a, b = rng.random((s, s), np.float32), rng.random((s, s), np.float32)
    feeds = {"input_0": a, "input_1": b}
    (y,) = model.run(None, feeds)
    assert np.allclose(y, a @ b, rtol=1e-3, atol=1e-2)
    flops = 2 * s ** 3
    ours = flops / median_seconds(lambda: model.run(None, feeds), n) / 1e9
    ref = flops / median_seconds(lambda: a @ b, n) / 1e9
    print(f"matmul {s}^3 f32: onnx_mlir {ours:.1f} GFLOP/s  numpy {ref:.1f} GFLOP/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", nargs="?", help="ONNX model (default: a bundled MLP)")
    parser.add_argument("-n", type=int, default=20, help="timed runs (median)")
    parser.add_argument("--matmul", type=int, default=512, help="matmul size (0 to skip)")
    parser.add_argument("--matmul-only", action="store_true")
    parser.add_argument("--threads", type=int, default=1,
                        help="threads for onnx_mlir (num_threads) and onnxruntime (intra-op)")
    args = parser.parse_args()
    if not args.matmul_only:
        bench_model(args.model or bundled_model(), args.n, args.threads)
    if args.matmul:
        bench_matmul(args.matmul, args.n)


if __name__ == "__main__":
    main()
