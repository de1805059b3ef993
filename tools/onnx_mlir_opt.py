"""``onnx-mlir-opt``: an ``mlir-opt`` work-alike that knows the project's dialects and passes.

It reads MLIR text, runs a pipeline mixing upstream passes and project passes (see
``onnx_mlir.passes.registry``) and prints the result. It is the tool the lit tests drive, so it
reports every problem as an MLIR diagnostic (``file:line:col: error: message``, with the source
line and a caret for the input's own locations) and exits 1, and never shows a Python traceback
unless asked (``--debug-traceback``): an unexpected exception is an "internal error" (exit 2),
located in the plugin that raised it when a plugin did.

Command line: ``opt_cli.py`` (mlir-opt's flag names: ``--mlir-timing``, the
``--mlir-print-ir-*`` family, ``--split-input-file[=MARKER]``, ``--load-plugin``, ...).
"""

from __future__ import annotations

import io
import re
import sys
from dataclasses import dataclass

from ..errors import CompilationError, Diagnostic, OnnxMlirError, print_warnings
from .opt_cli import PROG, Options, UsageError, help_text, parse_args, pass_listing, version_text
from .opt_diagnostics import Expected, format_diagnostic, parse_expected, verify
from .print_ir_flags import ir_printer

__all__ = ["PROG", "Expected", "Options", "UsageError", "format_diagnostic", "help_text", "main",
           "parse_args", "parse_expected", "pass_listing", "run", "verify"]


@dataclass
class ChunkResult:
    output: str  # printed module, "" on failure
    diagnostics: list[Diagnostic]
    failure: str | None = None  # a failure without diagnostics (e.g. a pass that cannot load)
    parse_failed: bool = False

    @property
    def failed(self) -> bool:
        return self.failure is not None or any(d.severity == "error" for d in self.diagnostics)


def split_chunks(text: str, marker: str) -> list[tuple[int, str]]:
    """(number of lines before the chunk, chunk text) for each ``marker``-separated chunk."""
    pattern = re.compile(r"^\s*" + re.escape(marker))
    chunks, current, start = [], [], 0
    for index, line in enumerate(text.split("\n")):
        if pattern.match(line):
            chunks.append((start, "\n".join(current)))
            current, start = [], index + 1
        else:
            current.append(line)
    chunks.append((start, "\n".join(current)))
    return chunks


def _rename_locations(text: str, filename: str) -> str:
    """Printed locations of the parsed buffer are named "-"; give them the input's name."""
    quoted = '"' + filename.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text.replace('loc("-":', f"loc({quoted}:")


class _Session:
    """One run of the tool: the context, the pipeline and the instrumentation of every chunk."""

    def __init__(self, opts: Options, filename: str):
        from ..dialects import make_context
        from ..passes import instrumentation as inst
        from ..passes import registry

        self.opts, self.filename = opts, filename
        self.context = make_context()
        self.context.allow_unregistered_dialects = opts.allow_unregistered_dialect
        if opts.mlir_disable_threading:
            self.context.enable_multithreading(False)
        self.print_options = inst.PrintOptions(opts.mlir_print_op_generic, opts.mlir_print_debuginfo,
                                               opts.mlir_elide_elementsattrs_if_larger)
        _check_flag_passes(opts, self.context)
        one_at_a_time = opts.prints_ir or opts.mlir_timing
        self.pipeline = registry.Pipeline(opts.pipeline_text, self.context, one_at_a_time=one_at_a_time)
        self.dumps = io.StringIO()
        items: list[inst.Instrumentation] = []
        printer = ir_printer(opts, self.dumps, self.print_options,
                             rename=lambda text: _rename_locations(text, filename))
        if printer is not None:
            items.append(printer)
        self.timer = inst.PassTimer() if opts.mlir_timing else None
        if self.timer is not None:
            items.append(self.timer)
        self.instrumentation = inst.Instrumentations(items) if items else None

    def process(self, text: str, line_offset: int) -> ChunkResult:
        """Parse one buffer, run the pipeline, print the module; collect every diagnostic.

        The text is parsed after ``line_offset`` blank lines so that locations carry the line
        numbers of the original file."""
        from mlir import ir

        from ..diagnostics import capture_diagnostics, to_diagnostic

        with capture_diagnostics(self.context) as collected:
            try:
                module = ir.Module.parse("\n" * line_offset + text, self.context)
            except ir.MLIRError as exc:
                return ChunkResult("", collected + [to_diagnostic(d) for d in exc.error_diagnostics],
                                   parse_failed=True)
            try:
                self.pipeline.run(module, instrumentation=self.instrumentation)
            except CompilationError as exc:
                failure = None if exc.diagnostics else str(exc)
                return ChunkResult("", collected + list(exc.diagnostics), failure)
            finally:
                sys.stderr.write(self.dumps.getvalue())
                self.dumps.seek(0)
                self.dumps.truncate()
            out = io.StringIO()
            self.print_options.print(module, out)
            text_out = out.getvalue()
            if not text_out.endswith("\n"):
                text_out += "\n"
            return ChunkResult(_rename_locations(text_out, self.filename), list(collected))


def _check_flag_passes(opts: Options, context) -> None:
    """A flag that is neither a tool option nor a pass is an 'unknown option' (did you mean)."""
    from mlir.passmanager import PassManager

    from ..passes import registry
    from .opt_cli import unknown_option

    for name in opts.flag_passes:
        if registry.is_project_pass(name) or registry.is_pipeline(name):
            continue
        try:
            PassManager.parse(f"builtin.module({name})", context)
        except ValueError as exc:
            if "does not refer to a registered pass" in str(exc):
                raise unknown_option(name) from None


def read_source(path: str, filename: str) -> str:
    """The input text; bytes that are not UTF-8 are a located error (UsageError), as in mlir-opt."""
    if path == "-":
        stream = getattr(sys.stdin, "buffer", None)
        raw = stream.read() if stream is not None else sys.stdin.read().encode()
    else:
        with open(path, "rb") as f:
            raw = f.read()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise UsageError(f"{filename}:{line}:{column}: error: the input is not valid UTF-8 "
                         f"(byte 0x{raw[exc.start]:02x})") from None


def _show_dialects() -> str:
    import pkgutil

    import mlir.dialects
    from mlir import ir

    from ..dialects import make_context, registered_dialects

    context = make_context()
    aliases = {"async_dialect": "async", "openacc": "acc", "openmp": "omp"}
    names = set()
    for module in pkgutil.iter_modules(mlir.dialects.__path__):
        namespace = aliases.get(module.name, module.name)
        if module.name.startswith("_"):
            continue
        try:
            context.dialects[namespace]
            names.add(namespace)
        except (IndexError, KeyError, ValueError, ir.MLIRError):
            pass
    names.update(d.namespace for d in registered_dialects())
    return "Available Dialects: " + ", ".join(sorted(names)) + "\n"


def run(opts: Options) -> int:
    if opts.help:
        _load_plugins(opts)
        sys.stdout.write(help_text())
        return 0
    if opts.version:
        sys.stdout.write(version_text())
        return 0
    _load_plugins(opts)
    if opts.list_passes:
        sys.stdout.write(pass_listing())
        return 0
    if opts.show_dialects:
        sys.stdout.write(_show_dialects())
        return 0

    filename = "<stdin>" if opts.input == "-" else opts.input
    try:
        session = _Session(opts, filename)
    except OnnxMlirError as exc:
        print(f"{PROG}: {exc.format()}", file=sys.stderr)
        return 1
    if opts.dump_pass_pipeline:
        _dump_pipeline(opts)
    try:
        source = read_source(opts.input, filename)
    except OSError as exc:
        print(f"{PROG}: error: cannot open input file '{opts.input}': {exc.strerror}", file=sys.stderr)
        return 1
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return 1

    source_lines = source.split("\n")
    marker = opts.split_input_file
    chunks = split_chunks(source, marker) if marker else [(0, source)]
    outputs: list[str] = []
    failed = False
    for offset, chunk in chunks:
        result = session.process(chunk, offset)
        outputs.append(result.output)
        if opts.verify_diagnostics:
            problems = verify(result.diagnostics, parse_expected("\n" * offset + chunk), filename)
            if result.failure is not None:
                problems.append(f"{PROG}: error: {result.failure}")
            if problems:
                print("\n".join(problems), file=sys.stderr)
                failed = True
            continue
        snippet_lines = source_lines if result.parse_failed else None
        for diag in result.diagnostics:
            print(format_diagnostic(diag, filename, snippet_lines), file=sys.stderr)
        if result.failure is not None:
            print(f"{PROG}: error: {result.failure}", file=sys.stderr)
        failed = failed or result.failed
    if session.timer is not None:
        sys.stderr.write(session.timer.report())

    if failed and not (marker or opts.verify_diagnostics):
        return 1
    text = "// -----\n".join(outputs)
    if opts.output == "-":
        sys.stdout.write(text)
    else:
        with open(opts.output, "w", encoding="utf-8") as f:
            f.write(text)
    return 1 if failed else 0


def _load_plugins(opts: Options) -> None:
    from ..plugins import load_plugins

    load_plugins(opts.load_plugin)


def _dump_pipeline(opts: Options) -> None:
    """The pipeline as it will run (named pipelines expanded), as mlir-opt prints it."""
    from ..passes import registry

    elements = registry.expand_pipelines(registry.parse_pipeline(opts.pipeline_text or ""))
    print(f"Pass Manager with {len(elements)} passes:", file=sys.stderr)
    print("builtin.module(" + ",".join(el.text for el in elements) + ")", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``onnx-mlir-opt`` console script."""
    from ..plugins.errors import format_internal_error, traceback_requested

    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        with print_warnings(PROG):
            return run(parse_args(argv))
    except UsageError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    except OnnxMlirError as exc:
        print(f"{PROG}: {exc.format()}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BaseException as exc:  # noqa: BLE001 - no traceback unless asked for
        if isinstance(exc, SystemExit):
            raise
        if traceback_requested(argv):
            import traceback

            traceback.print_exc()
        print(format_internal_error(PROG, exc), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
