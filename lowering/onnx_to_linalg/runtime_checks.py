"""Run-time checks of what the compiler cannot prove: shape agreement and index ranges.

A pattern states a requirement while it lowers an op: ``require(ok, "message {0} vs {1}", a, b)``
with ``ok`` an ``i1`` value and ``a``, ``b`` index or integer values worth reporting. The driver
then guards the op (:func:`guard`): the ops the pattern built, except those computing the
conditions and the reported values, move into the ``then`` region of an ``scf.if`` on the
conjunction of the conditions. The ``else`` region records the first failing check in the
function's status buffer and yields zero-filled results whose dynamic dims are 0, so the ops
after it run on well-formed tensors and never touch memory outside their buffers.

The status buffer is a ``memref<6xi64>`` argument appended to the function (argument attribute
``onnx_mlir.status``): slot 0 holds the 1-based id of the first failed check, slots 1.. its
values. The module attribute ``onnx_mlir.runtime_checks`` lists each check's node, op type and
message; the runtime reads the buffer after each call and raises ``ExecutionError``. No
``cf.assert``: its lowering aborts the process.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import Iterator, Sequence

from mlir import ir
from mlir.dialects import arith, linalg, memref, scf, tensor

CHECKS_ATTR = "onnx_mlir.runtime_checks"
STATUS_ATTR = "onnx_mlir.status"
STATUS_SLOTS = 6  # check id + up to 5 reported values
MAX_VALUES = STATUS_SLOTS - 1


@dataclass
class _Check:
    condition: ir.Value
    message: str
    values: list[ir.Value]


@dataclass
class _Scope:
    checks: list[_Check] = field(default_factory=list)


_SCOPES: list[_Scope] = []


def require(condition: ir.Value | bool, message: str, *values: ir.Value | int) -> None:
    """Require ``condition`` (an ``i1`` value, or a Python bool known at compile time) at run time.

    ``message`` may refer to the reported ``values`` as ``{0}``, ``{1}``, ... (at most five; index
    or integer values, or Python ints). Outside a checking scope (run-time checks disabled, e.g.
    for the GPU target) a dynamic condition is not checked.
    """
    if isinstance(condition, bool):
        if not condition:
            from .pattern import LoweringError
            raise LoweringError(message.format(*values))
        return
    if len(values) > MAX_VALUES:
        raise ValueError(f"at most {MAX_VALUES} reported values per check")
    if not _SCOPES:
        return
    _SCOPES[-1].checks.append(_Check(condition, message, [_as_value(v) for v in values]))


def checks_enabled() -> bool:
    """Whether :func:`require` currently records checks (patterns may skip costly conditions)."""
    return bool(_SCOPES)


@contextlib.contextmanager
def scope() -> Iterator[_Scope]:
    """Collect the checks required while one op is lowered."""
    s = _Scope()
    _SCOPES.append(s)
    try:
        yield s
    finally:
        _SCOPES.pop()


def _as_value(v: ir.Value | int) -> ir.Value:
    if isinstance(v, ir.Value):
        return v
    return arith.constant(ir.IndexType.get(), int(v))


# ---- condition builders (shared by the patterns)

def index_value(size: int | ir.Value) -> ir.Value:
    """A size (``int`` or ``index`` value) as an ``index`` value."""
    return _as_value(size)


def sizes_equal(a: int | ir.Value, b: int | ir.Value) -> ir.Value | bool:
    """``a == b`` for mixed sizes: a Python bool when both are static or the same value."""
    if isinstance(a, int) and isinstance(b, int):
        return a == b
    if isinstance(a, ir.Value) and isinstance(b, ir.Value) and (a == b or _same_dim(a, b)):
        return True
    return arith.cmpi(arith.CmpIPredicate.eq, index_value(a), index_value(b))


def _dim_source(v: ir.Value) -> tuple[ir.Value, int] | None:
    """``(tensor, axis)`` when ``v`` is ``tensor.dim %tensor, %c<axis>``."""
    owner = v.owner
    if not isinstance(owner, ir.Operation):
        owner = getattr(owner, "operation", None)
    if owner is None or owner.name != "tensor.dim":
        return None
    index = owner.operands[1].owner
    index = index if isinstance(index, ir.Operation) else getattr(index, "operation", None)
    if index is None or index.name != "arith.constant":
        return None
    return owner.operands[0], ir.IntegerAttr(index.attributes["value"]).value


def _same_dim(a: ir.Value, b: ir.Value) -> bool:
    sa, sb = _dim_source(a), _dim_source(b)
    return sa is not None and sa == sb


def require_equal_sizes(a: int | ir.Value, b: int | ir.Value, message: str) -> None:
    """Require two mixed sizes to agree; ``message`` gets the sizes as ``{0}`` and ``{1}``."""
    ok = sizes_equal(a, b)
    if ok is True:
        return
    require(ok, message, a, b)


def all_of(conditions: Sequence[ir.Value]) -> ir.Value:
    result = conditions[0]
    for c in conditions[1:]:
        result = arith.andi(result, c)
    return result


# ---- the guard built by the driver

def _func_of(op: ir.Operation) -> ir.Operation | None:
    parent = op.parent
    while parent is not None and parent.name != "func.func":
        parent = parent.parent
    return parent


def _status_argument(func: ir.Operation) -> ir.Value:
    """The function's status buffer, appended as its last argument on first use."""
    entry = func.regions[0].blocks[0]
    attrs = func.attributes
    arg_attrs = list(ir.ArrayAttr(attrs["arg_attrs"])) if "arg_attrs" in attrs else \
        [ir.DictAttr.get({}) for _ in entry.arguments]
    for i, a in enumerate(arg_attrs):
        if STATUS_ATTR in ir.DictAttr(a):
            return entry.arguments[i]
    status_type = ir.MemRefType.get([STATUS_SLOTS], ir.IntegerType.get_signless(64))
    arg = entry.add_argument(status_type, ir.Location.unknown())
    ftype = ir.FunctionType(ir.TypeAttr(attrs["function_type"]).value)
    attrs["function_type"] = ir.TypeAttr.get(
        ir.FunctionType.get([*ftype.inputs, status_type], list(ftype.results)))
    arg_attrs.append(ir.DictAttr.get({STATUS_ATTR: ir.UnitAttr.get()}))
    attrs["arg_attrs"] = ir.ArrayAttr.get(arg_attrs)
    return arg


def _register(module_op: ir.Operation, op: ir.Operation, message: str) -> int:
    """Append a check's description to the module's table; its 1-based id."""
    loc = op.location
    node = loc.name_str if loc.is_a_name() else str(loc)
    op_type = loc.child_loc.name_str if loc.is_a_name() and loc.child_loc.is_a_name() else op.name
    entry = ir.DictAttr.get({"node": ir.StringAttr.get(node), "op": ir.StringAttr.get(op_type),
                             "message": ir.StringAttr.get(message)})
    table = list(ir.ArrayAttr(module_op.attributes[CHECKS_ATTR])) \
        if CHECKS_ATTR in module_op.attributes else []
    table.append(entry)
    module_op.attributes[CHECKS_ATTR] = ir.ArrayAttr.get(table)
    return len(table)


def _kept_ops(ops: list[ir.Operation], roots: Sequence[ir.Value]) -> set[int]:
    """Indices in ``ops`` of the ops computing ``roots`` (their backward slice within ``ops``)."""
    index_of = {}
    for i, op in enumerate(ops):
        for r in op.results:
            index_of[r] = i
    needed = {v for v in roots if v in index_of}
    kept: set[int] = set()
    for i in range(len(ops) - 1, -1, -1):
        op = ops[i]
        if not any(r in needed for r in op.results):
            continue
        kept.add(i)
        for operand in _all_operands(op):
            if operand in index_of:
                needed.add(operand)
    return kept


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


def _zero_result(t: ir.Type) -> ir.Value:
    """A tensor of type ``t`` with every dynamic dim 0, filled with zeros where it has elements."""
    t = ir.RankedTensorType(t)
    zero_index = arith.constant(ir.IndexType.get(), 0)
    dims = [zero_index if t.is_dynamic_dim(i) else t.shape[i] for i in range(t.rank)]
    elem = t.element_type
    if isinstance(elem, ir.IntegerType) and not ir.IntegerType(elem).is_signless:
        signless = ir.IntegerType.get_signless(ir.IntegerType(elem).width)
        filled = _zero_result(ir.RankedTensorType.get(list(t.shape), signless))
        return tensor.bitcast(t, filled)
    empty = tensor.empty(dims, elem)
    if not t.has_static_shape or t.rank and 0 in t.shape:
        return empty
    if isinstance(elem, ir.FloatType):
        zero = arith.constant(elem, ir.FloatAttr.get(elem, 0.0))
    elif isinstance(elem, (ir.IntegerType, ir.IndexType)):
        zero = arith.constant(elem, ir.IntegerAttr.get(elem, 0))
    else:
        return empty
    return linalg.fill(zero, outs=[empty])


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
                scf.YieldOp([_zero_result(target)])
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


def _module_of(op: ir.Operation) -> ir.Operation:
    while op.name != "builtin.module":
        op = op.parent
    return op


def guard(op: ir.Operation, checks: Sequence[_Check], scratch: ir.Block,
          replacements: Sequence[ir.Value | None]) -> list[ir.Value | None]:
    """Move the ops built in ``scratch`` before ``op``, the guarded part inside an ``scf.if``.

    Returns the values that replace ``op``'s results.
    """
    ops = [o.operation for o in scratch.operations]
    live = [c for c in checks if not _is_true(c.condition)]
    if not live:
        for o in ops:
            o.move_before(op)
        return list(replacements)
    func = _func_of(op)
    if func is None or "sym_visibility" in func.attributes:
        # Only public functions get a status argument (their callers are the runtime).
        for o in ops:
            o.move_before(op)
        return list(replacements)
    substituted = _resolve_dims(ops, [v for c in live for v in (c.condition, *c.values)])
    for c in live:
        c.values = [substituted.get(v, v) for v in c.values]
    roots = [v for c in live for v in (c.condition, *c.values)]
    ops = [o.operation for o in scratch.operations]
    kept = _kept_ops(ops, roots)
    for i, o in enumerate(ops):
        if i in kept:
            o.move_before(op)
    module_op = func.parent
    while module_op.name != "builtin.module":
        module_op = module_op.parent
    status = _status_argument(func)
    present = [r for r in replacements if r is not None]
    with ir.InsertionPoint(op):
        ok = all_of([c.condition for c in live])
        if_op = scf.IfOp(ok, [r.type for r in present], has_else=True)
    with ir.InsertionPoint(if_op.then_block):
        yield_op = scf.YieldOp(present)
    for i, o in enumerate(ops):
        if i not in kept:
            o.move_before(yield_op)
    with ir.InsertionPoint(if_op.else_block):
        for check in live:
            _record(status, _register(module_op, op, check.message), check)
        scf.YieldOp([_zero_result(r.type) for r in present])
    results = iter(if_op.results)
    return [None if r is None else next(results) for r in replacements]


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
        for i in sorted(_kept_ops(ops, roots)):
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
        return producer.operands[len(producer.operands) - n + result.result_number]
    if producer.name == "tensor.insert_slice":
        return producer.operands[1]
    if producer.name in ("tensor.cast", "tensor.bitcast"):
        return producer.operands[0]
    return None


def _empty_size(empty: ir.Operation, dim_op: ir.Operation) -> ir.Value | None:
    """The size operand of ``tensor.empty`` for the (constant) axis that ``dim_op`` reads."""
    index = dim_op.operands[1].owner
    index = index if isinstance(index, ir.Operation) else getattr(index, "operation", None)
    if index is None or index.name != "arith.constant":
        return None
    axis = ir.IntegerAttr(index.attributes["value"]).value
    t = ir.RankedTensorType(empty.results[0].type)
    if not t.is_dynamic_dim(axis):
        return None  # a static dim: tensor.dim of it folds anyway
    dynamic_before = sum(1 for d in range(axis) if t.is_dynamic_dim(d))
    return empty.operands[dynamic_before]


def _is_true(v: ir.Value) -> bool:
    owner = v.owner
    if not isinstance(owner, ir.Operation):
        owner = getattr(owner, "operation", None)
    if owner is None or owner.name != "arith.constant":
        return False
    attr = owner.attributes["value"]
    return isinstance(attr, ir.IntegerAttr) and ir.IntegerAttr(attr).value != 0
