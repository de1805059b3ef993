// Pooling lowering: tensor.pad (-inf for max, 0 for average), named linalg pooling ops, and a
// division generic for AveragePool.
// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s
// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s --check-prefix=NOONNX
// NOONNX-NOT: onnx.

// MaxPool with pads and strides: -inf padding, -inf-filled accumulator.
// CHECK-LABEL: func.func @max_pads_strides
// CHECK:         %[[NEG_INF:.*]] = arith.constant 0xFF800000 : f32
// CHECK:         %[[PAD:.*]] = tensor.pad %arg0 low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK:         tensor.yield %[[NEG_INF]] : f32
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<1x3x4x4xf32>)
// CHECK:         %[[WIN:.*]] = tensor.empty() : tensor<3x3xf32>
// CHECK:         linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
// CHECK-SAME:      ins(%[[PAD]], %[[WIN]] : tensor<1x3x9x9xf32>, tensor<3x3xf32>) outs(%[[INIT]] : tensor<1x3x4x4xf32>)
func.func @max_pads_strides(%x: tensor<1x3x7x7xf32>) -> tensor<1x3x4x4xf32> {
  %0 = "onnx.max_pool"(%x) {kernel_shape = [3, 3], pads = [1, 1, 1, 1], strides = [2, 2]} : (tensor<1x3x7x7xf32>) -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}

// -----

// ceil_mode: 8 wide, kernel 3, stride 2 -> ceil(5/2)+1 = 4 outputs; one extra column of padding
// at the end makes the last window fit.
// CHECK-LABEL: func.func @max_ceil_mode
// CHECK:         tensor.pad %arg0 low[0, 0, 0, 0] high[0, 0, 0, 1]
// CHECK:         } : tensor<1x2x7x8xf32> to tensor<1x2x7x9xf32>
// CHECK:         linalg.pooling_nchw_max
// CHECK-SAME:      -> tensor<1x2x3x4xf32>
func.func @max_ceil_mode(%x: tensor<1x2x7x8xf32>) -> tensor<1x2x3x4xf32> {
  %0 = "onnx.max_pool"(%x) {ceil_mode = 1 : i64, kernel_shape = [3, 3], strides = [2, 2]} : (tensor<1x2x7x8xf32>) -> tensor<1x2x3x4xf32>
  return %0 : tensor<1x2x3x4xf32>
}

// -----

// Dilations are passed to the pooling op.
// CHECK-LABEL: func.func @max_dilations
// CHECK:         linalg.pooling_nchw_max {dilations = dense<[2, 1]> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
func.func @max_dilations(%x: tensor<1x2x9x9xf32>) -> tensor<1x2x5x7xf32> {
  %0 = "onnx.max_pool"(%x) {dilations = [2, 1], kernel_shape = [3, 3]} : (tensor<1x2x9x9xf32>) -> tensor<1x2x5x7xf32>
  return %0 : tensor<1x2x5x7xf32>
}

// -----

// auto_pad SAME_UPPER: ceil(7/2) = 4 outputs, padding 2 split 1/1.
// CHECK-LABEL: func.func @max_same_upper
// CHECK:         tensor.pad %arg0 low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK:         linalg.pooling_nchw_max
func.func @max_same_upper(%x: tensor<1x2x7x7xf32>) -> tensor<1x2x4x4xf32> {
  %0 = "onnx.max_pool"(%x) {auto_pad = "SAME_UPPER", kernel_shape = [3, 3], strides = [2, 2]} : (tensor<1x2x7x7xf32>) -> tensor<1x2x4x4xf32>
  return %0 : tensor<1x2x4x4xf32>
}

// -----

// An unused Indices output is dropped.
// CHECK-LABEL: func.func @max_unused_indices
// CHECK:         linalg.pooling_nchw_max
func.func @max_unused_indices(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x2x2xf32> {
  %0, %1 = "onnx.max_pool"(%x) {kernel_shape = [2, 2], strides = [2, 2]} : (tensor<1x2x4x4xf32>) -> (tensor<1x2x2x2xf32>, tensor<1x2x2x2xi64>)
  return %0 : tensor<1x2x2x2xf32>
}

// -----

// 1-D pooling uses the NCW named op; 3-D a generic with a window operand.
// CHECK-LABEL: func.func @max_1d
// CHECK:         linalg.pooling_ncw_max
func.func @max_1d(%x: tensor<2x3x9xf32>) -> tensor<2x3x4xf32> {
  %0 = "onnx.max_pool"(%x) {kernel_shape = [3], strides = [2]} : (tensor<2x3x9xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// CHECK-LABEL: func.func @max_3d
// CHECK:         %[[WIN:.*]] = tensor.empty() : tensor<2x2x2xf32>
// CHECK:         linalg.generic
// CHECK-SAME:      ins(%arg0, %[[WIN]] : tensor<1x2x4x4x4xf32>, tensor<2x2x2xf32>)
// CHECK:           arith.maximumf
func.func @max_3d(%x: tensor<1x2x4x4x4xf32>) -> tensor<1x2x2x2x2xf32> {
  %0 = "onnx.max_pool"(%x) {kernel_shape = [2, 2, 2], strides = [2, 2, 2]} : (tensor<1x2x4x4x4xf32>) -> tensor<1x2x2x2x2xf32>
  return %0 : tensor<1x2x2x2x2xf32>
}

// -----

// AveragePool, count_include_pad = 0 (default): the divisor varies at the borders, so it is a
// constant tensor over the output positions.
// CHECK-LABEL: func.func @avg_exclude_pad
// CHECK:         tensor.pad %arg0 low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK:         tensor.yield %{{.*}} : f32
// CHECK:         %[[SUM:.*]] = linalg.pooling_nchw_sum
// CHECK:         %[[COUNT:.*]] = arith.constant dense<{{\[}}[4.000000e+00, 6.000000e+00, 6.000000e+00, 4.000000e+00], [6.000000e+00, 9.000000e+00
// CHECK:         linalg.generic
// CHECK-SAME:      ins(%[[SUM]], %[[COUNT]] : tensor<1x3x4x4xf32>, tensor<4x4xf32>)
// CHECK:           arith.divf
func.func @avg_exclude_pad(%x: tensor<1x3x7x7xf32>) -> tensor<1x3x4x4xf32> {
  %0 = "onnx.average_pool"(%x) {kernel_shape = [3, 3], pads = [1, 1, 1, 1], strides = [2, 2]} : (tensor<1x3x7x7xf32>) -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}

// -----

// count_include_pad = 1 with only explicit padding: every window counts 9 taps.
// CHECK-LABEL: func.func @avg_include_pad
// CHECK:         %[[SUM:.*]] = linalg.pooling_nchw_sum
// CHECK:         %[[NINE:.*]] = arith.constant 9.000000e+00 : f32
// CHECK:         linalg.generic
// CHECK-SAME:      ins(%[[SUM]] : tensor<1x3x4x4xf32>)
// CHECK:           arith.divf %{{.*}}, %[[NINE]] : f32
func.func @avg_include_pad(%x: tensor<1x3x7x7xf32>) -> tensor<1x3x4x4xf32> {
  %0 = "onnx.average_pool"(%x) {count_include_pad = 1 : i64, kernel_shape = [3, 3], pads = [1, 1, 1, 1], strides = [2, 2]} : (tensor<1x3x7x7xf32>) -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}

// -----

// count_include_pad = 1 with ceil_mode: the extra ceil_mode padding is not counted, so the last
// column's divisor is smaller.
// CHECK-LABEL: func.func @avg_include_pad_ceil
// CHECK:         tensor.pad %arg0 low[0, 0, 0, 0] high[0, 0, 0, 1]
// CHECK:         linalg.pooling_nchw_sum
// CHECK:         arith.constant dense<{{\[}}[9.000000e+00, 9.000000e+00, 9.000000e+00, 6.000000e+00]
func.func @avg_include_pad_ceil(%x: tensor<1x2x7x8xf32>) -> tensor<1x2x3x4xf32> {
  %0 = "onnx.average_pool"(%x) {ceil_mode = 1 : i64, count_include_pad = 1 : i64, kernel_shape = [3, 3], strides = [2, 2]} : (tensor<1x2x7x8xf32>) -> tensor<1x2x3x4xf32>
  return %0 : tensor<1x2x3x4xf32>
}

// -----

// No padding at all: no tensor.pad, one scalar divisor.
// CHECK-LABEL: func.func @avg_no_pad
// CHECK-NOT:     tensor.pad
// CHECK:         linalg.pooling_nchw_sum
// CHECK:         arith.constant 4.000000e+00 : f32
func.func @avg_no_pad(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x2x2xf32> {
  %0 = "onnx.average_pool"(%x) {kernel_shape = [2, 2], strides = [2, 2]} : (tensor<1x2x4x4xf32>) -> tensor<1x2x2x2xf32>
  return %0 : tensor<1x2x2x2xf32>
}

// -----

// GlobalAveragePool: one reduction generic into [N, C], a division, an expand_shape.
// CHECK-LABEL: func.func @global_average
// CHECK:         linalg.generic
// CHECK-SAME:      iterator_types = ["parallel", "parallel", "reduction", "reduction"]
// CHECK-SAME:      ins(%arg0 : tensor<2x3x7x7xf32>) outs(%{{.*}} : tensor<2x3xf32>)
// CHECK:           arith.addf
// CHECK:         arith.constant 4.900000e+01 : f32
// CHECK:         arith.divf
// CHECK:         tensor.expand_shape %{{.*}} {{\[}}[0], [1, 2, 3]] output_shape [2, 3, 1, 1] : tensor<2x3xf32> into tensor<2x3x1x1xf32>
func.func @global_average(%x: tensor<2x3x7x7xf32>) -> tensor<2x3x1x1xf32> {
  %0 = "onnx.global_average_pool"(%x) : (tensor<2x3x7x7xf32>) -> tensor<2x3x1x1xf32>
  return %0 : tensor<2x3x1x1xf32>
}

// -----

// GlobalMaxPool: a max reduction from -inf.
// CHECK-LABEL: func.func @global_max
// CHECK:         arith.constant 0xFF800000 : f32
// CHECK:         linalg.generic
// CHECK:           arith.maximumf
// CHECK:         tensor.expand_shape
func.func @global_max(%x: tensor<2x3x5x4xf32>) -> tensor<2x3x1x1xf32> {
  %0 = "onnx.global_max_pool"(%x) : (tensor<2x3x5x4xf32>) -> tensor<2x3x1x1xf32>
  return %0 : tensor<2x3x1x1xf32>
}

// -----

// MaxPool with a used Indices output: one generic with two reduction results; taps in the
// padding are skipped, the first maximum wins, storage_order = 1 flattens W before H.
// CHECK-LABEL: func.func @max_indices
// CHECK:         %[[V0:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<1x2x3x3xf32>)
// CHECK:         %[[I0:.*]] = linalg.fill ins(%{{.*}} : i64) outs(%{{.*}} : tensor<1x2x3x3xi64>)
// CHECK:         %[[R:.*]]:2 = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]}
// CHECK-SAME:      outs(%[[V0]], %[[I0]] : tensor<1x2x3x3xf32>, tensor<1x2x3x3xi64>)
// CHECK:           arith.cmpi slt
// CHECK:           %[[FLAT:.*]] = arith.index_cast %{{.*}} : index to i64
// CHECK:           %[[GT:.*]] = arith.cmpf ogt
// CHECK:           %[[FIRST:.*]] = arith.cmpi eq
// CHECK:           %[[TAKE:.*]] = arith.andi %{{.*}}, %{{.*}} : i1
// CHECK:           arith.select %[[TAKE]], %{{.*}}, %{{.*}} : f32
// CHECK:           arith.select %[[TAKE]], %[[FLAT]], %{{.*}} : i64
// CHECK:         return %[[R]]#0, %[[R]]#1
func.func @max_indices(%x: tensor<1x2x5x5xf32>) -> (tensor<1x2x3x3xf32>, tensor<1x2x3x3xi64>) {
  %0, %1 = "onnx.max_pool"(%x) {kernel_shape = [3, 3], pads = [1, 1, 1, 1], strides = [2, 2], storage_order = 1 : i64} : (tensor<1x2x5x5xf32>) -> (tensor<1x2x3x3xf32>, tensor<1x2x3x3xi64>)
  return %0, %1 : tensor<1x2x3x3xf32>, tensor<1x2x3x3xi64>
}

// -----

// uint8 MaxPool: signless view, 0-filled accumulator and maxui in a generic (the named
// pooling op's max is signed).
// CHECK-LABEL: func.func @max_ui8
// CHECK:         %[[X:.*]] = tensor.bitcast %arg0 : tensor<1x2x4x4xui8> to tensor<1x2x4x4xi8>
// CHECK:         linalg.generic
// CHECK:           arith.maxui
// CHECK:         tensor.bitcast %{{.*}} : tensor<1x2x2x2xi8> to tensor<1x2x2x2xui8>
func.func @max_ui8(%x: tensor<1x2x4x4xui8>) -> tensor<1x2x2x2xui8> {
  %0 = "onnx.max_pool"(%x) {kernel_shape = [2, 2], strides = [2, 2]} : (tensor<1x2x4x4xui8>) -> tensor<1x2x2x2xui8>
  return %0 : tensor<1x2x2x2xui8>
}

// -----

// int8 MaxPool: pads with -128 and uses the named (signed) pooling op.
// CHECK-LABEL: func.func @max_i8
// CHECK:         %[[MIN:.*]] = arith.constant -128 : i8
// CHECK:         tensor.pad %arg0 low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK:           tensor.yield %[[MIN]] : i8
// CHECK:         linalg.pooling_nchw_max
func.func @max_i8(%x: tensor<1x2x4x4xi8>) -> tensor<1x2x3x3xi8> {
  %0 = "onnx.max_pool"(%x) {kernel_shape = [2, 2], pads = [1, 1, 1, 1], strides = [2, 2]} : (tensor<1x2x4x4xi8>) -> tensor<1x2x3x3xi8>
  return %0 : tensor<1x2x3x3xi8>
}

// -----

// LpPool p = 3: |x|^3 elementwise, zero padding, sum pooling, then the cube root (powf).
// CHECK-LABEL: func.func @lp_pool_p3
// CHECK:         linalg.generic
// CHECK:           math.absf
// CHECK:           arith.mulf
// CHECK:           arith.mulf
// CHECK:         tensor.pad
// CHECK:         linalg.pooling_nchw_sum
// CHECK:         linalg.generic
// CHECK:           math.powf
func.func @lp_pool_p3(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x2x2xf32> {
  %0 = "onnx.lp_pool"(%x) {kernel_shape = [3, 3], pads = [1, 1, 1, 1], strides = [2, 2], p = 3 : i64} : (tensor<1x2x4x4xf32>) -> tensor<1x2x2x2xf32>
  return %0 : tensor<1x2x2x2xf32>
}

// -----

// GlobalLpPool p = 2 (default): one reduction of x*x over the spatial dims, then sqrt.
// CHECK-LABEL: func.func @global_lp_pool
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction", "reduction"]
// CHECK:           math.absf
// CHECK:           arith.mulf
// CHECK:           arith.addf
// CHECK:         linalg.generic
// CHECK:           math.sqrt
// CHECK:         tensor.expand_shape {{.*}} into tensor<2x3x1x1xf32>
func.func @global_lp_pool(%x: tensor<2x3x4x5xf32>) -> tensor<2x3x1x1xf32> {
  %0 = "onnx.global_lp_pool"(%x) : (tensor<2x3x4x5xf32>) -> tensor<2x3x1x1xf32>
  return %0 : tensor<2x3x1x1xf32>
}
