// Reductions: one reduction linalg.generic per Reduce*, expand_shape for keepdims; ArgMax carries
// (value, index) in one generic.
// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s
// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s --check-prefix=NOONNX
// NOONNX-NOT: onnx.

// Constant axes (one negative), non-contiguous reduction dims, keepdims.
// CHECK-DAG: #[[$ID3:.*]] = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// CHECK-DAG: #[[$D1:.*]] = affine_map<(d0, d1, d2) -> (d1)>
// CHECK-LABEL: func.func @sum_noncontiguous_axes
// CHECK:         %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%[[ZERO]] : f32) outs(%{{.*}} : tensor<4xf32>)
// CHECK:         %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[$ID3]], #[[$D1]]], iterator_types = ["reduction", "parallel", "reduction"]}
// CHECK-SAME:      ins(%arg0 : tensor<3x4x5xf32>) outs(%[[INIT]] : tensor<4xf32>)
// CHECK:           arith.addf
// CHECK:         tensor.expand_shape %[[SUM]] {{\[\[}}0, 1, 2]] output_shape [1, 4, 1] : tensor<4xf32> into tensor<1x4x1xf32>
func.func @sum_noncontiguous_axes(%x: tensor<3x4x5xf32>) -> tensor<1x4x1xf32> {
  %axes = "onnx.constant"() {value = dense<[-1, 0]> : tensor<2xi64>} : () -> tensor<2xi64>
  %0 = "onnx.reduce_sum"(%x, %axes) : (tensor<3x4x5xf32>, tensor<2xi64>) -> tensor<1x4x1xf32>
  return %0 : tensor<1x4x1xf32>
}

// -----

// No axes: reduce everything to a rank-0 tensor, then expand to all-ones.
// CHECK-LABEL: func.func @prod_all
// CHECK:         %[[ONE:.*]] = arith.constant 1 : i64
// CHECK:         linalg.fill ins(%[[ONE]] : i64) outs(%{{.*}} : tensor<i64>)
// CHECK:         linalg.generic {{.*}} iterator_types = ["reduction", "reduction"]
// CHECK:           arith.muli
// CHECK:         tensor.expand_shape %{{.*}} [] output_shape [1, 1] : tensor<i64> into tensor<1x1xi64>
func.func @prod_all(%x: tensor<2x3xi64>) -> tensor<1x1xi64> {
  %0 = "onnx.reduce_prod"(%x) : (tensor<2x3xi64>) -> tensor<1x1xi64>
  return %0 : tensor<1x1xi64>
}

// -----

// Max of a float starts at -inf; min of an int32 at INT32_MAX; keepdims=0 drops the dim.
// CHECK-LABEL: func.func @max_min
// CHECK:         arith.constant 0xFF800000 : f32
// CHECK:         arith.maximumf
// CHECK:         arith.constant 2147483647 : i32
// CHECK:         arith.minsi
// CHECK:         return %{{.*}}, %{{.*}} : tensor<2xf32>, tensor<3xi32>
func.func @max_min(%x: tensor<2x3xf32>, %y: tensor<2x3xi32>) -> (tensor<2xf32>, tensor<3xi32>) {
  %a1 = "onnx.constant"() {value = dense<1> : tensor<1xi64>} : () -> tensor<1xi64>
  %a0 = "onnx.constant"() {value = dense<0> : tensor<1xi64>} : () -> tensor<1xi64>
  %0 = "onnx.reduce_max"(%x, %a1) {keepdims = 0 : i64} : (tensor<2x3xf32>, tensor<1xi64>) -> tensor<2xf32>
  %1 = "onnx.reduce_min"(%y, %a0) {keepdims = 0 : i64} : (tensor<2x3xi32>, tensor<1xi64>) -> tensor<3xi32>
  return %0, %1 : tensor<2xf32>, tensor<3xi32>
}

// -----

// Mean divides the sum by the static count.
// CHECK-LABEL: func.func @mean
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]
// CHECK:           arith.addf
// CHECK:         %[[N:.*]] = arith.constant 6.000000e+00 : f32
// CHECK:         linalg.generic
// CHECK:           arith.divf %{{.*}}, %[[N]] : f32
func.func @mean(%x: tensor<2x6xf32>) -> tensor<2x1xf32> {
  %a = "onnx.constant"() {value = dense<1> : tensor<1xi64>} : () -> tensor<1xi64>
  %0 = "onnx.reduce_mean"(%x, %a) : (tensor<2x6xf32>, tensor<1xi64>) -> tensor<2x1xf32>
  return %0 : tensor<2x1xf32>
}

// -----

// LogSumExp is stable: a max reduction, then sum(exp(x - m)) reading m through the output map,
// then log(s) + m.
// CHECK-DAG: #[[$ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[$ROW:.*]] = affine_map<(d0, d1) -> (d0)>
// CHECK-LABEL: func.func @log_sum_exp
// CHECK:         arith.maximumf
// CHECK:         %[[SHIFT:.*]] = linalg.generic
// CHECK:           math.absf
// CHECK:           arith.select
// CHECK:         %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[$ID]], #[[$ROW]], #[[$ROW]]], iterator_types = ["parallel", "reduction"]} ins(%arg0, %[[SHIFT]] :
// CHECK:           arith.subf
// CHECK:           math.exp
// CHECK:         linalg.generic
// CHECK:           math.log
// CHECK:           arith.addf
func.func @log_sum_exp(%x: tensor<2x6xf32>) -> tensor<2xf32> {
  %a = "onnx.constant"() {value = dense<1> : tensor<1xi64>} : () -> tensor<1xi64>
  %0 = "onnx.reduce_log_sum_exp"(%x, %a) {keepdims = 0 : i64} : (tensor<2x6xf32>, tensor<1xi64>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// f16 sums accumulate in f32 and truncate at the end.
// CHECK-LABEL: func.func @sum_square_f16
// CHECK:         linalg.generic
// CHECK:           arith.extf %{{.*}} : f16 to f32
// CHECK:           arith.mulf
// CHECK:           arith.addf
// CHECK:         linalg.generic
// CHECK:           arith.truncf %{{.*}} : f32 to f16
func.func @sum_square_f16(%x: tensor<4x8xf16>) -> tensor<4x1xf16> {
  %a = "onnx.constant"() {value = dense<1> : tensor<1xi64>} : () -> tensor<1xi64>
  %0 = "onnx.reduce_sum_square"(%x, %a) : (tensor<4x8xf16>, tensor<1xi64>) -> tensor<4x1xf16>
  return %0 : tensor<4x1xf16>
}

// -----

// Run-time axes with keepdims: the reduced dims are those whose size changes.
// CHECK-LABEL: func.func @runtime_axes_keepdims
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel", "reduction", "parallel"]
// CHECK-NOT:     tensor.extract
// CHECK:         tensor.expand_shape
func.func @runtime_axes_keepdims(%x: tensor<3x2x2xf32>, %axes: tensor<1xi64>) -> tensor<3x1x2xf32> {
  %0 = "onnx.reduce_l2"(%x, %axes) : (tensor<3x2x2xf32>, tensor<1xi64>) -> tensor<3x1x2xf32>
  return %0 : tensor<3x1x2xf32>
}

// -----

// Run-time axes without keepdims: [3,2,2] -> [3,2] may reduce dim 1 or dim 2; both are
// computed and the normalized run-time axis selects one.
// CHECK-LABEL: func.func @runtime_axes_ambiguous
// CHECK:         %[[R1:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "reduction", "parallel"]
// CHECK:         %[[R2:.*]] = linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "reduction"]
// CHECK:         %[[AXIS:.*]] = tensor.extract %arg1
// CHECK:         %[[NORM:.*]] = arith.select %{{.*}}, %{{.*}}, %[[AXIS]] : i64
// CHECK:         arith.cmpi eq, %[[NORM]], %{{.*}} : i64
// CHECK:         linalg.generic {{.*}} ins(%[[R1]], %[[R2]] :
// CHECK:           arith.select
func.func @runtime_axes_ambiguous(%x: tensor<3x2x2xf32>, %axes: tensor<1xi64>) -> tensor<3x2xf32> {
  %0 = "onnx.reduce_sum"(%x, %axes) {keepdims = 0 : i64} : (tensor<3x2x2xf32>, tensor<1xi64>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// noop_with_empty_axes and no axes: the input itself.
// CHECK-LABEL: func.func @noop
// CHECK-NOT:     linalg.generic
// CHECK:         return %arg0
func.func @noop(%x: tensor<3x2xf32>) -> tensor<3x2xf32> {
  %0 = "onnx.reduce_sum"(%x) {noop_with_empty_axes = 1 : i64} : (tensor<3x2xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

// ArgMax with select_last_index: (value, index) pairs; ties prefer the larger index.
// CHECK-LABEL: func.func @argmax_last
// CHECK:         arith.constant -2147483648 : i32
// CHECK:         arith.constant -1 : i64
// CHECK:         %{{.*}}:2 = linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]
// CHECK-SAME:      outs(%{{.*}}, %{{.*}} : tensor<3xi32>, tensor<3xi64>)
// CHECK:           %[[I:.*]] = linalg.index 1 : index
// CHECK:           arith.cmpi sgt, %{{.*}}, %{{.*}} : i32
// CHECK:           arith.cmpi eq, %{{.*}}, %{{.*}} : i32
// CHECK:           arith.cmpi sgt, %{{.*}}, %{{.*}} : i64
// CHECK:           linalg.yield
// CHECK:         tensor.expand_shape %{{.*}}#1
func.func @argmax_last(%x: tensor<3x4xi32>) -> tensor<3x1xi64> {
  %0 = "onnx.arg_max"(%x) {axis = 1 : i64, select_last_index = 1 : i64} : (tensor<3x4xi32>) -> tensor<3x1xi64>
  return %0 : tensor<3x1xi64>
}

// -----

// ArgMin with the default first index: the index starts at INT64_MAX, smaller wins ties.
// CHECK-LABEL: func.func @argmin_first
// CHECK:         arith.constant 0x7F800000 : f32
// CHECK:         arith.constant 9223372036854775807 : i64
// CHECK:         arith.cmpf olt
// CHECK:         arith.cmpi slt, %{{.*}}, %{{.*}} : i64
func.func @argmin_first(%x: tensor<3x4xf32>) -> tensor<4xi64> {
  %0 = "onnx.arg_min"(%x) {axis = 0 : i64, keepdims = 0 : i64} : (tensor<3x4xf32>) -> tensor<4xi64>
  return %0 : tensor<4xi64>
}

// -----

// Run-time axes on a dynamic input: each set of one dim is reduced, the run-time axes must
// name one of them (a check), and an scf.if chain picks the result (their run-time shapes
// differ, so no elementwise select).
// CHECK-LABEL: func.func @reduce_runtime_axes_dynamic
// CHECK: scf.if %{{.*}} -> (tensor<?x?xf32>) {
// CHECK: linalg.generic {{.*}}iterator_types = ["reduction", "parallel", "parallel"]}
// CHECK: } else {
// CHECK: scf.if %{{.*}} -> (tensor<?x?xf32>) {
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "reduction", "parallel"]}
// CHECK: } else {
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "reduction"]}
func.func @reduce_runtime_axes_dynamic(%x: tensor<?x?x?xf32>, %axes: tensor<1xi64>) -> tensor<?x?xf32> {
  %0 = "onnx.reduce_sum"(%x, %axes) {keepdims = 0 : i64} : (tensor<?x?x?xf32>, tensor<1xi64>) -> tensor<?x?xf32>
  return %0 : tensor<?x?xf32>
}
