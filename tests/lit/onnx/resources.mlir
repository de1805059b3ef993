// dense_resource weights are readable by the folding passes: blobs parsed from text are decoded
// from the module's dialect_resources section (those the importer creates come from its side
// table, see resources.py in this folder).
// RUN: onnx-mlir-opt %s --onnx-constant-fold --onnx-dce | FileCheck %s

// CHECK-LABEL: func.func @transpose_weight
// CHECK:         "onnx.constant"() {value = dense<{{\[\[}}1.000000e+00, 3.000000e+00], [2.000000e+00, 4.000000e+00]]> : tensor<2x2xf32>}
// CHECK-NOT:     "onnx.transpose"
func.func @transpose_weight() -> tensor<2x2xf32> {
  %w = "onnx.constant"() {value = dense_resource<w> : tensor<2x2xf32>} : () -> tensor<2x2xf32>
  %t = "onnx.transpose"(%w) {perm = [1, 0]} : (tensor<2x2xf32>) -> tensor<2x2xf32>
  return %t : tensor<2x2xf32>
}

{-#
  dialect_resources: {
    builtin: {
      w: "0x040000000000803F000000400000404000008040"
    }
  }
#-}
