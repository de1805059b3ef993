"""Running a pipeline that mixes upstream and project passes.

Upstream MLIR passes run through ``mlir.passmanager.PassManager``. Project passes are Python
dataclasses (:class:`ModulePass`) that cannot be put in an upstream pass manager by name
(``PassManager.parse`` does not know them, and ``PassManager.add(..., op_name=...)`` aborts the
process), so :class:`Pipeline` splits a textual pipeline into maximal runs of upstream passes
(one ``PassManager`` each) and project passes (called directly in Python).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from mlir import ir
from mlir.passmanager import PassManager

from ..diagnostics import to_diagnostic
from ..errors import CompilationError, Diagnostic
from .pass_base import ModulePass, PassFailure
from .pass_options import instantiate_pass
from .pipeline_text import expand_pipelines, leaf_upstream_elements, parse_pipeline
from .registry import is_pipeline, is_project_pass

if TYPE_CHECKING:
    from .instrumentation import Instrumentation


@dataclass
class _Step:
    """A run of upstream pass elements (one PassManager) or one project pass instance."""

    label: str
    upstream: list[str] | None = None
    project: ModulePass | None = None


def _upstream_parse(elements: list[str], context: ir.Context) -> PassManager:
    text = "builtin.module(" + ",".join(elements) + ")"
    try:
        return PassManager.parse(text, context)
    except ValueError as exc:
        raise CompilationError(_pipeline_error(str(exc), elements)) from None


def _pipeline_error(message: str, elements: list[str]) -> str:
    """Turn the upstream parser's message into 'unknown pass' when that is what it says."""
    match = re.search(r"'([^']+)' does not refer to a registered pass or pass pipeline", message)
    if match:
        name = match.group(1)
        if is_project_pass(name) or is_pipeline(name):
            return (f"project pass '{name}' cannot be nested in an op-anchored pipeline; "
                    "use it at the top level")
        return f"unknown pass '{name}'"
    match = re.search(r"no such option (\S+).*failed to add `([^`]+)`", message, re.S)
    if match:
        return f"pass '{match.group(2)}' has no option '{match.group(1)}'"
    return " ".join(line.strip() for line in message.strip().splitlines() if line.strip())


class Pipeline:
    """A parsed, validated pipeline, ready to run on modules of ``context``."""

    def __init__(self, text: str, context: ir.Context | None = None, *, one_at_a_time: bool = False):
        self.text = text
        self.context = context or ir.Context()
        self.steps: list[_Step] = []
        pending: list[str] = []
        labels: list[str] = []

        def flush() -> None:
            if pending:
                _upstream_parse(pending, self.context)  # validate now, before any IR is read
                self.steps.append(_Step(",".join(labels), upstream=list(pending)))
                pending.clear()
                labels.clear()

        for el in expand_pipelines(parse_pipeline(text)):
            if el.nested is None and is_project_pass(el.name):
                flush()
                self.steps.append(_Step(el.name, project=instantiate_pass(el.name, el.options)))
            elif one_at_a_time:
                for label, leaf in leaf_upstream_elements(el):
                    pending.append(leaf)
                    labels.append(label)
                    flush()
            else:
                _upstream_parse([el.text], self.context)  # precise error for the culprit
                pending.append(el.text)
                labels.append(el.name)
        flush()

    def run(self, module: ir.Module, *, print_ir_after_all: TextIO | None = None,
            instrumentation: "Instrumentation | None" = None) -> None:
        """Run every step on ``module``; raise :class:`CompilationError` on the first failure.

        Before the first project pass, ``onnx-verify`` checks what the passes rely on and IRDL
        does not verify (attribute kinds, tensor types), so malformed ops get a located error.
        ``instrumentation`` sees each step (IR printing, per-pass timing: instrumentation.py);
        an active ``timing.PassTiming`` records each step's time (``onnx-mlir --mlir-timing``).
        Without ``instrumentation``, the current one (``instrumentation.active``) sees the steps."""
        from . import instrumentation as inst
        from .timing import current

        if instrumentation is None:
            instrumentation = inst.current()
        timing = current()
        clock = time.perf_counter()
        # Always: upstream folders also abort on some malformed input (tensor.dim indices).
        _run_project_pass(instantiate_pass("onnx-verify"), module)
        if timing is not None:
            timing.record("onnx-verify", time.perf_counter() - clock)
        for step in self.steps:
            clock = time.perf_counter()
            if instrumentation is not None:
                instrumentation.before(step.label, module)
            try:
                _run_step(step, module)
            except CompilationError:
                if instrumentation is not None:
                    instrumentation.after_failure(step.label, module)
                raise
            if instrumentation is not None:
                instrumentation.after(step.label, module)
            if timing is not None:
                timing.record(step.label, time.perf_counter() - clock)
            if print_ir_after_all is not None:
                print(f"// -----// IR Dump After {step.label} //----- //", file=print_ir_after_all)
                print(module, file=print_ir_after_all)


def _run_step(step: _Step, module: ir.Module) -> None:
    if step.project is not None:
        _run_project_pass(step.project, module)
        return
    pm = _upstream_parse(step.upstream or [], module.context)
    try:
        pm.run(module.operation)
    except ir.MLIRError as exc:
        raise CompilationError(f"pass pipeline '{step.label}' failed",
                               [to_diagnostic(d) for d in exc.error_diagnostics]) from None


def _run_project_pass(pass_: ModulePass, module: ir.Module) -> None:
    """Run one project pass and verify the result, collecting the errors it emits.

    Only errors are captured: warnings and remarks flow on to outer handlers (or stderr), as they
    would from an upstream pass.
    """
    errors: list[Diagnostic] = []

    def handler(diag) -> bool:
        if diag.severity == ir.DiagnosticSeverity.ERROR:
            errors.append(to_diagnostic(diag))
            return True
        return False

    handle = module.context.attach_diagnostic_handler(handler)
    try:
        try:
            pass_.run(module)
        except PassFailure:
            if not errors:
                errors.append(Diagnostic("error", "unknown", f"pass '{pass_.name}' failed"))
        if not errors:
            try:
                module.operation.verify()
            except ir.MLIRError as exc:
                errors.extend(to_diagnostic(d) for d in exc.error_diagnostics)
        if not errors:
            from .verify import emit_oversized_values  # (imports onnx: not at tool start-up)

            emit_oversized_values(module)  # (the handler collects them)
    finally:
        handle.detach()
    if errors:
        raise CompilationError(f"pass '{pass_.name}' failed", errors)


def run_pipeline(module: ir.Module, pipeline_text: str, *,
                 print_ir_after_all: TextIO | None = None,
                 instrumentation: "Instrumentation | None" = None) -> None:
    """Run a textual pipeline mixing upstream and project passes on ``module``.

    ``instrumentation`` defaults to the current one (``instrumentation.active``). When one is
    there, or a timing is active, each upstream pass runs on its own so that each is seen."""
    from . import instrumentation as inst
    from .timing import current

    if instrumentation is None:
        instrumentation = inst.current()
    one_at_a_time = (print_ir_after_all is not None or instrumentation is not None
                     or current() is not None)
    pipeline = Pipeline(pipeline_text, module.context, one_at_a_time=one_at_a_time)
    pipeline.run(module, print_ir_after_all=print_ir_after_all, instrumentation=instrumentation)
