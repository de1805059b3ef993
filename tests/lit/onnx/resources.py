# Weights above 1024 elements are imported as dense_resource blobs, which the MLIR Python
# bindings cannot read back; the importer records their arrays in a side table so that
# onnx-constant-fold can evaluate ops on them (here Transpose + Mul of a 40x30 weight), and the
# folded result (1200 elements) is a dense_resource again. The numbers are checked too.
# RUN: %python %s | FileCheck %s

import numpy as np
from onnx import TensorProto, helper, numpy_helper

import onnx_mlir
from onnx_mlir.dialects.resources import resource_array
from onnx_mlir.compiler import lower_onnx_module

w = np.arange(1200, dtype=np.float32).reshape(40, 30)
graph = helper.make_graph(
    [helper.make_node("Transpose", ["w"], ["wt"], perm=[1, 0]),
     helper.make_node("Mul", ["wt", "two"], ["w2"]),
     helper.make_node("MatMul", ["x", "w2"], ["y"])],
    "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 30])],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2, 40])],
    [numpy_helper.from_array(w, "w"), numpy_helper.from_array(np.float32(2.0), "two")])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18)])
module = onnx_mlir.import_model(model)
lower_onnx_module(module, upto="onnx")
print(module.operation.get_asm(large_elements_limit=16))
# CHECK: func.func @main_graph
# CHECK: %[[W:.*]] = "onnx.constant"() {value = dense_resource<{{.*}}> : tensor<30x40xf32>}
# CHECK-NEXT: "onnx.mat_mul"(%arg0, %[[W]])
# CHECK-NOT: "onnx.transpose"
constant = next(op for op in module.body.operations[0].regions[0].blocks[0].operations
                if op.operation.name == "onnx.constant")
folded = resource_array(constant.operation.attributes["value"])
print("folded matches:", np.array_equal(folded, w.T * 2))
# CHECK: folded matches: True
