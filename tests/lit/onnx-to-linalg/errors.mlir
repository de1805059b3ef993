// RUN: onnx-mlir-opt --convert-onnx-to-linalg --verify-diagnostics --split-input-file %s

func.func @no_lowering(%x: tensor<2x6xi64>) -> tensor<2x3xf32> {
  // expected-error @+1 {{failed to legalize operation 'onnx.tf_idf_vectorizer'}}
  %0 = "onnx.tf_idf_vectorizer"(%x) {max_gram_length = 1 : i64, max_skip_count = 0 : i64, min_gram_length = 1 : i64, mode = "TF", ngram_counts = [0], ngram_indexes = [0, 1, 2], pool_int64s = [2, 3, 5]} : (tensor<2x6xi64>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @incompatible_broadcast(%a: tensor<2x3xf32>, %b: tensor<4xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{failed to legalize operation 'onnx.add': operands are not broadcast-compatible}}
  %0 = "onnx.add"(%a, %b) : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @bool_add(%a: tensor<2xi1>, %b: tensor<2xi1>) -> tensor<2xi1> {
  // expected-error @+1 {{failed to legalize operation 'onnx.add': arithmetic on bool (i1) tensors}}
  %0 = "onnx.add"(%a, %b) : (tensor<2xi1>, tensor<2xi1>) -> tensor<2xi1>
  return %0 : tensor<2xi1>
}

// -----

func.func @matmul_k_mismatch(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) -> tensor<2x5xf32> {
  // expected-error @+1 {{failed to legalize operation 'onnx.mat_mul': contraction dims differ}}
  %0 = "onnx.mat_mul"(%a, %b) : (tensor<2x3xf32>, tensor<4x5xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

func.func @gemm_int_fractional_alpha(%a: tensor<2x3xi32>, %b: tensor<3x4xi32>) -> tensor<2x4xi32> {
  // expected-error @+1 {{failed to legalize operation 'onnx.gemm': non-integral alpha=0.5}}
  %0 = "onnx.gemm"(%a, %b) {alpha = 0.5 : f32} : (tensor<2x3xi32>, tensor<3x4xi32>) -> tensor<2x4xi32>
  return %0 : tensor<2x4xi32>
}

// -----

// A runtime shape of static length is read at run time; one of unknown length cannot be.
func.func @reshape_non_constant_shape(%x: tensor<?x4xf32>, %s: tensor<?xi64>) -> tensor<?x?xf32> {
  // expected-error @+1 {{failed to legalize operation 'onnx.reshape': Reshape shape must be a constant or have a static length}}
  %0 = "onnx.reshape"(%x, %s) : (tensor<?x4xf32>, tensor<?xi64>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}

// -----

func.func @string_constant() -> tensor<1x!onnx.string> {
  // expected-error @+1 {{failed to legalize operation 'onnx.constant': string constants are not supported}}
  %0 = "onnx.constant"() {value_string = "hi"} : () -> tensor<1x!onnx.string>
  return %0 : tensor<1x!onnx.string>
}
