// Input bytes that are not UTF-8 are a located error and exit 1, not an internal error.
// RUN: %python -c "open(r'%t.mlir', 'wb').write(b'module {\n}\n// caf\xc3\x28\n')"
// RUN: not onnx-mlir-opt %t.mlir 2>&1 | filecheck %s
// RUN: not onnx-mlir-opt < %t.mlir 2>&1 | filecheck %s --check-prefix=STDIN

// CHECK:     invalid-utf8.mlir.tmp.mlir:3:7: error: the input is not valid UTF-8 (byte 0xc3)
// CHECK-NOT: internal error
// STDIN:     <stdin>:3:7: error: the input is not valid UTF-8 (byte 0xc3)
