"""Outlining: each group of ops becomes a private ``func.func`` that ``@main_graph`` calls.

The function is ``@<entry>_k<i>_<kind>`` with ``onnx_mlir.kernel_kind = "<kind>"`` (and
``onnx_mlir.host_reason`` for a host kernel, kernel_attrs.py); its arguments are the values the
group reads from outside, its results the values used after it.  Scalar constants, splat tensor
constants and ``tensor.empty`` are cloned into the kernels that use them instead, and so are the
scalar ops (``classification.is_scalar_op``: ``tensor.dim``, ``tensor.extract``, arithmetic) that
compute a scalar a kernel reads, with what they read in turn: their tensor operands become
kernel arguments, so a kernel never takes a scalar argument.
"""

from __future__ import annotations

from mlir import ir
from mlir.dialects import func

from .classification import is_scalar_op
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


def _is_recomputed(value: ir.Value) -> bool:
    """A scalar computed by ops a kernel recomputes (sizes, extracted elements, arithmetic)."""
    return isinstance(value, ir.OpResult) and is_scalar_op(value.owner)


def _index_of(values: list[ir.Value], v: ir.Value) -> int:
    for i, w in enumerate(values):
        if w == v:
            return i
    return -1


def _after_operands(entry: ir.Block, copies: list[ir.Operation]) -> None:
    """Move each cloned op (in order: operands first) after the kernel ops it reads, so that a
    size read from a value the kernel computes follows its definition."""
    for copy in copies:
        ops = [o.operation for o in entry.operations]

        def index(op: ir.Operation) -> int:
            return next((i for i, o in enumerate(ops) if o == op), -1)

        latest = max((index(v.owner) for v in copy.operands if isinstance(v, ir.OpResult)), default=-1)
        if latest > index(copy):
            copy.move_after(ops[latest])


def outline(fn: ir.Operation, groups: list[Group], grouper: Grouper, prefix: str) -> list[ir.Operation]:
    """Move each group into a private function and call it from ``fn``; returns the new functions."""
    # Everything that depends on the original structure is computed before anything moves.
    plans = []
    for gi, group in enumerate(groups):
        group.ops.sort(key=grouper.gid)  # joined groups may have been appended out of order
        members = grouper.members(group)
        after = grouper.ops[max(members) + 1]
        plans.append((gi, group, members, grouper.exports(group), after))
    # Outlined in launch order: the op a call is placed before must still be in the function (a
    # group created earlier may end later, e.g. a slice joined by the insert that ends a concat).
    plans.sort(key=lambda plan: max(plan[2]))
    created = []
    for gi, group, members, exports, after in plans:
        external: list[ir.Value] = []
        clones: list[ir.Operation] = []  # ops cloned into the kernel, operands before users
        uses: list[tuple[ir.Operation, int, ir.Value]] = []  # (op, operand, outside value)

        def outside(v: ir.Value) -> bool:
            if isinstance(v, ir.BlockArgument):
                return v.owner.owner.operation.name == "func.func"
            return grouper.top(v.owner) not in members

        def need(v: ir.Value) -> None:
            """Record the outside value ``v``: cloned (with its own operands) or an argument."""
            if not outside(v):
                return  # a value of the group, read by a cloned op (e.g. tensor.dim of a result)
            if _is_clonable(v) or _is_recomputed(v):
                owner = v.owner
                if any(owner == c for c in clones):
                    return
                for w in owner.operands:  # sizes of a dynamic tensor.empty, inputs of a scalar op
                    need(w)
                clones.append(owner)
            elif _index_of(external, v) < 0:
                external.append(v)

        def collect(op: ir.Operation) -> None:
            for i, v in enumerate(op.operands):
                if not outside(v):
                    continue  # a value of the group, or an argument of a region inside it
                need(v)
                uses.append((op, i, v))
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
            inside: list[tuple[ir.Value, ir.Value]] = list(zip(external, entry.arguments))

            def inner(v: ir.Value) -> ir.Value:
                for w, new in inside:
                    if w == v:
                        return new
                if not outside(v):
                    return v  # moved into the kernel with the group
                raise AssertionError("outlining: a value read by a kernel was not recorded")

            copies = []
            with ir.InsertionPoint(entry):
                for original in clones:
                    copy = original.clone()
                    for k, operand in enumerate(copy.operands):
                        copy.operands[k] = inner(operand)
                    inside.extend(zip(original.results, copy.results))
                    copies.append(copy)
                ret = func.ReturnOp(exports)
            for op in group.ops:
                op.move_before(ret)
            for owner, index, v in uses:
                owner.operands[index] = inner(v)
            _after_operands(entry, copies)
        created.append(kfn.operation)
    # the calls replaced the ops: drop constants, empties and scalar ops that nothing uses any more
    for op in reversed(list(grouper.block.operations)):
        op = op.operation
        if (op.name in ("arith.constant", "tensor.empty") or is_scalar_op(op)) and all(
                next(iter(r.uses), None) is None for r in op.results):
            op.erase()
    return created
