// onnx-mlir takes MLIR text at any stage: the stage is recognized from the ops and types (or
// given with --input-stage) and the stages after it run.
// RUN: onnx-mlir %s --EmitLinalg | FileCheck %s --check-prefix=LINALG
// RUN: onnx-mlir %s --EmitLinalg -o %t.linalg.mlir && onnx-mlir %t.linalg.mlir --EmitLLVMIR | FileCheck %s --check-prefix=LLVM
// RUN: onnx-mlir %s --EmitBufferized -o %t.buf.mlir && onnx-mlir %t.buf.mlir --EmitMLIR | FileCheck %s --check-prefix=LOOPS
// RUN: onnx-mlir %t.linalg.mlir --EmitLib -o %t.so 2>&1 | FileCheck %s --check-prefix=LIB
// RUN: onnx-mlir %t.linalg.mlir --input-stage=linalg --EmitLinalg | FileCheck %s --check-prefix=SAME
// RUN: not onnx-mlir %t.buf.mlir --EmitDot 2>&1 | FileCheck %s --check-prefix=DOT
// RUN: not onnx-mlir %S/Inputs/bad-syntax.mlir --EmitLinalg 2>&1 | FileCheck %s --check-prefix=PARSE

// LINALG: linalg.generic
// LINALG-NOT: onnx.relu
// LLVM: llvm.func @main_graph
// LOOPS: cf.cond_br
// LOOPS-NOT: linalg.generic
// LIB: wrote {{.*}}.so
// SAME: linalg.generic
// DOT: error: --EmitDot needs onnx or linalg input; {{.*}} is at stage 'bufferize'
// PARSE: bad-syntax.mlir:2:8: error: custom op 'arith.bogus' is unknown
func.func @main_graph(%x: tensor<4xf32> {onnx.name = "x"}) -> (tensor<4xf32> {onnx.name = "y"}) {
  %0 = "onnx.relu"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
