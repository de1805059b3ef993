"""Compile-time benchmark: import and every stage, the JIT, the library and a cache hit.

    python benchmarks/bench_compile.py                       # /work/models/*.onnx + Relu chains
    python benchmarks/bench_compile.py m.onnx --chains 250,1000 --opt-level 0,3
    python benchmarks/bench_compile.py --write-results       # also appends the table to RESULTS.md

Each case runs in its own process (a fresh compiler, a timeout, its memory given back): import,
the stages of ``onnx_mlir.compiler.stage_names()`` (times from ``on_stage``), the JIT at the
opt level asked, then ``save()`` into an empty compile cache and a second ``compile()`` that hits
it. Times are wall seconds (``cpu`` column: the process's CPU seconds for the whole compile, the
better number on a shared machine). Chains are ``N`` Relu nodes on a [1, 64] tensor.
"""

from __future__ import annotations

import argparse
import datetime
import glob
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
DEFAULT_MODELS = sorted(glob.glob("/work/models/*.onnx"))
STAGE_COLUMNS = ["onnx-basic", "onnx", "linalg", "schedule", "bufferize", "loops", "llvm"]


def relu_chain(n: int, path: str) -> str:
    import onnx
    from onnx import TensorProto, helper

    nodes, prev = [], "x"
    for i in range(n):
        nodes.append(helper.make_node("Relu", [prev], [f"r{i}"], name=f"relu{i}"))
        prev = f"r{i}"
    graph = helper.make_graph(nodes, f"relu_chain_{n}", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 64])],
                              [helper.make_tensor_value_info(prev, TensorProto.FLOAT, [1, 64])])
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18)]), path)
    return path


def run_case(path: str, opt_level: "int | str") -> dict:
    """Time one compile (in this process) and a cache hit; the result as JSON-ready data."""
    wall0 = time.perf_counter()
    import onnx_mlir
    from onnx_mlir.compiler import compile_for_cpu
    from onnx_mlir.runtime.compiled_model import CompiledModel

    result: dict = {"python imports": time.perf_counter() - wall0}
    last = [time.perf_counter()]

    def on_stage(name: str, module) -> None:
        now = time.perf_counter()
        result[name] = now - last[0]
        last[0] = now

    start = last[0] = time.perf_counter()
    cpu_start = time.process_time()
    artifact = compile_for_cpu(path, on_stage=on_stage)
    from onnx_mlir.compiler.opt_level import resolve

    jit = time.perf_counter()
    result["O"] = level = resolve(opt_level, artifact.module)
    model = CompiledModel.load(artifact, opt_level=level)
    result["jit"] = time.perf_counter() - jit
    result["compile"] = time.perf_counter() - start
    result["cpu"] = time.process_time() - cpu_start
    with tempfile.TemporaryDirectory() as cache:
        os.environ["ONNX_MLIR_CACHE_DIR"] = cache
        os.environ["ONNX_MLIR_CACHE"] = "1"
        from onnx_mlir.compiler.cache import CompileCache, cache_key, model_digest

        store = time.perf_counter()
        root = CompileCache()
        assert root.usable()
        from onnx_mlir.lowering.cpu import threads

        # (the key compile() uses: the default thread count is part of it)
        key = cache_key(model_digest(path), opt_level=opt_level, cpu=None, num_threads=threads.resolve(None))
        lock = root.lock(key)
        root.store(key, model.save)
        os.close(lock)
        result["library"] = time.perf_counter() - store
        result["library MB"] = sum(p.stat().st_size for p in Path(cache).rglob("*.so")) / 1e6
        hit = time.perf_counter()
        onnx_mlir.compile(path, opt_level=opt_level)
        result["cache hit"] = time.perf_counter() - hit
    return result


def measure(path: str, opt_level: "int | str", timeout: float) -> dict:
    cmd = [sys.executable, __file__, "--case", path, "--opt-level", str(opt_level)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"over {timeout:.0f} s"}
    if proc.returncode != 0:
        tail = (proc.stderr.strip().splitlines() or ["?"])[-1]
        return {"error": tail[:80]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def table(rows: list[tuple[str, "int | str", dict]]) -> str:
    head = ["model", "O", *STAGE_COLUMNS, "jit", "compile", "cpu", "library", "MB", "cache hit"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, level, r in rows:
        if "error" in r:
            cells = [name, str(level), r["error"]] + [""] * (len(head) - 3)
        else:
            def f(key: str) -> str:
                return f"{r[key]:.2f}" if key in r else "-"
            chosen = f"{level} ({r['O']})" if level == "auto" else str(level)
            cells = [name, chosen, *(f(k) for k in STAGE_COLUMNS), f("jit"), f("compile"), f("cpu"),
                     f("library"), f("library MB"), f("cache hit")]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="*", help="ONNX models (default: /work/models/*.onnx)")
    parser.add_argument("--chains", default="250,1000,10000", help="Relu chain lengths ('' for none)")
    parser.add_argument("--opt-level", default="auto", help="JIT opt levels (0-3, auto), comma-separated")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per case")
    parser.add_argument("--write-results", action="store_true", help=f"append the table to {RESULTS}")
    parser.add_argument("--case", help=argparse.SUPPRESS)  # (the worker: one case, JSON out)
    args = parser.parse_args(argv)
    levels = [x if x == "auto" else int(x) for x in args.opt_level.split(",")]
    if args.case:
        print(json.dumps(run_case(args.case, levels[0])))
        return 0
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        cases = [(Path(m).stem, m) for m in (args.models or DEFAULT_MODELS)]
        cases += [(f"relu chain {n}", relu_chain(n, os.path.join(tmp, f"chain{n}.onnx")))
                  for n in (int(x) for x in args.chains.split(",") if x.strip())]
        for name, path in cases:
            for level in levels:
                result = measure(path, level, args.timeout)
                rows.append((name, level, result))
                print(f"{name} O{level}: " + ", ".join(f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}"
                                                       for k, v in result.items()), flush=True)
    text = table(rows)
    print(text)
    if args.write_results:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                                cwd=HERE).stdout.strip()
        with open(RESULTS, "a") as f:
            f.write(f"\n## Compile time, {datetime.date.today()} ({commit}; `benchmarks/bench_compile.py`)\n\n"
                    "Seconds, wall unless noted (stages: `onnx-basic` is the import; `cpu`: CPU seconds "
                    "of the whole compile; `library`: object code + `cc` into the cache; `MB`: its size).\n\n"
                    + text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
