"""``CompiledModel``: a JIT-compiled model with an onnxruntime-like interface."""

from __future__ import annotations

from typing import Any, Mapping, Sequence

import numpy as np

from ..errors import InputError
from .artifact import CpuArtifact, TensorInfo
from .jit import JitFunction

__all__ = ["CompiledModel", "TensorInfo"]


class CompiledModel:
    """Run a compiled model: ``model.run(None, {"x": array})`` returns the outputs as numpy arrays."""

    def __init__(self, jit: JitFunction, inputs: Sequence[TensorInfo], outputs: Sequence[TensorInfo]):
        self._jit = jit
        self._inputs = list(inputs)
        self._outputs = list(outputs)

    @classmethod
    def load(cls, artifact: CpuArtifact, *, opt_level: int = 3) -> "CompiledModel":
        """JIT-compile a CPU artifact (``onnx_mlir.compiler.compile_for_cpu``) at ``opt_level``."""
        return cls(JitFunction(artifact, opt_level=opt_level), artifact.inputs, artifact.outputs)

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
        return link_engine(self._jit.engine, path, self._jit.libraries)

