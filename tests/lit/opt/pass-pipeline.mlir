// A textual pipeline with options and an op-anchored group, and the same as pass flags.
// RUN: onnx-mlir-opt %s --pass-pipeline='builtin.module(func.func(canonicalize{max-iterations=2 top-down=false}), cse)' | FileCheck %s
// RUN: onnx-mlir-opt %s --canonicalize='max-iterations=2 top-down=false' --cse | FileCheck %s
// A plain comma list is a pipeline too.
// RUN: onnx-mlir-opt %s --pass-pipeline='canonicalize, cse' | FileCheck %s

// CHECK-LABEL: func.func @twice
// CHECK:         %[[C:.*]] = arith.constant 5 : i32
// CHECK-NEXT:    return %[[C]], %[[C]] : i32, i32
func.func @twice() -> (i32, i32) {
  %a = arith.constant 2 : i32
  %b = arith.constant 3 : i32
  %c = arith.addi %a, %b : i32
  %d = arith.addi %a, %b : i32
  return %c, %d : i32, i32
}
