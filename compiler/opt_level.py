"""The LLVM optimisation level of the JIT / object code: ``opt_level="auto"`` (the default)
chooses by function size.

LLVM's optimising pipeline (O1 to O3 alike) and its code generator grow faster than linearly
with the size of one function: a 1,000-node Relu chain (one 47k-op LLVM-dialect function) took
21-25 CPU s to JIT at O1/O3 against 0.8 s at O0 (250 nodes, 12k ops: 1.7 s against 0.13 s), and an
OCR model with a 34k-line function 280 s at O3, 92 s at O1 and 6.4 s at O0 (STACK-NOTES). The
models this compiler is tuned on have functions of 8k-18k ops (ResNet-18, MobileNetV2, BERT,
GPT-2), where O3 pays for itself at run time; above ``AUTO_MAX_OPS`` ops in one function ``auto``
takes O0, so that compile time stays about linear in the model's size, and says so
(``OptLevelWarning``): O0 code is about 2x slower on elementwise chains and far slower on
convolutions (ResNet-18 at O0: 23 s a run against 0.8 s at O3), so pass ``opt_level=3`` for a
large model whose run time matters more than its compile time.
"""

from __future__ import annotations

from typing import Union

from mlir import ir

OptLevel = Union[int, str]
AUTO = "auto"
AUTO_MAX_OPS = 30_000


def largest_function_ops(module: ir.Module) -> int:
    """Ops in the largest function of an LLVM-dialect module (top-level ops of its blocks: after
    the lowering to LLVM, bodies are flat)."""
    largest = 0
    for op in module.body.operations:
        if op.operation.name in ("llvm.func", "func.func") and op.operation.regions[0].blocks:
            largest = max(largest, sum(len(block.operations) for block in op.operation.regions[0].blocks))
    return largest


def check(opt_level: OptLevel) -> OptLevel:
    """``opt_level`` when valid (0-3 or "auto"), else ValueError."""
    if opt_level == AUTO or (isinstance(opt_level, int) and not isinstance(opt_level, bool)
                             and 0 <= opt_level <= 3):
        return opt_level
    raise ValueError(f"opt_level must be 0, 1, 2, 3 or 'auto', got {opt_level!r}")


def resolve(opt_level: OptLevel, module: ir.Module) -> int:
    """The level to compile ``module`` (LLVM dialect) at."""
    if check(opt_level) != AUTO:
        return int(opt_level)
    size = largest_function_ops(module)
    if size <= AUTO_MAX_OPS:
        return 3
    import warnings

    from ..errors import OptLevelWarning

    warnings.warn(f"a function of {size} LLVM ops (over {AUTO_MAX_OPS}) is compiled at O0: LLVM's "
                  "optimiser takes superlinear time on it; opt_level=3 (onnx-mlir -O3) gives faster "
                  "code after a longer compile", OptLevelWarning, stacklevel=3)
    return 0
