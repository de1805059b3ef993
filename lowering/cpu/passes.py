"""Project passes of the CPU pipeline (the ``cpu-*`` names in the stage texts of pipeline.py)."""

from __future__ import annotations

from dataclasses import dataclass

from mlir import ir

from ...passes.registry import ModulePass
from . import pipeline


@dataclass
class CpuTensorSchedulePass(ModulePass):
    name = "cpu-tensor-schedule"
    summary = "Tile and vectorize matmul-like linalg ops on tensors (transform-dialect schedule)"

    def run(self, module: ir.Module) -> None:
        pipeline.tensor_schedule(module)


@dataclass
class CpuResultsToOutParamsPass(ModulePass):
    name = "cpu-results-to-out-params"
    summary = "Statically shaped results of public functions become out-params (else tag the module)"

    def run(self, module: ir.Module) -> None:
        pipeline.results_to_out_params(module)


@dataclass
class CpuVectorSchedulePass(ModulePass):
    name = "cpu-vector-schedule"
    summary = "Hoist accumulators out of reduction loops and lower vector contractions (bufferized IR)"

    def run(self, module: ir.Module) -> None:
        pipeline.vector_schedule(module)


@dataclass
class CpuEmitCInterfacePass(ModulePass):
    name = "cpu-emit-c-interface"
    summary = "Mark public functions llvm.emit_c_interface"

    def run(self, module: ir.Module) -> None:
        pipeline.emit_c_interface(module)


ALL = (CpuTensorSchedulePass, CpuResultsToOutParamsPass, CpuVectorSchedulePass, CpuEmitCInterfacePass)
