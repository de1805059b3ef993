"""The "Dynamic dims" section of docs/supported-ops.md: what the lowerings take with sizes known
only at run time, and what still needs static sizes, with the reason (kept here, next to the
generator, so that ``--write-docs`` keeps it)."""

DYNAMIC_DIMS_NOTE = "\n".join([
    "Inputs may have symbolic dims (`dim_param`, or none). A dynamic size is read at run time "
    "(`tensor.dim`), and what the compiler cannot prove about it (two sizes that must agree, a "
    "window that must fit, an index in range) is a run-time check: a failed one is an "
    "`ExecutionError` naming the node, never an out-of-bounds access. In elementwise broadcasting "
    "a dynamic dim may be 1 at run time (broadcast then; the result size is the first operand "
    "size that is not 1), except on the GPU target, where dynamic dims must match. `compile(model, input_shapes={\"x\": [1, 3, 320, 320]})` / "
    "`onnx-mlir --shapeInformation=x:1x3x320x320` (or `0:1x3x320x320`; -1 keeps a dim "
    "dynamic) fix input dims at compile time instead; the compiled model then takes only those "
    "shapes (`InputError` otherwise).",
    "",
    "With dynamic sizes: Conv, ConvTranspose, ConvInteger/QLinearConv, MaxPool (with Indices), "
    "AveragePool, LpPool and the global pools (batch and spatial dims; the output size and any "
    "padding that depends on the input size, SAME_* and `ceil_mode` included, are computed at "
    "run time; a dynamic channel dim is checked against the weights); RNN, GRU, LSTM (sequence "
    "length: the trip count of the time loop; batch: checked against the initial states and "
    "`sequence_lens`; weights given with dynamic dims are cast to the `hidden_size` and "
    "`direction` sizes, the input size may stay dynamic); Resize (the output size is "
    "`floor(in * scale)`, the run-time `sizes`, or with `keep_aspect_ratio_policy` the common "
    "scale times the input size; run-time `scales`/`roi` of dynamic length are checked to hold "
    "one (two) entries per resized axis); "
    "GridSample (input spatial dims); the elementwise, matmul, normalization, reduction, "
    "Softmax, data-movement (Reshape, Slice, Pad, Tile, Expand, Concat, Split, Gather, ...) "
    "and shape ops; Squeeze/Unsqueeze with run-time `axes` (a `tensor.reshape` to sizes "
    "computed from them, checked); TopK with a run-time K (it sizes the results); "
    "CenterCropPad with dynamic sizes or a run-time shape (crop and pad amounts computed at "
    "run time); GatherND/ScatterND with indices whose last dim is dynamic (the ranks give the number "
    "of indexed dims; checked); QuantizeLinear, DequantizeLinear and QLinearMatMul with scales and zero points of "
    "run-time length (one entry, or one per element of the axis / row / column).",
    "",
    "A size-0 dim that ONNX shape inference derives from unknown dims (its Attention inference "
    "reads an unknown head size as 0) is dropped to a dynamic one at import "
    "(`importer/invented_zero_dims.py`): an unknown size is computed at run time, a wrong static "
    "one would be trusted.",
    "",
    "Data-dependent output sizes: Compress (a run-time condition), NonZero, Unique and "
    "NonMaxSuppression count their results at run time (a reduction) and fill a result of that "
    "size, which the compiled code allocates and returns. Their counting and selection steps are "
    "quadratic in the number of elements (Unique: rows x rows x row length; NonMaxSuppression: "
    "boxes x boxes per batch and class, its greedy selection an `scf.for` over the score ranks), "
    "the price of staying in linalg on tensors, which has no scan or sort.",
    "",
    "Still static, and why:",
    "",
    "| Where | What must be static | Why |",
    "|---|---|---|",
    "| Conv, ConvTranspose, ConvInteger, QLinearConv, DeformConv | the weight shape (also "
    "when the weights are a model input, as in the CausalConvWithState function body) | kernel "
    "size and channel counts pick the named linalg convolution and its window maps |",
    "| ConvTranspose with `output_shape` | the input spatial dims | the padding is the "
    "difference of the full and the requested output size |",
    "| RNN, GRU, LSTM | the hidden size (`hidden_size`, or static W/R) | gate offsets are "
    "static slices of the projections |",
    "| Resize with `antialias` | sizes on the resized axes | the kernel width is derived at "
    "compile time |",
    "| AffineGrid | the output spatial sizes | they give the loop bounds of the grid |",
    "| Squeeze/Unsqueeze, Reshape, Slice, Pad | a constant axes/shape operand, or one of "
    "static length | the result rank |",
    "| ReduceXxx with run-time `axes` | the length of `axes` (with dynamic shapes) | every "
    "set of that many dims is a candidate reduction, an `scf.if` chain on the run-time axes "
    "picks one |",
    "| GroupNormalization | the channel count | the groups are a static reshape |",
    "| Det | the matrix size n | the elimination is unrolled |",
    "| Loop, Scan | each iteration's scan-output shape | the stacked result is allocated "
    "before the loop |",
    "| DFT, STFT, MelWeightMatrix, Col2Im, MaxUnpool | axis lengths / result shapes | "
    "transform sizes and index tables are built at compile time |",
    "| If | the ranks of the branch results | a run-time condition whose branches return "
    "different ranks is compiled with the then_branch (ShapeWarning); a run that takes the "
    "else_branch is an `ExecutionError`. A condition known at import (shapes, constants) "
    "inlines the taken branch |",
    "| GPU target | - | run-time checks are off there (no status buffer yet) |",
])
