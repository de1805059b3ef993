"""The greedy grouping of a function's top-level ops into kernels (:class:`Grouper`).

The rules (anchors, epilogues, prologues, row kernels) are described in grouping.py, which runs
this after classification.py and before outlining.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mlir import ir

from .classification import SLICE_OPS, classify, is_fill, is_permutation_copy, pad_value_is_zero, row_space
from .linalg_query import domain, indexing_maps, is_identity_map, iterator_kinds, num_inputs, static_shape


@dataclass(eq=False)
class Group:
    kind: str
    ops: list[ir.Operation] = field(default_factory=list)
    anchor: ir.Operation | None = None
    reason: str = ""
    # row kernels: the row space of the first reduction and the ids of the ops that depend on a
    # reduction of the group (their values may only be read aligned with the rows)
    row: tuple | None = None
    row_dep: set = field(default_factory=set)

    @property
    def last(self) -> ir.Operation:
        return self.ops[-1]


def clone_shared_fills(block: ir.Block) -> None:
    """Give each user of a fill its own copy (placed just before it), so that the fill can be
    recomputed inside every kernel that reads it instead of being a kernel of its own."""
    for op in list(block.operations):
        op = op.operation
        if not is_fill(op):
            continue
        users = []
        for use in op.results[0].uses:
            owner = use.owner
            while owner.parent is not None and owner.parent.operation != block.owner.operation:
                owner = owner.parent.operation
            if owner.name != "func.return":
                users.append((use.owner, use.operand_number, owner))
        seen: list[ir.Operation] = []
        for user, index, top in users:
            if not seen:
                seen.append(top)
                continue
            copy = op.clone(ip=ir.InsertionPoint(top))
            user.operands[index] = copy.results[0]


def _identity_read(consumer: ir.Operation, operand_index: int) -> bool:
    """Does ``consumer`` read operand ``operand_index`` element for element (identity map)?"""
    if consumer.name == "tensor.pad":
        return False
    if consumer.name != "linalg.generic":
        return False
    return is_identity_map(indexing_maps(consumer)[operand_index])


def _result_identity(producer: ir.Operation, value: ir.Value) -> bool:
    """Is ``value`` (a result of ``producer``) written with an identity map (or not a generic)?"""
    if producer.name != "linalg.generic":
        return True
    n_in = num_inputs(producer)
    index = ir.OpResult(value).result_number
    return is_identity_map(indexing_maps(producer)[n_in + index])


ID_ATTR = "__onnx_mlir_gpu_id"


class Grouper:
    """Greedy grouping of the top-level ops of one function, in program order.

    Ops are identified by an integer attribute set here (Python handles of moved operations do
    not keep a stable hash), removed again after outlining.
    """

    def __init__(self, fn: ir.Operation):
        self.fn = fn
        self.block = fn.regions[0].blocks[0]
        self.ops = [op.operation for op in self.block.operations]
        for i, op in enumerate(self.ops):
            op.attributes[ID_ATTR] = ir.IntegerAttr.get(ir.IntegerType.get_signless(64), i)
        self.group_of: dict[int, Group] = {}
        self.groups: list[Group] = []

    # -- helpers
    @staticmethod
    def gid(op: ir.Operation) -> int | None:
        return ir.IntegerAttr(op.attributes[ID_ATTR]).value if ID_ATTR in op.attributes else None

    def top(self, op: ir.Operation) -> int:
        """Id of the top-level op of the function that holds ``op``."""
        while self.gid(op) is None and op.parent is not None:
            op = op.parent.operation
        return self.gid(op)

    def users(self, value: ir.Value) -> list[int]:
        return [self.top(u.owner) for u in value.uses]

    def producer(self, value: ir.Value) -> int | None:
        if isinstance(value, ir.OpResult):
            return self.gid(value.owner)
        return None

    def members(self, group: Group) -> set[int]:
        return {self.gid(op) for op in group.ops}

    def exports(self, group: Group, extra: tuple[int, ...] = ()) -> list[ir.Value]:
        members = self.members(group) | set(extra)
        out = []
        for op in group.ops:
            for r in op.results:
                if any(u not in members for u in self.users(r)):
                    out.append(r)
        return out

    def placeable(self, group: Group, op: ir.Operation) -> bool:
        """Can ``group`` (plus ``op``) be launched at ``op``'s place (convexity)?"""
        pos = self.gid(op)
        members = self.members(group)
        for v in self.exports(group, (pos,)):
            if any(u < pos for u in self.users(v) if u != pos and u not in members):
                return False
        return True

    def only_used_by(self, group: Group, op: ir.Operation) -> bool:
        pos = self.gid(op)
        return all(all(u == pos for u in self.users(v)) for v in self.exports(group))

    def add(self, group: Group, op: ir.Operation) -> None:
        group.ops.append(op)
        self.group_of[self.gid(op)] = group
        if group.row is not None and (
                (op.name == "linalg.generic" and "reduction" in iterator_kinds(op))
                or any(self.producer(v) in group.row_dep for v in op.operands)):
            group.row_dep.add(self.gid(op))

    def absorb(self, group: Group, other: Group) -> None:
        """Move the ops of ``other`` into ``group`` (outlining sorts them into program order)."""
        group.ops.extend(other.ops)
        for op in other.ops:
            self.group_of[self.gid(op)] = group
        self.groups.remove(other)

    # -- row kernels
    def row_aligned(self, group: Group, op: ir.Operation) -> bool:
        """Can ``op`` join the row group ``group``: a reduction with the same loops, or a
        pointwise generic over the full loop space or over the rows, that reads every value of
        the group depending on a reduction aligned with the rows (per-row values through the
        reductions' output map, full values element for element)?"""
        if op.name != "linalg.generic":
            return False
        sizes, kinds, out_map = group.row
        rows = [sizes[k] for k, it in enumerate(kinds) if it == "parallel"]
        maps = indexing_maps(op)
        n_in = num_inputs(op)
        if "reduction" in iterator_kinds(op):
            if row_space(op) != group.row:
                return False
            full = True
        else:
            if not all(is_identity_map(maps[n_in + r]) for r in range(len(op.results))):
                return False
            dom = list(domain(op))
            if dom == list(sizes):
                full = True
            elif dom == rows:
                full = False
            else:
                return False
        for i, v in enumerate(op.operands):
            if self.producer(v) not in group.row_dep:
                continue
            shape = list(static_shape(v))
            if full and shape == list(sizes) and is_identity_map(maps[i]):
                continue
            if full and shape == rows and str(maps[i]) == out_map:
                continue
            if not full and shape == rows and is_identity_map(maps[i]):
                continue
            return False
        return True

    def full_prologue(self, pg: Group, op: ir.Operation, operand_index: int, row: tuple) -> bool:
        """A pointwise group over the full loop space of the row reduction ``op``, read by it
        element for element: it can join the row kernel even if used later (it is stored)."""
        if operand_index >= num_inputs(op) or not is_identity_map(indexing_maps(op)[operand_index]):
            return False
        for o in pg.ops:
            if o.name != "linalg.generic" or list(domain(o)) != list(row[0]):
                return False
            maps = indexing_maps(o)
            n_in = num_inputs(o)
            if not all(is_identity_map(maps[n_in + r]) for r in range(len(o.results))):
                return False
        return True

    def prologues(self, op: ir.Operation, row: tuple | None, base: list[ir.Operation],
                  avoid: Group | None = None) -> list[Group]:
        """The pointwise groups that a reduction ``op`` takes in front of it: those only used by
        it and, for a row reduction, full-space ones read element for element (kept placeable
        together with ``base``).  Groups reading ``avoid`` (the row group being joined) are left
        out: their reads of it would not be aligned."""
        chosen: list[Group] = []
        for i, value in enumerate(op.operands):
            _, pg = self.group_of_value(value)
            if pg is None or pg.kind != "pointwise" or pg in chosen:
                continue
            if not self.only_used_by(pg, op):
                if row is None or not self.full_prologue(pg, op, i, row):
                    continue
            if avoid is not None:
                members = self.members(avoid)
                if any(self.producer(v) in members for o in pg.ops for v in o.operands):
                    continue
            trial = Group("reduction", ops=base + [o for g in chosen + [pg] for o in g.ops])
            if self.placeable(trial, op):
                chosen.append(pg)
        return chosen

    def join_row(self, op: ir.Operation, row: tuple) -> bool:
        """Add the row reduction ``op`` to the row group of a reduction it reads, if aligned."""
        candidates: list[Group] = []
        for value in op.operands:
            _, g = self.group_of_value(value)
            if g is not None and g.kind == "reduction" and g.row == row and g not in candidates:
                candidates.append(g)
        for g in candidates:
            if not self.row_aligned(g, op) or not self.placeable(g, op):
                continue
            for pg in self.prologues(op, row, list(g.ops), avoid=g):
                self.absorb(g, pg)
            self.add(g, op)
            return True
        return False

    def merge_before(self, producer: Group, group: Group) -> None:
        """Prepend the ops of ``producer`` to ``group`` (producer's values are only used there)."""
        group.ops[:0] = producer.ops
        for op in producer.ops:
            self.group_of[self.gid(op)] = group
        self.groups.remove(producer)

    def group_of_value(self, value: ir.Value) -> tuple[ir.Operation | None, Group | None]:
        pid = self.producer(value)
        if pid is None:
            return None, None
        return self.ops[pid], self.group_of.get(pid)

    # -- the walk
    def run(self) -> list[Group]:
        for op in self.ops:
            category, reason = classify(op)
            if category in ("const", "scalar", "view", "skip"):
                continue
            if category == "host":
                g = Group("host", reason=reason)
                self.add(g, op)
                self.groups.append(g)
            elif category == "pointwise":
                self.pointwise(op)
            else:
                self.anchor(op, category)
        return self.groups

    def indexed_read(self, op: ir.Operation) -> bool:
        """A pad or slice (reads its operands at computed indices) joins the pointwise groups only
        it uses: all of them, so a chain of inserts (a Concat) with its slices is one kernel."""
        joined: Group | None = None
        for value in op.operands:
            _, g = self.group_of_value(value)
            if g is None or g is joined or g.kind != "pointwise" or not self.only_used_by(g, op):
                continue
            if joined is None:
                if self.placeable(g, op):
                    self.add(g, op)
                    joined = g
            elif self.placeable(Group("pointwise", ops=joined.ops + g.ops), op):
                self.absorb(joined, g)
        return joined is not None

    def pointwise(self, op: ir.Operation) -> None:
        if op.name in ("tensor.pad",) + SLICE_OPS:
            if not self.indexed_read(op):
                g = Group("pointwise")
                self.add(g, op)
                self.groups.append(g)
            return
        for operand_index, value in enumerate(op.operands):
            prod, g = self.group_of_value(value)
            if g is None or g.kind == "host" or not self.placeable(g, op):
                continue
            if g.kind == "reduction" and g.row is not None:
                if self.row_aligned(g, op):
                    self.add(g, op)
                    return
                continue
            identity = _identity_read(op, operand_index) and (
                g.kind != "pointwise" or _result_identity(prod, value))
            if g.kind == "pointwise":
                same = identity and domain(g.last) == domain(op)
                if same or (self.only_used_by(g, op) and _identity_read(op, operand_index)):
                    self.add(g, op)
                    return
            elif identity and static_shape(value) == domain(op) and \
                    static_shape(value) == static_shape(g.anchor.results[0]):
                self.add(g, op)
                return
        g = Group("pointwise")
        self.add(g, op)
        self.groups.append(g)

    def anchor(self, op: ir.Operation, kind: str) -> None:
        row = row_space(op) if kind == "reduction" else None
        if row is not None and self.join_row(op, row):
            return
        g = Group(kind, anchor=op, row=row)
        if kind == "reduction":  # producers recomputed at the loaded indices, init at the output
            for pg in self.prologues(op, row, []):
                self.merge_before(pg, g)
            self.add(g, op)
            self.groups.append(g)
            return
        n_in = num_inputs(op)
        for i, value in enumerate(list(op.operands)):
            _, pg = self.group_of_value(value)
            if pg is None or pg.kind != "pointwise" or not self.only_used_by(pg, op):
                continue
            if i >= n_in:
                ok = True  # recomputed at the output index (init)
            elif kind == "matmul":
                ok = len(pg.ops) == 1 and is_permutation_copy(pg.ops[0])
            else:  # conv input
                ok = i == 0 and len(pg.ops) == 1 and pg.ops[0].name == "tensor.pad" \
                    and pad_value_is_zero(pg.ops[0])
            if ok:
                self.merge_before(pg, g)
        self.add(g, op)
        self.groups.append(g)
