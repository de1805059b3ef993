"""Passes of onnx-mlir-py: the registry, the pipeline runner and the onnx-level passes."""

from .registry import (
    ModulePass,
    PassFailure,
    Pipeline,
    get_pass_class,
    instantiate_pass,
    list_passes,
    list_pipelines,
    parse_pipeline,
    register_pass,
    register_pipeline,
    run_pipeline,
)

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
