"""Evaluating one ONNX node at import time from known values (initializers, Constants, static
shapes), with the ONNX reference evaluator: shared by the main-graph constant propagation
(:func:`.model_loading.propagate_constants`) and the If folding of :mod:`.constant_if`."""

from __future__ import annotations

import onnx

# Ops never evaluated at import time (not functions of their inputs).
NONDETERMINISTIC = frozenset({"RandomNormal", "RandomNormalLike", "RandomUniform",
                               "RandomUniformLike", "Bernoulli", "Multinomial"})


def inferred_larger_than(node: onnx.NodeProto, types: dict, max_elements: int) -> bool:
    """Whether shape inference gave some output more than ``max_elements`` elements: such a
    node is not evaluated (a ConstantOfShape of terabytes would be allocated before the result
    size is looked at)."""
    for name in node.output:
        t = types.get(name)
        if t is None or t.WhichOneof("value") != "tensor_type":
            continue
        count = 1
        for d in t.tensor_type.shape.dim:
            count *= d.dim_value if d.HasField("dim_value") else 1
        if count > max_elements:
            return True
    return False


def evaluate_node(node, known, types):
    import warnings

    import numpy as np

    if node.op_type in ("Shape", "Size") and node.input[0] not in known:
        t = types.get(node.input[0])
        if t is None or t.WhichOneof("value") != "tensor_type" or not t.tensor_type.HasField("shape"):
            return None
        dims = t.tensor_type.shape.dim
        if not all(d.HasField("dim_value") for d in dims):
            return None
        shape = [d.dim_value for d in dims]
        if node.op_type == "Size":
            return [np.array(int(np.prod(shape, dtype=np.int64)), dtype=np.int64)]
        attrs = {a.name: a.i for a in node.attribute}
        start, end = attrs.get("start", 0), attrs.get("end", len(shape))
        return [np.array(shape[slice(start, end)], dtype=np.int64)]
    if not all(not name or name in known for name in node.input):
        return None
    try:
        from onnx.reference import ReferenceEvaluator

        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            outputs = ReferenceEvaluator(node).run(
                None, {name: known[name] for name in node.input if name})
    except Exception:  # not implemented by the reference, or invalid: keep the node
        return None
    if len(outputs) != len(node.output) or not all(isinstance(o, np.ndarray) for o in outputs):
        return None
    return [np.asarray(o) for o in outputs]
