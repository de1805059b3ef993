"""What each op of a function is to the GPU grouping: anchors, pointwise ops, views, host ops.

:func:`generalize` first turns every named linalg op into a ``linalg.generic`` except the anchors
the Triton templates take (``linalg.matmul``/``batch_matmul`` and the NCHW convolutions with static
shapes and ``tl.dot`` element types).  :func:`classify` then gives each top-level op its category
(see grouping.py for what the grouping does with them); the predicates below it recognize the
generics that play a special role (fills, transposes, zero pads, row reductions).
"""

from __future__ import annotations

from mlir import ir

from .linalg_query import indexing_maps, is_static_tensor, iterator_kinds, num_inputs, static_loop_sizes

MATMUL_OPS = ("linalg.matmul", "linalg.batch_matmul")
CONV_OPS = ("linalg.conv_2d_nchw_fchw", "linalg.depthwise_conv_2d_nchw_chw")
ANCHOR_OPS = MATMUL_OPS + CONV_OPS
VIEW_OPS = ("tensor.collapse_shape", "tensor.expand_shape", "tensor.reshape")
# Slices: pointwise ops whose values are index arithmetic on their operands (codegen/slices.py).
SLICE_OPS = ("tensor.extract_slice", "tensor.insert_slice")
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
    """Anchors whose operand types the Triton templates take (ranked, static filters, tl.dot
    types); dynamic sizes are the kernels' size arguments."""
    types = [v.type for v in list(op.operands) + list(op.results)]
    if not all(isinstance(t, ir.RankedTensorType) for t in types):
        return False
    if op.name in CONV_OPS and not all(ir.ShapedType(t).has_static_shape for t in types[1:2]):
        return False  # the conv templates unroll static filters
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


def _is_zero_or_const_pad(op: ir.Operation) -> bool:
    """A static tensor.pad whose region yields a value defined outside it (a constant)."""
    if "static_low" not in op.attributes:
        return False
    if len(list(op.operands)) != 1:  # dynamic low/high operands
        return False
    block = op.regions[0].blocks[0]
    yielded = list(block.operations)[-1].operands[0]
    return not (isinstance(yielded, ir.OpResult) and yielded.owner.parent.operation == op)


# Ops whose scalar results a kernel recomputes itself (outlining clones them into every kernel
# that uses them, their tensor operands become kernel arguments): sizes (tensor.dim), elements
# (tensor.extract) and the arithmetic on them.
SCALAR_OPS = ("tensor.dim", "tensor.extract", "affine.apply")
_SCALAR_DIALECTS = ("arith.", "math.")


def is_scalar_op(op: ir.Operation) -> bool:
    """A region-free op with only scalar results that a kernel can recompute (see SCALAR_OPS)."""
    if len(op.results) == 0 or len(op.regions) != 0:
        return False
    if any(isinstance(r.type, ir.ShapedType) for r in op.results):
        return False
    return op.name in SCALAR_OPS or op.name.startswith(_SCALAR_DIALECTS)


def _reshape_target_known(op: ir.Operation) -> bool:
    """A tensor.reshape whose result shape is static or listed element by element (the plan
    computes it); a shape computed as a tensor stays in a host kernel."""
    shape = op.operands[1]
    return ir.ShapedType(op.results[0].type).has_static_shape or (
        isinstance(shape, ir.OpResult) and shape.owner.name == "tensor.from_elements")


def _is_shape_operand(op: ir.Operation) -> bool:
    """An index tensor used only as the shape operand of tensor.reshape ops."""
    uses = list(op.results[0].uses)
    return bool(uses) and all(u.owner.name == "tensor.reshape" and u.operand_number == 1 for u in uses)


def classify(op: ir.Operation) -> tuple[str, str]:
    """(category, reason): category is one of const, scalar, view, skip, pointwise, reduction,
    matmul, conv, host; reason says why an op is ``host``."""
    name = op.name
    if name in ("arith.constant", "tensor.empty"):
        return "const", ""
    if name == "func.return":
        return "skip", ""
    if is_scalar_op(op):
        return "scalar", ""
    if name in VIEW_OPS and (name != "tensor.reshape" or _reshape_target_known(op)):
        return "view", ""
    if name == "tensor.from_elements" and _is_shape_operand(op):
        return "scalar", ""  # the shape of a tensor.reshape: sizes the plan computes
    types = [v.type for v in list(op.operands) + list(op.results)]
    if not all(isinstance(t, ir.RankedTensorType) or not isinstance(t, ir.ShapedType) for t in types):
        return "host", "unranked tensors are not supported by the GPU path"
    if name in MATMUL_OPS:
        return "matmul", ""
    if name in CONV_OPS:
        return "conv", ""
    if name in SLICE_OPS:
        return "pointwise", ""
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
# Generics with a role in the grouping


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


def is_fill(op: ir.Operation) -> bool:
    """An all-parallel linalg.generic without tensor inputs (a generalized linalg.fill)."""
    if op.name != "linalg.generic" or len(op.results) != 1:
        return False
    if any(k != "parallel" for k in iterator_kinds(op)):
        return False
    return all(not isinstance(v.type, ir.ShapedType) for v in list(op.operands)[:num_inputs(op)])


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
