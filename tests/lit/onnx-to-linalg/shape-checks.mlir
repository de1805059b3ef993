// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s

// Shape agreement that lowerings assume and that is only known at run time (see
// lowering/onnx_to_linalg/lib/shape_checks.py): each is checked before the op's computation runs.

// Scan inputs of independent dynamic lengths: the loop runs over the first input's length and
// reads every input at each step, so the lengths must agree.
// CHECK-LABEL: module attributes {onnx_mlir.runtime_checks = [{message = "a scan input has {0} steps, another {1}", node = "sc", op = "Scan"}]}
// CHECK: func.func @scan_lengths
// CHECK: %[[N:.*]] = tensor.dim %arg1, %c0
// CHECK: %[[M:.*]] = tensor.dim %arg2, %c0
// CHECK: %[[OK:.*]] = arith.cmpi eq, %[[M]], %[[N]]
// CHECK: scf.if %[[OK]]
// CHECK: scf.for %{{.*}} = %c0{{.*}} to %[[N]]
func.func @scan_lengths(%s: tensor<1xf32>, %a: tensor<?x1xf32>, %c: tensor<?x1xf32>) -> (tensor<1xf32>, tensor<?x1xf32>) {
  %0:2 = "onnx.scan"(%s, %a, %c) ({
  ^bb0(%si: tensor<1xf32>, %ai: tensor<1xf32>, %ci: tensor<1xf32>):
    %1 = "onnx.add"(%si, %ai) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    %2 = "onnx.mul"(%1, %ci) : (tensor<1xf32>, tensor<1xf32>) -> tensor<1xf32>
    smt.yield %1, %2 : tensor<1xf32>, tensor<1xf32>
  }) {num_scan_inputs = 2 : i64, operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>} : (tensor<1xf32>, tensor<?x1xf32>, tensor<?x1xf32>) -> (tensor<1xf32>, tensor<?x1xf32>) loc(#sc)
  return %0#0, %0#1 : tensor<1xf32>, tensor<?x1xf32>
}
#sc = loc("sc"("Scan"))

// -----

// The body types its slice tensor<3xf32>, the scan input's rows are dynamic: the cast of each
// slice inside the loop is checked there (a shorter row would be read past its end).
// CHECK-LABEL: func.func @scan_slice_typed_static
// CHECK: scf.for
// CHECK: %[[SLICE:.*]] = tensor.extract_slice %arg1
// CHECK: %[[W:.*]] = tensor.dim %[[SLICE]], %c0
// CHECK: %[[OK:.*]] = arith.cmpi eq, %[[W]], %c3
// CHECK: scf.if %[[OK]] -> (tensor<3xf32>)
// CHECK: tensor.cast %[[SLICE]] : tensor<?xf32> to tensor<3xf32>
// CHECK: } else {
// CHECK: memref.store
func.func @scan_slice_typed_static(%s: tensor<3xf32>, %a: tensor<?x?xf32>) -> tensor<3xf32> {
  %0 = "onnx.scan"(%s, %a) ({
  ^bb0(%si: tensor<3xf32>, %ai: tensor<3xf32>):
    %1 = "onnx.add"(%si, %ai) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
    smt.yield %1 : tensor<3xf32>
  }) {num_scan_inputs = 1 : i64, operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>, resultSegmentSizes = array<i32: 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>} : (tensor<3xf32>, tensor<?x?xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// A check reads the sizes of the operands, never of a tensor the lowering computes: Gemm with
// alpha != 1 adds C in an epilogue whose broadcast check once read the matmul's result dims,
// which ran the matmul before its own contraction check. Both checks now come first.
// CHECK-LABEL: func.func @gemm_alpha
// CHECK: %[[KA:.*]] = tensor.dim %arg0, %c1
// CHECK: %[[KB:.*]] = tensor.dim %arg1, %c0
// CHECK: arith.cmpi eq, %[[KA]], %[[KB]]
// CHECK-NOT: linalg.matmul
// CHECK: scf.if
// CHECK: linalg.matmul
// CHECK: linalg.generic
// CHECK: } else {
func.func @gemm_alpha(%a: tensor<?x?xf32>, %b: tensor<?x3xf32>, %c: tensor<3xf32>) -> tensor<?x3xf32> {
  %0 = "onnx.gemm"(%a, %b, %c) {alpha = 2.0 : f32} : (tensor<?x?xf32>, tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

// BatchNormalization: each [C] parameter must have the input's channel count.
// CHECK-LABEL: func.func @batch_norm_channels
// CHECK-DAG: %[[C:.*]] = tensor.dim %arg0, %c1
// CHECK-DAG: %[[S:.*]] = tensor.dim %arg1, %c0
// CHECK: arith.cmpi eq, %[[S]], %[[C]]
// CHECK: scf.if
// CHECK: linalg.generic
func.func @batch_norm_channels(%x: tensor<2x?x3xf32>, %s: tensor<?xf32>, %b: tensor<4xf32>, %m: tensor<4xf32>, %v: tensor<4xf32>) -> tensor<2x?x3xf32> {
  %0 = "onnx.batch_normalization"(%x, %s, %b, %m, %v) {epsilon = 1.0e-05 : f32, resultSegmentSizes = array<i32: 1, 0, 0>} : (tensor<2x?x3xf32>, tensor<?xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x?x3xf32>
  return %0 : tensor<2x?x3xf32>
}

// -----

// Einsum: the repeated label j must have one size in both inputs.
// CHECK-LABEL: module attributes {onnx_mlir.runtime_checks = [{message = "label 'j' has size {0} in input #0 (axis 1), but {1} elsewhere", node = "es", op = "Einsum"}]}
// CHECK: func.func @einsum_label
// CHECK: %[[J:.*]] = tensor.dim %arg0, %c1
// CHECK: arith.cmpi eq, %[[J]], %c4
// CHECK: scf.if
// CHECK: linalg.generic
func.func @einsum_label(%a: tensor<2x?xf32>, %b: tensor<4x3xf32>) -> tensor<2x3xf32> {
  %0 = "onnx.einsum"(%a, %b) {equation = "ij,jk->ik", operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0>} : (tensor<2x?xf32>, tensor<4x3xf32>) -> tensor<2x3xf32> loc(#es)
  return %0 : tensor<2x3xf32>
}
#es = loc("es"("Einsum"))
