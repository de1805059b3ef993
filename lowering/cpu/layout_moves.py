"""Moving `linalg.transpose`s through the ops around them until pairs cancel (linalg on tensors).

The rules, applied in sweeps over the module until none fires:

* ``transpose(transpose(x))`` -> one transpose, or ``x`` when the permutations cancel;
* ``transpose(constant)`` -> the permuted constant, computed now (constant_transpose.py);
* ``transpose(tensor.empty)`` -> an empty of the permuted shape; ``transpose(linalg.fill(c, t))``
  -> a fill of ``transpose(t)``;
* ``transpose(tensor.pad(x))`` with a constant padding value -> ``pad(transpose(x))``;
* a `linalg.generic` reading a transposed value reads the transpose's source instead, through a
  composed indexing map; its loops are first permuted so that this source is read in its own
  order, and a result whose map is then a permutation is produced in that order, followed by a
  transpose back (the transpose moves on to the generic's users);
* ``transpose(generic)`` where the generic only broadcasts lower-rank operands (a bias, a scalar)
  -> the generic built directly in the transposed order;
* across ``scf.if`` (run-time check guards): hoisted out of a ``then`` region, and sunk out of
  one that yields it (layout_through_if.py).

A generic whose body uses ``linalg.index`` is left alone (its loop order is observable).
"""

from __future__ import annotations

from typing import Sequence

from mlir import ir
from mlir.dialects import linalg, tensor

from .constant_transpose import permuted_constant
from .layout_through_if import hoist_out_of_guard, sink_out_of_guard


def defining_op(value: ir.Value) -> ir.Operation | None:
    if not isinstance(value, ir.OpResult):
        return None
    return value.owner.operation if hasattr(value.owner, "operation") else value.owner


def mixed_sizes(value: ir.Value) -> list:
    """Sizes of ``value``: ints where static; where dynamic, the size its `tensor.empty` was
    built with (followed through the destinations of linalg ops), else a `tensor.dim`. (A
    `tensor.dim` of ``value`` would be one more use of it, which keeps rules from firing.)"""
    t = ir.RankedTensorType(value.type)
    out = []
    for i, s in enumerate(t.shape):
        out.append(s if s != ir.ShapedType.get_dynamic_size() else _dynamic_size(value, i))
    return out


def _dynamic_size(value: ir.Value, axis: int) -> ir.Value:
    source = value
    while (op := defining_op(source)) is not None:
        if op.name == "tensor.empty":
            shape = ir.RankedTensorType(source.type).shape
            k = sum(1 for s in shape[:axis] if s == ir.ShapedType.get_dynamic_size())
            return op.operands[k]
        n_results = len(op.results)
        if not op.name.startswith("linalg.") or len(op.operands) < n_results:
            break
        # linalg ops on tensors: result k has the shape of init k (the last operands).
        index = ir.OpResult(source).result_number
        source = list(op.operands)[len(op.operands) - n_results + index]
    return tensor.dim(value, _index(axis))


def _index(i: int) -> ir.Value:
    from mlir.dialects import arith
    return arith.constant(ir.IndexType.get(), i)


def empty(sizes: list, elem: ir.Type) -> ir.Value:
    return tensor.empty(sizes, elem)


def transpose(value: ir.Value, perm: Sequence[int]) -> ir.Value:
    """`linalg.transpose` of ``value``: result dim k is input dim ``perm[k]``."""
    src = mixed_sizes(value)
    init = empty([src[p] for p in perm], ir.RankedTensorType(value.type).element_type)
    return linalg.transpose(value, outs=[init], permutation=list(perm)).results[0]


def permutation_of(op: ir.Operation) -> list[int]:
    return list(ir.DenseI64ArrayAttr(op.attributes["permutation"]))


def _maps(op: ir.Operation) -> list[ir.AffineMap]:
    return [ir.AffineMapAttr(a).value for a in ir.ArrayAttr(op.attributes["indexing_maps"])]


def _compose(m: ir.AffineMap, q: ir.AffineMap) -> ir.AffineMap:
    """m(q(x)): each result of ``m`` with its dims replaced by ``q``'s results."""
    return ir.AffineMap.get(q.n_dims, 0, [e.compose(q) for e in m.results])


def _result_dims(m: ir.AffineMap) -> list[int] | None:
    """Positions of the dims ``m`` returns, or None if a result is not a plain dim."""
    dims = []
    for e in m.results:
        if not isinstance(e, ir.AffineDimExpr):
            return None
        dims.append(ir.AffineDimExpr(e).position)
    return dims


def _uses_index(op: ir.Operation) -> bool:
    found = False

    def visit(inner: ir.Operation) -> ir.WalkResult:
        nonlocal found
        if inner.name == "linalg.index":
            found = True
            return ir.WalkResult.INTERRUPT
        return ir.WalkResult.ADVANCE

    op.walk(visit)
    return found


def _n_uses(value: ir.Value) -> int:
    return sum(1 for _ in value.uses)


class TransposeMover:
    """Applies the rules of the module docstring until none fires (see there)."""

    # Ops that may be erased once nothing uses them (all side-effect free).
    _DROPPABLE = {"linalg.transpose", "linalg.generic", "linalg.fill", "tensor.empty", "tensor.pad",
                  "tensor.dim", "arith.constant", "tensor.collapse_shape", "tensor.expand_shape"}
    _MAX_SWEEPS = 64  # each sweep moves every transpose past at least one op

    def __init__(self, module: ir.Module):
        self.module = module

    def run(self) -> None:
        for _ in range(self._MAX_SWEEPS):
            changed = self._sweep()
            self._drop_dead()
            if not changed:
                return

    def fold_constant_transposes(self) -> None:
        """Only the ``transpose(constant)`` rule."""
        for op in self._ops():
            if op.name == "linalg.transpose":
                source = op.operands[0]
                producer = defining_op(source)
                if producer is not None and producer.name == "arith.constant":
                    with ir.InsertionPoint(op), op.location:
                        folded = permuted_constant(source, permutation_of(op), self.module)
                    if folded is not None:
                        self._replace(op, folded)
        self._drop_dead()

    # ---- driver

    def _ops(self) -> list[ir.Operation]:
        found: list[ir.Operation] = []

        def visit(op: ir.Operation) -> ir.WalkResult:
            if op.name in ("linalg.transpose", "linalg.generic"):
                found.append(op)
                return ir.WalkResult.SKIP  # (nothing to move inside a body)
            return ir.WalkResult.ADVANCE

        self.module.operation.walk(visit, ir.WalkOrder.PRE_ORDER)
        return found

    def _sweep(self) -> bool:
        changed = False
        # A rewritten op is replaced and erased; ops it feeds are visited later in the same sweep
        # only through their (still valid) operations.
        for op in self._ops():
            if op.name == "linalg.transpose":
                changed |= self._transpose_rules(op)
            else:
                changed |= self._absorb_into_generic(op)
        return changed

    def _drop_dead(self) -> None:
        ops: list[ir.Operation] = []

        def visit(op: ir.Operation) -> ir.WalkResult:
            if op.name in self._DROPPABLE:
                ops.append(op)
                if op.name == "linalg.generic":
                    return ir.WalkResult.SKIP
            return ir.WalkResult.ADVANCE

        self.module.operation.walk(visit, ir.WalkOrder.PRE_ORDER)
        for op in reversed(ops):  # users before their producers
            if all(_n_uses(r) == 0 for r in op.results):
                op.erase()

    @staticmethod
    def _replace(op: ir.Operation, new: ir.Value) -> bool:
        op.results[0].replace_all_uses_with(new)
        op.erase()
        return True

    # ---- transpose(producer)

    def _transpose_rules(self, op: ir.Operation) -> bool:
        perm = permutation_of(op)
        source = op.operands[0]
        if hoist_out_of_guard(op, transpose, perm) or sink_out_of_guard(op, transpose, perm):
            return True
        producer = defining_op(source)
        if producer is None:
            return False
        with ir.InsertionPoint(op), op.location:
            if producer.name == "linalg.transpose":
                inner = permutation_of(producer)
                combined = [inner[p] for p in perm]
                if combined == list(range(len(combined))):
                    return self._replace(op, producer.operands[0])
                return self._replace(op, transpose(producer.operands[0], combined))
            if producer.name in ("arith.constant", "tensor.collapse_shape", "tensor.expand_shape"):
                folded = permuted_constant(source, perm, self.module)
                return self._replace(op, folded) if folded is not None else False
            if producer.name == "tensor.empty":
                sizes = mixed_sizes(source)
                return self._replace(op, empty([sizes[p] for p in perm],
                                               ir.RankedTensorType(source.type).element_type))
            if producer.name == "linalg.fill" and _n_uses(source) == 1:
                init = transpose(producer.operands[1], perm)
                return self._replace(op, linalg.fill(producer.operands[0], outs=[init]))
            if producer.name == "tensor.pad":
                return self._through_pad(op, producer, perm)
            if producer.name == "linalg.generic" and _n_uses(source) == 1:
                return self._into_broadcast_generic(op, producer, perm)
        return False

    def _through_pad(self, op: ir.Operation, pad: ir.Operation, perm: list[int]) -> bool:
        body = pad.regions[0].blocks[0]
        yielded = body.operations[len(body.operations) - 1].operands[0]
        if isinstance(yielded, ir.BlockArgument) or len(body.operations) != 1 or \
                len(pad.operands) != 1:  # index-dependent padding, or dynamic pad amounts
            return False
        low = list(ir.DenseI64ArrayAttr(pad.attributes["static_low"]))
        high = list(ir.DenseI64ArrayAttr(pad.attributes["static_high"]))
        moved = transpose(pad.operands[0], perm)
        src = ir.RankedTensorType(moved.type)
        dyn = ir.ShapedType.get_dynamic_size()
        out_shape = [s if s == dyn else s + low[p] + high[p] for s, p in zip(src.shape, perm)]
        new = tensor.PadOp(ir.RankedTensorType.get(out_shape, src.element_type), moved, [], [],
                           ir.DenseI64ArrayAttr.get([low[p] for p in perm]),
                           ir.DenseI64ArrayAttr.get([high[p] for p in perm]))
        block = new.regions[0].blocks.append(*([ir.IndexType.get()] * len(perm)))
        with ir.InsertionPoint(block):
            tensor.YieldOp(yielded)
        return self._replace(op, new.result)

    def _into_broadcast_generic(self, op: ir.Operation, g: ir.Operation, perm: list[int]) -> bool:
        """transpose(g) -> g computed in the transposed order, when g reads nothing full-rank
        (so no operand is read against its layout) and its result map is the identity."""
        maps = _maps(g)
        n = len(g.regions[0].blocks[0].arguments)
        n_loops = maps[0].n_dims
        if len(g.results) != 1 or _uses_index(g) or \
                _result_dims(maps[-1]) != list(range(n_loops)) or \
                any(len(m.results) >= n_loops for m in maps[:-1]) or n != len(maps):
            return False
        # New loop k is old loop perm[k]: old loop j -> new loop sigma[j].
        sigma = [0] * n_loops
        for k, p in enumerate(perm):
            sigma[p] = k
        return self._replace(op, self._permuted_generic(g, sigma, keep_order=True)[0])

    # ---- generic(transpose(x))

    def _absorb_into_generic(self, g: ir.Operation) -> bool:
        transposed = [i for i, v in enumerate(self._inputs(g))
                      if (p := defining_op(v)) is not None and p.name == "linalg.transpose"]
        if not transposed or _uses_index(g):
            return False
        maps = _maps(g)
        n_loops = maps[0].n_dims
        sigma = list(range(n_loops))
        for i in transposed:  # the first operand read whole, in some order, guides the loops
            dims = _result_dims(maps[i])
            if dims is not None and sorted(dims) == list(range(n_loops)):
                perm = permutation_of(defining_op(self._inputs(g)[i]))
                for k, a in enumerate(dims):
                    sigma[a] = perm[k]
                break
        with ir.InsertionPoint(g), g.location:
            results = self._permuted_generic(g, sigma, absorb=True)
        for old, new in zip(g.results, results):
            old.replace_all_uses_with(new)
        g.erase()
        return True

    @staticmethod
    def _inputs(g: ir.Operation) -> list[ir.Value]:
        n_inputs = list(ir.DenseI32ArrayAttr(g.attributes["operandSegmentSizes"]))[0]
        return list(g.operands)[:n_inputs]

    def _permuted_generic(self, g: ir.Operation, sigma: list[int], *, absorb: bool = False,
                          keep_order: bool = False) -> list[ir.Value]:
        """``g`` with old loop j renamed new loop sigma[j]. Transposed inputs are read at their
        source when ``absorb``; a result whose map becomes a non-identity permutation is computed
        in loop order, and transposed back to ``g``'s order unless ``keep_order``. Erases
        nothing."""
        n_loops = len(sigma)
        maps = _maps(g)
        # Q: new loops -> old loops (old dim j is new dim sigma[j]).
        q = ir.AffineMap.get(n_loops, 0, [ir.AffineDimExpr.get(sigma[j]) for j in range(n_loops)])
        maps = [_compose(m, q) for m in maps]
        inputs = self._inputs(g)
        outputs = list(g.operands)[len(inputs):]
        new_inputs = []
        for value, m in zip(inputs, maps):
            producer = defining_op(value)
            if absorb and producer is not None and producer.name == "linalg.transpose":
                perm = permutation_of(producer)
                exprs: list = [None] * len(perm)
                for k, e in enumerate(m.results):  # v[.., r_k, ..] = x[s] with s[perm[k]] = r_k
                    exprs[perm[k]] = e
                new_inputs.append((producer.operands[0], ir.AffineMap.get(n_loops, 0, exprs)))
            else:
                new_inputs.append((value, m))
        new_outputs, back = [], []
        body = g.regions[0].blocks[0]
        for i, (value, m) in enumerate(zip(outputs, maps[len(inputs):])):
            dims = _result_dims(m)
            if dims is not None and sorted(dims) == list(range(n_loops)) and dims != sorted(dims):
                # o'[e] = o[m(e)]: o is transpose(o', dims); o' = transpose(o, inverse(dims)).
                inverse = [0] * n_loops
                for k, d in enumerate(dims):
                    inverse[d] = k
                out_arg = body.arguments[len(inputs) + i]
                init = transpose(value, inverse) if _n_uses(out_arg) else \
                    empty([mixed_sizes(value)[inverse[j]] for j in range(n_loops)],
                          ir.RankedTensorType(value.type).element_type)
                new_outputs.append((init, ir.AffineMap.get_identity(n_loops)))
                back.append(dims)
            else:
                new_outputs.append((value, m))
                back.append(None)
        iterators = list(ir.ArrayAttr(g.attributes["iterator_types"]))
        new_iterators = [None] * n_loops
        for j, it in enumerate(iterators):
            new_iterators[sigma[j]] = it
        all_maps = [m for _, m in new_inputs] + [m for _, m in new_outputs]
        new = linalg.GenericOp([v.type for v, _ in new_outputs], [v for v, _ in new_inputs],
                               [v for v, _ in new_outputs],
                               ir.ArrayAttr.get([ir.AffineMapAttr.get(m) for m in all_maps]),
                               ir.ArrayAttr.get(new_iterators))
        for name in list(g.attributes):  # (iterating yields the names)
            if name not in ("indexing_maps", "iterator_types", "operandSegmentSizes"):
                new.operation.attributes[name] = g.attributes[name]
        body.append_to(new.regions[0])
        results = []
        for r, dims in zip(new.results, back):
            results.append(r if dims is None or keep_order else transpose(r, dims))
        return results
