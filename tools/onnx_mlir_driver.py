"""`onnx-mlir`: compile an ONNX model, printing or writing the stage asked for.

Flag names follow IBM onnx-mlir's driver so that its users feel at home:

    onnx-mlir model.onnx --EmitONNXBasic      # the imported onnx dialect
    onnx-mlir model.onnx --EmitONNXIR         # after the onnx-level passes
    onnx-mlir model.onnx --EmitLinalg         # linalg on tensors
    onnx-mlir model.onnx --EmitMLIR           # bufferized, loops and vectors
    onnx-mlir model.onnx --EmitLLVMIR         # the LLVM dialect
    onnx-mlir model.onnx --EmitObj -o m.o     # a native object file
    onnx-mlir model.onnx --EmitLib -o m.so    # a shared library (the default)
    onnx-mlir model.onnx --EmitLib --mcpu=avx2   # code for AVX2 machines, even on an AVX-512 host
    onnx-mlir model.onnx --EmitLib --profile  # code that times each node (a profile buffer argument)
    onnx-mlir model.onnx --EmitTriton         # the generated Triton kernels (GPU target)
    onnx-mlir model.onnx --EmitTriton --gpu-target=hip:gfx942 -o kernels.py
    onnx-mlir model.onnx --EmitLLVMIR --mlir-print-ir-after-all   # mlir-opt's print-IR flags,
                                                                  # every pass of every stage

Errors print as ``location: error: message`` and exit 1, never with a Python traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from . import print_ir_flags
from .tool_info import version_text

# Emit flag -> the last stage it needs (see onnx_mlir.compiler.stage_names()).
EMIT_STAGES = {
    "EmitONNXBasic": "onnx-basic",
    "EmitONNXIR": "onnx",
    "EmitLinalg": "linalg",
    "EmitBufferized": "bufferize",
    "EmitMLIR": "loops",
    "EmitLLVMIR": "llvm",
    "EmitObj": "llvm",
    "EmitLib": "llvm",
    "EmitTriton": "linalg",
    "EmitGpuPackage": "linalg",
    "EmitDot": "onnx",
}
EMIT_HELP = {
    "EmitONNXBasic": "print the imported onnx dialect module",
    "EmitONNXIR": "print the onnx dialect after the onnx-level passes",
    "EmitLinalg": "print linalg on tensors",
    "EmitBufferized": "print after bufferization (memrefs, out-params)",
    "EmitMLIR": "print after lowering to loops and vectors",
    "EmitLLVMIR": "print the LLVM dialect",
    "EmitObj": "write a native object file (-o, default <model>.o), and <model>.weights when it takes weights",
    "EmitLib": "write a shared library (-o, default <model>.so), its C header and weights file; the default action",
    "EmitTriton": "print the generated Triton kernels of the GPU target (one Python file: the "
                  "@triton.jit functions with their grids and launch parameters)",
    "EmitGpuPackage": "write a GPU package directory (-o, default <model>.gpu): the Triton kernels, "
                      "launch plan, weights and manifest that onnx_mlir.load() runs with torch and "
                      "Triton only",
    "EmitDot": "print the onnx graph as Graphviz DOT, GPU kernels as clusters (-o g.svg/.png/.pdf "
               "renders it when Graphviz's dot is installed)",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="onnx-mlir", description="Compile an ONNX model (.onnx or textual .onnxtxt).")
    parser.add_argument("model", help="the ONNX model: a .onnx file or textual .onnxtxt; or MLIR "
                                      "text (.mlir) at any stage")
    parser.add_argument("--input-stage", choices=("onnx-basic", "onnx", "linalg", "schedule",
                                                  "bufferize", "loops", "llvm"),
                        help=".mlir input: the stage it is at (default: recognized from its ops "
                             "and types: onnx ops, linalg on tensors, memrefs, llvm.func)")
    group = parser.add_mutually_exclusive_group()
    for flag, help_text in EMIT_HELP.items():
        group.add_argument(f"--{flag}", dest="emit", action="store_const", const=flag,
                           help=help_text)
    parser.add_argument("-o", dest="output", help="output file (default: stdout for IR)")
    parser.add_argument("--mlir-print-debuginfo", action="store_true",
                        help="print locations (ONNX node names) with the IR")
    parser.add_argument("--gpu-target", default="cuda:90",
                        help="GPU target of --EmitTriton: cuda:<sm> or hip:<gfx arch> (default cuda:90)")
    parser.add_argument("--gpu-weights-dtype", choices=("float16", "bfloat16"),
                        help="--EmitGpuPackage: store float32 weights in 16 bits (converted back "
                             "when loaded; small constants stay exact)")
    parser.add_argument("--allow-tf32", action="store_true",
                        help="--EmitTriton: let f32 matmuls and convolutions use TF32 tensor cores")
    parser.add_argument("--mcpu", "--cpu", dest="mcpu", metavar="CPU",
                        help="CPU the code is compiled for: host (default), avx2 (x86-64-v3), "
                             "avx512 (x86-64-v4) or an LLVM CPU name, optionally with "
                             ":+feature,-feature; default $ONNX_MLIR_CPU_FEATURES, else host")
    parser.add_argument("--mattr", metavar="FEATURES",
                        help="CPU feature edits on top of --mcpu, e.g. +avx2,-avx512f")
    parser.add_argument("--shapeInformation", metavar="INPUT:D1xD2x...[,...]",
                        help="fix dynamic input dims at compile time (IBM onnx-mlir's syntax): "
                             "an input name or position, a colon, the sizes joined by 'x' "
                             "(-1 keeps a dim dynamic); e.g. x:1x3x320x320 or 0:1x3x320x320")
    parser.add_argument("--profile", action="store_true",
                        help="time each ONNX node at run time (instrument-profile, from --EmitLinalg "
                             "on): @main_graph takes an int64 profile buffer as its last input "
                             "(after the status buffer), to which each run adds nanoseconds per "
                             "node; the table of nodes is the module attribute onnx_mlir.profile_nodes")
    parser.add_argument("--num-threads", type=int, metavar="N",
                        help="threads the compiled code runs on (default $ONNX_MLIR_NUM_THREADS, "
                             "else the cores this process may use); 1: no async runtime")
    parser.add_argument("--print-stage-sizes", action="store_true",
                        help="report the size of the IR after each stage on stderr")
    parser.add_argument("-O", dest="opt_level", choices=["0", "1", "2", "3", "auto"], default="auto",
                        help="LLVM optimisation level of --EmitObj/--EmitLib (-O0 ... -O3; default "
                             "auto: the kernels at 2, the glue calling them and functions too large to "
                             "optimise in linear time at 0)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="print each stage with its time on stderr as it finishes (on a "
                             "terminal, compiles longer than 2 s print them anyway)")
    parser.add_argument("--mlir-timing", action="store_true",
                        help="print the wall time of every pass on stderr at the end")
    parser.add_argument("--dot-clusters", choices=("gpu", "none"), default="gpu",
                        help="--EmitDot: draw the GPU kernels (gpu-group-kernels) as clusters, or none")
    print_ir_flags.add_arguments(parser)  # --mlir-print-ir-*: the passes of every stage
    parser.add_argument("--mlir-print-op-generic", action="store_true",
                        help="print the IR in the generic op form (output and IR dumps)")
    parser.add_argument("--mlir-elide-elementsattrs-if-larger", type=int, metavar="N",
                        help="print elements attributes with more than N elements as __elided__")
    parser.add_argument("--load-plugin", action="append", default=[], metavar="MODULE_OR_PATH",
                        help="load a plugin (a module name, module:function, a .py file or a "
                             "package folder); installed plugins and $ONNX_MLIR_PLUGINS load anyway")
    parser.add_argument("--extra-passes", action="append", default=[], metavar="POINT=PIPELINE",
                        help="run PIPELINE at a point of the pipeline, e.g. "
                             "after-onnx=my-fusion or before-bufferize='cse' (repeatable)")
    parser.add_argument("--debug-traceback", action="store_true",
                        help="print the Python traceback of an internal error "
                             "(also ONNX_MLIR_TRACEBACK=1)")
    parser.add_argument("--version", action=_VersionAction, nargs=0,
                        help="print the versions, then exit")
    return parser


class _VersionAction(argparse.Action):
    """--version, with the versions read only when asked (reading them costs ~0.1 s)."""

    def __call__(self, parser, namespace, values, option_string=None):
        print(version_text("onnx-mlir"))
        parser.exit()


def extra_passes_of(args: argparse.Namespace) -> dict[str, list[str]]:
    """--extra-passes POINT=PIPELINE flags by point (the points are checked by the compiler)."""
    from ..errors import OnnxMlirError

    extra: dict[str, list[str]] = {}
    for item in args.extra_passes:
        point, eq, text = item.partition("=")
        if not eq or not text.strip():
            raise OnnxMlirError(f"--extra-passes expects POINT=PIPELINE, got '{item}'")
        extra.setdefault(point.strip(), []).append(text.strip())
    return extra


def _print_options(args: argparse.Namespace):
    """How the output and the IR dumps are printed."""
    from ..passes.instrumentation import PrintOptions

    return PrintOptions(args.mlir_print_op_generic, args.mlir_print_debuginfo,
                        args.mlir_elide_elementsattrs_if_larger)


def _write_ir(module, output: str | None, args: argparse.Namespace) -> None:
    if output and output != "-":
        with open(output, "w", encoding="utf-8") as file:
            _print_options(args).print(module, file)
    else:
        _print_options(args).print(module, sys.stdout)


def run(args: argparse.Namespace) -> int:
    from ..compiler.progress import Progress
    from ..errors import OnnxMlirError
    from ..passes import instrumentation
    from ..passes.timing import PassTiming
    from ..plugins import load_plugins

    emit = args.emit or "EmitLib"
    progress = Progress("always" if args.verbose else "auto" if sys.stderr.isatty() else "never")
    timing = PassTiming() if args.mlir_timing else None
    printer = print_ir_flags.ir_printer(args, sys.stderr, _print_options(args))
    try:
        load_plugins(args.load_plugin)
        with contextlib.ExitStack() as scope:
            if timing is not None:
                scope.enter_context(timing.active())
            if printer is not None:  # seen by run_pipeline in every stage
                scope.enter_context(instrumentation.active(printer))
            return _compile(args, emit, progress, timing)
    except OnnxMlirError as error:
        print(_format_error(error, args.model), file=sys.stderr)
        return 1
    finally:
        if timing is not None:
            print(timing.report(), file=sys.stderr)


def _compile(args: argparse.Namespace, emit: str, progress, timing) -> int:
    from ..compiler import compile_for_cpu
    from ..compiler.mlir_input import lower_from
    from ..errors import OnnxMlirError

    extra = extra_passes_of(args)
    module, start = _read_input(args)

    def sizes(name: str, stage_module) -> None:
        if args.print_stage_sizes:
            size = len(str(stage_module))
            print(f"{name:>12}: {size:>9} bytes of IR", file=sys.stderr)

    timed_stage = progress.stage_hook(sizes)

    def on_stage(name: str, stage_module) -> None:
        timed_stage(name, stage_module)
        if timing is not None:
            timing.stage(_next_stage(name))

    cpu = _cpu_spec(args)
    if emit in ("EmitObj", "EmitLib") and start != "onnx-basic":
        # MLIR input past the import: no ONNX signature to embed, plain object code.
        from ..runtime.aot import emit_object, emit_shared_library

        from ..lowering.cpu.externalize_weights import take_weights

        lower_from(module, start, upto="llvm", on_stage=on_stage, cpu=cpu, extra_passes=extra,
                   num_threads=args.num_threads)
        output = args.output or str(Path(args.model).with_suffix(".o" if emit == "EmitObj" else ".so"))
        _write_weights(take_weights(module), output)
        (emit_object if emit == "EmitObj" else emit_shared_library)(module, output)
        print(f"wrote {output}", file=sys.stderr)
        return 0
    if emit in ("EmitObj", "EmitLib"):
        from ..compiler.opt_level import label, resolve

        artifact = compile_for_cpu(module, on_stage=on_stage, cpu=cpu, profile=args.profile,
                                   num_threads=args.num_threads, extra_passes=extra)
        requested = args.opt_level if args.opt_level == "auto" else int(args.opt_level)
        level = resolve(requested, artifact.module)
        suffix = ".o" if emit == "EmitObj" else ".so"
        output = args.output or str(Path(args.model).with_suffix(suffix))
        if emit == "EmitObj":
            from ..runtime.aot import emit_object

            with progress.timed(f"object ({label(requested, level)})"):  # LLVM's code generation
                emit_object(artifact.module, output, opt_level=level)
            _write_weights(artifact.weights, output)
            if timing is not None:
                timing.stage("object code")
                timing.record("llvm codegen", progress.stages[-1][1])
        else:
            from ..runtime.c_header import write_header
            from ..runtime.library import write_library

            with progress.timed(f"library ({label(requested, level)})"):  # LLVM's code generation, then cc
                write_library(artifact, output, opt_level=level)
            if timing is not None:
                timing.stage("library")
                timing.record("llvm codegen + cc", progress.stages[-1][1])
            header = write_header(artifact, str(Path(output).with_suffix(".h")), library=Path(output).name)
            print(f"wrote {header}", file=sys.stderr)
            if artifact.weights is not None:
                print(f"wrote {Path(output).with_suffix('.weights')}", file=sys.stderr)
        print(f"wrote {output}", file=sys.stderr)
        return 0
    if emit == "EmitGpuPackage":
        return _write_gpu_package(module, start, args, on_stage, extra)
    if emit in ("EmitTriton", "EmitDot") and start not in ("onnx-basic", "onnx", "linalg"):
        raise OnnxMlirError(f"--{emit} needs onnx or linalg input; '{args.model}' is at "
                            f"stage '{start}'")
    if emit == "EmitDot" and start == "linalg":
        raise OnnxMlirError(f"--EmitDot draws the onnx graph; '{args.model}' is at stage 'linalg'")
    lower_from(module, start, upto=EMIT_STAGES[emit], on_stage=on_stage,
               runtime_checks=emit != "EmitTriton", cpu=cpu, extra_passes=extra,
               profile=args.profile and emit != "EmitTriton", num_threads=args.num_threads)
    if emit == "EmitTriton":
        _write_text(_triton_source(module, args), args.output)
    elif emit == "EmitDot":
        _write_dot(module, args)
    else:
        _write_ir(module, args.output, args)
    return 0


def _write_weights(weights, output: str) -> None:
    """The weights file next to an object file or library whose code takes weights (``--EmitLib``
    with ONNX input writes it with the library)."""
    if weights is not None:
        from ..runtime.weights_file import weights_path, write_weights

        print(f"wrote {write_weights(weights_path(output), weights)}", file=sys.stderr)


def _next_stage(name: str) -> str:
    """The stage after ``name`` (what the passes that run next belong to)."""
    from ..compiler import stage_names

    names = stage_names()
    return names[names.index(name) + 1] if name in names[:-1] else "after llvm"


def _read_input(args: argparse.Namespace):
    """(module, the stage it is at): an ONNX model is imported (``onnx-basic``); MLIR text
    (``.mlir``) is parsed and its stage is --input-stage or recognized (compiler/mlir_input.py)."""
    from ..compiler.mlir_input import detect_stage, read_mlir
    from ..importer import import_model

    if not args.model.endswith(".mlir"):
        model = Path(args.model)
        if args.shapeInformation:
            from ..importer.input_shapes import parse_shape_information, specialize_input_shapes

            model = specialize_input_shapes(model, parse_shape_information(args.shapeInformation))
        return import_model(model), "onnx-basic"
    module = read_mlir(args.model)
    return module, args.input_stage or detect_stage(module)


def _cpu_spec(args: argparse.Namespace) -> str | None:
    """--mcpu (else $ONNX_MLIR_CPU_FEATURES, else host) with the --mattr edits, checked here
    so that a bad value is reported whatever the --Emit stage."""
    from ..lowering.cpu.target import pass_text, spec_from, with_features
    spec = spec_from(args.mcpu)
    if args.mattr:
        spec = with_features(spec, args.mattr)
    pass_text(spec)
    return spec


def _triton_source(module, args: argparse.Namespace) -> str:
    """Group the linalg module into kernels and generate their Triton source (no Triton needed).
    Kernels that fall back to the CPU are listed as comments (and warned about on stderr)."""
    from ..errors import OnnxMlirError
    from ..lowering.gpu.pipeline import fallback_comments, lower_to_triton, source_file
    from ..lowering.gpu.pysource import comment
    from ..triton_kernels.common import Target

    try:
        target = Target.parse(args.gpu_target)
    except ValueError as exc:
        raise OnnxMlirError(str(exc)) from exc
    kernels = lower_to_triton(module, target, args.allow_tf32)
    header = [comment(f"onnx-mlir --EmitTriton {Path(args.model).name} (target {target})")]
    return "\n".join(header + fallback_comments(kernels) + [source_file(kernels)])


def _write_gpu_package(module, start: str, args: argparse.Namespace, on_stage, extra) -> int:
    """Compile for the GPU and write the package directory (refused when kernels fall back to
    the CPU: a package runs with torch and Triton only)."""
    from ..compiler import compile_for_gpu
    from ..errors import OnnxMlirError
    from ..runtime.gpu_package.writer import save_package
    from ..triton_kernels.common import Target

    if start != "onnx-basic":
        raise OnnxMlirError(f"--EmitGpuPackage needs an ONNX model (its signature names the "
                            f"package's inputs and outputs); '{args.model}' is at stage '{start}'")
    try:
        target = Target.parse(args.gpu_target)
    except ValueError as exc:
        raise OnnxMlirError(str(exc)) from exc
    artifact = compile_for_gpu(module, on_stage=on_stage, target=target, allow_tf32=args.allow_tf32,
                               extra_passes=extra)
    output = args.output or str(Path(args.model).with_suffix(".gpu"))
    save_package(artifact, output, weights_dtype=args.gpu_weights_dtype)
    print(f"wrote {output}", file=sys.stderr)
    return 0


def _write_dot(module, args: argparse.Namespace) -> None:
    """The onnx graph as DOT (GPU kernels as clusters), printed, written or rendered (-o)."""
    from .dot_graph import kernel_clusters_of, onnx_graph_dot, render

    clusters, note = (None, "no clusters (--dot-clusters=none)")
    if args.dot_clusters == "gpu":
        clusters, note = kernel_clusters_of(module)
    text = onnx_graph_dot(module, clusters, title=Path(args.model).stem, note=note)
    if args.output and args.output != "-":
        render(text, args.output)
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)


def _write_text(text: str, output: str | None) -> None:
    if output and output != "-":
        Path(output).write_text(text)
    else:
        sys.stdout.write(text)


def _format_error(error, model_path: str) -> str:
    # MLIR input: file locations print as path:line:col (as onnx-mlir-opt prints them).
    text = error.format(model_path if model_path.endswith(".mlir") else None)
    return text if error.diagnostics else f"{model_path}: {text}"


def main(argv: list[str] | None = None) -> int:
    from ..errors import print_warnings
    from ..plugins.errors import format_internal_error, traceback_requested

    args = build_parser().parse_args(argv)
    try:
        with print_warnings(args.model):
            return run(args)
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug (ours or a plugin's): located, traceback on request only
        if args.debug_traceback or traceback_requested():
            import traceback

            traceback.print_exc()
        print(format_internal_error("onnx-mlir", error), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
