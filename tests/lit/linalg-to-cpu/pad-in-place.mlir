// RUN: onnx-mlir-opt %s --pass-pipeline="builtin.module(cpu-pad-in-place)" | FileCheck %s
// RUN: onnx-mlir-opt %s --pass-pipeline="builtin.module(cpu-pad-in-place, cpu-bufferize)" | FileCheck %s --check-prefix=BUF
// A constant-value pad becomes a filled buffer with the source inserted: the elementwise op that
// produces the source then writes straight into the padded buffer (no copy after bufferization).

// CHECK-LABEL: func.func @relu_then_pad(
// CHECK: %[[E:.*]] = tensor.empty(%{{.*}}) : tensor<?x6x6x4xf32>
// CHECK: %[[F:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%[[E]] : tensor<?x6x6x4xf32>)
// CHECK: tensor.insert_slice %{{.*}} into %[[F]][0, 1, 1, 0] [%{{.*}}, 4, 4, 4] [1, 1, 1, 1] : tensor<?x4x4x4xf32> into tensor<?x6x6x4xf32>
// CHECK-NOT: tensor.pad
// BUF-LABEL: func.func @relu_then_pad(
// BUF-NOT: memref.copy
// BUF: linalg.fill
// BUF: memref.subview
// BUF: linalg.generic
// BUF-NOT: memref.copy
// BUF: return
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @relu_then_pad(%x: tensor<?x4x4x4xf32>) -> tensor<?x6x6x4xf32> {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %n = tensor.dim %x, %c0 : tensor<?x4x4x4xf32>
  %e = tensor.empty(%n) : tensor<?x4x4x4xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%x : tensor<?x4x4x4xf32>) outs(%e : tensor<?x4x4x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %zero : f32
    linalg.yield %m : f32
  } -> tensor<?x4x4x4xf32>
  %p = tensor.pad %r low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%i0: index, %i1: index, %i2: index, %i3: index):
    tensor.yield %zero : f32
  } : tensor<?x4x4x4xf32> to tensor<?x6x6x4xf32>
  return %p : tensor<?x6x6x4xf32>
}
