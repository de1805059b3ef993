"""Planned buffer reuse (``cpu-plan-memory``): intermediates with disjoint live ranges share
allocations.

After bufferization every intermediate has its own ``memref.alloc``, freed at the end of the
function by the deallocation pipeline: peak memory is the sum of all of them and every run calls
``malloc`` once per intermediate. This pass gives the top-level allocations of each function
(single-block bodies) live ranges in the order of the body's ops, from the allocation to the last
op using the buffer or a view of it (a use nested in a loop counts at its top-level op), and
assigns them to *slots*: greedy by size, largest first, each buffer into the smallest slot none of
whose buffers is live at the same time, else a new slot. Each slot is one allocation (64-byte
aligned) of its largest buffer's size, made once per call (two threads running the function do
not share it) and freed at the end of the function; the buffers become ``memref.view``s of their
slot.

Why slots and not one arena with offsets: buffers live at the same time are then always distinct
allocations, so LLVM still knows that they do not alias. Views at different offsets of one arena
hide it: LLVM then keeps a reduction's accumulator in memory (softmax and layer norm of BERT ran
4-8x slower that way) and adds run-time overlap checks to vectorized loops.

Sizes: statically shaped buffers are planned in bytes. Dynamically shaped ones are grouped by
their dynamic sizes (the same SSA values, e.g. the batch): within a group a buffer is
``unit * product(sizes)`` bytes, so slots are planned in those units at compile time and sized
by the product at run time. Each group has its own slots.

Left alone (their own allocation, as before): buffers returned by the function or reaching its
terminator through a view (results must not alias a slot), buffers freed anywhere but by one
top-level ``memref.dealloc`` of the allocation itself (conditional deallocations of guards and of
buffers whose ownership depends on a branch), buffers handed to ops with regions other than
linalg ops (loop-carried buffers), element types narrower than a byte, non-identity layouts.

The pass runs after the vector schedule (loops stage): ``hoist_redundant_vector_transfers`` does
not hoist an accumulator whose buffer comes from a view-like op such as ``memref.view``.

The function gets ``onnx_mlir.memory_plan``: the planned buffers and the sum of their sizes, the
slots and the sum of theirs (static bytes; dynamic groups in bytes per unit of their size
product).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mlir import ir
from mlir.dialects import arith, memref

ALIGNMENT = 64  # bytes, as the allocations it replaces
STATS_ATTR = "onnx_mlir.memory_plan"
_STATIC = ()  # group key of statically shaped buffers


@dataclass
class Buffer:
    """One top-level allocation: its live range (top-level op positions), its size (bytes, or
    bytes per unit of its group's size product) and the slot chosen for it."""

    alloc: ir.Operation
    start: int
    end: int
    size: int
    group: tuple
    deallocs: list[ir.Operation]
    slot: int = -1


@dataclass
class PlanStats:
    buffers: int = 0
    buffer_bytes: int = 0  # sum of the planned buffers' sizes (static ones)
    slots: int = 0
    slot_bytes: int = 0  # sum of the static slots' sizes
    dynamic_buffers: int = 0
    dynamic_groups: int = 0
    dynamic_unit_bytes: int = 0  # sum over dynamic buffers of their bytes per unit
    dynamic_slots: int = 0
    dynamic_slot_units: int = 0

    def add(self, other: "PlanStats") -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _element_bytes(t: ir.Type) -> int | None:
    if isinstance(t, (ir.IntegerType,)):
        return t.width // 8 if t.width % 8 == 0 else None
    for cls, size in ((ir.F16Type, 2), (ir.BF16Type, 2), (ir.F32Type, 4), (ir.F64Type, 8)):
        if isinstance(t, cls):
            return size
    return None


def _identity(t: ir.MemRefType) -> bool:
    layout = t.layout
    return isinstance(layout, ir.AffineMapAttr) and layout.value == ir.AffineMap.get_identity(t.rank)


def _is_op(value_owner) -> ir.Operation | None:
    if isinstance(value_owner, ir.OpView):
        return value_owner.operation
    return value_owner if isinstance(value_owner, ir.Operation) else None


class _FunctionPlanner:
    """Plans the top-level allocations of one function body (a single block)."""

    def __init__(self, func: ir.Operation):
        self.func = func
        self.block = func.regions[0].blocks[0]
        self.ops = [op.operation for op in self.block.operations]
        self.position = {op: i for i, op in enumerate(self.ops)}

    def _top_level(self, op: ir.Operation) -> ir.Operation | None:
        """The top-level op of the body containing ``op`` (None if outside the function)."""
        while op is not None and op not in self.position:
            parent = op.parent
            op = parent.operation if parent is not None else None
        return op

    def _buffer(self, alloc: ir.Operation) -> Buffer | None:
        t = alloc.results[0].type
        if not isinstance(t, ir.MemRefType) or t.memory_space is not None or not _identity(t):
            return None
        elt = _element_bytes(t.element_type)
        if elt is None:
            return None
        dynamic = list(alloc.operands)  # identity layout: no symbol operands, only sizes
        size = elt
        for d in t.shape:
            if not ir.ShapedType.is_dynamic_size(d):
                size *= d
        group = tuple(sorted(dynamic, key=hash)) if dynamic else _STATIC
        start = self.position[alloc]
        live = self._live_end(alloc)
        if live is None:
            return None
        end, deallocs = live
        return Buffer(alloc, start, end, size, group, deallocs)

    def _live_end(self, alloc: ir.Operation) -> tuple[int, list[ir.Operation]] | None:
        """The last top-level position using the buffer or a view of it, and its deallocs;
        None when the buffer escapes or is freed other than by one top-level dealloc."""
        end = self.position[alloc]
        deallocs: list[ir.Operation] = []
        pending = [alloc.results[0]]
        seen: set = set()
        while pending:
            value = pending.pop()
            if value in seen:
                continue
            seen.add(value)
            for use in value.uses:
                owner = _is_op(use.owner)
                top = self._top_level(owner)
                if top is None or owner.name in ("func.return", "memref.extract_aligned_pointer_as_index",
                                                 "bufferization.dealloc", "memref.realloc"):
                    return None
                if owner.name == "memref.dealloc":
                    if owner != top or value != alloc.results[0]:
                        return None
                    deallocs.append(owner)
                    continue
                if owner.regions and not owner.name.startswith("linalg."):
                    return None  # loop-carried (iter_args) or otherwise captured by a region op
                end = max(end, self.position[top])
                # Anything an op using the buffer returns as a memref may be a view of it, and so
                # may the results of the region ops it is nested in (yields).
                op = owner
                while op is not None:
                    pending.extend(r for r in op.results
                                   if isinstance(r.type, (ir.MemRefType, ir.UnrankedMemRefType)))
                    if op == top:
                        break
                    op = op.parent.operation
        if len(deallocs) > 1:
            return None
        return end, deallocs

    def candidates(self) -> list[Buffer]:
        buffers = []
        for op in self.ops:
            if op.name == "memref.alloc":
                b = self._buffer(op)
                if b is not None:
                    buffers.append(b)
        return buffers


def assign_slots(buffers: list[Buffer]) -> list[int]:
    """Greedy by size: largest first, each into the smallest slot holding no buffer live at the
    same time (every slot is at least as large: its first buffer came earlier), else a new slot.
    Sets ``Buffer.slot``; returns the slots' sizes."""
    sizes: list[int] = []
    members: list[list[Buffer]] = []
    for b in sorted(buffers, key=lambda b: (-b.size, b.start)):
        free = [i for i, placed in enumerate(members)
                if all(p.end < b.start or b.end < p.start for p in placed)]
        if free:
            b.slot = min(free, key=lambda i: sizes[i])
            members[b.slot].append(b)
        else:
            b.slot = len(sizes)
            sizes.append(b.size)
            members.append([b])
    return sizes


def _index(value: int) -> ir.Value:
    return arith.constant(ir.IndexType.get(), value)


def _rewrite_group(block: ir.Block, buffers: list[Buffer], slot_sizes: list[int], group: tuple) -> None:
    """Allocate the slots before the group's first allocation, turn each allocation into a view
    of its slot, drop their deallocs and free the slots before the terminator."""
    first = min(buffers, key=lambda b: b.start).alloc
    i8 = ir.IntegerType.get_signless(8)
    alignment = ir.IntegerAttr.get(ir.IntegerType.get_signless(64), ALIGNMENT)
    slots = []
    with first.location, ir.InsertionPoint(first):
        unit = None
        if group != _STATIC:  # (in the first allocation's order: the key's order is by hash)
            sizes = list(first.operands)
            unit = sizes[0]
            for v in sizes[1:]:
                unit = arith.muli(unit, v)
        for size in slot_sizes:
            if unit is None:
                slots.append(memref.alloc(ir.MemRefType.get([size], i8), [], [], alignment=alignment))
            else:
                slots.append(memref.alloc(ir.MemRefType.get([ir.ShapedType.get_dynamic_size()], i8),
                                          [arith.muli(unit, _index(size))], [], alignment=alignment))
        zero = _index(0)
    for b in buffers:
        with b.alloc.location, ir.InsertionPoint(b.alloc):
            view = memref.view(b.alloc.results[0].type, slots[b.slot], zero, list(b.alloc.operands))
        b.alloc.results[0].replace_all_uses_with(view)
        b.alloc.erase()
        for d in b.deallocs:
            d.erase()
    terminator = list(block.operations)[-1]
    with terminator.location, ir.InsertionPoint(terminator):
        for slot in slots:
            memref.dealloc(slot)


def plan_function(func: ir.Operation) -> PlanStats:
    stats = PlanStats()
    if len(func.regions[0].blocks) != 1:
        return stats
    planner = _FunctionPlanner(func)
    groups: dict[tuple, list[Buffer]] = {}
    for b in planner.candidates():
        groups.setdefault(b.group, []).append(b)
    for group, buffers in groups.items():
        if len(buffers) < 2:
            continue  # nothing to share
        slot_sizes = assign_slots(buffers)
        if len(slot_sizes) == len(buffers):
            continue  # no two share
        if group == _STATIC:
            stats.buffers += len(buffers)
            stats.buffer_bytes += sum(b.size for b in buffers)
            stats.slots += len(slot_sizes)
            stats.slot_bytes += sum(slot_sizes)
        else:
            stats.dynamic_buffers += len(buffers)
            stats.dynamic_groups += 1
            stats.dynamic_unit_bytes += sum(b.size for b in buffers)
            stats.dynamic_slots += len(slot_sizes)
            stats.dynamic_slot_units += sum(slot_sizes)
        _rewrite_group(planner.block, buffers, slot_sizes, group)
    return stats


def plan_memory(module: ir.Module) -> PlanStats:
    """Plan every function of ``module``; each function with planned buffers gets
    ``onnx_mlir.memory_plan``. Returns the totals."""
    total = PlanStats()
    with module.context:
        for op in module.body.operations:
            f = op.operation
            if f.name != "func.func" or not f.regions[0].blocks:
                continue
            stats = plan_function(f)
            if stats.buffers or stats.dynamic_buffers:
                i64 = ir.IntegerType.get_signless(64)
                f.attributes[STATS_ATTR] = ir.DictAttr.get(
                    {name: ir.IntegerAttr.get(i64, getattr(stats, name))
                     for name in stats.__dataclass_fields__})
            total.add(stats)
    return total


def describe(module: ir.Module) -> str:
    """One line on the plans of ``module``'s functions (empty when nothing was planned), for
    ``onnx-mlir -v``."""
    total = {}
    for op in module.body.operations:
        if STATS_ATTR in op.operation.attributes:
            for entry in ir.DictAttr(op.operation.attributes[STATS_ATTR]):
                total[entry.name] = total.get(entry.name, 0) + ir.IntegerAttr(entry.attr).value
    if not total:
        return ""
    text = (f"memory plan: {total['buffers']} static buffers ({total['buffer_bytes'] / 1024:.1f} KiB) "
            f"in {total['slots']} allocations ({total['slot_bytes'] / 1024:.1f} KiB)")
    if total["dynamic_buffers"]:
        text += (f"; {total['dynamic_buffers']} dynamic buffers in {total['dynamic_slots']} allocations "
                 f"({total['dynamic_unit_bytes']} -> {total['dynamic_slot_units']} bytes per unit of "
                 f"{total['dynamic_groups']} size group(s))")
    return text
