// Signal-op refusals are diagnostics at the onnx op.
// RUN: onnx-mlir-opt --convert-onnx-to-linalg --verify-diagnostics --split-input-file %s

// The last dim holds the complex pair; it is not a signal axis.
func.func @dft_bad_axis(%x: tensor<2x8x1xf32>) -> tensor<2x8x2xf32> {
  %a = "onnx.constant"() {value = dense<2> : tensor<i64>} : () -> tensor<i64>
  // expected-error @+1 {{failed to legalize operation 'onnx.dft': DFT axis 2 is out of range for rank 3}}
  %0 = "onnx.dft"(%x, %a) {operandSegmentSizes = array<i32: 1, 0, 1>} : (tensor<2x8x1xf32>, tensor<i64>) -> tensor<2x8x2xf32>
  return %0 : tensor<2x8x2xf32>
}

// -----

// A run-time frame count cannot size the result.
func.func @stft_dynamic_frames(%s: tensor<1x64x1xf32>, %step: tensor<i64>) -> tensor<1x?x33x2xf32> {
  // expected-error @+1 {{failed to legalize operation 'onnx.stft': STFT needs a result type with static frame and bin counts}}
  %0 = "onnx.stft"(%s, %step) {operandSegmentSizes = array<i32: 1, 1, 0, 0>} : (tensor<1x64x1xf32>, tensor<i64>) -> tensor<1x?x33x2xf32>
  return %0 : tensor<1x?x33x2xf32>
}

// -----

// Loop with neither trip count nor condition never ends.
func.func @loop_forever(%y: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error @+1 {{failed to legalize operation 'onnx.loop': Loop without trip count and condition never ends}}
  %0 = "onnx.loop"(%y) ({
  ^bb0(%i: tensor<i64>, %ci: tensor<i1>, %yi: tensor<2xf32>):
    smt.yield %ci, %yi : tensor<i1>, tensor<2xf32>
  }) {operandSegmentSizes = array<i32: 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>} : (tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
