"""The outcome table and the reproducer files of a campaign."""

from __future__ import annotations

import json
import re
from pathlib import Path

from .campaign import Campaign, Case
from .outcomes import MODEL_OUTCOMES, OPT_OUTCOMES, CaseResult


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text)[:60]


def write_reproducer(campaign: Campaign, case: Case, result: CaseResult) -> Path:
    """``OUT/<target>/<outcome>/case-<index>.{onnx|mlir}`` (plus side files) and a ``.json``
    with the seed, the mutations, the phase, the signature and the message."""
    folder = campaign.config.out / campaign.target / result.outcome.value
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"case-{case.index}"
    if campaign.target == "models":
        input_path = folder / f"{stem}.onnx"
        for name, content in case.payload.get("files", {}).items():
            side = folder / f"{stem}.files" / name
            side.parent.mkdir(exist_ok=True)
            side.write_bytes(content)
    else:
        input_path = folder / f"{stem}.mlir"
    input_path.write_bytes(case.payload["data"])
    info = {"target": campaign.target, "seed": campaign.config.seed, "case": case.index,
            "seed_input": case.seed_name, "mutations": case.steps,
            "flags": case.payload.get("flags"), "dim_values": case.payload.get("dim_values"),
            "opt_level": case.payload.get("opt_level"),
            "max_tensor_bytes": campaign.config.max_tensor_bytes, "outcome": result.outcome.value,
            "phase": result.phase, "signature": result.signature, "message": result.message,
            "input": input_path.name,
            "earlier_cases_in_worker": result.details.get("earlier_cases_in_worker", []),
            "replay": f"python -m onnx_mlir.tools.fuzz --replay {folder / (stem + '.json')}"}
    (folder / f"{stem}.json").write_text(json.dumps(info, indent=1, ensure_ascii=False) + "\n")
    return input_path


def table(campaign: Campaign) -> str:
    config = campaign.config
    counts = campaign.counts()
    order = MODEL_OUTCOMES if campaign.target == "models" else OPT_OUTCOMES
    lines = [f"fuzz {campaign.target}: {len(campaign.results)} cases, seed {config.seed}, "
             f"{config.jobs} jobs, {campaign.seconds:.0f} s",
             f"  {'outcome':<22} {'count':>7}"]
    for outcome in order:
        mark = "  <- bug" if outcome.is_bad and counts.get(outcome) else ""
        lines.append(f"  {outcome.value:<22} {counts.get(outcome, 0):>7}{mark}")
    bad = campaign.bad
    if bad:
        groups: dict[tuple[str, str], list[Case]] = {}
        for case, result in bad:
            groups.setdefault((result.outcome.value, result.signature), []).append(case)
        lines.append(f"  {len(groups)} bug signature(s) (reproducers in {config.out / campaign.target}):")
        for (outcome, signature), cases in sorted(groups.items(), key=lambda kv: -len(kv[1])):
            lines.append(f"    {len(cases):>5} x {outcome}: {signature}  (e.g. case {cases[0].index})")
    return "\n".join(lines)
