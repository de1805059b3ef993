"""Export the real-model families to ONNX the way users do: ``torch.onnx.export``, opset 18.

    python benchmarks/models/export.py                    # all four into benchmarks/models/onnx/
    python benchmarks/models/export.py resnet18 --dynamic-batch -o /tmp/models

Batch 1, random weights from fixed seeds (BatchNorm statistics too, so no layer is an identity).
``--dynamic-batch`` names the batch dim ``batch`` (and the sequence dim ``seq`` for the
transformers); ``exporter`` picks torch's dynamo-based exporter (today's default) or the legacy
TorchScript one. Needs torch (CPU) and, for the dynamo exporter, onnxscript.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

OPSET = 18
SEED = 0


@dataclass(frozen=True)
class ModelSpec:
    """How to build one model family and its example inputs."""

    build: Callable[[], "torch.nn.Module"]  # noqa: F821
    inputs: Callable[[int, int], dict[str, np.ndarray]]  # (batch, seq) -> named inputs
    output_names: tuple[str, ...]
    is_transformer: bool = False


def _image(batch: int, _seq: int) -> dict[str, np.ndarray]:
    return {"input": np.random.default_rng(SEED).standard_normal((batch, 3, 224, 224)).astype(np.float32)}


def _token_ids(batch: int, seq: int) -> np.ndarray:
    return np.random.default_rng(SEED).integers(0, 1000, size=(batch, seq), dtype=np.int64)


def _bert_inputs(batch: int, seq: int) -> dict[str, np.ndarray]:
    mask = np.ones((batch, seq), dtype=np.int64)
    mask[:, seq - seq // 4:] = 0  # padded tail: the mask must matter
    return {"input_ids": _token_ids(batch, seq), "attention_mask": mask}


def _gpt2_inputs(batch: int, seq: int) -> dict[str, np.ndarray]:
    return {"input_ids": _token_ids(batch, seq)}


def _specs() -> dict[str, ModelSpec]:
    from . import torch_models as tm  # torch is imported only when a model is built

    return {
        "resnet18": ModelSpec(tm.ResNet18, _image, ("logits",)),
        "mobilenetv2": ModelSpec(tm.MobileNetV2, _image, ("logits",)),
        "bert": ModelSpec(tm.BertEncoder, _bert_inputs, ("last_hidden_state", "pooled"), True),
        "gpt2": ModelSpec(tm.GPT2Block, _gpt2_inputs, ("logits",), True),
    }


MODEL_NAMES = ("resnet18", "mobilenetv2", "bert", "gpt2")
DEFAULT_SEQ = 16


def example_inputs(name: str, batch: int = 1, seq: int = DEFAULT_SEQ) -> dict[str, np.ndarray]:
    """Inputs for ``name`` (seq is ignored by the CNNs)."""
    spec = _specs()[name]
    return spec.inputs(batch, seq)


def build_module(name: str):
    """The torch module of ``name`` in eval mode, with seeded random weights and BN statistics."""
    import torch

    torch.manual_seed(SEED)
    module = _specs()[name].build()
    for sub in module.modules():
        if isinstance(sub, torch.nn.BatchNorm2d):
            sub.running_mean.uniform_(-0.1, 0.1)
            sub.running_var.uniform_(0.5, 1.5)
            sub.weight.data.uniform_(0.5, 1.5)
            sub.bias.data.uniform_(-0.1, 0.1)
    return module.eval()


def export(name: str, path: str | os.PathLike, dynamic_batch: bool = False, exporter: str = "dynamo",
           half: bool = False) -> Path:
    """Write ``name`` as ONNX to ``path`` and return it (``half``: the model in float16, weights
    and float inputs and outputs)."""
    import torch

    spec = _specs()[name]
    module = build_module(name)
    inputs = spec.inputs(1, DEFAULT_SEQ)
    if half:
        module = module.half()
        inputs = {k: v.astype(np.float16) if v.dtype == np.float32 else v for k, v in inputs.items()}
    args = tuple(torch.from_numpy(v) for v in inputs.values())
    names = list(inputs)
    kwargs: dict = {}
    if dynamic_batch:
        axes = {0: "batch", 1: "seq"} if spec.is_transformer else {0: "batch"}
        if exporter == "dynamo":
            # One Dim object per name, shared by the inputs (ids and mask agree on batch and seq).
            dims = {"batch": torch.export.Dim("batch", max=4096), "seq": torch.export.Dim("seq", max=128)}
            kwargs["dynamic_shapes"] = tuple({k: dims[v] for k, v in axes.items()} for _ in names)
        else:
            kwargs["dynamic_axes"] = {n: axes for n in names}
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with torch.no_grad():
        torch.onnx.export(module, args, str(path), input_names=names, output_names=list(spec.output_names),
                          opset_version=OPSET, dynamo=exporter == "dynamo", external_data=False, **kwargs)
    return path


def cached_export(name: str, dynamic_batch: bool = False, exporter: str = "dynamo",
                  cache_dir: str | os.PathLike | None = None, half: bool = False) -> Path:
    """``export`` into a cache keyed by the model definition, torch version and options.

    Several test processes may ask at once: each exports to a temporary file and renames it."""
    import torch

    root = Path(cache_dir or os.environ.get("ONNX_MLIR_CACHE_DIR") or Path.home() / ".cache" / "onnx-mlir-py")
    source = (Path(__file__).with_name("torch_models.py").read_bytes() + Path(__file__).read_bytes())
    options = f"{name}|{dynamic_batch}|{exporter}|{torch.__version__}" + ("|f16" if half else "")
    key = hashlib.sha256(source + options.encode()).hexdigest()[:16]
    kind = ("dyn" if dynamic_batch else "static") + ("-f16" if half else "")
    target = root / "models" / f"{name}-{kind}-{key}.onnx"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
            export(name, Path(tmp) / target.name, dynamic_batch, exporter, half)
            os.replace(Path(tmp) / target.name, target)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", metavar="name", help=f"any of {', '.join(MODEL_NAMES)} (default: all)")
    parser.add_argument("-o", "--output-dir", default=Path(__file__).with_name("onnx"), type=Path)
    parser.add_argument("--dynamic-batch", action="store_true")
    parser.add_argument("--exporter", choices=("dynamo", "torchscript"), default="dynamo")
    args = parser.parse_args()
    for name in args.names or MODEL_NAMES:
        if name not in MODEL_NAMES:
            parser.error(f"unknown model {name!r}; choose from {', '.join(MODEL_NAMES)}")
        suffix = "-dynamic" if args.dynamic_batch else ""
        print(export(name, args.output_dir / f"{name}{suffix}.onnx", args.dynamic_batch, args.exporter))


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    __package__ = "benchmarks.models"  # so the relative import of torch_models works as a script
    main()
