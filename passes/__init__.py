"""Passes of onnx-mlir-py: the pass registry, the pipeline runner and the onnx-level passes.

``pass_base.py`` the pass base class; ``catalog.py`` every built-in pass and pipeline as data;
``registry.py`` the table they and plugins fill; ``pipeline_text.py`` parses pipelines,
``pass_options.py`` converts pass options, ``runner.py`` runs a pipeline; ``rewrite.py`` is the
one rewrite driver of every project pass that replaces ops.
"""

from .pass_base import ModulePass, PassFailure
from .pass_options import instantiate_pass
from .pipeline_text import parse_pipeline
from .registry import (
    get_pass_class,
    list_passes,
    list_pipelines,
    register_pass,
    register_pipeline,
)
from .runner import Pipeline, run_pipeline

__all__ = [
    "ModulePass",
    "PassFailure",
    "Pipeline",
    "get_pass_class",
    "instantiate_pass",
    "list_passes",
    "list_pipelines",
    "parse_pipeline",
    "register_pass",
    "register_pipeline",
    "run_pipeline",
]
