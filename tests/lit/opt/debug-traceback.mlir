// An exception in a plugin's pass is reported at the plugin's file and line (exit 2), without a
// traceback unless --debug-traceback or ONNX_MLIR_TRACEBACK=1 asks for it.
// RUN: not onnx-mlir-opt %s --load-plugin=%S/Inputs/test_plugin.py --test-plugin-raise 2>&1 | FileCheck %s
// RUN: not onnx-mlir-opt %s --load-plugin=%S/Inputs/test_plugin.py --test-plugin-raise --debug-traceback 2>&1 | FileCheck %s --check-prefix=TRACE
// RUN: env ONNX_MLIR_TRACEBACK=1 not onnx-mlir-opt %s --load-plugin=%S/Inputs/test_plugin.py --test-plugin-raise 2>&1 | FileCheck %s --check-prefix=TRACE

// CHECK-NOT: Traceback
// CHECK: onnx-mlir-opt: {{.*}}test_plugin.py:30: error: plugin 'test_plugin': ValueError: bad value in the plugin (in run)
// CHECK-NOT: internal error
// TRACE: Traceback (most recent call last):
// TRACE: test_plugin.py", line 30, in run
// TRACE: ValueError: bad value in the plugin
// TRACE: onnx-mlir-opt: {{.*}}test_plugin.py:30: error: plugin 'test_plugin'
func.func @f() {
  return
}
