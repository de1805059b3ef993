"""GPU packages: a compiled GPU model as a directory that runs without the compiler.

    onnx_mlir.compile(model, target="gpu").save("model.gpu")     # or onnx-mlir --EmitGpuPackage
    model = onnx_mlir.load("model.gpu")                           # torch + triton + numpy only
    (y,) = model.run(None, {"x": x})

A package holds ``manifest.json`` (format and compiler versions, the signature, the launch plan,
the intermediate buffers and the constants' places in the weights file), ``kernels.py`` (the
generated Triton kernels) and ``weights.bin``.  Modules (none imports MLIR or ONNX):

* ``format.py``: file names, versions, the package errors;
* ``manifest.py``: the manifest as data (read and written as JSON);
* ``buffer_plan.py``: intermediate buffers shared by values whose lifetimes do not overlap;
* ``weights.py``: the weights file (optionally 16-bit floats);
* ``writer.py``: an artifact to a package (compile side; refuses plans with CPU steps);
* ``device.py``: where the kernels run (a GPU, or Triton's interpreter);
* ``executor.py``: the plan bound to preallocated tensors, launched in order;
* ``cuda_graph.py``: the plan captured in a CUDA graph and replayed;
* ``model.py`` / ``loader.py``: the loaded model (``run(None, feeds)``) and ``load_package``.
"""

from __future__ import annotations

__all__ = ["load_package", "save_package", "is_package"]


def __getattr__(name: str):
    if name == "load_package":
        from .loader import load_package
        return load_package
    if name == "save_package":
        from .writer import save_package
        return save_package
    if name == "is_package":
        from .format import is_package
        return is_package
    raise AttributeError(name)
