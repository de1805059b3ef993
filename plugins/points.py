"""Named points of the compiler's pipeline where extra passes run.

``after-<stage>`` for every stage (``onnx-basic`` is the imported module, then ``onnx``,
``linalg``, ``schedule``, ``bufferize``, ``loops``, ``llvm``), ``before-<stage>`` for every stage
but the first, and ``after-import`` (= ``after-onnx-basic``). Stage names are written out here
(not read from the stages) so that the plugin API never imports MLIR; a test checks them against
``onnx_mlir.compiler.stage_names()``.
"""

from __future__ import annotations

import difflib

from ..errors import CompilationError

STAGES = ("onnx-basic", "onnx", "linalg", "schedule", "bufferize", "loops", "llvm")


def _points() -> dict[str, str]:
    """point name -> the stage after which it runs."""
    points = {f"after-{stage}": stage for stage in STAGES}
    points.update({f"before-{stage}": previous for previous, stage in zip(STAGES, STAGES[1:])})
    points["after-import"] = "onnx-basic"
    return points


POINTS = _points()


def check_point(point: str) -> str:
    """``point`` when it names a point, else a CompilationError with the closest names."""
    if point in POINTS:
        return point
    close = difflib.get_close_matches(point, POINTS, n=3)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise CompilationError(f"unknown pipeline point '{point}' (points: {', '.join(POINTS)}){hint}")


def stage_of(point: str) -> str:
    """The stage after which the passes of ``point`` run."""
    return POINTS[check_point(point)]
