"""Schedules for channels-last convs and pools whose output height or width is dynamic.

Models exported with dynamic image sizes (PaddleOCR, detectors) have convs whose spatial dims are
known only at run time; conv_schedules.py needs them static (its register tile divides the
output width), and without a schedule such a conv ran as scalar loops, 100x slower than
onnxruntime. Here the output width is tiled by the ISA's register tile ``OWt`` (as if the width
were a multiple of 8) and the channels by ``Ft`` (channels come from the constant filter, so they
are static); the width loop is then peeled (``transform.loop.peel``): its full tiles are static
and vectorize like the static case (once canonicalized: the peeled bounds fold to constants),
and the remainder tile (fewer than ``OWt`` columns) is tiled
again one column at a time, which is static too. Height and batch are tiled by one, which any
size allows. These convs stay on one thread: their size is not known when the code is built.
"""

from __future__ import annotations

from dataclasses import dataclass

from mlir import ir

from .transform_script import wrap

_N_LOOPS = {
    "linalg.conv_2d_nhwc_hwcf": 7,
    "linalg.depthwise_conv_2d_nhwc_hwc": 6,
    "linalg.pooling_nhwc_max": 6,
    "linalg.pooling_nhwc_sum": 6,
}
_DYNAMIC = ir.ShapedType.get_dynamic_size()
WIDTH_LOOP = 2  # (n, oh, ow, ...): every schedule below tiles n and oh too


@dataclass(frozen=True)
class DynamicWidthSchedule:
    tag: int
    tag_attr: str
    tiles: tuple[int, ...]

    def script(self) -> str:
        n = sum(1 for s in self.tiles if s)
        any_ops = ", ".join(["!transform.any_op"] * (n + 1))
        one_column = tuple(1 if i == WIDTH_LOOP else 0 for i in range(len(self.tiles)))
        match = f"transform.structured.match attributes{{{self.tag_attr} = {self.tag} : i64}}"
        return wrap(
            f"%op = {match} in %root : (!transform.any_op) -> !transform.any_op\n"
            f"%t, %loops:{n} = transform.structured.tile_using_for %op tile_sizes {list(self.tiles)} "
            f": (!transform.any_op) -> ({any_ops})\n"
            f"%w = transform.cast %loops#{WIDTH_LOOP} : !transform.any_op to !transform.op<\"scf.for\">\n"
            "%full, %rest = transform.loop.peel %w : (!transform.op<\"scf.for\">) "
            "-> (!transform.any_op, !transform.any_op)\n"
            "transform.apply_patterns to %full { transform.apply_patterns.canonicalization } : !transform.any_op\n"
            f"%in_full = {match} in %full : (!transform.any_op) -> !transform.any_op\n"
            "%d = transform.structured.decompose %in_full : (!transform.any_op) -> !transform.any_op\n"
            "transform.structured.vectorize %d : !transform.any_op\n"
            f"%in_rest = {match} in %rest : (!transform.any_op) -> !transform.any_op\n"
            f"%c, %c_loop = transform.structured.tile_using_for %in_rest tile_sizes {list(one_column)} "
            ": (!transform.any_op) -> (!transform.any_op, !transform.any_op)\n"
            "transform.apply_patterns to %rest { transform.apply_patterns.canonicalization } : !transform.any_op\n"
            f"%in_col = {match} in %rest : (!transform.any_op) -> !transform.any_op\n"
            "%d2 = transform.structured.decompose %in_col : (!transform.any_op) -> !transform.any_op\n"
            "transform.structured.vectorize %d2 : !transform.any_op\n")


def f32_shapes(op: ir.Operation) -> list[list[int]] | None:
    """The shapes of a conv/pool's input, filter (window) and output, if all are f32 tensors."""
    shapes = []
    for v in list(op.operands)[:3]:
        t = v.type
        if not isinstance(t, ir.RankedTensorType) or not isinstance(t.element_type, ir.F32Type):
            return None
        shapes.append(list(t.shape))
    return shapes


def choose_dynamic_width(op: ir.Operation, tag: int, tag_attr: str,
                         conv_tiles) -> DynamicWidthSchedule | None:
    """The schedule of a conv/pool with a dynamic output height or width (and static channels
    and window), else None. ``conv_tiles(width, channels, max_vectors=)`` picks the register
    tile (conv_schedules.py, bound to the ISA)."""
    if op.name not in _N_LOOPS:
        return None
    shapes = f32_shapes(op)
    if shapes is None:
        return None
    _, window, out = shapes
    if _DYNAMIC in window or out[3] == _DYNAMIC or (out[1] != _DYNAMIC and out[2] != _DYNAMIC):
        return None
    kw = window[1]
    if op.name == "linalg.conv_2d_nhwc_hwcf":
        owt, ft = conv_tiles(8, out[3], max_vectors=2)
        tiles = (1, 1, owt, ft, 1, kw, 1)
    else:
        owt, ft = conv_tiles(8, out[3], max_vectors=1)
        tiles = (1, 1, owt, ft, 1, 0)
    return DynamicWidthSchedule(tag, tag_attr, tiles)
