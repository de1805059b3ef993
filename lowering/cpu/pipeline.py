"""CPU pipeline: linalg on tensors -> LLVM dialect, in named stages.

Stages (each one a pipeline text, runnable on its own by ``onnx-mlir-opt``):

``schedule``   uiN -> iN (cpu-signless-types), expand_shapes LLVM cannot take -> tensor.reshape
               (cpu-multi-dynamic-expands), then tile + vectorize matmul-like ops on tensors (transform dialect, see schedules.py)
``bufferize``  one-shot bufferization across function boundaries; static results become
               out-params (the caller allocates them); deallocations inserted
``loops``      hoist/lower the vector ops, remaining linalg ops -> scf loops -> cf
``llvm``       i1/i2/i4 buffers -> i8 (cpu-widen-bool-buffers), bf16 arithmetic in f32 and bf16
               conversions as integer ops, everything to the LLVM dialect; math ops go to LLVM
               intrinsics or libm calls

Results of ``@main_graph`` become out-params only when *every* result is statically shaped:
a caller cannot size a buffer whose shape depends on the data.  Otherwise all results stay function
results (memrefs allocated by the callee, returned through the C interface) and the module gets the
unit attribute ``onnx_mlir.results_returned``.  Project passes in the texts (``cpu-*``) are the
Python steps below, wrapped as registry passes in passes.py.
"""

from __future__ import annotations

from typing import Callable

from mlir import ir, passmanager

ENTRY = "main_graph"
RESULTS_RETURNED_ATTR = "onnx_mlir.results_returned"

# uiN -> iN first: the tensor.bitcast views of unsigned values cannot be bufferized.
# Multi-dynamic expand_shape groups -> tensor.reshape before anything is bufferized (reshapes.py).
SCHEDULE_PIPELINE = "builtin.module(cpu-signless-types, cpu-multi-dynamic-expands, cpu-tensor-schedule)"

BUFFERIZE_PIPELINE = (
    "builtin.module("
    "eliminate-empty-tensors, "
    "one-shot-bufferize{allow-return-allocs-from-loops bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map}, "
    # Folds loop-carried buffers so that results are their allocs again (needed to hoist them
    # into out-params) and drops the self-copies left by tiling.
    "canonicalize, cse, "
    "cpu-results-to-out-params, "
    "buffer-deallocation-pipeline, "
    # Returned (non-owned) buffers are cloned by the deallocation pipeline: clone -> alloc + copy.
    "convert-bufferization-to-memref)"
)

# What cpu-results-to-out-params runs when all results are static.  Without
# modify-public-functions the pass silently leaves @main_graph alone.
RESULTS_TO_OUT_PARAMS = "builtin.module(buffer-results-to-out-params{hoist-static-allocs modify-public-functions})"

LOOPS_PIPELINE = (
    "builtin.module("
    "cpu-vector-schedule, "
    "convert-vector-to-scf, "
    "convert-linalg-to-loops, "
    "canonicalize, "
    "convert-scf-to-cf)"
)

LLVM_PIPELINE = (
    "builtin.module("
    "cpu-widen-bool-buffers, "
    "cpu-check-supported, "
    "cpu-emit-c-interface, "
    # bf16 without runtime support: arithmetic in f32, then bf16 <-> f32 conversions as integer
    # ops (LLVM would call __truncsfbf2, which only libmlir_float16_utils provides).
    "arith-emulate-unsupported-floats{source-types=bf16 target-type=f32}, "
    "arith-expand{include-bf16=true}, "
    "expand-strided-metadata, "
    "lower-affine, "
    "convert-scf-to-cf, "
    "func.func(convert-math-to-llvm), "
    "convert-math-to-funcs, "
    "convert-math-to-libm, "
    "convert-vector-to-llvm, "
    "finalize-memref-to-llvm, "
    "convert-to-llvm, "
    "convert-ub-to-llvm, "
    "reconcile-unrealized-casts)"
)

STAGES: dict[str, str] = {
    "schedule": SCHEDULE_PIPELINE,
    "bufferize": BUFFERIZE_PIPELINE,
    "loops": LOOPS_PIPELINE,
    "llvm": LLVM_PIPELINE,
}


def _strip(text: str) -> str:
    assert text.startswith("builtin.module(") and text.endswith(")")
    return text[len("builtin.module("):-1]


# The whole linalg-on-tensors -> LLVM pipeline, as one text.
LINALG_TO_CPU_PIPELINE = "builtin.module(" + ", ".join(_strip(t) for t in STAGES.values()) + ")"


# ---- project passes (Python steps) ------------------------------------------------------------

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


def tensor_schedule(module: ir.Module) -> None:
    from .schedules import apply_tensor_schedule
    apply_tensor_schedule(module)


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


def emit_c_interface(module: ir.Module) -> None:
    """Public functions get a ``_mlir_ciface_`` wrapper taking memref descriptors by pointer."""
    with module.context:
        for f in _public_funcs(module):
            f.attributes["llvm.emit_c_interface"] = ir.UnitAttr.get()


# ---- running ----------------------------------------------------------------------------------

def _run_upstream(module: ir.Module, text: str) -> None:
    pm = passmanager.PassManager.parse(text, module.context)
    pm.run(module.operation)


def lower_to_llvm(module: ir.Module, *, upto: str = "llvm",
                  on_stage: Callable[[str, ir.Module], None] | None = None) -> ir.Module:
    """Lower ``module`` (linalg on tensors) in place, stage by stage, stopping after ``upto``.

    ``on_stage(name, module)`` is called after each stage (e.g. to print the IR).  Raises
    ``onnx_mlir.errors.CompilationError`` with the MLIR diagnostics when a pass fails.
    """
    if upto not in STAGES:
        raise ValueError(f"unknown stage '{upto}' (expected one of {', '.join(STAGES)})")
    from ...passes.registry import run_pipeline
    from . import register

    register()  # the cpu-* project passes used in the stage texts
    for name, text in STAGES.items():
        run_pipeline(module, text)  # raises CompilationError with the MLIR diagnostics
        if on_stage is not None:
            on_stage(name, module)
        if name == upto:
            break
    return module
