"""``CompiledModel``: a JIT-compiled model with an onnxruntime-like interface."""

from __future__ import annotations

from typing import Any, Mapping, Sequence

import numpy as np

from ..errors import InputError, OnnxMlirError
from .artifact import CpuArtifact, TensorInfo
from .feeds import check_feeds
from .jit import JitFunction
from .profile import ProfileReport, build_report

__all__ = ["CompiledModel", "TensorInfo"]


class CompiledModel:
    """Run a compiled model: ``model.run(None, {"x": array})`` returns the outputs as numpy arrays."""

    def __init__(self, jit: JitFunction, inputs: Sequence[TensorInfo], outputs: Sequence[TensorInfo]):
        self._jit = jit
        self._inputs = list(inputs)
        self._outputs = list(outputs)
        self._output_names = [o.name for o in self._outputs]
        # (name, dtype, shape, static) of each input, for the quick check of _validate.
        self._feed_specs = [(i.name, i.dtype, tuple(i.shape), all(isinstance(d, int) for d in i.shape))
                            for i in self._inputs]

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
        arrays = self._matching_feeds(feeds)
        return arrays if arrays is not None else self._validate_each(feeds)

    def _matching_feeds(self, feeds: Any) -> list[np.ndarray] | None:
        """The feeds in order when they are exactly what the model takes (a dict of numpy arrays
        of the right dtypes and shapes, dim params bound consistently); else None, and
        :meth:`_validate_each` says what is wrong. The common case, in about a microsecond."""
        if type(feeds) is not dict or len(feeds) != len(self._feed_specs):
            return None
        arrays = []
        bound: dict[str, int] = {}
        for name, dtype, shape, static in self._feed_specs:
            array = feeds.get(name)
            if type(array) is not np.ndarray or array.dtype != dtype:
                return None
            if static:
                if array.shape != shape:
                    return None
            elif len(array.shape) != len(shape):
                return None
            else:
                for want, got in zip(shape, array.shape):
                    if want.__class__ is int:
                        if want != got:
                            return None
                    elif want is not None and bound.setdefault(want, got) != got:
                        return None
            arrays.append(array)
        return arrays

    def _validate_each(self, feeds: Mapping[str, Any]) -> list[np.ndarray]:
        """Every check, with a message naming the input at fault (``feeds.py``)."""
        check_feeds(self._inputs, feeds)
        return [v if isinstance(v, np.ndarray) else np.asarray(v) for v in (feeds[i.name] for i in self._inputs)]

    def run(self, output_names: Sequence[str] | None, feeds: Mapping[str, Any]) -> list[np.ndarray]:
        """Outputs named in ``output_names`` (all when None), computed from ``feeds``."""
        names = self._output_names
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

    # ---- per-node profile (compile(..., profile=True))

    @property
    def profiled(self) -> bool:
        """Whether the compiled code times its nodes (never for GPU models, which have no JIT)."""
        return bool(getattr(self._jit, "profile", None))

    def profile(self) -> ProfileReport:
        """Time per node over the runs so far (since :meth:`reset_profile`; the last 10,000 per
        thread), slowest first: rows of op type, node name, result shape, median and mean ms per
        run, % of the nodes' total, runs."""
        if not self.profiled:
            raise OnnxMlirError("the model was compiled without profiling: compile it with "
                                "profile=True (or ONNX_MLIR_PROFILE=1) to time its nodes")
        return build_report(self._jit.profile, self._jit.profile_recorder.samples())

    def print_profile(self, top: int | None = None, file=None) -> None:
        """Print :meth:`profile` as a table (the ``top`` slowest nodes; all when None)."""
        import sys
        print(self.profile().format(top), file=file or sys.stdout)

    def reset_profile(self) -> None:
        """Forget the times of the runs so far (e.g. warm-up runs)."""
        if self.profiled:
            self._jit.profile_recorder.reset()

    # ---- ahead-of-time output

    def save(self, path: str) -> str:
        """Write the compiled code as a shared library exporting ``_mlir_ciface_main_graph`` and
        the signature, and the weights (when the code takes some) as ``path`` with the suffix
        ``.weights``; ``onnx_mlir.load(path)`` reads both back (see ``library.py``)."""
        from .library import save_model
        return save_model(self, path)

