// RUN: onnx-mlir-opt %s --pass-pipeline="builtin.module(cpu-signless-types)" | FileCheck %s
// Unsigned tensors become signless: signature, values and constants; the bitcast views fold away
// and the original element types stay in onnx.element_type attributes.

// CHECK-LABEL: func.func @main_graph(
// CHECK-SAME: %[[A:.*]]: tensor<4xi8> {onnx.element_type = ui8, onnx.name = "a"}
// CHECK-SAME: -> (tensor<4xi8> {onnx.element_type = ui8, onnx.name = "c"})
// CHECK-NOT: ui8
// CHECK-NOT: tensor.bitcast
// CHECK: %[[K:.*]] = arith.constant dense<[1, 2, -1, 0]> : tensor<4xi8>
// CHECK: linalg.generic
// CHECK-SAME: ins(%[[A]], %[[K]] : tensor<4xi8>, tensor<4xi8>)
// CHECK: arith.addi
// CHECK: return %{{.*}} : tensor<4xi8>
#id = affine_map<(d0) -> (d0)>
func.func @main_graph(%a: tensor<4xui8> {onnx.name = "a"}) -> (tensor<4xui8> {onnx.name = "c"}) {
  %k = arith.constant dense<[1, 2, 255, 0]> : tensor<4xui8>
  %as = tensor.bitcast %a : tensor<4xui8> to tensor<4xi8>
  %ks = tensor.bitcast %k : tensor<4xui8> to tensor<4xi8>
  %e = tensor.empty() : tensor<4xi8>
  %r = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%as, %ks : tensor<4xi8>, tensor<4xi8>) outs(%e : tensor<4xi8>) {
  ^bb0(%x: i8, %y: i8, %o: i8):
    %s = arith.addi %x, %y : i8
    linalg.yield %s : i8
  } -> tensor<4xi8>
  %ru = tensor.bitcast %r : tensor<4xi8> to tensor<4xui8>
  return %ru : tensor<4xui8>
}
