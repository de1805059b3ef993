"""Generate seeded cases, run them on a pool of workers, classify what came back."""

from __future__ import annotations

import json
import queue
import random
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .outcomes import CaseResult, Outcome
from .workers import Reply, Worker, signal_name

HANDLERS = {"models": "onnx_mlir.tools.fuzz.model_case:run_case",
            "opt": "onnx_mlir.tools.fuzz.opt_case:run_case"}
# Tensors above this size are refused at compile time in the workers (ONNX_MLIR_MAX_TENSOR_BYTES):
# a mutated dim must become a typed error, not a multi-gigabyte allocation on a shared machine.
WORKER_MAX_TENSOR_BYTES = 1 << 28


@dataclass
class Config:
    cases: int = 100
    seed: int = 0
    jobs: int = 2
    timeout: float = 30.0
    out: Path = Path("fuzz-out")
    opt_level: int = 2
    memory_limit: int = 8 << 30
    max_tensor_bytes: int = WORKER_MAX_TENSOR_BYTES


@dataclass
class Case:
    """A generated case: the payload sent to a worker and what the reproducer needs."""

    index: int
    payload: dict
    seed_name: str
    steps: list[str]


@dataclass
class Campaign:
    target: str
    config: Config
    results: list[tuple[Case, CaseResult]] = field(default_factory=list)
    seconds: float = 0.0

    def counts(self) -> dict[Outcome, int]:
        counts: dict[Outcome, int] = {}
        for _, result in self.results:
            counts[result.outcome] = counts.get(result.outcome, 0) + 1
        return counts

    @property
    def bad(self) -> list[tuple[Case, CaseResult]]:
        return [(c, r) for c, r in self.results if r.outcome.is_bad]


# --------------------------------------------------------------------------------------- cases

def case_rng(seed: int, index: int) -> random.Random:
    """Each case has its own generator: case ``index`` of seed ``seed`` is the same whatever
    ``--cases`` and ``--jobs`` are."""
    return random.Random(f"{seed}/{index}")


def model_cases(config: Config) -> Iterator[Case]:
    from .model_mutations import mutate_model
    from .seed_models import seed_corpus

    seeds = seed_corpus()
    for index in range(config.cases):
        rng = case_rng(config.seed, index)
        seed = seeds[rng.randrange(len(seeds))]
        mutated = mutate_model(seed.model, rng)
        payload = {"index": index, "data": mutated.data, "files": mutated.files,
                   "dim_values": seed.dim_values, "opt_level": config.opt_level}
        yield Case(index, payload, seed.name, mutated.steps)


def lit_directory() -> Path:
    return Path(__file__).resolve().parents[2] / "tests" / "lit"


def opt_cases(config: Config) -> Iterator[Case]:
    from .mlir_mutations import load_corpus, mutate_mlir

    seeds = load_corpus(lit_directory())
    if not seeds:
        raise FileNotFoundError(f"no lit inputs under {lit_directory()}")
    for index in range(config.cases):
        rng = case_rng(config.seed, index)
        seed = seeds[rng.randrange(len(seeds))]
        mutated = mutate_mlir(seed, rng)
        payload = {"index": index, "data": mutated.data, "flags": mutated.flags}
        yield Case(index, payload, seed.name, mutated.steps)


# --------------------------------------------------------------------------------------- running

def classify(reply: Reply) -> CaseResult:
    """The outcome of a reply: the worker's own verdict, or its death / silence."""
    result = reply.result
    if result is not None:
        return CaseResult(Outcome(result["outcome"]), result["phase"], result["signature"],
                          result["message"], result.get("details", {}))
    phase = reply.last_phase
    if phase == "ort" and reply.partial("ours") is not None:
        what = "hung" if reply.status == "hang" else f"died ({signal_name(reply.returncode)})"
        return CaseResult(Outcome.ORT_REJECTS, phase, message=f"onnxruntime {what}")
    if reply.status == "hang":
        return CaseResult(Outcome.HANG, phase, f"hang in {phase}", reply.stderr_tail)
    name = signal_name(reply.returncode)
    outcome = {"SIGABRT": Outcome.ABORT, "SIGSEGV": Outcome.SEGFAULT,
               "SIGBUS": Outcome.SEGFAULT}.get(name, Outcome.CRASH)
    return CaseResult(outcome, phase, f"{name} in {phase}: {_crash_line(reply.stderr_tail)}",
                      reply.stderr_tail)


def _upstream_or_ours(result: CaseResult, case: Case, workdir: Path) -> CaseResult:
    """A crash while MLIR parses the input is upstream's when upstream mlir-opt dies too."""
    from .opt_case import upstream_parser_crashes

    if upstream_parser_crashes(case.payload["data"], workdir):
        return CaseResult(Outcome.UPSTREAM_CRASH, result.phase, result.signature, result.message)
    return result


def _ort_hangs_too(result: CaseResult, case: Case, workdir: Path, timeout: float) -> CaseResult:
    """A model ours runs forever is no bug of ours when onnxruntime does not finish it either
    (ONNX lets a Loop run while its condition holds)."""
    import subprocess
    import sys

    model = workdir / "model" / "model.onnx"
    probe = {"dim_values": case.payload.get("dim_values", {}), "index": case.index}
    try:
        subprocess.run([sys.executable, "-m", "onnx_mlir.tools.fuzz.ort_probe", str(model),
                        json.dumps(probe)], timeout=timeout, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return CaseResult(Outcome.ORT_HANGS_TOO, result.phase, result.signature, result.message)
    return result


_CRASH_LINE = re.compile(r"(Assertion .*|LLVM ERROR.*|Fatal Python error.*|terminate called.*)")


def _crash_line(stderr: str) -> str:
    match = _CRASH_LINE.search(stderr)
    if match:
        return re.sub(r"0x[0-9a-f]+", "0x?", match.group(1))[:160]
    lines = [l for l in stderr.splitlines() if l.strip()]
    return lines[-1][:160] if lines else ""


def run_campaign(target: str, config: Config, on_result=None) -> Campaign:
    """Run ``config.cases`` cases of ``target`` ("models" or "opt") on ``config.jobs`` workers."""
    cases = model_cases(config) if target == "models" else opt_cases(config)
    campaign = Campaign(target, config)
    todo: "queue.Queue[Case | None]" = queue.Queue(maxsize=4 * config.jobs)
    lock = threading.Lock()
    env = {"ONNX_MLIR_MAX_TENSOR_BYTES": str(config.max_tensor_bytes), "OMP_NUM_THREADS": "1"}
    failures: list[BaseException] = []

    def work(k: int) -> None:
        worker = Worker(HANDLERS[target], config.out / "logs" / f"{target}-worker-{k}.log",
                        memory_limit=config.memory_limit, env=env)
        workdir = config.out / "work" / f"{target}-{k}"
        earlier: list[int] = []  # cases this worker process ran before (heap corruption shows late)
        try:
            while (case := todo.get()) is not None:
                payload = dict(case.payload, workdir=str(workdir))
                if worker.proc is None:
                    earlier.clear()
                result = classify(worker.run(payload, config.timeout))
                if result.outcome.is_bad:
                    result.details["earlier_cases_in_worker"] = earlier[-5:]
                if result.outcome == Outcome.WRONG:
                    worker.stop()  # (a wrong shape may have written out of bounds: start afresh)
                earlier.append(case.index)
                if result.phase == "parse" and result.outcome in (Outcome.ABORT, Outcome.SEGFAULT,
                                                                  Outcome.CRASH):
                    result = _upstream_or_ours(result, case, workdir)
                if result.outcome == Outcome.HANG and result.phase == "run":
                    result = _ort_hangs_too(result, case, workdir, config.timeout)
                with lock:
                    campaign.results.append((case, result))
                    if on_result is not None:
                        on_result(case, result)
        except BaseException as error:  # a broken worker setup: stop the campaign, report it
            failures.append(error)
            while todo.get() is not None:
                pass
        finally:
            worker.stop()

    start = time.monotonic()
    threads = [threading.Thread(target=work, args=(k,), daemon=True) for k in range(config.jobs)]
    for thread in threads:
        thread.start()
    for case in cases:
        if failures:
            break
        todo.put(case)
    for _ in threads:
        todo.put(None)
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    campaign.results.sort(key=lambda cr: cr[0].index)
    campaign.seconds = time.monotonic() - start
    return campaign


def save_summary(campaign: Campaign) -> Path:
    path = campaign.config.out / f"summary-{campaign.target}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    summary = {"target": campaign.target, "seed": campaign.config.seed,
               "cases": len(campaign.results), "seconds": round(campaign.seconds, 1),
               "counts": {o.value: n for o, n in campaign.counts().items()},
               "bad": [{"index": c.index, "outcome": r.outcome.value, "signature": r.signature}
                       for c, r in campaign.bad]}
    path.write_text(json.dumps(summary, indent=1) + "\n")
    return path
