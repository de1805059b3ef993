"""A GPU artifact written as a package directory (``GpuModel.save``, ``--EmitGpuPackage``).

Only plans made of Triton launches and views can be packaged: a host step (a kernel compiled by
the CPU backend because Triton cannot express it) needs MLIR's execution engine at run time, so
such a plan is refused with the ONNX nodes behind each host step.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from ...errors import CompilationError
from ..artifact import GpuArtifact, HostLaunch, KernelLaunch, Reshape
from .buffer_plan import StepUse, plan_buffers
from .format import KERNELS, MANIFEST, WEIGHTS, PackageError, is_package, runtime_compiler_version
from .manifest import Launch, Manifest, Step, ValueSpec, View, numpy_dtype_name
from .weights import WEIGHT_DTYPES, write_weights


def save_package(artifact: GpuArtifact, path: str | os.PathLike, *,
                 weights_dtype: str | None = None) -> str:
    """Write ``artifact`` as the package directory ``path`` (replacing a package already there);
    ``weights_dtype`` (``"float16"``/``"bfloat16"``) stores the float32 weights in 16 bits."""
    if weights_dtype is not None and weights_dtype not in WEIGHT_DTYPES:
        raise ValueError(f"weights_dtype must be one of {', '.join(WEIGHT_DTYPES)} or None, "
                         f"got {weights_dtype!r}")
    _refuse_host_steps(artifact)
    path = Path(path)
    if path.exists() and not (is_package(path) or (path.is_dir() and not any(path.iterdir()))):
        raise PackageError(f"'{path}' exists and is not a GPU package: not overwriting it")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    try:
        _write(artifact, tmp, weights_dtype)
        if path.exists():
            shutil.rmtree(path)
        os.replace(tmp, path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return str(path)


def _refuse_host_steps(artifact: GpuArtifact) -> None:
    host = [s for s in artifact.steps if isinstance(s, HostLaunch)]
    if not host:
        return
    lines = []
    for step in host:
        nodes = ", ".join(f"'{name}' ({op})" for name, op in step.nodes) or "no ONNX node recorded"
        lines.append(f"  kernel @{step.name}: {step.reason or 'no Triton kernel'}; ONNX nodes: {nodes}")
    raise CompilationError(
        f"cannot save a GPU package: {len(host)} kernel(s) run on the CPU through the compiler's "
        "CPU backend, which a package (torch and Triton only) cannot do:\n" + "\n".join(lines))


def _write(artifact: GpuArtifact, directory: Path, weights_dtype: str | None) -> None:
    values = _value_specs(artifact)
    steps = tuple(_step(s) for s in artifact.steps)
    uses = [StepUse(s.inputs, s.outputs) if isinstance(s, Launch) else StepUse((s.src,), (s.dst,), s.src)
            for s in steps]
    written = {o for s in steps if isinstance(s, Launch) for o in s.outputs}
    buffers = plan_buffers(uses, {s: values[s].nbytes for s in written}, pinned=artifact.output_slots)
    source = artifact.source.encode("utf-8")
    (directory / KERNELS).write_bytes(source)
    with open(directory / WEIGHTS, "wb") as f:
        constants, weights_sha, weights_size = write_weights(f, sorted(artifact.constants.items()),
                                                             weights_dtype)
    manifest = Manifest(
        compiler_version=runtime_compiler_version(), target=getattr(artifact, "target", "") or "",
        inputs=artifact.inputs, outputs=artifact.outputs, slot_count=artifact.slot_count,
        input_slots=artifact.input_slots, output_slots=artifact.output_slots, values=values,
        steps=steps, constants=tuple(constants),
        zeros={s: ValueSpec(numpy_dtype_name(z.dtype), tuple(z.shape)) for s, z in artifact.zeros.items()},
        buffers=buffers, kernels_sha256=hashlib.sha256(source).hexdigest(),
        weights_sha256=weights_sha, weights_size=weights_size, weights_dtype=weights_dtype)
    (directory / MANIFEST).write_text(json.dumps(manifest.to_json(), indent=1) + "\n")


def _step(step) -> Step:
    if isinstance(step, KernelLaunch):
        return Launch(step.name, step.function, step.inputs, step.outputs, step.grid,
                      dict(step.constexprs), step.num_warps, step.num_stages, tuple(step.size_args),
                      _tuple(step.grid_exprs),
                      None if step.output_shapes is None else tuple(tuple(s) for s in step.output_shapes))
    if isinstance(step, Reshape):
        return View(step.src, step.dst, step.shape, _tuple(step.shape_exprs))
    raise CompilationError(f"plan step {type(step).__name__} cannot be packaged")


def _tuple(values) -> tuple | None:
    return None if values is None else tuple(values)


def _dims(shape) -> tuple:
    """A shape with its dynamic dims (a name, None or -1) as None."""
    return tuple(d if isinstance(d, int) and d >= 0 else None for d in shape)


def _value_specs(artifact: GpuArtifact) -> dict[int, ValueSpec]:
    """The dtype and shape (None: a dim known per run) of every slot of the plan."""
    values: dict[int, ValueSpec] = {}
    for info, slot in zip(artifact.inputs, artifact.input_slots):
        values[slot] = ValueSpec(numpy_dtype_name(info.dtype), _dims(info.shape))
    for slot, array in artifact.constants.items():
        values[slot] = ValueSpec(array.dtype.name, tuple(array.shape))
    for slot, spec in artifact.zeros.items():
        values[slot] = ValueSpec(numpy_dtype_name(spec.dtype), tuple(spec.shape))
    for step in artifact.steps:
        if isinstance(step, KernelLaunch):
            for slot, spec in zip(step.outputs, step.output_specs):
                values[slot] = ValueSpec(numpy_dtype_name(spec.dtype), _dims(spec.shape))
        elif isinstance(step, Reshape):
            values[step.dst] = ValueSpec(values[step.src].dtype, _dims(step.shape))
    return values
