"""`If` nodes whose condition is known at import time are replaced by their taken branch.

torch.jit exports Python ``if``s on shapes (``if x.shape[-1] == 1: x = x.squeeze(-1)``) as ONNX
`If` nodes whose branches may return different shapes or even ranks. ONNX shape inference cannot
merge such branches and leaves the If's outputs untyped, although the condition is often a
function of static shapes and constants only. This module evaluates the conditions from
initializers, `Constant` nodes and statically known shapes (with the ONNX reference evaluator,
as :func:`.model_loading.propagate_constants` does, but in every subgraph, seeing the values of
the enclosing scopes) and inlines the taken branch: its nodes and initializers move into the
enclosing graph, and an `Identity` per output binds the If's output names to the branch's.

An If whose condition stays unknown and whose branches return different ranks cannot be lowered
to ranked tensors as it is: :func:`trap_rank_changing_branches` compiles it with the then_branch
and makes taking the else_branch a run-time error (fixing the input shapes, e.g.
``input_shapes=`` / ``--shapeInformation``, often makes the condition constant instead).
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import onnx
from onnx import helper, numpy_helper

from ..errors import OnnxImportError

_MAX_ROUNDS = 8  # inlining, then shape inference again (more static shapes), to a fixpoint


def inline_constant_ifs(model: onnx.ModelProto,
                        infer: Callable[[onnx.ModelProto], onnx.ModelProto]) -> onnx.ModelProto:
    """``model`` with every `If` of known condition replaced by its taken branch (in subgraphs
    too), shape-inferred again with ``infer`` after each round; ``model`` itself when none."""
    if not _has_if(model.graph):
        return model
    for _ in range(_MAX_ROUNDS):
        folded = onnx.ModelProto()
        folded.CopyFrom(model)
        if not _fold_graph(folded.graph, {}, {}, subgraph=False):
            return model
        model = infer(folded)
    return model


def _has_if(graph: onnx.GraphProto) -> bool:
    for node in graph.node:
        if node.op_type == "If" and node.domain in ("", "ai.onnx"):
            return True
        if any(_has_if(a.g) for a in node.attribute if a.type == onnx.AttributeProto.GRAPH):
            return True
    return False


def _fold_graph(graph: onnx.GraphProto, outer_types: dict, outer_known: dict,
                subgraph: bool) -> bool:
    """Inline the Ifs of known condition in ``graph`` (in place) and recurse into the other
    subgraphs; whether anything changed. In a subgraph with untyped values, nodes computed from
    known values become Constants too (what :func:`.model_loading.propagate_constants` does
    for the main graph): shape inference then sees e.g. Pad amounts computed from shapes."""
    from .model_checks import tensor_array
    from .node_evaluation import NONDETERMINISTIC, evaluate_node, inferred_larger_than

    types = dict(outer_types)
    types.update({v.name: v.type for v in
                  list(graph.input) + list(graph.value_info) + list(graph.output)})
    known = dict(outer_known)
    for name in [i.name for i in graph.input]:
        known.pop(name, None)  # a subgraph input shadows an outer value
    known.update({t.name: tensor_array(t, f"initializer '{t.name}'") for t in graph.initializer})
    nodes: list[onnx.NodeProto] = []
    changed = False
    fold_values = subgraph and _has_untyped(graph, types)
    for node in graph.node:
        standard = node.domain in ("", "ai.onnx")
        if standard and node.op_type == "If" and node.input and node.input[0] in known:
            nodes.extend(_taken_branch(node, bool(known[node.input[0]].reshape(-1)[0])))
            changed = True
            continue
        subgraphs = [a.g for a in node.attribute if a.type == onnx.AttributeProto.GRAPH]
        for sub in subgraphs:
            changed |= _fold_graph(sub, types, known, subgraph=True)
        values = None
        if not subgraphs and standard and node.op_type not in NONDETERMINISTIC \
                and not inferred_larger_than(node, types, 1 << 16):
            values = evaluate_node(node, known, types)
        if values is None or any(v.size > 1 << 16 for v in values):
            nodes.append(node)
            continue
        known.update({name: value for name, value in zip(node.output, values) if name})
        if not fold_values or node.op_type == "Constant":
            nodes.append(node)
            continue
        changed = True
        nodes.extend(helper.make_node("Constant", [], [name], name=f"{node.name}_{name}",
                                      value=numpy_helper.from_array(value, name))
                     for name, value in zip(node.output, values) if name)
    if changed:
        del graph.node[:]
        graph.node.extend(nodes)
    return changed


def _has_untyped(graph: onnx.GraphProto, types: dict) -> bool:
    """Whether some node output of ``graph`` has no known rank."""
    def typed(name: str) -> bool:
        t = types.get(name)
        return t is not None and (t.WhichOneof("value") != "tensor_type"
                                  or t.tensor_type.HasField("shape"))
    return any(name and not typed(name) for node in graph.node for name in node.output)


def _taken_branch(node: onnx.NodeProto, condition: bool) -> list[onnx.NodeProto]:
    """The nodes that replace ``node``: the branch's initializers as Constants, its nodes, and
    an Identity from each branch output to the If output of the same position."""
    name = "then_branch" if condition else "else_branch"
    branch = next(a.g for a in node.attribute if a.name == name)
    if len(branch.output) != len(node.output):
        raise OnnxImportError(f"the {name} returns {len(branch.output)} values for "
                              f"{len(node.output)} outputs", node=node.name or node.output[0],
                              op_type="If", domain="ai.onnx")
    inlined = [helper.make_node("Constant", [], [t.name], name=f"{node.name}_{t.name}",
                                value=numpy_helper.from_array(numpy_helper.to_array(t), t.name))
               for t in branch.initializer]
    inlined.extend(branch.node)
    for out, result in zip(branch.output, node.output):
        if result:
            inlined.append(helper.make_node("Identity", [out.name], [result],
                                            name=f"{node.name}_{result}"))
    return inlined


def _rank(type_proto: onnx.TypeProto) -> int | None:
    if type_proto.WhichOneof("value") != "tensor_type" or \
            not type_proto.tensor_type.HasField("shape"):
        return None
    return len(type_proto.tensor_type.shape.dim)


# Model metadata: JSON {first output name of an If: the branch compiled as a run-time error}; the
# importer puts it on the op (``dialects.onnx.TRAPPED_BRANCH_ATTR``).
TRAPPED_BRANCHES_KEY = "onnx_mlir.trapped_branches"


def trap_rank_changing_branches(model: onnx.ModelProto,
                                infer: Callable[[onnx.ModelProto], onnx.ModelProto]
                                ) -> onnx.ModelProto:
    """Make the first If whose condition is only known at run time and whose branches return
    different ranks compilable (``model`` itself when there is none): its then_branch gives the result types (torch.jit's special case, e.g. the
    squeeze of ``if x.shape[-1] == 1``), its else_branch becomes zero tensors of those types, and
    the op is marked so that its lowering requires the condition to hold at run time (an
    ``ExecutionError`` naming the node otherwise). A ShapeWarning says so at compile time.

    An If whose then_branch has an output of unknown rank is an OnnxImportError naming it."""
    import json
    import warnings

    from ..errors import ShapeWarning

    trapped: dict[str, str] = {}

    def visit(graph: onnx.GraphProto) -> None:
        for node in graph.node:
            if trapped:
                return  # one per round: inlining may make the next conditions constant
            subgraphs = {a.name: a for a in node.attribute if a.type == onnx.AttributeProto.GRAPH}
            if node.op_type == "If" and node.domain in ("", "ai.onnx") and \
                    {"then_branch", "else_branch"} <= subgraphs.keys():
                conflict = _rank_conflict(node, subgraphs["then_branch"].g,
                                          subgraphs["else_branch"].g)
                if conflict is not None:
                    subgraphs["else_branch"].g.CopyFrom(
                        _zeros_branch(node, subgraphs["then_branch"].g))
                    trapped[node.output[0]] = "else_branch"
                    warnings.warn(f"If '{node.name or node.output[0]}': {conflict} and the "
                                  f"condition '{node.input[0]}' is only known at run time: "
                                  f"compiled with the then_branch; a run that takes the "
                                  f"else_branch is an ExecutionError (fix the input shapes, "
                                  f"input_shapes= / --shapeInformation, if that makes the "
                                  f"condition constant)", ShapeWarning, stacklevel=2)
            for attribute in subgraphs.values():
                visit(attribute.g)

    copy = onnx.ModelProto()
    copy.CopyFrom(model)
    visit(copy.graph)
    if not trapped:
        return model
    record = {**trapped_branches(copy), **trapped}
    kept = [p for p in copy.metadata_props if p.key != TRAPPED_BRANCHES_KEY]
    del copy.metadata_props[:]
    copy.metadata_props.extend(kept)
    entry = copy.metadata_props.add()
    entry.key, entry.value = TRAPPED_BRANCHES_KEY, json.dumps(record)
    return infer(copy)


def trapped_branches(model: onnx.ModelProto) -> dict[str, str]:
    """The record of :func:`trap_rank_changing_branches` (first If output -> branch)."""
    import json

    for prop in model.metadata_props:
        if prop.key == TRAPPED_BRANCHES_KEY:
            return dict(json.loads(prop.value))
    return {}


def _rank_conflict(node: onnx.NodeProto, then: onnx.GraphProto,
                   other: onnx.GraphProto) -> str | None:
    for k, (t, e) in enumerate(zip(then.output, other.output)):
        rt, re_ = _rank(t.type), _rank(e.type)
        if rt is not None and re_ is not None and rt != re_:
            return (f"the branches return different ranks for output {k} ('{node.output[k]}': "
                    f"rank {rt} in then_branch, {re_} in else_branch)")
    return None


def _zeros_branch(node: onnx.NodeProto, then: onnx.GraphProto) -> onnx.GraphProto:
    """A branch yielding, per output of ``then``, a zero tensor of its type (static dims kept,
    dynamic ones 0): what the trapped branch yields, never read (the run fails first)."""
    nodes, outputs = [], []
    for k, out in enumerate(then.output):
        rank = _rank(out.type)
        if rank is None:
            raise OnnxImportError(f"output {k} of the then_branch has an unknown rank",
                                  node=node.name or node.output[0], op_type="If",
                                  domain="ai.onnx")
        tensor = out.type.tensor_type
        dims = [d.dim_value if d.HasField("dim_value") else 0 for d in tensor.shape.dim]
        name = f"{node.output[0]}__trapped_{k}"
        shape = numpy_helper.from_array(np.array(dims, dtype=np.int64), f"{name}_shape")
        nodes.append(helper.make_node("Constant", [], [f"{name}_shape"], value=shape))
        nodes.append(helper.make_node(
            "ConstantOfShape", [f"{name}_shape"], [name],
            value=helper.make_tensor(f"{name}_value", tensor.elem_type, [1], [0])))
        outputs.append(helper.make_tensor_value_info(name, tensor.elem_type, dims))
    return helper.make_graph(nodes, "trapped_else_branch", [], outputs)


__all__ = ["TRAPPED_BRANCHES_KEY", "inline_constant_ifs", "trap_rank_changing_branches",
           "trapped_branches"]
