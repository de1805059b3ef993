// RUN: onnx-mlir-opt %s --split-input-file --pass-pipeline="builtin.module(cpu-target{cpu=avx2})" | FileCheck %s --check-prefix=AVX2
// RUN: onnx-mlir-opt %s --split-input-file --pass-pipeline="builtin.module(cpu-target{cpu=avx512})" | FileCheck %s --check-prefix=AVX512
// RUN: onnx-mlir-opt %s --split-input-file --pass-pipeline="builtin.module(cpu-target{cpu=skylake features=+avx2,-fma})" | FileCheck %s --check-prefix=NAMED
// RUN: onnx-mlir-opt %s --split-input-file --pass-pipeline="builtin.module(cpu-target)" | FileCheck %s --check-prefix=HOST
// RUN: not onnx-mlir-opt %s --pass-pipeline="builtin.module(cpu-target{cpu=avx2 features=avx512f})" 2>&1 | FileCheck %s --check-prefix=BAD
// cpu-target: every defined llvm.func gets the CPU and its feature list (which replaces the host
// target machine's features); externally visible ones also get no_inline so that the
// ExecutionEngine's packed wrappers (compiled for the host) cannot take their bodies in.
// Declarations and the default (host) are left alone.

// AVX2: llvm.func @expf(f32) -> f32{{$}}
// AVX2-NEXT: llvm.func @main_graph(%arg0: f32) -> f32 attributes {no_inline, target_cpu = "x86-64-v3", target_features = #llvm.target_features<["-avx512f"]>}
// AVX2: llvm.func linkonce_odr @helper(%arg0: f32) -> f32 attributes {target_cpu = "x86-64-v3", target_features = #llvm.target_features<["-avx512f"]>}

// AVX512: llvm.func @main_graph(%arg0: f32) -> f32 attributes {no_inline, prefer_vector_width = "512", target_cpu = "x86-64-v4", target_features = #llvm.target_features<[]>}

// NAMED: llvm.func @main_graph(%arg0: f32) -> f32 attributes {no_inline, target_cpu = "skylake", target_features = #llvm.target_features<["+avx2", "-fma"]>}

// HOST: llvm.func @main_graph(%arg0: f32) -> f32 {
// HOST: llvm.func linkonce_odr @helper(%arg0: f32) -> f32 {
// HOST: llvm.func @f() {

// BAD: error: invalid CPU feature(s) ['avx512f']: write each one as +name or -name
module {
  llvm.func @expf(f32) -> f32
  llvm.func @main_graph(%arg0: f32) -> f32 {
    %0 = llvm.call @helper(%arg0) : (f32) -> f32
    %1 = llvm.call @expf(%0) : (f32) -> f32
    llvm.return %1 : f32
  }
  llvm.func linkonce_odr @helper(%arg0: f32) -> f32 {
    llvm.return %arg0 : f32
  }
}

// -----

// A CPU name that is not a name.
// RUN: not onnx-mlir-opt %s --split-input-file --pass-pipeline="builtin.module(cpu-target{cpu=x/y})" 2>&1 | FileCheck %s --check-prefix=BADCPU
// BADCPU: error: invalid CPU target 'x/y'
module {
  llvm.func @f() {
    llvm.return
  }
}
