"""Elementwise fusion on tensors: chains of elementwise ``linalg.generic`` ops become one loop nest.

Upstream ``linalg-fuse-elementwise-ops`` fuses an elementwise producer with one user into its
consuming generic, so intermediate tensors (bias adds, GELU's and LayerNorm's elementwise steps,
Add + Relu) are neither allocated nor written and read back. It has no control over *which*
consumers it fuses into, though: it also propagates reshapes through named contractions (turning
a ``linalg.matmul`` into a generic that no schedule matches any more) and fuses elementwise
producers into contractions, where they are recomputed for every element of the reduction
(a LayerNorm output fused into a matmul would be computed N times).

So the ops fusion must not touch are *outlined* first: each is moved into a private function of
its own and called; the upstream pass then sees opaque calls; the calls are inlined again after
it. Outlined: every linalg op but ``linalg.generic``/``fill``/``transpose``/``broadcast``, and the
generics that reduce with an input read at fewer dims than the loops (contractions: einsum,
broadcast batch matmuls). Reductions reading every element once (sums, max, mean) stay: fusing
an elementwise producer into them computes it once per element, as before. Generics on bf16 are
kept out as well: bf16 arithmetic is emulated in f32 with ``contract`` conversions, and in one
fused body the f32 -> bf16 -> f32 round trip between two ONNX ops folds away, dropping the
rounding ONNX asks for after each op.
"""

from __future__ import annotations

from mlir import ir, passmanager
from mlir.dialects import func

KERNEL_PREFIX = "__onnx_mlir_fusion_barrier_"
_FUSABLE_NAMED = frozenset({"linalg.generic", "linalg.fill", "linalg.transpose", "linalg.broadcast",
                            "linalg.yield", "linalg.index"})
FUSION_PIPELINE = "builtin.module(linalg-fuse-elementwise-ops, inline, symbol-dce)"


def _is_contraction_generic(op: ir.Operation) -> bool:
    if "reduction" not in str(op.attributes["iterator_types"]):
        return False
    maps = [ir.AffineMapAttr(m).value for m in ir.ArrayAttr(op.attributes["indexing_maps"])]
    n_inputs = len(op.operands) - ir.DenseI32ArrayAttr(op.attributes["operandSegmentSizes"])[1]
    return any(not m.is_permutation for m in maps[:n_inputs])


def _has_bf16(op: ir.Operation) -> bool:
    values = list(op.operands) + list(op.results)
    return any(isinstance(v.type, ir.ShapedType) and isinstance(v.type.element_type, ir.BF16Type)
               for v in values)


def _protected(op: ir.Operation) -> bool:
    if not op.name.startswith("linalg."):
        return False
    if op.name == "linalg.generic":
        return _is_contraction_generic(op) or _has_bf16(op)
    return op.name not in _FUSABLE_NAMED


def _is_ancestor(ancestor: ir.Operation, op: ir.Operation | None) -> bool:
    while op is not None:
        if op == ancestor:
            return True
        parent = op.parent
        op = parent.operation if parent is not None else None
    return False


def _defining_op(value: ir.Value) -> ir.Operation | None:
    owner = value.owner
    if isinstance(owner, ir.Block):
        return owner.owner.operation if owner.owner is not None else None
    return owner.operation if hasattr(owner, "operation") else owner


def _captured(op: ir.Operation) -> list[ir.Value]:
    """Values used inside ``op``'s regions but defined outside ``op``."""
    seen: list[ir.Value] = []

    def visit(inner: ir.Operation) -> ir.WalkResult:
        if inner != op:
            for v in inner.operands:
                if not _is_ancestor(op, _defining_op(v)) and v not in seen:
                    seen.append(v)
        return ir.WalkResult.ADVANCE

    op.walk(visit)
    return seen


def _outline(op: ir.Operation, module: ir.Module, index: int) -> None:
    operands = list(op.operands)
    captured = [v for v in _captured(op) if v not in operands]
    args = operands + captured
    results = [r.type for r in op.results]
    name = f"{KERNEL_PREFIX}{index}"
    with ir.InsertionPoint(module.body), op.location:
        callee = func.FuncOp(name, ([a.type for a in args], results), visibility="private")
        entry = callee.add_entry_block()
    with ir.InsertionPoint(op), op.location:
        call = func.CallOp(results, ir.FlatSymbolRefAttr.get(name), args)
    for old, new in zip(op.results, call.results):
        old.replace_all_uses_with(new)
    with ir.InsertionPoint(entry), op.location:
        ret = func.ReturnOp(list(op.results))
    op.move_before(ret.operation)
    for i, (old, new) in enumerate(zip(operands, entry.arguments)):
        op.operands[i] = new
    mapping = dict(zip(captured, list(entry.arguments)[len(operands):]))

    def rewire(inner: ir.Operation) -> ir.WalkResult:
        if inner != op:
            for i, v in enumerate(inner.operands):
                for old, new in mapping.items():
                    if v == old:
                        inner.operands[i] = new
        return ir.WalkResult.ADVANCE

    if mapping:
        op.walk(rewire)


def fuse_elementwise(module: ir.Module, max_depth: int = 0) -> int:
    """Fuse elementwise chains of ``module`` (linalg on tensors); returns how many ops were kept
    out of the fusion. ``max_depth``: chains are cut every that many generics (0: the default,
    fusion_depth.MAX_FUSION_DEPTH)."""
    protected: list[ir.Operation] = []

    def visit(op: ir.Operation) -> ir.WalkResult:
        if _protected(op):
            protected.append(op)
            return ir.WalkResult.SKIP
        return ir.WalkResult.ADVANCE

    module.operation.walk(visit)
    from .fusion_depth import MAX_FUSION_DEPTH, depth_cuts
    # (long chains: fusion is quadratic in their length)
    protected += depth_cuts(module, _protected, max_depth or MAX_FUSION_DEPTH)
    with module.context:
        for i, op in enumerate(protected):
            _outline(op, module, i)
    passmanager.PassManager.parse(FUSION_PIPELINE, module.context).run(module.operation)
    return len(protected)
