"""onnx-mlir-py: an ONNX compiler in Python on MLIR.

    import onnx_mlir
    model = onnx_mlir.compile("model.onnx")          # -> CompiledModel
    outputs = model.run(None, {"x": x})              # onnxruntime-like

Importing the package is light: the importer, the passes and the MLIR execution engine load on
first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

from .errors import CompilationError, ExecutionError, InputError, OnnxImportError, OnnxMlirError

if TYPE_CHECKING:
    from mlir import ir

    from .runtime.compiled_model import CompiledModel

__all__ = ["import_model", "compile", "CompilationError", "ExecutionError", "InputError", "OnnxImportError", "OnnxMlirError"]

def import_model(model: Any, *, context: "ir.Context | None" = None) -> "ir.Module":
    """Import an ONNX model (path, bytes, text or ModelProto) into an ``onnx`` dialect module."""
    from .importer import import_model as _import_model

    return _import_model(model, context=context)


def compile(model: Any, *, target: str = "cpu", opt_level: int = 3,  # noqa: A001
            on_stage: "Callable[[str, ir.Module], None] | None" = None,
            cpu: str | None = None, extra_passes: "Mapping[str, str | Sequence[str]] | None" = None,
            **gpu_options: Any) -> "CompiledModel":
    """Compile an ONNX model (or an already imported ``ir.Module``) to native code and JIT it.

    The module is lowered in place when an ``ir.Module`` is given. ``on_stage(name, module)`` sees
    the module after each stage (see ``onnx_mlir.compiler.stage_names()``). The compiler driver
    (``onnx_mlir.compiler``) makes the artifact; the runtime loads it.

    ``target="gpu"`` compiles to Triton kernels (``GpuModel``, see docs/gpu.md); it takes the
    options ``allow_tf32`` (default False) and ``gpu_target`` (e.g. ``"cuda:90"``; default: the
    GPU present).

    ``cpu`` (CPU target) forces the ISA the code is compiled for instead of the host's: ``"avx2"``
    (x86-64-v3), ``"avx512"`` (x86-64-v4), or an LLVM CPU name with optional feature edits
    (``"skylake-avx512:-avx512f"``); default ``$ONNX_MLIR_CPU_FEATURES``, else ``"host"``.

    ``extra_passes`` runs passes at named points of the pipeline, e.g.
    ``{"after-onnx": "my-fusion", "before-bufferize": "cse"}`` (points: ``onnx_mlir.plugins.POINTS``);
    plugins (installed, or named in ``$ONNX_MLIR_PLUGINS``) are loaded first: see
    docs/extending.md.
    """
    if target == "gpu":
        if cpu is not None:
            raise TypeError("the cpu option applies to the CPU target only")
        return _compile_gpu(model, on_stage=on_stage, extra_passes=extra_passes, **gpu_options)
    if target != "cpu":
        raise ValueError(f"unsupported target '{target}' (supported: 'cpu', 'gpu')")
    if gpu_options:
        raise TypeError(f"unexpected options for the CPU target: {sorted(gpu_options)}")
    from .compiler import compile_for_cpu
    from .runtime.compiled_model import CompiledModel

    artifact = compile_for_cpu(model, on_stage=on_stage, cpu=cpu, extra_passes=extra_passes)
    return CompiledModel.load(artifact, opt_level=opt_level)


def _compile_gpu(model: Any, *, on_stage=None, allow_tf32: bool = False, gpu_target: str | None = None,
                 extra_passes=None):
    from .compiler import compile_for_gpu
    from .runtime.gpu_model import GpuModel, select_device
    from .triton_kernels.common import Target

    device = select_device()  # first: without a GPU, say how to use the interpreter
    target = Target.parse(gpu_target) if gpu_target else device.target
    artifact = compile_for_gpu(model, on_stage=on_stage, target=target, allow_tf32=allow_tf32,
                               extra_passes=extra_passes)
    return GpuModel.load(artifact, device)
