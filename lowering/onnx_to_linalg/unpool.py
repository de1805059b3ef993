"""Lowering of the inverse windowed ops Col2Im and MaxUnpool.

Both scatter in ONNX's definition; here they are written as gathers, one `linalg.generic` over
the output with a reduction loop (so no scattered writes are needed):

* Col2Im: ``out[n, c, x...] = sum over the K block taps k`` of the column entry whose block
  covers ``x`` at tap ``k`` (``x_i + pad_i - k_i * d_i`` divisible by the stride and inside the
  block grid). The tap count ``K = C_in / C`` is static; ``block_shape`` is read at run time
  with `tensor.extract` to split ``k`` into per-dim taps.
* MaxUnpool: ``out[n, c, p...]`` takes the input value whose index (flat into the default
  output shape, as MaxPool's Indices) equals p, else 0: a reduction over the input's spatial
  positions.
"""

from __future__ import annotations

from typing import Sequence

from mlir import ir
from mlir.dialects import arith, linalg, tensor

from .lib import builders as b
from .lib import index_math as im
from .lib.casting import cast_to_result
from .lib.index_checks import constant_array, require_in_range
from .pattern import LoweringError, OnnxLoweringPattern, register_pattern
from .lib.runtime_checks import require
from .lib.types import index_constant


def _cmpi(pred: str, lhs: ir.Value, rhs: ir.Value) -> ir.Value:
    return arith.cmpi(getattr(arith.CmpIPredicate, pred), lhs, rhs)


def _numeric(elem: ir.Type, op_type: str) -> None:
    if not (b.is_float(elem) or (b.is_integer(elem) and not b.is_bool(elem))):
        raise LoweringError(f"{op_type} of element type {elem} is not supported")


def _add(lhs: ir.Value, rhs: ir.Value) -> ir.Value:
    return arith.addf(lhs, rhs) if b.is_float(lhs.type) else arith.addi(lhs, rhs)


@register_pattern
class LowerCol2Im(OnnxLoweringPattern):
    """ONNX Col2Im (N-D): a gather-sum `linalg.generic` over [N, C, image...] x K taps."""

    op_names = ("onnx.col2im",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        data, _image_shape, block_shape = op.operation.operands
        elem = b.element_type(data)
        _numeric(elem, "Col2Im")
        result = op.operation.results[0]
        if not isinstance(result.type, ir.RankedTensorType):
            raise LoweringError("Col2Im needs a ranked result type")
        out_shape = list(ir.RankedTensorType(result.type).shape)
        rank = len(out_shape) - 2
        in_shape = b.shape(data)
        if rank < 1 or len(in_shape) != 3:
            raise LoweringError(f"Col2Im input {data.type} / result {result.type} have the wrong "
                                f"ranks")
        if any(s == b.DYNAMIC for s in out_shape[1:]) or any(s == b.DYNAMIC for s in in_shape[1:]):
            raise LoweringError(f"Col2Im needs static channel, image and column sizes, got "
                                f"{data.type} -> {result.type}")
        if b.shape(block_shape) != [rank]:
            raise LoweringError(f"Col2Im block_shape must be tensor<{rank}xi64>, got "
                                f"{block_shape.type}")
        channels, image = out_shape[1], out_shape[2:]
        if in_shape[1] % channels:
            raise LoweringError(f"Col2Im input channels {in_shape[1]} are not a multiple of the "
                                f"output channels {channels}")
        taps = in_shape[1] // channels

        def attr(name: str, value, default: int, count: int) -> list[int]:
            values = list(value) if value is not None else [default] * count
            if len(values) != count:
                raise LoweringError(f"Col2Im '{name}' needs {count} values, got {values}")
            return values

        dilations = attr("dilations", op.dilations, 1, rank)
        strides = attr("strides", op.strides, 1, rank)
        pads = attr("pads", op.pads, 0, 2 * rank)
        acc_elem = b.signless(elem)
        loops = 2 + rank + 1
        init = b.fill(0.0 if b.is_float(elem) else 0, b.empty([b.dim(data, 0), *out_shape[1:]],
                                                                acc_elem))
        window = b.empty([taps], acc_elem)
        d = [ir.AffineDimExpr.get(i) for i in range(loops)]
        window_map = ir.AffineMap.get(loops, 0, [d[loops - 1]])
        out_map = ir.AffineMap.get(loops, 0, d[:loops - 1])
        src = b.to_signless(data)
        blocks = self._block_shape(block_shape, rank, taps)

        def body(_w: ir.Value, acc: ir.Value) -> ir.Value:
            n, c = linalg.IndexOp(0).result, linalg.IndexOp(1).result
            k = linalg.IndexOp(loops - 1).result
            # Split the tap k into per-dim taps (row-major over block_shape).
            per_dim = [None] * rank
            rest = k
            for i in reversed(range(rank)):
                per_dim[i] = arith.remui(rest, blocks[i])
                rest = arith.divui(rest, blocks[i])
            valid, column = None, None
            for i in range(rank):
                x = linalg.IndexOp(2 + i).result
                t = arith.subi(arith.addi(x, index_constant(pads[i])),
                               arith.muli(per_dim[i], index_constant(dilations[i])))
                # Blocks along dim i: (image + pads - d * (block - 1) - 1) / s + 1.
                extent = arith.subi(index_constant(image[i] + pads[i] + pads[rank + i] - 1),
                                    arith.muli(index_constant(dilations[i]),
                                               arith.subi(blocks[i], index_constant(1))))
                count = arith.addi(arith.divsi(extent, index_constant(strides[i])), index_constant(1))
                position = arith.divsi(t, index_constant(strides[i]))
                ok = arith.andi(_cmpi("sge", t, index_constant(0)),
                                _cmpi("eq", arith.remsi(t, index_constant(strides[i])), index_constant(0)))
                ok = arith.andi(ok, _cmpi("slt", position, count))
                valid = ok if valid is None else arith.andi(valid, ok)
                column = position if column is None else arith.addi(arith.muli(column, count),
                                                                    position)
            row = arith.addi(arith.muli(c, index_constant(taps)), k)
            last = index_constant(in_shape[2] - 1)
            safe = arith.select(valid, arith.minsi(arith.maxsi(column, index_constant(0)), last),
                                index_constant(0))
            value = tensor.extract(src, [n, row, safe])
            zero = b.scalar_constant(acc_elem, 0)
            return _add(acc, arith.select(valid, value, zero))

        out = b.generic([window], [init], [window_map, out_map],
                        ["parallel"] * (loops - 1) + ["reduction"], body)[0]
        out = b.from_signless(out, ir.RankedTensorType.get(b.shape(out), elem))
        return [cast_to_result(out, result)]

    @staticmethod
    def _block_shape(block_shape: ir.Value, rank: int, taps: int) -> list[ir.Value]:
        """The block sizes as index values; they must be positive (they divide the tap index)
        and multiply to the tap count of the input's channels."""
        known = constant_array(block_shape)
        if known is not None:
            sizes = [int(v) for v in known.reshape(-1)]
            product = 1
            for v in sizes:
                product *= v
            require(all(v > 0 for v in sizes) and product == taps,
                    f"block_shape {sizes} does not split the {taps} taps per channel")
            return [index_constant(v) for v in sizes]
        blocks = [im.extract_index(block_shape, [i]) for i in range(rank)]
        product: ir.Value | int = 1
        positive: bool | ir.Value = True
        for v in blocks:
            positive = im.and_(positive, im.cmp("gt", v, 0))
            product = im.mul(product, v)
        shown = blocks[:4]
        names = ", ".join(f"{{{i}}}" for i in range(len(shown)))
        require(im.and_(positive, im.cmp("eq", product, taps)),
                f"block_shape ({names}) does not split the {taps} taps per channel", *shown)
        return blocks


@register_pattern
class LowerMaxUnpool(OnnxLoweringPattern):
    """ONNX MaxUnpool: each output position takes the input value whose Indices entry (flat
    into the output tensor) names it, else 0; a `linalg.generic` reducing over the input's
    spatial positions of the same (n, c)."""

    op_names = ("onnx.max_unpool",)

    def rewrite(self, op) -> Sequence[ir.Value]:
        x, indices = op.x, op.i
        elem = b.element_type(x)
        _numeric(elem, "MaxUnpool")
        result = op.operation.results[0]
        if not isinstance(result.type, ir.RankedTensorType) or \
                not ir.RankedTensorType(result.type).has_static_shape:
            raise LoweringError(f"MaxUnpool needs a static result shape, got {result.type}")
        out_shape = list(ir.RankedTensorType(result.type).shape)
        in_shape = b.shape(x)
        rank = len(in_shape) - 2
        if len(out_shape) != rank + 2 or b.shape(indices) != in_shape or \
                any(s == b.DYNAMIC for s in in_shape):
            raise LoweringError(f"MaxUnpool needs static input and indices of equal shape, got "
                                f"{x.type} and {indices.type}")
        # Indices are flat into the default output (N, C, (in - 1) * s + k - pads); a larger
        # output_shape keeps the positions and leaves the rest 0 (as onnxruntime does).
        kernel = list(op.kernel_shape)
        strides = list(op.strides) if op.strides is not None else [1] * rank
        pads = list(op.pads) if op.pads is not None else [0] * (2 * rank)
        if len(kernel) != rank or len(strides) != rank or len(pads) != 2 * rank:
            raise LoweringError(f"MaxUnpool attributes do not match {rank} spatial dims")
        default = [(n - 1) * s + k - pb - pe for n, s, k, pb, pe in
                   zip(in_shape[2:], strides, kernel, pads[:rank], pads[rank:])]
        if any(o < dd for o, dd in zip(out_shape[2:], default)):
            raise LoweringError(f"MaxUnpool output {out_shape} is smaller than the default "
                                f"spatial size {default}")
        loops = 2 + 2 * rank
        d = [ir.AffineDimExpr.get(i) for i in range(loops)]
        in_map = ir.AffineMap.get(loops, 0, [d[0], d[1], *d[2 + rank:]])
        out_map = ir.AffineMap.get(loops, 0, d[:2 + rank])
        src = b.to_signless(x)
        acc_elem = b.element_type(src)
        init = b.fill(0.0 if b.is_float(elem) else 0, b.empty(out_shape, acc_elem))
        i64 = ir.IntegerType.get_signless(64)
        total = 1
        for s in out_shape:
            total *= s
        require_in_range(indices, 0, total - 1, "index {0} is out of range [0, {1}) of the output",
                         total)

        def body(xv: ir.Value, iv: ir.Value, acc: ir.Value) -> ir.Value:
            flat = arith.addi(arith.muli(linalg.IndexOp(0).result, index_constant(out_shape[1])),
                              linalg.IndexOp(1).result)
            inside = None
            for i in range(rank):
                p = linalg.IndexOp(2 + i).result
                flat = arith.addi(arith.muli(flat, index_constant(default[i])), p)
                if out_shape[2 + i] != default[i]:
                    ok = _cmpi("slt", p, index_constant(default[i]))
                    inside = ok if inside is None else arith.andi(inside, ok)
            hit = _cmpi("eq", arith.index_cast(i64, flat), b.convert_scalar(iv, i64))
            if inside is not None:
                hit = arith.andi(hit, inside)
            return arith.select(hit, xv, acc)

        out = b.generic([src, indices], [init], [in_map, in_map, out_map],
                        ["parallel"] * (2 + rank) + ["reduction"] * rank, body)[0]
        return [b.from_signless(out, result.type)]


__all__ = ["LowerCol2Im", "LowerMaxUnpool"]
