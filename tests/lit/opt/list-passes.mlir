// The project passes are listed with their one-line summary.
// RUN: onnx-mlir-opt --list-passes | FileCheck %s
// RUN: onnx-mlir-opt --help | FileCheck %s --check-prefixes=CHECK,HELP

// HELP:  usage: onnx-mlir-opt
// HELP:  --split-input-file
// CHECK: Passes:
// CHECK: --convert-onnx-to-linalg {{ *}}Lower onnx dialect ops to linalg/tensor/arith/math on tensors
// CHECK: --onnx-dce {{ *}}Remove onnx.* ops whose results are all unused
// CHECK: Pipelines:
