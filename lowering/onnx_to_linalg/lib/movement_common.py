"""Data-movement builders shared by the patterns: mixed static/dynamic slices, the
index-computed gather generic and the cast back to the op's result type."""

from __future__ import annotations

from typing import Sequence

from mlir import ir
from mlir.dialects import tensor

from ..pattern import LoweringError
from . import builders as b
from .casting import refine_to
from . import index_math as im
from .index_math import Idx


def finish(value: ir.Value, op: ir.OpView, index: int = 0) -> ir.Value:
    """Bring a signless result back to the op's result type: bitcast to ``uiN`` and `tensor.cast`
    to the (possibly more static) declared shape."""
    want = op.operation.results[index].type
    if not isinstance(want, ir.RankedTensorType):
        elem = b.element_type(want) if isinstance(want, ir.ShapedType) else b.element_type(value)
        if b.element_type(value) != elem:
            value = tensor.bitcast(ir.RankedTensorType.get(b.shape(value), elem), value)
        return value
    refined = refine_to(value, want)
    if refined is None:
        raise LoweringError(f"lowered result {value.type} does not match {want}")
    return refined


def split_mixed(values: Sequence[Idx]) -> tuple[list[ir.Value], list[int]]:
    dynamic = [v for v in values if isinstance(v, ir.Value)]
    static = [b.DYNAMIC if isinstance(v, ir.Value) else int(v) for v in values]
    return dynamic, static


def extract_slice(source: ir.Value, offsets: Sequence[Idx], sizes: Sequence[Idx],
                  strides: Sequence[Idx] | None = None) -> ir.Value:
    """`tensor.extract_slice` with mixed static/dynamic offsets, sizes and strides."""
    strides = list(strides) if strides is not None else [1] * len(offsets)
    if all(isinstance(o, int) and o == 0 for o in offsets) \
            and all(isinstance(s, int) and s == 1 for s in strides) \
            and list(sizes) == b.shape(source):
        return source
    result_type = b.tensor_type(sizes, b.element_type(source))
    if any(isinstance(s, int) and s == 0 for s in sizes):
        # an empty piece: the verifier rejects a static offset at the end of the dim even with
        # size 0 (a Split into [8, 0], a Slice past the end); nothing is read anyway
        return b.empty(list(sizes), b.element_type(source))
    do, so = split_mixed(offsets)
    ds, ss = split_mixed(sizes)
    dt, st = split_mixed(strides)
    return tensor.extract_slice(result_type, source, do, ds, dt, ir.DenseI64ArrayAttr.get(so),
                                ir.DenseI64ArrayAttr.get(ss), ir.DenseI64ArrayAttr.get(st))


def insert_slice(source: ir.Value, dest: ir.Value, offsets: Sequence[Idx]) -> ir.Value:
    """`tensor.insert_slice` of all of ``source`` into ``dest`` at ``offsets`` (unit strides)."""
    sizes = b.sizes(source)
    do, so = split_mixed(offsets)
    ds, ss = split_mixed(sizes)
    return tensor.insert_slice(source, dest, do, ds, [], ir.DenseI64ArrayAttr.get(so),
                               ir.DenseI64ArrayAttr.get(ss),
                               ir.DenseI64ArrayAttr.get([1] * len(sizes)))


def gather_generic(out_sizes: Sequence[Idx], elem: ir.Value | ir.Type,
                   body, inputs: Sequence[ir.Value] = (),
                   input_maps: Sequence[ir.AffineMap] = ()) -> ir.Value:
    """A parallel `linalg.generic` over ``out_sizes`` whose body computes each element from the
    loop indices (`linalg.index`), typically with `tensor.extract` of a captured tensor.
    ``body(indices, *input_scalars)`` returns the element."""
    elem = b.signless(elem if isinstance(elem, ir.Type) else b.element_type(elem))
    rank = len(out_sizes)
    init = im.empty(out_sizes, elem)

    def build(*args: ir.Value) -> ir.Value:
        idx = [im.loop_index(d) for d in range(rank)]
        return body(idx, *args[:len(inputs)])

    (result,) = b.generic(list(inputs), [init], [*input_maps, b.identity_map(rank)],
                          ["parallel"] * rank, build)
    return result
