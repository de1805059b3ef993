"""Where GPU kernels run: the GPU present, or Triton's interpreter on the CPU."""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np

from ...errors import OnnxMlirError
from ...triton_kernels.common import Target


class GpuRuntimeError(OnnxMlirError):
    """The GPU runtime cannot run here (no GPU and no interpreter, missing Triton/torch)."""


@dataclass(frozen=True)
class GpuDevice:
    """Where the kernels run: ``cuda`` (a GPU; ``target`` is its architecture) or ``cpu``
    (Triton's interpreter; no target of its own)."""

    name: str
    target: Target | None


def interpreting() -> bool:
    return os.environ.get("TRITON_INTERPRET", "0") not in ("", "0")


def select_device() -> GpuDevice:
    """The GPU present, else Triton's interpreter when ``TRITON_INTERPRET=1``, else an error that
    says how to run without a GPU."""
    try:
        import torch
    except ImportError as exc:  # pragma: no cover - the gpu extra is missing
        raise GpuRuntimeError("the GPU target needs torch and triton (pip install 'onnx-mlir-py[gpu]')") from exc
    if interpreting():
        return GpuDevice("cpu", None)
    if not torch.cuda.is_available():
        raise GpuRuntimeError("no GPU is available: set TRITON_INTERPRET=1 (before Triton is "
                              "imported) to run the kernels in Triton's interpreter on the CPU")
    if torch.version.hip:
        return GpuDevice("cuda", Target("hip", torch.cuda.get_device_properties(0).gcnArchName.split(":")[0], 64))
    major, minor = torch.cuda.get_device_capability()
    return GpuDevice("cuda", Target("cuda", major * 10 + minor, 32))


def to_torch(array: np.ndarray, device: str):
    """A torch tensor on ``device`` holding ``array`` (ml_dtypes arrays, which torch cannot take,
    travel as their bits)."""
    import torch

    array = np.ascontiguousarray(array)
    if array.dtype.isbuiltin == 1:
        return torch.from_numpy(array).to(device)
    bits = torch.from_numpy(array.view(f"u{array.dtype.itemsize}"))
    return bits.view(getattr(torch, array.dtype.name)).to(device)
