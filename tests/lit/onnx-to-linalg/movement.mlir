// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s

// CHECK-LABEL: func.func @transpose_default
// CHECK: linalg.transpose ins(%arg0 : tensor<2x3x4xf32>) outs(%{{.*}} : tensor<4x3x2xf32>) permutation = [2, 1, 0]
func.func @transpose_default(%x: tensor<2x3x4xf32>) -> tensor<4x3x2xf32> {
  %0 = "onnx.transpose"(%x) : (tensor<2x3x4xf32>) -> tensor<4x3x2xf32>
  return %0 : tensor<4x3x2xf32>
}

// -----

// CHECK-LABEL: func.func @squeeze
// CHECK: tensor.collapse_shape %arg0 {{\[}}[0, 1], [2, 3]] : tensor<1x3x1x5xf32> into tensor<3x5xf32>
// CHECK-NOT: onnx.
func.func @squeeze(%x: tensor<1x3x1x5xf32>) -> tensor<3x5xf32> {
  %a = "onnx.constant"() {value = dense<[0, -2]> : tensor<2xi64>} : () -> tensor<2xi64>
  %0 = "onnx.squeeze"(%x, %a) : (tensor<1x3x1x5xf32>, tensor<2xi64>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// CHECK-LABEL: func.func @unsqueeze
// CHECK: %[[D:.*]] = tensor.dim %arg0
// CHECK: tensor.expand_shape %arg0 {{\[}}[0, 1], [2, 3]] output_shape [1, %[[D]], 4, 1] : tensor<?x4xi64> into tensor<1x?x4x1xi64>
func.func @unsqueeze(%x: tensor<?x4xi64>) -> tensor<1x?x4x1xi64> {
  %a = "onnx.constant"() {value = dense<[0, 3]> : tensor<2xi64>} : () -> tensor<2xi64>
  %0 = "onnx.unsqueeze"(%x, %a) : (tensor<?x4xi64>, tensor<2xi64>) -> tensor<1x?x4x1xi64>
  return %0 : tensor<1x?x4x1xi64>
}

// -----

// Broadcasting is in the input map: the size-1 dim reads index 0.
// CHECK: #[[BMAP:.*]] = affine_map<(d0, d1, d2) -> (d1, 0)>
// CHECK-LABEL: func.func @expand
// CHECK: linalg.generic {indexing_maps = [#[[BMAP]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel"]} ins(%arg0 : tensor<3x1xf16>) outs(%{{.*}} : tensor<2x3x4xf16>)
// CHECK-NEXT: ^bb0(%[[IN:.*]]: f16, %{{.*}}: f16):
// CHECK-NEXT: linalg.yield %[[IN]] : f16
func.func @expand(%x: tensor<3x1xf16>) -> tensor<2x3x4xf16> {
  %s = "onnx.constant"() {value = dense<[2, 1, 4]> : tensor<3xi64>} : () -> tensor<3xi64>
  %0 = "onnx.expand"(%x, %s) : (tensor<3x1xf16>, tensor<3xi64>) -> tensor<2x3x4xf16>
  return %0 : tensor<2x3x4xf16>
}

// -----

// The repeat dim is a loop dim the input map skips, then (r, d) pairs are collapsed.
// CHECK: #[[TMAP:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-LABEL: func.func @tile
// CHECK: %[[W:.*]] = linalg.generic {indexing_maps = [#[[TMAP]], #{{.*}}]{{.*}} ins(%arg0 : tensor<2x3xf32>) outs(%{{.*}} : tensor<2x2x3xf32>)
// CHECK: tensor.collapse_shape %[[W]] {{\[}}[0, 1], [2]] : tensor<2x2x3xf32> into tensor<4x3xf32>
func.func @tile(%x: tensor<2x3xf32>) -> tensor<4x3xf32> {
  %r = "onnx.constant"() {value = dense<[2, 1]> : tensor<2xi64>} : () -> tensor<2xi64>
  %0 = "onnx.tile"(%x, %r) : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<4x3xf32>
  return %0 : tensor<4x3xf32>
}

// -----

// CHECK-LABEL: func.func @concat
// CHECK: %[[E:.*]] = tensor.empty() : tensor<2x6xi32>
// CHECK: %[[A:.*]] = tensor.insert_slice %arg0 into %[[E]][0, 0] [2, 3] [1, 1]
// CHECK: tensor.insert_slice %arg1 into %[[A]][0, 3] [2, 3] [1, 1]
func.func @concat(%a: tensor<2x3xi32>, %b: tensor<2x3xi32>) -> tensor<2x6xi32> {
  %0 = "onnx.concat"(%a, %b) {axis = -1 : i64, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>} : (tensor<2x3xi32>, tensor<2x3xi32>) -> tensor<2x6xi32>
  return %0 : tensor<2x6xi32>
}

// -----

// Dynamic non-axis dims must agree with the other inputs' (here the static 3 of %a): checked
// before the slices are inserted, and the result is sized with the static 3.
// CHECK-LABEL: module attributes {onnx_mlir.runtime_checks = [{message = "an input has size {0} at axis 1, another {1} (Concat inputs must agree on every axis but 0)", node = "cat", op = "Concat"}]}
// CHECK: func.func @concat_dynamic(%arg0: tensor<?x3xf32>, %arg1: tensor<?x?xf32>, %[[ST:.*]]: memref<6xi64> {onnx_mlir.status}) -> tensor<?x3xf32>
// CHECK: %[[W:.*]] = tensor.dim %arg1, %c1
// CHECK: %[[OK:.*]] = arith.cmpi eq, %[[W]], %c3
// CHECK: %[[R:.*]] = scf.if %[[OK]] -> (tensor<?x3xf32>) {
// CHECK: tensor.empty(%{{.*}}) : tensor<?x3xf32>
// CHECK: tensor.insert_slice %arg0
// CHECK: tensor.insert_slice %arg1
// CHECK: } else {
// CHECK: memref.store %{{.*}}, %[[ST]]
// CHECK: return %[[R]]
func.func @concat_dynamic(%a: tensor<?x3xf32>, %b: tensor<?x?xf32>) -> tensor<?x3xf32> {
  %0 = "onnx.concat"(%a, %b) {axis = 0 : i64, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>} : (tensor<?x3xf32>, tensor<?x?xf32>) -> tensor<?x3xf32> loc(#cat)
  return %0 : tensor<?x3xf32>
}
#cat = loc("cat"("Concat"))

// -----

// The same dynamic dim on both inputs is the same value: nothing to check.
// CHECK-LABEL: func.func @concat_same_dim(%arg0: tensor<?x4xf32>) -> tensor<?x8xf32>
// CHECK-NOT: scf.if
// CHECK: tensor.insert_slice
func.func @concat_same_dim(%a: tensor<?x4xf32>) -> tensor<?x8xf32> {
  %0 = "onnx.concat"(%a, %a) {axis = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>} : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<?x8xf32>
  return %0 : tensor<?x8xf32>
}

// -----

// CHECK-LABEL: func.func @split
// CHECK: %[[A:.*]] = tensor.extract_slice %arg0[0, 0] [3, 2] [1, 1] : tensor<6x2xf32> to tensor<3x2xf32>
// CHECK: %[[B:.*]] = tensor.extract_slice %arg0[3, 0] [3, 2] [1, 1] : tensor<6x2xf32> to tensor<3x2xf32>
// CHECK: return %[[A]], %[[B]]
func.func @split(%x: tensor<6x2xf32>) -> (tensor<3x2xf32>, tensor<3x2xf32>) {
  %0:2 = "onnx.split"(%x) {num_outputs = 2 : i64, resultSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>} : (tensor<6x2xf32>) -> (tensor<3x2xf32>, tensor<3x2xf32>)
  return %0#0, %0#1 : tensor<3x2xf32>, tensor<3x2xf32>
}

// -----

// A Split whose last piece is empty ([6, 0] on 6 rows): that piece is a tensor.empty, not an
// extract_slice at offset 6 (which the verifier rejects: offset out of bounds).
// CHECK-LABEL: func.func @split_empty_piece
// CHECK: %[[B:.*]] = tensor.empty() : tensor<0x2xf32>
// CHECK: return %arg0, %[[B]]
func.func @split_empty_piece(%x: tensor<6x2xf32>) -> (tensor<6x2xf32>, tensor<0x2xf32>) {
  %s = arith.constant dense<[6, 0]> : tensor<2xi64>
  %0:2 = "onnx.split"(%x, %s) {axis = 0 : i64, resultSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>} : (tensor<6x2xf32>, tensor<2xi64>) -> (tensor<6x2xf32>, tensor<0x2xf32>)
  return %0#0, %0#1 : tensor<6x2xf32>, tensor<0x2xf32>
}

// -----

// x[:, -1::-3] on 5 columns reads columns 4, 1: the strided forward range, then reversed.
// CHECK: #[[RMAP:.*]] = affine_map<(d0, d1) -> (d0, -d1 + 1)>
// CHECK-LABEL: func.func @slice_neg_step
// CHECK: %[[S:.*]] = tensor.extract_slice %arg0[0, 1] [4, 2] [1, 3] : tensor<4x5xf32> to tensor<4x2xf32>
// CHECK: linalg.generic {indexing_maps = [#[[RMAP]], #{{.*}}]{{.*}} ins(%[[S]] : tensor<4x2xf32>)
func.func @slice_neg_step(%x: tensor<4x5xf32>) -> tensor<4x2xf32> {
  %s = "onnx.constant"() {value = dense<[-1]> : tensor<1xi64>} : () -> tensor<1xi64>
  %e = "onnx.constant"() {value = dense<[-9223372036854775807]> : tensor<1xi64>} : () -> tensor<1xi64>
  %a = "onnx.constant"() {value = dense<[1]> : tensor<1xi64>} : () -> tensor<1xi64>
  %t = "onnx.constant"() {value = dense<[-3]> : tensor<1xi64>} : () -> tensor<1xi64>
  %0 = "onnx.slice"(%x, %s, %e, %a, %t) {operandSegmentSizes = array<i32: 1, 1, 1, 1, 1>} : (tensor<4x5xf32>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>, tensor<1xi64>) -> tensor<4x2xf32>
  return %0 : tensor<4x2xf32>
}

// -----

// Runtime starts/ends: offsets are computed (normalized, clamped); sizes come from the result type.
// CHECK-LABEL: func.func @slice_runtime
// CHECK: tensor.extract %arg1
// CHECK: arith.index_cast
// CHECK: arith.minsi
// CHECK: tensor.extract_slice %arg0[%{{.*}}, %{{.*}}] [3, 10] [1, 1] : tensor<20x10xf32> to tensor<3x10xf32>
func.func @slice_runtime(%x: tensor<20x10xf32>, %s: tensor<2xi64>, %e: tensor<2xi64>) -> tensor<3x10xf32> {
  %0 = "onnx.slice"(%x, %s, %e) {operandSegmentSizes = array<i32: 1, 1, 1, 0, 0>} : (tensor<20x10xf32>, tensor<2xi64>, tensor<2xi64>) -> tensor<3x10xf32>
  return %0 : tensor<3x10xf32>
}

// -----

// CHECK-LABEL: func.func @pad_constant
// CHECK: %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK: tensor.pad %arg0 low[1, 0] high[0, 3]
// CHECK: tensor.yield %[[Z]] : f32
// CHECK: } : tensor<2x3xf32> to tensor<3x6xf32>
func.func @pad_constant(%x: tensor<2x3xf32>) -> tensor<3x6xf32> {
  %p = "onnx.constant"() {value = dense<[1, 0, 0, 3]> : tensor<4xi64>} : () -> tensor<4xi64>
  %0 = "onnx.pad"(%x, %p) {operandSegmentSizes = array<i32: 1, 1, 0, 0>} : (tensor<2x3xf32>, tensor<4xi64>) -> tensor<3x6xf32>
  return %0 : tensor<3x6xf32>
}

// -----

// CHECK-LABEL: func.func @pad_reflect
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<2x5xf32>)
// CHECK: %[[I:.*]] = linalg.index 0 : index
// CHECK: linalg.index 1 : index
// CHECK: arith.remsi
// CHECK: %[[J:.*]] = arith.select
// CHECK: tensor.extract %arg0[%[[I]], %[[J]]] : tensor<2x3xf32>
func.func @pad_reflect(%x: tensor<2x3xf32>) -> tensor<2x5xf32> {
  %p = "onnx.constant"() {value = dense<[0, 1, 0, 1]> : tensor<4xi64>} : () -> tensor<4xi64>
  %0 = "onnx.pad"(%x, %p) {mode = "reflect", operandSegmentSizes = array<i32: 1, 1, 0, 0>} : (tensor<2x3xf32>, tensor<4xi64>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

// CHECK-LABEL: func.func @d2s
// CHECK: %[[X:.*]] = tensor.expand_shape %arg0 {{\[}}[0], [1, 2, 3], [4], [5]] output_shape [1, 2, 2, 2, 2, 3]
// CHECK: %[[T:.*]] = linalg.transpose ins(%[[X]] : tensor<1x2x2x2x2x3xf32>) outs(%{{.*}} : tensor<1x2x2x2x3x2xf32>) permutation = [0, 1, 4, 2, 5, 3]
// CHECK: tensor.collapse_shape %[[T]] {{\[}}[0], [1], [2, 3], [4, 5]] : tensor<1x2x2x2x3x2xf32> into tensor<1x2x4x6xf32>
func.func @d2s(%x: tensor<1x8x2x3xf32>) -> tensor<1x2x4x6xf32> {
  %0 = "onnx.depth_to_space"(%x) {blocksize = 2 : i64, mode = "CRD"} : (tensor<1x8x2x3xf32>) -> tensor<1x2x4x6xf32>
  return %0 : tensor<1x2x4x6xf32>
}
