"""lit configuration of the example plugin's FileCheck tests (``lit -sv examples/plugin/tests/lit``).

The plugin is found through its entry point (``pip install examples/plugin``), exactly as a user's
installed plugin would be: the RUN lines name no plugin.
"""

import os
import sys

import lit.formats

config.name = "onnx-mlir-gelu-example"
config.test_format = lit.formats.ShTest()
config.suffixes = [".mlir", ".onnxtxt"]
config.test_source_root = os.path.dirname(__file__)
config.environment["PATH"] = os.pathsep.join([os.path.dirname(sys.executable),
                                              config.environment.get("PATH", os.defpath)])
for name in ("PYTHONPATH", "HOME", "TMPDIR"):
    if name in os.environ:
        config.environment[name] = os.environ[name]

_py = sys.executable
config.substitutions.append((r"(?<![\w/.-])onnx-mlir-opt(?![\w-])", f"{_py} -m onnx_mlir.tools.onnx_mlir_opt"))
config.substitutions.append((r"(?<![\w/.-])onnx-mlir(?![\w-])", f"{_py} -m onnx_mlir.tools.onnx_mlir_driver"))
config.substitutions.append((r"(?<![\w/.-])FileCheck(?![\w-])", "filecheck"))
