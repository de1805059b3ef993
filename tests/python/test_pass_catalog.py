"""Every registered pass and pipeline loads, and says what it is in one place.

A pass's name and summary are written once, on its class (``name``/``summary``); the catalog
(``passes/catalog.py``) only says where the class lives, under the name it is called by. These
tests hold the two together, as xDSL's CLI test holds ``get_all_passes()`` to its classes.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from onnx_mlir.passes import ModulePass, catalog, registry
from onnx_mlir.passes.pipeline_text import expand_pipelines, parse_pipeline


@pytest.mark.parametrize("name", sorted(catalog.PASSES))
def test_registered_name_is_the_class_name(name):
    cls = registry.get_pass_class(name)
    assert issubclass(cls, ModulePass)
    assert cls.name == name, f"registered as '{name}' but the class says '{cls.name}'"
    assert cls.summary.strip(), f"{cls.__qualname__} has no summary"
    assert "\n" not in cls.summary


@pytest.mark.parametrize("name", sorted(catalog.PASSES))
def test_listing_shows_the_class_summary(name):
    """The listing reads the summary from the class's source (no import): it is the class's."""
    assert registry._summary_from_source(catalog.PASSES[name]) == registry.get_pass_class(name).summary
    assert dict(registry.list_passes())[name] == registry.get_pass_class(name).summary


@pytest.mark.parametrize("name", sorted({*catalog.PIPELINES, *catalog.PIPELINE_REFERENCES}))
def test_registered_pipeline_expands_to_known_passes(name):
    """Each named pipeline's text loads and names only project passes, pipelines or elements the
    upstream parser validates later (checked here for the project ones)."""
    elements = expand_pipelines(parse_pipeline(name))
    assert elements
    info = registry.get_pipeline(name)
    assert info.summary and info.text.startswith("builtin.module(")


def test_cpu_stage_pipelines_are_the_stage_texts():
    from onnx_mlir.lowering.cpu.stages import STAGES

    for stage, text in STAGES.items():
        assert registry.get_pipeline(f"cpu-{stage}").text == text


def test_listing_imports_no_stage():
    """``--help``/``--list-passes`` list every pass without importing the stages' modules (or
    onnx: the tool starts in a fraction of a second)."""
    code = ("import sys\nfrom onnx_mlir.tools import onnx_mlir_opt\nonnx_mlir_opt.pass_listing()\n"
            "heavy = [m for m in sys.modules if m == 'onnx' or m.startswith(("
            "'onnx_mlir.lowering.onnx_to_linalg', 'onnx_mlir.lowering.cpu.passes', "
            "'onnx_mlir.lowering.gpu.grouping', 'onnx_mlir.passes.decompose'))]\n"
            "print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_plugin_pass_registered_by_class_and_by_string():
    from dataclasses import dataclass
    from typing import ClassVar

    @dataclass
    class _Plugin(ModulePass):
        name: ClassVar[str] = "test-plugin-pass"
        summary: ClassVar[str] = "a plugin's pass"

        def run(self, module):
            pass

    registry.register_pass("test-plugin-pass", _Plugin)
    try:
        assert dict(registry.list_passes())["test-plugin-pass"] == "a plugin's pass"
        registry.register_pass("test-plugin-pass", "onnx_mlir.passes.dead_code:OnnxDeadCodeEliminationPass")
        assert registry.get_pass_class("test-plugin-pass").name == "onnx-dce"
    finally:
        registry.unregister("test-plugin-pass")
    assert not registry.is_project_pass("test-plugin-pass")


def test_old_registry_names_still_work():
    """Code written against the single-file registry keeps working."""
    from onnx_mlir.passes import runner

    assert registry.run_pipeline is runner.run_pipeline
    assert registry.Pipeline is runner.Pipeline
    assert registry.parse_pipeline is parse_pipeline
