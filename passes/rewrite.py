"""The one rewrite driver of the project's passes: find ops, apply patterns, replace, repeat.

Upstream's greedy driver (``mlir.rewrite.apply_patterns_and_fold_greedily``) cannot carry these
passes: IRDL ops have no folders, the rewrites are Python functions that build whole subgraphs
(a lowering with its run-time guard, an ONNX function body), and MLIR 22's bindings have no
dialect conversion (``ConversionTarget``) to report an op left illegal. So conversion
(``convert-onnx-to-linalg``), canonicalization, decomposition and constant folding all use this:

* :func:`collect_ops` - the ops of a module in program order (outer before nested), of any
  dialect, chosen by a predicate;
* :class:`PatternSet` - rewrites by op name, for ops of any loaded dialect; a rewrite returns the
  replacement values of the op's results, or ``None`` when it does not apply;
* :func:`apply_once` - one sweep: each collected op is replaced by its first applying rewrite;
* :func:`to_fixpoint` - repeat a sweep until it changes nothing (the one fixpoint loop);
* :func:`replace_op` - results replaced, op erased.

Ops are collected before a sweep rewrites any: a rewrite may move ops (a lowering moves the
regions of an If into an ``scf.if``) but must only erase the op it rewrites and ops it created.
"""

from __future__ import annotations

from typing import Callable, Iterable, Sequence

from mlir import ir

Replacements = Sequence["ir.Value | None"]
Rewrite = Callable[[ir.OpView], "Replacements | None"]


def collect_ops(module: ir.Module, select: Callable[[ir.Operation], bool] | None = None, *,
                dialects: Iterable[str] | None = None, nested: bool = True) -> list[ir.OpView]:
    """Every op of ``module`` (of ``dialects``, and for which ``select`` is true) in program
    order, outer ops before the ops of their regions. With ``nested=False`` the ops inside the
    regions of a selected op are left out (If/Loop/Scan bodies)."""
    prefixes = tuple(f"{d}." for d in dialects) if dialects is not None else None
    found: list[ir.OpView] = []

    def visit(op: ir.Operation) -> ir.WalkResult:
        if (prefixes is None or op.name.startswith(prefixes)) and (select is None or select(op)):
            found.append(op.opview)
            if not nested and len(op.regions):
                return ir.WalkResult.SKIP
        return ir.WalkResult.ADVANCE

    for top in module.body.operations:
        top.operation.walk(visit, ir.WalkOrder.PRE_ORDER)
    return found


def onnx_ops(module: ir.Module, *, nested: bool = True) -> list[ir.OpView]:
    """Every ``onnx.*`` op in program order (see :func:`collect_ops`)."""
    return collect_ops(module, dialects=("onnx",), nested=nested)


def has_uses(value: ir.Value) -> bool:
    return next(iter(value.uses), None) is not None


def replace_op(op: ir.OpView, values: Replacements) -> None:
    """Replace the results of ``op`` by ``values`` (None for a result without uses), erase it."""
    results = op.operation.results
    if len(values) != len(results):
        raise AssertionError(f"a rewrite of {op.operation.name} returned {len(values)} values "
                             f"for {len(results)} results")
    for result, new in zip(results, values):
        if new is not None:
            result.replace_all_uses_with(new)
        elif has_uses(result):
            raise AssertionError(f"{op.operation.name}: a used result has no replacement")
    op.operation.erase()


class PatternSet:
    """Rewrites by op name (``"onnx.identity"``, ``"toy.scale"``), and rewrites for every op.

    A name's rewrites are tried in the order they were added, then the rewrites for every op;
    the first that returns replacements wins."""

    def __init__(self) -> None:
        self._by_name: dict[str, list[Rewrite]] = {}
        self._any: list[Rewrite] = []

    def add(self, op_name: str, rewrite: Rewrite) -> None:
        self._by_name.setdefault(op_name, []).append(rewrite)

    def add_for_any_op(self, rewrite: Rewrite) -> None:
        self._any.append(rewrite)

    def matches(self, op_name: str) -> bool:
        return bool(self._any) or op_name in self._by_name

    def rewrites_for(self, op_name: str) -> list[Rewrite]:
        return self._by_name.get(op_name, []) + self._any

    def op_names(self) -> list[str]:
        return sorted(self._by_name)


def apply_once(module: ir.Module, patterns: PatternSet, *,
               select: Callable[[ir.Operation], bool] | None = None,
               dialects: Iterable[str] | None = None, nested: bool = True) -> int:
    """One sweep over the ops ``patterns`` match (and ``select`` accepts), in program order;
    returns the number of ops replaced."""
    def wanted(op: ir.Operation) -> bool:
        return patterns.matches(op.name) and (select is None or select(op))

    replaced = 0
    for op in collect_ops(module, wanted, dialects=dialects, nested=nested):
        for rewrite in patterns.rewrites_for(op.operation.name):
            replacements = rewrite(op)
            if replacements is not None:
                replace_op(op, replacements)
                replaced += 1
                break
    return replaced


def to_fixpoint(sweep: Callable[[], int], max_iterations: int) -> int:
    """Run ``sweep`` (which returns how many changes it made) until a run changes nothing, at
    most ``max_iterations`` times; the total number of changes."""
    total = 0
    for _ in range(max_iterations):
        changed = sweep()
        total += changed
        if not changed:
            break
    return total


def apply_greedily(module: ir.Module, patterns: PatternSet, *, max_iterations: int,
                   select: Callable[[ir.Operation], bool] | None = None,
                   dialects: Iterable[str] | None = None) -> int:
    """:func:`apply_once` to a fixpoint."""
    return to_fixpoint(lambda: apply_once(module, patterns, select=select, dialects=dialects),
                       max_iterations)
