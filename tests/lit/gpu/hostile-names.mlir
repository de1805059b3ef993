// RUN: rm -rf %t.dir && mkdir -p %t.dir && cd %t.dir
// RUN: env ONNX_MLIR_TRITON_CACHE=%t.dir/cache %python -m onnx_mlir.tools.onnx_mlir_triton %s --emit=source -o %t.py
// RUN: FileCheck %s --check-prefix=SRC < %t.py
// RUN: %python -c "import sys; compile(open(sys.argv[1]).read(), 'kernels.py', 'exec')" %t.py
// RUN: env ONNX_MLIR_TRITON_CACHE=%t.dir/cache %python -m onnx_mlir.tools.onnx_mlir_triton %s --emit=ttir | FileCheck %s --check-prefix=TTIR
// RUN: onnx-mlir-opt %s --gpu-emit-triton 2>%t.err | FileCheck %s --check-prefix=ATTR
// RUN: FileCheck %s --check-prefix=WARN < %t.err
// RUN: not test -e %t.dir/pwned

// Kernel symbols and fallback reasons are input text: a symbol that closes the `def` line and
// imports os must not run (it would create `pwned` in the working directory).  Python names are
// the symbol's [A-Za-z0-9_] characters plus a hash of the whole symbol, so `a.b` and `a-b` stay
// two kernels and `tl` does not shadow triton.language; symbols and reasons appear only as
// escaped literals in comments.

#id = affine_map<(d0) -> (d0)>
func.func private @"x():\0A    pass\0Aimport os; os.system('touch pwned')\0Adef y"(%x: tensor<16xf32>) -> tensor<16xf32> attributes {onnx_mlir.kernel_kind = "pointwise"} {
  %e = tensor.empty() : tensor<16xf32>
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%x : tensor<16xf32>) outs(%e : tensor<16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = math.exp %in : f32
    linalg.yield %r : f32
  } -> tensor<16xf32>
  return %y : tensor<16xf32>
}
func.func private @tl(%x: tensor<16xf32>) -> tensor<16xf32> attributes {onnx_mlir.kernel_kind = "pointwise"} {
  %e = tensor.empty() : tensor<16xf32>
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%x : tensor<16xf32>) outs(%e : tensor<16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = math.exp %in : f32
    linalg.yield %r : f32
  } -> tensor<16xf32>
  return %y : tensor<16xf32>
}
func.func private @a.b(%x: tensor<16xf32>) -> tensor<16xf32> attributes {onnx_mlir.kernel_kind = "pointwise"} {
  %e = tensor.empty() : tensor<16xf32>
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%x : tensor<16xf32>) outs(%e : tensor<16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = math.exp %in : f32
    linalg.yield %r : f32
  } -> tensor<16xf32>
  return %y : tensor<16xf32>
}
func.func private @"a-b"(%x: tensor<16xf32>) -> tensor<16xf32> attributes {onnx_mlir.kernel_kind = "pointwise"} {
  %e = tensor.empty() : tensor<16xf32>
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%x : tensor<16xf32>) outs(%e : tensor<16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = math.exp %in : f32
    linalg.yield %r : f32
  } -> tensor<16xf32>
  return %y : tensor<16xf32>
}
func.func private @"host\0A__import__('os')"(%x: tensor<16xf32>) -> tensor<16xf32> attributes {onnx_mlir.kernel_kind = "host", onnx_mlir.host_reason = "'''\0A__import__('os').system('touch pwned')\0A'''"} {
  return %x : tensor<16xf32>
}

// SRC: # kernel "host\n__import__('os')" runs on the CPU: "'''\n__import__('os').system('touch pwned')\n'''"
// SRC: # symbol: "x():\n    pass\nimport os; os.system('touch pwned')\ndef y"
// SRC-NEXT: # kind: pointwise
// SRC-NEXT: @triton.jit
// SRC-NEXT: def x________pass_import_os__os_system__touch_pwned__6fc20a727f(p0, p1, BLOCK: tl.constexpr):
// SRC: # symbol: 'tl'
// SRC: def tl_e66016570c(p0, p1, BLOCK: tl.constexpr):
// SRC: v{{[0-9]+}} = tl.exp(
// SRC: # symbol: 'a.b'
// SRC: def a_b_2e7336dc8e(
// SRC: # symbol: 'a-b'
// SRC: def a_b_d44362d67d(
// SRC-NOT: import os
// SRC-NOT: __import__(

// TTIR: // kernel "host\n__import__('os')" falls back to the CPU: "'''\n__import__('os').system('touch pwned')\n'''"
// TTIR: // kernel: "x():\n    pass\nimport os; os.system('touch pwned')\ndef y" (pointwise) target: cuda:90 stage: ttir
// TTIR: tt.func public @x________pass_import_os__os_system__touch_pwned__6fc20a727f(
// TTIR: // kernel: tl (pointwise) target: cuda:90 stage: ttir
// TTIR: tt.func public @tl_e66016570c(
// TTIR: // kernel: a.b (pointwise)
// TTIR: tt.func public @a_b_2e7336dc8e(
// TTIR: // kernel: 'a-b' (pointwise)
// TTIR: tt.func public @a_b_d44362d67d(

// ATTR: func.func private @"x():\0A    pass\0Aimport os; os.system('touch pwned')\0Adef y"
// ATTR-SAME: triton.source = "@triton.jit\0Adef x________pass_import_os__os_system__touch_pwned__6fc20a727f(p0, p1, BLOCK: tl.constexpr):
// ATTR: func.func private @tl(
// ATTR-SAME: def tl_e66016570c(
// ATTR: func.func private @"host\0A__import__('os')"(
// ATTR-SAME: triton.fallback = "'''\0A__import__('os').system('touch pwned')\0A'''"

// The warning is one line whatever the symbol and the reason hold.
// WARN: warning: kernel @"host\n__import__('os')" runs on the CPU: '''\n__import__('os').system('touch pwned')\n'''
// WARN-NOT: {{^}}__import__
