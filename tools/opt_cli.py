"""The command line of ``onnx-mlir-opt``: its flags (mlir-opt's names), parsing, ``--help``.

Nothing here imports MLIR: ``--help``, ``--version`` and ``--list-passes`` answer at once.
A flag that is not a tool option names a pass (project or upstream), in the order given;
``--pass=a=1 b=2`` becomes ``pass{a=1 b=2}``.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

PROG = "onnx-mlir-opt"
DEFAULT_SPLIT_MARKER = "// -----"


class UsageError(Exception):
    """A command-line mistake (reported as 'onnx-mlir-opt: error: ...', exit 1)."""


# name -> (kind, help). Kinds: "bool" (--x or --x=true/false), "value" (--x=V or --x V),
# "list" (a value, repeatable and comma separated), "optional" (--x or --x=V).
FLAGS: dict[str, tuple[str, str]] = {
    "o": ("value", "write the output to FILE (default: stdout)"),
    "pass-pipeline": ("list", "run a textual pipeline, e.g. 'builtin.module(canonicalize)'"),
    "load-plugin": ("list", "load a plugin: a module name, module:function, a .py file or a package "
                            "folder (installed plugins and $ONNX_MLIR_PLUGINS load anyway)"),
    "split-input-file": ("optional", "split the input on lines starting with MARKER (default "
                                     f"'{DEFAULT_SPLIT_MARKER}') and process each chunk on its own"),
    "verify-diagnostics": ("bool", "check diagnostics against 'expected-error {{...}}' comments"),
    "mlir-print-ir-before-all": ("bool", "print the IR before every pass (to stderr)"),
    "mlir-print-ir-after-all": ("bool", "print the IR after every pass (to stderr)"),
    "mlir-print-ir-before": ("list", "print the IR before the passes named (comma separated)"),
    "mlir-print-ir-after": ("list", "print the IR after the passes named (comma separated)"),
    "mlir-print-ir-after-change": ("bool", "print the IR after a pass only if the pass changed it "
                                           "(alone: after every pass that changed it)"),
    "mlir-print-ir-after-failure": ("bool", "print the IR after a pass that failed"),
    "mlir-print-ir-tree-dir": ("value", "write the IR dumps to files under DIR instead of stderr"),
    "mlir-print-op-generic": ("bool", "print ops in the generic form (output and dumps)"),
    "mlir-print-debuginfo": ("bool", "print locations in the output"),
    "mlir-elide-elementsattrs-if-larger": ("value", "print elements attributes with more than N "
                                                    "elements as '__elided__'"),
    "mlir-timing": ("bool", "report the wall time of each pass (nested passes indented) on stderr"),
    "mlir-disable-threading": ("bool", "run MLIR's passes on one thread"),
    "dump-pass-pipeline": ("bool", "print the pipeline to run (named pipelines expanded) on stderr"),
    "show-dialects": ("bool", "list the dialects known to the tool, then exit"),
    "allow-unregistered-dialect": ("bool", "accept ops of dialects that are not loaded"),
    "debug-traceback": ("bool", "print the Python traceback of an internal error "
                                "(also ONNX_MLIR_TRACEBACK=1)"),
    "list-passes": ("bool", "list the project passes and pipelines, then exit"),
    "version": ("bool", "print the versions, then exit"),
    "help": ("bool", "show this help, then exit"),
}


@dataclass
class Options:
    input: str = "-"
    output: str = "-"
    pipeline_pieces: list[str] = field(default_factory=list)
    flag_passes: list[str] = field(default_factory=list)  # pass names given as flags (--name)
    load_plugin: list[str] = field(default_factory=list)
    split_input_file: str | None = None  # the marker
    verify_diagnostics: bool = False
    mlir_print_ir_before_all: bool = False
    mlir_print_ir_after_all: bool = False
    mlir_print_ir_before: list[str] = field(default_factory=list)
    mlir_print_ir_after: list[str] = field(default_factory=list)
    mlir_print_ir_after_change: bool = False
    mlir_print_ir_after_failure: bool = False
    mlir_print_ir_tree_dir: str | None = None
    mlir_print_op_generic: bool = False
    mlir_print_debuginfo: bool = False
    mlir_elide_elementsattrs_if_larger: int | None = None
    mlir_timing: bool = False
    mlir_disable_threading: bool = False
    dump_pass_pipeline: bool = False
    show_dialects: bool = False
    allow_unregistered_dialect: bool = False
    debug_traceback: bool = False
    list_passes: bool = False
    version: bool = False
    help: bool = False

    @property
    def pipeline_text(self) -> str:
        """All pass flags and --pass-pipeline texts, in order, as one flat pipeline list."""
        from ..passes import registry

        elements: list[str] = []
        for piece in self.pipeline_pieces:
            elements.extend(el.text for el in registry.parse_pipeline(piece))
        return ", ".join(elements)

    @property
    def prints_ir(self) -> bool:
        return prints_ir(self)


def prints_ir(opts: Any) -> bool:
    """Whether any flag asks for IR dumps (--mlir-print-ir-tree-dir only says where)."""
    return (opts.mlir_print_ir_before_all or opts.mlir_print_ir_after_all
            or bool(opts.mlir_print_ir_before) or bool(opts.mlir_print_ir_after)
            or opts.mlir_print_ir_after_change or opts.mlir_print_ir_after_failure)


def _bool_value(name: str, value: str) -> bool:
    lowered = value.lower()
    if lowered in ("true", "1", ""):
        return True
    if lowered in ("false", "0"):
        return False
    raise UsageError(f"invalid value '{value}' for --{name}")


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
        name = {"h": "help"}.get(name, name)
        if not name:
            raise UsageError(f"invalid argument '{arg}'")
        kind = FLAGS.get(name, ("pass", ""))[0]
        attr = name.replace("-", "_")
        if kind in ("value", "list") and not eq:
            if not args:
                raise UsageError(f"--{name} needs a value")
            value = args.pop(0)
        if name == "o":
            opts.output = value
        elif name == "pass-pipeline":
            opts.pipeline_pieces.append(value)
        elif name == "mlir-elide-elementsattrs-if-larger":
            try:
                opts.mlir_elide_elementsattrs_if_larger = int(value)
            except ValueError:
                raise UsageError(f"invalid value '{value}' for --{name} (expected an integer)") from None
        elif kind == "list":
            getattr(opts, attr).extend(v.strip() for v in value.split(",") if v.strip())
        elif kind == "value":
            setattr(opts, attr, value)
        elif kind == "optional":
            opts.split_input_file = _unquote(value) if eq and value.lower() not in ("true", "1") \
                else (DEFAULT_SPLIT_MARKER if not eq or _bool_value(name, value) else None)
        elif kind == "bool":
            setattr(opts, attr, _bool_value(name, value) if eq else True)
        else:  # a pass: checked when the pipeline is built
            opts.pipeline_pieces.append(f"{name}{{{_unquote(value)}}}" if eq else name)
            opts.flag_passes.append(name)
    if len(positional) > 1:
        raise UsageError(f"more than one input file: {' '.join(positional)}")
    if positional:
        opts.input = positional[0]
    return opts


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


# ---------------------------------------------------------------------------------------------
# Help, listings, suggestions


def _option_lines(target) -> list[str]:
    from ..passes.option_listing import pass_options

    lines = []
    for option in pass_options(target):
        default = option.default
        if default.startswith("field("):
            default = "[]" if "default_factory=list" in default else ""
        default = _unquote(default)
        shown = f"{option.name}=<{option.type}>"
        lines.append(f"      {shown:<32} default: {default}" if default else f"      {shown}")
    return lines


def pass_listing(with_options: bool = False) -> str:
    """The project passes and pipelines with their summaries (and options), for --help and
    --list-passes."""
    from ..passes import registry

    lines = ["Passes:"]
    for name, summary in registry.list_passes():
        lines.append(f"  --{name:<32} {summary}")
        if with_options:
            info = registry._PASSES[name]
            lines += _option_lines(registry._CLASSES.get(name, info.target))
    lines.append("Pipelines:")
    lines += [f"  --{name:<32} {summary}" for name, summary in registry.list_pipelines()]
    lines.append("Any upstream MLIR pass is accepted too, e.g. --canonicalize, --cse, "
                 "--view-op-graph.")
    return "\n".join(lines) + "\n"


METAVARS = {"pass-pipeline": "TEXT", "load-plugin": "PLUGIN", "split-input-file": "MARKER",
             "mlir-print-ir-before": "PASS", "mlir-print-ir-after": "PASS",
             "mlir-print-ir-tree-dir": "DIR", "mlir-elide-elementsattrs-if-larger": "N"}


def help_text() -> str:
    lines = [f"usage: {PROG} [input|-] [-o output] [--<pass>[=options]]... [--pass-pipeline=TEXT] [flags]",
             "", "Options:"]
    for name, (kind, desc) in FLAGS.items():
        dashes = "-" if name == "o" else "--"
        metavar = METAVARS.get(name, "VALUE")
        shown = {"value": f"{dashes}{name}={metavar}", "list": f"{dashes}{name}={metavar}",
                 "optional": f"{dashes}{name}[={metavar}]"}.get(kind, f"{dashes}{name}")
        if name == "o":
            shown = "-o FILE"
        lines.append(f"  {shown:<34} {desc}")
    lines += ["", "Pass options are given as --pass='opt=value opt2=value' or pass{opt=value} in a "
              "pipeline."]
    return "\n".join(lines) + "\n\n" + pass_listing(with_options=True)


def version_text() -> str:
    from .tool_info import version_text as text

    return text(PROG) + "\n"


def _upstream_names() -> list[str]:
    """Flag names of the installed upstream ``mlir-opt`` (its passes), for suggestions only."""
    import re
    import subprocess

    from .tool_info import upstream_mlir_opt

    binary = upstream_mlir_opt()
    if binary is None:
        return []
    try:
        out = subprocess.run([str(binary), "--help-list"], capture_output=True, text=True,
                             timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired):
        return []
    return re.findall(r"^\s+--([a-z][\w-]*)", out, re.M)


def unknown_option(name: str) -> UsageError:
    """'unknown option' with the closest tool flags, project passes and upstream passes."""
    from ..passes import registry

    candidates = list(FLAGS) + [n for n, _ in registry.list_passes()] + [
        n for n, _ in registry.list_pipelines()]
    close = difflib.get_close_matches(name, candidates + _upstream_names(), n=1, cutoff=0.75)
    hint = f"; did you mean '--{close[0]}'?" if close else f" (see '{PROG} --help')"
    return UsageError(f"unknown option '--{name}'{hint}")
