"""onnx-mlir-py: an ONNX compiler in Python on MLIR.

    import onnx_mlir
    model = onnx_mlir.compile("model.onnx")          # -> CompiledModel
    outputs = model.run(None, {"x": x})              # onnxruntime-like

Importing the package is light: the importer, the passes and the MLIR execution engine load on
first use.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

from .errors import CompilationError, ExecutionError, InputError, OnnxImportError, OnnxMlirError

if TYPE_CHECKING:
    from mlir import ir

    from .runtime.compiled_model import CompiledModel

__all__ = ["import_model", "compile", "load", "CompilationError", "ExecutionError", "InputError", "OnnxImportError", "OnnxMlirError"]

def import_model(model: Any, *, context: "ir.Context | None" = None) -> "ir.Module":
    """Import an ONNX model (path, bytes, text or ModelProto) into an ``onnx`` dialect module."""
    from .importer import import_model as _import_model

    return _import_model(model, context=context)


def compile(model: Any, *, target: str = "cpu", opt_level: "int | str" = "auto",  # noqa: A001
            on_stage: "Callable[[str, ir.Module], None] | None" = None,
            cpu: str | None = None,
            input_shapes: "Mapping[str | int, Sequence[int]] | None" = None,
            cache: bool | None = None, verbose: bool = False, profile: bool | None = None,
            num_threads: int | None = None,
            extra_passes: "Mapping[str, str | Sequence[str]] | None" = None,
            **gpu_options: Any) -> "CompiledModel":
    """Compile an ONNX model (or an already imported ``ir.Module``) to native code and JIT it.

    The module is lowered in place when an ``ir.Module`` is given. ``on_stage(name, module)`` sees
    the module after each stage (see ``onnx_mlir.compiler.stage_names()``). The compiler driver
    (``onnx_mlir.compiler``) makes the artifact; the runtime loads it.

    ``target="gpu"`` compiles to Triton kernels (``GpuModel``, see docs/gpu.md); it takes the
    options ``allow_tf32`` (default False) and ``gpu_target`` (e.g. ``"cuda:90"``; default: the
    GPU present). With ``gpu_target`` given, a host without a GPU compiles a model that
    ``save(dir)`` writes as a GPU package (``onnx_mlir.load(dir)`` runs it elsewhere).

    ``cpu`` (CPU target) forces the ISA the code is compiled for instead of the host's: ``"avx2"``
    (x86-64-v3), ``"avx512"`` (x86-64-v4), or an LLVM CPU name with optional feature edits
    (``"skylake-avx512:-avx512f"``); default ``$ONNX_MLIR_CPU_FEATURES``, else ``"host"``.

    ``input_shapes`` fixes dynamic input dims at compile time (``{"x": [1, 3, 320, 320]}``; an
    input may also be named by its position, and -1 keeps a dim dynamic); the compiled model then
    rejects other shapes with ``InputError`` (see ``importer/input_shapes.py``).

    ``opt_level`` (CPU target): LLVM's optimisation level of every function, 0-3, or ``"auto"``:
    the kernels (each loop nest is a function of its own) at 2, the glue that calls them and any
    function too large for LLVM's optimiser to handle in about linear time at 0
    (``compiler/opt_level.py``).

    ``cache`` (CPU target): reuse the library of an earlier compile of the same model, compiler,
    options and CPU, and store this one (``compiler/cache.py``; default: on unless
    ``ONNX_MLIR_CACHE=0``; never for an ``ir.Module`` or with ``on_stage``). ``verbose`` prints
    each stage with its time on stderr as it finishes, the JIT step and the cache's outcome.

    ``profile=True`` (default: ``$ONNX_MLIR_PROFILE`` is 1/true/yes/on) makes the code time each
    ONNX node at run time: ``model.profile()`` returns the rows (op type, node, shape, ms per run,
    %, calls), ``model.print_profile()`` prints them; ``model.reset_profile()`` drops warm-up runs.

    ``num_threads`` (CPU target): how many threads the compiled code runs on; default
    ``$ONNX_MLIR_NUM_THREADS``, else the cores this process may use. 1 makes plain
    single-threaded code (no async runtime).

    ``extra_passes`` runs passes at named points of the pipeline, e.g.
    ``{"after-onnx": "my-fusion", "before-bufferize": "cse"}`` (points: ``onnx_mlir.plugins.POINTS``);
    plugins (installed, or named in ``$ONNX_MLIR_PLUGINS``) are loaded first: see
    docs/extending.md.
    """
    if profile is None:
        profile = _env_flag("ONNX_MLIR_PROFILE") and target == "cpu"
    if input_shapes is not None:
        model = _specialized(model, input_shapes)
    if target == "gpu":
        if cpu is not None or profile or num_threads is not None:
            raise TypeError("the cpu, profile and num_threads options apply to the CPU target only")
        return _compile_gpu(model, on_stage=on_stage, extra_passes=extra_passes, **gpu_options)
    if target != "cpu":
        raise ValueError(f"unsupported target '{target}' (supported: 'cpu', 'gpu')")
    if gpu_options:
        raise TypeError(f"unexpected options for the CPU target: {sorted(gpu_options)}")
    from .compiler import opt_level as levels
    from .compiler.cache import compile_cached, enabled
    from .compiler.progress import Progress

    from .lowering.cpu import threads

    levels.check(opt_level)
    progress = Progress.verbose(verbose)

    def compile_fresh() -> "CompiledModel":
        from .compiler import compile_for_cpu
        from .runtime.compiled_model import CompiledModel

        progress.restart_stage_clock()
        artifact = compile_for_cpu(model, on_stage=progress.stage_hook(on_stage) if verbose else on_stage,
                                   cpu=cpu, profile=bool(profile),
                                   num_threads=num_threads, extra_passes=extra_passes)
        level = levels.resolve(opt_level, artifact.module)
        with progress.timed(f"jit ({levels.label(opt_level, level)})"):
            return CompiledModel.load(artifact, opt_level=level)

    # Not cached: a profiled compile (its library's calling convention differs), and compiles
    # that run passes the key cannot see (extra passes, loaded plugins).
    if on_stage is None and not profile and not extra_passes and not _plugin_passes() \
            and enabled(cache):
        return compile_cached(model, compile_fresh, opt_level=opt_level, cpu=cpu,
                              num_threads=threads.resolve(num_threads), report=progress.note)
    return compile_fresh()


def load(path: "str | os.PathLike[str]", *, weights: "str | os.PathLike[str] | None" = None,
         verify_weights: bool = True, cuda_graph: bool | None = None,
         device: str | None = None) -> "CompiledModel":
    """The model saved at ``path``, run without the compiler:

    * a shared library that ``CompiledModel.save`` or ``onnx-mlir --EmitLib`` wrote: a
      :class:`CompiledModel` (its signature and run-time check table are embedded in it);
      :class:`onnx_mlir.runtime.library.LibraryError` for any other file. The model's large
      constants are in its weights file, ``path`` with the suffix ``.weights`` (or ``weights``),
      mapped read-only; ``verify_weights`` checks its contents against the SHA-256 the library
      records (one read of the file; its header is always checked). A missing, foreign,
      truncated or damaged file raises :class:`onnx_mlir.runtime.weights_file.WeightsError`;
    * a GPU package directory that ``GpuModel.save`` or ``onnx-mlir --EmitGpuPackage`` wrote:
      a model with the same ``run(None, feeds)`` that needs only torch, Triton and numpy (no MLIR,
      no ONNX; see docs/gpu.md). ``cuda_graph`` (default: on for a CUDA device) replays the
      whole plan as one CUDA graph; ``device``: ``"cuda"``/``"cuda:1"``, or ``"cpu"`` for
      Triton's interpreter (default: the GPU present, else the interpreter under
      ``TRITON_INTERPRET=1``). A package of another compiler or format version raises
      :class:`onnx_mlir.runtime.gpu_package.format.PackageVersionError`.
    """
    if os.path.isdir(path):
        if weights is not None:
            raise TypeError("weights applies to CPU libraries (files) only")
        from .runtime.gpu_package.loader import load_package

        return load_package(path, cuda_graph=cuda_graph, device=device)
    if cuda_graph is not None or device is not None:
        raise TypeError("cuda_graph and device apply to GPU packages (directories) only")
    from .runtime.loader import load_library

    return load_library(path, weights=weights, verify_weights=verify_weights)


def _specialized(model: Any, input_shapes: "Mapping[str | int, Sequence[int]]") -> Any:
    from mlir import ir as _ir

    from .importer.input_shapes import specialize_input_shapes

    if isinstance(model, _ir.Module):
        raise TypeError("input_shapes applies to ONNX models, not to an imported ir.Module")
    return specialize_input_shapes(model, input_shapes)


def _plugin_passes() -> bool:
    """Whether loaded plugins add passes to every compile (the cache key cannot see them)."""
    from .plugins import ensure_loaded
    from .plugins.registry import point_passes

    ensure_loaded()
    return bool(point_passes())


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def _compile_gpu(model: Any, *, on_stage=None, allow_tf32: bool = False, gpu_target: str | None = None,
                 extra_passes=None):
    from .compiler import compile_for_gpu
    from .runtime.gpu_model import GpuModel, select_device
    from .triton_kernels.common import Target

    from .runtime.gpu_model import GpuRuntimeError

    try:
        device = select_device()  # first: without a GPU, say how to use the interpreter
    except GpuRuntimeError:
        if gpu_target is None:
            raise
        device = None  # an explicit target: compiled here to be saved, run elsewhere
    target = Target.parse(gpu_target) if gpu_target else device.target
    artifact = compile_for_gpu(model, on_stage=on_stage, target=target, allow_tf32=allow_tf32,
                               extra_passes=extra_passes)
    return GpuModel(artifact, device)
