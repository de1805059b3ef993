"""Diagnostics of ``onnx-mlir-opt``: printing (with the source line and a caret, as mlir-opt
does for the input's own locations) and ``--verify-diagnostics``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import Diagnostic


def format_diagnostic(diag: Diagnostic, filename: str, source_lines: list[str] | None = None) -> str:
    """``file:line:col: severity: message``; locations of the parsed buffer ("-") get
    ``filename``. With ``source_lines``, the input line and a caret under the column follow."""
    loc = diag.location
    in_input = diag.line is not None and loc.startswith('"-":')
    if in_input:
        loc = f"{filename}:{diag.line}:{diag.column}"
    text = f"{loc}: {diag.severity}: {diag.message}"
    if in_input and source_lines is not None and 0 < diag.line <= len(source_lines):
        line = source_lines[diag.line - 1].rstrip("\r")
        caret = "".join(c if c == "\t" else " " for c in line[:max(diag.column - 1, 0)]) + "^"
        text += f"\n{line}\n{caret}"
    for note in diag.notes:
        text += "\n" + format_diagnostic(note, filename, source_lines)
    return text


@dataclass
class Expected:
    """One ``// expected-<severity>[@where] {{message}}`` directive."""

    severity: str
    line: int | None  # None for @unknown
    message: str
    is_regex: bool
    source_line: int
    source_col: int
    matched: bool = False

    def matches(self, diag: Diagnostic) -> bool:
        if self.matched or diag.severity != self.severity or diag.line != self.line:
            return False
        if self.is_regex:
            return re.search(self.message, diag.message) is not None
        return self.message in diag.message


_EXPECTED = re.compile(
    r"expected-(error|warning|note|remark)(-re)?\s*(?:@([+-]\d+|above|below|unknown))?\s*\{\{(.*)\}\}")


def parse_expected(text: str) -> list[Expected]:
    """The expected-* directives of ``text`` (line numbers are those of ``text``, 1-based)."""
    lines = text.split("\n")
    has_directive = ["expected-" in line and _EXPECTED.search(line) for line in lines]
    expected = []
    for index, line in enumerate(lines):
        match = _EXPECTED.search(line)
        if not match:
            continue
        severity, regex, where, message = match.groups()
        target: int | None = index + 1
        if where == "unknown":
            target = None
        elif where == "above":
            target = next((i + 1 for i in range(index - 1, -1, -1) if not has_directive[i]), None)
        elif where == "below":
            target = next((i + 1 for i in range(index + 1, len(lines)) if not has_directive[i]), None)
        elif where:
            target = index + 1 + int(where)
        expected.append(Expected(severity, target, message, bool(regex), index + 1, match.start() + 1))
    return expected


def _flatten(diags: list[Diagnostic]) -> list[Diagnostic]:
    """Diagnostics and their notes, in order; the pass manager's 'see current operation' notes are
    dropped (mlir-opt does not print them under --verify-diagnostics)."""
    out = []
    for diag in diags:
        if diag.severity == "note" and diag.message.startswith("see current operation"):
            continue
        out.append(diag)
        out.extend(_flatten(list(diag.notes)))
    return out


def verify(diags: list[Diagnostic], expected: list[Expected], filename: str) -> list[str]:
    """Match diagnostics with directives; return the error lines (empty when all is well)."""
    problems = []
    for diag in _flatten(diags):
        hit = next((e for e in expected if e.matches(diag)), None)
        if hit is not None:
            hit.matched = True
            continue
        where = f"{filename}:{diag.line}:{diag.column}" if diag.line is not None else diag.location
        problems.append(f"{where}: error: unexpected {diag.severity}: {diag.message}")
    for e in expected:
        if not e.matched:
            problems.append(f"{filename}:{e.source_line}:{e.source_col}: error: "
                            f"expected {e.severity} \"{e.message}\" was not produced")
    return problems
