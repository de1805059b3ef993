"""The per-node profile of a model compiled with ``profile=True``: rows and a printed table.

The compiled code adds the nanoseconds each node's ops took to a buffer at every run (see
``lowering/onnx_to_linalg/profile.py``); :func:`build_report` turns the sums into milliseconds
per run, sorted by time, like onnxruntime's profiling summary.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Sequence

import numpy as np

from .artifact import ProfiledNode


@dataclass(frozen=True)
class ProfileRow:
    """One node: its mean time per run (ms), its share of the nodes' total, and its runs."""

    op_type: str
    node: str
    shape: tuple[int | None, ...]
    ms: float
    percent: float
    calls: int


@dataclass(frozen=True)
class OpTypeRow:
    """All nodes of one op type together."""

    op_type: str
    nodes: int
    ms: float
    percent: float


@dataclass(frozen=True)
class ProfileReport:
    """Rows sorted by time (slowest first). ``total_ms``: the whole compiled call per run
    (the nodes' times add up to it, up to the clock reads themselves)."""

    rows: tuple[ProfileRow, ...]
    runs: int
    total_ms: float

    def __iter__(self) -> Iterator[ProfileRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def nodes_ms(self) -> float:
        return sum(r.ms for r in self.rows)

    def by_op_type(self) -> list[OpTypeRow]:
        """Rows summed per op type, slowest first."""
        groups: dict[str, list[ProfileRow]] = {}
        for row in self.rows:
            groups.setdefault(row.op_type, []).append(row)
        total = self.nodes_ms or 1.0
        out = [OpTypeRow(op, len(rows), sum(r.ms for r in rows), 100.0 * sum(r.ms for r in rows) / total)
               for op, rows in groups.items()]
        return sorted(out, key=lambda r: -r.ms)

    def format(self, top: int | None = None) -> str:
        """The table as text: the ``top`` slowest nodes (all when None), then the op types."""
        if not self.runs:
            return "profile: no run yet"
        rows = self.rows if top is None else self.rows[:top]
        lines = [f"profile over {self.runs} run(s): {self.total_ms:.3f} ms per run in compiled code, "
                 f"{self.nodes_ms:.3f} ms in {len(self.rows)} nodes"]
        name_width = min(max([len(r.node) for r in rows] + [4]), 48)
        header = f"{'#':>4}  {'op type':<20} {'node':<{name_width}} {'shape':<18} {'ms':>9} {'%':>6} {'calls':>6}"
        lines += [header, "-" * len(header)]
        for i, r in enumerate(rows, 1):
            lines.append(f"{i:>4}  {r.op_type:<20} {_clip(r.node, name_width):<{name_width}} "
                         f"{format_shape(r.shape):<18} {r.ms:>9.3f} {r.percent:>6.1f} {r.calls:>6}")
        if top is not None and len(self.rows) > top:
            lines.append(f"  ... {len(self.rows) - top} more node(s)")
        lines += ["", f"{'op type':<20} {'nodes':>6} {'ms':>9} {'%':>6}"]
        for t in self.by_op_type():
            lines.append(f"{t.op_type:<20} {t.nodes:>6} {t.ms:>9.3f} {t.percent:>6.1f}")
        return "\n".join(lines)


def format_shape(shape: Sequence[int | None]) -> str:
    return "x".join("?" if d is None else str(d) for d in shape) if shape else "scalar"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else "..." + text[len(text) - width + 3:]


def build_report(nodes: Sequence[ProfiledNode], totals_ns: np.ndarray, runs: int) -> ProfileReport:
    """Rows from the per-slot nanosecond sums (slot 0: the whole call; ``i``: ``nodes[i - 1]``)."""
    if not runs:
        return ProfileReport((), 0, 0.0)
    per_run_ms = [int(t) / runs / 1e6 for t in totals_ns]
    node_total = sum(per_run_ms[1:]) or 1.0
    rows = [ProfileRow(n.op_type, n.node, n.shape, ms, 100.0 * ms / node_total, runs)
            for n, ms in zip(nodes, per_run_ms[1:])]
    rows.sort(key=lambda r: -r.ms)
    return ProfileReport(tuple(rows), runs, per_run_ms[0])
