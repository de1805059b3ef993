"""``CompiledModel``: a JIT-compiled model with an onnxruntime-like interface."""

from __future__ import annotations

from typing import Callable

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import numpy as np
from mlir import ir

from ..dialects.onnx_types import numpy_dtype, ort_type
from ..errors import CompilationError, InputError
from .jit import JitFunction, TensorSpec, function_specs, read_runtime_checks, tensor_spec

# Attribute of a public function's argument/result holding its element type when the signature
# itself was made signless (cpu-signless-types): e.g. ui8 for a tensor<4xi8> argument.
ELEMENT_TYPE_ATTR = "onnx.element_type"
# Argument attribute of the status buffer that run-time checks add after the inputs.
STATUS_ATTR = "onnx_mlir.status"

@dataclass(frozen=True)
class TensorInfo:
    """Name, shape and element type of a model input or output (like onnxruntime's NodeArg).

    ``shape`` holds ints for static dims, the dim_param string for symbolic dims and ``None`` for
    unnamed dynamic dims.
    """

    name: str
    shape: tuple[int | str | None, ...]
    dtype: np.dtype

    @property
    def type(self) -> str:
        return ort_type(self.dtype)


def _attr_dicts(func: ir.Operation, key: str, count: int) -> list[dict[str, ir.Attribute]]:
    if key not in func.attributes:
        return [{} for _ in range(count)]
    out = []
    for d in ir.ArrayAttr(func.attributes[key]):
        d = ir.DictAttr(d)
        out.append({d[i].name: d[i].attr for i in range(len(d))})
    return out


def _infos(types: list[ir.Type], attrs: list[dict[str, ir.Attribute]], prefix: str,
           what: str) -> list[TensorInfo]:
    infos = []
    for i, (t, a) in enumerate(zip(types, attrs)):
        name = ir.StringAttr(a["onnx.name"]).value if "onnx.name" in a else f"{prefix}{i}"
        try:
            spec = tensor_spec(t)
            if ELEMENT_TYPE_ATTR in a:  # the original (unsigned) type of a signless signature
                spec = TensorSpec(numpy_dtype(ir.TypeAttr(a[ELEMENT_TYPE_ATTR]).value), spec.shape)
        except TypeError as exc:
            raise CompilationError(f"{what} '{name}' has type {t}, which the CPU runtime does not "
                                   f"support ({exc})") from None
        params = [ir.StringAttr(p).value for p in ir.ArrayAttr(a["onnx.dim_params"])] \
            if "onnx.dim_params" in a else [""] * len(spec.shape)
        shape = tuple(d if d is not None else (params[k] or None) for k, d in enumerate(spec.shape))
        infos.append(TensorInfo(name, shape, spec.dtype))
    return infos


def find_entry(module: ir.Module, name: str = "main_graph") -> ir.Operation:
    for op in module.body.operations:
        if op.operation.name == "func.func" and ir.StringAttr(op.attributes["sym_name"]).value == name:
            return op.operation
    raise ValueError(f"module has no function @{name}")


def read_signature(module: ir.Module, entry: str = "main_graph") -> tuple[list[TensorInfo], list[TensorInfo]]:
    """Inputs and outputs of ``@entry`` from its types and ``onnx.name``/``onnx.dim_params`` attributes.

    Must be called before bufferization (the attributes and tensor types describe the model).
    """
    func = find_entry(module, entry)
    ftype = ir.FunctionType(ir.TypeAttr(func.attributes["function_type"]).value)
    ins, outs = list(ftype.inputs), list(ftype.results)
    in_attrs = _attr_dicts(func, "arg_attrs", len(ins))
    model_inputs = [i for i, a in enumerate(in_attrs) if STATUS_ATTR not in a]  # not the status buffer
    return (_infos([ins[i] for i in model_inputs], [in_attrs[i] for i in model_inputs], "input_", "input"),
            _infos(outs, _attr_dicts(func, "res_attrs", len(outs)), "output_", "output"))


class CompiledModel:
    """Run a compiled model: ``model.run(None, {"x": array})`` returns the outputs as numpy arrays."""

    def __init__(self, jit: JitFunction, inputs: Sequence[TensorInfo], outputs: Sequence[TensorInfo]):
        self._jit = jit
        self._inputs = list(inputs)
        self._outputs = list(outputs)

    @classmethod
    def from_linalg(cls, module: ir.Module, *, opt_level: int = 3,
                    signature: tuple[list[TensorInfo], list[TensorInfo]] | None = None,
                    on_stage: Callable[[str, ir.Module], None] | None = None,
                    cpu: str | None = None) -> "CompiledModel":
        """Lower a linalg-on-tensors module to LLVM (in place) and JIT it.

        ``signature`` is read from the module when not given (give it when the names and dim params
        come from an earlier form of the module).
        """
        from ..lowering.cpu.pipeline import lower_to_llvm

        inputs, outputs = signature or read_signature(module)
        specs_in, specs_out = function_specs(find_entry(module))
        # The signature's dtypes win: unsigned ONNX types are signless integers in linalg.
        specs_in = [TensorSpec(i.dtype, s.shape) for i, s in zip(inputs, specs_in)]
        specs_out = [TensorSpec(o.dtype, s.shape) for o, s in zip(outputs, specs_out)]
        checks = read_runtime_checks(module)
        lower_to_llvm(module, on_stage=on_stage, cpu=cpu)  # cpu: lowering/cpu/target.py
        return cls(JitFunction(module, specs_in, specs_out, opt_level=opt_level, checks=checks),
                   inputs, outputs)

    # ---- onnxruntime-like accessors

    def get_inputs(self) -> list[TensorInfo]:
        return list(self._inputs)

    def get_outputs(self) -> list[TensorInfo]:
        return list(self._outputs)

    @property
    def input_names(self) -> list[str]:
        return [i.name for i in self._inputs]

    @property
    def output_names(self) -> list[str]:
        return [o.name for o in self._outputs]

    # ---- running

    def _validate(self, feeds: Mapping[str, Any]) -> list[np.ndarray]:
        """Check feeds against the signature (before any native code runs); return them in order."""
        if not isinstance(feeds, Mapping):
            raise InputError(f"feeds must be a dict of input name -> numpy array, got {type(feeds).__name__}")
        expected = self.input_names
        unknown = [n for n in feeds if n not in expected]
        if unknown:
            raise InputError(f"unknown input name(s) {unknown}; the model's inputs are {expected}")
        missing = [n for n in expected if n not in feeds]
        if missing:
            raise InputError(f"missing input(s) {missing}; the model's inputs are {expected}")
        bound: dict[str, tuple[int, str]] = {}  # dim param -> (size, where it was bound)
        arrays = []
        for info in self._inputs:
            value = feeds[info.name]
            array = value if isinstance(value, np.ndarray) else np.asarray(value)
            if array.dtype != info.dtype:
                raise InputError(f"input '{info.name}': expected element type {info.type} ({info.dtype}), "
                                 f"got {array.dtype}")
            if array.ndim != len(info.shape):
                raise InputError(f"input '{info.name}': expected rank {len(info.shape)} "
                                 f"(shape {list(info.shape)}), got rank {array.ndim} (shape {list(array.shape)})")
            for axis, (want, got) in enumerate(zip(info.shape, array.shape)):
                if isinstance(want, int) and want != got:
                    raise InputError(f"input '{info.name}': axis {axis} has size {got}, expected {want} "
                                     f"(model shape {list(info.shape)}, got shape {list(array.shape)})")
                if isinstance(want, str):
                    if want in bound and bound[want][0] != got:
                        size, where = bound[want]
                        raise InputError(f"input '{info.name}': axis {axis} ('{want}') has size {got}, "
                                         f"expected {size} (the size of '{want}' in {where}; "
                                         f"got shape {list(array.shape)})")
                    bound.setdefault(want, (got, f"input '{info.name}' axis {axis}"))
            arrays.append(array)
        return arrays

    def run(self, output_names: Sequence[str] | None, feeds: Mapping[str, Any]) -> list[np.ndarray]:
        """Outputs named in ``output_names`` (all when None), computed from ``feeds``."""
        names = self.output_names
        if output_names is not None:
            unknown = [n for n in output_names if n not in names]
            if unknown:
                raise InputError(f"unknown output name(s) {unknown}; the model's outputs are {names}")
        arrays = self._validate(feeds)
        results = self._jit(*arrays)
        if output_names is None:
            return results
        return [results[names.index(n)] for n in output_names]

    __call__ = run

    # ---- ahead-of-time output

    def save(self, path: str) -> str:
        """Write the compiled code as a shared library exporting ``_mlir_ciface_main_graph``."""
        from .aot import link_engine
        return link_engine(self._jit.engine, path)

