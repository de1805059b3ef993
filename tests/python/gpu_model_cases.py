"""The benchmark model families on the GPU path, in small configurations, under Triton's interpreter.

``python gpu_model_cases.py GROUP`` prints one JSON line per case (like gpu_interpreter_cases.py,
whose ``check`` it uses); test_gpu_models.py runs the groups in their own processes
(``TRITON_INTERPRET=1`` must be set before Triton is imported).

* ``benchmark_models``: ResNet-18, MobileNetV2, the BERT-style encoder and the GPT-2-style block of
  ``benchmarks/models/torch_models.py`` (same code, same seeded weights, smaller widths and
  inputs), exported with ``torch.onnx.export`` as ``benchmarks/models/export.py`` does; each must
  run with no kernel on the CPU (``GpuModel.fallbacks``) and match onnxruntime.
* ``dynamic``: models with a dynamic batch dim compiled once and run at two batch sizes.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import traceback
import warnings
from pathlib import Path

if __name__ == "__main__":  # (imported for its exports by test_gpu_package_models.py: no side effect)
    os.environ["TRITON_INTERPRET"] = "1"
    os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

OPSET = 18


def _small(name: str):
    """(module, example inputs) of a benchmark family in a test-sized configuration."""
    import torch

    from benchmarks.models import torch_models as tm

    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    if name == "resnet18":
        module, inputs = tm.ResNet18(num_classes=10), {"input": rng.standard_normal((1, 3, 32, 32))}
    elif name == "mobilenetv2":
        module, inputs = tm.MobileNetV2(num_classes=10), {"input": rng.standard_normal((1, 3, 32, 32))}
    elif name == "bert":
        module = tm.BertEncoder(vocab=50, hidden=32, heads=2, layers=1, intermediate=64, max_positions=16)
        mask = np.ones((1, 8), dtype=np.int64)
        mask[:, 6:] = 0
        inputs = {"input_ids": rng.integers(0, 50, (1, 8)), "attention_mask": mask}
    elif name == "gpt2":
        module = tm.GPT2Block(vocab=50, hidden=32, heads=2, max_positions=16)
        inputs = {"input_ids": rng.integers(0, 50, (1, 8))}
    else:
        raise ValueError(name)
    for sub in module.modules():  # as export.build_module: no BatchNorm is an identity
        if isinstance(sub, torch.nn.BatchNorm2d):
            sub.running_mean.uniform_(-0.1, 0.1)
            sub.running_var.uniform_(0.5, 1.5)
            sub.weight.data.uniform_(0.5, 1.5)
            sub.bias.data.uniform_(-0.1, 0.1)
    inputs = {k: v.astype(np.float32) if v.dtype == np.float64 else v.astype(np.int64) for k, v in inputs.items()}
    return module.eval(), inputs


def export_small(name: str, dynamic_batch: bool = False) -> tuple[Path, dict[str, np.ndarray]]:
    """The ONNX file of ``_small(name)`` (cached by the model sources and options) and its inputs."""
    import torch

    module, inputs = _small(name)
    source = (ROOT / "benchmarks" / "models" / "torch_models.py").read_bytes() + Path(__file__).read_bytes()
    key = hashlib.sha256(source + f"{name}|{dynamic_batch}|{torch.__version__}".encode()).hexdigest()[:16]
    root = Path(os.environ.get("ONNX_MLIR_CACHE_DIR") or Path.home() / ".cache" / "onnx-mlir-py")
    target = root / "models" / f"small-{name}-{'dyn' if dynamic_batch else 'static'}-{key}.onnx"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        kwargs = {}
        if dynamic_batch:
            batch = torch.export.Dim("batch", max=64)
            kwargs["dynamic_shapes"] = tuple({0: batch} for _ in inputs)
        with tempfile.TemporaryDirectory(dir=target.parent) as tmp, torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            path = Path(tmp) / target.name
            torch.onnx.export(module, tuple(torch.from_numpy(v) for v in inputs.values()), str(path),
                              input_names=list(inputs), opset_version=OPSET, dynamo=True,
                              external_data=False, **kwargs)
            os.replace(path, target)
    return target, inputs


def _run(case: str, path: Path, feed_sets: list[dict[str, np.ndarray]], rtol: float, atol: float) -> dict:
    """Compile ``path`` once for the GPU, run every feed set, compare with onnxruntime."""
    import onnxruntime as ort

    import onnx_mlir

    try:
        session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model = onnx_mlir.compile(str(path), target="gpu")
        err = 0.0
        for feeds in feed_sets:
            want = session.run(None, feeds)
            got = model.run(None, feeds)
            for g, w in zip(got, want):
                assert g.shape == w.shape and g.dtype == w.dtype, f"{g.shape}/{g.dtype} vs {w.shape}/{w.dtype}"
                np.testing.assert_allclose(g, w, rtol=rtol, atol=atol)
                err = max(err, float(np.max(np.abs(g.astype(np.float64) - w), initial=0)))
        kinds = sorted({k.kind for k in model.kernels.values() if not isinstance(k, str)})
        sized = [k for k in model.kernels.values() if not isinstance(k, str) and k.size_args]
        return {"case": case, "ok": True, "max_err": err, "fallbacks": model.fallbacks, "kinds": kinds,
                "kernels": len(model.kernels), "sized_kernels": len(sized)}
    except Exception as exc:  # noqa: BLE001 - reported to the pytest side
        return {"case": case, "ok": False, "error": f"{type(exc).__name__}: {exc}",
                "trace": traceback.format_exc()[-2000:]}


def group_benchmark_models() -> list[dict]:
    out = []
    for name in ("resnet18", "mobilenetv2", "bert", "gpt2"):
        path, inputs = export_small(name)
        out.append(_run(name, path, [inputs], rtol=1e-3, atol=1e-4))
    return out


GROUPS = {"benchmark_models": group_benchmark_models}


def _batched(inputs: dict[str, np.ndarray], batch: int) -> dict[str, np.ndarray]:
    """``inputs`` repeated to ``batch`` rows (varied, so rows differ)."""
    out = {}
    for k, v in inputs.items():
        rows = np.concatenate([v] * batch, axis=0)
        if rows.dtype == np.float32:
            rows = rows * np.linspace(0.5, 1.5, batch, dtype=np.float32).reshape((batch,) + (1,) * (v.ndim - 1))
        out[k] = rows
    return out


def group_dynamic() -> list[dict]:
    out = []
    for name in ("mobilenetv2", "bert", "gpt2"):  # (ResNet-18's convs: as MobileNetV2's)
        path, inputs = export_small(name, dynamic_batch=True)
        out.append(_run(f"{name}_dynamic_batch", path, [_batched(inputs, 1), _batched(inputs, 3)],
                        rtol=1e-3, atol=1e-4))
    return out


def _onnx_model(nodes, inputs, outputs, inits=()):
    import onnx
    from onnx import helper

    graph = helper.make_graph(nodes, "g", [helper.make_tensor_value_info(*i) for i in inputs],
                              [helper.make_tensor_value_info(*o) for o in outputs], list(inits))
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    path = Path(tempfile.mkdtemp()) / "model.onnx"
    onnx.save(model, str(path))
    return path


def group_dynamic_small() -> list[dict]:
    """Without the exporter: a dynamic batch through matmul, layer norm and softmax kernels, and a
    Reshape to a shape read from an input (the plan reads the target back per run)."""
    from onnx import TensorProto, helper, numpy_helper

    rng = np.random.default_rng(0)
    f32 = TensorProto.FLOAT
    w = numpy_helper.from_array(rng.standard_normal((8, 16)).astype(np.float32), "w")
    b = numpy_helper.from_array(rng.standard_normal(16).astype(np.float32), "b")
    s = numpy_helper.from_array(rng.uniform(0.5, 1.5, 16).astype(np.float32), "s")
    mlp = _onnx_model([helper.make_node("MatMul", ["x", "w"], ["h"]), helper.make_node("Add", ["h", "b"], ["hb"]),
                       helper.make_node("Relu", ["hb"], ["r"]),
                       helper.make_node("LayerNormalization", ["r", "s", "b"], ["ln"], axis=-1),
                       helper.make_node("Softmax", ["ln"], ["y"], axis=-1)],
                      [("x", f32, ["batch", 8])], [("y", f32, ["batch", 16])], [w, b, s])
    x = rng.standard_normal((5, 8)).astype(np.float32)
    out = [_run("mlp_layer_norm_softmax_dynamic_batch", mlp, [{"x": x[:1]}, {"x": x}], rtol=1e-4, atol=1e-5)]
    reshape = _onnx_model([helper.make_node("Relu", ["x"], ["r"]), helper.make_node("Reshape", ["r", "shape"], ["y"]),
                           helper.make_node("Add", ["y", "y"], ["z"])],
                          [("x", f32, [4, 6]), ("shape", TensorProto.INT64, [2])], [("z", f32, None)])
    x = rng.standard_normal((4, 6)).astype(np.float32)
    out.append(_run("reshape_to_input_shape", reshape,
                    [{"x": x, "shape": np.array([3, 8], np.int64)}, {"x": x, "shape": np.array([2, 12], np.int64)}],
                    rtol=0, atol=0))
    return out


GROUPS["dynamic"] = group_dynamic
GROUPS["dynamic_small"] = group_dynamic_small

if __name__ == "__main__":
    for group in sys.argv[1:] or list(GROUPS):
        for result in GROUPS[group]():
            print(json.dumps(result), flush=True)
