"""Element-type conversions shared by the patterns: the float types a lowering takes, the
accumulator type of sums, tensor conversions and the cast of a computed value to the op's
declared result type."""

from __future__ import annotations

from mlir import ir
from mlir.dialects import tensor

from ..pattern import LoweringError
from . import broadcasting
from . import builders as b
from .reduction_common import map_elementwise
from .types import FLOAT_TYPES, is_low_float


def accumulator_type(elem: ir.Type) -> ir.Type:
    """f16/bf16 are summed in f32; other types in themselves (signless)."""
    if is_low_float(elem):
        return ir.F32Type.get()
    return b.signless(elem)


def convert_tensor(value: ir.Value, elem: ir.Type, unsigned: bool = False) -> ir.Value:
    """Elementwise conversion to the (signless) ``elem``; the value itself if already so."""
    elem = b.signless(elem)
    if b.element_type(value) == elem:
        return value
    return map_elementwise([value], elem, lambda v: b.convert_scalar(v, elem, unsigned))


def cast_to(value: ir.Value, result: ir.Value) -> ir.Value:
    """Bitcast back to an unsigned result type and `tensor.cast` to the declared result type."""
    declared = result.type
    if not isinstance(declared, ir.RankedTensorType):
        return value
    refined = refine_to(value, declared)
    if refined is not None:
        return refined
    if b.signless(ir.RankedTensorType(declared).element_type) != b.element_type(value):
        raise LoweringError(f"computed {value.type} does not match the result type {declared}")
    raise LoweringError(f"computed result shape {b.shape(value)} does not match the result "
                        f"type {declared}")


def refine_to(value: ir.Value, declared: ir.Type, signedness: bool = True) -> ir.Value | None:
    """``value`` as the ranked ``declared`` type, or None when that cannot describe it.

    The one "cast to the declared result type" of the lowerings: a `tensor.cast` where only the
    static-ness of dims differs, and with ``signedness`` a `tensor.bitcast` of a signless result
    to the declared ``uiN`` (patterns compute unsigned types signless). A different rank, a static
    dim or element type that disagrees gives None: the caller reports it (or, in the driver,
    leaves it to the run-time-checked casts of guards.py)."""
    if value.type == declared:
        return value
    if not (isinstance(value.type, ir.RankedTensorType)
            and isinstance(declared, ir.RankedTensorType)):
        return None
    elem = ir.RankedTensorType(declared).element_type
    if not b.shapes_compatible(value, declared):
        return None
    if elem != b.element_type(value):
        if not signedness or b.signless(elem) != b.element_type(value):
            return None
        value = b.from_signless(value, ir.RankedTensorType.get(b.shape(value), elem))
    return value if value.type == declared else tensor.cast(declared, value)


def float_element_type(value: ir.Value, op_type: str) -> ir.Type:
    """The element type of ``value``; `LoweringError` unless it is f16, bf16, f32 or f64."""
    elem = b.element_type(value)
    if not isinstance(elem, FLOAT_TYPES):
        raise LoweringError(f"{op_type} is lowered for f16/bf16/f32/f64 only, got {elem}")
    return elem


def truncate_to(value: ir.Value, elem: ir.Type) -> ir.Value:
    """Elementwise conversion of a float tensor to ``elem`` (no-op when it already is)."""
    if b.element_type(value) == elem:
        return value
    return broadcasting.broadcast_generic([value], elem, lambda x: b.convert_scalar(x, elem))


def cast_to_result(value: ir.Value, result: ir.Value, hint: str = "") -> ir.Value:
    """Reconcile the computed static type with the op's declared result type (`tensor.cast`
    when the latter is less static); a conflicting static shape is a `LoweringError` (``hint``
    is appended to its message)."""
    declared = result.type
    if not isinstance(declared, ir.RankedTensorType):
        return value if value.type == declared else tensor.cast(declared, value)
    refined = refine_to(value, declared, signedness=False)
    if refined is not None:
        return refined
    if not b.shapes_compatible(value, declared):
        raise LoweringError(f"computed result shape {b.shape(value)} does not match the declared "
                            f"result type {declared}{hint}")
    raise LoweringError(f"computed result type {value.type} does not match the declared "
                        f"result type {declared}")


def compute_type(elem: ir.Type, stash_type: int = 1) -> ir.Type:
    """The type statistics are computed in: f32 for 16-bit floats (or ``stash_type`` 1)."""
    acc = accumulator_type(elem)
    if stash_type == 1 and is_low_float(acc):
        return ir.F32Type.get()
    return acc
