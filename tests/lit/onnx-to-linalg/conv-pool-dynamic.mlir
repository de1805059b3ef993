// Conv, ConvTranspose and the pools with dynamic batch and spatial dims: output sizes computed
// from tensor.dim, the same named structured ops on `?` dims, and a run-time check that the
// (padded) input holds at least one window.
// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s
// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s --check-prefix=NOONNX
// NOONNX-NOT: onnx.

// CHECK-LABEL: func.func @conv_dynamic_spatial
// CHECK-DAG:     %[[N:.*]] = tensor.dim %arg0, %c0
// CHECK-DAG:     %[[H:.*]] = tensor.dim %arg0, %c2
// CHECK-DAG:     %[[W:.*]] = tensor.dim %arg0, %c3
// CHECK:         %[[HP:.*]] = arith.addi %[[H]]
// CHECK:         %[[SPAN:.*]] = arith.subi %[[HP]]
// CHECK:         %[[HOK:.*]] = arith.cmpi sge, %[[SPAN]]
// CHECK:         arith.floordivsi
// CHECK:         %[[OK:.*]] = arith.andi %[[HOK]], %{{.*}} : i1
// CHECK:         scf.if %[[OK]] -> (tensor<?x4x?x?xf32>)
// CHECK:           tensor.empty(%[[N]], %{{.*}}, %{{.*}}) : tensor<?x4x?x?xf32>
// CHECK:           tensor.pad %arg0 low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK:           } : tensor<?x3x?x?xf32> to tensor<?x3x?x?xf32>
// CHECK:           linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
// CHECK-SAME:        ins(%{{.*}}, %arg1 : tensor<?x3x?x?xf32>, tensor<4x3x3x3xf32>) outs(%{{.*}} : tensor<?x4x?x?xf32>)
// CHECK:         } else {
// CHECK:           memref.store
func.func @conv_dynamic_spatial(%x: tensor<?x3x?x?xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<?x4x?x?xf32> {
  %0 = "onnx.conv"(%x, %w) {pads = [1, 1, 1, 1], strides = [2, 2]} : (tensor<?x3x?x?xf32>, tensor<4x3x3x3xf32>) -> tensor<?x4x?x?xf32>
  return %0 : tensor<?x4x?x?xf32>
}

// -----

// A dynamic channel dim is cast to the weights' count (checked at run time); SAME_UPPER with
// stride 2 pads by a run-time amount.
// CHECK-LABEL: func.func @conv_dynamic_channels_same
// CHECK:         %[[X:.*]] = scf.if
// CHECK:           tensor.cast %arg0 : tensor<1x?x?x?xf32> to tensor<1x3x?x?xf32>
// CHECK:         arith.ceildivsi
// CHECK:         arith.maxsi
// CHECK:         tensor.pad %[[X]] low[0, 0, %{{.*}}, %{{.*}}] high[0, 0, %{{.*}}, %{{.*}}]
// CHECK:         linalg.conv_2d_nchw_fchw
func.func @conv_dynamic_channels_same(%x: tensor<1x?x?x?xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x4x?x?xf32> {
  %0 = "onnx.conv"(%x, %w) {auto_pad = "SAME_UPPER", strides = [2, 2]} : (tensor<1x?x?x?xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x?x?xf32>
  return %0 : tensor<1x4x?x?xf32>
}

// -----

// Depthwise with dynamic spatial dims keeps the named depthwise op.
// CHECK-LABEL: func.func @depthwise_dynamic
// CHECK:         linalg.depthwise_conv_2d_nchw_chw
// CHECK-SAME:      outs(%{{.*}} : tensor<?x8x?x?xf32>)
func.func @depthwise_dynamic(%x: tensor<?x8x?x?xf32>, %w: tensor<8x1x3x3xf32>) -> tensor<?x8x?x?xf32> {
  %0 = "onnx.conv"(%x, %w) {group = 8 : i64, pads = [1, 1, 1, 1]} : (tensor<?x8x?x?xf32>, tensor<8x1x3x3xf32>) -> tensor<?x8x?x?xf32>
  return %0 : tensor<?x8x?x?xf32>
}

// -----

// ConvTranspose stride 2: a strided insert into a zero tensor of run-time size, then a stride-1
// named convolution.
// CHECK-LABEL: func.func @conv_transpose_dynamic
// CHECK:         tensor.empty(%{{.*}}, %{{.*}}, %{{.*}}) : tensor<?x3x?x?xf32>
// CHECK:         tensor.insert_slice %arg0 into %{{.*}}[0, 0, 1, 1] [%{{.*}}, 3, %{{.*}}, %{{.*}}] [1, 1, 2, 2]
// CHECK:         linalg.conv_2d_nchw_fchw
// CHECK-SAME:      outs(%{{.*}} : tensor<?x2x?x?xf32>)
func.func @conv_transpose_dynamic(%x: tensor<?x3x?x?xf32>, %w: tensor<3x2x2x2xf32>) -> tensor<?x2x?x?xf32> {
  %0 = "onnx.conv_transpose"(%x, %w) {strides = [2, 2]} : (tensor<?x3x?x?xf32>, tensor<3x2x2x2xf32>) -> tensor<?x2x?x?xf32>
  return %0 : tensor<?x2x?x?xf32>
}

// -----

// CHECK-LABEL: func.func @max_pool_dynamic
// CHECK:         scf.if
// CHECK:           tensor.pad %arg0 low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK:           linalg.pooling_nchw_max {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
// CHECK-SAME:        outs(%{{.*}} : tensor<?x?x?x?xf32>)
func.func @max_pool_dynamic(%x: tensor<?x?x?x?xf32>) -> tensor<?x?x?x?xf32> {
  %0 = "onnx.max_pool"(%x) {kernel_shape = [3, 3], pads = [1, 1, 1, 1], strides = [2, 2]} : (tensor<?x?x?x?xf32>) -> tensor<?x?x?x?xf32>
  return %0 : tensor<?x?x?x?xf32>
}

// -----

// ceil_mode: the output size and the extra end padding are computed at run time.
// CHECK-LABEL: func.func @max_pool_ceil_dynamic
// CHECK:         arith.ceildivsi
// CHECK:         arith.select
// CHECK:         tensor.pad %arg0 low[0, 0, 0, 0] high[0, 0, %{{.*}}, %{{.*}}]
// CHECK:         linalg.pooling_nchw_max
func.func @max_pool_ceil_dynamic(%x: tensor<1x3x?x?xf32>) -> tensor<1x3x?x?xf32> {
  %0 = "onnx.max_pool"(%x) {ceil_mode = 1 : i64, kernel_shape = [3, 3], strides = [2, 2]} : (tensor<1x3x?x?xf32>) -> tensor<1x3x?x?xf32>
  return %0 : tensor<1x3x?x?xf32>
}

// -----

// With padding, the tap count of each output position is computed in the dividing generic
// from the output indices (it depends on the run-time sizes).
// CHECK-LABEL: func.func @average_pool_dynamic_padded
// CHECK:         linalg.pooling_nchw_sum
// CHECK:         linalg.generic
// CHECK:           linalg.index 2
// CHECK:           linalg.index 3
// CHECK:           arith.divf
func.func @average_pool_dynamic_padded(%x: tensor<1x3x?x?xf32>) -> tensor<1x3x?x?xf32> {
  %0 = "onnx.average_pool"(%x) {kernel_shape = [3, 3], pads = [1, 1, 1, 1]} : (tensor<1x3x?x?xf32>) -> tensor<1x3x?x?xf32>
  return %0 : tensor<1x3x?x?xf32>
}

// -----

// Without padding every window has kernel-size taps: a constant divisor.
// CHECK-LABEL: func.func @average_pool_dynamic_valid
// CHECK:         linalg.pooling_nchw_sum
// CHECK:         arith.constant 6.000000e+00 : f32
// CHECK-NOT:     linalg.index
func.func @average_pool_dynamic_valid(%x: tensor<1x3x?x?xf32>) -> tensor<1x3x?x?xf32> {
  %0 = "onnx.average_pool"(%x) {kernel_shape = [3, 2]} : (tensor<1x3x?x?xf32>) -> tensor<1x3x?x?xf32>
  return %0 : tensor<1x3x?x?xf32>
}

// -----

// GlobalAveragePool divides by the run-time element count H * W.
// CHECK-LABEL: func.func @global_average_pool_dynamic
// CHECK-DAG:     %[[H:.*]] = tensor.dim %arg0, %c2
// CHECK-DAG:     %[[W:.*]] = tensor.dim %arg0, %c3
// CHECK:         %[[HW:.*]] = arith.muli %[[H]], %[[W]] : index
// CHECK:         arith.index_cast %[[HW]] : index to i64
// CHECK:         arith.sitofp
// CHECK:         tensor.expand_shape
func.func @global_average_pool_dynamic(%x: tensor<?x8x?x?xf32>) -> tensor<?x8x1x1xf32> {
  %0 = "onnx.global_average_pool"(%x) : (tensor<?x8x?x?xf32>) -> tensor<?x8x1x1xf32>
  return %0 : tensor<?x8x1x1xf32>
}
