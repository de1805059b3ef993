"""The CPU pipeline's stages: linalg on tensors -> LLVM dialect, as pipeline texts.

Each stage is one pipeline text, runnable on its own by ``onnx-mlir-opt`` (``cpu-<stage>``);
``pipeline.lower_to_llvm`` runs them in order.

``schedule``   uiN -> iN (cpu-signless-types), expand_shapes LLVM cannot take -> tensor.reshape
               (cpu-multi-dynamic-expands), convs/pools channels-last (cpu-conv-layout), pads as
               fill + insert (cpu-pad-in-place), elementwise chains fused into one generic
               (cpu-fuse-elementwise, fusion.py), exp/tanh/erf -> polynomials (cpu-math-approximations,
               math_approx.py), float reductions reassociable (cpu-reassociate-reductions,
               reductions.py), then tile + vectorize convs (cpu-conv-schedule) and matmul-like ops
               on tensors, any shape, register tiles for the target ISA (transform dialect, see
               schedules.py, matmul_schedules.py, conv_schedules.py)
``bufferize``  one-shot bufferization across function boundaries; static results become
               out-params (the caller allocates them); deallocations inserted
``loops``      hoist/lower the vector ops, top-level buffers share slots per call
               (cpu-plan-memory, memory_plan.py), strided copies -> linalg.copy, remaining linalg ops ->
               scf loops, each top-level loop nest outlined into a private function
               (cpu-outline-kernels, outline_kernels.py) -> cf (with several threads, pipeline.py adds the async-runtime passes
               of threads.py before scf -> cf)
``llvm``       i1/i2/i4 buffers -> i8 (cpu-widen-bool-buffers), large constants -> views of one
               weights buffer argument (cpu-externalize-weights, externalize_weights.py), bf16 arithmetic in f32 and bf16
               conversions as integer ops, everything to the LLVM dialect; math ops go to LLVM
               intrinsics or libm calls; ``cpu-target`` last when a CPU other than the host is
               asked for (``lower_to_llvm(cpu=...)``, target.py)

Results of ``@main_graph`` become out-params only when *every* result is statically shaped:
a caller cannot size a buffer whose shape depends on the data.  Otherwise all results stay function
results (memrefs allocated by the callee, returned through the C interface) and the module gets the
unit attribute ``onnx_mlir.results_returned``.  The project passes in the texts (``cpu-*``) are in
passes.py.  Nothing here imports MLIR: the registry reads these texts at start-up.
"""

from __future__ import annotations

# uiN -> iN first: the tensor.bitcast views of unsigned values cannot be bufferized.
# Multi-dynamic expand_shape groups -> tensor.reshape before anything is bufferized (reshapes.py).
# Convolutions go channels-last (conv_layout.py) before anything is tiled; exp/tanh/erf become
# polynomials before that too: libm calls would keep loops scalar.
SCHEDULE_PIPELINE = ("builtin.module(cpu-signless-types, cpu-multi-dynamic-expands, cpu-conv-layout, "
                     "cpu-pad-in-place, cpu-fuse-elementwise, cpu-math-approximations, "
                     "cpu-reassociate-reductions, cpu-conv-schedule, cpu-tensor-schedule)")

BUFFERIZE_PIPELINE = (
    "builtin.module("
    # The caller's input arrays are read-only: an op that updates an input in place (a scatter
    # initialised with its data operand) gets a copy instead of writing into the caller's array.
    "cpu-readonly-inputs, "
    # One tensor.empty per use: CSE shares one among all the ops writing into a fresh tensor,
    # which made one-shot bufferization cubic in the number of ops (empty_tensors.py).
    "cpu-split-empty-tensors, "
    # Sizes as symbols: slice queries over whole size chains made the analysis quadratic on
    # models with dynamic spatial dims (opaque_sizes.py); canonicalize inlines them again.
    "cpu-opaque-sizes, "
    "eliminate-empty-tensors, "
    # Identity layouts where bufferization must pick a type (scf.if / scf.for results): the
    # branches of a run-time check guard (a view in one, an empty alloc in the other) would
    # otherwise merge into a fully dynamic strided layout that every later op indexes through.
    "one-shot-bufferize{allow-return-allocs-from-loops bufferize-function-boundaries "
    "function-boundary-type-conversion=identity-layout-map "
    "unknown-type-conversion=identity-layout-map}, "
    # Folds loop-carried buffers so that results are their allocs again (needed to hoist them
    # into out-params) and drops the self-copies left by tiling.
    "canonicalize, cse, "
    "cpu-results-to-out-params, "
    # upstream's buffer-deallocation-pipeline, with its simplification made linear where it can
    # be (one dealloc listing every buffer of a block made it quadratic, deallocs.py)
    "expand-realloc{emit-deallocs=false}, canonicalize, "
    "ownership-based-buffer-deallocation, canonicalize, "
    "cpu-simplify-deallocs, "
    "bufferization-lower-deallocations, cse, canonicalize, "
    # Returned (non-owned) buffers are cloned by the deallocation pipeline: clone -> alloc + copy.
    "convert-bufferization-to-memref)"
)

# What cpu-results-to-out-params runs when all results are static.  Without
# modify-public-functions the pass silently leaves @main_graph alone.
RESULTS_TO_OUT_PARAMS = "builtin.module(buffer-results-to-out-params{hoist-static-allocs modify-public-functions})"

LOOPS_PIPELINE = (
    "builtin.module("
    "cpu-vector-schedule, "
    # after the hoisting of the vector schedule, which does not look through memref.view
    "cpu-plan-memory, "
    "cpu-strided-copies, "
    "convert-vector-to-scf, "
    "convert-linalg-to-loops, "
    "canonicalize, "
    # each top-level loop nest its own function: LLVM's time is superlinear in a function's size
    # (outline_kernels.py)
    "cpu-outline-kernels, "
    # one block per top-level loop first: scf-to-cf's own splits were quadratic (blocks.py)
    "cpu-split-blocks-at-loops, "
    "convert-scf-to-cf)"
)

LLVM_PIPELINE = (
    "builtin.module("
    "cpu-widen-bool-buffers, "
    "cpu-check-supported, "
    # Large constants leave the code for a weights buffer argument (externalize_weights.py):
    # after every transformation of constants, before LLVM sees them as globals.
    "cpu-externalize-weights, "
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
