"""The whole plan as one CUDA graph: static input and output buffers, captured once, replayed.

Batch-1 latency is mostly launch overhead (a Python call and a driver launch per kernel).  With
static shapes every kernel reads and writes the same memory each run (``executor.py``), so the
launches are recorded once in a ``torch.cuda.CUDAGraph`` after a warm-up run (Triton compiles
the kernels on their first launch, which must not happen while capturing) and each run is then:
copy the feeds into the static inputs, replay, copy the outputs out (the next replay overwrites
them, so the caller gets tensors of its own).

The capture itself goes through a :class:`GraphBackend`, so the buffer handling runs (and is
tested) under Triton's interpreter with a backend that replays by calling the plan again.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

from .executor import PlanExecutor, torch_dtype
from .format import PackageError


def use_cuda_graph(requested: bool | None, device: str, static: bool) -> bool:
    """Whether to capture: by default when the device is a GPU and the shapes are static;
    ``requested=True`` where that is impossible is an error, ``False`` never captures."""
    possible = device.startswith("cuda") and static
    if requested and not possible:
        raise PackageError("cuda_graph=True needs a CUDA device and static shapes (device "
                           f"{device!r}, static shapes: {static})")
    return possible if requested is None else bool(requested)


class GraphBackend:
    """Records ``fn``'s launches and returns a function that replays them."""

    def capture(self, fn: Callable[[], Any]) -> Callable[[], None]:  # pragma: no cover - interface
        raise NotImplementedError


class TorchCudaGraphs(GraphBackend):
    """``torch.cuda.CUDAGraph``: warm-up on a side stream, then capture (as PyTorch documents)."""

    def capture(self, fn: Callable[[], Any]) -> Callable[[], None]:  # pragma: no cover - needs a GPU
        import torch

        torch.cuda.synchronize()
        side = torch.cuda.Stream()
        side.wait_stream(torch.cuda.current_stream())
        with torch.cuda.stream(side):
            fn()  # Triton compiles (and autotunes nothing: configs are fixed) here
        torch.cuda.current_stream().wait_stream(side)
        graph = torch.cuda.CUDAGraph()
        with torch.cuda.graph(graph):
            fn()
        torch.cuda.synchronize()
        return graph.replay


class EagerRunner:
    """Launch the plan on the feeds each run."""

    captured = False

    def __init__(self, executor: PlanExecutor):
        self.executor = executor

    def run(self, inputs: Sequence[Any]) -> list:
        return self.executor.run(inputs)


class GraphRunner:
    """Replay the plan captured once on static inputs and outputs."""

    captured = True

    def __init__(self, executor: PlanExecutor, backend: GraphBackend | None = None):
        import torch

        manifest = executor.manifest
        self.executor = executor
        self.static_inputs = [torch.zeros(tuple(info.shape), dtype=torch_dtype(info.dtype.name),
                                          device=executor.device) for info in manifest.inputs]
        self._pinned = executor.allocate_pinned()
        self._outputs: list = []

        def launch() -> None:
            self._outputs = executor.run(self.static_inputs, self._pinned)

        self._replay = (backend or TorchCudaGraphs()).capture(launch)

    def run(self, inputs: Sequence[Any]) -> list:
        for static, value in zip(self.static_inputs, inputs):
            static.copy_(value)
        self._replay()
        return [t.clone() for t in self._outputs]
