// Upstream's --view-op-graph (every op, its attributes and data-flow edges, as Graphviz DOT on
// stderr) runs through onnx-mlir-opt like any upstream pass; onnx-mlir --EmitDot draws the onnx
// graph itself (tests/lit/tools/emit-dot.onnxtxt).
// RUN: onnx-mlir-opt %s --view-op-graph 2>&1 >/dev/null | FileCheck %s

// CHECK: digraph G {
// CHECK: onnx.relu
// CHECK: onnx.add
func.func @f(%x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = "onnx.relu"(%x) : (tensor<2xf32>) -> tensor<2xf32>
  %1 = "onnx.add"(%0, %x) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %1 : tensor<2xf32>
}
