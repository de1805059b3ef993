"""Outlining: each group of ops becomes a private ``func.func`` that ``@main_graph`` calls.

The function is ``@<entry>_k<i>_<kind>`` with ``onnx_mlir.kernel_kind = "<kind>"`` (and
``onnx_mlir.host_reason`` for a host kernel, kernel_attrs.py); its arguments are the values the
group reads from outside, its results the values used after it.  Scalar constants, splat tensor
constants and ``tensor.empty`` are cloned into the kernels that use them instead.
"""

from __future__ import annotations

from mlir import ir
from mlir.dialects import func

from .kernel_attrs import KIND_ATTR, REASON_ATTR
from .kernel_groups import Group, Grouper


def _is_clonable(value: ir.Value) -> bool:
    """Scalar constants, splat tensor constants and tensor.empty are cloned into kernels."""
    if not isinstance(value, ir.OpResult):
        return False
    owner = value.owner
    if owner.name == "tensor.empty":
        return True
    if owner.name == "arith.constant":
        if not isinstance(value.type, ir.ShapedType):
            return True
        attr = owner.attributes["value"]
        return isinstance(attr, ir.DenseElementsAttr) and ir.DenseElementsAttr(attr).is_splat
    return False


def _index_of(values: list[ir.Value], v: ir.Value) -> int:
    for i, w in enumerate(values):
        if w == v:
            return i
    return -1


def outline(fn: ir.Operation, groups: list[Group], grouper: Grouper, prefix: str) -> list[ir.Operation]:
    """Move each group into a private function and call it from ``fn``; returns the new functions."""
    # Everything that depends on the original structure is computed before anything moves.
    plans = []
    for group in groups:
        group.ops.sort(key=grouper.gid)  # joined groups may have been appended out of order
        members = grouper.members(group)
        after = grouper.ops[max(members) + 1]
        plans.append((group, members, grouper.exports(group), after))
    created = []
    for gi, (group, members, exports, after) in enumerate(plans):
        external: list[ir.Value] = []
        clones: list[ir.Value] = []
        uses: list[tuple[ir.Operation, int, bool, int]] = []  # (op, operand, is_clone, slot)

        def collect(op: ir.Operation) -> None:
            for i, v in enumerate(op.operands):
                if isinstance(v, ir.BlockArgument):
                    if v.owner.owner.operation.name != "func.func":
                        continue  # an argument of a region inside the group
                elif grouper.top(v.owner) in members:
                    continue
                bucket = clones if _is_clonable(v) else external
                slot = _index_of(bucket, v)
                if slot < 0:
                    bucket.append(v)
                    slot = len(bucket) - 1
                uses.append((op, i, bucket is clones, slot))
            for region in op.regions:
                for block in region.blocks:
                    for inner in block.operations:
                        collect(inner.operation)

        for op in group.ops:
            collect(op)
        name = f"{prefix}_k{gi}_{group.kind}"
        with fn.context, group.last.location:
            ftype = ir.FunctionType.get([v.type for v in external], [v.type for v in exports])
            with ir.InsertionPoint(fn):
                kfn = func.FuncOp(name, ftype, visibility="private")
            kfn.attributes[KIND_ATTR] = ir.StringAttr.get(group.kind)
            if group.reason:
                kfn.attributes[REASON_ATTR] = ir.StringAttr.get(group.reason)
            entry = kfn.add_entry_block()
            with ir.InsertionPoint(after):
                call = func.CallOp([v.type for v in exports], ir.FlatSymbolRefAttr.get(name), external)
            for value, new in zip(exports, call.results):
                for use_owner, use_index in [(u.owner, u.operand_number) for u in value.uses]:
                    if grouper.top(use_owner) not in members:
                        use_owner.operands[use_index] = new
            cloned = []
            with ir.InsertionPoint(entry):
                for v in clones:
                    cloned.append(v.owner.clone().results[ir.OpResult(v).result_number])
                ret = func.ReturnOp(exports)
            for op in group.ops:
                op.move_before(ret)
            for owner, index, is_clone, slot in uses:
                owner.operands[index] = cloned[slot] if is_clone else entry.arguments[slot]
        created.append(kfn.operation)
    # the calls replaced the ops: drop constants and empties that nothing uses any more
    for op in reversed(list(grouper.block.operations)):
        op = op.operation
        if op.name in ("arith.constant", "tensor.empty") and all(
                next(iter(r.uses), None) is None for r in op.results):
            op.erase()
    return created
