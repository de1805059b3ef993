"""The worker side of the ``onnx-mlir-opt`` fuzzer: run the tool in-process on one mutated input.

The tool's own entry logic is reproduced (:func:`run_tool`) so that an unexpected exception is
seen with its traceback instead of the one-line "internal error" the tool prints; exit codes and
messages are otherwise those of ``onnx-mlir-opt``.
"""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
from pathlib import Path

from ..tool_info import upstream_mlir_opt
from .model_case import untyped_signature
from .outcomes import Outcome

# An internal error as the tool prints it (at a line start: a parse error echoes the input's line).
_UNTYPED = re.compile(r"^(Traceback \(most recent call last\)|onnx-mlir-opt: internal error)", re.M)


def warm_up() -> None:
    from onnx_mlir.tools import onnx_mlir_opt  # noqa: F401
    import onnx_mlir.lowering.onnx_to_linalg  # noqa: F401


def run_tool(argv: list[str]) -> tuple[int, str, BaseException | None]:
    """(exit code, stderr, the unexpected exception if any) of ``onnx-mlir-opt argv``."""
    from onnx_mlir.errors import OnnxMlirError
    from onnx_mlir.tools import onnx_mlir_opt as opt

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = opt.run(opt.parse_args(argv))
        except opt.UsageError as error:
            print(f"{opt.PROG}: error: {error}", file=err)
            code = 1
        except OnnxMlirError as error:
            print(f"{opt.PROG}: {error.format()}", file=err)
            code = 1
        except Exception as error:  # what the tool would report as an internal error
            return 2, err.getvalue(), error
    return code, err.getvalue(), None


def run_case(case: dict, send) -> dict:
    workdir = Path(case["workdir"])
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / "input.mlir"
    path.write_bytes(case["data"])
    _parse_alone(case["data"], "--allow-unregistered-dialect" in case["flags"], send)
    send("phase", "opt")
    code, stderr, error = run_tool(list(case["flags"]) + [str(path)])
    tail = stderr[-3000:]
    if error is not None:
        signature, text = untyped_signature(error)
        return _result(Outcome.UNTYPED, signature, text)
    if _UNTYPED.search(stderr) or code not in (0, 1):
        line = next((l for l in stderr.splitlines() if _UNTYPED.match(l) or "Error" in l), "")
        return _result(Outcome.UNTYPED, f"exit {code}: {line[:120]}", tail)
    if code == 1:
        if "error:" not in stderr:
            return _result(Outcome.UNTYPED, "exit 1 without a diagnostic", tail)
        first = next((l for l in stderr.splitlines() if "error:" in l), "")
        return _result(Outcome.TYPED_DIAGNOSTIC, "", first[:300])
    return _result(Outcome.SUCCESS, "", "")


def _parse_alone(data: bytes, allow_unregistered: bool, send) -> None:
    """Parse the input with MLIR's parser alone first (phase "parse"), so that a crash inside
    the upstream parser is told apart from a crash in our passes."""
    from mlir import ir

    from onnx_mlir.dialects import make_context

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    send("phase", "parse")
    context = make_context()
    context.allow_unregistered_dialects = allow_unregistered
    with context, contextlib.suppress(Exception):
        context.attach_diagnostic_handler(lambda diag: True)
        ir.Module.parse(text, context)


def upstream_parser_crashes(data: bytes, workdir: Path, timeout: float = 60.0) -> bool:
    """Whether upstream ``mlir-opt --allow-unregistered-dialect`` dies on this input too."""
    binary = upstream_mlir_opt()
    if binary is None:
        return False
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / "upstream-input.mlir"
    path.write_bytes(data)
    try:
        proc = subprocess.run([str(binary), "--allow-unregistered-dialect", str(path)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout)
    except subprocess.TimeoutExpired:
        return False
    return proc.returncode < 0


def _result(outcome: Outcome, signature: str, message: str) -> dict:
    return {"outcome": outcome.value, "phase": "opt", "signature": signature, "message": message,
            "details": {}}
