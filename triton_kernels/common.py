"""Helpers shared by the kernel families: targets, element types, power-of-two rounding.

Nothing here imports Triton or torch, so tile rules can be evaluated (and unit-tested) anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    """A compile target: ``backend`` is ``cuda`` or ``hip``; ``arch`` 90 or ``gfx942``."""

    backend: str = "cuda"
    arch: int | str = 90
    warp_size: int = 32

    @classmethod
    def parse(cls, text: str) -> "Target":
        """``cuda:90``, ``sm_90``, ``hip:gfx942`` or ``gfx942``."""
        text = text.strip().lower()
        if text.startswith("sm_"):
            return cls("cuda", int(text[3:]), 32)
        if text.startswith("gfx"):
            return cls("hip", text, 64)
        backend, _, arch = text.partition(":")
        if backend == "cuda":
            return cls("cuda", int(arch or 90), 32)
        if backend in ("hip", "rocm", "amd"):
            return cls("hip", arch or "gfx942", 64)
        raise ValueError(f"unknown GPU target '{text}' (expected cuda:<sm> or hip:<gfx arch>)")

    def __str__(self) -> str:
        return f"{self.backend}:{self.arch}"

    def gpu_target(self):
        from triton.backends.compiler import GPUTarget

        return GPUTarget(self.backend, self.arch, self.warp_size)


DEFAULT_TARGET = Target()

# MLIR element types Triton kernels take -> (Triton signature type, tl dtype name). Their numpy
# (and torch) dtypes come from dialects/onnx_types.py.
ELEMENT_TYPES = {
    "f32": ("fp32", "float32"),
    "f16": ("fp16", "float16"),
    "bf16": ("bf16", "bfloat16"),
    "f64": ("fp64", "float64"),
    "i1": ("i1", "int1"),
    "i8": ("i8", "int8"),
    "i16": ("i16", "int16"),
    "i32": ("i32", "int32"),
    "i64": ("i64", "int64"),
}


def next_pow2(n: int) -> int:
    return 1 << max(0, int(n) - 1).bit_length()


def clamp_pow2(n: int, lo: int, hi: int) -> int:
    return max(lo, min(hi, next_pow2(n)))
