"""Pass instrumentation: what ``--mlir-timing`` and the ``--mlir-print-ir-*`` flags observe.

:class:`Pipeline.run <onnx_mlir.passes.registry.Pipeline.run>` calls ``before`` / ``after`` /
``after_failure`` of an :class:`Instrumentation` around each step (one pass when the pipeline is
built ``one_at_a_time``). A project pass that runs passes of its own (``onnx-simplify``) reports
them with :func:`timed`, so that timings show them nested under it.

Tools that run pipelines deep inside (``onnx-mlir``: every stage calls ``run_pipeline``) make an
instrumentation current with :func:`active`; ``run_pipeline`` and ``Pipeline.run`` use the
current one when none is passed, as they use ``timing.current()``.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import re
import time
from dataclasses import dataclass, field
from typing import Iterator, TextIO


class Instrumentation:
    """Hooks around each step of a pipeline; the default does nothing."""

    def before(self, label: str, module) -> None:
        pass

    def after(self, label: str, module) -> None:
        pass

    def after_failure(self, label: str, module) -> None:
        pass


_CURRENT: contextvars.ContextVar["Instrumentation | None"] = contextvars.ContextVar(
    "instrumentation", default=None)


def current() -> "Instrumentation | None":
    """The instrumentation made current by :func:`active`, if any (``run_pipeline`` asks)."""
    return _CURRENT.get()


@contextlib.contextmanager
def active(instrumentation: Instrumentation) -> Iterator[Instrumentation]:
    """Make ``instrumentation`` see every pipeline run inside the ``with`` block."""
    token = _CURRENT.set(instrumentation)
    try:
        yield instrumentation
    finally:
        _CURRENT.reset(token)


class Instrumentations(Instrumentation):
    """Several instrumentations, called in order."""

    def __init__(self, items: list[Instrumentation]):
        self.items = items

    def before(self, label, module):
        for item in self.items:
            item.before(label, module)

    def after(self, label, module):
        for item in self.items:
            item.after(label, module)

    def after_failure(self, label, module):
        for item in self.items:
            item.after_failure(label, module)


@dataclass
class PrintOptions:
    """How modules are printed (the output and the IR dumps alike)."""

    generic: bool = False
    debug_info: bool = False
    elide_elements_larger_than: int | None = None

    def print(self, module, file: TextIO) -> None:
        module.operation.print(print_generic_op_form=self.generic, enable_debug_info=self.debug_info,
                               large_elements_limit=self.elide_elements_larger_than, file=file)


@dataclass
class IRPrinter(Instrumentation):
    """The ``--mlir-print-ir-*`` family: dumps before / after the chosen passes, to ``stream`` or
    one file per dump under ``tree_dir`` (``<tree_dir>/builtin_module_no-symbol-name/N_pass.mlir``,
    as mlir-opt names them)."""

    stream: TextIO
    options: PrintOptions = field(default_factory=PrintOptions)
    before_all: bool = False
    after_all: bool = False
    before_passes: frozenset[str] = frozenset()
    after_passes: frozenset[str] = frozenset()
    after_change: bool = False
    after_failure_only: bool = False
    tree_dir: str | None = None
    rename: "callable | None" = None  # rewrites printed locations (the input's file name)
    _before_text: str = ""
    _count: int = 0

    def _text(self, module) -> str:
        import io

        out = io.StringIO()
        self.options.print(module, out)
        text = out.getvalue()
        return self.rename(text) if self.rename else text

    def _dump(self, header: str, label: str, text: str) -> None:
        if self.tree_dir is None:
            self.stream.write(f"// -----// {header} //----- //\n{text}")
            if not text.endswith("\n"):
                self.stream.write("\n")
            return
        folder = os.path.join(self.tree_dir, "builtin_module_no-symbol-name")
        os.makedirs(folder, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", label)
        with open(os.path.join(folder, f"{self._count}_{name}.mlir"), "w", encoding="utf-8") as f:
            f.write(f"// -----// {header} //----- //\n{text}")
        self._count += 1

    def _wants_after(self, label: str) -> bool:
        if self.after_all or label in self.after_passes:
            return True
        # --mlir-print-ir-after-change alone means after every pass; with --mlir-print-ir-after,
        # it only filters the passes named.
        return self.after_change and not self.after_passes

    def before(self, label, module):
        if self.after_change:
            self._before_text = self._text(module)
        if self.before_all or label in self.before_passes:
            self._dump(f"IR Dump Before {label}", label, self._text(module))

    def after(self, label, module):
        if not self._wants_after(label):
            return
        text = self._text(module)
        if self.after_change and text == self._before_text:  # a modifier of the other flags
            return
        self._dump(f"IR Dump After {label}", label, text)

    def after_failure(self, label, module):
        if self.after_failure_only or self.after_all or label in self.after_passes:
            self._dump(f"IR Dump After {label} Failed", label, self._text(module))


# ---------------------------------------------------------------------------------------------
# Timing

_active_timers: list["PassTimer"] = []


@dataclass
class _Timing:
    label: str
    seconds: float = 0.0
    children: dict[str, "_Timing"] = field(default_factory=dict)


class PassTimer(Instrumentation):
    """``--mlir-timing``: wall time per pass (summed over repeats), nested passes indented."""

    def __init__(self) -> None:
        self.root = _Timing("Total")
        self._stack: list[tuple[_Timing, float]] = []

    def _start(self, label: str) -> None:
        parent = self._stack[-1][0] if self._stack else self.root
        node = parent.children.setdefault(label, _Timing(label))
        self._stack.append((node, time.perf_counter()))

    def _stop(self) -> None:
        node, start = self._stack.pop()
        node.seconds += time.perf_counter() - start

    def before(self, label, module):
        _active_timers.append(self)
        self._start(label)

    def after(self, label, module):
        self._stop()
        _active_timers.remove(self)

    after_failure = after

    def report(self) -> str:
        """The table mlir-opt prints, with our passes' names."""
        total = sum(child.seconds for child in self.root.children.values())
        rule = "===" + "-" * 73 + "==="
        lines = [rule, "Execution time report".center(79).rstrip(), rule,
                 f"  Total Execution Time: {total:.4f} seconds", "",
                 "  ----Wall Time----  ----Name----"]

        def emit(node: _Timing, depth: int) -> None:
            share = 100.0 * node.seconds / total if total else 0.0
            lines.append(f"  {node.seconds:8.4f} ({share:5.1f}%)  {'  ' * depth}{node.label}")
            for child in node.children.values():
                emit(child, depth + 1)

        for child in self.root.children.values():
            emit(child, 0)
        lines.append(f"  {total:8.4f} (100.0%)  Total")
        return "\n".join(lines) + "\n"


@contextlib.contextmanager
def timed(label: str) -> Iterator[None]:
    """Time a sub-step of the running pass (nested under it) when ``--mlir-timing`` is on."""
    timer = _active_timers[-1] if _active_timers else None
    if timer is None:
        yield
        return
    timer._start(label)
    try:
        yield
    finally:
        timer._stop()
