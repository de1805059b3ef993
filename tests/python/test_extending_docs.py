"""docs/extending.md and docs/adding-an-op.md stay true: their code and tables are checked against
the example plugin, the pipeline points, the tools' flags and the files they name."""

from __future__ import annotations

import re
from pathlib import Path

from onnx_mlir.plugins import POINTS
from onnx_mlir.tools.opt_cli import FLAGS

ROOT = Path(__file__).resolve().parents[2]
EXTENDING = (ROOT / "docs" / "extending.md").read_text()
ADDING = (ROOT / "docs" / "adding-an-op.md").read_text()


def test_the_registration_shown_is_the_example_plugins():
    shown = re.search(r"```python\n(def register\(api\):.*?)```", EXTENDING, re.S).group(1)
    source = (ROOT / "examples" / "plugin" / "onnx_mlir_gelu_example" / "__init__.py").read_text()
    code_lines = [line for line in source.splitlines() if not line.strip().startswith(("#", '"""'))]
    for line in shown.strip().splitlines():
        assert line in code_lines, f"docs/extending.md shows a line the example does not have: {line}"


def test_every_pipeline_point_is_documented():
    for point in POINTS:
        assert f"`{point}`" in EXTENDING, point


def test_every_mlir_flag_of_onnx_mlir_opt_is_documented():
    documented = EXTENDING.replace("{before,after}", "X")
    for flag in FLAGS:
        if flag.startswith("mlir-print-ir-") and flag.split("-")[-1] in ("before", "after", "all"):
            continue  # written as --mlir-print-ir-{before,after}[-all]
        if flag.startswith(("mlir-", "dump-", "show-", "split-", "debug-")):
            assert f"--{flag}" in documented, flag


def test_files_named_by_the_docs_exist():
    for text in (EXTENDING, ADDING):
        for path in re.findall(r"`((?:lowering|tests|examples|passes|dialects|docs)/[\w./-]+\.(?:py|mlir|md|txt))`", text):
            assert (ROOT / path).exists(), path
