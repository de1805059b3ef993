"""Epilogues fused into the tiles of a conv or matmul (tile-and-fuse), as transform-script text.

A conv/matmul is usually followed by an elementwise op on its result (bias add, Relu, Clip,
GELU, a residual Add: one ``linalg.generic`` after cpu-fuse-elementwise), and its accumulator
starts from a broadcast bias (possibly behind a transpose to channels-last) or a fill. Run as
separate loop nests, each of these writes a whole tensor that the next reads back from memory.

Here the *epilogue* (the elementwise consumer) is tiled instead of the contraction, and the
contraction is fused into the epilogue's tile loop (``structured.fuse_into_containing_op``), then
the producers of its accumulator init (fill, transpose, broadcast, elementwise generics) are
fused after it: each tile computes its bias, accumulates, and applies the epilogue while the tile
is in registers or cache. The schedules (conv_schedules.py, schedules.py) then tile the fused
contraction's reduction loops and vectorize as before. Epilogues that also read a run-time
tensor element for element (a residual Add) are left out (see :func:`_whole_tensor`).

Python finds the ops (:func:`epilogue_of`, :func:`init_producers`) and tags them with the
contraction's tag, one contraction at a time (each with its own script), so that a producer
shared by several contractions (one bias broadcast for two convs) is fused into each: it is
re-tagged for each, and the clones fused earlier keep the earlier tag.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from mlir import ir

EPILOGUE_ATTR = "__onnx_mlir_epilogue"
INIT_ATTR = "__onnx_mlir_epilogue_init"  # value: the producer's distance from the contraction
OWNER_ATTR = "__onnx_mlir_epilogue_owner"  # value: the tag of the contraction it is fused into
_INIT_PRODUCERS = ("linalg.fill", "linalg.transpose", "linalg.broadcast", "linalg.generic")
_ANY = "!transform.any_op"
DISABLE_ENV = "ONNX_MLIR_FUSE_EPILOGUES"  # "0": no epilogue fusion (for A/B measurements)


def enabled() -> bool:
    return os.environ.get(DISABLE_ENV, "").strip() != "0"


def _identity(map_attr: ir.Attribute, rank: int) -> bool:
    amap = ir.AffineMapAttr(map_attr).value
    return amap == ir.AffineMap.get_identity(rank)


def _owner(value: ir.Value) -> ir.Operation | None:
    owner = value.owner
    if isinstance(owner, ir.Block):
        return None
    return owner.operation if hasattr(owner, "operation") else owner


def _all_parallel(op: ir.Operation) -> bool:
    return all("parallel" in str(t) for t in ir.ArrayAttr(op.attributes["iterator_types"]))


def epilogue_of(op: ir.Operation) -> ir.Operation | None:
    """The elementwise op that is the only user of ``op``'s result and reads it element for
    element (same iteration space, identity maps), or None."""
    result = op.results[0]
    uses = list(result.uses)
    if len(uses) != 1:
        return None
    user = _owner_of_use(uses[0])
    if user is None or user.name != "linalg.generic" or len(user.results) != 1:
        return None
    result_type = result.type
    if not isinstance(result_type, ir.RankedTensorType) or user.results[0].type != result_type:
        return None
    if not _all_parallel(user):
        return None
    rank = result_type.rank
    maps = list(ir.ArrayAttr(user.attributes["indexing_maps"]))
    n_inputs = len(user.operands) - len(user.results)
    index = uses[0].operand_number
    if index >= n_inputs or not _identity(maps[index], rank) or not _identity(maps[-1], rank):
        return None
    others = [(o, maps[i]) for i, o in enumerate(list(user.operands)[:n_inputs]) if i != index]
    if any(o == result for o, _ in others) or any(_whole_tensor(o, m) for o, m in others):
        return None
    return user


def _whole_tensor(value: ir.Value, map_attr: ir.Attribute) -> bool:
    """A run-time tensor read element for element (a residual): read inside the tile loop, it
    made one-shot bufferization copy the block's input and the next conv's padded input (out
    of place) around the loop, costing more than the fusion saves (ResNet-18)."""
    owner = _owner(value)
    if owner is not None and owner.name == "arith.constant":
        return False
    return ir.AffineMapAttr(map_attr).value.is_permutation


def _owner_of_use(use) -> ir.Operation | None:
    owner = use.owner
    return owner.operation if hasattr(owner, "operation") else owner


def init_producers(op: ir.Operation) -> list[ir.Operation]:
    """The chain of cheap producers of ``op``'s accumulator init (the last operand), nearest
    first: fill, transpose, broadcast or elementwise generic, each taking the previous one's
    init-like operand (a generic's first input), up to a non-linalg value."""
    chain: list[ir.Operation] = []
    value = op.operands[len(op.operands) - 1]
    while True:
        producer = _owner(value)
        if producer is None or producer.name not in _INIT_PRODUCERS or len(producer.results) != 1:
            return chain
        if producer.name == "linalg.generic" and not _all_parallel(producer):
            return chain
        chain.append(producer)
        if producer.name == "linalg.fill" or len(producer.operands) < 2:
            return chain
        value = producer.operands[0]


def _set(op: ir.Operation, name: str, value: int) -> None:
    op.attributes[name] = ir.IntegerAttr.get(ir.IntegerType.get_signless(64), value)


@dataclass(frozen=True)
class Fusion:
    """What one contraction's script fuses: its epilogue, and how many init producers."""

    owner: int  # the contraction's tag
    n_init: int


def tag(op: ir.Operation, owner: int) -> Fusion | None:
    """Tag the epilogue and init producers of ``op`` (tagged ``owner`` by its schedule) for
    :func:`match_text`; None (nothing tagged) when ``op`` has no epilogue."""
    epilogue = epilogue_of(op) if enabled() else None
    if epilogue is None:
        return None
    chain = init_producers(op)
    _set(epilogue, EPILOGUE_ATTR, owner)
    for distance, producer in enumerate(chain):
        _set(producer, INIT_ATTR, distance)
        _set(producer, OWNER_ATTR, owner)
    return Fusion(owner, len(chain))


def untag(module: ir.Module) -> None:
    """Remove the tags of :func:`tag` (from the fused clones too)."""
    def visit(op: ir.Operation) -> ir.WalkResult:
        for name in (EPILOGUE_ATTR, INIT_ATTR, OWNER_ATTR):
            if name in op.attributes:
                del op.attributes[name]
        return ir.WalkResult.ADVANCE

    module.operation.walk(visit)


def _match(attrs: dict[str, int]) -> str:
    text = ", ".join(f"{name} = {value} : i64" for name, value in attrs.items())
    return f"transform.structured.match attributes{{{text}}} in %root : ({_ANY}) -> {_ANY}\n"


def tile_epilogue_text(handle: str, sizes: tuple[int, ...], out: str, forall: bool = False) -> str:
    """Tile the epilogue ``handle`` (``%out``: the tiled op, ``%out_loop``: the innermost loop)."""
    if forall:
        return (f"%{out}, %{out}_loop = transform.structured.tile_using_forall %{handle} "
                f"tile_sizes {list(sizes)} : ({_ANY}) -> ({_ANY}, {_ANY})\n")
    n = sum(1 for s in sizes if s)
    types = ", ".join([_ANY] * (n + 1))
    names = ", ".join([f"%{out}_l{i}" for i in range(n - 1)] + [f"%{out}_loop"])
    return (f"%{out}, {names} = transform.structured.tile_using_for %{handle} tile_sizes "
            f"{list(sizes)} : ({_ANY}) -> ({types})\n")


def fuse_text(contraction: str, producers: list[str], loop: str, out: str) -> tuple[str, str, list[str]]:
    """Fuse ``contraction`` then its init ``producers`` (handles, nearest first) into ``loop``,
    then remove the dead clones that fusing a producer with other users can leave there
    (vectorizing the producers' handles would fail on them).

    Returns the text, the fused contraction's handle and the fused producers' handles."""
    text = (f"%{out}_c, %{out}_cl = transform.structured.fuse_into_containing_op %{contraction} "
            f"into %{loop} : ({_ANY}, {_ANY}) -> ({_ANY}, {_ANY})\n")
    fused = []
    current_loop = f"{out}_cl"
    for i, producer in enumerate(producers):
        text += (f"%{out}_p{i}, %{out}_pl{i} = transform.structured.fuse_into_containing_op "
                 f"%{producer} into %{current_loop} : ({_ANY}, {_ANY}) -> ({_ANY}, {_ANY})\n")
        current_loop = f"{out}_pl{i}"
        fused.append(f"{out}_p{i}")
    text += f"transform.apply_dce to %{current_loop} : {_ANY}\n"
    return text, f"{out}_c", fused


def match_text(fusion: Fusion, prefix: str) -> tuple[str, str, list[str]]:
    """Handles of the tagged epilogue (``%<prefix>_epi``) and init producers."""
    text = f"%{prefix}_epi = {_match({EPILOGUE_ATTR: fusion.owner})}"
    producers = []
    for i in range(fusion.n_init):
        text += f"%{prefix}_init{i} = {_match({INIT_ATTR: i, OWNER_ATTR: fusion.owner})}"
        producers.append(f"{prefix}_init{i}")
    return text, f"{prefix}_epi", producers
