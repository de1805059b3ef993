"""``onnx-mlir-opt``: an ``mlir-opt`` work-alike that knows the project's dialects and passes.

It reads MLIR text, runs a pipeline mixing upstream passes and project passes (see
``onnx_mlir.passes``) and prints the result. It is the tool the lit tests drive, so it
reports every problem as an MLIR diagnostic (``file:line:col: error: message``) and exits 1, and
never shows a Python traceback (an unexpected exception is an "internal error", exit 2).

Command line (flags take one or two dashes, as with ``mlir-opt``)::

    onnx-mlir-opt [input|-] [-o out] [--<pass>[=opts]]... [--pass-pipeline=TEXT]
                  [--split-input-file] [--verify-diagnostics] [--mlir-print-ir-after-all]
                  [--mlir-print-debuginfo] [--mlir-timing] [--allow-unregistered-dialect] [--list-passes] [--help]

A flag that is not a tool option names a pass (project or upstream), in the order given;
``--pass=a=1 b=2`` becomes ``pass{a=1 b=2}``.
"""

from __future__ import annotations

import io
import re
import sys
from dataclasses import dataclass, field

from mlir import ir

from ..diagnostics import capture_diagnostics, to_diagnostic
from ..errors import CompilationError, Diagnostic, OnnxMlirError, print_warnings
from .. import passes

PROG = "onnx-mlir-opt"

_FLAGS = {
    "split-input-file": "split the input on '// -----' lines and process each chunk on its own",
    "verify-diagnostics": "check diagnostics against 'expected-error {{...}}' comments",
    "mlir-print-ir-after-all": "print the IR after every pass (to stderr)",
    "mlir-print-debuginfo": "print locations in the output",
    "mlir-timing": "print the wall time of every pass (project and upstream) to stderr",
    "allow-unregistered-dialect": "accept ops of dialects that are not loaded",
    "list-passes": "list the project passes and pipelines, then exit",
    "help": "show this help, then exit",
}
_SPLIT_MARKER = re.compile(r"^\s*// -----")


class UsageError(Exception):
    """A command-line mistake (reported as 'onnx-mlir-opt: error: ...', exit 1)."""


@dataclass
class Options:
    input: str = "-"
    output: str = "-"
    pipeline_pieces: list[str] = field(default_factory=list)
    split_input_file: bool = False
    verify_diagnostics: bool = False
    mlir_print_ir_after_all: bool = False
    mlir_print_debuginfo: bool = False
    mlir_timing: bool = False
    allow_unregistered_dialect: bool = False
    list_passes: bool = False
    help: bool = False

    @property
    def pipeline_text(self) -> str:
        """All pass flags and --pass-pipeline texts, in order, as one flat pipeline list."""
        elements: list[str] = []
        for piece in self.pipeline_pieces:
            elements.extend(el.text for el in passes.parse_pipeline(piece))
        return ", ".join(elements)


def parse_args(argv: list[str]) -> Options:
    """Parse the command line by hand: unknown flags are pass names and must keep their order."""
    opts = Options()
    positional: list[str] = []
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg == "-" or not arg.startswith("-"):
            positional.append(arg)
            continue
        name, eq, value = arg.lstrip("-").partition("=")
        if name == "h":
            name = "help"
        if name == "o":
            if not eq:
                if not args:
                    raise UsageError("-o needs a file name")
                value = args.pop(0)
            opts.output = value
        elif name == "pass-pipeline":
            if not eq:
                if not args:
                    raise UsageError("--pass-pipeline needs a pipeline")
                value = args.pop(0)
            opts.pipeline_pieces.append(value)
        elif name in _FLAGS:
            if eq and value.lower() not in ("true", "1"):
                if value.lower() not in ("false", "0"):
                    raise UsageError(f"invalid value '{value}' for --{name}")
                continue
            setattr(opts, name.replace("-", "_"), True)
        elif not name:
            raise UsageError(f"invalid argument '{arg}'")
        else:  # a pass: validated when the pipeline is built
            opts.pipeline_pieces.append(f"{name}{{{_unquote(value)}}}" if eq else name)
    if len(positional) > 1:
        raise UsageError(f"more than one input file: {' '.join(positional)}")
    if positional:
        opts.input = positional[0]
    return opts


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def pass_listing() -> str:
    """The project passes and pipelines with their summaries, for --help and --list-passes."""
    lines = ["Passes:"]
    lines += [f"  --{name:<32} {summary}" for name, summary in passes.list_passes()]
    lines.append("Pipelines:")
    lines += [f"  --{name:<32} {summary}" for name, summary in passes.list_pipelines()]
    lines.append("Any upstream MLIR pass is accepted too, e.g. --canonicalize, --cse.")
    return "\n".join(lines) + "\n"


def help_text() -> str:
    lines = [f"usage: {PROG} [input|-] [-o output] [--<pass>[=options]]... [--pass-pipeline=TEXT] [flags]",
             "", "Options:",
             f"  {'-o FILE':<34} write the output to FILE (default: stdout)",
             f"  {'--pass-pipeline=TEXT':<34} run a textual pipeline, e.g. 'builtin.module(canonicalize)'"]
    lines += [f"  --{name:<32} {desc}" for name, desc in _FLAGS.items()]
    return "\n".join(lines) + "\n\n" + pass_listing()


# ---------------------------------------------------------------------------------------------
# Diagnostics


def format_diagnostic(diag: Diagnostic, filename: str) -> str:
    """``file:line:col: severity: message``; locations of the parsed buffer ("-") get ``filename``."""
    loc = diag.location
    if diag.line is not None and loc.startswith('"-":'):
        loc = f"{filename}:{diag.line}:{diag.column}"
    text = f"{loc}: {diag.severity}: {diag.message}"
    for note in diag.notes:
        text += "\n" + format_diagnostic(note, filename)
    return text


@dataclass
class Expected:
    """One ``// expected-<severity>[@where] {{message}}`` directive."""

    severity: str
    line: int | None  # None for @unknown
    message: str
    is_regex: bool
    source_line: int
    source_col: int
    matched: bool = False

    def matches(self, diag: Diagnostic) -> bool:
        if self.matched or diag.severity != self.severity or diag.line != self.line:
            return False
        if self.is_regex:
            return re.search(self.message, diag.message) is not None
        return self.message in diag.message


_EXPECTED = re.compile(
    r"expected-(error|warning|note|remark)(-re)?\s*(?:@([+-]\d+|above|below|unknown))?\s*\{\{(.*)\}\}")


def parse_expected(text: str) -> list[Expected]:
    """The expected-* directives of ``text`` (line numbers are those of ``text``, 1-based)."""
    lines = text.split("\n")
    has_directive = ["expected-" in line and _EXPECTED.search(line) for line in lines]
    expected = []
    for index, line in enumerate(lines):
        match = _EXPECTED.search(line)
        if not match:
            continue
        severity, regex, where, message = match.groups()
        target: int | None = index + 1
        if where == "unknown":
            target = None
        elif where == "above":
            target = next((i + 1 for i in range(index - 1, -1, -1) if not has_directive[i]), None)
        elif where == "below":
            target = next((i + 1 for i in range(index + 1, len(lines)) if not has_directive[i]), None)
        elif where:
            target = index + 1 + int(where)
        expected.append(Expected(severity, target, message, bool(regex), index + 1, match.start() + 1))
    return expected


def _flatten(diags: list[Diagnostic]) -> list[Diagnostic]:
    """Diagnostics and their notes, in order; the pass manager's 'see current operation' notes are
    dropped (mlir-opt does not print them under --verify-diagnostics)."""
    out = []
    for diag in diags:
        if diag.severity == "note" and diag.message.startswith("see current operation"):
            continue
        out.append(diag)
        out.extend(_flatten(list(diag.notes)))
    return out


def verify(diags: list[Diagnostic], expected: list[Expected], filename: str) -> list[str]:
    """Match diagnostics with directives; return the error lines (empty when all is well)."""
    problems = []
    for diag in _flatten(diags):
        hit = next((e for e in expected if e.matches(diag)), None)
        if hit is not None:
            hit.matched = True
            continue
        where = f"{filename}:{diag.line}:{diag.column}" if diag.line is not None else diag.location
        problems.append(f"{where}: error: unexpected {diag.severity}: {diag.message}")
    for e in expected:
        if not e.matched:
            problems.append(f"{filename}:{e.source_line}:{e.source_col}: error: "
                            f"expected {e.severity} \"{e.message}\" was not produced")
    return problems


# ---------------------------------------------------------------------------------------------
# Processing


@dataclass
class ChunkResult:
    output: str  # printed module, "" on failure
    diagnostics: list[Diagnostic]
    failure: str | None = None  # a failure without diagnostics (e.g. a pass that cannot load)

    @property
    def failed(self) -> bool:
        return self.failure is not None or any(d.severity == "error" for d in self.diagnostics)


def split_chunks(text: str) -> list[tuple[int, str]]:
    """(number of lines before the chunk, chunk text) for each '// -----'-separated chunk."""
    chunks, current, start = [], [], 0
    for index, line in enumerate(text.split("\n")):
        if _SPLIT_MARKER.match(line):
            chunks.append((start, "\n".join(current)))
            current, start = [], index + 1
        else:
            current.append(line)
    chunks.append((start, "\n".join(current)))
    return chunks


def process_chunk(text: str, line_offset: int, context: ir.Context, pipeline: passes.Pipeline,
                  opts: Options, filename: str) -> ChunkResult:
    """Parse one buffer, run the pipeline, print the module; collect every diagnostic.

    The text is parsed after ``line_offset`` blank lines so that locations carry the line
    numbers of the original file.
    """
    with capture_diagnostics(context) as collected:
        try:
            module = ir.Module.parse("\n" * line_offset + text, context)
        except ir.MLIRError as exc:
            return ChunkResult("", collected + [to_diagnostic(d) for d in exc.error_diagnostics])
        ir_dump = io.StringIO() if opts.mlir_print_ir_after_all else None
        try:
            pipeline.run(module, print_ir_after_all=ir_dump)
        except CompilationError as exc:
            failure = None if exc.diagnostics else str(exc)
            return ChunkResult("", collected + list(exc.diagnostics), failure)
        finally:
            if ir_dump is not None:
                sys.stderr.write(_rename_locations(ir_dump.getvalue(), filename))
        out = io.StringIO()
        module.operation.print(enable_debug_info=opts.mlir_print_debuginfo, file=out)
        text_out = out.getvalue()
        if not text_out.endswith("\n"):
            text_out += "\n"
        return ChunkResult(_rename_locations(text_out, filename), list(collected))


def _rename_locations(text: str, filename: str) -> str:
    """Printed locations of the parsed buffer are named "-"; give them the input's name."""
    quoted = '"' + filename.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text.replace('loc("-":', f"loc({quoted}:")


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


def run(opts: Options) -> int:
    if opts.help:
        sys.stdout.write(help_text())
        return 0
    if opts.list_passes:
        sys.stdout.write(pass_listing())
        return 0

    from ..dialects import make_context

    context = make_context()
    context.allow_unregistered_dialects = opts.allow_unregistered_dialect
    try:
        pipeline = passes.Pipeline(opts.pipeline_text, context,
                                   one_at_a_time=opts.mlir_print_ir_after_all or opts.mlir_timing)
    except OnnxMlirError as exc:
        print(f"{PROG}: {exc.format()}", file=sys.stderr)
        return 1

    filename = "<stdin>" if opts.input == "-" else opts.input
    try:
        source = read_source(opts.input, filename)
    except OSError as exc:
        print(f"{PROG}: error: cannot open input file '{opts.input}': {exc.strerror}", file=sys.stderr)
        return 1
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return 1

    chunks = split_chunks(source) if opts.split_input_file else [(0, source)]
    outputs: list[str] = []
    failed = False
    from ..passes.timing import PassTiming

    timing = PassTiming() if opts.mlir_timing else None
    for offset, chunk in chunks:
        if timing is not None:
            with timing.active():
                result = process_chunk(chunk, offset, context, pipeline, opts, filename)
        else:
            result = process_chunk(chunk, offset, context, pipeline, opts, filename)
        outputs.append(result.output)
        if opts.verify_diagnostics:
            problems = verify(result.diagnostics, parse_expected("\n" * offset + chunk), filename)
            if result.failure is not None:
                problems.append(f"{PROG}: error: {result.failure}")
            if problems:
                print("\n".join(problems), file=sys.stderr)
                failed = True
            continue
        for diag in result.diagnostics:
            print(format_diagnostic(diag, filename), file=sys.stderr)
        if result.failure is not None:
            print(f"{PROG}: error: {result.failure}", file=sys.stderr)
        failed = failed or result.failed

    if timing is not None:
        print(timing.report(), file=sys.stderr)
    if failed and not (opts.split_input_file or opts.verify_diagnostics):
        return 1
    text = "// -----\n".join(outputs)
    if opts.output == "-":
        sys.stdout.write(text)
    else:
        with open(opts.output, "w", encoding="utf-8") as f:
            f.write(text)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``onnx-mlir-opt`` console script."""
    try:
        with print_warnings(PROG):
            return run(parse_args(sys.argv[1:] if argv is None else list(argv)))
    except UsageError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    except OnnxMlirError as exc:
        print(f"{PROG}: {exc.format()}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BaseException as exc:  # noqa: BLE001 - the tool must never show a traceback
        if isinstance(exc, SystemExit):
            raise
        print(f"{PROG}: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
