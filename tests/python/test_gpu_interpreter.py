"""Numerics of the GPU path under Triton's interpreter (CPU torch tensors), against onnxruntime.

Each group of cases runs in its own process (gpu_interpreter_cases.py): ``TRITON_INTERPRET=1``
must be set before Triton is imported, and an interpreting process cannot compile for a GPU
target (the lit tests in tests/lit/gpu do that, in other processes).  f32 and f16; bf16 is wrong
in the interpreter (triton#11584), so it is only compile-tested.
"""

from __future__ import annotations


import pytest

from interpreter_groups import run_case_group

pytest.importorskip("triton", reason="the GPU path needs the gpu extra (triton, torch)")
pytest.importorskip("torch", reason="the GPU path needs the gpu extra (triton, torch)")


# group -> cases that must be in it (so a case that silently disappears fails the test)
GROUPS = {
    "pointwise_reduction": {"pointwise_chain_f32", "pointwise_chain_f16", "global_avg_pool_f32",
                            "global_avg_pool_f16", "max_pool_f32", "max_pool_f16", "avg_pool_pads_f32",
                            "div_broadcast_torch_inputs_f32", "host_fallback_concat", "reduction_max_i32",
                            "split_concat_f32"},
    "matmul": {"matmul_edges_f32", "matmul_edges_f16", "gemm_transb_bias_f32", "gemm_transb_bias_f16",
               "batch_matmul_f32", "matmul_broadcast_b_f32"},
    "conv": {"conv_pads_strides_f32", "conv_pads_strides_f16", "conv_depthwise_dilated_f32",
             "conv_grouped_f32"},
    "templates": {"template_matmul_bias_relu", "template_conv2d", "template_depthwise"},
    "rows": {f"{case}_{dt}" for case in ("softmax_3x37", "log_softmax_2x3x20", "layer_norm_5x48",
                                         "attention_block") for dt in ("f32", "f16")}
    | {"softmax_axis1_2x6x5_f32", "layer_norm_axis-2_stats_2x3x8_f32", "softmax_multipass_2x9000_f32",
       "layer_norm_multipass_2x9000_f32", "instance_norm_2x3x5x5_f32", "group_norm_2x4x3x3_f32",
       "rms_norm_3x7_f32", "layer_norm_all_dims_3x4_f32", "softmax_1d_7_f32", "reduce_log_sum_exp_3x7_f32",
       "decomposed_layer_norm_f32"},
    "models_f32": {"model_mlp_f32", "model_lenet5_f32", "model_residual_block_f32"},
    "models_f16": {"model_mlp_f16", "model_lenet5_f16", "model_residual_block_f16"},
}

# Kernel kinds each model must use: the models run on generated kernels, not on fallbacks.
MODEL_KINDS = {"mlp": ["matmul"], "lenet5": ["conv", "matmul", "reduction"],
               "residual_block": ["conv", "matmul", "reduction"]}


def run_group(group: str) -> dict[str, dict]:
    return run_case_group("gpu_interpreter_cases.py", group)


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_interpreter_matches_onnxruntime(group):
    results = run_group(group)
    assert set(results) == GROUPS[group]
    failed = {name: r["error"] + "\n" + r.get("trace", "") for name, r in results.items() if not r["ok"]}
    assert not failed, "\n".join(f"{n}: {e}" for n, e in failed.items())
    for name, r in results.items():
        if name.startswith("model_"):
            model = name[len("model_"):].rsplit("_", 1)[0]
            assert r["kinds"] == MODEL_KINDS[model], (name, r["kinds"])
            assert r["fallbacks"] == [], (name, r["fallbacks"])
        if name == "split_concat_f32":  # slices are index arithmetic in pointwise kernels
            assert r["kinds"] == ["pointwise"] and r["fallbacks"] == [], r
        if name == "conv_grouped_f32":  # grouped conv: generalized, then a reduction kernel
            assert r["kinds"] == ["reduction"]
        if name.startswith(("matmul", "gemm", "batch")):
            assert r["kinds"] == ["matmul"], (name, r["kinds"])
        if "expected_kernels" in r:  # row kernels: softmax / layer norm are one reduction kernel
            assert r["kernels"] == r["expected_kernels"], (name, r["kernels"])
            assert r["fallbacks"] == [], (name, r["fallbacks"])
