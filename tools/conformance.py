"""ONNX conformance: the onnx backend node test cases, run through onnx-mlir-py.

    python -m onnx_mlir.tools.conformance                     # all 1,884 node cases, summary
    onnx-mlir-conformance 'test_softmax.*' -j 2               # a subset (regexes on case names)
    onnx-mlir-conformance --write-expected-failures --write-docs   # after merging lowerings

What it does:

* The onnx wheel ships the node case *definitions* but not ``onnx/backend/test/data/node``.
  :func:`ensure_node_data` generates that directory once (numpy's RNG seeded, through the writer of
  ``python -m onnx.backend.test.cmd_tools generate-data``) into a cache directory
  (``$ONNX_MLIR_CACHE_DIR`` or ``~/.cache/onnx-mlir-py``, then ``onnx-<version>/data/node``), under a
  file lock, generating into a temporary directory that is renamed into place, so that several
  pytest-xdist workers may ask for it at once.
* Cases run in worker subprocesses (``-j``, default: the CPU count): a case that aborts its process
  (an LLVM assertion, a segfault) or exceeds ``--timeout`` is recorded as ``crash``/``timeout`` and
  the worker is replaced; the run goes on.
* It prints pass / fail / not-supported counts per op and in total and the most common failure
  reasons; ``--write-expected-failures`` rewrites ``tests/conformance/expected_failures.txt`` (the
  strict xfail list of the pytest conformance run) with a reason per case derived from its error;
  ``--write-docs`` writes ``docs/supported-ops.md``.

A case passes when every data set's outputs match like onnx's ``BackendTest`` checks them
(``Runner.assert_similar_outputs``: same count, shapes, dtypes, ``assert_allclose`` with the case's
rtol/atol), except for the float -> integer cast elements that ONNX leaves undefined: those are
compared with the project's defined result (``conformance_casts.py``), and counted in the summary.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import fcntl
import glob
import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable

REPO_ROOT = Path(__file__).resolve().parent.parent  # the repository root is the package root
EXPECTED_FAILURES = REPO_ROOT / "tests" / "conformance" / "expected_failures.txt"
SUPPORTED_OPS_DOC = REPO_ROOT / "docs" / "supported-ops.md"
NODE_DATA_SEED = 0
# pytest user property of a conformance case: its float -> int elements ONNX leaves undefined.
UNDEFINED_PROPERTY = "float_to_int_undefined_elements"


# --------------------------------------------------------------------------- test data

def cache_root() -> Path:
    """``$ONNX_MLIR_CACHE_DIR``, else ``$XDG_CACHE_HOME/onnx-mlir-py``, else ``~/.cache/onnx-mlir-py``."""
    if os.environ.get("ONNX_MLIR_CACHE_DIR"):
        return Path(os.environ["ONNX_MLIR_CACHE_DIR"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "onnx-mlir-py"


def node_data_dir() -> Path:
    import onnx
    return cache_root() / f"onnx-{onnx.__version__}" / "data" / "node"


_COMPLETE = ".complete"  # written last inside the generated directory: its case count


def _is_complete(path: Path) -> bool:
    return (path / _COMPLETE).is_file()


def generate_node_data(dest: Path) -> int:
    """Write every node case (model.onnx + test_data_set_*/{input,output}_*.pb) under ``dest``.

    Goes through ``onnx.backend.test.cmd_tools.generate_data`` (the writer of
    ``python -m onnx.backend.test.cmd_tools generate-data``) with its model-test collection pointed
    at the node cases. Returns the number of cases.
    """
    import warnings

    import numpy as np
    import onnx.backend.test.case.model as model_test
    from onnx.backend.test import cmd_tools
    from onnx.backend.test.case.node import collect_testcases

    np.random.seed(NODE_DATA_SEED)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cases = collect_testcases()
    with tempfile.TemporaryDirectory(dir=dest.parent, prefix=".gen-") as tmp:
        saved = model_test.collect_testcases
        model_test.collect_testcases = lambda *a, **k: cases
        try:
            cmd_tools.generate_data(argparse.Namespace(output=tmp))
        finally:
            model_test.collect_testcases = saved
        produced = Path(tmp) / "node"
        (produced / _COMPLETE).write_text(f"{len(cases)}\n")
        if dest.exists():  # an incomplete leftover (e.g. an interrupted older layout)
            shutil.rmtree(dest)
        os.rename(produced, dest)
    return len(cases)


def ensure_node_data(verbose: bool = False) -> Path:
    """The node test data directory, generated first when missing (safe across processes)."""
    dest = node_data_dir()
    if _is_complete(dest):
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    with open(dest.parent / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # others wait here, then find it complete
        try:
            if not _is_complete(dest):
                start = time.time()
                if verbose:
                    print(f"generating ONNX node test data into {dest} ...", file=sys.stderr, flush=True)
                n = generate_node_data(dest)
                if verbose:
                    print(f"  {n} cases in {time.time() - start:.0f} s", file=sys.stderr, flush=True)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return dest


def list_cases(data_dir: Path) -> list[str]:
    return sorted(p.name for p in data_dir.iterdir() if (p / "model.onnx").is_file())


def node_test_cases(data_dir: Path) -> list[Any]:
    """``onnx.backend.test.case.test_case.TestCase`` objects reading their data from ``data_dir``."""
    from onnx.backend.test.case.test_case import TestCase
    cases = []
    for name in list_cases(data_dir):
        case_dir = data_dir / name
        rtol, atol = 1e-3, 1e-7
        if (case_dir / "data.json").is_file():
            data = json.loads((case_dir / "data.json").read_text())
            rtol, atol = data.get("rtol", rtol), data.get("atol", atol)
        cases.append(TestCase(name=name, model_name=name[len("test_"):], url=None, model_dir=str(case_dir),
                              model=None, data_sets=None, kind="node", rtol=rtol, atol=atol))
    return cases


def backend_test(data_dir: Path, backend: Any = None, parent_module: str | None = None) -> Any:
    """An ``onnx.backend.test.BackendTest`` over the node cases of ``data_dir`` only.

    onnx 1.23 builds node tests from the in-memory case definitions (every process would rerun all
    1,884 generators); here its loader is pointed at the generated files instead, and the other
    kinds (real models to download, pytorch-*) are left out.
    """
    import onnx.backend.test.runner as runner_module

    from .conformance_casts import backend_test_class

    if backend is None:
        from .. import backend as backend_module
        backend = backend_module.OnnxMlirBackend
    cases = node_test_cases(data_dir)
    saved = runner_module.load_model_tests
    runner_module.load_model_tests = lambda data_dir=None, kind=None: cases if kind == "node" else []
    try:
        return backend_test_class()(backend, parent_module)
    finally:
        runner_module.load_model_tests = saved


# --------------------------------------------------------------------------- expected failures

def read_expected_failures(path: Path = EXPECTED_FAILURES) -> dict[str, str]:
    """``{case name: reason}`` from lines ``test_name  reason`` (``#`` comments, blank lines)."""
    out: dict[str, str] = {}
    if not path.is_file():
        return out
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, reason = line.partition(" ")
        out[name] = reason.strip() or "expected failure"
    return out


_HEADER = """\
# ONNX backend node cases expected to fail on the CPU backend (strict xfails of tests/conformance).
# One case per line: `<case name> <reason>`. A listed case that passes fails the run (remove it);
# an unlisted failing case fails the run. Regenerate with:
#   python -m onnx_mlir.tools.conformance --write-expected-failures
"""


def write_expected_failures(entries: dict[str, str], path: Path = EXPECTED_FAILURES) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    width = max((len(n) for n in entries), default=0)
    lines = [f"{name.ljust(width)}  {_one_line(reason)}" for name, reason in sorted(entries.items())]
    path.write_text(_HEADER + "\n".join(lines) + ("\n" if lines else ""))


# --------------------------------------------------------------------------- one case

@dataclass
class CaseResult:
    name: str
    status: str  # pass | fail | unsupported | error | crash | timeout
    reason: str = ""
    detail: str = ""
    op: str = "?"
    domain: str = ""
    since_version: int | None = None
    dtypes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    undefined_elements: int = 0  # float -> int cast elements compared with the project's result

    @property
    def passed(self) -> bool:
        return self.status == "pass"


def _one_line(text: str, limit: int = 160) -> str:
    text = " ".join(str(text).split())
    text = re.sub(r"0x[0-9a-fA-F]+", "0x…", text)
    return text if len(text) <= limit else text[:limit - 1] + "…"


_EXPANDED = re.compile(r"_expanded(_ver\d+)?$")


def case_info(case_dir: Path, model: Any = None) -> dict[str, Any]:
    """The op a case tests (the op of its unexpanded case for ``*_expanded``), its schema version,
    and the element types of its graph inputs/outputs."""
    import onnx
    name = case_dir.name
    info: dict[str, Any] = {"op": "?", "domain": "", "since_version": None, "dtypes": []}
    try:
        model = model if model is not None else onnx.load(str(case_dir / "model.onnx"), load_external_data=False)
        base = _EXPANDED.sub("", name)
        if base != name and (case_dir.parent / base / "model.onnx").is_file():
            base_model = onnx.load(str(case_dir.parent / base / "model.onnx"), load_external_data=False)
        else:
            base_model = model
        nodes = list(base_model.graph.node)
        node = nodes[0] if len(nodes) == 1 else (nodes[-1] if nodes else None)
        if node is not None:
            info["op"], info["domain"] = node.op_type, node.domain or ""
            opsets = {o.domain or "": o.version for o in base_model.opset_import}
            domain = "" if node.domain in ("", "ai.onnx") else node.domain
            try:
                schema = onnx.defs.get_schema(node.op_type, opsets.get(domain, opsets.get("", 1)), domain)
                info["since_version"] = schema.since_version
            except Exception:  # noqa: BLE001 - unknown op/domain: no version
                pass
        types = []
        for vi in list(model.graph.input) + list(model.graph.output):
            t = vi.type
            if t.HasField("tensor_type"):
                types.append(onnx.helper.tensor_dtype_to_np_dtype(t.tensor_type.elem_type).name
                             if t.tensor_type.elem_type != onnx.TensorProto.STRING else "string")
            elif t.HasField("sequence_type"):
                types.append("sequence")
            elif t.HasField("optional_type"):
                types.append("optional")
        info["dtypes"] = sorted(set(types))
    except Exception:  # noqa: BLE001 - metadata is best effort
        pass
    return info


def classify(exc: BaseException) -> tuple[str, str]:
    """(status, reason) of a failed case from its exception."""
    from ..errors import CompilationError, InputError, OnnxImportError

    if isinstance(exc, AssertionError):
        text = str(exc)
        if "incorrect shape" in text:
            return "fail", "wrong output shape"
        if "dtype(" in text:
            m = re.search(r"ACTUAL: (dtype\([^)]*\))\s*DESIRED: (dtype\([^)]*\))", text)
            return "fail", f"wrong output dtype ({m.group(1)} instead of {m.group(2)})" if m else "wrong output dtype"
        if "Not equal to tolerance" in text or "Arrays are not equal" in text or "mismatch" in text.lower():
            return "fail", "numeric mismatch"
        return "fail", _one_line(f"assertion: {text.strip().splitlines()[0] if text.strip() else 'failed'}")
    if isinstance(exc, OnnxImportError):
        return "unsupported", _one_line(f"import: {exc.args[0] if exc.args else exc}")
    if isinstance(exc, CompilationError):
        for d in exc.diagnostics:
            if d.severity != "error":
                continue
            m = re.search(r"\(ai\.onnx(?:\.\w+)? (\w+), opset \d+\): no lowering", d.message) or \
                re.search(r"\((?:[\w.]+) (\w+), opset \d+\): no lowering", d.message)
            if m:
                return "unsupported", f"no lowering for {m.group(1)}"
            m = re.match(r"failed to legalize operation '([^']+)': (.*)", d.message, re.S)
            if m:
                op = re.search(r'\("(\w+)"\)', d.location)
                return "unsupported", _one_line(f"{op.group(1) if op else m.group(1)}: {m.group(2)}")
            if re.match(r"expected '.*' but got '.*'", d.message):  # IRDL type constraint of an op
                op = re.search(r'\("(\w+)"\)', d.location)
                return "error", _one_line(f"onnx dialect verifier ({op.group(1) if op else '?'}): {d.message}")
            return "error", _one_line(f"{exc.args[0]}: {d.message}")
        message = str(exc.args[0] if exc.args else exc)
        return ("unsupported" if "does not support" in message else "error"), _one_line(message)
    diags = getattr(exc, "error_diagnostics", None)  # mlir.ir.MLIRError (e.g. an invalid type built)
    if diags:
        return "error", _one_line(f"MLIR error: {diags[0].message}")
    if isinstance(exc, InputError):
        return "error", _one_line(f"input: {exc}")
    return "error", _one_line(f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}")


def run_case(case_dir: Path) -> CaseResult:
    """Compile and run one generated node case in this process."""
    import traceback

    import onnx
    from onnx.backend.test.runner import Runner

    from ..backend import OnnxMlirBackend
    from .conformance_casts import project_reference

    start = time.time()
    name = case_dir.name
    model = None
    undefined = 0
    try:
        model = onnx.load(str(case_dir / "model.onnx"))
        rtol, atol = 1e-3, 1e-7
        if (case_dir / "data.json").is_file():
            data = json.loads((case_dir / "data.json").read_text())
            rtol, atol = data.get("rtol", rtol), data.get("atol", atol)
        rep = OnnxMlirBackend.prepare(model, "CPU")
        for ds in sorted(glob.glob(str(case_dir / "test_data_set*"))):
            inputs: list[Any] = []
            for i in range(len(glob.glob(os.path.join(ds, "input_*.pb")))):
                Runner._load_proto(None, os.path.join(ds, f"input_{i}.pb"), inputs, model.graph.input[i].type)
            refs: list[Any] = []
            for i in range(len(glob.glob(os.path.join(ds, "output_*.pb")))):
                Runner._load_proto(None, os.path.join(ds, f"output_{i}.pb"), refs, model.graph.output[i].type)
            outputs = list(rep.run(inputs))
            refs, count = project_reference(model, inputs, refs)
            undefined += count
            Runner.assert_similar_outputs(refs, outputs, rtol=rtol, atol=atol, model_dir=str(case_dir))
        result = CaseResult(name, "pass")
    except BaseException as exc:  # noqa: BLE001 - every failure is a result
        if isinstance(exc, KeyboardInterrupt):
            raise
        status, reason = classify(exc)
        result = CaseResult(name, status, reason, detail="".join(
            traceback.format_exception_only(type(exc), exc))[-4000:])
    result.seconds = round(time.time() - start, 3)
    result.undefined_elements = undefined
    for k, v in case_info(case_dir, model).items():
        setattr(result, k, v)
    return result


# --------------------------------------------------------------------------- workers

def _worker_main(data_dir: str) -> int:
    """Read case names on stdin, write one JSON result per line on the original stdout."""
    import warnings
    warnings.filterwarnings("ignore")
    out = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # anything native code prints goes to stderr, not into the result stream
    sys.stdout = sys.stderr
    for line in sys.stdin:
        name = line.strip()
        if not name:
            continue
        print(f"@@case {name}", file=sys.stderr, flush=True)
        if name == os.environ.get("ONNX_MLIR_CONFORMANCE_ABORT"):  # test hook: a crashing case
            os.abort()
        result = run_case(Path(data_dir) / name)
        out.write(json.dumps(asdict(result)) + "\n")
        out.flush()
    return 0


class _Worker:
    """One worker subprocess; replaced after a crash, a timeout or ``recycle`` cases."""

    def __init__(self, data_dir: Path, log_dir: Path, index: int):
        self.data_dir, self.log_path = data_dir, log_dir / f"worker-{index}.log"
        self.proc: subprocess.Popen | None = None
        self.done = 0

    def start(self) -> None:
        self.log = open(self.log_path, "ab")
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "onnx_mlir.tools.conformance", "--worker", str(self.data_dir)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log, env=env, bufsize=0)
        self.done = 0

    def stop(self) -> None:
        if self.proc is not None:
            with contextlib.suppress(Exception):
                self.proc.stdin.close()
            with contextlib.suppress(Exception):
                self.proc.kill()
            self.proc.wait()
            self.proc = None
            self.log.close()

    def _log_tail(self, since: int) -> str:
        with open(self.log_path, "rb") as f:
            f.seek(since)
            text = f.read().decode(errors="replace")
        lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("@@case")]
        # Prefer the line that says why LLVM aborted.
        for ln in lines:
            if "LLVM ERROR" in ln or "Assertion" in ln or "error:" in ln:
                return ln.strip()
        return lines[-1].strip() if lines else ""

    def run(self, name: str, timeout: float) -> dict[str, Any]:
        if self.proc is None or self.proc.poll() is not None:
            self.start()
        since = self.log_path.stat().st_size
        start = time.time()
        self.proc.stdin.write((name + "\n").encode())
        self.proc.stdin.flush()
        buf = b""
        while b"\n" not in buf:
            left = timeout - (time.time() - start)
            ready, _, _ = select.select([self.proc.stdout], [], [], max(left, 0))
            if not ready:
                self.stop()
                return {"name": name, "status": "timeout", "reason": f"timeout (> {timeout:.0f} s)",
                        "seconds": round(time.time() - start, 3)}
            chunk = os.read(self.proc.stdout.fileno(), 1 << 16)
            if not chunk:  # the worker died
                code = self.proc.wait()
                tail = self._log_tail(since)
                self.stop()
                what = f"signal {-code}" if code < 0 else f"exit {code}"
                return {"name": name, "status": "crash",
                        "reason": _one_line(f"crash ({what}): {tail}" if tail else f"crash ({what})"),
                        "seconds": round(time.time() - start, 3)}
            buf += chunk
        self.done += 1
        return json.loads(buf.decode())


def run_cases(names: list[str], data_dir: Path, jobs: int, timeout: float, recycle: int = 150,
              progress: bool = True) -> list[CaseResult]:
    """Run ``names`` over ``jobs`` worker subprocesses; crashes and timeouts become results."""
    queue = collections.deque(names)
    results: list[CaseResult] = []
    lock = threading.Lock()
    log_dir = Path(tempfile.mkdtemp(prefix="onnx-mlir-conformance-"))
    total = len(names)

    def drive(index: int) -> None:
        worker = _Worker(data_dir, log_dir, index)
        try:
            while True:
                with lock:
                    if not queue:
                        return
                    name = queue.popleft()
                raw = worker.run(name, timeout)
                if worker.done >= recycle:
                    worker.stop()  # bounded memory growth (contexts, JIT engines)
                if "op" not in raw:
                    raw.update(case_info(data_dir / name))
                res = CaseResult(**{k: raw[k] for k in CaseResult.__dataclass_fields__ if k in raw})
                with lock:
                    results.append(res)
                    if progress:
                        mark = "." if res.passed else res.status[0].upper()
                        sys.stderr.write(mark)
                        if len(results) % 100 == 0 or len(results) == total:
                            sys.stderr.write(f" {len(results)}/{total}\n")
                        sys.stderr.flush()
        finally:
            worker.stop()

    threads = [threading.Thread(target=drive, args=(i,), daemon=True) for i in range(max(1, jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    shutil.rmtree(log_dir, ignore_errors=True)
    return sorted(results, key=lambda r: r.name)


# --------------------------------------------------------------------------- reports

NOT_SUPPORTED = ("unsupported",)


def _bucket(r: CaseResult) -> str:
    return "pass" if r.passed else ("unsupported" if r.status in NOT_SUPPORTED else "fail")


def per_op(results: Iterable[CaseResult]) -> dict[str, list[CaseResult]]:
    ops: dict[str, list[CaseResult]] = collections.defaultdict(list)
    for r in results:
        key = r.op if r.domain in ("", "ai.onnx") else f"{r.domain}.{r.op}"
        ops[key].append(r)
    # ai.onnx ops first, then the other domains
    return dict(sorted(ops.items(), key=lambda kv: ("." in kv[0], kv[0].lower())))


def summary_text(results: list[CaseResult], top: int = 25) -> str:
    lines = [f"{'op':32} {'pass':>5} {'fail':>5} {'n/s':>5} {'total':>6}"]
    for op, rs in per_op(results).items():
        c = collections.Counter(_bucket(r) for r in rs)
        lines.append(f"{op:32} {c['pass']:5} {c['fail']:5} {c['unsupported']:5} {len(rs):6}")
    c = collections.Counter(_bucket(r) for r in results)
    lines.append(f"{'TOTAL':32} {c['pass']:5} {c['fail']:5} {c['unsupported']:5} {len(results):6}")
    statuses = collections.Counter(r.status for r in results)
    lines.append("by status: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
    undefined = [r for r in results if r.undefined_elements]
    if undefined:
        lines.append(f"note: {len(undefined)} case(s) ({sum(r.passed for r in undefined)} passing) have "
                     f"{sum(r.undefined_elements for r in undefined)} float -> integer cast elements "
                     "that ONNX leaves undefined (out of range, NaN, inf), compared with the "
                     "project's saturating result instead of the expected data")
    reasons = collections.Counter(_reason_family(r.reason) for r in results if not r.passed)
    if reasons:
        lines.append(f"top failure reasons ({len(reasons)} distinct):")
        for reason, n in reasons.most_common(top):
            lines.append(f"  {n:5}  {reason}")
    return "\n".join(lines)


def _reason_family(reason: str) -> str:
    """Group reasons for the summary: drop shapes/numbers inside one reason text."""
    return re.sub(r"\d+", "N", reason)[:120]


def expected_failures_from(results: list[CaseResult]) -> dict[str, str]:
    return {r.name: f"[{r.status}] {r.reason or r.status}" for r in results if not r.passed}


_DTYPE_ORDER = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
                "float16", "bfloat16", "float32", "float64"]


def supported_ops_markdown(results: list[CaseResult]) -> str:
    import onnx

    from .conformance_casts import SEMANTICS_NOTE

    c = collections.Counter(_bucket(r) for r in results)
    out = [
        "# Supported ONNX operators (CPU backend)",
        "",
        "<!-- Generated by `python -m onnx_mlir.tools.conformance --write-docs`; do not edit. -->",
        "",
        f"Measured on the {len(results)} node test cases of the onnx {onnx.__version__} backend test "
        f"suite (generated data, `tests/conformance`): **{c['pass']} pass**, {c['fail']} fail, "
        f"{c['unsupported']} not supported (no lowering / import or lowering error).",
        "",
        "An op is listed with the opset versions (`since_version` of the schema) and the element "
        "types of the cases that pass, and the cases that do not, with the reason. Cases named "
        "`*_expanded` run the op's function body (other ops) and are counted under the op.",
        "",
        "## Float -> integer conversions",
        "",
        SEMANTICS_NOTE,
        "",
        "## Operators",
        "",
        "| Op | Opsets passing | Cases passing | Element types passing | Limits / failing cases |",
        "|---|---|---|---|---|",
    ]
    for op, rs in per_op(results).items():
        ok = [r for r in rs if r.passed]
        bad = [r for r in rs if not r.passed]
        versions = sorted({r.since_version for r in ok if r.since_version is not None})
        dts = sorted({d for r in ok for d in r.dtypes}, key=lambda d: (_DTYPE_ORDER.index(d)
                                                                      if d in _DTYPE_ORDER else 99, d))
        if bad and all(r.reason.startswith("no lowering") for r in bad) and not ok:
            limits = "not supported: no lowering"
        else:
            by_reason: dict[str, list[str]] = collections.defaultdict(list)
            for r in bad:
                by_reason[r.reason or r.status].append(r.name.removeprefix("test_"))
            limits = "<br>".join(f"{_md(reason)}: {', '.join(names[:6])}"
                                 f"{f' (+{len(names) - 6})' if len(names) > 6 else ''}"
                                 for reason, names in sorted(by_reason.items(), key=lambda kv: -len(kv[1])))
        out.append(f"| {op} | {', '.join(map(str, versions)) or '-'} | {len(ok)}/{len(rs)} | "
                   f"{', '.join(dts) or '-'} | {limits or '-'} |")
    out.append("")
    return "\n".join(out)


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


# --------------------------------------------------------------------------- command line

def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="onnx-mlir-conformance",
        description="Run the ONNX backend node test cases through onnx-mlir-py and summarize them.")
    p.add_argument("patterns", nargs="*", help="regexes matched (fully) against case names; default: all")
    p.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    p.add_argument("--timeout", type=float, default=300.0, help="seconds per case before it is killed")
    p.add_argument("--json", metavar="PATH", help="write every case result as JSON")
    p.add_argument("--from-json", metavar="PATH", help="summarize results written by --json instead of running")
    p.add_argument("--write-expected-failures", nargs="?", const=str(EXPECTED_FAILURES), metavar="PATH",
                   help=f"rewrite the expected-failures file (default {EXPECTED_FAILURES.relative_to(REPO_ROOT)}); "
                        "with patterns, only the entries of the cases run change")
    p.add_argument("--write-docs", nargs="?", const=str(SUPPORTED_OPS_DOC), metavar="PATH",
                   help=f"write the supported-ops document (default {SUPPORTED_OPS_DOC.relative_to(REPO_ROOT)}); "
                        "needs a full run")
    p.add_argument("--list-failures", action="store_true", help="print every failing case with its reason")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress dots")
    p.add_argument("--worker", metavar="DATA_DIR", help=argparse.SUPPRESS)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.worker:
        return _worker_main(args.worker)
    start = time.time()
    if args.from_json:
        results = [CaseResult(**r) for r in json.loads(Path(args.from_json).read_text())]
        names = [r.name for r in results]
    else:
        data_dir = ensure_node_data(verbose=True)
        names = list_cases(data_dir)
        if args.patterns:
            rx = [re.compile(p) for p in args.patterns]
            names = [n for n in names if any(r.fullmatch(n) for r in rx)]
        if not names:
            print("no case matches", file=sys.stderr)
            return 1
        results = run_cases(names, data_dir, args.jobs, args.timeout, progress=not args.quiet)
    if args.json:
        Path(args.json).write_text(json.dumps([asdict(r) for r in results], indent=1))
    if args.list_failures:
        for r in results:
            if not r.passed:
                print(f"{r.status:11} {r.name}: {r.reason}")
    print(summary_text(results))
    if args.write_expected_failures:
        path = Path(args.write_expected_failures)
        entries = read_expected_failures(path) if args.patterns else {}
        for n in names:
            entries.pop(n, None)
        entries.update(expected_failures_from(results))
        write_expected_failures(entries, path)
        print(f"wrote {path} ({len(entries)} expected failures)")
    if args.write_docs:
        if args.patterns:
            print("--write-docs needs a full run (no patterns); not written", file=sys.stderr)
        else:
            Path(args.write_docs).parent.mkdir(parents=True, exist_ok=True)
            Path(args.write_docs).write_text(supported_ops_markdown(results))
            print(f"wrote {args.write_docs}")
    print(f"{len(results)} cases in {time.time() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
