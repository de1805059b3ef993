// Col2Im and MaxUnpool: gathers with a reduction loop (no scattered writes).
// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s
// RUN: onnx-mlir-opt --convert-onnx-to-linalg --split-input-file %s | FileCheck %s --check-prefix=NOONNX
// NOONNX-NOT: "onnx.{{[a-z_0-9]+}}"(

// Col2Im: loops (n, c, h, w) x K = 4 taps; block_shape is read at run time (once, and checked
// to be positive and to multiply to the 4 taps: it divides the tap index), each tap reads one
// column entry (masked when its block does not cover the position).
// CHECK-LABEL: func.func @col2im
// CHECK:         %[[B0:.*]] = tensor.extract %arg2[%c0{{.*}}] : tensor<2xi64>
// CHECK:         %[[B1:.*]] = tensor.extract %arg2[%c1{{.*}}] : tensor<2xi64>
// CHECK:         arith.muli
// CHECK:         arith.cmpi eq
// CHECK:         scf.if
// CHECK:         %[[ZERO:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<1x1x4x4xf32>)
// CHECK:         %[[TAPS:.*]] = tensor.empty() : tensor<4xf32>
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%[[TAPS]] : tensor<4xf32>) outs(%[[ZERO]] : tensor<1x1x4x4xf32>)
// CHECK:           arith.remui
// CHECK:           %[[V:.*]] = tensor.extract %arg0[%{{.*}}, %{{.*}}, %{{.*}}] : tensor<1x4x9xf32>
// CHECK:           arith.select %{{.*}}, %[[V]], %{{.*}} : f32
// CHECK:           arith.addf
func.func @col2im(%x: tensor<1x4x9xf32>, %image: tensor<2xi64>, %block: tensor<2xi64>) -> tensor<1x1x4x4xf32> {
  %0 = "onnx.col2im"(%x, %image, %block) : (tensor<1x4x9xf32>, tensor<2xi64>, tensor<2xi64>) -> tensor<1x1x4x4xf32>
  return %0 : tensor<1x1x4x4xf32>
}

// -----

// MaxUnpool: loops (n, c, out h, out w) x (in h, in w); an output position takes the value
// whose index equals its flat position.
// CHECK-LABEL: func.func @max_unpool
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]} ins(%arg0, %arg1 : tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>) outs(%{{.*}} : tensor<1x1x4x4xf32>)
// CHECK:           %[[HIT:.*]] = arith.cmpi eq
// CHECK:           arith.select %[[HIT]]
func.func @max_unpool(%x: tensor<1x1x2x2xf32>, %i: tensor<1x1x2x2xi64>) -> tensor<1x1x4x4xf32> {
  %0 = "onnx.max_unpool"(%x, %i) {kernel_shape = [2, 2], strides = [2, 2]} : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>) -> tensor<1x1x4x4xf32>
  return %0 : tensor<1x1x4x4xf32>
}
