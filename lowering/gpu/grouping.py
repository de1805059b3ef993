"""``gpu-group-kernels``: group linalg-on-tensors ops into kernels and outline each group.

The grouping works from linalg structure, not from ONNX op names:

* *anchors*: ``linalg.matmul``/``linalg.batch_matmul`` (``matmul``), ``linalg.conv_2d_nchw_fchw``
  and ``linalg.depthwise_conv_2d_nchw_chw`` (``conv``) stay named, because their templates in
  ``triton_kernels/`` need to know what they are; every other named linalg op is generalized first,
  so a ``linalg.generic`` with a reduction iterator is a ``reduction`` anchor and an all-parallel
  ``linalg.generic`` (or a ``tensor.pad``) is ``pointwise``.
* *epilogues*: a pointwise op joins the group of its producer when it reads the producer's
  result element for element over the same iteration space (elementwise chains, bias + activation
  + residual add after a matmul/conv, consumers of a reduction).
* *prologues*: a pointwise group whose only user is an anchor joins it: the accumulator init
  (bias broadcast, fill), the producers of a reduction's inputs (recomputed in the kernel), a
  transpose feeding a matmul operand (strides) and a zero ``tensor.pad`` feeding a convolution
  (masked loads).  A fill (a generic without tensor inputs) used by several ops is cloned for
  each, so that every anchor takes its own init.
* *row kernels*: reductions over the same iteration space whose output is the tensor of their
  parallel dims (a "row" per output point) chain into one group with their producers and
  consumers: softmax (max, sum of exp, division), layer norm (mean, variance, normalize, scale
  and shift).  A reduction joins the group of a reduction it reads when both have the same loops;
  a pointwise op over the full loop space joins it when it reads the group's per-row values
  through the reductions' output map and its full values element for element.  Every read of a
  value that depends on a reduction of the group is aligned this way, so the kernel computes each
  reduction once per row (see ``gen_row`` in triton_codegen.py).
* ``tensor.collapse_shape``/``expand_shape`` stay in ``@main_graph`` (the runtime reshapes);
  constants stay there too (uploaded once).  Anything else becomes a ``host`` kernel, which the
  runtime runs with the CPU backend, after a warning.

Each group becomes a private ``func.func @<entry>_k<i>_<kind>`` with the unit-free attribute
``onnx_mlir.kernel_kind = "<kind>"``; ``@main_graph`` calls them in graph order.  Scalar constants
and ``tensor.empty`` are cloned into the kernels that use them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from mlir import ir
from mlir.dialects import func

from ...passes.registry import ModulePass

KIND_ATTR = "onnx_mlir.kernel_kind"
REASON_ATTR = "onnx_mlir.host_reason"

MATMUL_OPS = ("linalg.matmul", "linalg.batch_matmul")
CONV_OPS = ("linalg.conv_2d_nchw_fchw", "linalg.depthwise_conv_2d_nchw_chw")
ANCHOR_OPS = MATMUL_OPS + CONV_OPS
VIEW_OPS = ("tensor.collapse_shape", "tensor.expand_shape")
# Element types the tl.dot templates take (inputs); others are generalized (reduction kernels).
_DOT_TYPES = ("f32", "f16", "bf16", "i8")

# ---------------------------------------------------------------------------------------------
# Preparation: generalize every named linalg op that is not an anchor


def _named_ops_to_generalize() -> list[str]:
    from mlir.dialects import _linalg_ops_gen as gen

    names = {getattr(c, "OPERATION_NAME") for c in vars(gen).values() if hasattr(c, "OPERATION_NAME")}
    skip = {"linalg.generic", "linalg.index", "linalg.yield", "linalg.pack", "linalg.unpack",
            "linalg.softmax", "linalg.winograd_filter_transform", "linalg.winograd_input_transform",
            "linalg.winograd_output_transform"}
    return sorted(n for n in names if n not in skip)


def _elem(value: ir.Value) -> ir.Type:
    t = value.type
    return ir.ShapedType(t).element_type if isinstance(t, ir.ShapedType) else t


def _template_ok(op: ir.Operation) -> bool:
    """Anchors whose operand types the Triton templates take (static shapes, tl.dot types)."""
    types = [v.type for v in list(op.operands) + list(op.results)]
    if not all(isinstance(t, ir.RankedTensorType) and ir.ShapedType(t).has_static_shape for t in types):
        return False
    if "indexing_maps" in op.attributes:  # transposed matmul variants: only the default maps
        maps = [str(m) for m in ir.ArrayAttr(op.attributes["indexing_maps"])]
        default = {"linalg.matmul": ["affine_map<(d0, d1, d2) -> (d0, d2)>", "affine_map<(d0, d1, d2) -> (d2, d1)>",
                                     "affine_map<(d0, d1, d2) -> (d0, d1)>"],
                   "linalg.batch_matmul": ["affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>",
                                           "affine_map<(d0, d1, d2, d3) -> (d0, d3, d2)>",
                                           "affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>"]}
        if maps != default.get(op.name, maps):
            return False
    a, b = (str(_elem(v)) for v in list(op.operands)[:2])
    return a == b and a in _DOT_TYPES


def generalize(module: ir.Module) -> None:
    """Generalize named linalg ops except the anchors the templates take (transform dialect)."""
    keep_tag = "__onnx_mlir_gpu_anchor"
    names = _named_ops_to_generalize()
    with module.context, ir.Location.unknown():
        tagged = []

        def visit(op):
            if op.name in ANCHOR_OPS and _template_ok(op):
                op.attributes[keep_tag] = ir.UnitAttr.get()
                tagged.append(op)
            return ir.WalkResult.ADVANCE

        module.operation.walk(visit)
        _generalize_untagged(module, names, keep_tag)
        for op in tagged:
            del op.attributes[keep_tag]


def _generalize_untagged(module: ir.Module, names: list[str], keep_tag: str) -> None:
    """Tag the ops to generalize with a unique attribute and let a transform script match it."""
    from mlir.dialects.transform import interpreter

    tag = "__onnx_mlir_gpu_generalize"
    count = 0

    def visit(op):
        nonlocal count
        if op.name in names and keep_tag not in op.attributes:
            op.attributes[tag] = ir.UnitAttr.get()
            count += 1
        return ir.WalkResult.ADVANCE

    module.operation.walk(visit)
    if not count:
        return
    script = ir.Module.parse(f"""
module attributes {{transform.with_named_sequence}} {{
  transform.named_sequence @__transform_main(%root: !transform.any_op {{transform.readonly}}) {{
    %ops = transform.structured.match attributes {{{tag}}} in %root : (!transform.any_op) -> !transform.any_op
    %g = transform.structured.generalize %ops : (!transform.any_op) -> !transform.any_op
    transform.yield
  }}
}}""", module.context)
    interpreter.apply_named_sequence(module.operation, script.body.operations[0], script)

    def untag(op):
        if tag in op.attributes:
            del op.attributes[tag]
        return ir.WalkResult.ADVANCE

    module.operation.walk(untag)


# ---------------------------------------------------------------------------------------------
# Classification


def _static_tensor(t: ir.Type) -> bool:
    return isinstance(t, ir.RankedTensorType) and ir.ShapedType(t).has_static_shape


def iterator_kinds(op: ir.Operation) -> list[str]:
    return [str(a).split("<")[-1].rstrip(">") for a in ir.ArrayAttr(op.attributes["iterator_types"])]


def indexing_maps(op: ir.Operation) -> list[ir.AffineMap]:
    return [ir.AffineMapAttr(a).value for a in ir.ArrayAttr(op.attributes["indexing_maps"])]


def num_inputs(op: ir.Operation) -> int:
    sizes = ir.DenseI32ArrayAttr(op.attributes["operandSegmentSizes"])
    return sizes[0]


def _is_zero_or_const_pad(op: ir.Operation) -> bool:
    """A static tensor.pad whose region yields a value defined outside it (a constant)."""
    if "static_low" not in op.attributes:
        return False
    if len(list(op.operands)) != 1:  # dynamic low/high operands
        return False
    block = op.regions[0].blocks[0]
    yielded = list(block.operations)[-1].operands[0]
    return not (isinstance(yielded, ir.OpResult) and yielded.owner.parent.operation == op)


def classify(op: ir.Operation) -> tuple[str, str]:
    """(category, reason): category is one of const, view, skip, pointwise, reduction, matmul,
    conv, host; reason says why an op is ``host``."""
    name = op.name
    if name in ("arith.constant", "tensor.empty"):
        return "const", ""
    if name == "func.return":
        return "skip", ""
    types = [v.type for v in list(op.operands) + list(op.results)]
    if not all(_static_tensor(t) or not isinstance(t, ir.ShapedType) for t in types):
        return "host", "dynamic shapes are not supported by the GPU path"
    if name in VIEW_OPS:
        return "view", ""
    if name in MATMUL_OPS:
        return "matmul", ""
    if name in CONV_OPS:
        return "conv", ""
    if name == "tensor.pad":
        if _is_zero_or_const_pad(op):
            return "pointwise", ""
        return "host", "tensor.pad with a computed pad value"
    if name == "linalg.generic":
        if any(not isinstance(v.type, ir.RankedTensorType) for v in op.results) or len(op.results) == 0:
            return "host", "linalg.generic on buffers"
        kinds = iterator_kinds(op)
        if all(k == "parallel" for k in kinds):
            return "pointwise", ""
        if len(op.results) != 1:
            return "host", "reductions with more than one result are not supported by the GPU path"
        return "reduction", ""
    return "host", f"'{name}' has no GPU lowering"


# ---------------------------------------------------------------------------------------------
# Grouping


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


def _shape(value: ir.Value) -> tuple[int, ...]:
    return tuple(ir.ShapedType(value.type).shape)


def domain(op: ir.Operation) -> tuple[int, ...]:
    """Static iteration space of a pointwise op (its first result's shape)."""
    return _shape(op.results[0])


def static_loop_sizes(op: ir.Operation) -> list[int] | None:
    """Static size of each loop of a linalg.generic (from an operand indexed by that loop alone)."""
    maps = indexing_maps(op)
    sizes: list[int | None] = [None] * maps[0].n_dims
    for value, m in zip(op.operands, maps):
        if not isinstance(value.type, ir.ShapedType):
            continue
        shape = _shape(value)
        for k, r in enumerate(m.results):
            if isinstance(r, ir.AffineDimExpr):
                pos = ir.AffineDimExpr(r).position
                if sizes[pos] is None:
                    sizes[pos] = shape[k]
    if any(s is None for s in sizes):
        return None
    return sizes  # type: ignore[return-value]


def row_space(op: ir.Operation) -> tuple | None:
    """(loop sizes, iterator kinds, output map) of a reduction whose output is indexed by its
    parallel loops in order (one output point per "row"), else None."""
    if op.name != "linalg.generic" or len(op.results) != 1:
        return None
    kinds = iterator_kinds(op)
    sizes = static_loop_sizes(op)
    if sizes is None or "reduction" not in kinds:
        return None
    out_map = indexing_maps(op)[num_inputs(op)]
    par = [k for k, it in enumerate(kinds) if it == "parallel"]
    res = list(out_map.results)
    if len(res) != len(par) or not all(isinstance(r, ir.AffineDimExpr) for r in res):
        return None
    if [ir.AffineDimExpr(r).position for r in res] != par:
        return None
    return tuple(sizes), tuple(kinds), str(out_map)


def _is_identity_map(m: ir.AffineMap) -> bool:
    return m.is_permutation and all(
        isinstance(r, ir.AffineDimExpr) and ir.AffineDimExpr(r).position == i for i, r in enumerate(m.results))


def is_fill(op: ir.Operation) -> bool:
    """An all-parallel linalg.generic without tensor inputs (a generalized linalg.fill)."""
    if op.name != "linalg.generic" or len(op.results) != 1:
        return False
    if any(k != "parallel" for k in iterator_kinds(op)):
        return False
    return all(not isinstance(v.type, ir.ShapedType) for v in list(op.operands)[:num_inputs(op)])


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
    m = indexing_maps(consumer)[operand_index]
    return m.is_permutation and all(
        isinstance(r, ir.AffineDimExpr) and ir.AffineDimExpr(r).position == i for i, r in enumerate(m.results))


def _result_identity(producer: ir.Operation, value: ir.Value) -> bool:
    """Is ``value`` (a result of ``producer``) written with an identity map (or not a generic)?"""
    if producer.name != "linalg.generic":
        return True
    n_in = num_inputs(producer)
    index = ir.OpResult(value).result_number
    m = indexing_maps(producer)[n_in + index]
    return m.is_permutation and all(
        isinstance(r, ir.AffineDimExpr) and ir.AffineDimExpr(r).position == i for i, r in enumerate(m.results))


def is_permutation_copy(op: ir.Operation) -> bool:
    """A generic that only permutes its single input (a generalized linalg.transpose)."""
    if op.name != "linalg.generic" or num_inputs(op) != 1 or len(op.results) != 1:
        return False
    if any(k != "parallel" for k in iterator_kinds(op)):
        return False
    maps = indexing_maps(op)
    if not maps[0].is_permutation or str(maps[1]) != str(ir.AffineMap.get_minor_identity(maps[1].n_dims, maps[1].n_dims)):
        return False
    body = list(op.regions[0].blocks[0].operations)
    return len(body) == 1 and body[0].operands[0] == op.regions[0].blocks[0].arguments[0]


def pad_value_is_zero(op: ir.Operation) -> bool:
    block = op.regions[0].blocks[0]
    yielded = list(block.operations)[-1].operands[0]
    if not isinstance(yielded, ir.OpResult) or yielded.owner.name != "arith.constant":
        return False
    text = str(yielded.owner.attributes["value"]).split(":")[0].strip()
    try:
        return float(text) == 0.0
    except ValueError:
        return text in ("false",)


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
            if not all(_is_identity_map(maps[n_in + r]) for r in range(len(op.results))):
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
            shape = list(_shape(v))
            if full and shape == list(sizes) and _is_identity_map(maps[i]):
                continue
            if full and shape == rows and str(maps[i]) == out_map:
                continue
            if not full and shape == rows and _is_identity_map(maps[i]):
                continue
            return False
        return True

    def full_prologue(self, pg: Group, op: ir.Operation, operand_index: int, row: tuple) -> bool:
        """A pointwise group over the full loop space of the row reduction ``op``, read by it
        element for element: it can join the row kernel even if used later (it is stored)."""
        if operand_index >= num_inputs(op) or not _is_identity_map(indexing_maps(op)[operand_index]):
            return False
        for o in pg.ops:
            if o.name != "linalg.generic" or list(domain(o)) != list(row[0]):
                return False
            maps = indexing_maps(o)
            n_in = num_inputs(o)
            if not all(_is_identity_map(maps[n_in + r]) for r in range(len(o.results))):
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
            if category in ("const", "view", "skip"):
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

    def pointwise(self, op: ir.Operation) -> None:
        for operand_index, value in enumerate(op.operands):
            prod, g = self.group_of_value(value)
            if g is None or g.kind == "host" or not self.placeable(g, op):
                continue
            if op.name == "tensor.pad":
                if g.kind == "pointwise" and self.only_used_by(g, op):
                    self.add(g, op)
                    return
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
            elif identity and _shape(value) == domain(op) and \
                    _shape(value) == _shape(g.anchor.results[0]):
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


# ---------------------------------------------------------------------------------------------
# Outlining


def _is_clonable(value: ir.Value) -> bool:
    """Scalar constants, splat tensor constants and tensor.empty are cloned into kernels."""
    if not isinstance(value, ir.OpResult):
        return False
    owner = value.owner
    if owner.name == "tensor.empty":
        return True
    if owner.name == "arith.constant":
        if not isinstance(value.type, ir.ShapedType):
            return True
        attr = owner.attributes["value"]
        return isinstance(attr, ir.DenseElementsAttr) and ir.DenseElementsAttr(attr).is_splat
    return False


def _index_of(values: list[ir.Value], v: ir.Value) -> int:
    for i, w in enumerate(values):
        if w == v:
            return i
    return -1


def outline(fn: ir.Operation, groups: list[Group], grouper: Grouper, prefix: str) -> list[ir.Operation]:
    """Move each group into a private function and call it from ``fn``; returns the new functions."""
    # Everything that depends on the original structure is computed before anything moves.
    plans = []
    for group in groups:
        group.ops.sort(key=grouper.gid)  # joined groups may have been appended out of order
        members = grouper.members(group)
        after = grouper.ops[max(members) + 1]
        plans.append((group, members, grouper.exports(group), after))
    created = []
    for gi, (group, members, exports, after) in enumerate(plans):
        external: list[ir.Value] = []
        clones: list[ir.Value] = []
        uses: list[tuple[ir.Operation, int, bool, int]] = []  # (op, operand, is_clone, slot)

        def collect(op: ir.Operation) -> None:
            for i, v in enumerate(op.operands):
                if isinstance(v, ir.BlockArgument):
                    if v.owner.owner.operation.name != "func.func":
                        continue  # an argument of a region inside the group
                elif grouper.top(v.owner) in members:
                    continue
                bucket = clones if _is_clonable(v) else external
                slot = _index_of(bucket, v)
                if slot < 0:
                    bucket.append(v)
                    slot = len(bucket) - 1
                uses.append((op, i, bucket is clones, slot))
            for region in op.regions:
                for block in region.blocks:
                    for inner in block.operations:
                        collect(inner.operation)

        for op in group.ops:
            collect(op)
        name = f"{prefix}_k{gi}_{group.kind}"
        with fn.context, group.last.location:
            ftype = ir.FunctionType.get([v.type for v in external], [v.type for v in exports])
            with ir.InsertionPoint(fn):
                kfn = func.FuncOp(name, ftype, visibility="private")
            kfn.attributes[KIND_ATTR] = ir.StringAttr.get(group.kind)
            if group.reason:
                kfn.attributes[REASON_ATTR] = ir.StringAttr.get(group.reason)
            entry = kfn.add_entry_block()
            with ir.InsertionPoint(after):
                call = func.CallOp([v.type for v in exports], ir.FlatSymbolRefAttr.get(name), external)
            for value, new in zip(exports, call.results):
                for use_owner, use_index in [(u.owner, u.operand_number) for u in value.uses]:
                    if grouper.top(use_owner) not in members:
                        use_owner.operands[use_index] = new
            cloned = []
            with ir.InsertionPoint(entry):
                for v in clones:
                    cloned.append(v.owner.clone().results[ir.OpResult(v).result_number])
                ret = func.ReturnOp(exports)
            for op in group.ops:
                op.move_before(ret)
            for owner, index, is_clone, slot in uses:
                owner.operands[index] = cloned[slot] if is_clone else entry.arguments[slot]
        created.append(kfn.operation)
    # the calls replaced the ops: drop constants and empties that nothing uses any more
    for op in reversed(list(grouper.block.operations)):
        op = op.operation
        if op.name in ("arith.constant", "tensor.empty") and all(
                next(iter(r.uses), None) is None for r in op.results):
            op.erase()
    return created


def _untag(module: ir.Module) -> None:
    def visit(op):
        if ID_ATTR in op.attributes:
            del op.attributes[ID_ATTR]
        return ir.WalkResult.ADVANCE

    module.operation.walk(visit)


def group_function(fn: ir.Operation) -> list[Group]:
    clone_shared_fills(fn.regions[0].blocks[0])
    grouper = Grouper(fn)
    groups = grouper.run()
    prefix = ir.StringAttr(fn.attributes["sym_name"]).value
    outline(fn, groups, grouper, prefix)
    return groups


def group_module(module: ir.Module) -> None:
    """Generalize, group and outline every public function of ``module`` (in place)."""
    generalize(module)
    with module.context, ir.Location.unknown():
        for op in list(module.body.operations):
            op = op.operation
            if op.name == "func.func" and "sym_visibility" not in op.attributes and len(op.regions[0].blocks):
                group_function(op)
        _untag(module)


@dataclass
class GpuGroupKernelsPass(ModulePass):
    name: ClassVar[str] = "gpu-group-kernels"
    summary: ClassVar[str] = "Group linalg ops into kernels and outline them (onnx_mlir.kernel_kind)"

    def run(self, module: ir.Module) -> None:
        group_module(module)
