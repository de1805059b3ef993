// Conv lowering: tensor.pad for padding, a bias-initialised (or zero-filled) accumulator, and one
// structured convolution per op.
// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s
// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s --check-prefix=NOONNX
// NOONNX-NOT: onnx.

// Symmetric pads + strides + bias: the bias is broadcast into the accumulator by a generic.
// CHECK-LABEL: func.func @pads_strides_bias
// CHECK:         %[[INIT:.*]] = linalg.generic
// CHECK-SAME:      ins(%arg2 : tensor<4xf32>)
// CHECK:         %[[PAD:.*]] = tensor.pad %arg0 low[0, 0, 1, 1] high[0, 0, 1, 1]
// CHECK:         tensor.yield %{{.*}} : f32
// CHECK:         } : tensor<1x3x8x8xf32> to tensor<1x3x10x10xf32>
// CHECK:         %[[R:.*]] = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
// CHECK-SAME:      ins(%[[PAD]], %arg1 : tensor<1x3x10x10xf32>, tensor<4x3x3x3xf32>) outs(%[[INIT]] : tensor<1x4x4x4xf32>)
// CHECK:         return %[[R]] : tensor<1x4x4x4xf32>
func.func @pads_strides_bias(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x4x4x4xf32> {
  %0 = "onnx.conv"(%x, %w, %b) {pads = [1, 1, 1, 1], strides = [2, 2]} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<1x4x4x4xf32>
  return %0 : tensor<1x4x4x4xf32>
}

// -----

// No bias, no pads: zero-filled accumulator and no tensor.pad.
// CHECK-LABEL: func.func @no_bias_no_pad
// CHECK-NOT:     tensor.pad
// CHECK:         %[[FILL:.*]] = linalg.fill
// CHECK:         linalg.conv_2d_nchw_fchw
// CHECK-SAME:      outs(%[[FILL]] : tensor<1x6x24x24xf32>)
func.func @no_bias_no_pad(%x: tensor<1x1x28x28xf32>, %w: tensor<6x1x5x5xf32>) -> tensor<1x6x24x24xf32> {
  %0 = "onnx.conv"(%x, %w) : (tensor<1x1x28x28xf32>, tensor<6x1x5x5xf32>) -> tensor<1x6x24x24xf32>
  return %0 : tensor<1x6x24x24xf32>
}

// -----

// Asymmetric pads.
// CHECK-LABEL: func.func @asymmetric_pads
// CHECK:         tensor.pad %arg0 low[0, 0, 0, 2] high[0, 0, 1, 0]
// CHECK:         } : tensor<1x3x10x10xf32> to tensor<1x3x11x12xf32>
// CHECK:         linalg.conv_2d_nchw_fchw
func.func @asymmetric_pads(%x: tensor<1x3x10x10xf32>, %w: tensor<5x3x3x3xf32>) -> tensor<1x5x9x10xf32> {
  %0 = "onnx.conv"(%x, %w) {pads = [0, 2, 1, 0]} : (tensor<1x3x10x10xf32>, tensor<5x3x3x3xf32>) -> tensor<1x5x9x10xf32>
  return %0 : tensor<1x5x9x10xf32>
}

// -----

// Dilations (kernel_shape given explicitly, consistent with the weights).
// CHECK-LABEL: func.func @dilations
// CHECK:         linalg.conv_2d_nchw_fchw {dilations = dense<[2, 3]> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
// CHECK-SAME:      -> tensor<1x5x6x4xf32>
func.func @dilations(%x: tensor<1x3x10x10xf32>, %w: tensor<5x3x3x3xf32>) -> tensor<1x5x6x4xf32> {
  %0 = "onnx.conv"(%x, %w) {dilations = [2, 3], kernel_shape = [3, 3]} : (tensor<1x3x10x10xf32>, tensor<5x3x3x3xf32>) -> tensor<1x5x6x4xf32>
  return %0 : tensor<1x5x6x4xf32>
}

// -----

// group = 2: input, weights and accumulator are expanded to grouped views.
// CHECK-LABEL: func.func @groups
// CHECK-DAG:     %[[X:.*]] = tensor.expand_shape %arg0 {{\[}}[0], [1, 2], [3], [4]] output_shape [2, 2, 2, 8, 8] : tensor<2x4x8x8xf32> into tensor<2x2x2x8x8xf32>
// CHECK-DAG:     %[[W:.*]] = tensor.expand_shape %arg1 {{\[}}[0, 1], [2], [3], [4]] output_shape [2, 3, 2, 3, 3] : tensor<6x2x3x3xf32> into tensor<2x3x2x3x3xf32>
// CHECK:         %[[R:.*]] = linalg.conv_2d_ngchw_gfchw
// CHECK-SAME:      ins(%[[X]], %[[W]] : tensor<2x2x2x8x8xf32>, tensor<2x3x2x3x3xf32>)
// CHECK:         tensor.collapse_shape %[[R]] {{\[}}[0], [1, 2], [3], [4]] : tensor<2x2x3x6x6xf32> into tensor<2x6x6x6xf32>
func.func @groups(%x: tensor<2x4x8x8xf32>, %w: tensor<6x2x3x3xf32>) -> tensor<2x6x6x6xf32> {
  %0 = "onnx.conv"(%x, %w) {group = 2} : (tensor<2x4x8x8xf32>, tensor<6x2x3x3xf32>) -> tensor<2x6x6x6xf32>
  return %0 : tensor<2x6x6x6xf32>
}

// -----

// Depthwise (group == C == M): the weights lose their unit channel dim.
// CHECK-LABEL: func.func @depthwise
// CHECK:         %[[W:.*]] = tensor.collapse_shape %arg1 {{\[}}[0, 1], [2], [3]] : tensor<8x1x3x3xf32> into tensor<8x3x3xf32>
// CHECK:         linalg.depthwise_conv_2d_nchw_chw
// CHECK-SAME:      ins(%{{.*}}, %[[W]] : tensor<1x8x10x10xf32>, tensor<8x3x3xf32>)
func.func @depthwise(%x: tensor<1x8x8x8xf32>, %w: tensor<8x1x3x3xf32>, %b: tensor<8xf32>) -> tensor<1x8x8x8xf32> {
  %0 = "onnx.conv"(%x, %w, %b) {group = 8, pads = [1, 1, 1, 1]} : (tensor<1x8x8x8xf32>, tensor<8x1x3x3xf32>, tensor<8xf32>) -> tensor<1x8x8x8xf32>
  return %0 : tensor<1x8x8x8xf32>
}

// -----

// Depthwise with channel multiplier 2: a grouped convolution with one input channel per group.
// CHECK-LABEL: func.func @depthwise_multiplier
// CHECK:         linalg.conv_2d_ngchw_gfchw
// CHECK-SAME:      tensor<1x4x1x8x8xf32>, tensor<4x2x1x3x3xf32>
func.func @depthwise_multiplier(%x: tensor<1x4x8x8xf32>, %w: tensor<8x1x3x3xf32>) -> tensor<1x8x6x6xf32> {
  %0 = "onnx.conv"(%x, %w) {group = 4} : (tensor<1x4x8x8xf32>, tensor<8x1x3x3xf32>) -> tensor<1x8x6x6xf32>
  return %0 : tensor<1x8x6x6xf32>
}

// -----

// auto_pad SAME_UPPER, stride 2 on 10: output 5, total padding 1 put at the end.
// CHECK-LABEL: func.func @same_upper
// CHECK:         tensor.pad %arg0 low[0, 0, 0, 0] high[0, 0, 1, 1]
// CHECK:         linalg.conv_2d_nchw_fchw {{.*}}strides = dense<2>
// CHECK-SAME:      -> tensor<1x5x5x5xf32>
func.func @same_upper(%x: tensor<1x3x10x10xf32>, %w: tensor<5x3x3x3xf32>) -> tensor<1x5x5x5xf32> {
  %0 = "onnx.conv"(%x, %w) {auto_pad = "SAME_UPPER", strides = [2, 2]} : (tensor<1x3x10x10xf32>, tensor<5x3x3x3xf32>) -> tensor<1x5x5x5xf32>
  return %0 : tensor<1x5x5x5xf32>
}

// -----

// auto_pad SAME_LOWER puts the odd padding element at the beginning.
// CHECK-LABEL: func.func @same_lower
// CHECK:         tensor.pad %arg0 low[0, 0, 1, 1] high[0, 0, 0, 0]
func.func @same_lower(%x: tensor<1x3x10x10xf32>, %w: tensor<5x3x3x3xf32>) -> tensor<1x5x5x5xf32> {
  %0 = "onnx.conv"(%x, %w) {auto_pad = "SAME_LOWER", strides = [2, 2]} : (tensor<1x3x10x10xf32>, tensor<5x3x3x3xf32>) -> tensor<1x5x5x5xf32>
  return %0 : tensor<1x5x5x5xf32>
}

// -----

// auto_pad VALID ignores pads.
// CHECK-LABEL: func.func @valid
// CHECK-NOT:     tensor.pad
// CHECK:         linalg.conv_2d_nchw_fchw
func.func @valid(%x: tensor<1x3x10x10xf32>, %w: tensor<5x3x3x3xf32>) -> tensor<1x5x8x8xf32> {
  %0 = "onnx.conv"(%x, %w) {auto_pad = "VALID"} : (tensor<1x3x10x10xf32>, tensor<5x3x3x3xf32>) -> tensor<1x5x8x8xf32>
  return %0 : tensor<1x5x8x8xf32>
}

// -----

// 1-D and 3-D convolutions use the NCW / NCDHW named ops.
// CHECK-LABEL: func.func @conv1d
// CHECK:         linalg.conv_1d_ncw_fcw
func.func @conv1d(%x: tensor<2x6x11xf32>, %w: tensor<4x6x3xf32>) -> tensor<2x4x9xf32> {
  %0 = "onnx.conv"(%x, %w) : (tensor<2x6x11xf32>, tensor<4x6x3xf32>) -> tensor<2x4x9xf32>
  return %0 : tensor<2x4x9xf32>
}

// CHECK-LABEL: func.func @conv3d
// CHECK:         linalg.conv_3d_ncdhw_fcdhw
func.func @conv3d(%x: tensor<1x4x5x6x7xf32>, %w: tensor<6x4x3x2x3xf32>) -> tensor<1x6x3x5x5xf32> {
  %0 = "onnx.conv"(%x, %w) : (tensor<1x4x5x6x7xf32>, tensor<6x4x3x2x3xf32>) -> tensor<1x6x3x5x5xf32>
  return %0 : tensor<1x6x3x5x5xf32>
}

// -----

// Grouped 1-D convolution: a linalg.generic over grouped views (no named op exists).
// CHECK-LABEL: func.func @conv1d_groups
// CHECK:         linalg.generic
// CHECK-SAME:      iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]
// CHECK-SAME:      ins(%{{.*}}, %{{.*}} : tensor<2x2x3x13xf32>, tensor<2x2x3x3xf32>)
// CHECK:           arith.mulf
// CHECK:           arith.addf
func.func @conv1d_groups(%x: tensor<2x6x11xf32>, %w: tensor<4x3x3xf32>) -> tensor<2x4x6xf32> {
  %0 = "onnx.conv"(%x, %w) {group = 2, pads = [1, 1], strides = [2]} : (tensor<2x6x11xf32>, tensor<4x3x3xf32>) -> tensor<2x4x6xf32>
  return %0 : tensor<2x4x6xf32>
}

// -----

// f16 accumulates in f32 and truncates once.
// CHECK-LABEL: func.func @f16
// CHECK:         linalg.conv_2d_nchw_fchw
// CHECK-SAME:      ins(%{{.*}}, %{{.*}} : tensor<1x3x8x8xf16>, tensor<4x3x3x3xf16>) outs(%{{.*}} : tensor<1x4x6x6xf32>)
// CHECK:         arith.truncf %{{.*}} : f32 to f16
func.func @f16(%x: tensor<1x3x8x8xf16>, %w: tensor<4x3x3x3xf16>) -> tensor<1x4x6x6xf16> {
  %0 = "onnx.conv"(%x, %w) : (tensor<1x3x8x8xf16>, tensor<4x3x3x3xf16>) -> tensor<1x4x6x6xf16>
  return %0 : tensor<1x4x6x6xf16>
}

// -----

// A dynamic batch is carried through (tensor.dim) into the accumulator.
// CHECK-LABEL: func.func @dynamic_batch
// CHECK:         %[[N:.*]] = tensor.dim %arg0, %{{.*}} : tensor<?x3x8x8xf32>
// CHECK:         tensor.empty(%[[N]]) : tensor<?x4x6x6xf32>
// CHECK:         linalg.conv_2d_nchw_fchw
func.func @dynamic_batch(%x: tensor<?x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<?x4x6x6xf32> {
  %0 = "onnx.conv"(%x, %w) : (tensor<?x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<?x4x6x6xf32>
  return %0 : tensor<?x4x6x6xf32>
}

// -----

// ConvTranspose: the input is dilated by the strides into a zero canvas (strided
// tensor.insert_slice at offset (k - 1) * d - pad_begin = 1), the weights [C, M, k] are
// transposed to [M, C, k] and flipped (map -d + 2), then a stride-1 named convolution.
// CHECK-LABEL: func.func @conv_transpose_strided
// CHECK:         %[[ZERO:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<1x2x9x9xf32>)
// CHECK:         %[[X:.*]] = tensor.insert_slice %arg0 into %[[ZERO]][0, 0, 1, 1] [1, 2, 3, 3] [1, 1, 2, 2]
// CHECK:         %[[WG:.*]] = tensor.expand_shape %arg1 {{\[\[}}0, 1], [2], [3], [4]] output_shape [1, 2, 4, 3, 3]
// CHECK:         %[[FLIP:.*]] = linalg.generic {{.*}} ins(%[[WG]] : tensor<1x2x4x3x3xf32>)
// CHECK:         %[[W:.*]] = tensor.collapse_shape %[[FLIP]] {{.*}} into tensor<4x2x3x3xf32>
// CHECK:         %[[BIAS:.*]] = linalg.generic {{.*}} ins(%arg2 : tensor<4xf32>)
// CHECK:         linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
// CHECK-SAME:      ins(%[[X]], %[[W]] : tensor<1x2x9x9xf32>, tensor<4x2x3x3xf32>) outs(%[[BIAS]] : tensor<1x4x7x7xf32>)
func.func @conv_transpose_strided(%x: tensor<1x2x3x3xf32>, %w: tensor<2x4x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x4x7x7xf32> {
  %0 = "onnx.conv_transpose"(%x, %w, %b) {strides = [2, 2], pads = [1, 1, 0, 0], output_padding = [1, 1]} : (tensor<1x2x3x3xf32>, tensor<2x4x3x3xf32>, tensor<4xf32>) -> tensor<1x4x7x7xf32>
  return %0 : tensor<1x4x7x7xf32>
}

// -----

// ConvTranspose with pads larger than the kernel extent: the canvas is cropped with
// tensor.extract_slice; groups use the grouped named convolution.
// CHECK-LABEL: func.func @conv_transpose_crop_groups
// CHECK:         tensor.insert_slice %arg0 into %{{.*}}[0, 0, 0, 0] [1, 4, 4, 4] [1, 1, 1, 1] : tensor<1x4x4x4xf32> into tensor<1x4x4x4xf32>
// CHECK:         tensor.extract_slice %{{.*}}[0, 0, 1, 1] [1, 4, 3, 3] [1, 1, 1, 1] : tensor<1x4x4x4xf32> to tensor<1x4x3x3xf32>
// CHECK:         linalg.conv_2d_ngchw_gfchw
// CHECK-SAME:      outs(%{{.*}} : tensor<1x2x1x2x2xf32>)
func.func @conv_transpose_crop_groups(%x: tensor<1x4x4x4xf32>, %w: tensor<4x1x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %0 = "onnx.conv_transpose"(%x, %w) {group = 2 : i64, pads = [2, 2, 1, 1]} : (tensor<1x4x4x4xf32>, tensor<4x1x2x2xf32>) -> tensor<1x2x2x2xf32>
  return %0 : tensor<1x2x2x2xf32>
}
