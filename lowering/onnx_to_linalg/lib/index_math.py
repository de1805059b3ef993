"""Index arithmetic that folds at compile time, for the data-movement lowerings.

Slice/Pad/Split/... take their starts, pads, sizes from operands that are usually constants but
may be runtime tensors (ONNX node tests feed them as graph inputs). An :data:`Idx` is an ``int``
when known at compile time and an ``index`` ``ir.Value`` otherwise; the helpers here compute on
either and only emit `arith` ops when an operand is a value, so constant operands give the same
static IR as hand-folded code.
"""

from __future__ import annotations

from typing import Sequence, Union

from mlir import ir
from mlir.dialects import arith, linalg, tensor

from ....dialects.onnx import declared_only_dims
from . import builders as b
from .constants import constant_ints
from .float_to_int import float_to_int
from ..pattern import LoweringError
from .runtime_checks import require, require_equal_sizes

Idx = Union[int, ir.Value]


def index_type() -> ir.Type:
    return ir.IndexType.get()


def const(v: int) -> ir.Value:
    return arith.constant(index_type(), int(v))


def value(v: Idx) -> ir.Value:
    """``v`` as an ``index`` value."""
    return v if isinstance(v, ir.Value) else const(v)


def add(x: Idx, y: Idx) -> Idx:
    if isinstance(x, int) and isinstance(y, int):
        return x + y
    if isinstance(y, int) and y == 0:
        return x
    if isinstance(x, int) and x == 0:
        return y
    return arith.addi(value(x), value(y))


def sub(x: Idx, y: Idx) -> Idx:
    if isinstance(x, int) and isinstance(y, int):
        return x - y
    if isinstance(y, int) and y == 0:
        return x
    return arith.subi(value(x), value(y))


def mul(x: Idx, y: Idx) -> Idx:
    if isinstance(x, int) and isinstance(y, int):
        return x * y
    if isinstance(y, int) and y == 1:
        return x
    if isinstance(x, int) and x == 1:
        return y
    return arith.muli(value(x), value(y))


def floordiv(x: Idx, y: Idx) -> Idx:
    if isinstance(x, int) and isinstance(y, int):
        return x // y
    return arith.floordivsi(value(x), value(y))


def ceildiv(x: Idx, y: Idx) -> Idx:
    if isinstance(x, int) and isinstance(y, int):
        return -((-x) // y)
    return arith.ceildivsi(value(x), value(y))


def rem(x: Idx, y: Idx) -> Idx:
    """Signed remainder (sign of ``x``, like C)."""
    if isinstance(x, int) and isinstance(y, int):
        r = abs(x) % abs(y)
        return -r if x < 0 else r
    return arith.remsi(value(x), value(y))


def smax(x: Idx, y: Idx) -> Idx:
    if isinstance(x, int) and isinstance(y, int):
        return max(x, y)
    return arith.maxsi(value(x), value(y))


def smin(x: Idx, y: Idx) -> Idx:
    if isinstance(x, int) and isinstance(y, int):
        return min(x, y)
    return arith.minsi(value(x), value(y))


def clamp(x: Idx, lo: Idx, hi: Idx) -> Idx:
    return smin(smax(x, lo), hi)


_PRED = {"lt": (arith.CmpIPredicate.slt, lambda a, c: a < c),
         "le": (arith.CmpIPredicate.sle, lambda a, c: a <= c),
         "gt": (arith.CmpIPredicate.sgt, lambda a, c: a > c),
         "ge": (arith.CmpIPredicate.sge, lambda a, c: a >= c),
         "eq": (arith.CmpIPredicate.eq, lambda a, c: a == c),
         "ne": (arith.CmpIPredicate.ne, lambda a, c: a != c)}


def cmp(kind: str, x: Idx, y: Idx) -> bool | ir.Value:
    """Signed comparison: a Python bool when both are ints, else an ``i1`` value."""
    pred, fold = _PRED[kind]
    if isinstance(x, int) and isinstance(y, int):
        return fold(x, y)
    return arith.cmpi(pred, value(x), value(y))


def select(c: bool | ir.Value, x: Idx, y: Idx) -> Idx:
    if isinstance(c, bool):
        return x if c else y
    return arith.select(c, value(x), value(y))


def and_(x: bool | ir.Value, y: bool | ir.Value) -> bool | ir.Value:
    if isinstance(x, bool):
        return y if x else False
    if isinstance(y, bool):
        return x if y else False
    return arith.andi(x, y)


def or_(x: bool | ir.Value, y: bool | ir.Value) -> bool | ir.Value:
    if isinstance(x, bool):
        return True if x else y
    if isinstance(y, bool):
        return True if y else x
    return arith.ori(x, y)


def not_(x: bool | ir.Value) -> bool | ir.Value:
    if isinstance(x, bool):
        return not x
    return arith.xori(x, arith.constant(ir.IntegerType.get_signless(1), 1))


def normalize(i: Idx, size: Idx) -> Idx:
    """ONNX negative-index convention: ``i + size`` when ``i < 0``."""
    if isinstance(i, int) and i >= 0:
        return i
    return select(cmp("lt", i, 0), add(i, size), i)


def dims(v: ir.Value) -> list[Idx]:
    """Mixed sizes of ``v`` (static ints, `tensor.dim` values)."""
    return b.sizes(v)


def loop_index(d: int) -> ir.Value:
    """`linalg.index` of loop dimension ``d`` (only inside a `linalg.generic` body)."""
    return linalg.IndexOp(d).result


def to_index(scalar: ir.Value, unsigned: bool = False) -> ir.Value:
    """An integer (or float) scalar converted to ``index``."""
    t = scalar.type
    if isinstance(t, ir.IndexType):
        return scalar
    if b.is_float(t):  # saturating, NaN -> 0 (float_to_int.py)
        scalar = float_to_int(scalar, ir.IntegerType.get_signless(64))
    elif b.is_integer(t) and ir.IntegerType(t).width == 1:
        unsigned = True
    return (arith.index_castui if unsigned else arith.index_cast)(index_type(), scalar)


def from_index(v: Idx, elem: ir.Type, unsigned: bool = False) -> ir.Value:
    """An index (or int) converted to a scalar of element type ``elem`` (signless)."""
    elem = b.signless(elem)
    if isinstance(v, int):
        return b.scalar_constant(elem, v)
    if b.is_float(elem):
        i64 = ir.IntegerType.get_signless(64)
        return (arith.uitofp if unsigned else arith.sitofp)(elem, arith.index_cast(i64, v))
    return (arith.index_castui if unsigned else arith.index_cast)(elem, v)


def extract_index(t: ir.Value, indices: Sequence[Idx]) -> ir.Value:
    """``t[indices]`` (a scalar of an integer/float tensor) as an ``index`` value."""
    unsigned = b.is_unsigned(b.element_type(t))
    scalar = tensor.extract(b.to_signless(t), [value(i) for i in indices])
    return to_index(scalar, unsigned)


def constant_values(v: ir.Value | None) -> list[int] | None:
    """Integers of a constant operand (`onnx.constant`/`arith.constant` with a dense value)."""
    if v is None:
        return None

    return constant_ints(v)


def operand_ints(v: ir.Value, what: str) -> list[Idx]:
    """The entries of a 1-D (or 0-D) integer operand: ints when it is a constant, otherwise index
    values read with `tensor.extract` (its length must then be static)."""
    known = constant_values(v)
    if known is not None:
        return known
    t = b.ranked(v)
    if t.rank > 1:
        raise LoweringError(f"{what} must be a 0-D or 1-D tensor, got {t}")
    if t.rank == 0:
        return [extract_index(v, [])]
    n = t.shape[0]
    if n == b.DYNAMIC:
        raise LoweringError(f"{what} must be a constant or have a static length, got {t}")
    return [extract_index(v, [i]) for i in range(n)]


def operand_scalar(v: ir.Value, what: str) -> Idx:
    """A single-element integer operand (``[]`` or ``[1]``) as an :data:`Idx`."""
    vals = operand_ints(v, what)
    if len(vals) != 1:
        raise LoweringError(f"{what} must hold one value, got {len(vals)}")
    return vals[0]


def result_shape(op: ir.OpView, index: int = 0, *, declared: bool = True) -> list[int] | None:
    """The shape of result ``index`` when it is a ranked tensor (``DYNAMIC`` for unknown dims).

    ``declared=False``: also ``DYNAMIC`` for the dims whose static size only the model's
    declaration gives (``onnx_mlir.declared_dims``), for a lowering that can compute them; the
    refining `tensor.cast` to the result type then checks the declaration at run time."""
    t = op.operation.results[index].type
    if not isinstance(t, ir.RankedTensorType):
        return None
    shape = list(ir.RankedTensorType(t).shape)
    if not declared:
        for d in declared_only_dims(op, index):
            shape[d] = b.DYNAMIC
    return shape


def merge_static(mixed: Sequence[Idx], static: Sequence[int] | None) -> list[Idx]:
    """Replace computed sizes by the static sizes of the result type where known.

    The static size is trusted by the ops built on it, so a computed (run-time) size it replaces
    is checked against it (`require`), and a computed int that differs is a compile-time error.
    """
    if static is None or len(static) != len(mixed):
        return list(mixed)
    return [merge_size(m, s, axis) for axis, (m, s) in enumerate(zip(mixed, static))]


def merge_size(computed: Idx, static: int, axis: int) -> Idx:
    """One size of :func:`merge_static`: ``static`` unless it is ``DYNAMIC``, checked against
    ``computed``."""
    if static == b.DYNAMIC:
        return computed
    if isinstance(computed, int):
        require(computed == static, f"result axis {axis} has size {computed}, but its type says "
                                    f"{static}")
    else:
        require_equal_sizes(computed, static, f"result axis {axis} has size {{0}} at run time, "
                                              f"but its type says {{1}}")
    return static


def empty(mixed: Sequence[Idx], elem: ir.Type) -> ir.Value:
    return b.empty(list(mixed), elem)


def normalize_axis(axis: int, rank: int, what: str = "axis", *, scalar_ok: bool = False) -> int:
    """A possibly negative axis in ``[-rank, rank)`` as a non-negative one. With ``scalar_ok``
    axis 0 of a rank-0 tensor is accepted too (ops that treat a scalar as one element: the
    reductions, softmax, cumulative sums, per-axis quantization)."""
    if not -rank <= axis < (max(rank, 1) if scalar_ok else rank):
        raise LoweringError(f"{what} {axis} is out of range for rank {rank}")
    return axis + rank if axis < 0 else axis
