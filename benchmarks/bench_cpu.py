"""CPU benchmarks (not run by the tests).

    python benchmarks/bench_cpu.py                 # bundled MLP model + 512^3 matmul
    python benchmarks/bench_cpu.py model.onnx -n 20
    python benchmarks/bench_cpu.py --matmul 1024   # matmul microbenchmark only
    python benchmarks/bench_cpu.py --suite         # six models vs onnxruntime at 1 and 2 threads
    python benchmarks/bench_cpu.py --suite resnet18,bert --dynamic-batch --threads 1
    python benchmarks/bench_cpu.py --suite --write-results   # and append the table to RESULTS.md
    python benchmarks/bench_cpu.py --profile resnet18        # per-node profile of one model
    python benchmarks/bench_cpu.py --overhead      # run() overhead in microseconds

Model: onnx_mlir.compile vs onnxruntime (1 thread each, or --threads N for both) on random inputs, median of N runs, ratio.
Matmul: linalg.matmul through the CPU pipeline, GFLOP/s, next to numpy's.
Suite (suite.py): MLP (bundled), LeNet-5 (examples/lenet5.onnx), ResNet-18, MobileNetV2, a
BERT-style encoder and a GPT-2-style block (benchmarks/models/export.py; static ones from
--models-dir when there), ours/onnxruntime ratios, geomeans, compile times, the host's CPU and ISA.
``--profile`` takes a suite model name or an .onnx path.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

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
    return _mlp(64)


def _mlp(batch):
    from onnx import TensorProto, helper, numpy_helper

    rng = np.random.default_rng(0)
    inits = [numpy_helper.from_array(rng.standard_normal(s).astype(np.float32) * 0.1, n)
             for n, s in [("w1", (512, 1024)), ("b1", (1024,)), ("w2", (1024, 256)), ("b2", (256,))]]
    nodes = [helper.make_node("MatMul", ["x", "w1"], ["h"]), helper.make_node("Add", ["h", "b1"], ["hb"]),
             helper.make_node("Relu", ["hb"], ["r"]), helper.make_node("MatMul", ["r", "w2"], ["o"]),
             helper.make_node("Add", ["o", "b2"], ["y"])]
    graph = helper.make_graph(nodes, "mlp", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [batch, 512])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [batch, 256])], inits)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])


def random_feeds_for(proto) -> dict[str, np.ndarray]:
    """Random feeds for the graph inputs of an ONNX model (symbolic dims = 1)."""
    from onnx import helper

    initializers = {i.name for i in proto.graph.initializer}
    specs = []
    for value in proto.graph.input:
        if value.name in initializers:
            continue
        t = value.type.tensor_type
        shape = [d.dim_value if d.HasField("dim_value") else 1 for d in t.shape.dim]
        specs.append((value.name, shape, np.dtype(helper.tensor_dtype_to_np_dtype(t.elem_type))))
    return _random(specs)


def random_feeds(model) -> dict[str, np.ndarray]:
    return _random([(i.name, [d if isinstance(d, int) else 1 for d in i.shape], i.dtype)
                    for i in model.get_inputs()])


def _random(specs) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(1)
    feeds = {}
    for name, shape, dtype in specs:
        if dtype.kind == "f":
            feeds[name] = rng.standard_normal(shape).astype(dtype)
        elif dtype.kind == "b":
            feeds[name] = rng.random(shape) > 0.5
        else:
            feeds[name] = rng.integers(0, 4, shape).astype(dtype)
    return feeds


def bench_model(model_arg, n: int, threads: int = 1) -> None:
    import onnx
    import onnxruntime as ort

    import onnx_mlir

    proto = onnx.load(model_arg) if isinstance(model_arg, str) else model_arg
    t = time.perf_counter()
    compiled = onnx_mlir.compile(proto, cache=False, num_threads=threads)  # the compile time is reported
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


def bench_profile(model_arg: str, n: int, models_dir: Path | None, top: int) -> None:
    """Compile with profile=True, run, print the per-node table."""
    import onnx

    import onnx_mlir
    from suite import MODEL_NAMES, load_model

    if model_arg in MODEL_NAMES:
        proto, feeds = load_model(model_arg, False, models_dir)
    else:
        proto = onnx.load(model_arg)
        feeds = random_feeds_for(proto)
    t = time.perf_counter()
    compiled = onnx_mlir.compile(proto, profile=True)
    print(f"compile: {time.perf_counter() - t:.2f} s")
    compiled.run(None, feeds)  # warm up
    compiled.reset_profile()
    wall = median_seconds(lambda: compiled.run(None, feeds), n)
    print(f"run: {wall * 1e3:.3f} ms (median of {n}, wall clock, profiled code)")
    compiled.print_profile(top=top)


def bench_overhead(n: int) -> None:
    """Microseconds per run() of models whose compute is negligible (a 4-element Relu, static and
    dynamic), and of the bundled MLP; for static models also the compiled code called alone
    (same argument block), so that run() - native = the overhead."""
    from onnx import TensorProto, helper

    import onnx_mlir

    def relu(dim):
        g = helper.make_graph([helper.make_node("Relu", ["x"], ["y"])], "relu",
                              [helper.make_tensor_value_info("x", TensorProto.FLOAT, [dim, 4])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [dim, 4])])
        return helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)])

    for label, proto, reps in [("Relu 1x4, static", relu(1), 20000), ("Relu Nx4, dynamic (N=1)", relu("N"), 20000),
                               ("MLP (bundled)", bundled_model(), 200)]:
        model = onnx_mlir.compile(proto)
        feeds = random_feeds(model)
        full = _best_of(lambda: model.run(None, feeds), reps, n)
        line = f"{label:26s} run(): {full * 1e6:9.2f} us"
        jit = model._jit
        if not jit.results_returned:  # out-params: calling the entry again reuses the bound buffers
            frame = jit._local.frame
            bound = model.run(None, feeds)  # noqa: F841 - the frame points at these outputs: keep them
            native = _best_of(lambda: jit._func(frame.packed), reps, n)
            line += f"   native call alone: {native * 1e6:9.2f} us   overhead: {(full - native) * 1e6:6.2f} us"
        print(line)


def _best_of(fn, reps: int, rounds: int) -> float:
    """Seconds per call: the best of ``rounds`` rounds of ``reps`` calls (the least disturbed)."""
    fn()
    best = float("inf")
    for _ in range(max(rounds, 3)):
        t = time.perf_counter()
        for _ in range(reps):
            fn()
        best = min(best, (time.perf_counter() - t) / reps)
    return best


def bench_suite(args) -> None:
    import suite

    names = args.suite.split(",") if args.suite != "all" else list(suite.MODEL_NAMES)
    unknown = [n for n in names if n not in suite.MODEL_NAMES]
    if unknown:
        raise SystemExit(f"unknown suite model(s) {unknown}; choose from {', '.join(suite.MODEL_NAMES)}")
    threads = [int(t) for t in args.threads.split(",")]
    variants = [True] if args.dynamic_batch else [False]
    if args.both_batches:
        variants = [False, True]
    print(f"host: {suite.host_description()}")
    if not suite.supports_num_threads():
        print("onnx_mlir.compile has no num_threads: ours runs at 1 thread in every row")
    print(suite.HEADER)
    results = []
    for dynamic in variants:
        for name in names:
            results += suite.run_model(name, dynamic, threads, args.n, args.budget, args.models_dir)
    for line in suite.geomeans(results):
        print(line)
    if args.write_results:
        command = "python benchmarks/bench_cpu.py " + " ".join(sys.argv[1:])
        suite.append_results(suite.results_markdown(results, command))
        print("appended to benchmarks/RESULTS.md")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", nargs="?", help="ONNX model (default: a bundled MLP)")
    parser.add_argument("-n", type=int, default=20, help="timed runs (median)")
    parser.add_argument("--matmul", type=int, default=512, help="matmul size (0 to skip)")
    parser.add_argument("--matmul-only", action="store_true")
    parser.add_argument("--suite", nargs="?", const="all", metavar="MODELS",
                        help="run the suite: all six models, or a comma-separated list of "
                             "mlp,lenet5,resnet18,mobilenetv2,bert,gpt2")
    parser.add_argument("--dynamic-batch", action="store_true", help="suite: symbolic batch models")
    parser.add_argument("--both-batches", action="store_true", help="suite: static, then dynamic batch")
    parser.add_argument("--threads", default="1,2",
                        help="thread counts of the suite (default 1,2); one model: the first, for both")
    parser.add_argument("--budget", type=float, default=20.0,
                        help="suite: seconds of timed runs per model and thread count (at least 3 runs)")
    parser.add_argument("--models-dir", type=Path, default=Path("/work/models"),
                        help="static exports <name>.onnx to use when present (default /work/models)")
    parser.add_argument("--write-results", action="store_true", help="suite: append the table to RESULTS.md")
    parser.add_argument("--profile", metavar="MODEL", help="per-node profile of a suite model or an .onnx file")
    parser.add_argument("--top", type=int, default=25, help="--profile: rows to print")
    parser.add_argument("--overhead", action="store_true", help="run() overhead in microseconds")
    args = parser.parse_args()
    if args.suite:
        bench_suite(args)
        return
    if args.profile:
        bench_profile(args.profile, args.n, args.models_dir, args.top)
        return
    if args.overhead:
        bench_overhead(args.n)
        return
    if not args.matmul_only:
        bench_model(args.model or bundled_model(), args.n, int(args.threads.split(",")[0]))
    if args.matmul:
        bench_matmul(args.matmul, args.n)


if __name__ == "__main__":
    main()
