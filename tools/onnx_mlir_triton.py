"""``onnx-mlir-triton``: print the generated Triton source of a module, or compile it for a GPU.

Input: MLIR text with linalg on tensors (it is grouped first) or an already grouped module (output
of ``onnx-mlir-opt --gpu-group-kernels``).  No GPU is needed: ``triton.compile`` runs for a
``GPUTarget`` without one.  Compiling and interpreting cannot share a process in Triton, so this
tool only compiles; the interpreter runs are the runtime's (``onnx_mlir.compile(target="gpu")``)
under ``TRITON_INTERPRET=1``.

    onnx-mlir-triton in.mlir --emit=source
    onnx-mlir-triton in.mlir --emit=ttir|ttgir|llir|ptx|amdgcn [--target=cuda:90|hip:gfx942]
                     [--kernel=NAME] [--allow-tf32]
    onnx-mlir-triton in.mlir --emit=ttir,ttgir,ptx       # several stages, one compilation

Compiled stages are printed per kernel after a ``// kernel: <name> (<kind>) target: <target>
stage: <stage>`` line (``<name>``: the MLIR symbol, quoted and escaped unless it is a bare
identifier; the Python function, hence the TTIR ``tt.func``, has its mangled name).  Kernels that
run on the CPU are listed as comments (``#`` with ``--emit=source``, whose output is one valid
Python file).  Errors print ``onnx-mlir-triton: error: ...`` and exit 1.
"""

from __future__ import annotations

import argparse
import sys

STAGES = ("source", "ttir", "ttgir", "llir", "ptx", "amdgcn", "cubin", "hsaco")


def compile_kernel(py_module, kernel, target):
    """``triton.compile`` one generated kernel, specialized as a launch with aligned tensors is."""
    import triton
    from triton.compiler import ASTSource

    fn = getattr(py_module, kernel.name)
    signature = dict(kernel.signature)
    for name in kernel.constexprs:
        signature[name] = "constexpr"
    # pointers 16-byte aligned, as torch allocates them; sizes (dynamic dims) unspecialized
    attrs = {(i,): [["tt.divisibility", 16]] for i, t in enumerate(kernel.arg_types) if t.startswith("*")}
    src = ASTSource(fn=fn, signature=signature, constexprs=dict(kernel.constexprs), attrs=attrs)
    return triton.compile(src, target=target.gpu_target(),
                          options={"num_warps": kernel.num_warps, "num_stages": kernel.num_stages,
                                   "enable_fp_fusion": True})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="onnx-mlir-triton", description=__doc__.splitlines()[0])
    parser.add_argument("input", nargs="?", default="-")
    parser.add_argument("--emit", default="source",
                        help=f"a stage or a comma-separated list of compiled stages: {', '.join(STAGES)}")
    parser.add_argument("--target", default="cuda:90")
    parser.add_argument("--kernel", default=None, help="only this kernel (its function name)")
    parser.add_argument("--allow-tf32", action="store_true")
    parser.add_argument("-o", dest="output", default="-")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    try:
        text = _run(args)
    except Exception as exc:  # noqa: BLE001 - the tool reports, it never shows a traceback
        print(f"onnx-mlir-triton: error: {type(exc).__name__}: {exc}" if not str(exc).startswith("error")
              else f"onnx-mlir-triton: {exc}", file=sys.stderr)
        return 1
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)
    return 0


def _run(args) -> str:
    from mlir import ir

    from ..dialects import make_context
    from ..lowering.gpu.grouping import group_module
    from ..lowering.gpu.pipeline import (check_symbol_names, display_symbol, fallback_comments, generate,
                                        kernel_functions, source_file)
    from ..lowering.gpu.pysource import literal
    from ..lowering.gpu.codegen import KernelSource
    from ..triton_kernels.common import Target

    target = Target.parse(args.target)
    stages = [x.strip() for x in args.emit.split(",") if x.strip()]
    unknown = [x for x in stages if x not in STAGES]
    if unknown or not stages:
        raise ValueError(f"unknown stage '{','.join(unknown)}' (stages: {', '.join(STAGES)})")
    if "source" in stages and len(stages) > 1:
        raise ValueError("--emit=source cannot be combined with compiled stages")
    source = sys.stdin.read() if args.input == "-" else open(args.input, encoding="utf-8").read()
    context = make_context()
    module = ir.Module.parse(source, context)
    check_symbol_names(module)
    if not kernel_functions(module):
        group_module(module)
    kernels = generate(module, target, args.allow_tf32, warn=False)
    if args.kernel:
        if args.kernel not in kernels:
            raise ValueError(f"no kernel named {display_symbol(args.kernel)} "
                             f"(kernels: {', '.join(map(display_symbol, kernels))})")
        kernels = {args.kernel: kernels[args.kernel]}
    if stages == ["source"]:
        return "\n".join(fallback_comments(kernels) + [source_file(kernels)])
    from ..runtime.kernel_cache import load_source

    py = load_source(source_file(kernels))
    out = [f"// kernel {display_symbol(n)} falls back to the CPU: {literal(k)}"
           for n, k in kernels.items() if isinstance(k, str)]
    for name, k in kernels.items():
        if not isinstance(k, KernelSource):
            continue
        compiled = compile_kernel(py, k, target)
        for stage in stages:
            if stage not in compiled.asm:
                raise ValueError(f"stage '{stage}' is not produced for target {target} "
                                 f"(available: {', '.join(compiled.asm)})")
            asm = compiled.asm[stage]
            out.append(f"// kernel: {display_symbol(name)} ({k.kind}) target: {target} stage: {stage}")
            out.append(asm.hex() if isinstance(asm, bytes) else asm)
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.exit(main())
