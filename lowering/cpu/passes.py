"""Project passes of the CPU pipeline (the ``cpu-*`` names in the stage texts of stages.py).

Each pass holds its step or calls the module that does (types.py, reshapes.py, schedules.py,
target.py); the registry finds them by name (``lowering/cpu/__init__.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mlir import ir, passmanager

from ...passes.pass_base import ModulePass, PassFailure
from .stages import RESULTS_TO_OUT_PARAMS

RESULTS_RETURNED_ATTR = "onnx_mlir.results_returned"


def _public_funcs(module: ir.Module) -> list[ir.Operation]:
    funcs = []
    for op in module.body.operations:
        if op.operation.name == "func.func" and "sym_visibility" not in op.attributes:
            funcs.append(op.operation)
    return funcs


def _all_results_static(func: ir.Operation) -> bool:
    """Whether every tensor result has a static shape (scalars need no out-param)."""
    ftype = ir.FunctionType(ir.TypeAttr(func.attributes["function_type"]).value)
    return all(ir.ShapedType(t).has_static_shape for t in ftype.results
               if isinstance(t, ir.ShapedType))


def _run_upstream(module: ir.Module, text: str) -> None:
    pm = passmanager.PassManager.parse(text, module.context)
    pm.run(module.operation)


def tensor_schedule(module: ir.Module, vector_bits: int, threads: int = 1) -> None:
    from . import target
    from .schedules import apply_tensor_schedule
    apply_tensor_schedule(module, vector_bits or target.vector_bits(target.resolve(target.spec_from(None))),
                          threads)


def vector_schedule(module: ir.Module) -> None:
    from .schedules import apply_vector_schedule
    apply_vector_schedule(module)


def results_to_out_params(module: ir.Module) -> None:
    """Static results -> out-params; with any dynamic result, keep results and tag the module."""
    if all(_all_results_static(f) for f in _public_funcs(module)):
        from .types import copy_duplicate_results
        for f in _public_funcs(module):
            copy_duplicate_results(f)  # a repeated return value crashes the upstream pass
        _run_upstream(module, RESULTS_TO_OUT_PARAMS)
    else:
        with module.context:
            module.operation.attributes[RESULTS_RETURNED_ATTR] = ir.UnitAttr.get()


def check_supported(module: ir.Module) -> list[ir.Operation]:
    """Ops the LLVM lowering cannot take: loads/stores of sub-byte (i1) memrefs.

    LLVM 22's memref-to-llvm asserts (aborting the process) on them. cpu-widen-bool-buffers rewrites
    i1 buffers to i8 first; anything it leaves (an op it does not know) is reported as an error.
    """
    bad: list[ir.Operation] = []

    def visit(op: ir.Operation) -> ir.WalkResult:
        if op.name in ("memref.load", "memref.store", "vector.load", "vector.store",
                       "vector.transfer_read", "vector.transfer_write"):
            for v in list(op.operands):
                t = v.type
                if isinstance(t, ir.MemRefType) and isinstance(t.element_type, ir.IntegerType) \
                        and t.element_type.width < 8:
                    bad.append(op)
                    break
        return ir.WalkResult.ADVANCE

    module.operation.walk(visit)
    return bad


def readonly_inputs(module: ir.Module) -> None:
    """Tensor arguments of public functions get ``bufferization.writable = false``."""
    with module.context:
        false = ir.BoolAttr.get(False)
        for f in _public_funcs(module):
            ftype = ir.FunctionType(ir.TypeAttr(f.attributes["function_type"]).value)
            attrs = list(ir.ArrayAttr(f.attributes["arg_attrs"])) if "arg_attrs" in f.attributes \
                else [ir.DictAttr.get({}) for _ in ftype.inputs]
            for i, t in enumerate(ftype.inputs):
                if isinstance(t, ir.RankedTensorType):
                    entries = {a.name: a.attr for a in ir.DictAttr(attrs[i])}
                    entries["bufferization.writable"] = false
                    attrs[i] = ir.DictAttr.get(entries)
            f.attributes["arg_attrs"] = ir.ArrayAttr.get(attrs)


def emit_c_interface(module: ir.Module) -> None:
    """Public functions get a ``_mlir_ciface_`` wrapper taking memref descriptors by pointer."""
    with module.context:
        for f in _public_funcs(module):
            f.attributes["llvm.emit_c_interface"] = ir.UnitAttr.get()


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
class CpuSplitEmptyTensorsPass(ModulePass):
    name = "cpu-split-empty-tensors"
    summary = "Give each use of a tensor.empty its own (keeps one-shot bufferization linear)"

    def run(self, module: ir.Module) -> None:
        from .empty_tensors import split_shared_empty_tensors
        split_shared_empty_tensors(module)


@dataclass
class CpuOpaqueSizesPass(ModulePass):
    name = "cpu-opaque-sizes"
    summary = "Hide size chains from the bufferization analysis (keeps it linear on dynamic shapes)"

    def run(self, module: ir.Module) -> None:
        from .opaque_sizes import hide_size_chains
        hide_size_chains(module)


@dataclass
class CpuSimplifyDeallocsPass(ModulePass):
    name = "cpu-simplify-deallocs"
    summary = ("buffer-deallocation-simplification in linear time where it can be: one dealloc per "
               "distinct allocation, the upstream pass only where something is left to simplify")

    def run(self, module: ir.Module) -> None:
        from .deallocs import simplify_deallocs
        simplify_deallocs(module)


@dataclass
class CpuSplitBlocksAtLoopsPass(ModulePass):
    name = "cpu-split-blocks-at-loops"
    summary = "End function blocks after each loop (keeps convert-scf-to-cf linear)"

    def run(self, module: ir.Module) -> None:
        from .blocks import split_blocks_at_loops
        split_blocks_at_loops(module)


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
class CpuConvLayoutPass(ModulePass):
    name = "cpu-conv-layout"
    summary = ("NCHW convs/pools -> NHWC forms (grouped convs: one per group); constant filters "
               "permuted; transposes moved to cancel")

    def run(self, module: ir.Module) -> None:
        from .conv_layout import to_channels_last
        from .grouped_conv import split_grouped_convs
        split_grouped_convs(module)
        to_channels_last(module)


@dataclass
class CpuPadInPlacePass(ModulePass):
    name = "cpu-pad-in-place"
    summary = "tensor.pad -> fill + insert_slice, so that the producer writes into the padded buffer"

    def run(self, module: ir.Module) -> None:
        from .pad_in_place import pads_in_place
        pads_in_place(module)


@dataclass
class CpuConvSchedulePass(ModulePass):
    name = "cpu-conv-schedule"
    summary = "Tile, decompose and vectorize channels-last convs/pools for the target ISA"
    cpu: str = ""  # as cpu-target's; empty: $ONNX_MLIR_CPU_FEATURES, else the host
    features: list[str] = field(default_factory=list)
    threads: int = 1  # > 1: output rows split over an scf.forall

    def run(self, module: ir.Module) -> None:
        from ...errors import CompilationError
        from . import target
        from .conv_schedules import Isa, apply_conv_schedules
        try:
            resolved = target.resolve(target.spec_from(self.cpu or None), self.features)
        except CompilationError as exc:
            module.operation.location.emit_error(str(exc.args[0]))
            raise PassFailure() from exc
        isa = Isa(target.vector_bits(resolved))
        _run_transform(module, lambda m: apply_conv_schedules(m, isa, max(1, self.threads)))


@dataclass
class CpuTensorSchedulePass(ModulePass):
    name = "cpu-tensor-schedule"
    summary = "Tile and vectorize matmul-like linalg ops on tensors (transform-dialect schedule)"
    # Register width the tiles are sized for; 0: that of $ONNX_MLIR_CPU_FEATURES or the host.
    vector_bits: int = 0
    threads: int = 1  # > 1: large matmuls split over an scf.forall

    def run(self, module: ir.Module) -> None:
        _run_transform(module, lambda m: tensor_schedule(m, self.vector_bits, max(1, self.threads)))


@dataclass
class CpuFuseElementwisePass(ModulePass):
    name = "cpu-fuse-elementwise"
    summary = "Fuse elementwise linalg.generic chains (upstream fusion, contractions kept out of it)"
    max_depth: int = 0  # chains cut every that many generics (0: fusion_depth.MAX_FUSION_DEPTH)

    def run(self, module: ir.Module) -> None:
        from .fusion import fuse_elementwise
        fuse_elementwise(module, self.max_depth)


@dataclass
class CpuMathApproximationsPass(ModulePass):
    name = "cpu-math-approximations"
    summary = "f32/f16/bf16 math.exp/tanh/erf -> polynomial approximations in arith ops (vectorizable)"

    def run(self, module: ir.Module) -> None:
        from .math_approx import approximate_math
        approximate_math(module)


@dataclass
class CpuReassociateReductionsPass(ModulePass):
    name = "cpu-reassociate-reductions"
    summary = "Float reduction combiners of linalg.generic get fastmath<reassoc> (LLVM vectorizes them)"

    def run(self, module: ir.Module) -> None:
        from .reductions import reassociate_reductions
        reassociate_reductions(module)


@dataclass
class CpuResultsToOutParamsPass(ModulePass):
    name = "cpu-results-to-out-params"
    summary = "Statically shaped results of public functions become out-params (else tag the module)"

    def run(self, module: ir.Module) -> None:
        results_to_out_params(module)


@dataclass
class CpuVectorSchedulePass(ModulePass):
    name = "cpu-vector-schedule"
    summary = "Hoist accumulators out of reduction loops and lower vector contractions (bufferized IR)"

    def run(self, module: ir.Module) -> None:
        _run_transform(module, vector_schedule)


@dataclass
class CpuPlanMemoryPass(ModulePass):
    name = "cpu-plan-memory"
    summary = ("Top-level allocations of each function -> views of one arena per call, dead "
               "ranges reused (memory_plan.py)")

    def run(self, module: ir.Module) -> None:
        from .memory_plan import plan_memory
        plan_memory(module)


@dataclass
class CpuStridedCopiesPass(ModulePass):
    name = "cpu-strided-copies"
    summary = "memref.copy with a strided operand -> linalg.copy (vectorizable loops, not memrefCopy)"

    def run(self, module: ir.Module) -> None:
        from .copies import strided_copies_to_linalg
        strided_copies_to_linalg(module)


@dataclass
class CpuCheckSupportedPass(ModulePass):
    name = "cpu-check-supported"
    summary = "Report ops the LLVM lowering cannot handle (sub-byte memref accesses) instead of aborting"

    def run(self, module: ir.Module) -> None:
        bad = check_supported(module)
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
        readonly_inputs(module)


@dataclass
class CpuEmitCInterfacePass(ModulePass):
    name = "cpu-emit-c-interface"
    summary = "Mark public functions llvm.emit_c_interface"

    def run(self, module: ir.Module) -> None:
        emit_c_interface(module)


@dataclass
class CpuExternalizeWeightsPass(ModulePass):
    name = "cpu-externalize-weights"
    summary = ("Large constant globals -> views of one weights buffer argument (onnx_mlir.weights); "
               "their bytes left on the module for the runtime")
    # Globals of more bytes than this move out; -1: $ONNX_MLIR_WEIGHTS_MIN_BYTES, else 1024.
    min_bytes: int = -1

    def run(self, module: ir.Module) -> None:
        from ...errors import CompilationError
        from .externalize_weights import externalize_weights, min_bytes_from_env
        try:
            min_bytes = self.min_bytes if self.min_bytes >= 0 else min_bytes_from_env()
        except CompilationError as exc:
            module.operation.location.emit_error(str(exc.args[0]))
            raise PassFailure() from exc
        externalize_weights(module, min_bytes)


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


ALL = (CpuSignlessTypesPass, CpuWidenBoolBuffersPass, CpuMultiDynamicExpandsPass, CpuConvLayoutPass,
       CpuPadInPlacePass, CpuFuseElementwisePass, CpuMathApproximationsPass, CpuReassociateReductionsPass,
       CpuConvSchedulePass, CpuTensorSchedulePass, CpuResultsToOutParamsPass, CpuVectorSchedulePass, CpuPlanMemoryPass,
       CpuStridedCopiesPass, CpuCheckSupportedPass,
       CpuEmitCInterfacePass, CpuReadonlyInputsPass, CpuExternalizeWeightsPass, CpuTargetPass)
