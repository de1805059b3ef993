// What still needs static sizes in the window ops.
// RUN: onnx-mlir-opt --convert-onnx-to-linalg --verify-diagnostics --split-input-file %s

// output_shape fixes the output: the padding then depends on the input size.
func.func @conv_transpose_output_shape_dynamic(%x: tensor<1x3x?x?xf32>, %w: tensor<3x2x3x3xf32>) -> tensor<1x2x10x10xf32> {
  // expected-error @+1 {{ConvTranspose with 'output_shape' needs static spatial input dims}}
  %0 = "onnx.conv_transpose"(%x, %w) {output_shape = [10, 10], strides = [2, 2]} : (tensor<1x3x?x?xf32>, tensor<3x2x3x3xf32>) -> tensor<1x2x10x10xf32>
  return %0 : tensor<1x2x10x10xf32>
}

// -----

// A static window larger than the static padded input is still a compile-time error.
func.func @window_too_large(%x: tensor<1x3x2x2xf32>) -> tensor<1x3x1x1xf32> {
  // expected-error @+1 {{window of extent 3 is larger than the padded input (2) in spatial dim 0}}
  %0 = "onnx.max_pool"(%x) {kernel_shape = [3, 3]} : (tensor<1x3x2x2xf32>) -> tensor<1x3x1x1xf32>
  return %0 : tensor<1x3x1x1xf32>
}
