"""What a bisection found (``BisectReport``) and its printed form."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import onnx
from onnx import helper

from .compare import Tolerance, ValueComparison
from .graph_units import GraphUnit


@dataclass(frozen=True)
class InputStatus:
    """One input of a unit: where it comes from, its type, and whether it agrees.

    ``status``: ``graph input`` / ``initializer`` (the same array is fed to both sides),
    ``agrees`` / ``diverges`` (an observed node output), ``not observed`` (a node output that
    could not be exposed: no known type after shape inference, or a type the runtime cannot
    return; see ``UnitResult.unobserved_outputs``)."""

    name: str
    status: str
    dtype: str | None
    shape: tuple[int, ...] | None
    captured: bool = False  # read by a subgraph of the unit, not an explicit input


@dataclass(frozen=True)
class UnitResult:
    unit: GraphUnit
    outputs: tuple[ValueComparison, ...]
    unobserved_outputs: tuple[tuple[str, str], ...]  # (name, why it is not observed)

    @property
    def diverges(self) -> bool:
        return any(not c.agrees for c in self.outputs)


@dataclass(frozen=True)
class Divergence:
    """The first unit whose outputs diverge while all its inputs agree."""

    unit: GraphUnit
    inputs: tuple[InputStatus, ...]
    outputs: tuple[ValueComparison, ...]
    unobserved_outputs: tuple[tuple[str, str], ...]


@dataclass
class BisectReport:
    model: str
    reference: str
    fallback_reason: str | None
    tolerance: Tolerance
    feeds: dict[str, np.ndarray]
    units: list[UnitResult]
    divergence: Divergence | None
    downstream: list[GraphUnit] = field(default_factory=list)  # later diverging units

    @property
    def agrees(self) -> bool:
        return self.divergence is None

    @property
    def compared_values(self) -> int:
        return sum(len(u.outputs) for u in self.units)

    def format(self, verbose: bool = False) -> str:
        return "\n".join(ReportFormatter(self).lines(verbose))


def _type_text(dtype, shape) -> str:
    if dtype is None:
        return "?"
    dims = ",".join(str(d) for d in shape) if shape is not None else "?"
    return f"{dtype}[{dims}]"


def attribute_text(attr: onnx.AttributeProto, limit: int = 8) -> str:
    """A short printable value: tensors and graphs by their type and size, long lists cut."""
    if attr.type == onnx.AttributeProto.TENSOR:
        t = attr.t
        dtype = onnx.TensorProto.DataType.Name(t.data_type).lower()
        return f"tensor {dtype}[{','.join(str(d) for d in t.dims)}]"
    if attr.type == onnx.AttributeProto.GRAPH:
        return f"graph '{attr.g.name}' ({len(attr.g.node)} nodes)"
    if attr.type == onnx.AttributeProto.GRAPHS:
        return f"{len(attr.graphs)} graphs"
    value = helper.get_attribute_value(attr)
    if isinstance(value, bytes):
        return repr(value.decode("utf-8", "replace"))
    if isinstance(value, (list, tuple)):
        items = [v.decode("utf-8", "replace") if isinstance(v, bytes) else v for v in value]
        text = ", ".join(repr(v) if isinstance(v, str) else str(v) for v in items[:limit])
        return f"[{text}{', ...' if len(items) > limit else ''}]"
    return str(value)


def _number(value) -> str:
    return f"{value:.6g}" if isinstance(value, float) else str(value)


class ReportFormatter:
    def __init__(self, report: BisectReport):
        self.report = report

    def lines(self, verbose: bool) -> list[str]:
        r = self.report
        out = [f"model: {r.model}", f"reference: {r.reference}"]
        if r.fallback_reason:
            out.append(f"  (used because {r.fallback_reason})")
        out.append(f"compared {r.compared_values} values of {len(r.units)} nodes "
                   f"(rtol {r.tolerance.rtol:g}, atol {r.tolerance.atol:g})")
        reasons: dict[str, int] = {}
        for unit in r.units:
            for _, why in unit.unobserved_outputs:
                reasons[why] = reasons.get(why, 0) + 1
        out += [f"not observed: {count} values ({why})" for why, count in reasons.items()]
        if verbose:
            out += [self._unit_line(u) for u in r.units]
        if r.divergence is None:
            out.append("no divergence: every observed value agrees with the reference")
            return out
        out += self._divergence_lines(r.divergence)
        if r.downstream:
            names = ", ".join(u.label for u in r.downstream[:5])
            more = f", ... ({len(r.downstream) - 5} more)" if len(r.downstream) > 5 else ""
            out.append(f"downstream: {len(r.downstream)} later nodes diverge too: {names}{more}")
        return out

    @staticmethod
    def _unit_line(result: UnitResult) -> str:
        state = "DIVERGES" if result.diverges else "agrees"
        if not result.outputs:
            state = "not observed"
        return f"  [{result.unit.position + 1}] {result.unit.label}: {state}"

    def _divergence_lines(self, d: Divergence) -> list[str]:
        node = d.unit.node
        out = [f"FIRST DIVERGENCE: node {d.unit.position + 1} of {len(self.report.units)} "
               "in topological order",
               f"  node:       '{node.name}'" if node.name else "  node:       (unnamed)",
               f"  op type:    {node.op_type}",
               f"  domain:     {node.domain or 'ai.onnx'}"]
        if node.attribute:
            out.append("  attributes:")
            out += [f"    {a.name} = {attribute_text(a)}" for a in node.attribute]
        else:
            out.append("  attributes: (none)")
        out.append("  inputs:")
        for i in d.inputs:
            how = " (captured by a subgraph)" if i.captured else ""
            out.append(f"    '{i.name}': {_type_text(i.dtype, i.shape)}, {i.status}{how}")
        if not d.inputs:
            out.append("    (none)")
        out.append("  outputs:")
        for c in d.outputs:
            out += self._comparison_lines(c)
        for name, why in d.unobserved_outputs:
            out.append(f"    '{name}': not observed ({why})")
        if any(i.status == "not observed" for i in d.inputs):
            out.append("  note: some inputs were not observed; the divergence may start earlier")
        return out

    @staticmethod
    def _comparison_lines(c: ValueComparison) -> list[str]:
        ours = _type_text(c.ours_dtype, c.ours_shape)
        ref = _type_text(c.ref_dtype, c.ref_shape)
        head = f"    '{c.name}': ours {ours}, reference {ref}"
        if c.agrees:
            return [head + ": agrees"]
        if c.problem:
            return [head + f": differs ({c.problem})"]
        how = ("exact comparison" if c.tolerance is None
               else f"rtol {c.tolerance.rtol:g}, atol {c.tolerance.atol:g}")
        index = "[" + ", ".join(str(i) for i in c.first_index) + "]"
        return [head + f": {c.mismatches} of {c.size} elements differ ({how})",
                f"      max abs diff {_number(c.max_abs_diff)}, max rel diff {_number(c.max_rel_diff)}",
                f"      first mismatch at {index}: ours {_number(c.ours_at_first)}, "
                f"reference {_number(c.ref_at_first)}"]
