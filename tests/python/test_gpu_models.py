"""The benchmark model families on the GPU path under Triton's interpreter, against onnxruntime:
no kernel may fall back to the CPU (``GpuModel.fallbacks`` is empty), and a model with a dynamic
batch dim compiled once runs at several batch sizes on the GPU kernels.

Each group runs in its own process (gpu_model_cases.py; ``TRITON_INTERPRET=1`` must be set before
Triton is imported).  Small configurations of the benchmark models keep the interpreter fast.
"""

from __future__ import annotations


import pytest

from interpreter_groups import run_case_group

pytest.importorskip("triton", reason="the GPU path needs the gpu extra (triton, torch)")
pytest.importorskip("torch", reason="the GPU path needs the gpu extra (triton, torch)")
pytest.importorskip("onnxscript", reason="exporting the benchmark models needs torch.onnx's dynamo exporter")


GROUPS = {
    "benchmark_models": {"resnet18", "mobilenetv2", "bert", "gpt2"},
    "dynamic": {"mobilenetv2_dynamic_batch", "bert_dynamic_batch", "gpt2_dynamic_batch"},
    "dynamic_small": {"mlp_layer_norm_softmax_dynamic_batch", "reshape_to_input_shape"},
}


def run_group(group: str) -> dict[str, dict]:
    return run_case_group("gpu_model_cases.py", group)


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_no_cpu_fallback_and_matches_onnxruntime(group):
    results = run_group(group)
    assert set(results) == GROUPS[group]
    failed = {name: r["error"] + "\n" + r.get("trace", "") for name, r in results.items() if not r["ok"]}
    assert not failed, "\n".join(f"{n}: {e}" for n, e in failed.items())
    fallbacks = {name: r["fallbacks"] for name, r in results.items() if r["fallbacks"]}
    assert not fallbacks, fallbacks
    if group.startswith("dynamic"):  # compiled once, run at two shapes: kernels take sizes as arguments
        assert all(r["sized_kernels"] > 0 for r in results.values()), results
