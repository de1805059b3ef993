// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s
// RUN: onnx-mlir-opt --pass-pipeline='builtin.module(convert-onnx-to-linalg{runtime-checks=false})' --split-input-file %s | FileCheck %s --check-prefix=OFF

// Run-time indices: one reduction generic computes their min and max (it only reads the index
// tensor), the bounds [-size, size - 1] are compared outside the guard, and the gather runs in
// the then-branch only; the else-branch records the offending index and the axis size.
// CHECK-LABEL: module attributes
// CHECK-SAME: message = "index {0} is out of range for axis {1} of size {2}", node = "g0", op = "Gather"
// CHECK-LABEL: func.func @gather_runtime_indices
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<?x4xf32>, %[[I:[a-z0-9]+]]: tensor<2x3xi64>, %[[S:[a-z0-9]+]]: memref<6xi64> {onnx_mlir.status}
// CHECK: %[[MM:.*]]:2 = linalg.generic {{.*}}iterator_types = ["reduction", "reduction"]} ins(%[[I]] : tensor<2x3xi64>) outs(%{{.*}}, %{{.*}} : tensor<i64>, tensor<i64>)
// CHECK: arith.minsi
// CHECK: arith.maxsi
// CHECK: %[[LO:.*]] = tensor.extract %[[MM]]#0[] : tensor<i64>
// CHECK: %[[LOI:.*]] = arith.index_cast %[[LO]] : i64 to index
// CHECK: %[[HI:.*]] = tensor.extract %[[MM]]#1[] : tensor<i64>
// CHECK: %[[HII:.*]] = arith.index_cast %[[HI]] : i64 to index
// CHECK: %[[BELOW:.*]] = arith.cmpi slt, %[[LOI]], %c-4 : index
// CHECK: %[[ABOVE:.*]] = arith.cmpi sgt, %[[HII]], %c3 : index
// CHECK: %[[BAD:.*]] = arith.ori %[[BELOW]], %[[ABOVE]] : i1
// CHECK: %[[OK:.*]] = arith.xori %[[BAD]], %true : i1
// CHECK: %[[SHOWN:.*]] = arith.select %[[BELOW]], %[[LOI]], %[[HII]] : index
// CHECK: %[[R:.*]] = scf.if %[[OK]] -> (tensor<?x2x3xf32>) {
// CHECK: linalg.generic {{.*}} ins(%[[I]] : tensor<2x3xi64>) outs(%{{.*}} : tensor<?x2x3xf32>)
// CHECK: tensor.extract %[[X]]
// CHECK: } else {
// CHECK: memref.store %{{.*}}, %[[S]][%c0{{.*}}]
// CHECK: %[[V:.*]] = arith.index_cast %[[SHOWN]] : index to i64
// CHECK: memref.store %[[V]], %[[S]][%c1{{.*}}]
// CHECK: return %[[R]]
// OFF-LABEL: func.func @gather_runtime_indices(%{{.*}}: tensor<?x4xf32>, %{{.*}}: tensor<2x3xi64>) -> tensor<?x2x3xf32>
// OFF-NOT: arith.minsi
// OFF-NOT: scf.if
// OFF: linalg.generic
func.func @gather_runtime_indices(%x: tensor<?x4xf32>, %i: tensor<2x3xi64>) -> tensor<?x2x3xf32> {
  %0 = "onnx.gather"(%x, %i) {axis = 1 : i64} : (tensor<?x4xf32>, tensor<2x3xi64>) -> tensor<?x2x3xf32> loc(#g0)
  return %0 : tensor<?x2x3xf32>
}
#g0 = loc("g0"("Gather"))

// -----

// Constant indices in range of a static axis: proven at compile time, nothing is guarded.
// CHECK-LABEL: func.func @gather_constant_indices(%{{.*}}: tensor<5x4xf32>) -> tensor<2x4xf32>
// CHECK-NOT: scf.if
// CHECK-NOT: arith.minsi
// CHECK: linalg.generic
func.func @gather_constant_indices(%x: tensor<5x4xf32>) -> tensor<2x4xf32> {
  %i = "onnx.constant"() {value = dense<[4, -5]> : tensor<2xi64>} : () -> tensor<2xi64>
  %0 = "onnx.gather"(%x, %i) {axis = 0 : i64} : (tensor<5x4xf32>, tensor<2xi64>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// Constant indices against a dynamic axis: the known min (-3) and max (1) are compared with the
// run-time size; no reduction.
// CHECK-LABEL: func.func @gather_constant_indices_dynamic_axis
// CHECK-NOT: arith.minsi
// CHECK: %[[N:.*]] = tensor.dim %arg0, %c0
// CHECK: %[[NEG:.*]] = arith.subi %c0{{.*}}, %[[N]] : index
// CHECK: %[[LAST:.*]] = arith.subi %[[N]], %c1 : index
// CHECK: arith.cmpi slt, %c-3, %[[NEG]] : index
// CHECK: arith.cmpi sgt, %c1{{.*}}, %[[LAST]] : index
// CHECK: scf.if
// CHECK: linalg.generic
func.func @gather_constant_indices_dynamic_axis(%x: tensor<?x4xf32>) -> tensor<2x4xf32> {
  %i = "onnx.constant"() {value = dense<[1, -3]> : tensor<2xi64>} : () -> tensor<2xi64>
  %0 = "onnx.gather"(%x, %i) {axis = 0 : i64} : (tensor<?x4xf32>, tensor<2xi64>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// ScatterND: the updates shape is checked against indices.shape[:-1] + data.shape[k:], and each
// index component against its own data axis (a per-column min/max reduction); the scatter
// generic is guarded by all three.
// CHECK-LABEL: module attributes
// CHECK-SAME: message = "updates has size {0} at axis 0, expected {1} (indices.shape[:-1] + data.shape[k:])", node = "s0", op = "ScatterND"
// CHECK-SAME: message = "index {0} is out of range for axis {1} of size {2}", node = "s0", op = "ScatterND"
// CHECK-SAME: message = "index {0} is out of range for axis {1} of size {2}", node = "s0", op = "ScatterND"
// CHECK-LABEL: func.func @scatter_nd_runtime
// CHECK-DAG: %[[D1:.*]] = tensor.dim %arg0, %c1{{.*}} : tensor<4x?xf32>
// CHECK-DAG: %[[K:.*]] = tensor.dim %arg1, %c0{{.*}} : tensor<?x2xi64>
// CHECK-DAG: %[[U:.*]] = tensor.dim %arg2, %c0{{.*}} : tensor<?xf32>
// CHECK: %[[SAME:.*]] = arith.cmpi eq, %[[U]], %[[K]] : index
// CHECK: %[[MM:.*]]:2 = linalg.generic {{.*}}iterator_types = ["reduction", "parallel"]} ins(%arg1 : tensor<?x2xi64>) outs(%{{.*}}, %{{.*}} : tensor<2xi64>, tensor<2xi64>)
// CHECK: tensor.extract %[[MM]]#0[%c0{{.*}}] : tensor<2xi64>
// CHECK: tensor.extract %[[MM]]#1[%c0{{.*}}] : tensor<2xi64>
// CHECK: %[[OK0:.*]] = arith.xori
// CHECK: tensor.extract %[[MM]]#0[%c1{{.*}}] : tensor<2xi64>
// CHECK: tensor.extract %[[MM]]#1[%c1{{.*}}] : tensor<2xi64>
// CHECK: %[[OK1:.*]] = arith.xori
// CHECK: %[[A:.*]] = arith.andi %[[SAME]], %[[OK0]] : i1
// CHECK: %[[ALL:.*]] = arith.andi %[[A]], %[[OK1]] : i1
// CHECK: scf.if %[[ALL]] -> (tensor<4x?xf32>) {
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK: } else {
// OFF-LABEL: func.func @scatter_nd_runtime
// OFF-NOT: scf.if
// OFF: linalg.generic
func.func @scatter_nd_runtime(%x: tensor<4x?xf32>, %i: tensor<?x2xi64>, %u: tensor<?xf32>) -> tensor<4x?xf32> {
  %0 = "onnx.scatter_nd"(%x, %i, %u) : (tensor<4x?xf32>, tensor<?x2xi64>, tensor<?xf32>) -> tensor<4x?xf32> loc(#s0)
  return %0 : tensor<4x?xf32>
}
#s0 = loc("s0"("ScatterND"))

// -----

// Coordinates computed from data are clamped to +-2^40 before fptosi (NaN becomes -2^40): the
// conversion is defined for every value (LLVM makes an out-of-range fptosi poison), and the
// tap indices are then clamped into the image.
// CHECK-LABEL: func.func @grid_sample_nearest
// CHECK: %[[C:.*]] = math.roundeven
// CHECK-DAG: %[[HI:.*]] = arith.constant 1.09951163E+12 : f32
// CHECK-DAG: %[[LO:.*]] = arith.constant -1.09951163E+12 : f32
// CHECK: %[[A:.*]] = arith.maxnumf %[[C]], %[[LO]] : f32
// CHECK: %[[B:.*]] = arith.minnumf %[[A]], %[[HI]] : f32
// CHECK: arith.fptosi %[[B]] : f32 to i64
// CHECK: arith.maxsi
// CHECK: arith.minsi
// CHECK: tensor.extract %arg0
func.func @grid_sample_nearest(%x: tensor<1x1x3x4xf32>, %g: tensor<1x2x2x2xf32>) -> tensor<1x1x2x2xf32> {
  %0 = "onnx.grid_sample"(%x, %g) {mode = "nearest"} : (tensor<1x1x3x4xf32>, tensor<1x2x2x2xf32>) -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}
