"""Small IR builders shared by the `convert-onnx-to-linalg` patterns.

Everything here builds at the current insertion point and location (the pass sets both to the
onnx op being lowered). Conventions:

* tensors are ranked (`RankedTensorType`); an unranked operand is a `LoweringError`;
* a size is an ``int`` when static and an ``index`` ``ir.Value`` when dynamic ("mixed sizes");
* the onnx dialect keeps unsigned integers as ``uiN``, but arith/linalg payloads need signless
  types: patterns compute on :func:`to_signless` views and wrap results with :func:`from_signless`
  (both are a no-op for anything that is not ``uiN``).
"""

from __future__ import annotations

from typing import Callable, Sequence, Union

from mlir import ir
from mlir.dialects import arith, linalg, tensor

from .float_to_int import float_to_int
from ..pattern import LoweringError
from .known_sizes import known_size
from .runtime_checks import require_equal_sizes

Size = Union[int, ir.Value]
DYNAMIC = ir.ShapedType.get_dynamic_size()


# --------------------------------------------------------------------------- element types

def element_type(value_or_type: ir.Value | ir.Type) -> ir.Type:
    """The element type of a shaped value/type, or the type itself for a scalar type."""
    t = value_or_type.type if isinstance(value_or_type, ir.Value) else value_or_type
    if isinstance(t, ir.ShapedType):
        return ir.ShapedType(t).element_type
    return t


def is_float(t: ir.Type) -> bool:
    return isinstance(t, ir.FloatType)


def is_integer(t: ir.Type) -> bool:
    """Any integer type, signless, signed or unsigned (including ``i1``)."""
    return isinstance(t, ir.IntegerType)


def is_unsigned(t: ir.Type) -> bool:
    return isinstance(t, ir.IntegerType) and ir.IntegerType(t).is_unsigned


def is_bool(t: ir.Type) -> bool:
    return isinstance(t, ir.IntegerType) and ir.IntegerType(t).width == 1


def signless(t: ir.Type) -> ir.Type:
    """``uiN``/``siN`` -> ``iN``; any other type unchanged. Works on element and tensor types."""
    if isinstance(t, ir.RankedTensorType):
        return ir.RankedTensorType.get(ranked(t).shape, signless(ranked(t).element_type))
    if isinstance(t, ir.IntegerType) and not ir.IntegerType(t).is_signless:
        return ir.IntegerType.get_signless(ir.IntegerType(t).width)
    return t


def to_signless(value: ir.Value) -> ir.Value:
    """A signless view of a ``uiN`` tensor (`tensor.bitcast`); other values are returned as is."""
    target = signless(value.type)
    if target == value.type:
        return value
    return tensor.bitcast(target, value)


def from_signless(value: ir.Value, result_type: ir.Type) -> ir.Value:
    """Undo :func:`to_signless`: bitcast ``value`` back to ``result_type`` when they differ."""
    if value.type == result_type:
        return value
    return tensor.bitcast(result_type, value)


# --------------------------------------------------------------------------- shapes

def ranked(value_or_type: ir.Value | ir.Type) -> ir.RankedTensorType:
    """The `RankedTensorType` of a value/type; `LoweringError` if it is unranked."""
    t = value_or_type.type if isinstance(value_or_type, ir.Value) else value_or_type
    if not isinstance(t, ir.RankedTensorType):
        raise LoweringError(f"expected a ranked tensor, got {t}")
    return ir.RankedTensorType(t)


def rank(value: ir.Value | ir.Type) -> int:
    return ranked(value).rank


def shape(value: ir.Value | ir.Type) -> list[int]:
    """The shape with ``DYNAMIC`` (a large negative number) for dynamic dims."""
    return list(ranked(value).shape)


def is_static(value: ir.Value | ir.Type) -> bool:
    return ranked(value).has_static_shape


def shapes_compatible(a: ir.Value | ir.Type, b: ir.Value | ir.Type) -> bool:
    """Whether two ranked shapes can describe the same tensor: same rank, and equal sizes where
    both are static (a `tensor.cast` between them verifies)."""
    sa, sb = shape(a), shape(b)
    return len(sa) == len(sb) and all(x == y or DYNAMIC in (x, y) for x, y in zip(sa, sb))


def static_shape(value: ir.Value | ir.Type, what: str = "operand") -> list[int]:
    """The shape of a fully static tensor; `LoweringError` naming ``what`` otherwise."""
    t = ranked(value)
    if not t.has_static_shape:
        raise LoweringError(f"{what} must have a static shape, got {t}")
    return list(t.shape)


def dim(value: ir.Value, index: int) -> Size:
    """Size of dimension ``index``: an int when static, a `tensor.dim` (index) value otherwise."""
    size = ranked(value).shape[index]
    if size != DYNAMIC:
        return size
    known = known_size(value, index)  # computed before the run-time check that guards ``value``
    if known is not None:
        return known
    return tensor.dim(value, arith.constant(ir.IndexType.get(), index))


def sizes(value: ir.Value) -> list[Size]:
    """Mixed sizes of every dimension of ``value``."""
    return [dim(value, i) for i in range(rank(value))]


def static_of(mixed: Sequence[Size]) -> list[int]:
    """The static shape of mixed sizes (``DYNAMIC`` for each ``ir.Value``)."""
    return [s if isinstance(s, int) else DYNAMIC for s in mixed]


def tensor_type(mixed_or_static: Sequence[Size], elem: ir.Type) -> ir.RankedTensorType:
    """The tensor type of a computed shape; a negative or oversized one (from bad constant
    operands, e.g. Split sizes) is a `LoweringError`, not an invalid MLIR type."""
    from ....limits import type_size_problem

    shape = static_of(mixed_or_static)
    if any(s < 0 and s != DYNAMIC for s in shape):
        raise LoweringError(f"computed shape {shape} has a negative dim")
    if any(s >= 1 << 63 for s in shape):
        raise LoweringError(f"computed shape {shape} has a dim beyond int64")
    result = ir.RankedTensorType.get(shape, elem)
    problem = type_size_problem(result)
    if problem:
        raise LoweringError(f"computed type {result} is too large: {problem}")
    return result


def broadcast_shapes(*shapes: Sequence[int], what: str = "operands") -> list[int]:
    """Numpy (multidirectional) broadcast of static-or-dynamic shapes.

    A dynamic dim is assumed to match the other operands' size at that position (whether it is
    a broadcast 1 is decided at run time by :func:`broadcasting.broadcast_generic`); two different static
    sizes other than 1 are a `LoweringError`.
    """
    out_rank = max((len(s) for s in shapes), default=0)
    result: list[int] = []
    for position in range(out_rank):
        dims = [s[len(s) - out_rank + position] for s in shapes if len(s) - out_rank + position >= 0]
        static = {d for d in dims if d != DYNAMIC and d != 1}
        if len(static) > 1:
            raise LoweringError(f"{what} are not broadcast-compatible: "
                                f"{' vs '.join(str(list(s)) for s in shapes)}")
        if static:
            result.append(static.pop())
        elif any(d == DYNAMIC for d in dims):
            result.append(DYNAMIC)
        else:
            result.append(1)
    return result


# --------------------------------------------------------------------------- affine maps

def identity_map(n: int) -> ir.AffineMap:
    return ir.AffineMap.get_identity(n)


def broadcast_map(in_shape: Sequence[int], out_shape: Sequence[int]) -> ir.AffineMap:
    """Indexing map reading an operand of ``in_shape`` in a loop nest over ``out_shape``.

    Numpy alignment: trailing dims line up; an input dim of static size 1 facing a different
    output size reads index 0.
    """
    out_rank, offset = len(out_shape), len(out_shape) - len(in_shape)
    if offset < 0:
        raise LoweringError(f"cannot broadcast shape {list(in_shape)} to {list(out_shape)}")
    exprs = []
    for i, size in enumerate(in_shape):
        if size == 1 and out_shape[offset + i] != 1:
            exprs.append(ir.AffineConstantExpr.get(0))
        else:
            exprs.append(ir.AffineDimExpr.get(offset + i))
    return ir.AffineMap.get(out_rank, 0, exprs)


def permutation_map(n: int, dims: Sequence[int]) -> ir.AffineMap:
    """``(d0..d{n-1}) -> (d{dims[0]}, d{dims[1]}, ...)``."""
    return ir.AffineMap.get(n, 0, [ir.AffineDimExpr.get(d) for d in dims])


def iterator_types(*kinds: str) -> ir.ArrayAttr:
    """``iterator_types("parallel", "reduction")`` as the attribute linalg.generic wants."""
    return ir.ArrayAttr.get([ir.Attribute.parse(f"#linalg.iterator_type<{k}>") for k in kinds])


# --------------------------------------------------------------------------- constructors

def empty(mixed_sizes: Sequence[Size], elem: ir.Type) -> ir.Value:
    """`tensor.empty` with mixed static (int) / dynamic (index value) sizes."""
    return tensor.empty(list(mixed_sizes), elem)


def empty_like(value: ir.Value, elem: ir.Type | None = None) -> ir.Value:
    """`tensor.empty` of ``value``'s shape (dynamic dims taken with `tensor.dim`)."""
    return empty(sizes(value), elem or element_type(value))


def scalar_constant(elem: ir.Type, value: int | float | bool) -> ir.Value:
    """An `arith.constant` scalar of element type ``elem`` (a ``uiN`` gives its signless ``iN``)."""
    elem = signless(elem)
    if is_float(elem):
        return arith.constant(elem, ir.FloatAttr.get(elem, float(value)))
    if is_integer(elem):
        width = ir.IntegerType(elem).width
        v = int(value)
        if width == 1:
            v = 1 if v else 0
            return arith.constant(elem, ir.IntegerAttr.get(elem, -1 if v else 0))
        # Store the two's-complement bit pattern so that e.g. 255 fits an i8.
        v &= (1 << width) - 1
        if v >= 1 << (width - 1):
            v -= 1 << width
        return arith.constant(elem, ir.IntegerAttr.get(elem, v))
    if isinstance(elem, ir.IndexType):
        return arith.constant(elem, ir.IntegerAttr.get(elem, int(value)))
    raise LoweringError(f"no scalar constant of element type {elem}")


def fill(value: int | float | ir.Value, init: ir.Value | ir.RankedTensorType,
         dynamic_sizes: Sequence[ir.Value] = ()) -> ir.Value:
    """`linalg.fill` of ``init`` (a tensor value, or a tensor type to create with `tensor.empty`,
    taking ``dynamic_sizes`` for its dynamic dims in order) with ``value`` (a Python number or a
    scalar value of the element type). For a ``uiN`` type the result is ``iN``-typed; see
    :func:`from_signless`."""
    if isinstance(init, ir.Type):
        t = ranked(init)
        dyn = iter(dynamic_sizes)
        init = empty([next(dyn) if s == DYNAMIC else s for s in t.shape], signless(t.element_type))
    else:
        init = to_signless(init)
    if not isinstance(value, ir.Value):
        value = scalar_constant(element_type(init), value)
    return linalg.fill(value, outs=[init])


def generic(inputs: Sequence[ir.Value], inits: Sequence[ir.Value], maps: Sequence[ir.AffineMap],
            iterators: Sequence[str],
            body: Callable[..., ir.Value | Sequence[ir.Value]]) -> list[ir.Value]:
    """A `linalg.generic` on tensors. ``body(*scalars)`` receives the block arguments (inputs then
    inits) and returns the value(s) to yield. Returns the results."""
    op = linalg.GenericOp(
        [i.type for i in inits], list(inputs), list(inits),
        ir.ArrayAttr.get([ir.AffineMapAttr.get(m) for m in maps]), iterator_types(*iterators))
    block = op.regions[0].blocks.append(*[element_type(v) for v in (*inputs, *inits)])
    with ir.InsertionPoint(block):
        out = body(*block.arguments)
        linalg.YieldOp(list(out) if isinstance(out, (list, tuple)) else [out])
    return list(op.results)


def broadcast_mixed_sizes(out_shape: Sequence[int], operands: Sequence[ir.Value]) -> list[Size]:
    """Mixed sizes of a numpy-broadcast result of static shape ``out_shape``: each dynamic dim is
    read (`tensor.dim`) from the first operand (right-aligned) that has that dim dynamic."""
    out_rank = len(out_shape)
    mixed: list[Size] = []
    for position, size in enumerate(out_shape):
        if size != DYNAMIC:
            mixed.append(size)
            continue
        for v in operands:
            s = shape(v)
            i = position - (out_rank - len(s))
            if i >= 0 and s[i] == DYNAMIC:
                mixed.append(dim(v, i))
                break
        else:
            raise LoweringError(f"cannot size dynamic dim {position} of the broadcast result")
    return mixed


def transpose(value: ir.Value, permutation: Sequence[int]) -> ir.Value:
    """`linalg.transpose`: result dim i is input dim ``permutation[i]``."""
    src = sizes(value)
    init = empty([src[p] for p in permutation], element_type(value))
    return linalg.transpose(value, outs=[init], permutation=list(permutation)).results[0]


# --------------------------------------------------------------------------- reshapes

def reassociation_attr(groups: Sequence[Sequence[int]]) -> ir.ArrayAttr:
    i64 = ir.IntegerType.get_signless(64)
    return ir.ArrayAttr.get([ir.ArrayAttr.get([ir.IntegerAttr.get(i64, d) for d in g])
                             for g in groups])


def collapse(value: ir.Value, groups: Sequence[Sequence[int]]) -> ir.Value:
    """`tensor.collapse_shape` merging each group of consecutive dims (``[]`` groups allowed only
    for a rank-0 result: pass ``groups=[]``)."""
    src = shape(value)
    out = []
    for g in groups:
        size = 1
        for d in g:
            if src[d] == DYNAMIC:
                size = DYNAMIC
                break
            size *= src[d]
        out.append(size)
    result_type = ir.RankedTensorType.get(out, element_type(value))
    if result_type == value.type:
        return value
    return tensor.collapse_shape(result_type, value, reassociation_attr(groups))


def expand(value: ir.Value, groups: Sequence[Sequence[int]], out_sizes: Sequence[Size]) -> ir.Value:
    """`tensor.expand_shape` splitting source dim i into the dims of ``groups[i]``;
    ``out_sizes`` are the mixed sizes of the result (at most one dynamic per group)."""
    result_type = tensor_type(out_sizes, element_type(value))
    if result_type == value.type:
        return value
    dynamic = [s for s in out_sizes if isinstance(s, ir.Value)]
    static = ir.DenseI64ArrayAttr.get(static_of(out_sizes))
    return tensor.expand_shape(result_type, value, reassociation_attr(groups), dynamic, static)


def reshape_static(value: ir.Value, new_shape: Sequence[int]) -> ir.Value:
    """Reshape a static tensor to a static shape: one `tensor.collapse_shape` to 1-D followed by
    one `tensor.expand_shape` (either is skipped when trivial)."""
    src = static_shape(value, "reshape input")
    if list(src) == list(new_shape):
        return value
    n = 1
    for s in src:
        n *= s
    m = 1
    for s in new_shape:
        m *= s
    if n != m:
        raise LoweringError(f"cannot reshape {list(src)} ({n} elements) to {list(new_shape)} "
                            f"({m} elements)")
    if not new_shape:  # [1, 1, ...] -> rank 0
        return collapse(value, [])
    if not src:  # rank 0 -> [1, 1, ...]
        return expand(value, [], list(new_shape))
    flat = value if len(src) == 1 else collapse(value, [list(range(len(src)))])
    if len(new_shape) == 1:
        return flat
    return expand(flat, [list(range(len(new_shape)))], list(new_shape))


# --------------------------------------------------------------------------- scalar arith

def scalar_binary(kind: str, lhs: ir.Value, rhs: ir.Value, unsigned: bool = False) -> ir.Value:
    """Scalar ``add|sub|mul|div|max|min|rem`` picking the arith op for the (signless) type.

    ``unsigned`` selects `divui`/`maxui`/`minui`/`remui` for integers (the onnx ``uiN`` types,
    already bitcast to ``iN``). Float max/min propagate NaN (`maximumf`/`minimumf`) like ONNX.
    """
    t = lhs.type
    if is_float(t):
        ops = {"add": arith.addf, "sub": arith.subf, "mul": arith.mulf, "div": arith.divf,
               "max": arith.maximumf, "min": arith.minimumf, "rem": arith.remf}
    elif is_integer(t) or isinstance(t, ir.IndexType):
        ops = {"add": arith.addi, "sub": arith.subi, "mul": arith.muli,
               "div": arith.divui if unsigned else arith.divsi,
               "max": arith.maxui if unsigned else arith.maxsi,
               "min": arith.minui if unsigned else arith.minsi,
               "rem": arith.remui if unsigned else arith.remsi}
    else:
        raise LoweringError(f"unsupported element type {t}")
    if kind not in ops:
        raise LoweringError(f"no scalar {kind} for {t}")
    return ops[kind](lhs, rhs)


def convert_scalar(value: ir.Value, to: ir.Type, unsigned: bool = False) -> ir.Value:
    """Numeric conversion of a scalar between (signless) int/float types of any width
    (``unsigned`` treats integer sources/targets as unsigned). Float -> integer truncates and
    saturates, NaN gives 0 (:func:`float_to_int.float_to_int`)."""
    src = value.type
    to = signless(to)
    if src == to:
        return value
    if is_float(src) and is_float(to):
        fw, tw = ir.FloatType(src).width, ir.FloatType(to).width
        return arith.extf(to, value) if tw > fw else arith.truncf(to, value)
    if is_integer(src) and is_integer(to):
        fw, tw = ir.IntegerType(src).width, ir.IntegerType(to).width
        if tw > fw:
            return (arith.extui if unsigned or fw == 1 else arith.extsi)(to, value)
        return arith.trunci(to, value)
    if is_integer(src) and is_float(to):
        return (arith.uitofp if unsigned or ir.IntegerType(src).width == 1 else arith.sitofp)(to, value)
    if is_float(src) and is_integer(to):  # saturating, NaN -> 0 (float_to_int.py)
        return float_to_int(value, to, unsigned)
    raise LoweringError(f"cannot convert {src} to {to}")


__all__ = [name for name in dir() if not name.startswith("_") and name not in (
    "annotations", "Callable", "Sequence", "Union", "ir", "arith", "linalg", "tensor")]


# --------------------------------------------------------------------------- padding, dense constants
# (added by the conv/pooling lowering; general enough for Pad and friends)

def pad(value: ir.Value, low: Sequence[int], high: Sequence[int], pad_scalar: ir.Value) -> ir.Value:
    """`tensor.pad` of ``value`` by static ``low``/``high`` amounts per dim with the scalar
    ``pad_scalar`` (of the element type); returns ``value`` itself when nothing is padded.
    Dynamic dims stay dynamic in the result type."""
    if not any(low) and not any(high):
        return value
    src = shape(value)
    out = [s if s == DYNAMIC else s + lo + hi for s, lo, hi in zip(src, low, high)]
    result_type = tensor_type(out, element_type(value))
    op = tensor.PadOp(result_type, value, [], [], ir.DenseI64ArrayAttr.get(list(low)),
                      ir.DenseI64ArrayAttr.get(list(high)))
    block = op.regions[0].blocks.append(*([ir.IndexType.get()] * len(src)))
    with ir.InsertionPoint(block):
        tensor.YieldOp(pad_scalar)
    return op.result


def pad_mixed(value: ir.Value, low: Sequence[Size], high: Sequence[Size],
              pad_scalar: ir.Value) -> ir.Value:
    """`tensor.pad` by mixed (static int / ``index`` value) ``low``/``high`` amounts per dim;
    a dim padded by a run-time amount is dynamic in the result type."""
    src = shape(value)
    out = [DYNAMIC if s == DYNAMIC or not isinstance(lo, int) or not isinstance(hi, int)
           else s + lo + hi for s, lo, hi in zip(src, low, high)]
    result_type = tensor_type(out, element_type(value))
    op = tensor.PadOp(result_type, value, [v for v in low if isinstance(v, ir.Value)],
                      [v for v in high if isinstance(v, ir.Value)],
                      ir.DenseI64ArrayAttr.get(static_of(low)),
                      ir.DenseI64ArrayAttr.get(static_of(high)))
    block = op.regions[0].blocks.append(*([ir.IndexType.get()] * len(src)))
    with ir.InsertionPoint(block):
        tensor.YieldOp(pad_scalar)
    return op.result


def dense_constant(array, elem: ir.Type) -> ir.Value:
    """An `arith.constant` tensor holding the numpy ``array`` converted to float element type
    ``elem`` (f16/bf16/f32/f64; bf16 goes through a f32 attribute and `arith.truncf`)."""
    import numpy as np

    if isinstance(elem, ir.BF16Type):
        wide = dense_constant(array, ir.F32Type.get())
        r = rank(wide)
        (narrow,) = generic([wide], [empty(list(shape(wide)), elem)], [identity_map(r)] * 2,
                            ["parallel"] * r, lambda x, _out: arith.truncf(elem, x))
        return narrow
    dtype = {ir.F16Type: np.float16, ir.F32Type: np.float32, ir.F64Type: np.float64}
    for mlir_type, np_type in dtype.items():
        if isinstance(elem, mlir_type):
            data = np.ascontiguousarray(np.asarray(array, dtype=np_type))
            t = ir.RankedTensorType.get(list(data.shape), elem)
            return arith.constant(t, ir.DenseElementsAttr.get(data, type=t))
    raise LoweringError(f"no dense constant of element type {elem}")
