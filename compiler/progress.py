"""What a compile prints as it goes (``compile(verbose=True)``, ``onnx-mlir -v``): each stage
with its time when it finishes, the JIT / object code step and the cache, on stderr.

``mode``: ``"always"`` prints every line as it comes, ``"never"`` nothing, ``"auto"`` holds the
lines back until the compile has run ``AUTO_AFTER_S`` seconds, then prints them and every later
one (the CLI's default on a terminal: short compiles stay quiet).
"""

from __future__ import annotations

import sys
import time
from typing import Callable, TextIO

AUTO_AFTER_S = 2.0


class Progress:
    def __init__(self, mode: str = "never", stream: TextIO | None = None, prefix: str = "onnx-mlir"):
        if mode not in ("always", "never", "auto"):
            raise ValueError(f"unknown progress mode '{mode}'")
        self.mode = mode
        self.stream = stream
        self.prefix = prefix
        self.start = self._last = time.perf_counter()
        self._held: list[str] = []
        self.stages: list[tuple[str, float]] = []  # (name, seconds) of everything timed

    @classmethod
    def verbose(cls, on: bool) -> "Progress":
        return cls("always" if on else "never")

    def _emit(self, line: str) -> None:
        if self.mode == "never":
            return
        stream = self.stream or sys.stderr
        if self.mode == "auto" and time.perf_counter() - self.start < AUTO_AFTER_S:
            self._held.append(line)
            return
        for held in self._held:
            print(held, file=stream)
        self._held.clear()
        print(line, file=stream, flush=True)

    def step(self, name: str, seconds: float, detail: str = "") -> None:
        """Report a finished step that took ``seconds``."""
        self.stages.append((name, seconds))
        total = time.perf_counter() - self.start
        extra = f"  {detail}" if detail else ""
        self._emit(f"{self.prefix}: {name:<14} {seconds:8.3f} s  (total {total:7.3f} s){extra}")

    def note(self, what: str, seconds: float) -> None:
        self.step(what, seconds)

    def stage_hook(self, inner: Callable | None = None) -> Callable:
        """An ``on_stage`` callback that reports each stage (the time since the previous one)
        and then calls ``inner``."""
        def on_stage(name: str, module) -> None:
            now = time.perf_counter()
            self.step(name, now - self._last, _stage_detail(name, module))
            if inner is not None:
                inner(name, module)
            self._last = time.perf_counter()  # (not counting what inner did)
        return on_stage

    def restart_stage_clock(self) -> None:
        self._last = time.perf_counter()

    def timed(self, name: str):
        """Context manager reporting the time of the block as step ``name``."""
        return _Timed(self, name)


class _Timed:
    def __init__(self, progress: Progress, name: str):
        self.progress, self.name = progress, name

    def __enter__(self):
        self.begin = time.perf_counter()
        return self

    def __exit__(self, *exc):
        if exc[0] is None:
            self.progress.step(self.name, time.perf_counter() - self.begin)
            self.progress.restart_stage_clock()
        return False


def _stage_detail(name: str, module) -> str:
    """What a stage line adds: the memory plan after the CPU loops stage."""
    if name != "loops":
        return ""
    from ..lowering.cpu.memory_plan import describe
    return describe(module)
