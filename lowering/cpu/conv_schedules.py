"""Transform-dialect schedules for channels-last convolutions and pools (after conv_layout.py).

Each ``conv_2d_nhwc_hwcf``, ``depthwise_conv_2d_nhwc_hwc`` and ``pooling_nhwc_{max,sum}`` on f32
tensors is tiled to one output row and a register tile of ``OWt`` output columns x ``Ft`` channels
(the kernel height and the input channels become loops around it; the whole kernel width is in the
tile), decomposed to its 1-D form (``structured.decompose``: the unit output row and kernel row
drop out) and vectorized: a convolution becomes outer products of an ``OWt`` input column vector
and an ``Ft`` filter vector, accumulated in ``OWt x Ft`` registers that the vector schedule of
schedules.py hoists out of the reduction loops after bufferization.

The register tile is chosen for the ISA (:func:`conv_tiles`): ``Ft`` a divisor of the channels,
preferably one or two full vectors (16 f32 lanes on AVX-512, 8 on AVX2); ``OWt`` a divisor of the
output width (so every tile is statically shaped, which the vectorizer needs), as large as the
accumulator budget allows (16 of AVX-512's 32 registers, 12 of AVX2's 16, as measured).

Convs whose output height or width is dynamic get the schedule of conv_dynamic_width.py.

With ``threads`` > 1 the output rows are first split into ``threads`` chunks by
``tile_using_forall`` (``scf.forall``, run by the async runtime after bufferization, see
stages.py).

A conv followed by an elementwise op (bias, Relu, residual Add, ...) is scheduled through that
op instead (epilogues.py): the epilogue is tiled as above, the conv fused into its tile.
"""

from __future__ import annotations

import os

from dataclasses import dataclass

from mlir import ir

from . import epilogues
from .conv_dynamic_width import choose_dynamic_width, f32_shapes
from .tile_forwarding import forward_tile_vectors
from .transform_script import apply as _apply
from .transform_script import wrap as _wrap

TAG_ATTR = "__onnx_mlir_conv_sched"

# op -> (index of the output-width loop, of the channel loop, number of loops); the loops are
# (n, oh, ow, f, kh, kw, c) for the conv and (n, oh, ow, c, kh, kw) for the others.
_OPS = {
    "linalg.conv_2d_nhwc_hwcf": 7,
    "linalg.depthwise_conv_2d_nhwc_hwc": 6,
    "linalg.pooling_nhwc_max": 6,
    "linalg.pooling_nhwc_sum": 6,
}


@dataclass(frozen=True)
class Isa:
    """What the tile choice needs to know of the target."""

    vector_bits: int  # 512 (AVX-512) or 256 (AVX2)

    @property
    def lanes(self) -> int:  # f32 lanes per vector register
        return self.vector_bits // 32

    @property
    def accumulator_budget(self) -> int:  # vector registers the accumulator tile may take
        return 16 if self.vector_bits >= 512 else 12


def _divisors(n: int) -> list[int]:
    return [d for d in range(1, n + 1) if n % d == 0]


def _channel_tiles(channels: int, max_tile: int, lanes: int) -> list[int]:
    """Divisors of ``channels`` up to ``max_tile`` that are whole vectors, else the largest
    power-of-two divisor below a vector: other widths (24 = 16 + 8) make the vector lowering
    rebuild the accumulator element by element in every iteration."""
    aligned = [d for d in _divisors(channels) if d <= max_tile and d % lanes == 0]
    if aligned:
        return aligned
    tile = 1
    while tile * 2 <= lanes and channels % (tile * 2) == 0:
        tile *= 2
    return [tile]


def conv_tiles(out_width: int, channels: int, isa: Isa, *, max_vectors: int = 2) -> tuple[int, int]:
    """(OWt, Ft): the register tile with the most accumulator registers within the budget
    (ties: the wider channel tile)."""
    best = (1, 1)
    best_key = (-1, -1)
    for ft in _channel_tiles(channels, max_vectors * isa.lanes, isa.lanes):
        vregs = -(-ft // isa.lanes)
        for owt in _divisors(out_width):
            if owt > 8 or owt * vregs > isa.accumulator_budget:
                continue
            key = (owt * vregs, ft)
            if key > best_key:
                best, best_key = (owt, ft), key
    return best


@dataclass(frozen=True)
class ConvSchedule:
    tag: int
    parallel: tuple[int, ...] | None  # tile_using_forall sizes, None for one thread
    tiles: tuple[int, ...]


def _static_f32(op: ir.Operation) -> list[list[int]] | None:
    shapes = f32_shapes(op)
    if shapes is None:
        return None
    out = shapes[2]
    if any(s == ir.ShapedType.get_dynamic_size() for s in out[1:]) or \
            any(s == ir.ShapedType.get_dynamic_size() for s in shapes[1]):
        return None
    return shapes


# Below this many multiply-adds a conv runs on one thread: handing rows to the async runtime's
# workers costs tens of microseconds, more than a small conv takes (LeNet-5 ran 2-4x slower with
# its convs split over two threads). $ONNX_MLIR_MIN_PARALLEL_MACS overrides it (tests use 0).
MIN_PARALLEL_MACS = 1 << 21
MIN_PARALLEL_MACS_ENV = "ONNX_MLIR_MIN_PARALLEL_MACS"


def min_parallel_macs() -> int:
    text = os.environ.get(MIN_PARALLEL_MACS_ENV, "").strip()
    return int(text) if text.isdigit() else MIN_PARALLEL_MACS


def _macs(name: str, window: list[int], out: list[int]) -> int:
    """Multiply-adds of a channels-last conv/pool: every output element reads its window (and,
    for a regular conv, every input channel: the filter's third dim)."""
    per_output = window[0] * window[1] * (window[2] if name == "linalg.conv_2d_nhwc_hwcf" else 1)
    total = per_output
    for size in out:
        total *= size
    return total


def choose(op: ir.Operation, tag: int, isa: Isa, threads: int,
           min_macs: int = MIN_PARALLEL_MACS) -> ConvSchedule | None:
    """The schedule of one op, or None to leave it to the scalar path."""
    n_loops = _OPS.get(op.name)
    shapes = _static_f32(op) if n_loops else None
    if shapes is None:
        return None
    _, window, out = shapes
    _, oh, ow, channels = out
    kw = window[1]
    if op.name == "linalg.conv_2d_nhwc_hwcf":
        owt, ft = conv_tiles(ow, channels, isa)
        tiles = (1, 1, owt, ft, 1, kw, 1)
    else:  # one vector of channels per output column: each needs its own input vector
        owt, ft = conv_tiles(ow, channels, isa, max_vectors=1)
        tiles = (1, 1, owt, ft, 1, 0)
    parallel = None
    if threads > 1 and oh > 1 and _macs(op.name, window, out) >= min_macs:
        rows = -(-oh // threads)
        parallel = (0, rows) + (0,) * (n_loops - 2)
    return ConvSchedule(tag, parallel, tiles)


def _tile(handle: str, sizes: tuple[int, ...], out: str) -> str:
    n = sum(1 for s in sizes if s)
    types = ", ".join(["!transform.any_op"] * (n + 1))
    return (f"%{out}, %{out}_loops:{n} = transform.structured.tile_using_for %{handle} "
            f"tile_sizes {list(sizes)} : (!transform.any_op) -> ({types})\n")


def _fused_text(s: ConvSchedule, fusion: epilogues.Fusion) -> str:
    """Tile the epilogue over the output (rows over threads, then the register tile), fuse the
    conv and its init producers into it, then tile the conv's reduction loops (kh, kw, c) and
    vectorize everything in the tile; the accumulator becomes a vector carried by those loops."""
    body, epi, producers = epilogues.match_text(fusion, "e")
    conv = "op"
    if s.parallel is not None:
        body += epilogues.tile_epilogue_text(epi, s.parallel[:4], "ep", forall=True)
        text, conv, producers = epilogues.fuse_text(conv, producers, "ep_loop", "f0")
        body += text
        epi = "ep"
    body += epilogues.tile_epilogue_text(epi, s.tiles[:4], "et")
    text, conv, producers = epilogues.fuse_text(conv, producers, "et_loop", "f1")
    body += text
    reduction = (0, 0, 0, 0) + s.tiles[4:]
    body += _tile(conv, reduction, "t")
    body += ("%d = transform.structured.decompose %t : (!transform.any_op) -> !transform.any_op\n"
             "transform.structured.vectorize %d : !transform.any_op\n"
             "transform.structured.vectorize %et : !transform.any_op\n")
    for producer in producers:
        body += f"transform.structured.vectorize %{producer} : !transform.any_op\n"
    return body


def schedule_script(s: ConvSchedule, fusion: epilogues.Fusion | None = None) -> str:
    body = (f"%op = transform.structured.match attributes{{{TAG_ATTR} = {s.tag} : i64}} in %root "
            f": (!transform.any_op) -> !transform.any_op\n")
    if fusion is not None:
        return _wrap(body + _fused_text(s, fusion))
    handle = "op"
    if s.parallel is not None:
        body += (f"%par, %forall = transform.structured.tile_using_forall %op tile_sizes "
                 f"{list(s.parallel)} : (!transform.any_op) -> (!transform.any_op, !transform.any_op)\n")
        handle = "par"
    body += _tile(handle, s.tiles, "t")
    body += ("%d = transform.structured.decompose %t : (!transform.any_op) -> !transform.any_op\n"
             "transform.structured.vectorize %d : !transform.any_op\n")
    return _wrap(body)


_CLEANUP = """
    %funcs = transform.structured.match ops{["func.func"]} in %root : (!transform.any_op) -> !transform.any_op
    transform.apply_patterns to %funcs {
      transform.apply_patterns.vector.reduction_to_contract
      transform.apply_patterns.vector.transfer_permutation_patterns
      transform.apply_patterns.vector.cast_away_vector_leading_one_dim
      transform.apply_patterns.canonicalization
    } : !transform.any_op
"""

# Before tiling: an output written into a larger tensor (a padded input of the next conv or
# pool) gets that tensor's slice as its destination instead of a fresh tensor.empty. Once the
# epilogue is tiled, the empty tensor sits behind the tile loop's iter_args, where
# bufferization's own elimination does not find it: the whole output would be copied.
_ELIMINATE_EMPTY = """
    %funcs = transform.structured.match ops{["func.func"]} in %root : (!transform.any_op) -> !transform.any_op
    transform.bufferization.eliminate_empty_tensors %funcs : !transform.any_op
"""

_CANONICALIZE = """
    %funcs = transform.structured.match ops{["func.func"]} in %root : (!transform.any_op) -> !transform.any_op
    transform.apply_patterns to %funcs {
      transform.apply_patterns.canonicalization
    } : !transform.any_op
"""

# After the cleanup: accumulators of the fused tiles (epilogues.py) carried as vectors by the
# reduction loops instead of tensors. Loops are visited outer first, and an outer loop's subsets
# only become invariant once the inner loop's are hoisted: hence rounds.
_HOIST_ROUND = """
    %loops{i} = transform.structured.match ops{{["scf.for"]}} in %root : (!transform.any_op) -> !transform.any_op
    transform.foreach %loops{i} : !transform.any_op {{
    ^bb0(%loop{i}: !transform.any_op):
      transform.loop.hoist_loop_invariant_subsets %loop{i} : !transform.any_op
    }}
"""


def apply_conv_schedules(module: ir.Module, isa: Isa, threads: int = 1) -> int:
    """Tile and vectorize the channels-last convs/pools of ``module``; returns how many."""
    chosen: list[tuple[ConvSchedule, ir.Operation]] = []
    min_macs = min_parallel_macs()

    def tiles_for(width: int, channels: int, *, max_vectors: int) -> tuple[int, int]:
        return conv_tiles(width, channels, isa, max_vectors=max_vectors)

    def visit(op: ir.Operation) -> ir.WalkResult:
        schedule = choose(op, len(chosen), isa, threads, min_macs) or \
            choose_dynamic_width(op, len(chosen), TAG_ATTR, tiles_for)
        if schedule is not None:
            with module.context:
                op.attributes[TAG_ATTR] = ir.IntegerAttr.get(ir.IntegerType.get_signless(64),
                                                             schedule.tag)
            chosen.append((schedule, op))
        return ir.WalkResult.ADVANCE

    module.operation.walk(visit)
    if chosen:
        _apply(module, _wrap(_ELIMINATE_EMPTY))
    # One conv at a time: each script rewrites only its conv (and clones of what it fuses), so
    # the ops found above are still there when their turn comes.
    for s, op in chosen:
        if not isinstance(s, ConvSchedule):  # a dynamic width (conv_dynamic_width.py): no epilogue
            _apply(module, s.script())
            continue
        with module.context:
            fusion = epilogues.tag(op, s.tag)
        _apply(module, schedule_script(s, fusion))
    epilogues.untag(module)
    if chosen:
        hoists = "".join(_HOIST_ROUND.format(i=i) for i in range(3))
        _apply(module, _wrap(_CLEANUP + hoists))
        forward_tile_vectors(module)
        _apply(module, _wrap(_CANONICALIZE))
    return len(chosen)
