"""Per-pass wall times (``--mlir-timing`` of ``onnx-mlir`` and ``onnx-mlir-opt``).

While a :class:`PassTiming` is active (``with timing.active():``), ``run_pipeline`` runs every
pass on its own (one ``PassManager`` per upstream pass, as ``--mlir-print-ir-after-all`` does)
and records its wall time here, with the project passes alongside. Upstream's own
``PassManager.enable_timing()`` exists in the bindings but prints its report to stderr from C++
for each pass manager, i.e. once per run of upstream passes between two project passes: one
table covering both kinds of pass is more useful.

``stage(name)`` groups what follows under a compiler stage; :meth:`PassTiming.report` prints
an MLIR-style execution time report (stages, and under each its passes in order of first run,
runs of the same pass added up).
"""

from __future__ import annotations

import contextlib
import contextvars
import time
from typing import Iterator

_ACTIVE: contextvars.ContextVar["PassTiming | None"] = contextvars.ContextVar("pass_timing", default=None)


def current() -> "PassTiming | None":
    """The active timing, if any (``run_pipeline`` asks)."""
    return _ACTIVE.get()


class PassTiming:
    def __init__(self) -> None:
        self.start = time.perf_counter()
        self._stage = ""
        self.rows: dict[tuple[str, str], list[float]] = {}  # (stage, pass) -> [seconds, runs]

    def record(self, name: str, seconds: float) -> None:
        row = self.rows.setdefault((self._stage, name), [0.0, 0])
        row[0] += seconds
        row[1] += 1

    def stage(self, name: str) -> None:
        """What is recorded from now on belongs to stage ``name``."""
        self._stage = name

    @contextlib.contextmanager
    def active(self) -> Iterator["PassTiming"]:
        token = _ACTIVE.set(self)
        try:
            yield self
        finally:
            _ACTIVE.reset(token)

    def report(self) -> str:
        total = time.perf_counter() - self.start
        passes = sum(seconds for seconds, _ in self.rows.values())
        bar = "===" + "-" * 73 + "==="
        lines = [bar, " " * 25 + "... Execution time report ...", bar,
                 f"  Total Execution Time: {total:.4f} seconds ({passes:.4f} s in passes)", "",
                 "  ----Wall Time----  ----Name----"]

        def row(seconds: float, name: str, indent: int) -> str:
            share = 100.0 * seconds / total if total else 0.0
            return f"  {seconds:8.4f} ({share:5.1f}%)  {'  ' * indent}{name}"

        stages: dict[str, list[tuple[str, float, int]]] = {}
        for (stage, name), (seconds, runs) in self.rows.items():
            stages.setdefault(stage, []).append((name, seconds, runs))
        for stage, entries in stages.items():
            indent = 0
            if stage:
                lines.append(row(sum(s for _, s, _ in entries), stage, 0))
                indent = 1
            for name, seconds, runs in entries:
                lines.append(row(seconds, name + (f" ({runs} runs)" if runs > 1 else ""), indent))
        lines.append(row(total, "Total", 0))
        return "\n".join(lines)
