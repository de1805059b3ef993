// RUN: onnx-mlir-opt --onnx-to-cpu %s | filecheck %s
// RUN: onnx-mlir-opt --onnx-to-cpu --mlir-print-ir-after-all %s -o /dev/null 2>&1 | filecheck %s --check-prefix=STAGES

// The whole CPU pipeline from the onnx dialect: Gemm + Relu down to the LLVM dialect, the
// static result turned into an out-param, with a C interface for the JIT / shared library.

func.func @main_graph(%x: tensor<2x4xf32>) -> tensor<2x3xf32> {
  %w = "onnx.constant"() {value = dense<0.5> : tensor<4x3xf32>} : () -> tensor<4x3xf32>
  %b = "onnx.constant"() {value = dense<[1.0, -1.0, 0.0]> : tensor<3xf32>} : () -> tensor<3xf32>
  %dead = "onnx.relu"(%x) : (tensor<2x4xf32>) -> tensor<2x4xf32>
  %0 = "onnx.gemm"(%x, %w, %b) : (tensor<2x4xf32>, tensor<4x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %1 = "onnx.relu"(%0) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %1 : tensor<2x3xf32>
}

// CHECK: llvm.func @main_graph(
// CHECK: llvm.func @_mlir_ciface_main_graph(
// CHECK-NOT: onnx.
// CHECK-NOT: linalg.
// CHECK-NOT: tensor<

// STAGES: IR Dump After onnx-dce
// STAGES-NOT: onnx.relu"(%arg0)
// STAGES: IR Dump After convert-onnx-to-linalg
// STAGES: linalg.matmul
// STAGES: IR Dump After one-shot-bufferize
// STAGES: IR Dump After convert-linalg-to-loops
// STAGES: IR Dump After reconcile-unrealized-casts
