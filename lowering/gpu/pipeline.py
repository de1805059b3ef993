"""``gpu-emit-triton`` and the GPU stages as Python functions.

``gpu-emit-triton`` generates the Triton kernel of every outlined function and attaches it:
``triton.source`` (the ``@triton.jit`` function) and ``triton.launch``, a JSON object with the
launch parameters (``grid``, ``constexprs``, ``num_warps``, ``num_stages``, ``signature``: the
Triton type of each parameter).  A kernel the generator cannot express gets
``triton.fallback = "<reason>"`` and a warning (stderr, ``<location>: warning: ...``): the runtime
runs it on the CPU.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from typing import ClassVar

from mlir import ir

from ...errors import CompilationError
from ...passes.pass_base import ModulePass
from ...triton_kernels.common import Target
from .grouping import group_module
from .kernel_attrs import KIND_ATTR
from .pysource import comment, literal, one_line
from .codegen import CodegenError, KernelSource, generate_kernel, module_source

SOURCE_ATTR = "triton.source"
FALLBACK_ATTR = "triton.fallback"


def display_symbol(name: str) -> str:
    """A symbol in a message or listing: bare when MLIR would print it bare, else a quoted,
    escaped literal (so a name cannot forge lines of the output)."""
    return name if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_$.]*", name) else literal(name)


def check_symbol_names(module: ir.Module) -> None:
    """Refuse, with its location, a symbol that is not valid UTF-8 (Python cannot hold it as text;
    the bindings would fail later with a conversion error)."""
    for op in module.body.operations:
        op = op.operation
        if "sym_name" not in op.attributes:
            continue
        raw = ir.StringAttr(op.attributes["sym_name"]).value_bytes
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            loc = str(op.location)
            loc = loc[4:-1] if loc.startswith("loc(") else loc
            raise CompilationError(f"{loc}: the symbol {raw!r} is not valid UTF-8") from None


def kernel_functions(module: ir.Module) -> list[ir.Operation]:
    return [op.operation for op in module.body.operations
            if op.operation.name == "func.func" and KIND_ATTR in op.operation.attributes]


def generate(module: ir.Module, target: Target | None = None, allow_tf32: bool = False,
             warn: bool = True) -> dict[str, KernelSource | str]:
    """Generate every kernel of a grouped module: name -> KernelSource, or the fallback reason."""
    out: dict[str, KernelSource | str] = {}
    target = target or Target()
    for fn in kernel_functions(module):
        name = ir.StringAttr(fn.attributes["sym_name"]).value
        try:
            out[name] = generate_kernel(fn, target, allow_tf32)
        except CodegenError as exc:
            out[name] = str(exc)
            if warn:  # the bindings cannot emit warnings: print one in the diagnostic format
                loc = str(fn.location)
                loc = loc[4:-1] if loc.startswith("loc(") else loc
                sys.stderr.write(f"{loc}: warning: kernel @{display_symbol(name)} runs on the CPU: "
                                 f"{one_line(str(exc))}\n")
    return out


def annotate(module: ir.Module, kernels: dict[str, KernelSource | str]) -> None:
    with module.context:
        for fn in kernel_functions(module):
            name = ir.StringAttr(fn.attributes["sym_name"]).value
            k = kernels.get(name)
            if isinstance(k, str):
                fn.attributes[FALLBACK_ATTR] = ir.StringAttr.get(k)
            elif k is not None:
                fn.attributes[SOURCE_ATTR] = ir.StringAttr.get(k.source)
                fn.attributes["triton.launch"] = ir.StringAttr.get(json.dumps(
                    {"grid": list(k.grid), "constexprs": k.constexprs, "num_warps": k.num_warps,
                     "num_stages": k.num_stages, "signature": k.arg_types}))


def lower_to_triton(module: ir.Module, target: Target | None = None,
                    allow_tf32: bool = False) -> dict[str, KernelSource | str]:
    """linalg on tensors -> grouped module (in place) + the generated kernels."""
    group_module(module)
    return generate(module, target, allow_tf32)


def source_file(kernels: dict[str, KernelSource | str]) -> str:
    return module_source([k for k in kernels.values() if isinstance(k, KernelSource)])


def fallback_comments(kernels: dict[str, KernelSource | str]) -> list[str]:
    """One ``#`` line per kernel that runs on the CPU, its symbol and the reason as literals (both
    come from the input: never pasted into source as they are)."""
    return [comment(f"kernel {literal(name)} runs on the CPU: {literal(k)}")
            for name, k in kernels.items() if isinstance(k, str)]


@dataclass
class GpuEmitTritonPass(ModulePass):
    name: ClassVar[str] = "gpu-emit-triton"
    summary: ClassVar[str] = "Generate the Triton source of each outlined kernel (triton.source attribute)"
    target: str = "cuda:90"
    allow_tf32: bool = False

    def run(self, module: ir.Module) -> None:
        annotate(module, generate(module, Target.parse(self.target), self.allow_tf32))
