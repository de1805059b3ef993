// Slices are index arithmetic inside kernels, never host kernels: a Split's extract_slice is a
// load at offset + index * stride (rank-reducing slices read the dropped dim at its offset), a
// Concat's chain of insert_slice into an empty tensor selects between masked loads (one kernel
// with the slices it inserts).
// RUN: onnx-mlir-opt %s --gpu-group-kernels | FileCheck %s --check-prefix=GROUP
// RUN: %python -m onnx_mlir.tools.onnx_mlir_triton %s --emit=source | FileCheck %s --check-prefix=SRC
// RUN: %python -m onnx_mlir.tools.onnx_mlir_triton %s --emit=ttir --target=cuda:90 | FileCheck %s --check-prefix=TTIR

#id = affine_map<(d0, d1) -> (d0, d1)>
func.func @main_graph(%x: tensor<4x10xf32>) -> (tensor<4x3xf32>, tensor<4x8xf32>) {
  %zero = arith.constant 0.0 : f32
  %a = tensor.extract_slice %x[0, 1] [4, 3] [1, 2] : tensor<4x10xf32> to tensor<4x3xf32>
  %row = tensor.extract_slice %x[2, 0] [1, 5] [1, 1] : tensor<4x10xf32> to tensor<5xf32>
  %e = tensor.empty() : tensor<4x3xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%a : tensor<4x3xf32>) outs(%e : tensor<4x3xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %zero : f32
    linalg.yield %m : f32
  } -> tensor<4x3xf32>
  %b = tensor.extract_slice %x[0, 5] [4, 5] [1, 1] : tensor<4x10xf32> to tensor<4x5xf32>
  %dest = tensor.empty() : tensor<4x8xf32>
  %i0 = tensor.insert_slice %r into %dest[0, 0] [4, 3] [1, 1] : tensor<4x3xf32> into tensor<4x8xf32>
  %i1 = tensor.insert_slice %b into %i0[0, 3] [4, 5] [1, 1] : tensor<4x5xf32> into tensor<4x8xf32>
  %i2 = tensor.insert_slice %row into %i1[3, 3] [1, 5] [1, 1] : tensor<5xf32> into tensor<4x8xf32>
  return %r, %i2 : tensor<4x3xf32>, tensor<4x8xf32>
}

// GROUP-NOT: onnx_mlir.kernel_kind = "host"
// GROUP: func.func private @main_graph_k0_pointwise
// GROUP: tensor.extract_slice
// GROUP: func.func private @main_graph_k1_pointwise
// GROUP-DAG: tensor.extract_slice %arg0[0, 5] [4, 5] [1, 1]
// GROUP-DAG: tensor.extract_slice %arg0[2, 0] [1, 5] [1, 1]
// GROUP-DAG: tensor.insert_slice
// GROUP: func.func @main_graph
// GROUP-NOT: tensor.{{extract|insert}}_slice
// GROUP: return

// SRC-NOT: runs on the CPU
// strided slice: column 1 + 2 * j of x
// SRC-LABEL: def main_graph_k0_pointwise_
// SRC: _load(p0 + [[I:i[0-9]+]] * 10 + (1 + ([[J:i[0-9]+]] * 2)), [[MASK:mask[0-9]+]])
// the concat: each insert a masked load of its source, the row of x at (2, j - 3) in row 3
// SRC-LABEL: def main_graph_k1_pointwise_
// SRC: [[IN2:m[0-9]+]] = (([[I2:i[0-9]+]] - 3) >= 0) & (([[I2]] - 3) < 1) & (([[J2:i[0-9]+]] - 3) >= 0) & (([[J2]] - 3) < 5)
// SRC: _load(p0 + 2 * 10 + ([[J2]] - 3), {{m[0-9]+}})
// SRC: _load(p0 + [[I2]] * 10 + (5 + ([[J2]] - 3)), {{m[0-9]+}})
// SRC: _load(p1 + [[I2]] * 3 + [[J2]], {{m[0-9]+}})
// SRC: tl.where([[IN2]],

// TTIR-COUNT-2: tt.func public
