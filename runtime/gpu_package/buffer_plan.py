"""Intermediate buffers by liveness: values whose lifetimes do not overlap share a buffer.

The plan is a sequence of steps that read and write slots.  A *view* step makes its result an
alias of its source (a reshape), so a buffer lives as long as the last read of any of its
aliases.  Values that must survive the run (the model's outputs and what they alias) are
*pinned*: never shared, the runtime gives them their own memory.  Inputs and constants are not
planned (they have their own tensors).

Assignment walks the steps in order: a step's results take a free buffer (the smallest one large
enough, else the largest one, grown; else a new one), then every value whose last read was this
step gives its buffer back.  A step's inputs are read at or after it, so a result never shares
memory with an input of its own step, nor two results of one step with each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence


@dataclass(frozen=True)
class StepUse:
    """What one step reads and writes; ``alias_of``: the slot a view step's result aliases."""

    reads: tuple[int, ...]
    writes: tuple[int, ...]
    alias_of: int | None = None


@dataclass(frozen=True)
class BufferPlan:
    """``sizes[b]``: bytes of buffer ``b``; ``assignment[slot]``: the buffer a planned value uses."""

    sizes: tuple[int, ...]
    assignment: Mapping[int, int]

    @property
    def total_bytes(self) -> int:
        return sum(self.sizes)

    def to_json(self) -> dict:
        return {"sizes": list(self.sizes),
                "assignment": [[s, b] for s, b in sorted(self.assignment.items())]}

    @classmethod
    def from_json(cls, d: dict) -> "BufferPlan":
        sizes = tuple(int(x) for x in d["sizes"])
        assignment = {int(s): int(b) for s, b in d["assignment"]}
        if any(not 0 <= b < len(sizes) for b in assignment.values()):
            raise ValueError("a value is assigned to a buffer that does not exist")
        return cls(sizes, assignment)


def plan_buffers(steps: Sequence[StepUse], nbytes: Mapping[int, int],
                 pinned: Iterable[int] = ()) -> BufferPlan:
    """Buffers for the values the steps write (``nbytes``: each written slot's size), except the
    ``pinned`` ones and their aliases."""
    root: dict[int, int] = {}

    def root_of(slot: int) -> int:
        while slot in root:
            slot = root[slot]
        return slot

    defined_at: dict[int, int] = {}
    last_read: dict[int, int] = {}
    for i, step in enumerate(steps):
        for s in step.reads:
            last_read[root_of(s)] = i
        if step.alias_of is not None:
            for s in step.writes:
                root[s] = root_of(step.alias_of)
        else:
            for s in step.writes:
                defined_at[s] = i
    pinned_roots = {root_of(s) for s in pinned}

    sizes: list[int] = []
    free: list[int] = []
    assignment: dict[int, int] = {}
    releases: dict[int, list[int]] = {}
    for slot, i in defined_at.items():
        if slot not in pinned_roots:
            releases.setdefault(max(i, last_read.get(slot, i)), []).append(slot)
    for i, step in enumerate(steps):
        if step.alias_of is None:
            for s in step.writes:
                if s not in pinned_roots:
                    assignment[s] = _take(free, sizes, nbytes[s])
        for s in releases.get(i, ()):
            free.append(assignment[s])
    for s in [s for s in root if root_of(s) in assignment]:  # views share their root's buffer
        assignment[s] = assignment[root_of(s)]
    return BufferPlan(tuple(sizes), assignment)


def _take(free: list[int], sizes: list[int], need: int) -> int:
    fitting = [b for b in free if sizes[b] >= need]
    if fitting:
        best = min(fitting, key=lambda b: sizes[b])
    elif free:
        best = max(free, key=lambda b: sizes[b])
        sizes[best] = need
    else:
        sizes.append(need)
        return len(sizes) - 1
    free.remove(best)
    return best
