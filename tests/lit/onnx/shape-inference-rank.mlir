// A result type of a rank other than what ONNX computes (the importer takes a declared output
// type where whole-model inference gave nothing): the computed type wins, with a warning naming
// the op and the graph output, and the function signature follows.
// RUN: onnx-mlir-opt %s --onnx-shape-inference 2>&1 | FileCheck %s

// CHECK: warning: {{.*}}result #0 (graph output 'probs') is declared tensor<1x?xf32> but computed as tensor<20x1x?xf32>; using the computed type
// CHECK-LABEL: func.func @main_graph
// CHECK-SAME:    -> (tensor<20x1x?xf32> {onnx.name = "probs"})
// CHECK:         %[[R:.*]] = "onnx.relu"(%arg0) : (tensor<20x1x?xf32>) -> tensor<20x1x?xf32>
// CHECK:         %[[S:.*]] = "onnx.sigmoid"(%[[R]]) : (tensor<20x1x?xf32>) -> tensor<20x1x?xf32>
// CHECK:         return %[[S]] : tensor<20x1x?xf32>
func.func @main_graph(%x: tensor<20x1x?xf32>) -> (tensor<1x?xf32> {onnx.name = "probs"}) {
  %0 = "onnx.relu"(%x) : (tensor<20x1x?xf32>) -> tensor<1x?xf32>
  %1 = "onnx.sigmoid"(%0) : (tensor<1x?xf32>) -> tensor<1x?xf32>
  return %1 : tensor<1x?xf32>
}
