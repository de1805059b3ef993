"""Moving `linalg.transpose`s across ``scf.if`` (the run-time check guards), for layout_moves.py.

A guarded op (a convolution whose output size is checked at run time, see
``onnx_to_linalg/guards.py``) sits in the ``then`` region of an ``scf.if``; after conv_layout.py
its region starts with a transpose of a value from outside and ends with a transpose back. Left
there, every guarded conv of a model with dynamic spatial dims pays two full transposes. Two
rules let them meet their partners outside the guard and cancel:

* **hoist**: a transpose in a ``then`` region of a value defined outside the ``scf.if`` moves
  before it (a transpose of a well-formed tensor reads only inside it, so running it when the
  check fails is safe);
* **sink**: a ``then`` region yielding ``transpose(v)`` yields ``v`` and the ``else`` region
  the inverse transpose of its value (zeros: it folds into a fill); the transpose follows the
  ``scf.if``, where it moves on like any other.
"""

from __future__ import annotations

from typing import Callable, Sequence

from mlir import ir


def _parent_op(op: ir.Operation) -> ir.Operation | None:
    parent = op.parent
    return None if parent is None else parent.operation


def _defined_inside(value: ir.Value, region_owner: ir.Operation) -> bool:
    """Whether ``value`` is defined in a region of ``region_owner`` (at any depth)."""
    if isinstance(value, ir.BlockArgument):
        op = ir.BlockArgument(value).owner.owner
        op = None if op is None else op.operation
    else:
        owner = value.owner
        op = _parent_op(owner.operation if hasattr(owner, "operation") else owner)
    while op is not None:
        if op == region_owner:
            return True
        op = _parent_op(op)
    return False


def hoist_out_of_guard(op: ir.Operation, transpose: Callable[[ir.Value, Sequence[int]], ir.Value],
                       perm: list[int]) -> bool:
    """The hoist rule for transpose ``op``; False when it does not apply."""
    if_op = _parent_op(op)
    if if_op is None or if_op.name != "scf.if":
        return False
    if op.block != if_op.regions[0].blocks[0] or _defined_inside(op.operands[0], if_op):
        return False  # (only out of the then region)
    with ir.InsertionPoint(if_op), op.location:
        moved = transpose(op.operands[0], perm)
    op.results[0].replace_all_uses_with(moved)
    op.erase()
    return True


def sink_out_of_guard(op: ir.Operation, transpose: Callable[[ir.Value, Sequence[int]], ir.Value],
                      perm: list[int]) -> bool:
    """The sink rule for transpose ``op`` yielded (only) by a ``then`` region."""
    uses = list(op.results[0].uses)
    if len(uses) != 1:
        return False
    yield_op = uses[0].owner.operation if hasattr(uses[0].owner, "operation") else uses[0].owner
    if_op = _parent_op(yield_op)
    if yield_op.name != "scf.yield" or if_op is None or if_op.name != "scf.if" or \
            len(if_op.regions[1].blocks) == 0 or yield_op.block != if_op.regions[0].blocks[0]:
        return False
    index = uses[0].operand_number
    else_block = if_op.regions[1].blocks[0]
    else_yield = else_block.operations[len(else_block.operations) - 1]
    inverse = [0] * len(perm)
    for k, p in enumerate(perm):
        inverse[p] = k
    with ir.InsertionPoint(else_yield), op.location:
        else_yield.operands[index] = transpose(else_yield.operands[index], inverse)
    yield_op.operands[index] = op.operands[0]
    result = if_op.results[index]
    users = [(u.owner, u.operand_number) for u in result.uses]
    result.set_type(op.operands[0].type)
    with ir.InsertionPoint.after(if_op), op.location:
        moved = transpose(result, perm)
    for user, number in users:
        user.operands[number] = moved
    op.erase()
    return True
