"""Forward a tile's vector from its write to its read, on tensors, through unit-dim slices.

After an epilogue is fused into a conv tile (epilogues.py) and the accumulator hoisted, each
tile still writes its accumulator into a tile-sized tensor and reads it back for the epilogue
(and the bias into it, to start the accumulator), through rank-reducing slices that the
upstream read-after-write folding does not look through. Bufferized, that tensor is a buffer as
large as the conv output, written and read once per run: pages to fault in, traffic to pay.

Here a ``vector.transfer_read`` of a whole tensor is replaced by the vector a
``vector.transfer_write`` wrote over that whole tensor, when only slices covering the whole
tensor (zero offsets, unit dims dropped or added) are between them and both use the same
element order (minor-identity maps, unit leading dims). Dead writes and slices then go with
canonicalization.
"""

from __future__ import annotations

from mlir import ir


def _owner(value: ir.Value) -> ir.Operation | None:
    owner = value.owner
    if isinstance(owner, ir.Block):
        return None
    return owner.operation if hasattr(owner, "operation") else owner


def _non_unit(shape) -> list[int]:
    return [d for d in shape if d != 1]


def _covers(small: ir.Type, large: ir.Type) -> bool:
    """Whether a tensor of type ``small`` placed at offset 0 covers all of ``large``."""
    s, t = ir.RankedTensorType(small), ir.RankedTensorType(large)
    return s.has_static_shape and t.has_static_shape and _non_unit(s.shape) == _non_unit(t.shape)


def _full_slice(op: ir.Operation) -> bool:
    """A slice op with zero offsets and unit strides (static) whose tile is the whole tensor."""
    offsets = list(ir.DenseI64ArrayAttr(op.attributes["static_offsets"]))
    strides = list(ir.DenseI64ArrayAttr(op.attributes["static_strides"]))
    if any(o != 0 for o in offsets) or any(s != 1 for s in strides):
        return False
    if op.name == "tensor.extract_slice":
        return _covers(op.results[0].type, op.operands[0].type)
    return _covers(op.operands[0].type, op.operands[1].type)


def _zero_indices(op: ir.Operation, first: int, count: int) -> bool:
    for v in list(op.operands)[first:first + count]:
        owner = _owner(v)
        if owner is None or owner.name != "arith.constant" or ir.IntegerAttr(owner.attributes["value"]).value != 0:
            return False
    return True


def _minor_identity(op: ir.Operation, rank: int) -> bool:
    amap = ir.AffineMapAttr(op.attributes["permutation_map"]).value
    results = [str(r) for r in amap.results]
    return results == [f"d{i}" for i in range(rank - len(results), rank)]


def _whole_access(op: ir.Operation, tensor: ir.Value, vector_type: ir.Type, first_index: int) -> bool:
    """A transfer of ``vector_type`` at index 0 in every dim, no mask, in the tensor's own order,
    over all of ``tensor``."""
    t = ir.RankedTensorType(tensor.type)
    segments = list(ir.DenseI32ArrayAttr(op.attributes["operandSegmentSizes"]))
    if segments[-1] != 0 or not t.has_static_shape:
        return False
    vector = ir.VectorType(vector_type)
    return (_zero_indices(op, first_index, t.rank) and _minor_identity(op, t.rank)
            and list(vector.shape) == list(t.shape)[t.rank - vector.rank:]
            and _non_unit(vector.shape) == _non_unit(t.shape))


def _written_vector(read: ir.Operation) -> ir.Value | None:
    vector_type = read.results[0].type
    if not _whole_access(read, read.operands[0], vector_type, 1):
        return None
    value = read.operands[0]
    while True:
        producer = _owner(value)
        if producer is None:
            return None
        if producer.name in ("tensor.extract_slice", "tensor.insert_slice") and len(producer.operands) == 2 - (producer.name == "tensor.extract_slice"):
            if not _full_slice(producer):
                return None
            value = producer.operands[0]
            continue
        if producer.name == "vector.transfer_write":
            written = producer.operands[0]
            if written.type != vector_type or not _whole_access(producer, producer.results[0], vector_type, 2):
                return None
            return written
        return None


def forward_tile_vectors(module: ir.Module) -> int:
    """Replace whole-tensor reads of whole-tensor writes by the written vectors; returns how many."""
    reads: list[ir.Operation] = []

    def visit(op: ir.Operation) -> ir.WalkResult:
        if op.name == "vector.transfer_read":
            reads.append(op)
        return ir.WalkResult.ADVANCE

    module.operation.walk(visit)
    forwarded = 0
    for read in reads:
        vector = _written_vector(read)
        if vector is not None:
            read.results[0].replace_all_uses_with(vector)
            forwarded += 1
    return forwarded
