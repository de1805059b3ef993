// Expected diagnostics are matched by line and message substring, per chunk.
// RUN: onnx-mlir-opt %s --split-input-file --verify-diagnostics

func.func @f() {
  // expected-error @+1 {{custom op 'arith.bogus' is unknown}}
  %x = arith.bogus
  return
}

// -----

func.func @g() {
  %x = arith.bogus // expected-error {{is unknown}}
  return
}

// -----

func.func @h() {
  %x = arith.bogus
  // expected-error @above {{arith.bogus}}
  return
}

// -----

// expected-error @below {{'arith.addi' op expected 2 operands, but found 0}}
%0 = "arith.addi"() : () -> i32

// -----

// A chunk without diagnostics is fine too.
func.func @ok() {
  return
}
