"""Running the ONNX node cases: one case in this process, many over worker subprocesses.

:func:`run_case` compiles and runs one generated case (conformance_data.py) and
:func:`classify` turns its failure into a status and a short reason.  :func:`run_cases` runs cases
in worker subprocesses (this module run as ``python -m onnx_mlir.tools.conformance_harness
DATA_DIR``): a case that aborts its process (an LLVM assertion, a segfault) or exceeds the timeout
is recorded as ``crash``/``timeout`` and the worker is replaced; the run goes on.

A case passes when every data set's outputs match like onnx's ``BackendTest`` checks them
(``Runner.assert_similar_outputs``: same count, shapes, dtypes, ``assert_allclose`` with the case's
rtol/atol), except for the float -> integer cast elements that ONNX leaves undefined: those are
compared with the project's defined result (``conformance_casts.py``), and counted.
"""

from __future__ import annotations

import collections
import contextlib
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
from typing import Any


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
    dynamic_status: str = ""  # the same case with symbolic input dims (--dynamic); "" not run
    dynamic_reason: str = ""

    @property
    def passed(self) -> bool:
        return self.status == "pass"

    @property
    def dynamic_passed(self) -> bool:
        return self.dynamic_status == "pass"


def one_line(text: str, limit: int = 160) -> str:
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
        return "fail", one_line(f"assertion: {text.strip().splitlines()[0] if text.strip() else 'failed'}")
    if isinstance(exc, OnnxImportError):
        return "unsupported", one_line(f"import: {exc.args[0] if exc.args else exc}")
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
                return "unsupported", one_line(f"{op.group(1) if op else m.group(1)}: {m.group(2)}")
            if re.match(r"expected '.*' but got '.*'", d.message):  # IRDL type constraint of an op
                op = re.search(r'\("(\w+)"\)', d.location)
                return "error", one_line(f"onnx dialect verifier ({op.group(1) if op else '?'}): {d.message}")
            return "error", one_line(f"{exc.args[0]}: {d.message}")
        message = str(exc.args[0] if exc.args else exc)
        return ("unsupported" if "does not support" in message else "error"), one_line(message)
    diags = getattr(exc, "error_diagnostics", None)  # mlir.ir.MLIRError (e.g. an invalid type built)
    if diags:
        return "error", one_line(f"MLIR error: {diags[0].message}")
    if isinstance(exc, InputError):
        return "error", one_line(f"input: {exc}")
    return "error", one_line(f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}")


def _run_model(model: Any, case_dir: Path) -> int:
    """Compile ``model`` and check it on every data set of the case; raises on a failure.
    Returns the float -> integer cast elements compared with the project's result."""
    import onnx
    from onnx.backend.test.runner import Runner

    from ..backend import OnnxMlirBackend
    from .conformance_casts import project_reference

    undefined = 0
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
    del onnx
    return undefined


def _attempt(model: Any, case_dir: Path) -> tuple[str, str, str, int]:
    """(status, reason, detail, undefined elements) of one compile-and-run of ``model``."""
    import traceback
    try:
        return "pass", "", "", _run_model(model, case_dir)
    except BaseException as exc:  # noqa: BLE001 - every failure is a result
        if isinstance(exc, KeyboardInterrupt):
            raise
        status, reason = classify(exc)
        return status, reason, "".join(traceback.format_exception_only(type(exc), exc))[-4000:], 0


def run_case(case_dir: Path, dynamic: bool = False) -> CaseResult:
    """Compile and run one generated node case in this process; with ``dynamic``, once more with
    every graph input dim symbolic (conformance_symbolic.py), recorded in ``dynamic_*``."""
    import onnx

    from .conformance_symbolic import with_symbolic_dims

    start = time.time()
    model = None
    try:
        model = onnx.load(str(case_dir / "model.onnx"))
    except Exception as exc:  # noqa: BLE001 - an unreadable model is a result too
        status, reason = classify(exc)
        result = CaseResult(case_dir.name, status, reason)
    else:
        status, reason, detail, undefined = _attempt(model, case_dir)
        result = CaseResult(case_dir.name, status, reason, detail=detail, undefined_elements=undefined)
        if dynamic:
            d_status, d_reason, d_detail, _ = _attempt(with_symbolic_dims(model), case_dir)
            result.dynamic_status, result.dynamic_reason = d_status, d_reason
            if d_status != "pass" and status == "pass":
                result.detail = d_detail
    result.seconds = round(time.time() - start, 3)
    for k, v in case_info(case_dir, model).items():
        setattr(result, k, v)
    return result


# --------------------------------------------------------------------------- workers

def _worker_main(data_dir: str, dynamic: bool = False) -> int:
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
        result = run_case(Path(data_dir) / name, dynamic)
        out.write(json.dumps(asdict(result)) + "\n")
        out.flush()
    return 0


class _Worker:
    """One worker subprocess; replaced after a crash, a timeout or ``recycle`` cases."""

    def __init__(self, data_dir: Path, log_dir: Path, index: int, dynamic: bool = False):
        self.data_dir, self.log_path = data_dir, log_dir / f"worker-{index}.log"
        self.dynamic = dynamic
        self.proc: subprocess.Popen | None = None
        self.done = 0

    def start(self) -> None:
        self.log = open(self.log_path, "ab")
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "onnx_mlir.tools.conformance_harness", str(self.data_dir)]
            + (["--dynamic"] if self.dynamic else []),
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
                        "reason": one_line(f"crash ({what}): {tail}" if tail else f"crash ({what})"),
                        "seconds": round(time.time() - start, 3)}
            buf += chunk
        self.done += 1
        return json.loads(buf.decode())


def run_cases(names: list[str], data_dir: Path, jobs: int, timeout: float, recycle: int = 150,
              progress: bool = True, dynamic: bool = False) -> list[CaseResult]:
    """Run ``names`` over ``jobs`` worker subprocesses; crashes and timeouts become results (with
    ``dynamic``, of both runs of the case). ``dynamic``: each case also runs with symbolic input
    dims (:func:`run_case`)."""
    queue = collections.deque(names)
    results: list[CaseResult] = []
    lock = threading.Lock()
    log_dir = Path(tempfile.mkdtemp(prefix="onnx-mlir-conformance-"))
    total = len(names)

    def drive(index: int) -> None:
        worker = _Worker(data_dir, log_dir, index, dynamic)
        static_worker = _Worker(data_dir, log_dir, index + jobs)
        try:
            while True:
                with lock:
                    if not queue:
                        return
                    name = queue.popleft()
                raw = worker.run(name, timeout)
                if worker.done >= recycle:
                    worker.stop()  # bounded memory growth (contexts, JIT engines)
                if dynamic and raw["status"] in ("crash", "timeout"):
                    # which run died is unknown: the static one again, alone
                    raw.update(dynamic_status=raw["status"], dynamic_reason=raw["reason"])
                    static = static_worker.run(name, timeout)
                    static_worker.stop()
                    raw.update({k: static[k] for k in ("status", "reason", "seconds") if k in static})
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
            static_worker.stop()

    threads = [threading.Thread(target=drive, args=(i,), daemon=True) for i in range(max(1, jobs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    shutil.rmtree(log_dir, ignore_errors=True)
    return sorted(results, key=lambda r: r.name)


if __name__ == "__main__":  # a worker of run_cases
    sys.exit(_worker_main(sys.argv[1], "--dynamic" in sys.argv[2:]))
