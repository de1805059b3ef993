"""Control flow: ONNX Loop -> `scf.for` / `scf.while`, Scan -> `scf.for`.

As for If (:mod:`.control_flow`), the body region's ops are moved into the scf loop body and
lowered there afterwards by the same pass (it collected every onnx op, outermost first, before
rewriting); the body's block arguments are replaced by values built from the scf block's
arguments, and its `smt.yield` becomes `scf.yield`.

Loop (body: ``(iter_num, cond_in, state...) -> (cond_out, state..., scan...)``):

* `scf.for` from 0 to the trip count ``M`` when the condition cannot change inside the body (no
  ``cond`` operand, or the body yields its ``cond_in`` argument unchanged): the upper bound is
  ``cond ? M : 0``. Scan outputs are preallocated (`tensor.empty` of ``[M, elem...]``) and each
  iteration writes its slice with `tensor.insert_slice` at row ``i``.
* `scf.while` otherwise (or when a state value changes shape between iterations, see below) (``i < M`` and ``cond`` checked before each iteration; no ``M`` means no
  bound). The number of iterations is not known in advance, so each scan output grows by one row
  per iteration (a new `tensor.empty` of ``i + 1`` rows, the old rows and the new one inserted).

Scan (body: ``(state..., slice...) -> (state..., scan_elem...)``): `scf.for` over the scan axis;
each scan input is read with a rank-reducing `tensor.extract_slice` at row ``t`` (``T-1-t`` when
reversed) and each scan output written with `tensor.insert_slice` into a preallocated tensor.

State values keep one type across iterations (the body's argument type, which the importer makes
iteration-invariant, see :mod:`onnx_mlir.importer.loop_types`); initial values, yielded values and
results are `tensor.cast` where they are only more or less static than it.
"""

from __future__ import annotations

from typing import Sequence

from mlir import ir
from mlir.dialects import arith, scf, tensor

from .lib import builders as b
from .lib import shape_checks as sc
from .lib.control_flow_common import scalar_condition
from .lib.casting import refine_to
from .lib.index_checks import require_sizes
from .lib.movement_common import split_mixed
from .pattern import LoweringError, OnnxLoweringPattern, register_pattern

from ...dialects.onnx import REGION_TERMINATOR
from .lib.types import index_type, index_constant

DYN = b.DYNAMIC


def cast_to(value: ir.Value, t: ir.Type, what: str) -> ir.Value:
    """``value`` as type ``t`` (a `tensor.cast` when only static-ness differs)."""
    refined = refine_to(value, t, signedness=False)
    if refined is not None:
        return refined
    if not (isinstance(value.type, ir.RankedTensorType) and isinstance(t, ir.RankedTensorType)):
        raise LoweringError(f"{what}: {value.type} is not a ranked tensor like {t}")
    raise LoweringError(f"{what}: {value.type} is incompatible with {t}")


def meet(a: ir.Type, c: ir.Type, what: str) -> ir.RankedTensorType:
    """The more static of two compatible ranked tensor types (dim by dim)."""
    if not (isinstance(a, ir.RankedTensorType) and isinstance(c, ir.RankedTensorType)):
        raise LoweringError(f"{what} must be a ranked tensor, got {a if not isinstance(a, ir.RankedTensorType) else c}")
    a, c = ir.RankedTensorType(a), ir.RankedTensorType(c)
    if a.element_type != c.element_type or a.rank != c.rank:
        raise LoweringError(f"{what}: {a} is incompatible with {c}")
    dims = []
    for x, y in zip(a.shape, c.shape):
        if x != y and DYN not in (x, y):
            raise LoweringError(f"{what}: {a} is incompatible with {c}")
        dims.append(y if x == DYN else x)
    return ir.RankedTensorType.get(dims, a.element_type)


def body_block(region: ir.Region, what: str) -> tuple[ir.Block, ir.OpView]:
    blocks = list(region.blocks)
    if len(blocks) != 1:
        raise LoweringError(f"{what} must have one block, got {len(blocks)}")
    ops = list(blocks[0].operations)
    if not ops or ops[-1].operation.name != REGION_TERMINATOR:
        raise LoweringError(f"{what} must end in {REGION_TERMINATOR}")
    return blocks[0], ops[-1]


def move_body(src: ir.Block, terminator, dest_yield: ir.Operation) -> None:
    """Move every op of ``src`` but its terminator before ``dest_yield``; erase the terminator."""
    for inner in list(src.operations)[:-1]:
        inner.operation.move_before(dest_yield)
    terminator.operation.erase()


def scalar_tensor(t: ir.Type, scalar: ir.Value) -> ir.Value:
    """A one-element tensor of type ``t`` (rank 0 or all dims 1) holding ``scalar``."""
    rt = ir.RankedTensorType(t)
    if any(d != 1 for d in rt.shape):
        raise LoweringError(f"expected a one-element tensor type, got {t}")
    if scalar.type != rt.element_type:
        scalar = b.convert_scalar(scalar, b.signless(rt.element_type))
    return tensor.from_elements(rt, [scalar])


def extract_scalar(value: ir.Value, what: str) -> ir.Value:
    shape = b.shape(value)
    if any(s != 1 for s in shape):
        raise LoweringError(f"{what} must hold one element, got {value.type}")
    return tensor.extract(value, [index_constant(0) for _ in shape])


def insert_row(elem: ir.Value, dest: ir.Value, axis: int, row: ir.Value | int) -> ir.Value:
    """Insert ``elem`` (rank r) into ``dest`` (rank r+1) as index ``row`` along ``axis``."""
    sizes = b.sizes(elem)
    sizes = sizes[:axis] + [1] + sizes[axis:]
    offsets = [0] * len(sizes)
    offsets[axis] = row
    do, so = split_mixed(offsets)
    ds, ss = split_mixed(sizes)
    return tensor.insert_slice(elem, dest, do, ds, [], ir.DenseI64ArrayAttr.get(so),
                               ir.DenseI64ArrayAttr.get(ss),
                               ir.DenseI64ArrayAttr.get([1] * len(sizes)))


def extract_row(source: ir.Value, axis: int, row: ir.Value | int) -> ir.Value:
    """Rank-reducing `tensor.extract_slice` of index ``row`` along ``axis``."""
    sizes = b.sizes(source)
    result = b.tensor_type(sizes[:axis] + sizes[axis + 1:], b.element_type(source))
    sizes[axis] = 1
    offsets = [0] * len(sizes)
    offsets[axis] = row
    do, so = split_mixed(offsets)
    ds, ss = split_mixed(sizes)
    return tensor.extract_slice(result, source, do, ds, [], ir.DenseI64ArrayAttr.get(so),
                                ir.DenseI64ArrayAttr.get(ss),
                                ir.DenseI64ArrayAttr.get([1] * len(sizes)))


def _static_elem_type(yielded: ir.Type, result: ir.Type, axis: int, what: str) -> ir.RankedTensorType:
    """A scan output's element type: the yield type met with the result type minus ``axis``."""
    r = ir.RankedTensorType(result)
    dims = list(r.shape)
    del dims[axis]
    t = meet(yielded, ir.RankedTensorType.get(dims, r.element_type), what)
    if not t.has_static_shape:
        raise LoweringError(f"{what} must have a static shape per iteration, got {t}")
    return t


def _resolve_yield(v: ir.Value) -> ir.Value:
    """Look through `onnx.identity` ops."""
    while isinstance(v, ir.OpResult) and v.owner.name == "onnx.identity":
        v = v.owner.operands[0]
    return v


@register_pattern
class LowerLoop(OnnxLoweringPattern):
    """Loop -> `scf.for` (invariant condition) or `scf.while` (see module docstring)."""

    op_names = ("onnx.loop",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        block, term = body_block(op.body, "Loop body")
        args = list(block.arguments)
        inits = list(op.v_initial or [])
        n = len(inits)
        yields = list(term.operation.operands)
        results = list(op.operation.results)
        if len(args) != n + 2:
            raise LoweringError(f"Loop body takes {len(args)} arguments for {n} state values")
        if len(yields) != len(results) + 1 or len(results) < n:
            raise LoweringError(f"Loop body yields {len(yields)} values for {len(results)} results")
        k = len(results) - n
        # The body argument's type is the iteration-invariant one (see module docstring).
        state_types = [args[2 + j].type for j in range(n)]
        for j in range(n):
            meet(state_types[j], inits[j].type, f"Loop state value {j}")
        scan_types = [_static_elem_type(yields[1 + n + j].type, results[n + j].type, 0,
                                        f"Loop scan output {j}") for j in range(k)]
        i64 = ir.IntegerType.get_signless(64)
        trip = None
        if op.m is not None:
            trip = b.convert_scalar(extract_scalar(op.m, "Loop trip count M"), i64)
        cond = scalar_condition(op.cond) if op.cond is not None else None
        invariant = cond is None or _resolve_yield(yields[0]) == args[1]
        # Upstream canonicalization folds a `tensor.cast` feeding an scf.for iter_arg into the
        # loop (assuming every iteration keeps the cast's static type), which is wrong for a state
        # that changes shape; scf.while has no such folding.
        grows = any(v.type != t for v, t in zip(inits, state_types))
        init_values = [cast_to(v, t, f"Loop initial value {j}")
                       for j, (v, t) in enumerate(zip(inits, state_types))]
        if invariant and trip is not None and not grows:
            finals, scans = self._for(op, block, term, args, yields, trip, cond, init_values,
                                      state_types, scan_types)
        else:
            if cond is None and trip is None:
                raise LoweringError("Loop without trip count and condition never ends")
            finals, scans = self._while(op, block, term, args, yields, trip, cond, init_values,
                                        state_types, scan_types)
        out = []
        for j, v in enumerate(finals + scans):
            out.append(cast_to(v, results[j].type, f"Loop result {j}"))
        return out

    def _for(self, op, block, term, args, yields, trip, cond, init_values, state_types,
             scan_types):
        n, k = len(state_types), len(scan_types)
        ub = arith.index_cast(index_type(), trip)
        zero = index_constant(0)
        ub = arith.maxsi(ub, zero)
        if cond is not None:
            ub = arith.select(cond, ub, zero)
        for j, t in enumerate(scan_types):  # (a trip count from data sizes these buffers)
            require_sizes([ub] + [d for d in t.shape if d != DYN], t.element_type,
                          f"Loop scan output {j}", nonnegative=True)
        accs = [b.empty([ub] + list(t.shape), t.element_type) for t in scan_types]
        loop = scf.ForOp(zero, ub, index_constant(1), init_values + accs)
        with ir.InsertionPoint(loop.body):
            i = loop.induction_variable
            it = list(loop.inner_iter_args)
            iter_num = scalar_tensor(args[0].type, arith.index_cast(ir.IntegerType.get_signless(64), i))
            if cond is None:
                cond = arith.constant(ir.IntegerType.get_signless(1), 1)
            cond_in = scalar_tensor(args[1].type, cond)
            new_yield = scf.YieldOp(yields[1:])
        args[0].replace_all_uses_with(iter_num)
        args[1].replace_all_uses_with(cond_in)
        for j in range(n):
            args[2 + j].replace_all_uses_with(it[j])
        move_body(block, term, new_yield.operation)
        with ir.InsertionPoint(new_yield):
            ops = new_yield.operation.operands
            for j in range(n):
                ops[j] = cast_to(ops[j], state_types[j], f"Loop state output {j}")
            for j in range(k):
                elem = cast_to(ops[n + j], scan_types[j], f"Loop scan output {j}")
                ops[n + j] = insert_row(elem, it[n + j], 0, i)
        res = list(loop.results)
        return res[:n], res[n:]

    def _while(self, op, block, term, args, yields, trip, cond, init_values, state_types,
               scan_types):
        n, k = len(state_types), len(scan_types)
        i64 = ir.IntegerType.get_signless(64)
        accs = [b.empty([0] + list(t.shape), t.element_type) for t in scan_types]
        acc_types = [ir.RankedTensorType.get([DYN] + list(t.shape), t.element_type)
                     for t in scan_types]
        accs = [tensor.cast(t, a) for t, a in zip(acc_types, accs)]
        use_cond = cond is not None
        if cond is None:  # only M: the body's cond output is ignored
            cond = arith.constant(ir.IntegerType.get_signless(1), 1)
        carried = [arith.constant(i64, 0), cond] + init_values + accs
        types = [v.type for v in carried]
        loop = scf.WhileOp(types, carried)
        before = loop.before.blocks.append(*types)
        with ir.InsertionPoint(before):
            ba = list(before.arguments)
            go = ba[1]
            if trip is not None:
                go = arith.andi(go, arith.cmpi(arith.CmpIPredicate.slt, ba[0], trip))
            scf.ConditionOp(go, ba)
        after = loop.after.blocks.append(*types)
        with ir.InsertionPoint(after):
            aa = list(after.arguments)
            iter_num = scalar_tensor(args[0].type, aa[0])
            cond_in = scalar_tensor(args[1].type, aa[1])
            new_yield = scf.YieldOp(aa[:1] + yields)
        args[0].replace_all_uses_with(iter_num)
        args[1].replace_all_uses_with(cond_in)
        for j in range(n):
            args[2 + j].replace_all_uses_with(aa[2 + j])
        move_body(block, term, new_yield.operation)
        with ir.InsertionPoint(new_yield):
            ops = new_yield.operation.operands
            ops[0] = arith.addi(aa[0], arith.constant(i64, 1))
            ops[1] = scalar_condition(ops[1]) if use_cond else aa[1]
            for j in range(n):
                ops[2 + j] = cast_to(ops[2 + j], state_types[j], f"Loop state output {j}")
            row = arith.index_cast(index_type(), aa[0])
            rows = arith.addi(row, index_constant(1))
            for j in range(k):
                t = scan_types[j]
                elem = cast_to(ops[2 + n + j], t, f"Loop scan output {j}")
                grown = b.empty([rows] + list(t.shape), t.element_type)
                old = aa[2 + n + j]
                sizes = [row] + list(t.shape)
                do, so = split_mixed([0] * len(sizes))
                ds, ss = split_mixed(sizes)
                grown = tensor.insert_slice(old, grown, do, ds, [], ir.DenseI64ArrayAttr.get(so),
                                            ir.DenseI64ArrayAttr.get(ss),
                                            ir.DenseI64ArrayAttr.get([1] * len(sizes)))
                grown = insert_row(elem, grown, 0, row)
                ops[2 + n + j] = cast_to(grown, acc_types[j], f"Loop scan output {j}")
        res = list(loop.results)
        return res[2:2 + n], res[2 + n:]


@register_pattern
class LowerScan(OnnxLoweringPattern):
    """Scan -> `scf.for` over the scan axis (see module docstring)."""

    op_names = ("onnx.scan",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        block, term = body_block(op.body, "Scan body")
        args = list(block.arguments)
        operands = list(op.initial_state_and_scan_inputs or [])
        results = list(op.operation.results)
        yields = list(term.operation.operands)
        m = int(op.num_scan_inputs)
        n = len(operands) - m
        k = len(results) - n
        if m < 1 or n < 0 or k < 0 or len(args) != n + m or len(yields) != n + k:
            raise LoweringError(f"Scan body signature ({len(args)} arguments, {len(yields)} "
                                f"results) does not match {n} states and {m} scan inputs")

        def attr_list(value, count, default, what):
            vals = list(value) if value is not None else [default] * count
            if len(vals) != count:
                raise LoweringError(f"{what} has {len(vals)} entries for {count} values")
            return [int(v) for v in vals]

        in_axes = attr_list(op.scan_input_axes, m, 0, "scan_input_axes")
        in_dirs = attr_list(op.scan_input_directions, m, 0, "scan_input_directions")
        out_axes = attr_list(op.scan_output_axes, k, 0, "scan_output_axes")
        out_dirs = attr_list(op.scan_output_directions, k, 0, "scan_output_directions")
        scans = operands[n:]
        for j, x in enumerate(scans):
            if not isinstance(x.type, ir.RankedTensorType):
                raise LoweringError(f"Scan input {j} must be a ranked tensor")
            r = b.rank(x)
            if not -r <= in_axes[j] < r:
                raise LoweringError(f"scan_input_axes[{j}] = {in_axes[j]} is out of range")
            in_axes[j] %= r
        for j in range(k):
            r = b.rank(results[n + j].type)
            if not -r <= out_axes[j] < r:
                raise LoweringError(f"scan_output_axes[{j}] = {out_axes[j]} is out of range")
            out_axes[j] %= r
        lengths = [b.dim(x, a) for x, a in zip(scans, in_axes)]
        # Every scan input is read at each step: they must have the same length.
        length = sc.require_all_equal(lengths, "a scan input has {0} steps, another {1}")
        ub = index_constant(length) if isinstance(length, int) else length

        state_types = [meet(args[j].type, operands[j].type, f"Scan state value {j}")
                       for j in range(n)]
        scan_types = [_static_elem_type(yields[n + j].type, results[n + j].type, out_axes[j],
                                        f"Scan output {j}") for j in range(k)]
        init_values = [cast_to(v, t, f"Scan initial state {j}")
                       for j, (v, t) in enumerate(zip(operands[:n], state_types))]
        accs = []
        for j, t in enumerate(scan_types):
            sizes: list = list(t.shape)
            sizes.insert(out_axes[j], length)
            accs.append(b.empty(sizes, t.element_type))
        loop = scf.ForOp(index_constant(0), ub, index_constant(1), init_values + accs)
        with ir.InsertionPoint(loop.body):
            t_ = loop.induction_variable
            it = list(loop.inner_iter_args)
            last = arith.subi(ub, index_constant(1))
            rev = arith.subi(last, t_)
            slices = []
            for j, x in enumerate(scans):
                piece = extract_row(x, in_axes[j], rev if in_dirs[j] else t_)
                slices.append(cast_to(piece, args[n + j].type, f"Scan input {j} slice"))
            new_yield = scf.YieldOp(yields)
        for j in range(n):
            args[j].replace_all_uses_with(it[j])
        for j in range(m):
            args[n + j].replace_all_uses_with(slices[j])
        move_body(block, term, new_yield.operation)
        with ir.InsertionPoint(new_yield):
            ops = new_yield.operation.operands
            for j in range(n):
                ops[j] = cast_to(ops[j], state_types[j], f"Scan state output {j}")
            for j in range(k):
                elem = cast_to(ops[n + j], scan_types[j], f"Scan output {j}")
                ops[n + j] = insert_row(elem, it[n + j], out_axes[j],
                                        rev if out_dirs[j] else t_)
        res = list(loop.results)
        return [cast_to(v, r.type, f"Scan result {j}") for j, (v, r) in enumerate(zip(res, results))]


__all__ = ["LowerLoop", "LowerScan"]
