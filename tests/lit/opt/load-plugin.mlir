// --load-plugin takes a .py file, a package folder or a module name; the plugin's passes and
// pipelines run like the project's, and are listed with their options.
// RUN: onnx-mlir-opt %s --load-plugin=%S/Inputs/test_plugin.py --test-plugin-tag | FileCheck %s
// RUN: onnx-mlir-opt %s --load-plugin %S/Inputs/test_plugin.py --test-plugin-pipeline | FileCheck %s --check-prefix=PIPE
// RUN: env ONNX_MLIR_PLUGINS=%S/Inputs/test_plugin.py onnx-mlir-opt %s --test-plugin-tag='tag=env' | FileCheck %s --check-prefix=ENV
// RUN: onnx-mlir-opt --load-plugin=%S/Inputs/test_plugin.py --help | FileCheck %s --check-prefix=HELP
// RUN: not onnx-mlir-opt %s --load-plugin=no_such_plugin_module 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not onnx-mlir-opt %s --load-plugin=%S/Inputs/broken_plugin.py 2>&1 | FileCheck %s --check-prefix=BROKEN

// CHECK: module attributes {test.tagged}
// PIPE: module attributes {test.piped}
// ENV: module attributes {test.env}
// HELP: --test-plugin-tag {{ *}}Tag the module (test plugin)
// HELP-NEXT: tag=<str> {{ *}}default: tagged
// HELP: --test-plugin-pipeline {{ *}}The test plugin's pipeline
// MISSING: onnx-mlir-opt: error: cannot load plugin 'no_such_plugin_module': no module named 'no_such_plugin_module'
// BROKEN: onnx-mlir-opt: {{.*}}broken_plugin.py:6: error: plugin '{{.*}}broken_plugin.py': RuntimeError: cannot register (in register)
// BROKEN-NOT: Traceback
func.func @f() {
  return
}
