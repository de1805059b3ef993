"""`instrument-profile`: time each ONNX node's ops at run time (``compile(..., profile=True)``).

Runs on linalg on tensors, right after ``convert-onnx-to-linalg``, where every op a pattern built
carries its node's location (``loc("<node>"("<OpType>"))``). The top-level ops of each public
function are cut into segments: runs of consecutive ops of one node (constants, and ops without a
node location, join the segment they are in). A clock read (``nanoTime`` of
``libmlir_runner_utils``, i64 nanoseconds) goes before each segment and before the return; at the
return, each segment's time is added to its node's slot of the profile buffer, a
``memref<Kxi64>`` argument appended to the function (argument attribute ``onnx_mlir.profile``).
Slot 0 is the whole function's time, slot ``i`` the time of the ``i``-th entry of the module's
table ``onnx_mlir.profile_nodes`` (node name, op type, result shape; a node whose ops are split
into several segments, or fused into another node's ops later, keeps one slot).

The clock reads are calls with unknown side effects: no pass moves ops with memory effects
(everything after bufferization) across them, so the schedules see the same ops in the same
order, with calls between them. Without the pass the IR is what it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from mlir import ir
from mlir.dialects import arith, func, memref

from ..passes.pass_base import ModulePass
from .function_arguments import append_buffer_argument

PROFILE_ATTR = "onnx_mlir.profile"  # argument attribute of the profile buffer
PROFILE_NODES_ATTR = "onnx_mlir.profile_nodes"  # module attribute: the table of profiled nodes
CLOCK = "nanoTime"  # int64_t _mlir_ciface_nanoTime(void) in libmlir_runner_utils

# Ops that cost nothing at run time: they neither start nor end a segment.
_FREE_OPS = frozenset({"arith.constant", "ub.poison"})

Node = tuple[str, str]  # (node name, op type)


def node_of(loc: ir.Location) -> Node | None:
    """The ONNX node a location names: ``loc("name"("OpType"))``, or the first such location of
    a fused one (ops merged by CSE or fusion). ``None`` for any other location."""
    if loc.is_a_name():
        child = loc.child_loc
        if child.is_a_name():
            return loc.name_str, child.name_str
        return None
    if loc.is_a_fused():
        for inner in loc.locations:
            found = node_of(inner)
            if found is not None:
                return found
    if loc.is_a_callsite():
        return node_of(loc.callee)
    return None


@dataclass
class _Segment:
    node: Node
    first: ir.Operation
    ops: list[ir.Operation] = field(default_factory=list)


def _segments(block: ir.Block) -> list[_Segment]:
    """The block's ops (terminator excluded) as runs of one node each."""
    segments: list[_Segment] = []
    ops = list(block.operations)[:-1]
    for op in ops:
        op = op.operation
        if op.name in _FREE_OPS:
            continue
        node = node_of(op.location)
        if node is not None and (not segments or segments[-1].node != node):
            segments.append(_Segment(node, op))
        if segments:
            segments[-1].ops.append(op)
    return segments


def _result_shape(segment: _Segment) -> list[int]:
    """Dims of the last ranked tensor a segment's ops produce (-1: dynamic); [] if none."""
    for op in reversed(segment.ops):
        for result in op.results:
            if isinstance(result.type, ir.RankedTensorType):
                t = result.type
                return [-1 if t.is_dynamic_dim(i) else t.shape[i] for i in range(t.rank)]
    return []


def _declare_clock(module: ir.Module) -> None:
    """``func.func private @nanoTime() -> i64`` with the C interface, once per module."""
    for op in module.body.operations:
        if op.operation.name == "func.func" and ir.StringAttr(op.attributes["sym_name"]).value == CLOCK:
            return
    with ir.InsertionPoint.at_block_begin(module.body), ir.Location.unknown():
        decl = func.FuncOp(CLOCK, ir.FunctionType.get([], [ir.IntegerType.get_signless(64)]),
                           visibility="private")
        decl.attributes["llvm.emit_c_interface"] = ir.UnitAttr.get()


def _append_buffer_argument(fn: ir.Operation, slots: int) -> ir.Value:
    """The profile buffer, appended as the function's last argument."""
    return append_buffer_argument(fn, slots, PROFILE_ATTR)


def _clock() -> ir.Value:
    return func.CallOp([ir.IntegerType.get_signless(64)], ir.FlatSymbolRefAttr.get(CLOCK), []).result


def _accumulate(buffer: ir.Value, slot: int, delta: ir.Value) -> None:
    """``buffer[slot] += delta``."""
    index = arith.constant(ir.IndexType.get(), slot)
    total = arith.addi(memref.load(buffer, [index]), delta)
    memref.store(total, buffer, [index])


def _instrument(fn: ir.Operation, segments: list[_Segment], table: dict[Node, int]) -> None:
    """Put the clock reads around ``segments`` of ``fn`` and add their times to the buffer."""
    block = fn.regions[0].blocks[0]
    buffer = _append_buffer_argument(fn, len(table) + 1)
    with ir.Location.name("onnx_mlir.profile"):
        stamps = []
        for s in segments:
            with ir.InsertionPoint(s.first):
                stamps.append(_clock())
        terminator = list(block.operations)[-1]
        with ir.InsertionPoint(terminator):
            stamps.append(_clock())
            # Summed per node at the end: no loads or stores between the timed ops.
            per_slot: dict[int, ir.Value] = {}
            for s, start, end in zip(segments, stamps, stamps[1:]):
                delta = arith.subi(end, start)
                slot = table[s.node]
                per_slot[slot] = arith.addi(per_slot[slot], delta) if slot in per_slot else delta
            _accumulate(buffer, 0, arith.subi(stamps[-1], stamps[0]))
            for slot, delta in per_slot.items():
                _accumulate(buffer, slot, delta)


def _table_attr(table: dict[Node, int], shapes: dict[Node, list[int]]) -> ir.ArrayAttr:
    i64 = ir.IntegerType.get_signless(64)
    entries = []
    for (name, op_type), _slot in sorted(table.items(), key=lambda item: item[1]):
        entries.append(ir.DictAttr.get({
            "node": ir.StringAttr.get(name), "op": ir.StringAttr.get(op_type),
            "shape": ir.ArrayAttr.get([ir.IntegerAttr.get(i64, d) for d in shapes[(name, op_type)]]),
        }))
    return ir.ArrayAttr.get(entries)


def public_functions(module: ir.Module) -> list[ir.Operation]:
    """Public functions with a one-block body (what the conversion produces: its control flow is
    structured, so the block's end is the function's)."""
    return [op.operation for op in module.body.operations
            if op.operation.name == "func.func" and "sym_visibility" not in op.attributes
            and len(op.operation.regions[0].blocks) == 1]


@dataclass
class InstrumentProfilePass(ModulePass):
    """Time each ONNX node's top-level ops into a profile buffer argument (see module doc)."""

    name: ClassVar[str] = "instrument-profile"
    summary: ClassVar[str] = "Time each ONNX node's ops at run time into a profile buffer argument"

    def run(self, module: ir.Module) -> None:
        if PROFILE_NODES_ATTR in module.operation.attributes:
            return  # instrumented already
        with module.context, ir.Location.unknown():
            table: dict[Node, int] = {}  # node -> slot
            shapes: dict[Node, list[int]] = {}
            timed = []
            for fn in public_functions(module):
                segments = _segments(fn.regions[0].blocks[0])
                for s in segments:
                    if s.node not in table:
                        table[s.node] = len(table) + 1
                        shapes[s.node] = _result_shape(s)
                if segments:
                    timed.append((fn, segments))
            for fn, segments in timed:
                _instrument(fn, segments, table)
            if timed:
                _declare_clock(module)
            module.operation.attributes[PROFILE_NODES_ATTR] = _table_attr(table, shapes)
