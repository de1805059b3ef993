"""The per-node profile of a model compiled with ``profile=True``: samples, rows and a table.

The compiled code adds the nanoseconds each node's ops took to a buffer (see
``lowering/instrument_profile.py``). :class:`ProfileRecorder` gives each thread its buffer
and keeps what each run put there (the last ``MAX_SAMPLES`` runs per thread);
:func:`build_report` turns the samples into milliseconds per run, sorted by time, like
onnxruntime's profiling summary. The median is the figure sorted on: on a shared machine a few
runs disturbed by other work would otherwise decide the order.
"""

from __future__ import annotations

import collections
import threading
from dataclasses import dataclass
from typing import Iterator, Sequence

import numpy as np

from .artifact import ProfiledNode

MAX_SAMPLES = 10_000


class _ThreadProfile:
    """One thread's profile buffer (bound to its call frame) and its runs' samples."""

    def __init__(self, slots: int):
        self.buffer = np.zeros(slots, np.int64)
        self.samples: collections.deque[np.ndarray] = collections.deque(maxlen=MAX_SAMPLES)

    def record(self) -> None:
        """Keep what the run just added, and start the next one from zero."""
        self.samples.append(self.buffer.copy())
        self.buffer[:] = 0


class ProfileRecorder:
    """The profile buffers of a profiled entry, one per thread that ran it."""

    def __init__(self, slots: int):
        self.slots = slots
        self._threads: list[_ThreadProfile] = []
        self._lock = threading.Lock()

    def new_thread(self) -> _ThreadProfile:
        profile = _ThreadProfile(self.slots)
        with self._lock:
            self._threads.append(profile)
        return profile

    def samples(self) -> np.ndarray:
        """Nanoseconds per slot, one row per recorded run (all threads)."""
        with self._lock:
            rows = [s for t in self._threads for s in list(t.samples)]
        return np.array(rows, np.int64).reshape(len(rows), self.slots)

    def reset(self) -> None:
        with self._lock:
            for t in self._threads:
                t.samples.clear()


@dataclass(frozen=True)
class ProfileRow:
    """One node: its median and mean time per run (ms), its share of the nodes' total (of the
    medians), and its runs."""

    op_type: str
    node: str
    shape: tuple[int | None, ...]
    ms: float
    mean_ms: float
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
    """Rows sorted by median time (slowest first). ``total_ms``: the median of the whole
    compiled call; ``total_mean_ms`` its mean (the nodes' means add up to it exactly: every op
    of the call is in one node's segment)."""

    rows: tuple[ProfileRow, ...]
    runs: int
    total_ms: float
    total_mean_ms: float

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
        lines = [f"profile over {self.runs} run(s): compiled code {self.total_ms:.3f} ms per run "
                 f"(median; mean {self.total_mean_ms:.3f} ms), {len(self.rows)} nodes"]
        name_width = min(max([len(r.node) for r in rows] + [4]), 48)
        header = (f"{'#':>4}  {'op type':<20} {'node':<{name_width}} {'shape':<18} {'ms':>9} {'mean ms':>9} "
                  f"{'%':>6} {'calls':>6}")
        lines += [header, "-" * len(header)]
        for i, r in enumerate(rows, 1):
            lines.append(f"{i:>4}  {r.op_type:<20} {_clip(r.node, name_width):<{name_width}} "
                         f"{format_shape(r.shape):<18} {r.ms:>9.3f} {r.mean_ms:>9.3f} {r.percent:>6.1f} {r.calls:>6}")
        if top is not None and len(self.rows) > top:
            lines.append(f"  ... {len(self.rows) - top} more node(s)")
        lines += ["", f"{'op type':<20} {'nodes':>6} {'ms':>9} {'%':>6}   (sums of the medians)"]
        for t in self.by_op_type():
            lines.append(f"{t.op_type:<20} {t.nodes:>6} {t.ms:>9.3f} {t.percent:>6.1f}")
        return "\n".join(lines)


def format_shape(shape: Sequence[int | None]) -> str:
    return "x".join("?" if d is None else str(d) for d in shape) if shape else "scalar"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else "..." + text[len(text) - width + 3:]


def build_report(nodes: Sequence[ProfiledNode], samples: np.ndarray) -> ProfileReport:
    """Rows from per-run nanoseconds (one row per run; column 0 the whole call, column ``i``
    node ``nodes[i - 1]``)."""
    runs = len(samples)
    if not runs:
        return ProfileReport((), 0, 0.0, 0.0)
    medians = np.median(samples, axis=0) / 1e6
    means = samples.mean(axis=0) / 1e6
    node_total = float(medians[1:].sum()) or 1.0
    rows = [ProfileRow(n.op_type, n.node, n.shape, float(medians[i]), float(means[i]),
                       100.0 * float(medians[i]) / node_total, runs)
            for i, n in enumerate(nodes, 1)]
    rows.sort(key=lambda r: (-r.ms, -r.mean_ms))
    return ProfileReport(tuple(rows), runs, float(medians[0]), float(means[0]))
