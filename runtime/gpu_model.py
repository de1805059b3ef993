"""``GpuModel``: the GPU target's compiled model (Triton kernels launched from Python in order).

``onnx_mlir.compile(model, target="gpu")`` returns one.  It has the interface of
:class:`~onnx_mlir.runtime.compiled_model.CompiledModel` (``run(None, feeds)``, ``get_inputs``...)
and takes numpy arrays or torch tensors: with torch inputs the outputs are torch tensors on the
same device, with numpy inputs numpy arrays.

Building one: ``gpu-group-kernels`` outlines the kernels, the generator writes all their sources
into one content-hashed file under the cache directory (``$ONNX_MLIR_TRITON_CACHE``, default
``~/.cache/onnx_mlir/triton``, owner-only and content-checked: ``kernel_cache.py``) which is
imported (Triton needs kernels defined in a file).  The
launch plan is read from ``@main_graph``: constants are uploaded once, ``func.call`` launches a
kernel (results allocated with ``torch.empty``), ``tensor.collapse_shape``/``expand_shape`` are
reshapes.  Kernels the generator cannot express (and ``host`` groups) run with the CPU backend on
copies of their inputs, after a warning that names the kernel and the reason.

Without a GPU, set ``TRITON_INTERPRET=1`` before anything imports Triton: the kernels then run in
Triton's interpreter on CPU tensors (slow, for testing).
"""

from __future__ import annotations

import os
import re
import warnings
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

import numpy as np
from mlir import ir

from ..dialects.dense_elements import dense_elements_to_numpy
from ..errors import CompilationError, InputError, OnnxMlirError
from ..triton_kernels.common import ELEMENT_TYPES, Target
from .compiled_model import CompiledModel, TensorInfo, find_entry, read_signature
from .kernel_cache import cache_dir, load_source  # noqa: F401 - cache_dir: public name kept here


class GpuRuntimeError(OnnxMlirError):
    """The GPU runtime cannot run here (no GPU and no interpreter, missing Triton/torch)."""


# ---------------------------------------------------------------------------------------------
# Constants


def _resources(module: ir.Module) -> dict[str, bytes]:
    """Blobs of the module's ``dense_resource`` attributes (name -> bytes, alignment dropped)."""
    text = module.operation.get_asm(large_elements_limit=None)
    start = text.rfind("{-#")
    blobs = {}
    if start < 0:
        return blobs
    for match in re.finditer(r'^\s*("(?:[^"\\]|\\.)*"|[^\s:]+)\s*:\s*"0x([0-9A-Fa-f]*)"', text[start:], re.M):
        key = match.group(1)
        if key.startswith('"'):
            key = key[1:-1]
        blobs[key] = bytes.fromhex(match.group(2))[4:]
    return blobs


def _elem(t: ir.Type) -> str:
    return str(ir.ShapedType(t).element_type)


def constant_array(op: ir.Operation, resources: Callable[[], dict[str, bytes]]):
    """A torch CPU tensor holding an ``arith.constant`` tensor value."""
    import torch

    t = op.results[0].type
    shape = list(ir.ShapedType(t).shape)
    elem = _elem(t)
    if elem not in ELEMENT_TYPES:
        raise CompilationError(f"constants of type {elem} are not supported by the GPU runtime")
    torch_dtype = getattr(torch, ELEMENT_TYPES[elem][2])
    attr = op.attributes["value"]
    if str(attr).startswith("dense_resource<"):
        name = str(attr).split("<", 1)[1].split(">", 1)[0].strip('"')
        blob = resources().get(name)
        if blob is None:
            raise CompilationError(f"the weights '{name}' are missing from the module")
        raw = torch.frombuffer(bytearray(blob), dtype=torch.uint8) if blob else torch.empty(0, dtype=torch.uint8)
        return raw.view(torch_dtype).reshape(shape).clone()
    try:
        array = np.ascontiguousarray(dense_elements_to_numpy(attr))
    except (TypeError, ValueError) as error:
        raise CompilationError(f"cannot read a dense constant of type {t}: {error}") from None
    if elem == "bf16":  # torch takes no ml_dtypes array: reinterpret the bits
        return torch.from_numpy(array.view(np.uint16)).view(torch.bfloat16)
    return torch.from_numpy(array).to(torch_dtype)


# ---------------------------------------------------------------------------------------------
# The launch plan


@dataclass
class _Launch:
    name: str
    kernel: Any  # the @triton.jit function, or a host callable
    inputs: list[int]
    outputs: list[int]
    out_specs: list[tuple[list[int], str]]
    grid: tuple[int, ...] = ()
    constexprs: dict | None = None
    num_warps: int = 4
    num_stages: int = 2
    host: bool = False


@dataclass
class _View:
    src: int
    dst: int
    shape: list[int]


class _HostKernel:
    """A kernel function compiled by the CPU backend, called on host copies of its inputs."""

    def __init__(self, fn: ir.Operation):
        from ..lowering.cpu.pipeline import lower_to_llvm
        from .jit import JitFunction, function_specs

        module = ir.Module.parse(f"module {{\n{fn}\n}}", fn.context)
        (copy,) = [op.operation for op in module.body.operations]
        # the entry the CPU backend expects: renamed through the attribute, whatever the symbol holds
        with fn.context:
            copy.attributes["sym_name"] = ir.StringAttr.get("main_graph")
        if "sym_visibility" in copy.attributes:
            del copy.attributes["sym_visibility"]
        specs_in, specs_out = function_specs(find_entry(module))
        lower_to_llvm(module)
        self.jit = JitFunction(module, specs_in, specs_out)

    def __call__(self, *tensors):
        import torch

        arrays = [t.detach().cpu().numpy() for t in tensors]
        return [torch.from_numpy(np.ascontiguousarray(r)) for r in self.jit(*arrays)]


def _zero_stride(shape, dtype) -> np.ndarray:
    return np.lib.stride_tricks.as_strided(np.zeros(1, dtype=dtype), shape=tuple(shape),
                                           strides=(0,) * len(shape))


class GpuModel(CompiledModel):
    """Run a model compiled for the GPU: ``model.run(None, {"x": array_or_tensor})``."""

    def __init__(self, steps: list, n_slots: int, input_slots: list[int], output_slots: list[int],
                 constants: dict[int, Any], inputs: Sequence[TensorInfo], outputs: Sequence[TensorInfo],
                 device: str, source: str, kernels: dict):
        super().__init__(None, inputs, outputs)  # type: ignore[arg-type]
        self._steps = steps
        self._n_slots = n_slots
        self._input_slots = input_slots
        self._output_slots = output_slots
        self._constants = constants
        self.device = device
        self.source = source
        self.kernels = kernels

    @classmethod
    def from_linalg(cls, module: ir.Module, *, signature=None, target: Target | None = None,
                    allow_tf32: bool = False,
                    on_stage: Callable[[str, ir.Module], None] | None = None, **_: Any) -> "GpuModel":
        """Group, generate and load the kernels of a linalg-on-tensors module (changed in place)."""
        try:
            import torch
        except ImportError as exc:  # pragma: no cover - the gpu extra is missing
            raise GpuRuntimeError("the GPU target needs torch and triton (pip install 'onnx-mlir-py[gpu]')") from exc
        interpret = os.environ.get("TRITON_INTERPRET", "0") not in ("", "0")
        if torch.cuda.is_available() and not interpret:
            device = "cuda"
        elif interpret:
            device = "cpu"
        else:
            raise GpuRuntimeError("no GPU is available: set TRITON_INTERPRET=1 (before Triton is "
                                  "imported) to run the kernels in Triton's interpreter on the CPU")
        if target is None and device == "cuda":
            major, minor = torch.cuda.get_device_capability()
            target = Target("hip", torch.cuda.get_device_properties(0).gcnArchName.split(":")[0], 64) \
                if torch.version.hip else Target("cuda", major * 10 + minor, 32)
        from ..lowering.gpu.grouping import group_module
        from ..lowering.gpu.pipeline import annotate, check_symbol_names, generate, source_file

        check_symbol_names(module)
        inputs, outputs = signature or read_signature(module)
        group_module(module)
        if on_stage is not None:
            on_stage("gpu-kernels", module)
        kernels = generate(module, target or Target(), allow_tf32, warn=False)
        annotate(module, kernels)
        if on_stage is not None:
            on_stage("triton", module)
        source = source_file(kernels)
        py = load_source(source)
        return cls._plan(module, kernels, py, inputs, outputs, device, source)

    @classmethod
    def _plan(cls, module, kernels, py, inputs, outputs, device, source) -> "GpuModel":
        import torch

        entry = find_entry(module)
        functions = {ir.StringAttr(op.operation.attributes["sym_name"]).value: op.operation
                     for op in module.body.operations if op.operation.name == "func.func"}
        values: list[ir.Value] = []

        def slot(v: ir.Value) -> int:
            for i, w in enumerate(values):
                if w == v:
                    return i
            values.append(v)
            return len(values) - 1

        blobs: dict[str, bytes] | None = None

        def resources():
            nonlocal blobs
            if blobs is None:
                blobs = _resources(module)
            return blobs

        block = entry.regions[0].blocks[0]
        input_slots = [slot(a) for a in block.arguments]
        steps: list = []
        constants: dict[int, Any] = {}
        output_slots: list[int] = []
        for op in block.operations:
            op = op.operation
            name = op.name
            if name == "arith.constant":
                constants[slot(op.results[0])] = constant_array(op, resources).to(device)
            elif name in ("tensor.collapse_shape", "tensor.expand_shape"):
                steps.append(_View(slot(op.operands[0]), slot(op.results[0]),
                                   list(ir.ShapedType(op.results[0].type).shape)))
            elif name == "func.call":
                callee = ir.FlatSymbolRefAttr(op.attributes["callee"]).value
                specs = [(list(ir.ShapedType(r.type).shape), ELEMENT_TYPES[_elem(r.type)][2])
                         if _elem(r.type) in ELEMENT_TYPES else None for r in op.results]
                k = kernels.get(callee)
                ins = [slot(v) for v in op.operands]
                outs = [slot(r) for r in op.results]
                if k is None or isinstance(k, str):
                    reason = k or "no Triton kernel"
                    warnings.warn(f"onnx-mlir GPU: kernel @{callee} runs on the CPU: {reason}",
                                  RuntimeWarning, stacklevel=3)
                    steps.append(_Launch(callee, _HostKernel(functions[callee]), ins, outs, specs, host=True))
                else:
                    if any(s is None for s in specs):
                        raise CompilationError(f"kernel @{callee} has a result type the GPU runtime cannot hold")
                    steps.append(_Launch(callee, getattr(py, k.name), ins, outs, specs, k.grid,
                                         k.constexprs, k.num_warps, k.num_stages))
            elif name == "func.return":
                output_slots = [slot(v) for v in op.operands]
            elif name == "tensor.empty":
                shape = list(ir.ShapedType(op.results[0].type).shape)
                constants[slot(op.results[0])] = torch.zeros(
                    shape, dtype=getattr(torch, ELEMENT_TYPES[_elem(op.results[0].type)][2]), device=device)
            else:
                raise CompilationError(f"'{name}' in @main_graph is not supported by the GPU runtime")
        del torch
        return cls(steps, len(values), input_slots, output_slots, constants, inputs, outputs, device,
                   source, kernels)

    # ---- running

    def _execute(self, tensors: list) -> list:
        import torch

        env: list = [None] * self._n_slots
        for s, t in self._constants.items():
            env[s] = t
        for s, t in zip(self._input_slots, tensors):
            env[s] = t
        for step in self._steps:
            if isinstance(step, _View):
                env[step.dst] = env[step.src].reshape(step.shape)
                continue
            args = [env[i].contiguous() for i in step.inputs]
            if step.host:
                results = step.kernel(*args)
                for s, r in zip(step.outputs, results):
                    env[s] = r.to(self.device)
                continue
            outs = [torch.empty(shape, dtype=getattr(torch, dt), device=self.device)
                    for shape, dt in step.out_specs]
            step.kernel[step.grid](*args, *outs, **step.constexprs, num_warps=step.num_warps,
                                   num_stages=step.num_stages)
            for s, r in zip(step.outputs, outs):
                env[s] = r
        return [env[s] for s in self._output_slots]

    def run(self, output_names: Sequence[str] | None, feeds: Mapping[str, Any]) -> list:
        """Outputs named in ``output_names`` (all when None); numpy in -> numpy out, torch -> torch."""
        import torch

        names = self.output_names
        if output_names is not None:
            unknown = [n for n in output_names if n not in names]
            if unknown:
                raise InputError(f"unknown output name(s) {unknown}; the model's outputs are {names}")
        if not isinstance(feeds, Mapping):
            raise InputError(f"feeds must be a dict of input name -> array, got {type(feeds).__name__}")
        as_torch = any(isinstance(v, torch.Tensor) for v in feeds.values())
        shadow = {k: (_zero_stride(v.shape, str(v.dtype).replace("torch.", "")) if isinstance(v, torch.Tensor)
                      else v) for k, v in feeds.items()}
        self._validate(shadow)  # names, dtypes and shapes, before any kernel runs
        tensors = []
        for info in self._inputs:
            v = feeds[info.name]
            t = v if isinstance(v, torch.Tensor) else torch.from_numpy(np.ascontiguousarray(np.asarray(v)))
            tensors.append(t.to(self.device))
        results = self._execute(tensors)
        if not as_torch:
            results = [r.detach().cpu().numpy() for r in results]
        if output_names is None:
            return results
        return [results[names.index(n)] for n in output_names]

    __call__ = run

    def save(self, path: str) -> str:
        raise OnnxMlirError("GPU models cannot be saved as a shared library; see model.source for the kernels")
