"""Project passes of the CPU pipeline (the ``cpu-*`` names in the stage texts of pipeline.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from mlir import ir

from ...passes.registry import ModulePass, PassFailure
from . import pipeline


def _run_transform(module: ir.Module, step) -> None:
    """The transform interpreter raises ValueError with its diagnostics: report it as a pass error."""
    try:
        step(module)
    except ValueError as exc:
        module.operation.location.emit_error(f"CPU schedule failed: {exc}")
        raise PassFailure() from exc


@dataclass
class CpuSignlessTypesPass(ModulePass):
    name = "cpu-signless-types"
    summary = "Rewrite uiN/siN types to signless iN; unsigned args/results keep onnx.element_type"

    def run(self, module: ir.Module) -> None:
        from .types import make_signless
        make_signless(module)


@dataclass
class CpuWidenBoolBuffersPass(ModulePass):
    name = "cpu-widen-bool-buffers"
    summary = "i1/i2/i4 memrefs become i8 memrefs (LLVM 22 cannot load/store sub-byte memrefs)"

    def run(self, module: ir.Module) -> None:
        from .types import widen_bool_buffers
        widen_bool_buffers(module)


@dataclass
class CpuMultiDynamicExpandsPass(ModulePass):
    name = "cpu-multi-dynamic-expands"
    summary = "expand_shape groups with several dynamic sizes -> tensor.reshape (LLVM 22 asserts on them)"

    def run(self, module: ir.Module) -> None:
        from .reshapes import rewrite_multi_dynamic_expands
        rewrite_multi_dynamic_expands(module)


@dataclass
class CpuTensorSchedulePass(ModulePass):
    name = "cpu-tensor-schedule"
    summary = "Tile and vectorize matmul-like linalg ops on tensors (transform-dialect schedule)"

    def run(self, module: ir.Module) -> None:
        _run_transform(module, pipeline.tensor_schedule)


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
        _run_transform(module, pipeline.vector_schedule)


@dataclass
class CpuCheckSupportedPass(ModulePass):
    name = "cpu-check-supported"
    summary = "Report ops the LLVM lowering cannot handle (sub-byte memref accesses) instead of aborting"

    def run(self, module: ir.Module) -> None:
        bad = pipeline.check_supported(module)
        for op in bad:
            op.location.emit_error(
                "memory access to a sub-byte (i1/i2/i4) buffer left after cpu-widen-bool-buffers; "
                "LLVM 22 cannot lower it")
        if bad:
            raise PassFailure()


@dataclass
class CpuReadonlyInputsPass(ModulePass):
    name = "cpu-readonly-inputs"
    summary = "Tensor arguments of public functions are not writable (bufferization copies instead)"

    def run(self, module: ir.Module) -> None:
        pipeline.readonly_inputs(module)


@dataclass
class CpuEmitCInterfacePass(ModulePass):
    name = "cpu-emit-c-interface"
    summary = "Mark public functions llvm.emit_c_interface"

    def run(self, module: ir.Module) -> None:
        pipeline.emit_c_interface(module)


@dataclass
class CpuTargetPass(ModulePass):
    name = "cpu-target"
    summary = "Compile every defined llvm.func for a given CPU/ISA (target_cpu, target_features)"
    cpu: str = "host"  # host, avx2, avx512, or an LLVM CPU name (target.py)
    features: list[str] = field(default_factory=list)  # edits such as +avx2,-avx512f

    def run(self, module: ir.Module) -> None:
        from ...errors import CompilationError
        from . import target
        try:
            resolved = target.resolve(self.cpu, self.features)
        except CompilationError as exc:
            module.operation.location.emit_error(str(exc.args[0]))
            raise PassFailure() from exc
        target.apply(module, resolved)


ALL = (CpuSignlessTypesPass, CpuWidenBoolBuffersPass, CpuMultiDynamicExpandsPass, CpuTensorSchedulePass, CpuResultsToOutParamsPass, CpuVectorSchedulePass, CpuCheckSupportedPass,
       CpuEmitCInterfacePass, CpuReadonlyInputsPass, CpuTargetPass)
