// RUN: onnx-mlir-opt --allow-unregistered-dialect --convert-onnx-to-linalg --verify-diagnostics --split-input-file %s

// An op of a dialect the conversion does not produce, without a lowering pattern: the conversion
// reports it at its location (before, it passed through and bufferization failed on it later).
func.func @custom_op_without_lowering(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = "onnx.relu"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  // expected-error @+1 {{failed to legalize operation 'toy.fused_gelu': no lowering to linalg}}
  %1 = "toy.fused_gelu"(%0) : (tensor<4xf32>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// Nested in a region of an upstream op, too.
func.func @custom_op_in_a_region(%x: tensor<4xf32>, %c: i1) -> tensor<4xf32> {
  %0 = scf.if %c -> (tensor<4xf32>) {
    // expected-error @+1 {{failed to legalize operation 'toy.scale'}}
    %1 = "toy.scale"(%x) {factor = 2.0 : f32} : (tensor<4xf32>) -> tensor<4xf32>
    scf.yield %1 : tensor<4xf32>
  } else {
    scf.yield %x : tensor<4xf32>
  }
  return %0 : tensor<4xf32>
}

// -----

// An onnx op that has no lowering (and no function body to decompose into).
func.func @onnx_op_without_lowering(%x: tensor<2x6xi64>) -> tensor<2x3xf32> {
  // expected-error @+1 {{failed to legalize operation 'onnx.tf_idf_vectorizer' (ai.onnx TfIdfVectorizer, opset ?): no lowering to linalg}}
  %0 = "onnx.tf_idf_vectorizer"(%x) {max_gram_length = 1 : i64, max_skip_count = 0 : i64, min_gram_length = 1 : i64, mode = "TF", ngram_counts = [0], ngram_indexes = [0, 1, 2], pool_int64s = [2, 3, 5]} : (tensor<2x6xi64>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
