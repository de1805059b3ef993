// A public function with a scalar result goes through the CPU pipeline (only tensor results
// become out-params; a scalar one used to raise an untyped ValueError, found by tools/fuzz).
// RUN: onnx-mlir-opt %s --onnx-to-cpu | filecheck %s

// CHECK: llvm.func @add_zero(%{{.*}}: i32) -> i32
// CHECK: llvm.func @_mlir_ciface_add_zero(
func.func @add_zero(%a: i32) -> i32 {
  %c0 = arith.constant 0 : i32
  %b = arith.addi %a, %c0 : i32
  return %b : i32
}
