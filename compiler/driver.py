"""The compiler driver: an ONNX model in, a finished artifact out.

    model ──import──▶ onnx-basic ──passes──▶ onnx ──onnx_to_linalg──▶ linalg
      CPU: ──lowering/cpu──▶ LLVM dialect          ──▶ CpuArtifact (runtime: CompiledModel)
      GPU: ──grouping, Triton codegen──▶ plan      ──▶ GpuArtifact (runtime: GpuModel)

The signature (input/output names, dim params) is read from the imported module, before lowering
drops it; the run-time check table and the entry's calling convention are read from the lowered
one, and so are the weights the CPU stages moved out of the code (``CpuArtifact.weights``). ``on_stage(name, module)`` sees the module after each stage (``stages.stage_names()``, then
``gpu-kernels`` and ``triton`` on the GPU path).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from mlir import ir

from ..runtime.artifact import CpuArtifact, GpuArtifact, TensorSpec
from ..triton_kernels.common import Target
from .signature import (Signature, find_entry, function_specs, read_profile_table, read_runtime_checks,
                        read_signature, status_slots)
from .extra_passes import ExtraPasses, with_extra_passes
from .stages import OnStage, lower_onnx_module


def onnx_module(model: Any) -> ir.Module:
    """``model`` itself when it is an ``ir.Module`` (onnx dialect), else ``model`` imported."""
    if isinstance(model, ir.Module):
        return model
    from ..importer import import_model

    return import_model(model)


# ---- CPU

def compile_for_cpu(model: Any, *, on_stage: OnStage | None = None, cpu: str | None = None,
                    profile: bool = False, num_threads: int | None = None,
                    extra_passes: ExtraPasses | None = None) -> CpuArtifact:
    """Compile an ONNX model (path, bytes, text, ModelProto, or an imported ``ir.Module``, which is
    lowered in place) for the CPU ``cpu`` (``lowering/cpu/target.py``; default: the host) and
    ``num_threads`` threads (``lowering/cpu/threads.py``; default: the cores the process may use).
    ``profile``: the code times each node (``instrument-profile``). ``extra_passes``: pipeline
    point -> passes to run there (``extra_passes.py``)."""
    on_stage = with_extra_passes(on_stage, extra_passes)
    module = onnx_module(model)
    signature = read_signature(module)  # names and dim params, before lowering drops them
    lower_onnx_module(module, upto="linalg", on_stage=on_stage, profile=profile)
    return cpu_artifact_from_linalg(module, signature=signature, on_stage=on_stage, cpu=cpu,
                                    num_threads=num_threads)


def cpu_artifact_from_linalg(module: ir.Module, *, signature: Signature | None = None,
                             on_stage: OnStage | None = None, cpu: str | None = None,
                             num_threads: int | None = None) -> CpuArtifact:
    """Lower a linalg-on-tensors module to LLVM (in place) and package it.

    ``signature`` is read from the module when not given (give it when the names and dim params
    come from an earlier form of the module).
    """
    from ..lowering.cpu.externalize_weights import take_weights
    from ..lowering.cpu.passes import RESULTS_RETURNED_ATTR
    from ..lowering.cpu.pipeline import lower_to_llvm

    inputs, outputs = signature or read_signature(module)
    entry = find_entry(module)
    specs_in, specs_out = function_specs(entry)
    # The signature's dtypes win: unsigned ONNX types are signless integers in linalg.
    specs_in = [TensorSpec(i.dtype, s.shape) for i, s in zip(inputs, specs_in)]
    specs_out = [TensorSpec(o.dtype, s.shape) for o, s in zip(outputs, specs_out)]
    checks = read_runtime_checks(module)
    slots = status_slots(entry)
    profile = read_profile_table(module, entry)
    lower_to_llvm(module, on_stage=on_stage, cpu=cpu, num_threads=num_threads)
    weights = take_weights(module)  # the large constants, out of the code (LLVM never sees them)
    return CpuArtifact(module, tuple(inputs), tuple(outputs), tuple(specs_in), tuple(specs_out),
                       tuple(checks), slots,
                       RESULTS_RETURNED_ATTR in module.operation.attributes, profile=tuple(profile),
                       weights=weights)


# ---- GPU

def compile_for_gpu(model: Any, *, on_stage: OnStage | None = None, target: Target | None = None,
                    allow_tf32: bool = False, extra_passes: ExtraPasses | None = None) -> GpuArtifact:
    """Compile an ONNX model into Triton kernels for ``target`` (default ``Target()``) and their
    launch plan (see docs/gpu.md). No GPU is needed to compile. ``extra_passes`` as for the CPU
    (points after ``linalg`` do not apply: the CPU stages do not run)."""
    on_stage = with_extra_passes(on_stage, extra_passes)
    module = onnx_module(model)
    signature = read_signature(module)
    lower_onnx_module(module, upto="linalg", on_stage=on_stage, runtime_checks=False)
    return gpu_artifact_from_linalg(module, signature=signature, target=target, allow_tf32=allow_tf32,
                                    on_stage=on_stage)


def gpu_artifact_from_linalg(module: ir.Module, *, signature: Signature | None = None,
                             target: Target | None = None, allow_tf32: bool = False,
                             on_stage: OnStage | None = None) -> GpuArtifact:
    """Group, generate and plan the kernels of a linalg-on-tensors module (changed in place)."""
    from ..lowering.gpu.grouping import group_module
    from ..lowering.gpu.pipeline import annotate, check_symbol_names, generate, source_file
    from .gpu_plan import build_plan, host_kernel_module

    check_symbol_names(module)
    inputs, outputs = signature or read_signature(module)
    group_module(module)
    if on_stage is not None:
        on_stage("gpu-kernels", module)
    kernels = generate(module, target or Target(), allow_tf32, warn=False)
    annotate(module, kernels)
    if on_stage is not None:
        on_stage("triton", module)
    plan = build_plan(module, kernels, source_file(kernels), inputs, outputs,
                      lambda fn: cpu_artifact_from_linalg(host_kernel_module(fn)))
    return dataclasses.replace(plan, target=str(target or Target()))
