// CumSum/CumProd as a triangular-mask reduction generic; TopK as rank + selection generics.
// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s
// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s --check-prefix=NOONNX
// NOONNX-NOT: "onnx.{{[a-z_0-9]+}}"(

// Reverse exclusive CumSum along axis 1: out[i] = sum of x[j] for j > i.
// CHECK-DAG: #[[$READ:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG: #[[$OUT:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @cumsum_reverse_exclusive
// CHECK:         linalg.generic {indexing_maps = [#[[$READ]], #[[$OUT]]], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK:           %[[I:.*]] = linalg.index 1 : index
// CHECK:           %[[J:.*]] = linalg.index 2 : index
// CHECK:           %[[IN:.*]] = arith.cmpi ugt, %[[J]], %[[I]] : index
// CHECK:           %[[ADD:.*]] = arith.addf
// CHECK:           arith.select %[[IN]], %[[ADD]], %{{.*}} : f32
func.func @cumsum_reverse_exclusive(%x: tensor<2x5xf32>) -> tensor<2x5xf32> {
  %a = "onnx.constant"() {value = dense<1> : tensor<i32>} : () -> tensor<i32>
  %0 = "onnx.cum_sum"(%x, %a) {exclusive = 1 : i64, reverse = 1 : i64} : (tensor<2x5xf32>, tensor<i32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

// CumProd, inclusive forward, negative constant axis: j <= i, starts at 1.
// CHECK-LABEL: func.func @cumprod
// CHECK:         arith.constant 1 : i32
// CHECK:         linalg.generic
// CHECK:           arith.cmpi ule
// CHECK:           arith.muli
func.func @cumprod(%x: tensor<4x3xi32>) -> tensor<4x3xi32> {
  %a = "onnx.constant"() {value = dense<-2> : tensor<i64>} : () -> tensor<i64>
  %0 = "onnx.cum_prod"(%x, %a) : (tensor<4x3xi32>, tensor<i64>) -> tensor<4x3xi32>
  return %0 : tensor<4x3xi32>
}

// -----

// A run-time axis: one scan per dim, the axis value selects; an axis outside [-2, 2) is a
// run-time error (checked before the scans run).
// CHECK-LABEL: func.func @cumsum_runtime_axis
// CHECK:         %[[AX:.*]] = tensor.extract %arg1[] : tensor<i32>
// CHECK:         arith.cmpi sge, %[[AX]], %c-2_i32
// CHECK:         arith.cmpi slt, %[[AX]], %c2_i32
// CHECK:         scf.if
// CHECK:         %[[A0:.*]] = linalg.generic
// CHECK:         %[[A1:.*]] = linalg.generic
// CHECK:         %[[P:.*]] = arith.cmpi eq
// CHECK:         linalg.generic {{.*}} ins(%[[A0]], %[[A1]] :
// CHECK:           arith.select %[[P]]
func.func @cumsum_runtime_axis(%x: tensor<2x3xf64>, %axis: tensor<i32>) -> tensor<2x3xf64> {
  %0 = "onnx.cum_sum"(%x, %axis) : (tensor<2x3xf64>, tensor<i32>) -> tensor<2x3xf64>
  return %0 : tensor<2x3xf64>
}

// -----

// TopK k=3 of 5 along the last axis: rank[i] counts the j that beat x[i] (larger, or equal
// with a lower index); then values/indices where rank == output position.
// CHECK-DAG: #[[$I:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-DAG: #[[$J:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-LABEL: func.func @topk
// CHECK:         %[[RANK:.*]] = linalg.generic {indexing_maps = [#[[$I]], #[[$J]], #[[$I]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%arg0, %arg0 : tensor<2x5xf32>, tensor<2x5xf32>) outs(%{{.*}} : tensor<2x5xi64>)
// CHECK:           arith.cmpf ogt
// CHECK:           arith.cmpf oeq
// CHECK:           arith.cmpi ult
// CHECK:         %{{.*}}:2 = linalg.generic {indexing_maps = [#[[$J]], #[[$J]], #[[$I]], #[[$I]]], iterator_types = ["parallel", "parallel", "reduction"]} ins(%arg0, %[[RANK]] : tensor<2x5xf32>, tensor<2x5xi64>) outs(%{{.*}}, %{{.*}} : tensor<2x3xf32>, tensor<2x3xi64>)
// CHECK:           arith.cmpi eq
func.func @topk(%x: tensor<2x5xf32>) -> (tensor<2x3xf32>, tensor<2x3xi64>) {
  %k = "onnx.constant"() {value = dense<3> : tensor<1xi64>} : () -> tensor<1xi64>
  %0, %1 = "onnx.top_k"(%x, %k) : (tensor<2x5xf32>, tensor<1xi64>) -> (tensor<2x3xf32>, tensor<2x3xi64>)
  return %0, %1 : tensor<2x3xf32>, tensor<2x3xi64>
}

// -----

// Smallest, K from the result type (K is a run-time input): "beats" is olt.
// CHECK-LABEL: func.func @topk_smallest_runtime_k
// CHECK:         arith.cmpf olt
// CHECK:         outs(%{{.*}}, %{{.*}} : tensor<2x4xf32>, tensor<2x4xi64>)
func.func @topk_smallest_runtime_k(%x: tensor<6x4xf32>, %k: tensor<1xi64>) -> (tensor<2x4xf32>, tensor<2x4xi64>) {
  %0, %1 = "onnx.top_k"(%x, %k) {axis = 0 : i64, largest = 0 : i64} : (tensor<6x4xf32>, tensor<1xi64>) -> (tensor<2x4xf32>, tensor<2x4xi64>)
  return %0, %1 : tensor<2x4xf32>, tensor<2x4xi64>
}
