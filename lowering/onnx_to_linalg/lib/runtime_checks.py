"""Run-time checks of what the compiler cannot prove: shape agreement and index ranges.

A pattern states a requirement while it lowers an op: ``require(ok, "message {0} vs {1}", a, b)``
with ``ok`` an ``i1`` value and ``a``, ``b`` index or integer values worth reporting. The driver
then guards the op (``guards.py``): what the pattern built runs only when every condition holds;
otherwise the first failing check is recorded in the function's status buffer and later ops run
on zero-filled tensors, so nothing reads or writes outside a buffer.

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
from mlir.dialects import arith

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
            from ..pattern import LoweringError
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
