"""Extra passes at named points of the pipeline (``onnx_mlir.plugins.points``).

They come from ``compile(..., extra_passes={"after-onnx": "my-pass"})`` / ``onnx-mlir
--extra-passes=after-onnx=my-pass`` and from plugins (``api.add_passes``). They run through the
``on_stage`` hook that every stage already calls, so the stage drivers need not know about them:
the passes of a point run on the module right after its stage, before the caller's ``on_stage``
sees it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Mapping, Sequence

from ..plugins import ensure_loaded
from ..plugins.points import stage_of
from ..plugins.registry import point_passes

if TYPE_CHECKING:
    from mlir import ir

    from .stages import OnStage

ExtraPasses = Mapping[str, "str | Sequence[str]"]


def passes_by_stage(extra: ExtraPasses | None) -> dict[str, list[str]]:
    """stage -> pipeline texts to run after it: plugins' points first, then ``extra``'s."""
    ensure_loaded()
    by_stage: dict[str, list[str]] = {}
    requested = [(p, t) for p, texts in point_passes().items() for t in texts]
    for point, texts in (extra or {}).items():
        requested += [(point, t) for t in ([texts] if isinstance(texts, str) else texts)]
    for point, text in requested:
        by_stage.setdefault(stage_of(point), []).append(text)
    return by_stage


def with_extra_passes(on_stage: OnStage | None, extra: ExtraPasses | None) -> OnStage | None:
    """``on_stage`` preceded by the extra passes of each stage (``on_stage`` itself when there
    are none). Wrapping twice adds nothing: the passes run once."""
    if getattr(on_stage, "runs_extra_passes", False):
        return on_stage
    by_stage = passes_by_stage(extra)
    if not by_stage:
        return on_stage
    from ..passes.runner import run_pipeline

    def run_extra_then(name: str, module: "ir.Module") -> None:
        for text in by_stage.get(name, ()):
            run_pipeline(module, text)  # (seen by the --mlir-timing / --mlir-print-ir-* flags)
        if on_stage is not None:
            on_stage(name, module)

    run_extra_then.runs_extra_passes = True  # type: ignore[attr-defined]
    return run_extra_then
