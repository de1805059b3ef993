// RUN: onnx-mlir-opt --convert-onnx-to-linalg --verify-diagnostics --split-input-file %s

// Constant indices out of range are compile-time errors at the node.
func.func @gather_constant_out_of_range(%x: tensor<5x3xf32>) -> tensor<2x3xf32> {
  %i = "onnx.constant"() {value = dense<[0, 5]> : tensor<2xi64>} : () -> tensor<2xi64>
  // expected-error @+1 {{failed to legalize operation 'onnx.gather': index 5 is out of range for axis 0 of size 5}}
  %0 = "onnx.gather"(%x, %i) {axis = 0 : i64} : (tensor<5x3xf32>, tensor<2xi64>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @gather_splat_int64_min(%x: tensor<5x3xf32>) -> tensor<4x3xf32> {
  %i = "onnx.constant"() {value = dense<-9223372036854775808> : tensor<4xi64>} : () -> tensor<4xi64>
  // expected-error @+1 {{index -9223372036854775808 is out of range for axis 0 of size 5}}
  %0 = "onnx.gather"(%x, %i) {axis = 0 : i64} : (tensor<5x3xf32>, tensor<4xi64>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @scatter_nd_constant_out_of_range(%x: tensor<4x3xf32>, %u: tensor<1xf32>) -> tensor<4x3xf32> {
  %i = "onnx.constant"() {value = dense<[[1, 3]]> : tensor<1x2xi64>} : () -> tensor<1x2xi64>
  // expected-error @+1 {{failed to legalize operation 'onnx.scatter_nd': index 3 is out of range for axis 1 of size 3}}
  %0 = "onnx.scatter_nd"(%x, %i, %u) : (tensor<4x3xf32>, tensor<1x2xi64>, tensor<1xf32>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

func.func @gather_elements_static_shapes(%x: tensor<3x4xf32>, %i: tensor<2x5xi64>) -> tensor<2x5xf32> {
  // expected-error @+1 {{indices has size 5 at axis 1, larger than the data's 4}}
  %0 = "onnx.gather_elements"(%x, %i) {axis = 0 : i64} : (tensor<3x4xf32>, tensor<2x5xi64>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

// Pads known at compile time that remove more than the dim.
func.func @pad_negative_result(%x: tensor<3xf32>) -> tensor<?xf32> {
  %p = "onnx.constant"() {value = dense<[-2, -2]> : tensor<2xi64>} : () -> tensor<2xi64>
  // expected-error @+1 {{failed to legalize operation 'onnx.pad': Pad result has a negative size -1 at axis 0}}
  %0 = "onnx.pad"(%x, %p) {mode = "constant", operandSegmentSizes = array<i32: 1, 1, 0, 0>} : (tensor<3xf32>, tensor<2xi64>) -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

func.func @reverse_sequence_constant_lengths(%x: tensor<4x2xf32>) -> tensor<4x2xf32> {
  %l = "onnx.constant"() {value = dense<[2, 5]> : tensor<2xi64>} : () -> tensor<2xi64>
  // expected-error @+1 {{sequence length 5 is out of range [0, 4] (the time axis size)}}
  %0 = "onnx.reverse_sequence"(%x, %l) {batch_axis = 1 : si64, time_axis = 0 : si64} : (tensor<4x2xf32>, tensor<2xi64>) -> tensor<4x2xf32>
  return %0 : tensor<4x2xf32>
}
