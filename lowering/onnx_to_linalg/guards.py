"""The guards `convert-onnx-to-linalg` builds around ops with run-time checks.

A pattern builds its ops into a scratch block and states its checks with
:func:`runtime_checks.require`. :func:`guard` then moves the ops before the onnx op: those that
compute the conditions and the reported values stay outside, the rest goes into the ``then``
region of ``scf.if %ok``; the ``else`` region records the first failing check in the function's
status buffer and yields zero-filled results. :func:`guard_refining_casts` does the same for each
``tensor.cast`` that makes a dynamic dim static.

Sizes flow through guards: when the result sizes of the guarded op are plain functions of dims
defined outside it (``tensor.empty(%d)`` of a linalg op's init, ``%d`` computed from
``tensor.dim`` and ``arith``), they are computed before the ``scf.if``, the ``else`` region
yields tensors of those same sizes, and ``lib/known_sizes.py`` hands them to later patterns, so a
chain of ops on one dynamic dim checks it once rather than at every op.
"""

from __future__ import annotations

from typing import Sequence

from mlir import ir
from mlir.dialects import arith, linalg, memref, scf, tensor

from ..function_arguments import append_buffer_argument
from .lib.known_sizes import owner as _owner, record_sizes, result_sizes
from .lib.runtime_checks import CHECKS_ATTR, STATUS_ATTR, STATUS_SLOTS, _Check, all_of

# Ops whose results are scalars computed from sizes: safe to run before the checks.
_SIZE_OPS = ("tensor.dim", "affine.apply", "affine.min", "affine.max")


# ---- function, module and status buffer

def _func_of(op: ir.Operation) -> ir.Operation | None:
    parent = op.parent
    while parent is not None and parent.name != "func.func":
        parent = parent.parent
    return parent


def _module_of(op: ir.Operation) -> ir.Operation:
    while op.name != "builtin.module":
        op = op.parent
    return op


def _status_argument(func: ir.Operation) -> ir.Value:
    """The function's status buffer, appended as its last argument on first use."""
    entry = func.regions[0].blocks[0]
    attrs = func.attributes
    arg_attrs = list(ir.ArrayAttr(attrs["arg_attrs"])) if "arg_attrs" in attrs else \
        [ir.DictAttr.get({}) for _ in entry.arguments]
    for i, a in enumerate(arg_attrs):
        if STATUS_ATTR in ir.DictAttr(a):
            return entry.arguments[i]
    return append_buffer_argument(func, STATUS_SLOTS, STATUS_ATTR)


def _register(module_op: ir.Operation, node: ir.Operation, message: str) -> int:
    """Append a check's description to the module's table; its 1-based id."""
    loc = node.location
    name = loc.name_str if loc.is_a_name() else str(loc)
    op_type = loc.child_loc.name_str if loc.is_a_name() and loc.child_loc.is_a_name() else \
        getattr(node.opview, "ONNX_OP_TYPE", node.name)  # hand-written IR has no node location
    entry = ir.DictAttr.get({"node": ir.StringAttr.get(name), "op": ir.StringAttr.get(op_type),
                             "message": ir.StringAttr.get(message)})
    table = list(ir.ArrayAttr(module_op.attributes[CHECKS_ATTR])) \
        if CHECKS_ATTR in module_op.attributes else []
    table.append(entry)
    module_op.attributes[CHECKS_ATTR] = ir.ArrayAttr.get(table)
    return len(table)


def _record(status: ir.Value, check_id: int, check: _Check) -> None:
    """``if (status[0] == 0 && !ok) { status = [id, values...] }``: the first failure wins."""
    index = ir.IndexType.get()
    i64 = ir.IntegerType.get_signless(64)
    c0 = arith.constant(index, 0)
    current = memref.load(status, [c0])
    first = arith.cmpi(arith.CmpIPredicate.eq, current, arith.constant(i64, 0))
    failed = arith.xori(check.condition, arith.constant(ir.IntegerType.get_signless(1), 1))
    write = scf.IfOp(arith.andi(first, failed))
    with ir.InsertionPoint(write.then_block):
        memref.store(arith.constant(i64, check_id), status, [c0])
        for slot, v in enumerate(check.values, start=1):
            memref.store(_to_i64(v), status, [arith.constant(index, slot)])
        scf.YieldOp([])


def _to_i64(v: ir.Value) -> ir.Value:
    i64 = ir.IntegerType.get_signless(64)
    if isinstance(v.type, ir.IndexType):
        return arith.index_cast(i64, v)
    width = ir.IntegerType(v.type).width
    if width < 64:
        return arith.extsi(i64, v) if width > 1 else arith.extui(i64, v)
    return v


# ---- what stays outside the guard

def _all_operands(op: ir.Operation) -> list[ir.Value]:
    """Operands of ``op`` and of every op nested in its regions (captured values)."""
    found = list(op.operands)

    def visit(inner: ir.Operation) -> ir.WalkResult:
        found.extend(inner.operands)
        return ir.WalkResult.ADVANCE

    for region in op.regions:
        for block in region.blocks:
            for inner in block.operations:
                inner.operation.walk(visit)
    return found


def _backward_slice(ops: list[ir.Operation], roots: Sequence[ir.Value]) -> set[int]:
    """Indices in ``ops`` of the ops computing ``roots`` (their backward slice within ``ops``)."""
    index_of = {r: i for i, op in enumerate(ops) for r in op.results}
    needed = {v for v in roots if v in index_of}
    kept: set[int] = set()
    for i in range(len(ops) - 1, -1, -1):
        op = ops[i]
        if not any(r in needed for r in op.results):
            continue
        kept.add(i)
        needed.update(v for v in _all_operands(op) if v in index_of)
    return kept


def _is_size_computation(ops: list[ir.Operation], slice_: set[int]) -> bool:
    """Whether the ops of ``slice_`` only compute scalars from dims (safe before any check)."""
    for i in slice_:
        op = ops[i]
        if op.regions or any(isinstance(r.type, ir.ShapedType) for r in op.results):
            return False
        if not (op.name in _SIZE_OPS or op.name.startswith("arith.")):
            return False
    return True


def _zeros(t: ir.RankedTensorType, sizes: Sequence[int | ir.Value] | None) -> ir.Value:
    """A zero-filled tensor of type ``t``: of ``sizes`` when given, else dynamic dims 0."""
    elem = t.element_type
    if isinstance(elem, ir.IntegerType) and not ir.IntegerType(elem).is_signless:
        signless = ir.RankedTensorType.get(list(t.shape), ir.IntegerType.get_signless(ir.IntegerType(elem).width))
        return tensor.bitcast(t, _zeros(signless, sizes))
    if sizes is None:
        zero_index = arith.constant(ir.IndexType.get(), 0)
        sizes = [zero_index if t.is_dynamic_dim(i) else t.shape[i] for i in range(t.rank)]
    empty = tensor.empty(list(sizes), elem)
    if isinstance(elem, ir.FloatType):
        zero = arith.constant(elem, ir.FloatAttr.get(elem, 0.0))
    elif isinstance(elem, (ir.IntegerType, ir.IndexType)):
        zero = arith.constant(elem, ir.IntegerAttr.get(elem, 0))
    else:
        return empty
    return linalg.fill(zero, outs=[empty])


def _is_true(v: ir.Value) -> bool:
    owner = _owner(v)
    if owner is None or owner.name != "arith.constant":
        return False
    attr = owner.attributes["value"]
    return isinstance(attr, ir.IntegerAttr) and ir.IntegerAttr(attr).value != 0


# ---- the guards

def guard(node: ir.Operation, checks: Sequence[_Check], scratch: ir.Block,
          replacements: Sequence[ir.Value | None]) -> list[ir.Value | None]:
    """Move the ops built in ``scratch`` before ``node``, guarded by ``checks`` when they cannot
    be decided at compile time. Returns the values that replace ``node``'s results."""
    ops = [o.operation for o in scratch.operations]
    live = [c for c in checks if not _is_true(c.condition)]
    func = _func_of(node)
    if not live or func is None or "sym_visibility" in func.attributes:
        # Only public functions get a status argument (their callers are the runtime).
        for o in ops:
            o.move_before(node)
        return list(replacements)
    substituted = _resolve_dims(ops, [v for c in live for v in (c.condition, *c.values)])
    for c in live:
        c.values = [substituted.get(v, v) for v in c.values]
    ops = [o.operation for o in scratch.operations]
    present = [r for r in replacements if r is not None]
    roots = [v for c in live for v in (c.condition, *c.values)]
    sizes: list[list[int | ir.Value] | None] = []
    for r in present:
        found = result_sizes(r)
        dynamic = [s for s in found or () if isinstance(s, ir.Value)]
        if found is not None and _is_size_computation(ops, _backward_slice(ops, dynamic)):
            roots.extend(dynamic)
            sizes.append(found)
        else:
            sizes.append(None)
    kept = _backward_slice(ops, roots)
    for i, o in enumerate(ops):
        if i in kept:
            o.move_before(node)
    status = _status_argument(func)
    module_op = _module_of(func)
    with ir.InsertionPoint(node):
        if_op = scf.IfOp(all_of([c.condition for c in live]), [r.type for r in present], has_else=True)
    with ir.InsertionPoint(if_op.then_block):
        yield_op = scf.YieldOp(present)
    for i, o in enumerate(ops):
        if i not in kept:
            o.move_before(yield_op)
    with ir.InsertionPoint(if_op.else_block):
        for check in live:
            _record(status, _register(module_op, node, check.message), check)
        scf.YieldOp([_zeros(ir.RankedTensorType(r.type), s) for r, s in zip(present, sizes)])
    for result, s in zip(if_op.results, sizes):
        if s is not None:
            record_sizes(result, s)
    results = iter(if_op.results)
    return [None if r is None else next(results) for r in replacements]


def refines_dynamic_dims(source: ir.Type, target: ir.Type) -> list[int]:
    """Axes where a cast from ``source`` to ``target`` asserts a static size for a dynamic dim."""
    if not (isinstance(source, ir.RankedTensorType) and isinstance(target, ir.RankedTensorType)):
        return []
    src, dst = ir.RankedTensorType(source), ir.RankedTensorType(target)
    if src.rank != dst.rank:
        return []
    return [i for i in range(src.rank) if src.is_dynamic_dim(i) and not dst.is_dynamic_dim(i)]


def guard_refining_casts(scratch: ir.Block, node: ir.Operation,
                         replacements: list[ir.Value | None]) -> list[ir.Value | None]:
    """Check every ``tensor.cast`` built in ``scratch`` that makes a dynamic dim static.

    A cast is trusted by every later op: a wrong size would read past a buffer. Each such cast
    becomes ``scf.if (sizes match) { cast } else { record; zeros }`` in place. Returns
    ``replacements`` with the guarded casts' results substituted.
    """
    func = _func_of(node)
    if func is None or "sym_visibility" in func.attributes:
        return replacements
    index = ir.IndexType.get()
    for o in _casts_in(scratch):
        source, target = o.operands[0], o.results[0].type
        axes = refines_dynamic_dims(source.type, target)
        if not axes:
            continue
        t = ir.RankedTensorType(target)
        with ir.InsertionPoint(o), o.location:
            checks = []
            for i in axes:
                size = tensor.dim(source, arith.constant(index, i))
                ok = arith.cmpi(arith.CmpIPredicate.eq, size, arith.constant(index, t.shape[i]))
                checks.append(_Check(ok, f"result axis {i} has size {{0}} at run time, but its "
                                         f"type says {t.shape[i]}", [size]))
            inner = scf.IfOp(all_of([c.condition for c in checks]), [target], has_else=True)
            with ir.InsertionPoint(inner.then_block):
                scf.YieldOp([tensor.cast(target, source)])
            with ir.InsertionPoint(inner.else_block):
                status = _status_argument(func)
                for check in checks:
                    _record(status, _register(_module_of(func), node, check.message), check)
                scf.YieldOp([_zeros(t, None)])
        old = o.results[0]
        old.replace_all_uses_with(inner.results[0])
        replacements = [inner.results[0] if r == old else r for r in replacements]
        o.erase()
    return replacements


def _casts_in(scratch: ir.Block) -> list[ir.Operation]:
    """Every `tensor.cast` built in ``scratch``, nested ones included (a Loop/Scan lowering casts
    the values its body yields, inside the loop)."""
    found: list[ir.Operation] = []

    def visit(op: ir.Operation) -> ir.WalkResult:
        if op.name == "tensor.cast":
            found.append(op)
        return ir.WalkResult.ADVANCE

    for o in [x.operation for x in scratch.operations]:
        o.walk(visit, ir.WalkOrder.PRE_ORDER)
    return found


def _resolve_dims(ops: list[ir.Operation], roots: Sequence[ir.Value]) -> dict[ir.Value, ir.Value]:
    """Make the checks independent of what they guard: a `tensor.dim` in the backward slice of
    ``roots`` that reads a tensor computed by this lowering (e.g. a size taken from a matmul's
    result) would keep that computation outside the guard, running it before its own checks.
    Such a dim is rewritten to the dim of what sized the tensor: the init of a linalg op, the
    dest of a `tensor.insert_slice`, the source of a `tensor.cast`/`tensor.bitcast`, or the size
    operand of a `tensor.empty`. Returns the dims replaced by a size value."""
    produced = {r: o for o in ops for r in o.results}
    substituted: dict[ir.Value, ir.Value] = {}
    changed = True
    while changed:
        changed = False
        for i in sorted(_backward_slice(ops, roots)):
            o = ops[i]
            if o.name != "tensor.dim" or o.operands[0] not in produced:
                continue
            source = o.operands[0]
            producer = produced[source]
            if producer.name == "tensor.empty":
                size = _empty_size(producer, o)
                if size is not None:
                    o.results[0].replace_all_uses_with(size)
                    substituted[o.results[0]] = size
                    roots = [size if r == o.results[0] else r for r in roots]
                    changed = True
                continue
            sized_by = _sized_by(producer, source)
            if sized_by is not None:
                o.operands[0] = sized_by
                changed = True
    return substituted


def _sized_by(producer: ir.Operation, result: ir.Value) -> ir.Value | None:
    """The operand of ``producer`` whose shape ``result`` has, if it is known to have one."""
    if producer.name.startswith("linalg.") and len(producer.results) <= len(producer.operands):
        n = len(producer.results)
        return producer.operands[len(producer.operands) - n + ir.OpResult(result).result_number]
    if producer.name == "tensor.insert_slice":
        return producer.operands[1]
    if producer.name in ("tensor.cast", "tensor.bitcast"):
        return producer.operands[0]
    return None


def _empty_size(empty: ir.Operation, dim_op: ir.Operation) -> ir.Value | None:
    """The size operand of ``tensor.empty`` for the (constant) axis that ``dim_op`` reads."""
    index = _owner(dim_op.operands[1])
    if index is None or index.name != "arith.constant":
        return None
    axis = ir.IntegerAttr(index.attributes["value"]).value
    t = ir.RankedTensorType(empty.results[0].type)
    if not t.is_dynamic_dim(axis):
        return None  # a static dim: tensor.dim of it folds anyway
    dynamic_before = sum(1 for d in range(axis) if t.is_dynamic_dim(d))
    return empty.operands[dynamic_before]
