"""ONNX conformance: the onnx backend node test cases, run through onnx-mlir-py.

    python -m onnx_mlir.tools.conformance                     # all 1,884 node cases, summary
    onnx-mlir-conformance 'test_softmax.*' -j 2               # a subset (regexes on case names)
    onnx-mlir-conformance --write-expected-failures --write-docs   # after merging lowerings
    onnx-mlir-conformance --write-expected-failures 'test_conv.*'  # only those entries change
    onnx-mlir-conformance --from-json all.json --write-docs        # docs from a saved full run
    onnx-mlir-conformance --dynamic 'test_conv.*'             # each case also with symbolic input dims

What it does:

* It runs the cases over worker subprocesses (``-j``, default: the CPU count; ``--timeout`` per
  case), through conformance_harness.py, on the node test data of conformance_data.py
  (generated into a cache on first use).
* It prints pass / fail / not-supported counts per op and in total and the most common failure
  reasons; with ``--dynamic`` each case runs a second time with every graph input dim symbolic
  (conformance_symbolic.py), and the static and dynamic pass counts are printed with the cases
  that pass static but not dynamic, grouped by reason; ``--write-expected-failures`` rewrites ``tests/conformance/expected_failures.txt`` (the
  strict xfail list of the pytest conformance run) with a reason per case derived from its error;
  ``--write-docs`` writes ``docs/supported-ops.md``.

How a case passes, and how float -> integer casts ONNX leaves undefined are compared, is said in
conformance_harness.py.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Iterable

from .conformance_data import ensure_node_data, list_cases
from .conformance_harness import CaseResult, one_line, run_cases

REPO_ROOT = Path(__file__).resolve().parent.parent  # the repository root is the package root
EXPECTED_FAILURES = REPO_ROOT / "tests" / "conformance" / "expected_failures.txt"
SUPPORTED_OPS_DOC = REPO_ROOT / "docs" / "supported-ops.md"


# --------------------------------------------------------------------------- expected failures

def read_expected_failures(path: Path = EXPECTED_FAILURES) -> dict[str, str]:
    """``{case name: reason}`` from lines ``test_name  reason`` (``#`` comments, blank lines)."""
    out: dict[str, str] = {}
    if not path.is_file():
        return out
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, reason = line.partition(" ")
        out[name] = reason.strip() or "expected failure"
    return out


_HEADER = """\
# ONNX backend node cases expected to fail on the CPU backend (strict xfails of tests/conformance).
# One case per line: `<case name> <reason>`. A listed case that passes fails the run (remove it);
# an unlisted failing case fails the run. Regenerate with:
#   python -m onnx_mlir.tools.conformance --write-expected-failures
"""


def write_expected_failures(entries: dict[str, str], path: Path = EXPECTED_FAILURES) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    width = max((len(n) for n in entries), default=0)
    lines = [f"{name.ljust(width)}  {one_line(reason)}" for name, reason in sorted(entries.items())]
    path.write_text(_HEADER + "\n".join(lines) + ("\n" if lines else ""))


# --------------------------------------------------------------------------- reports

NOT_SUPPORTED = ("unsupported",)


def _bucket(r: CaseResult) -> str:
    return "pass" if r.passed else ("unsupported" if r.status in NOT_SUPPORTED else "fail")


def per_op(results: Iterable[CaseResult]) -> dict[str, list[CaseResult]]:
    ops: dict[str, list[CaseResult]] = collections.defaultdict(list)
    for r in results:
        key = r.op if r.domain in ("", "ai.onnx") else f"{r.domain}.{r.op}"
        ops[key].append(r)
    # ai.onnx ops first, then the other domains
    return dict(sorted(ops.items(), key=lambda kv: ("." in kv[0], kv[0].lower())))


def summary_text(results: list[CaseResult], top: int = 25) -> str:
    lines = [f"{'op':32} {'pass':>5} {'fail':>5} {'n/s':>5} {'total':>6}"]
    for op, rs in per_op(results).items():
        c = collections.Counter(_bucket(r) for r in rs)
        lines.append(f"{op:32} {c['pass']:5} {c['fail']:5} {c['unsupported']:5} {len(rs):6}")
    c = collections.Counter(_bucket(r) for r in results)
    lines.append(f"{'TOTAL':32} {c['pass']:5} {c['fail']:5} {c['unsupported']:5} {len(results):6}")
    statuses = collections.Counter(r.status for r in results)
    lines.append("by status: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
    undefined = [r for r in results if r.undefined_elements]
    if undefined:
        lines.append(f"note: {len(undefined)} case(s) ({sum(r.passed for r in undefined)} passing) have "
                     f"{sum(r.undefined_elements for r in undefined)} float -> integer cast elements "
                     "that ONNX leaves undefined (out of range, NaN, inf), compared with the "
                     "project's saturating result instead of the expected data")
    reasons = collections.Counter(_reason_family(r.reason) for r in results if not r.passed)
    if reasons:
        lines.append(f"top failure reasons ({len(reasons)} distinct):")
        for reason, n in reasons.most_common(top):
            lines.append(f"  {n:5}  {reason}")
    return "\n".join(lines)


def dynamic_summary_text(results: list[CaseResult], names_per_reason: int = 4) -> str:
    """The counts of a ``--dynamic`` run: static passes, dynamic passes, and the cases that pass
    static but not dynamic, grouped by the dynamic run's reason."""
    ran = [r for r in results if r.dynamic_status]
    static = [r for r in ran if r.passed]
    both = [r for r in static if r.dynamic_passed]
    share = f"{100.0 * len(both) / len(static):.1f}%" if static else "-"
    lines = [f"dynamic mode ({len(ran)} cases, every graph input dim symbolic): "
             f"{len(static)} pass static, {sum(r.dynamic_passed for r in ran)} pass dynamic; "
             f"{len(both)} of the static passes also pass dynamic ({share})"]
    lost: dict[str, list[str]] = collections.defaultdict(list)
    for r in static:
        if not r.dynamic_passed:
            lost[f"[{r.dynamic_status}] {_reason_family(r.dynamic_reason or r.dynamic_status)}"].append(r.name)
    if lost:
        lines.append(f"pass static, fail dynamic: {len(static) - len(both)} cases, {len(lost)} reasons:")
        for reason, names in sorted(lost.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            shown = ", ".join(n.removeprefix("test_") for n in names[:names_per_reason])
            more = f" (+{len(names) - names_per_reason})" if len(names) > names_per_reason else ""
            lines.append(f"  {len(names):5}  {reason}\n         {shown}{more}")
    return "\n".join(lines)


def _reason_family(reason: str) -> str:
    """Group reasons for the summary: drop shapes/numbers inside one reason text."""
    return re.sub(r"\d+", "N", reason)[:120]


def expected_failures_from(results: list[CaseResult]) -> dict[str, str]:
    return {r.name: f"[{r.status}] {r.reason or r.status}" for r in results if not r.passed}


_DTYPE_ORDER = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
                "float16", "bfloat16", "float32", "float64"]


def supported_ops_markdown(results: list[CaseResult]) -> str:
    import onnx

    from .conformance_casts import SEMANTICS_NOTE
    from .conformance_dynamic_dims import DYNAMIC_DIMS_NOTE

    c = collections.Counter(_bucket(r) for r in results)
    out = [
        "# Supported ONNX operators (CPU backend)",
        "",
        "<!-- Generated by `python -m onnx_mlir.tools.conformance --write-docs`; do not edit. -->",
        "",
        f"Measured on the {len(results)} node test cases of the onnx {onnx.__version__} backend test "
        f"suite (generated data, `tests/conformance`): **{c['pass']} pass**, {c['fail']} fail, "
        f"{c['unsupported']} not supported (no lowering / import or lowering error).",
        "",
        "An op is listed with the opset versions (`since_version` of the schema) and the element "
        "types of the cases that pass, and the cases that do not, with the reason. Cases named "
        "`*_expanded` run the op's function body (other ops) and are counted under the op.",
        "",
        "## Float -> integer conversions",
        "",
        SEMANTICS_NOTE,
        "",
        "## Dynamic dims",
        "",
        DYNAMIC_DIMS_NOTE,
        "",
        *dynamic_markdown(results),
        "## Operators",
        "",
        "| Op | Opsets passing | Cases passing | Element types passing | Limits / failing cases |",
        "|---|---|---|---|---|",
    ]
    for op, rs in per_op(results).items():
        ok = [r for r in rs if r.passed]
        bad = [r for r in rs if not r.passed]
        versions = sorted({r.since_version for r in ok if r.since_version is not None})
        dts = sorted({d for r in ok for d in r.dtypes}, key=lambda d: (_DTYPE_ORDER.index(d)
                                                                      if d in _DTYPE_ORDER else 99, d))
        if bad and all(r.reason.startswith("no lowering") for r in bad) and not ok:
            limits = "not supported: no lowering"
        else:
            by_reason: dict[str, list[str]] = collections.defaultdict(list)
            for r in bad:
                by_reason[r.reason or r.status].append(r.name.removeprefix("test_"))
            limits = "<br>".join(f"{_md(reason)}: {', '.join(names[:6])}"
                                 f"{f' (+{len(names) - 6})' if len(names) > 6 else ''}"
                                 for reason, names in sorted(by_reason.items(), key=lambda kv: -len(kv[1])))
        out.append(f"| {op} | {', '.join(map(str, versions)) or '-'} | {len(ok)}/{len(rs)} | "
                   f"{', '.join(dts) or '-'} | {limits or '-'} |")
    out.append("")
    return "\n".join(out)


def dynamic_markdown(results: list[CaseResult], names_per_reason: int = 8) -> list[str]:
    """Lines of the measured dynamic-mode count and the static passes it loses, by reason (none
    when the results come from a run without ``--dynamic``)."""
    ran = [r for r in results if r.dynamic_status]
    if not ran:
        return []
    static = [r for r in ran if r.passed]
    both = [r for r in static if r.dynamic_passed]
    share = f"{100.0 * len(both) / len(static):.1f}%" if static else "-"
    lines = [f"Measured with `--dynamic` (every graph input dim symbolic; a 1-D int64 input keeps "
             f"its length, a rank): **{len(both)} of the {len(static)} cases that pass static "
             f"also pass dynamic ({share})**. The others, by the dynamic run's reason:", "",
             "| Count | Reason (dynamic run) | Cases |", "|---|---|---|"]
    lost: dict[str, list[str]] = collections.defaultdict(list)
    for r in static:
        if not r.dynamic_passed:
            lost[f"[{r.dynamic_status}] {_reason_family(r.dynamic_reason or r.dynamic_status)}"].append(
                r.name.removeprefix("test_"))
    for reason, names in sorted(lost.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        more = f" (+{len(names) - names_per_reason})" if len(names) > names_per_reason else ""
        lines.append(f"| {len(names)} | {_md(reason)} | {', '.join(names[:names_per_reason])}{more} |")
    return lines + [""]


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


# --------------------------------------------------------------------------- command line

def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="onnx-mlir-conformance",
        description="Run the ONNX backend node test cases through onnx-mlir-py and summarize them.")
    p.add_argument("patterns", nargs="*", help="regexes matched (fully) against case names; default: all")
    p.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    p.add_argument("--timeout", type=float, default=300.0, help="seconds per case before it is killed")
    p.add_argument("--json", metavar="PATH", help="write every case result as JSON")
    p.add_argument("--from-json", metavar="PATH", help="summarize results written by --json instead of running")
    # Plain flags with separate path options: an optional PATH argument would swallow a
    # following case pattern (`--write-expected-failures 'test_conv.*'`).
    p.add_argument("--write-expected-failures", action="store_true",
                   help="rewrite the expected-failures file (--expected-failures-file); with "
                        "patterns, only the entries of the cases run change")
    p.add_argument("--expected-failures-file", metavar="PATH", default=str(EXPECTED_FAILURES),
                   help=f"the file --write-expected-failures writes (default "
                        f"{EXPECTED_FAILURES.relative_to(REPO_ROOT)})")
    p.add_argument("--write-docs", action="store_true",
                   help="write the supported-ops document (--docs-file); needs a full run or "
                        "--from-json of one")
    p.add_argument("--docs-file", metavar="PATH", default=str(SUPPORTED_OPS_DOC),
                   help=f"the file --write-docs writes (default "
                        f"{SUPPORTED_OPS_DOC.relative_to(REPO_ROOT)})")
    p.add_argument("--dynamic", action="store_true",
                   help="also run each case with every graph input dim symbolic, and report both counts")
    p.add_argument("--list-failures", action="store_true", help="print every failing case with its reason")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress dots")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_intermixed_args(argv)  # patterns may follow any option
    start = time.time()
    if args.from_json:
        results = [CaseResult(**r) for r in json.loads(Path(args.from_json).read_text())]
        names = [r.name for r in results]
    else:
        data_dir = ensure_node_data(verbose=True)
        names = list_cases(data_dir)
        if args.patterns:
            rx = [re.compile(p) for p in args.patterns]
            names = [n for n in names if any(r.fullmatch(n) for r in rx)]
        if not names:
            print("no case matches", file=sys.stderr)
            return 1
        results = run_cases(names, data_dir, args.jobs, args.timeout, progress=not args.quiet,
                            dynamic=args.dynamic)
    if args.json:
        Path(args.json).write_text(json.dumps([asdict(r) for r in results], indent=1))
    if args.list_failures:
        for r in results:
            if not r.passed:
                print(f"{r.status:11} {r.name}: {r.reason}")
            elif r.dynamic_status and not r.dynamic_passed:
                print(f"dynamic {r.dynamic_status:11} {r.name}: {r.dynamic_reason}")
    print(summary_text(results))
    if any(r.dynamic_status for r in results):
        print(dynamic_summary_text(results))
    if args.write_expected_failures:
        path = Path(args.expected_failures_file)
        entries = read_expected_failures(path) if args.patterns else {}
        for n in names:
            entries.pop(n, None)
        entries.update(expected_failures_from(results))
        write_expected_failures(entries, path)
        print(f"wrote {path} ({len(entries)} expected failures)")
    if args.write_docs:
        if args.patterns:
            print("--write-docs needs a full run (no patterns); not written", file=sys.stderr)
        else:
            Path(args.docs_file).parent.mkdir(parents=True, exist_ok=True)
            Path(args.docs_file).write_text(supported_ops_markdown(results))
            print(f"wrote {args.docs_file}")
    print(f"{len(results)} cases in {time.time() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
