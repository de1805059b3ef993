"""Peak memory and run time of a suite model with and without the memory plan (cpu-plan-memory).

    python benchmarks/bench_memory.py resnet18            # static batch
    python benchmarks/bench_memory.py mobilenetv2 --dynamic-batch -n 40

Peak memory: each variant is compiled and saved as a library, loaded in a fresh process that
reads only the library and the inputs (an .npz), with ``MALLOC_MMAP_THRESHOLD_=65536`` so that
buffers of 64 KiB and more go back to the system when freed (else the heap keeps them and a
second run adds nothing); after one warm-up run (which also pages in the weights)
/proc/self/clear_refs resets VmHWM and its growth over five runs is read. Run time: both variants in one process, runs
alternated, medians. Not run by the tests.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PLAN = "cpu-plan-memory, "


def _status_kib(key: str) -> int:
    return int(re.search(key + r":\s+(\d+) kB", Path("/proc/self/status").read_text()).group(1))


def _load(name: str, dynamic: bool, models_dir: Path):
    sys.path.insert(0, str(HERE))
    from suite import load_model
    return load_model(name, dynamic, models_dir)


def _compile(proto, plan: bool):
    import onnx_mlir
    from onnx_mlir.lowering.cpu import stages
    text = stages.STAGES["loops"]
    if not plan:
        stages.STAGES["loops"] = text.replace(PLAN, "")
    try:
        return onnx_mlir.compile(proto, num_threads=1)
    finally:
        stages.STAGES["loops"] = text


def peak_of_library(library: str, inputs: str) -> float:
    """MiB the runs of a saved model add to the peak resident size (this process)."""
    import numpy as np

    import onnx_mlir
    feeds = dict(np.load(inputs))
    model = onnx_mlir.load(library)
    model.run(None, feeds)
    Path("/proc/self/clear_refs").write_text("5")
    before = _status_kib("VmRSS")
    for _ in range(5):
        model.run(None, feeds)
    return (_status_kib("VmHWM") - before) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model", help="a suite model name (resnet18, mobilenetv2, bert, gpt2, ...)")
    parser.add_argument("--dynamic-batch", action="store_true")
    parser.add_argument("-n", type=int, default=20, help="alternated runs of each variant")
    parser.add_argument("--models-dir", type=Path, default=Path("/work/models"))
    parser.add_argument("--peak-of", nargs=2, metavar=("LIBRARY", "INPUTS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.peak_of:  # the child process
        print(f"{peak_of_library(*args.peak_of):.1f}")
        return
    import numpy as np
    proto, feeds = _load(args.model, args.dynamic_batch, args.models_dir)
    compiled = {plan: _compile(proto, plan) for plan in (True, False)}
    times: dict[bool, list[float]] = {True: [], False: []}
    for _ in range(args.n):
        for plan, model in compiled.items():
            start = time.perf_counter()
            model.run(None, feeds)
            times[plan].append(time.perf_counter() - start)
    with tempfile.TemporaryDirectory() as tmp:
        inputs = str(Path(tmp) / "inputs.npz")
        np.savez(inputs, **feeds)
        for plan, model in compiled.items():
            library = model.save(str(Path(tmp) / f"plan{int(plan)}.so"))
            command = [sys.executable, __file__, args.model, "--peak-of", library, inputs]
            env = dict(os.environ, MALLOC_MMAP_THRESHOLD_="65536")
            peak = subprocess.run(command, check=True, capture_output=True, text=True, env=env).stdout.strip()
            label = "plan   " if plan else "no plan"
            print(f"{args.model} ({'dynamic' if args.dynamic_batch else 'static'} batch) {label}: "
                  f"{statistics.median(times[plan]) * 1e3:.3f} ms (median of {args.n}), "
                  f"run peak +{peak} MiB")


if __name__ == "__main__":
    main()
