"""The main job on the bundled model: compile examples/lenet5.onnx through every stage, run it,
compare with onnxruntime and report the latency of both.

    make demo            # or: .venv/bin/python examples/demo.py [model.onnx]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import models  # noqa: E402  (examples/models.py)


def ir_summary(module) -> str:
    """Op count and printed size of a module, weights elided (they do not change per stage)."""
    from mlir import ir

    ops = 0

    def count(op):
        nonlocal ops
        ops += 1
        return ir.WalkResult.ADVANCE

    module.operation.walk(count, ir.WalkOrder.PRE_ORDER)
    text = module.operation.get_asm(large_elements_limit=16, large_resource_limit=16)
    return f"{ops:6d} ops {len(text):9d} bytes"


def median_ms(fn, runs: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", nargs="?", default=str(models.BUNDLED_MODEL))
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args(argv)

    import onnx
    import onnxruntime as ort

    import onnx_mlir

    model = onnx.load(args.model)
    print(f"model: {args.model} ({len(model.graph.node)} nodes, ai.onnx opset "
          f"{model.opset_import[0].version})")
    print("stages (IR after each):")
    start = time.perf_counter()
    compiled = onnx_mlir.compile(args.model,
                                 on_stage=lambda name, m: print(f"  {name:<11} {ir_summary(m)}"))
    print(f"compiled in {time.perf_counter() - start:.2f} s")

    feeds = models.random_inputs(model, seed=0)
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    got = compiled.run(None, feeds)
    want = session.run(None, feeds)
    worst = max(float(np.max(np.abs(g - w))) for g, w in zip(got, want))
    ok = all(np.allclose(g, w, rtol=1e-4, atol=1e-5) for g, w in zip(got, want))
    print(f"outputs match onnxruntime: {ok} (max abs diff {worst:.2e})")

    ours = median_ms(lambda: compiled.run(None, feeds), args.runs)
    theirs = median_ms(lambda: session.run(None, feeds), args.runs)
    print(f"latency (median of {args.runs}): onnx-mlir-py {ours:.3f} ms, "
          f"onnxruntime {theirs:.3f} ms, ratio {ours / theirs:.2f}x")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
