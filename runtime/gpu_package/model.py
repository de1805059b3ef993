"""``PackageModel``: a loaded GPU package with the interface of ``CompiledModel``."""

from __future__ import annotations

from typing import Any, Mapping, Sequence

import numpy as np

from ...errors import InputError
from ..artifact import TensorInfo
from ..feeds import check_feeds
from .device import to_torch
from .manifest import Manifest


class PackageModel:
    """Run a GPU package: ``model.run(None, {"x": array_or_tensor})``. numpy arrays in, numpy
    arrays out; torch tensors in, torch tensors (on the model's device) out."""

    def __init__(self, manifest: Manifest, runner: Any, device: str, path: str = ""):
        self.manifest = manifest
        self.device = device
        self.path = path
        self._runner = runner
        self._output_names = [o.name for o in manifest.outputs]

    @property
    def cuda_graph(self) -> bool:
        """Whether runs replay a captured CUDA graph."""
        return self._runner.captured

    def get_inputs(self) -> list[TensorInfo]:
        return list(self.manifest.inputs)

    def get_outputs(self) -> list[TensorInfo]:
        return list(self.manifest.outputs)

    @property
    def input_names(self) -> list[str]:
        return [i.name for i in self.manifest.inputs]

    @property
    def output_names(self) -> list[str]:
        return list(self._output_names)

    def run(self, output_names: Sequence[str] | None, feeds: Mapping[str, Any]) -> list:
        """Outputs named in ``output_names`` (all when None), computed from ``feeds``."""
        import torch

        names = self._output_names
        if output_names is not None:
            unknown = [n for n in output_names if n not in names]
            if unknown:
                raise InputError(f"unknown output name(s) {unknown}; the model's outputs are {names}")
        check_feeds(self.manifest.inputs, feeds)  # names, dtypes and shapes, before any kernel runs
        as_torch = any(isinstance(v, torch.Tensor) for v in feeds.values())
        tensors = []
        for info in self.manifest.inputs:
            value = feeds[info.name]
            tensor = value if isinstance(value, torch.Tensor) else to_torch(np.asarray(value), self.device)
            tensors.append(tensor.to(self.device).contiguous())
        results = self._runner.run(tensors)
        if not as_torch:
            results = [_to_numpy(r) for r in results]
        if output_names is None:
            return results
        return [results[names.index(n)] for n in output_names]

    __call__ = run


def _to_numpy(tensor) -> np.ndarray:
    import torch

    tensor = tensor.detach().cpu()
    if tensor.dtype == torch.bfloat16:  # numpy has no bfloat16: its bits, typed by ml_dtypes
        import ml_dtypes

        return tensor.view(torch.int16).numpy().view(ml_dtypes.bfloat16)
    return tensor.numpy()
