"""Einsum and Det.

Einsum: the equation is parsed at compile time into one `linalg.generic` whose loops are the
output labels (parallel, in output order) followed by the summed labels (reduction). Each
input's indexing map lists its labels' loops, so transposes, diagonals (a label repeated in one
input, e.g. ``ii->i``), reductions, batch dims and contractions all come out of the maps with
no data movement; dims broadcast numpy-style (a static size-1 dim facing a larger one reads
index 0), and the other occurrences of a label must have its size (checked at run time when
dynamic). The body multiplies the inputs and accumulates (f32 for 16-bit floats).

Det: the Leibniz formula over the trailing n x n matrices for n <= 4, as one elementwise
generic over the batch dims reading every matrix entry through a constant-index map.
"""

from __future__ import annotations

import itertools
from typing import Sequence

from mlir import ir
from mlir.dialects import arith

from .lib import builders as b
from .lib import shape_checks as sc
from .pattern import LoweringError, OnnxLoweringPattern, register_pattern
from .lib.casting import accumulator_type, cast_to, convert_tensor, float_element_type
from .lib.runtime_checks import require_equal_sizes

_ELLIPSIS = "..."


def _parse_term(term: str, rank: int, what: str) -> list[str]:
    """Labels of one einsum term; the ellipsis becomes labels '0', '1', ... (right-aligned,
    numbered so that equal numbers broadcast together across inputs)."""
    if term.count(_ELLIPSIS) > 1:
        raise LoweringError(f"{what} has more than one ellipsis")
    if _ELLIPSIS in term:
        head, tail = term.split(_ELLIPSIS)
        letters = len(head) + len(tail)
        n_ell = rank - letters
        if n_ell < 0:
            raise LoweringError(f"{what} '{term}' has more labels than the rank {rank}")
        labels = list(head) + [f"#{i}" for i in range(n_ell)] + list(tail)
    else:
        labels = list(term)
        if len(labels) != rank:
            raise LoweringError(f"{what} '{term}' has {len(labels)} labels for rank {rank}")
    for label in labels:
        if not (label.startswith("#") or label.isalpha()):
            raise LoweringError(f"invalid einsum label '{label}' in '{term}'")
    return labels


def parse_equation(equation: str, ranks: Sequence[int]) -> tuple[list[list[str]], list[str]]:
    """(labels of each input, labels of the output); ellipsis labels ``#k`` count from the
    right (``#0`` is the outermost of the longest ellipsis)."""
    eq = equation.replace(" ", "")
    if "->" in eq:
        lhs, rhs = eq.split("->")
    else:
        lhs, rhs = eq, None
    terms = lhs.split(",")
    if len(terms) != len(ranks):
        raise LoweringError(f"equation '{equation}' has {len(terms)} inputs, the op has "
                            f"{len(ranks)}")
    # Ellipsis dims: input i has n_i of them; align on the right to the longest.
    counts = []
    for term, r in zip(terms, ranks):
        counts.append(r - (len(term) - 3) if _ELLIPSIS in term else 0)
    n_ell = max(counts, default=0)
    inputs = []
    for i, (term, r) in enumerate(zip(terms, ranks)):
        labels = _parse_term(term, r, f"input {i}")
        shift = n_ell - counts[i]
        inputs.append([f"#{int(lb[1:]) + shift}" if lb.startswith("#") else lb for lb in labels])
    ell_labels = [f"#{i}" for i in range(n_ell)]
    if rhs is None:
        seen: dict[str, int] = {}
        for labels in inputs:
            for lb in labels:
                if not lb.startswith("#"):
                    seen[lb] = seen.get(lb, 0) + 1
        output = ell_labels + sorted(lb for lb, n in seen.items() if n == 1)
    else:
        if _ELLIPSIS in rhs:
            head, tail = rhs.split(_ELLIPSIS)
            output = list(head) + ell_labels + list(tail)
        else:
            output = list(rhs)
        known = {lb for labels in inputs for lb in labels}
        for lb in output:
            if lb not in known:
                raise LoweringError(f"output label '{lb}' does not appear in the inputs")
        if len(set(output)) != len(output):
            raise LoweringError(f"output '{rhs}' repeats a label")
    return inputs, output


@register_pattern
class LowerEinsum(OnnxLoweringPattern):
    """Einsum: one `linalg.generic` (parallel output labels, reduction summed labels)."""

    op_names = ("onnx.einsum",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        operands = list(op.inputs)
        if not operands:
            raise LoweringError("Einsum needs at least one input")
        elem = b.element_type(operands[0])
        if any(b.element_type(v) != elem for v in operands):
            raise LoweringError("Einsum inputs must have the same element type")
        if b.is_bool(elem) or not (b.is_float(elem) or b.is_integer(elem)):
            raise LoweringError(f"unsupported element type {elem}")
        unsigned = b.is_unsigned(elem)
        operands = [b.to_signless(v) for v in operands]
        inputs, output = parse_equation(op.equation, [b.rank(v) for v in operands])
        # Loop order: output labels, then the summed ones by first appearance.
        loops = list(output)
        for labels in inputs:
            for lb in labels:
                if lb not in loops:
                    loops.append(lb)
        position = {lb: i for i, lb in enumerate(loops)}
        size = self._label_sizes(operands, inputs)
        maps = []
        for v, labels in zip(operands, inputs):
            exprs = []
            for d, lb in enumerate(labels):
                # numpy broadcasting: a (static) 1 facing a larger size reads index 0.
                broadcast = b.shape(v)[d] == 1 and not (isinstance(size[lb], int)
                                                        and size[lb] == 1)
                exprs.append(ir.AffineConstantExpr.get(0) if broadcast
                             else ir.AffineDimExpr.get(position[lb]))
            maps.append(ir.AffineMap.get(len(loops), 0, exprs))
        out_map = ir.AffineMap.get(len(loops), 0,
                                   [ir.AffineDimExpr.get(position[lb]) for lb in output])
        acc = accumulator_type(elem)
        init = b.fill(0, b.empty([size[lb] for lb in output], acc))

        def body(*args):
            *values, total = args
            product = None
            for v in values:
                v = b.convert_scalar(v, acc, unsigned)
                product = v if product is None else b.scalar_binary("mul", product, v)
            return b.scalar_binary("add", total, product)

        iterators = ["parallel"] * len(output) + ["reduction"] * (len(loops) - len(output))
        result = b.generic(operands, [init], maps + [out_map], iterators, body)[0]
        return [cast_to(convert_tensor(result, b.signless(elem), unsigned), op.output)]


    @staticmethod
    def _label_sizes(operands: Sequence[ir.Value], inputs: Sequence[list[str]]
                     ) -> dict[str, b.Size]:
        """The loop size of each label: a static size other than 1 if any operand has one, else
        a dynamic one, else 1. Every other occurrence must have that size or (statically) 1,
        which broadcasts as in numpy; a dynamic dim is never taken to be a broadcast 1, so it is
        required to match at run time."""
        seen: dict[str, list[tuple[int, int, b.Size]]] = {}
        for k, (v, labels) in enumerate(zip(operands, inputs)):
            for d, lb in enumerate(labels):
                seen.setdefault(lb, []).append((k, d, b.dim(v, d)))
        size: dict[str, b.Size] = {}
        for lb, uses in seen.items():
            candidates = [s for _, _, s in uses if not (isinstance(s, int) and s == 1)]
            size[lb] = sc.agree(candidates) if candidates else 1
            shown = "..." if lb.startswith("#") else f"'{lb}'"
            for k, d, s in uses:
                if isinstance(s, int) and s == 1:
                    continue
                require_equal_sizes(s, size[lb], f"label {shown} has size {{0}} in input #{k} "
                                                    f"(axis {d}), but {{1}} elsewhere")
        return size


# --------------------------------------------------------------------------- Det


@register_pattern
class LowerDet(OnnxLoweringPattern):
    """Det of [..., n, n] for n <= 4: the Leibniz sum of signed products in one elementwise
    generic over the batch dims (each of the n*n entries read through its own map)."""

    op_names = ("onnx.det",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        x = op.x
        elem = float_element_type(x, "Det")
        shape = b.shape(x)
        if len(shape) < 2 or shape[-1] != shape[-2] or shape[-1] == b.DYNAMIC:
            raise LoweringError(f"Det needs [..., n, n] with a static n, got {x.type}")
        n = shape[-1]
        if not 1 <= n <= 4:
            raise LoweringError(f"Det is lowered for matrices up to 4x4, got {n}x{n}")
        batch = len(shape) - 2
        acc = accumulator_type(elem)
        dims = [ir.AffineDimExpr.get(i) for i in range(batch)]
        maps, inputs = [], []
        for i in range(n):
            for j in range(n):
                maps.append(ir.AffineMap.get(batch, 0, [*dims, ir.AffineConstantExpr.get(i),
                                                        ir.AffineConstantExpr.get(j)]))
                inputs.append(x)
        mixed = b.sizes(x)[:batch]
        init = b.empty(mixed, acc)
        maps.append(b.identity_map(batch))

        def sign(perm):
            s = 1
            for a, c in itertools.combinations(range(n), 2):
                if perm[a] > perm[c]:
                    s = -s
            return s

        def body(*args):
            entries = [b.convert_scalar(v, acc) for v in args[:n * n]]
            total = None
            for perm in itertools.permutations(range(n)):
                term = entries[perm[0]]
                for i in range(1, n):
                    term = arith.mulf(term, entries[i * n + perm[i]])
                if total is None:
                    total = term if sign(perm) > 0 else arith.negf(term)
                else:
                    total = arith.addf(total, term) if sign(perm) > 0 else arith.subf(total, term)
            return total

        result = b.generic(inputs, [init], maps, ["parallel"] * batch, body)[0]
        return [cast_to(convert_tensor(result, elem), op.y)]


__all__ = ["LowerEinsum", "LowerDet", "parse_equation"]
