"""`tensor.pad` with a constant value as a filled buffer and an insert of the source into it.

Bufferized as is, a pad allocates the padded buffer, fills all of it and then copies the source
into its interior: one more pass over the data for every padded convolution input. Written as
``tensor.insert_slice(source into linalg.fill(value, tensor.empty))``, bufferization's
empty-tensor elimination lets the op that produces the source write it straight into the
interior, and the copy disappears (when the producer's destination is a ``tensor.empty``; else
the insert is a copy, as before).
"""

from __future__ import annotations

from mlir import ir
from mlir.dialects import arith, linalg, tensor

from .layout_moves import mixed_sizes


def _constant_padding(pad: ir.Operation) -> ir.Value | None:
    body = pad.regions[0].blocks[0]
    if len(body.operations) != 1:
        return None
    value = body.operations[0].operands[0]
    return None if isinstance(value, ir.BlockArgument) else value


def _rewrite(pad: ir.Operation) -> bool:
    value = _constant_padding(pad)
    source = pad.operands[0]
    if value is None or len(pad.operands) != 1 or not isinstance(source.type, ir.RankedTensorType):
        return False  # index-dependent padding or dynamic amounts: left to bufferization
    low = list(ir.DenseI64ArrayAttr(pad.attributes["static_low"]))
    high = list(ir.DenseI64ArrayAttr(pad.attributes["static_high"]))
    result_type = ir.RankedTensorType(pad.results[0].type)
    with ir.InsertionPoint(pad), pad.location:
        src_sizes = mixed_sizes(source)
        out_sizes = []
        for s, lo, hi in zip(src_sizes, low, high):
            if isinstance(s, int):
                out_sizes.append(s + lo + hi)
            else:
                out_sizes.append(arith.addi(s, arith.constant(ir.IndexType.get(), lo + hi)) if lo + hi else s)
        filled = linalg.fill(value, outs=[tensor.empty(out_sizes, result_type.element_type)])
        dynamic = [s for s in src_sizes if not isinstance(s, int)]
        static = [s if isinstance(s, int) else ir.ShapedType.get_dynamic_size() for s in src_sizes]
        inserted = tensor.InsertSliceOp(
            source, filled, [], dynamic, [], ir.DenseI64ArrayAttr.get(low),
            ir.DenseI64ArrayAttr.get(static), ir.DenseI64ArrayAttr.get([1] * len(low))).result
        if inserted.type != result_type:
            inserted = tensor.cast(result_type, inserted)
    pad.results[0].replace_all_uses_with(inserted)
    pad.erase()
    return True


def pads_in_place(module: ir.Module) -> int:
    """Rewrite every constant-value `tensor.pad` of ``module``; returns how many."""
    found: list[ir.Operation] = []

    def visit(op: ir.Operation) -> ir.WalkResult:
        if op.name == "tensor.pad":
            found.append(op)
        return ir.WalkResult.ADVANCE

    module.operation.walk(visit)
    with module.context:
        return sum(_rewrite(op) for op in found)
