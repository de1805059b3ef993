// Gathers and scalars read from tensors: a `tensor.extract` in a linalg body (an embedding
// lookup) is a load at the computed index; a scalar extracted outside the body (a bound read
// from a 0-d input) is recomputed in the kernel (outlining clones the extract, its tensor becomes
// a kernel argument).  No CPU fallback; compile-only for sm_90.
// RUN: onnx-mlir-opt %s --gpu-group-kernels | FileCheck %s --check-prefix=GROUP
// RUN: %python -m onnx_mlir.tools.onnx_mlir_triton %s --emit=source | FileCheck %s --check-prefix=SRC
// RUN: %python -m onnx_mlir.tools.onnx_mlir_triton %s --emit=ttir --target=cuda:90 | FileCheck %s --check-prefix=TTIR

#ids = affine_map<(d0, d1) -> (d0)>
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @main_graph(%ids: tensor<16xi64>, %table: tensor<1000x128xf32>, %bound: tensor<f32>) -> tensor<16x128xf32> {
  %c0 = arith.constant 0 : index
  %c1000 = arith.constant 1000 : index
  %hi = tensor.extract %bound[] : tensor<f32>
  %e = tensor.empty() : tensor<16x128xf32>
  %g = linalg.generic {indexing_maps = [#ids, #id], iterator_types = ["parallel", "parallel"]} ins(%ids : tensor<16xi64>) outs(%e : tensor<16x128xf32>) {
  ^bb0(%in: i64, %out: f32):
    %col = linalg.index 1 : index
    %i = arith.index_cast %in : i64 to index
    %neg = arith.cmpi slt, %i, %c0 : index
    %wrapped = arith.addi %i, %c1000 : index
    %row = arith.select %neg, %wrapped, %i : index
    %v = tensor.extract %table[%row, %col] : tensor<1000x128xf32>
    %m = arith.minimumf %v, %hi : f32
    linalg.yield %m : f32
  } -> tensor<16x128xf32>
  return %g : tensor<16x128xf32>
}

// GROUP: func.func private @main_graph_k0_pointwise(%arg0: tensor<16xi64>, %arg1: tensor<1000x128xf32>, %arg2: tensor<f32>)
// GROUP: tensor.extract %arg2[] : tensor<f32>
// GROUP: tensor.extract %arg1[
// GROUP: func.func @main_graph(
// GROUP-NOT: tensor.extract
// GROUP: call @main_graph_k0_pointwise(%arg0, %arg1, %arg2)
// GROUP-NOT: tensor.extract

// SRC-NOT: runs on the CPU
// SRC: def main_graph_k0_pointwise_{{[0-9a-f]+}}(p0, p1, p2, p3, BLOCK: tl.constexpr):
// SRC: [[IDS:v[0-9]+]] = _load(p0 + [[I0:i[0-9]+]], [[MASK:mask[0-9]+]])
// SRC: [[IDX:v[0-9]+]] = ([[IDS]]).to(tl.int64)
// SRC: [[ROW:v[0-9]+]] = tl.where({{.*}}, {{.*}}, [[IDX]])
// SRC: [[ROWS:v[0-9]+]] = _load(p1 + [[ROW]] * 128 + {{[vi][0-9]+}}, [[MASK]])
// SRC: [[HI:v[0-9]+]] = tl.load(p2 + 0)
// SRC: tl.minimum([[ROWS]], [[HI]], propagate_nan=tl.PropagateNan.ALL)
// SRC: _store(p3 +

// TTIR: tt.func public @main_graph_k0_pointwise_{{[0-9a-f]+}}
// TTIR-COUNT-3: tt.load
