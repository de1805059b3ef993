"""Compile every kernel of GPU packages for a GPU target, without a GPU (and without MLIR).

    python -m onnx_mlir.runtime.gpu_package.compile_check PACKAGE... [--target cuda:90]

Each launch of a package's plan is compiled by ``triton.compile`` exactly as its launch would
specialize it (the signature from the slots' dtypes, its constexprs, warps and stages, 16-byte
aligned pointers): this is how ``make check-old-triton`` shows that the generated kernels and the
templates use only what an older Triton has.  Prints one line per kernel; exit 1 when any fails.
A process in ``TRITON_INTERPRET=1`` mode cannot compile for a GPU: run this in another.
"""

from __future__ import annotations

import argparse
import sys
import time

from ...triton_kernels.common import Target
from .format import PackageError
from .loader import read_kernels, read_manifest
from .manifest import Launch

# dtype name -> Triton's signature type
TRITON_TYPES = {"float32": "fp32", "float16": "fp16", "bfloat16": "bf16", "float64": "fp64",
                "bool": "i1", "int8": "i8", "int16": "i16", "int32": "i32", "int64": "i64",
                "uint8": "u8"}


def compile_launch(kernels, manifest, step: Launch, target: Target):
    """``triton.compile`` the kernel of ``step`` for ``target``; returns the compiled kernel."""
    import triton
    from triton.compiler import ASTSource

    fn = getattr(kernels, step.function)
    slots = step.inputs + step.outputs
    signature = {f"p{i}": "*" + TRITON_TYPES[manifest.values[s].dtype] for i, s in enumerate(slots)}
    # dynamic shapes: the size parameters follow the pointers (32-bit, as the generator types them)
    signature.update({name: "i32" for name in fn.arg_names[len(slots):len(slots) + len(step.size_args)]})
    signature.update({name: "constexpr" for name in step.constexprs})
    attrs = {(i,): [["tt.divisibility", 16]] for i in range(len(slots))}
    source = ASTSource(fn=fn, signature=signature, constexprs=dict(step.constexprs), attrs=attrs)
    return triton.compile(source, target=target.gpu_target(),
                          options={"num_warps": step.num_warps, "num_stages": step.num_stages,
                                   "enable_fp_fusion": True})


def check_package(path: str, target: Target, out=sys.stdout) -> int:
    """Compile each kernel of the package ``path``; the number of failures."""
    from ..kernel_cache import load_source

    manifest = read_manifest(path)
    kernels = load_source(read_kernels(path, manifest))
    failures = 0
    for step in manifest.steps:
        if not isinstance(step, Launch):
            continue
        start = time.perf_counter()
        try:
            compiled = compile_launch(kernels, manifest, step, target)
            stages = ",".join(k for k in ("ptx", "cubin", "amdgcn", "hsaco") if k in compiled.asm)
            print(f"ok   {path}: {step.kernel} ({stages}, {time.perf_counter() - start:.2f} s)", file=out)
        except Exception as exc:  # noqa: BLE001 - reported per kernel
            failures += 1
            message = " ".join(str(exc).split())[:600]
            print(f"FAIL {path}: {step.kernel}: {type(exc).__name__}: {message}", file=out)
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("packages", nargs="+")
    parser.add_argument("--target", default="cuda:90", help="cuda:<sm> or hip:<gfx arch> (default cuda:90)")
    args = parser.parse_args(argv)
    import triton

    target = Target.parse(args.target)
    print(f"triton {triton.__version__}, target {target}")
    failures = kernels = 0
    for path in args.packages:
        try:
            kernels += sum(isinstance(s, Launch) for s in read_manifest(path).steps)
            failures += check_package(path, target)
        except PackageError as exc:
            print(f"FAIL {exc}")
            failures += 1
    print(f"{failures} failure(s); {kernels} kernels of {len(args.packages)} package(s) for {target}, "
          f"triton {triton.__version__}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
