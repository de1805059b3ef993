// --version prints the project's and MLIR's versions (both tools).
// RUN: onnx-mlir-opt --version | FileCheck %s --check-prefix=OPT
// RUN: onnx-mlir --version | FileCheck %s --check-prefix=DRIVER

// OPT: onnx-mlir-opt (onnx-mlir-py {{[0-9]+\.[0-9]+\.[0-9]+}})
// OPT-NEXT: MLIR Python bindings: xtc-mlir-python-bindings 22.1.8{{.*}} (upstream LLVM 22.1.8)
// DRIVER: onnx-mlir (onnx-mlir-py {{[0-9.]+}})
func.func @f() {
  return
}
