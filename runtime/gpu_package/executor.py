"""The launch plan bound to tensors: constants uploaded once, intermediate buffers allocated
once (``buffer_plan.py``), then every step launched in order.

Per run, only the inputs and the *pinned* values (the model's outputs and what they alias) are
new tensors; everything else is the same memory each run, which is also what lets
``cuda_graph.py`` capture the launches.

Dynamic shapes: a step with size expressions (``manifest.py``) gets its grid, size arguments,
result shapes or view shape evaluated per run (``runtime/size_expr.py``: from the shapes of the
run's tensors, or an element read back).  Its results are bound per run to their planned buffer,
which grows when a run needs more (the liveness assignment holds for any sizes: a buffer's
earlier values are dead when it is reused, so a grown buffer can replace it).
"""

from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np

from ..size_expr import evaluate
from .format import PackageError
from .manifest import Launch, Manifest, View, itemsize
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
        self._pinned: list[int] = []  # static launch results given new memory per run
        fresh: set[int] = set()  # all launch results given new memory per run
        for step in manifest.steps:
            if isinstance(step, View):
                if step.src in fixed and step.shape_exprs is None:
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
                if slot not in assignment:
                    fresh.add(slot)
                if step.output_shapes is not None:
                    continue  # bound per run (_bind)
                if slot in assignment:
                    buffer = self.buffers[assignment[slot]]
                    fixed[slot] = buffer[:spec.nbytes].view(torch_dtype(spec.dtype)).view(spec.shape)
                else:
                    self._pinned.append(slot)
        self._fixed = fixed
        # Results that are not new memory of this run (an input, a constant) are copied out.
        self._copied_outputs = [self._root(s) not in fresh for s in manifest.output_slots]

    def _root(self, slot: int) -> int:
        for step in reversed(self.manifest.steps):
            if isinstance(step, View) and step.dst == slot:
                return self._root(step.src)
        return slot

    def allocate_pinned(self) -> dict[int, Any]:
        """New tensors for the values that outlive a run (the outputs) whose shapes are static
        (the others are allocated when their launch runs)."""
        import torch

        values = self.manifest.values
        return {s: torch.empty(values[s].shape, dtype=torch_dtype(values[s].dtype), device=self.device)
                for s in self._pinned if values[s].is_static}

    def _bind(self, slot: int, shape: list[int]):
        """The result ``slot`` of this run with ``shape``: a view of its buffer (grown if this
        run needs more), or new memory for a pinned value."""
        import torch

        dtype = torch_dtype(self.manifest.values[slot].dtype)
        buffer = self.manifest.buffers.assignment.get(slot)
        if buffer is None:
            return torch.empty(shape, dtype=dtype, device=self.device)
        nbytes = math.prod(shape) * itemsize(self.manifest.values[slot].dtype)
        if self.buffers[buffer].numel() < nbytes:
            self.buffers[buffer] = torch.empty(nbytes, dtype=torch.uint8, device=self.device)
        return self.buffers[buffer][:nbytes].view(dtype).view(shape)

    def run(self, inputs: Sequence[Any], pinned: dict[int, Any] | None = None) -> list:
        """Launch the plan on ``inputs`` (contiguous tensors on the device, in signature order);
        the outputs are written into ``pinned`` (new tensors when None). Returns the outputs."""
        env = dict(self._fixed)
        env.update(zip(self.manifest.input_slots, inputs))
        env.update(self.allocate_pinned() if pinned is None else pinned)
        for kernel, step in self._program:
            if kernel is None:
                shape = step.shape if step.shape_exprs is None else [evaluate(e, env) for e in step.shape_exprs]
                env[step.dst] = env[step.src].view(shape)
                continue
            if step.output_shapes is not None:
                for slot, shape in zip(step.outputs, step.output_shapes):
                    env[slot] = self._bind(slot, [evaluate(e, env) for e in shape])
            grid = step.grid if step.grid_exprs is None else tuple(evaluate(e, env) for e in step.grid_exprs)
            if 0 in grid:
                continue  # an empty tensor: nothing to compute
            kernel[grid](*[env[s] for s in step.inputs], *[env[s] for s in step.outputs],
                         *[evaluate(e, env) for e in step.size_args],
                         **step.constexprs, num_warps=step.num_warps, num_stages=step.num_stages)
        return [env[s].clone() if copy else env[s]
                for s, copy in zip(self.manifest.output_slots, self._copied_outputs)]
