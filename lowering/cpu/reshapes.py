"""``cpu-multi-dynamic-expands``: expand_shape groups with several dynamic sizes -> tensor.reshape.

``tensor.expand_shape`` may split one dim into several dynamic ones (``?x128 -> ?x?x128``, the
[batch*seq, K] @ [K, N] matmul split back into batch and seq). That is valid IR, but LLVM 22's
``expand-strided-metadata`` asserts (aborting the process) on a ``memref.expand_shape`` group with
more than one dynamic size. Before bufferization such an op becomes ``tensor.reshape`` with its
output sizes in a ``tensor.from_elements`` shape: a ``memref.reshape`` view after bufferization
(no copy for the contiguous buffers lowerings produce), which lowers to LLVM with runtime strides.
"""

from __future__ import annotations

from mlir import ir
from mlir.dialects import arith, tensor

_DYNAMIC = ir.ShapedType.get_dynamic_size()


def _multi_dynamic_group(op: ir.Operation) -> bool:
    shape = ir.RankedTensorType(op.results[0].type).shape
    for group in op.attributes["reassociation"]:
        dims = [ir.IntegerAttr(d).value for d in group]
        if sum(1 for d in dims if shape[d] == _DYNAMIC) > 1:
            return True
    return False


def rewrite_multi_dynamic_expands(module: ir.Module) -> int:
    """Rewrite the expand_shapes LLVM cannot lower; returns how many were rewritten."""
    found: list[ir.Operation] = []

    def visit(op: ir.Operation) -> ir.WalkResult:
        if op.name == "tensor.expand_shape" and _multi_dynamic_group(op):
            found.append(op)
        return ir.WalkResult.ADVANCE

    module.operation.walk(visit)
    index = None
    for op in found:
        with ir.InsertionPoint(op), op.location:
            index = index or ir.IndexType.get()
            static = ir.DenseI64ArrayAttr(op.attributes["static_output_shape"])
            dynamic = iter(list(op.operands)[1:])
            sizes = [next(dynamic) if s == _DYNAMIC else arith.constant(index, s) for s in static]
            shape = tensor.from_elements(ir.RankedTensorType.get([len(sizes)], index), sizes)
            result = tensor.reshape(op.results[0].type, op.operands[0], shape)
        op.results[0].replace_all_uses_with(result)
        op.erase()
    return len(found)
