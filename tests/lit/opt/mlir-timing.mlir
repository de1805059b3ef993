// --mlir-timing reports each pass's wall time on stderr; the passes onnx-simplify runs are
// nested under it.
// RUN: onnx-mlir-opt %s --onnx-simplify --canonicalize --mlir-timing 2>&1 >/dev/null | FileCheck %s

// CHECK: Execution time report
// CHECK: Total Execution Time: {{[0-9.]+}} seconds
// CHECK: ----Wall Time----  ----Name----
// CHECK-NEXT: {{[0-9.]+}} ({{ *[0-9.]+}}%)  onnx-simplify
// CHECK-NEXT: {{[0-9.]+}} ({{ *[0-9.]+}}%)    onnx-constant-fold
// CHECK-NEXT: {{[0-9.]+}} ({{ *[0-9.]+}}%)    onnx-decompose
// CHECK-NEXT: {{[0-9.]+}} ({{ *[0-9.]+}}%)    onnx-shape-inference
// CHECK-NEXT: {{[0-9.]+}} ({{ *[0-9.]+}}%)    onnx-canonicalize
// CHECK-NEXT: {{[0-9.]+}} ({{ *[0-9.]+}}%)    onnx-dce
// CHECK-NEXT: {{[0-9.]+}} ({{ *[0-9.]+}}%)  canonicalize
// CHECK-NEXT: {{[0-9.]+}} (100.0%)  Total
func.func @f(%x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = "onnx.identity"(%x) : (tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
