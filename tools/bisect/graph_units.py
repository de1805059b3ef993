"""The main graph as a list of units in topological order, and a copy of the model exposing them.

A unit is one node of the main graph. Values computed inside a subgraph (the bodies of If, Loop,
Scan) cannot be graph outputs, so a control-flow node is one unit whose inputs also include the
outer values its subgraphs capture.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import Mapping

import onnx
from onnx import TensorProto

from ...errors import OnnxImportError

# Element types that the CPU runtime cannot return (see README "Supported ops and types"): a
# value of one of these types stays internal, it is not exposed.
_NOT_RETURNABLE = frozenset({TensorProto.UNDEFINED, TensorProto.STRING, TensorProto.COMPLEX64,
                             TensorProto.COMPLEX128, TensorProto.FLOAT4E2M1,
                             TensorProto.FLOAT8E8M0})


@dataclass(frozen=True)
class GraphUnit:
    """One node of the main graph at ``position`` in topological order.

    ``inputs``: the node's non-empty inputs, then ``captured``: outer values read by its
    subgraphs. ``outputs``: its non-empty outputs."""

    position: int
    node: onnx.NodeProto
    inputs: tuple[str, ...]
    captured: tuple[str, ...]
    outputs: tuple[str, ...]

    @property
    def label(self) -> str:
        name = self.node.name or f"#{self.position}"
        return f"'{name}' ({self.node.domain or 'ai.onnx'}::{self.node.op_type})"


def _subgraphs(node: onnx.NodeProto) -> list[onnx.GraphProto]:
    graphs = []
    for attr in node.attribute:
        if attr.type == onnx.AttributeProto.GRAPH:
            graphs.append(attr.g)
        elif attr.type == onnx.AttributeProto.GRAPHS:
            graphs.extend(attr.graphs)
    return graphs


def captured_names(graph: onnx.GraphProto) -> set[str]:
    """Names ``graph`` (and the graphs nested in it) reads without defining them."""
    defined = {v.name for v in graph.input} | {t.name for t in graph.initializer}
    used: set[str] = set()
    for node in graph.node:
        used.update(name for name in node.input if name)
        for sub in _subgraphs(node):
            used |= captured_names(sub)
        defined.update(node.output)
    used.update(v.name for v in graph.output)
    return used - defined


def graph_units(graph: onnx.GraphProto) -> list[GraphUnit]:
    """The nodes of ``graph`` as units, in a topological order that keeps the file's order
    wherever the file is already sorted (ONNX requires it, some exporters do not comply)."""
    nodes = list(graph.node)
    producer = {name: i for i, node in enumerate(nodes) for name in node.output if name}
    reads: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
    for node in nodes:
        explicit = tuple(dict.fromkeys(name for name in node.input if name))
        inner = set().union(*(captured_names(g) for g in _subgraphs(node)))
        reads.append((explicit, tuple(sorted(inner - set(explicit)))))
    dependents: list[list[int]] = [[] for _ in nodes]
    pending = [0] * len(nodes)
    for i, (explicit, captured) in enumerate(reads):
        for j in {producer[n] for n in explicit + captured if n in producer and producer[n] != i}:
            dependents[j].append(i)
            pending[i] += 1
    ready = [i for i, count in enumerate(pending) if count == 0]
    heapq.heapify(ready)
    units: list[GraphUnit] = []
    while ready:
        i = heapq.heappop(ready)
        explicit, captured = reads[i]
        units.append(GraphUnit(len(units), nodes[i], explicit + captured, captured,
                               tuple(name for name in nodes[i].output if name)))
        for k in dependents[i]:
            pending[k] -= 1
            if pending[k] == 0:
                heapq.heappush(ready, k)
    if len(units) != len(nodes):
        stuck = [nodes[i].name or nodes[i].op_type for i, c in enumerate(pending) if c]
        raise OnnxImportError(f"the graph has a cycle through nodes {stuck[:5]}")
    return units


def exposable_types(value_types: Mapping[str, onnx.TypeProto]) -> dict[str, onnx.TypeProto]:
    """The values of ``value_types`` (shape-inferred) that can become graph outputs: ranked
    tensors of an element type the CPU runtime returns."""
    types = {}
    for name, type_proto in value_types.items():
        if type_proto.WhichOneof("value") != "tensor_type":
            continue
        tensor = type_proto.tensor_type
        if tensor.HasField("shape") and tensor.elem_type not in _NOT_RETURNABLE:
            types[name] = type_proto
    return types


def with_outputs(model: onnx.ModelProto, names: list[str],
                 types: dict[str, onnx.TypeProto]) -> onnx.ModelProto:
    """A copy of ``model`` whose graph also outputs ``names`` (those not already outputs), in
    that order after the original outputs. Nothing else changes."""
    exposed = onnx.ModelProto()
    exposed.CopyFrom(model)
    present = {o.name for o in exposed.graph.output}
    for name in names:
        if name not in present:
            info = exposed.graph.output.add()
            info.name = name
            info.type.CopyFrom(types[name])
            present.add(name)
    return exposed
