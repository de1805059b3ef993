"""Project passes, their lazy registry, pipeline parsing and the pipeline runner.

Upstream MLIR passes run through ``mlir.passmanager.PassManager``. Project passes are Python
dataclasses (:class:`ModulePass`) that cannot be put in an upstream pass manager by name
(``PassManager.parse`` does not know them, and ``PassManager.add(..., op_name=...)`` aborts the
process), so :func:`run_pipeline` splits a textual pipeline into maximal runs of upstream passes
(one ``PassManager`` each) and project passes (called directly in Python).

The registry stores ``"module:Class"`` strings and one-line summaries, so listing passes (``--help``)
never imports the heavy lowering modules.
"""

from __future__ import annotations

import dataclasses
import importlib
import re
import types
import typing
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, TextIO, Union

from ..errors import CompilationError, Diagnostic

if TYPE_CHECKING:  # MLIR loads when a pipeline is built, not for listings (--help stays fast)
    from mlir import ir
    from mlir.passmanager import PassManager

    from .instrumentation import Instrumentation


class PassFailure(Exception):
    """Raised by a project pass after it emitted its errors with ``location.emit_error``."""


class ModulePass:
    """Base of project passes.

    Subclasses are ``@dataclass`` classes: the class variables ``name`` (the command-line
    argument) and ``summary`` (one line) describe the pass, the dataclass fields are its options
    (``name{field=value}``, ``-`` and ``_`` interchangeable in option names).
    """

    name: ClassVar[str] = ""
    summary: ClassVar[str] = ""

    def run(self, module: ir.Module) -> None:  # pragma: no cover - abstract
        raise NotImplementedError


# ---------------------------------------------------------------------------------------------
# Registry


@dataclass(frozen=True)
class PassInfo:
    """A registered project pass: where its class lives, and its summary for listings."""

    name: str
    target: str  # "package.module:ClassName"
    summary: str


@dataclass(frozen=True)
class PipelineInfo:
    """A named pipeline: a pipeline text that replaces the name wherever it appears."""

    name: str
    text: str
    summary: str


_PASSES: dict[str, PassInfo] = {}
_PIPELINES: dict[str, PipelineInfo] = {}
_CLASSES: dict[str, type[ModulePass]] = {}


def register_pass(name: str, target: str | type[ModulePass], summary: str = "") -> None:
    """Register a project pass by ``"module:Class"`` string (imported on first use) or class."""
    if isinstance(target, type):
        _CLASSES[name] = target
        summary = summary or getattr(target, "summary", "")
        target = f"{target.__module__}:{target.__qualname__}"
    _PASSES[name] = PassInfo(name, target, summary)


def register_pipeline(name: str, text: str, summary: str = "") -> None:
    """Register a named pipeline, usable as a pipeline element or a tool flag."""
    _PIPELINES[name] = PipelineInfo(name, text, summary)


def is_project_pass(name: str) -> bool:
    return name in _PASSES


def is_pipeline(name: str) -> bool:
    return name in _PIPELINES


def get_pass_class(name: str) -> type[ModulePass]:
    """The class of project pass ``name``, imported on demand."""
    if name in _CLASSES:
        return _CLASSES[name]
    info = _PASSES.get(name)
    if info is None:
        raise CompilationError(f"unknown pass '{name}'")
    module_name, _, class_name = info.target.partition(":")
    try:
        cls = getattr(importlib.import_module(module_name), class_name)
    except (ImportError, AttributeError) as exc:
        raise CompilationError(f"pass '{name}' cannot be loaded from '{info.target}': {exc}") from exc
    _CLASSES[name] = cls
    return cls


def list_passes() -> list[tuple[str, str]]:
    """(name, summary) of every project pass, sorted, without importing any pass module."""
    return sorted((p.name, p.summary) for p in _PASSES.values())


def list_pipelines() -> list[tuple[str, str]]:
    """(name, summary) of every named pipeline, sorted."""
    return sorted((p.name, p.summary) for p in _PIPELINES.values())


def get_pipeline(name: str) -> PipelineInfo:
    return _PIPELINES[name]


# ---------------------------------------------------------------------------------------------
# Pipeline text


@dataclass(frozen=True)
class PipelineElement:
    """One top-level element of a pipeline: ``name``, ``name{options}`` or ``anchor(nested)``."""

    name: str
    options: str | None = None  # text between the braces
    nested: str | None = None  # text between the parentheses (an op-anchored sub-pipeline)

    @property
    def text(self) -> str:
        if self.nested is not None:
            return f"{self.name}({self.nested})"
        if self.options is not None:
            return f"{self.name}{{{self.options}}}"
        return self.name


def _split_top_level(text: str, sep: str = ",") -> list[str]:
    """Split on ``sep`` outside brackets and quotes; empty pieces are dropped."""
    parts, depth, quote, start = [], 0, "", 0
    for i, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch in "({[":
            depth += 1
        elif ch in ")}]":
            depth -= 1
            if depth < 0:
                raise CompilationError(f"unbalanced '{ch}' in pipeline '{text}'")
        elif depth == 0 and (ch == sep or (sep == " " and ch.isspace())):
            parts.append(text[start:i])
            start = i + 1
    if depth != 0 or quote:
        raise CompilationError(f"unbalanced brackets or quotes in pipeline '{text}'")
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


_ELEMENT = re.compile(r"^([A-Za-z0-9_.\-]+)\s*(.*)$", re.S)


def parse_pipeline(text: str) -> list[PipelineElement]:
    """Parse ``builtin.module(a, b{x=1 y=true}, func.func(c))`` or a plain ``a, b{x=1}`` list."""
    elements = [_parse_element(piece) for piece in _split_top_level(text.strip())]
    if len(elements) == 1 and elements[0].name == "builtin.module" and elements[0].nested is not None:
        return parse_pipeline(elements[0].nested)
    return elements


def _parse_element(piece: str) -> PipelineElement:
    match = _ELEMENT.match(piece)
    if not match:
        raise CompilationError(f"cannot parse pipeline element '{piece}'")
    name, rest = match.group(1), match.group(2).strip()
    if not rest:
        return PipelineElement(name)
    if rest.startswith("{") and rest.endswith("}"):
        return PipelineElement(name, options=rest[1:-1].strip())
    if rest.startswith("(") and rest.endswith(")"):
        return PipelineElement(name, nested=rest[1:-1].strip())
    raise CompilationError(f"cannot parse pipeline element '{piece}'")


def expand_pipelines(elements: list[PipelineElement], _seen: tuple[str, ...] = ()) -> list[PipelineElement]:
    """Replace named pipelines by their elements (recursively)."""
    out: list[PipelineElement] = []
    for el in elements:
        if el.nested is None and is_pipeline(el.name):
            if el.options:
                raise CompilationError(f"pipeline '{el.name}' takes no options")
            if el.name in _seen:
                raise CompilationError(f"pipeline '{el.name}' refers to itself")
            out.extend(expand_pipelines(parse_pipeline(_PIPELINES[el.name].text), _seen + (el.name,)))
        else:
            out.append(el)
    return out


# ---------------------------------------------------------------------------------------------
# Options


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    if len(value) >= 2 and value[0] == "{" and value[-1] == "}":
        return value[1:-1]
    return value


def _convert(value: str, annotation: Any, where: str) -> Any:
    """Convert option text to ``annotation`` (int, float, bool, str, list[...], Optional[...])."""
    origin = typing.get_origin(annotation)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if value.lower() in ("none", "") and len(args) < len(typing.get_args(annotation)):
            return None
        return _convert(value, args[0], where)
    if origin in (list, tuple):
        (item,) = typing.get_args(annotation)[:1] or (str,)
        items = [v.strip() for v in _unquote(value).split(",") if v.strip()]
        converted = [_convert(v, item, where) for v in items]
        return converted if origin is list else tuple(converted)
    value = _unquote(value)
    try:
        if annotation is bool:
            lowered = value.lower()
            if lowered in ("true", "1", "yes", "on"):
                return True
            if lowered in ("false", "0", "no", "off"):
                return False
            raise ValueError(value)
        if annotation is int:
            return int(value, 0)
        if annotation is float:
            return float(value)
    except ValueError:
        raise CompilationError(f"{where}: invalid value '{value}' (expected {annotation.__name__})") from None
    return value


def _option_name(field_name: str) -> str:
    return field_name.replace("_", "-")


def instantiate_pass(name: str, options: str | None = None) -> ModulePass:
    """Build project pass ``name`` with options given as ``key=value key2=value2`` text."""
    cls = get_pass_class(name)
    fields = {f.name: f for f in dataclasses.fields(cls)} if dataclasses.is_dataclass(cls) else {}
    hints = typing.get_type_hints(cls) if fields else {}
    kwargs: dict[str, Any] = {}
    for item in _split_top_level(options or "", sep=" "):
        key, eq, value = item.partition("=")
        field_name = key.strip().replace("-", "_")
        if field_name not in fields or not fields[field_name].init:
            valid = ", ".join(_option_name(f) for f, fd in fields.items() if fd.init) or "none"
            raise CompilationError(
                f"pass '{name}' has no option '{key.strip()}' (valid options: {valid})")
        annotation = hints.get(field_name, str)
        if not eq:  # a bare flag means true, as in mlir-opt
            if annotation is not bool:
                raise CompilationError(f"pass '{name}': option '{key.strip()}' needs a value")
            value = "true"
        kwargs[field_name] = _convert(value.strip(), annotation, f"pass '{name}', option '{key.strip()}'")
    return cls(**kwargs)


# ---------------------------------------------------------------------------------------------
# Running


@dataclass
class _Step:
    """A run of upstream pass elements (one PassManager) or one project pass instance."""

    label: str
    upstream: list[str] | None = None
    project: ModulePass | None = None


def _upstream_parse(elements: list[str], context: ir.Context) -> PassManager:
    from mlir.passmanager import PassManager

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


def _leaf_upstream_elements(el: PipelineElement) -> list[tuple[str, str]]:
    """(label, text) of each upstream pass inside ``el``, keeping its anchors (for IR printing)."""
    if el.nested is None:
        return [(el.name, el.text)]
    leaves = []
    for sub in parse_pipeline(el.nested) if el.nested.strip() else []:
        for label, text in _leaf_upstream_elements(sub):
            leaves.append((label, f"{el.name}({text})"))
    return leaves


class Pipeline:
    """A parsed, validated pipeline, ready to run on modules of ``context``."""

    def __init__(self, text: str, context: ir.Context | None = None, *, one_at_a_time: bool = False):
        from mlir import ir

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
                for label, leaf in _leaf_upstream_elements(el):
                    pending.append(leaf)
                    labels.append(label)
                    flush()
            else:
                _upstream_parse([el.text], self.context)  # precise error for the culprit
                pending.append(el.text)
                labels.append(el.name)
        flush()

    def run(self, module: ir.Module, *, print_ir_after_all: TextIO | None = None,
            instrumentation: Instrumentation | None = None) -> None:
        """Run every step on ``module``; raise :class:`CompilationError` on the first failure.

        Before the first project pass, ``onnx-verify`` checks what the passes rely on and IRDL
        does not verify (attribute kinds, tensor types), so malformed ops get a located error.
        ``instrumentation`` sees each step (timing, IR printing: instrumentation.py)."""
        # Always: upstream folders also abort on some malformed input (tensor.dim indices).
        _run_project_pass(instantiate_pass("onnx-verify"), module)
        for step in self.steps:
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
            if print_ir_after_all is not None:
                print(f"// -----// IR Dump After {step.label} //----- //", file=print_ir_after_all)
                print(module, file=print_ir_after_all)


def _run_step(step: _Step, module: ir.Module) -> None:
    from mlir import ir

    from ..diagnostics import to_diagnostic

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
    from mlir import ir

    from ..diagnostics import to_diagnostic

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
            from .verify import emit_oversized_values

            emit_oversized_values(module)  # (the handler collects them)
    finally:
        handle.detach()
    if errors:
        raise CompilationError(f"pass '{pass_.name}' failed", errors)


def run_pipeline(module: ir.Module, pipeline_text: str, *,
                 print_ir_after_all: TextIO | None = None) -> None:
    """Run a textual pipeline mixing upstream and project passes on ``module``."""
    pipeline = Pipeline(pipeline_text, module.context, one_at_a_time=print_ir_after_all is not None)
    pipeline.run(module, print_ir_after_all=print_ir_after_all)


# ---------------------------------------------------------------------------------------------
# Built-in registrations (modules are imported only when the pass is used)

register_pass("convert-onnx-to-linalg", "onnx_mlir.lowering.onnx_to_linalg:ConvertOnnxToLinalgPass",
              "Lower onnx dialect ops to linalg/tensor/arith/math on tensors")
register_pass("onnx-verify", "onnx_mlir.passes.verify:OnnxVerifyPass",
              "Check onnx ops' attribute kinds, segment sizes and tensor types")
register_pass("onnx-dce", "onnx_mlir.passes.dead_code:OnnxDeadCodeEliminationPass",
              "Remove onnx.* ops whose results are all unused (to a fixpoint)")
register_pass("onnx-shape-inference", "onnx_mlir.passes.shape_inference:OnnxShapeInferencePass",
              "Refine dynamic result types of onnx ops with ONNX shape inference")
register_pass("onnx-constant-fold", "onnx_mlir.passes.constant_fold:OnnxConstantFoldPass",
              "Fold onnx ops with constant operands, and Shape/Size of static tensors")
register_pass("onnx-decompose", "onnx_mlir.passes.decompose:OnnxDecomposePass",
              "Replace onnx ops without a linalg lowering by their ONNX function body")
register_pass("onnx-canonicalize", "onnx_mlir.passes.canonicalize:OnnxCanonicalizePass",
              "Simplify onnx ops (Identity, no-op Cast/Reshape, Reshape chains, Dropout, ...)")
register_pass("onnx-simplify", "onnx_mlir.passes.simplify:OnnxSimplifyPass",
              "constant-fold, decompose, shape-inference, canonicalize, dce until nothing changes")

# The CPU backend's passes and pipelines (linalg-to-cpu, onnx-to-cpu, cpu-<stage>).
from ..lowering.cpu import register as _register_cpu_passes  # noqa: E402

_register_cpu_passes()

# The GPU backend's passes and pipelines (gpu-group-kernels, gpu-emit-triton, onnx-to-triton).
from ..lowering.gpu import register as _register_gpu_passes  # noqa: E402

_register_gpu_passes()
