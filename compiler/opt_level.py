"""The LLVM optimisation level of the JIT / object code, per function with ``opt_level="auto"``
(the default).

``0``-``3`` compile every function at that level. LLVM's optimising pipeline and its code
generator grow faster than linearly with the size of one function, though: with the whole model
in ``@main_graph`` MobileNetV2 took 30-80 s to JIT at O3, and an OCR model with a 34k-line
function 280 s at O3, 92 s at O1 and 6.4 s at O0 (STACK-NOTES). So the CPU pipeline outlines
each loop nest into a function of its own (``lowering/cpu/outline_kernels.py``), and ``auto``
compiles

* the kernels (the outlined loop nests, and what the async lowering outlines from them) at
  ``AUTO_LEVEL``, 2: they are where the time goes at run time, and each is small (measured
  with one thread, ours/onnxruntime: MobileNetV2 2.16 at O0 as one function, 1.52 with O2
  kernels, JIT 2.1 CPU s; BERT 0.66 with O2 kernels, 0.92 with O3 kernels, 0.81 at O3 as one
  function);
* the glue (``@main_graph`` after outlining: allocations, calls, deallocations, run-time checks)
  without optimisation (LLVM's ``optnone``): nothing in it gains from it, and it grows with the
  number of nodes;
* any other function of over ``AUTO_MAX_OPS`` LLVM-dialect ops (a kernel made of thousands of
  fused elementwise ops, or a module that was not outlined) without optimisation too, with an
  ``OptLevelWarning``: pass ``opt_level=3`` when its run time matters more than the compile.

Compile time then stays about linear in the model's size at kernel speed.
"""

from __future__ import annotations

import warnings
from typing import Union

from mlir import ir

OptLevel = Union[int, str]
AUTO = "auto"
AUTO_LEVEL = 2  # O3 made the kernels no faster (BERT: slower) and took twice O2's time
AUTO_MAX_OPS = 30_000
GLUE_ATTR = "onnx_mlir.glue"  # (lowering/cpu/outline_kernels.py; not imported: it loads the passes)


def function_ops(fn: ir.Operation) -> int:
    """Top-level ops of a function's blocks (after the lowering to LLVM, bodies are flat)."""
    return sum(len(block.operations) for block in fn.regions[0].blocks)


def _defined_functions(module: ir.Module) -> list[ir.Operation]:
    return [op.operation for op in module.body.operations
            if op.operation.name in ("llvm.func", "func.func") and op.operation.regions[0].blocks]


def largest_function_ops(module: ir.Module) -> int:
    """Ops in the largest function of an LLVM-dialect module."""
    return max((function_ops(fn) for fn in _defined_functions(module)), default=0)


def check(opt_level: OptLevel) -> OptLevel:
    """``opt_level`` when valid (0-3 or "auto"), else ValueError."""
    if opt_level == AUTO or (isinstance(opt_level, int) and not isinstance(opt_level, bool)
                             and 0 <= opt_level <= 3):
        return opt_level
    raise ValueError(f"opt_level must be 0, 1, 2, 3 or 'auto', got {opt_level!r}")


def _name(fn: ir.Operation) -> str:
    return ir.StringAttr(fn.attributes["sym_name"]).value


def unoptimised_functions(module: ir.Module) -> tuple[list[ir.Operation], list[tuple[str, int]]]:
    """The functions ``auto`` compiles without optimisation: the glue, and the others over
    ``AUTO_MAX_OPS`` (returned apart as (name, size), for the warning)."""
    glue, large = [], []
    for fn in _defined_functions(module):
        if GLUE_ATTR in fn.attributes:
            glue.append(fn)
        elif (size := function_ops(fn)) > AUTO_MAX_OPS:
            glue.append(fn)
            large.append((_name(fn), size))
    return glue, large


def mark_unoptimised(fn: ir.Operation) -> None:
    """LLVM's ``optnone`` (which needs ``noinline``) on an ``llvm.func``."""
    with fn.context:
        fn.attributes["optimize_none"] = ir.UnitAttr.get()
        fn.attributes["no_inline"] = ir.UnitAttr.get()


def resolve(opt_level: OptLevel, module: ir.Module) -> int:
    """The level to compile ``module`` (LLVM dialect) at. With ``"auto"``, the functions it
    leaves unoptimised are marked ``optnone`` in ``module`` first (see the module's doc)."""
    if check(opt_level) != AUTO:
        return int(opt_level)
    unoptimised, large = unoptimised_functions(module)
    for fn in unoptimised:
        if fn.name == "llvm.func":
            mark_unoptimised(fn)
    if large:
        from ..errors import OptLevelWarning

        names = ", ".join(f"@{name} ({size} ops)" for name, size in large[:3])
        more = f" and {len(large) - 3} more" if len(large) > 3 else ""
        warnings.warn(f"{len(large)} function(s) over {AUTO_MAX_OPS} LLVM ops compiled at O0 "
                      f"(LLVM's optimiser takes superlinear time on them): {names}{more}; opt_level=3 "
                      "(onnx-mlir -O3) gives faster code after a longer compile",
                      OptLevelWarning, stacklevel=3)
    return AUTO_LEVEL


def label(opt_level: OptLevel, level: int) -> str:
    """How ``-v`` names the level ``resolve`` chose: ``O3``, or ``auto: O2, glue O0``."""
    return f"auto: O{level}, glue O0" if opt_level == AUTO else f"O{level}"
