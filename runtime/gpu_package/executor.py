"""The launch plan bound to tensors: constants uploaded once, intermediate buffers allocated
once (``buffer_plan.py``), then every step launched in order.

Per run, only the inputs and the *pinned* values (the model's outputs and what they alias) are
new tensors; everything else is the same memory each run, which is also what lets
``cuda_graph.py`` capture the launches.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from .format import PackageError
from .manifest import Launch, Manifest, View
from .weights import constant_tensor


def torch_dtype(name: str):
    import torch

    return getattr(torch, name)


class PlanExecutor:
    """Runs a package's plan on ``device`` (``"cuda"``, ``"cuda:1"``, or ``"cpu"`` for Triton's
    interpreter)."""

    def __init__(self, manifest: Manifest, kernels: Any, weights: np.ndarray, device: str):
        import torch

        self.manifest = manifest
        self.device = device
        fixed: dict[int, Any] = {c.slot: constant_tensor(weights, c, device) for c in manifest.constants}
        for slot, spec in manifest.zeros.items():
            fixed[slot] = torch.zeros(spec.shape, dtype=torch_dtype(spec.dtype), device=device)
        self.buffers = [torch.empty(size, dtype=torch.uint8, device=device)
                        for size in manifest.buffers.sizes]
        assignment = manifest.buffers.assignment
        self._program: list[tuple[Any, Launch | View]] = []  # (kernel or None, step), in order
        self._pinned: list[int] = []  # launch results given new memory per run
        for step in manifest.steps:
            if isinstance(step, View):
                if step.src in fixed:
                    fixed[step.dst] = fixed[step.src].view(step.shape)
                else:
                    self._program.append((None, step))
                continue
            function = getattr(kernels, step.function, None)
            if function is None:
                raise PackageError(f"the plan launches '{step.function}', which kernels.py does not define")
            self._program.append((function, step))
            for slot in step.outputs:
                spec = manifest.values[slot]
                if slot in assignment:
                    buffer = self.buffers[assignment[slot]]
                    fixed[slot] = buffer[:spec.nbytes].view(torch_dtype(spec.dtype)).view(spec.shape)
                else:
                    self._pinned.append(slot)
        self._fixed = fixed
        pinned = set(self._pinned)
        # Results that are not new memory of this run (an input, a constant) are copied out.
        self._copied_outputs = [self._root(s) not in pinned for s in manifest.output_slots]

    def _root(self, slot: int) -> int:
        for step in reversed(self.manifest.steps):
            if isinstance(step, View) and step.dst == slot:
                return self._root(step.src)
        return slot

    def allocate_pinned(self) -> dict[int, Any]:
        """New tensors for the values that outlive a run (the outputs)."""
        import torch

        values = self.manifest.values
        return {s: torch.empty(values[s].shape, dtype=torch_dtype(values[s].dtype), device=self.device)
                for s in self._pinned}

    def run(self, inputs: Sequence[Any], pinned: dict[int, Any] | None = None) -> list:
        """Launch the plan on ``inputs`` (contiguous tensors on the device, in signature order);
        the outputs are written into ``pinned`` (new tensors when None). Returns the outputs."""
        env = dict(self._fixed)
        env.update(zip(self.manifest.input_slots, inputs))
        env.update(self.allocate_pinned() if pinned is None else pinned)
        for kernel, step in self._program:
            if kernel is None:
                env[step.dst] = env[step.src].view(step.shape)
                continue
            kernel[step.grid](*[env[s] for s in step.inputs], *[env[s] for s in step.outputs],
                              **step.constexprs, num_warps=step.num_warps, num_stages=step.num_stages)
        return [env[s].clone() if copy else env[s]
                for s, copy in zip(self.manifest.output_slots, self._copied_outputs)]
