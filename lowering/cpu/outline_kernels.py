"""Each loop nest of a function becomes a function of its own (``cpu-outline-kernels``).

LLVM's optimiser and code generator take time growing faster than linearly with the size of one
function: a whole model in ``@main_graph`` took 30-80 s to JIT at O3 (MobileNetV2), so it had to
be compiled at O0. Once every top-level loop nest (a kernel: a tiled conv, a fused elementwise
generic, a copy, a guard whose branches hold loops) is ``func.func private @kernel_N`` called by
``@main_graph``, LLVM works on many small functions, in time about linear in their number, and
the kernels can be optimised while ``@main_graph`` (allocations, calls, deallocations, status
checks) stays cheap (``compiler/opt_level.py`` chooses the level per function).

Runs on bufferized IR with the loops still structured (``scf``), before ``convert-scf-to-cf`` and
before the async lowering (which then outlines the task bodies of a kernel's ``scf.parallel``
from the kernel). A kernel takes the buffers and scalars it uses as arguments, in order of first
use; constants it uses (``arith.constant``, ``memref.get_global``, ...) are cloned into it, so
that static sizes, strides and global addresses stay known to LLVM inside it. Its results, if
any, are returned. Kernels are ``no_inline`` (LLVM would merge them back into one function) and
carry the unit attribute ``onnx_mlir.kernel``; the functions they came from carry
``onnx_mlir.glue``. Clock reads of ``instrument-profile`` and the status-buffer checks between
kernels stay where they are, in the glue.
"""

from __future__ import annotations

from dataclasses import dataclass

from mlir import ir
from mlir.dialects import func

from ...passes.pass_base import ModulePass

KERNEL_ATTR = "onnx_mlir.kernel"  # unit attribute of an outlined function
GLUE_ATTR = "onnx_mlir.glue"  # unit attribute of a function kernels were outlined from
KERNEL_NAME = "kernel_{}"

_LOOPS = frozenset({"scf.for", "scf.parallel", "scf.forall", "scf.while", "affine.for", "affine.parallel"})
# Ops without operands or effects whose result is better known than passed (constant sizes, the
# address of a global): cloned into each kernel that uses them.
_CLONED = frozenset({"arith.constant", "ub.poison", "memref.get_global", "llvm.mlir.constant",
                     "llvm.mlir.addressof", "llvm.mlir.zero"})


def _has_loop(op: ir.Operation) -> bool:
    if op.name in _LOOPS:
        return True
    if not op.regions:
        return False
    found = []

    def visit(inner: ir.Operation) -> ir.WalkResult:
        if inner.name in _LOOPS:
            found.append(inner)
            return ir.WalkResult.INTERRUPT
        return ir.WalkResult.ADVANCE

    op.walk(visit)
    return bool(found)


def _captured(op: ir.Operation) -> list[ir.Value]:
    """Values ``op`` (or an op nested in it) uses that are defined outside ``op``, in order of
    first use, each once."""
    inside: set[ir.Value] = set()

    def define(inner: ir.Operation) -> ir.WalkResult:
        inside.update(inner.results)
        for region in inner.regions:
            for block in region.blocks:
                inside.update(block.arguments)
        return ir.WalkResult.ADVANCE

    op.walk(define)
    captured: dict[ir.Value, None] = {}

    def use(inner: ir.Operation) -> ir.WalkResult:
        for value in inner.operands:
            if value not in inside:
                captured.setdefault(value, None)
        return ir.WalkResult.ADVANCE

    op.walk(use, ir.WalkOrder.PRE_ORDER)
    return list(captured)


def _cloneable_constant(value: ir.Value) -> ir.Operation | None:
    owner = value.owner
    if isinstance(owner, ir.Block):
        return None
    owner = owner.operation if hasattr(owner, "operation") else owner
    return owner if owner.name in _CLONED and not owner.operands else None


def _outline(op: ir.Operation, name: str, before: ir.Operation) -> None:
    """Move ``op`` into a new private function ``@name`` (inserted before ``before``, a function
    of the module) and call it where ``op`` was."""
    captured = _captured(op)
    constants = [(v, c) for v in captured if (c := _cloneable_constant(v)) is not None]
    args = [v for v in captured if _cloneable_constant(v) is None]
    result_types = [r.type for r in op.results]
    with ir.InsertionPoint(before), op.location:
        kernel = func.FuncOp(name, ([a.type for a in args], result_types), visibility="private")
        kernel.attributes[KERNEL_ATTR] = ir.UnitAttr.get()
        kernel.attributes["no_inline"] = ir.UnitAttr.get()  # (for MLIR's inliner; LLVM's:)
        kernel.attributes["passthrough"] = ir.ArrayAttr.get([ir.StringAttr.get("noinline")])
        kernel.attributes["llvm.linkage"] = ir.Attribute.parse("#llvm.linkage<internal>")
        entry = kernel.add_entry_block()
    with ir.InsertionPoint(op), op.location:
        call = func.CallOp(result_types, ir.FlatSymbolRefAttr.get(name), args)
    for old, new in zip(op.results, call.results):
        old.replace_all_uses_with(new)
    mapping: dict[ir.Value, ir.Value] = dict(zip(args, entry.arguments))
    with ir.InsertionPoint(entry), op.location:
        for value, constant in constants:
            mapping[value] = constant.clone().results[0]
        ret = func.ReturnOp(list(op.results))
    op.move_before(ret.operation)

    def rewire(inner: ir.Operation) -> ir.WalkResult:
        operands = inner.operands
        for i, value in enumerate(operands):
            new = mapping.get(value)
            if new is not None:
                operands[i] = new
        return ir.WalkResult.ADVANCE

    op.walk(rewire)


def _symbol_names(module: ir.Module) -> set[str]:
    return {ir.StringAttr(op.attributes["sym_name"]).value for op in module.body.operations
            if "sym_name" in op.attributes}


def outline_kernels(module: ir.Module) -> int:
    """Outline every top-level loop nest of every function of ``module`` that is not a kernel
    already; returns how many kernels were made."""
    taken = _symbol_names(module)
    index = made = 0
    with module.context:
        for fn in list(module.body.operations):
            fn = fn.operation
            if fn.name != "func.func" or not fn.regions[0].blocks or KERNEL_ATTR in fn.attributes:
                continue
            nests = [op.operation for block in fn.regions[0].blocks for op in block.operations
                     if _has_loop(op.operation)]
            for op in nests:
                while KERNEL_NAME.format(index) in taken:
                    index += 1
                name = KERNEL_NAME.format(index)
                taken.add(name)
                _outline(op, name, fn)
                made += 1
            if nests:
                fn.attributes[GLUE_ATTR] = ir.UnitAttr.get()
    return made


@dataclass
class CpuOutlineKernelsPass(ModulePass):
    name = "cpu-outline-kernels"
    summary = ("Each top-level loop nest of a function -> a private no_inline function it calls "
               "(LLVM then optimises many small functions in about linear time)")

    def run(self, module: ir.Module) -> None:
        outline_kernels(module)
