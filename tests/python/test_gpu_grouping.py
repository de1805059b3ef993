"""The GPU stages that need no Triton at run time: grouping, code generation, tile rules."""

from __future__ import annotations

import os
import sys

import numpy as np
import pytest
from mlir import ir

import onnx_mlir
from onnx_mlir.compiler import lower_onnx_module
from onnx_mlir.lowering.gpu.grouping import group_module
from onnx_mlir.lowering.gpu.kernel_attrs import KIND_ATTR
from onnx_mlir.lowering.gpu.pipeline import generate, kernel_functions, source_file
from onnx_mlir.lowering.gpu.codegen import KernelSource
from onnx_mlir.passes.runner import run_pipeline
from onnx_mlir.triton_kernels import conv, matmul, pointwise, reduction
from onnx_mlir.triton_kernels.common import Target

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "examples"))
from models import MODELS  # noqa: E402

import gpu_row_models as rows  # noqa: E402


def _linalg(name: str) -> ir.Module:
    module = onnx_mlir.import_model(MODELS[name]())
    lower_onnx_module(module, upto="linalg")
    return module


def _kinds(module: ir.Module) -> list[str]:
    return [ir.StringAttr(f.attributes[KIND_ATTR]).value for f in kernel_functions(module)]


@pytest.mark.parametrize("name, kinds", [
    ("mlp", ["matmul"] * 3),
    ("lenet5", ["conv", "reduction", "conv", "reduction", "matmul", "matmul", "matmul"]),
    # conv+relu, conv+relu, conv+residual add+relu, avg pool with its division, fc + bias
    ("residual_block", ["conv", "conv", "conv", "reduction", "matmul"]),
])
def test_models_group_into_fused_kernels(name, kinds):
    module = _linalg(name)
    group_module(module)
    module.operation.verify()
    assert _kinds(module) == kinds
    kernels = generate(module, warn=False)
    assert all(isinstance(k, KernelSource) for k in kernels.values()), kernels
    main = [op for op in module.body.operations
            if ir.StringAttr(op.attributes["sym_name"]).value == "main_graph"][0]
    calls = [op for op in main.regions[0].blocks[0].operations if op.operation.name == "func.call"]
    assert len(calls) == len(kinds)  # kernels launched in graph order, one call each


# Kernel lists before row kernels (for the record): softmax and log-softmax 3 (two reductions and
# the normalization), layer norm 4 (its shared zero fill, two reductions, the normalization), the
# attention block 9 (the shared zero fill of the matmuls, 4 matmuls, 3 for the softmax, 1 matmul).
@pytest.mark.parametrize("name, model, kinds", [
    ("softmax", lambda: rows.softmax([4, 16]), ["reduction"]),
    ("softmax_axis1", lambda: rows.softmax([2, 3, 5], axis=1), ["reduction"]),
    ("log_softmax", lambda: rows.softmax([4, 16], op="LogSoftmax"), ["reduction"]),
    ("softmax_f16", lambda: rows.softmax([4, 16], dtype=np.float16), ["reduction"]),
    ("layer_norm", lambda: rows.layer_norm([4, 16]), ["reduction"]),
    ("layer_norm_axis-2_f16", lambda: rows.layer_norm([2, 3, 8], axis=-2, dtype=np.float16), ["reduction"]),
    ("layer_norm_stats", lambda: rows.layer_norm([4, 16], stats=True), ["reduction"]),
    ("attention_block", rows.attention_block, ["matmul"] * 4 + ["reduction", "matmul"]),
])
def test_row_reductions_are_one_kernel(name, model, kinds):
    module = onnx_mlir.import_model(model())
    lower_onnx_module(module, upto="linalg")
    group_module(module)
    module.operation.verify()
    assert _kinds(module) == kinds
    kernels = generate(module, warn=False)
    assert all(isinstance(k, KernelSource) for k in kernels.values()), kernels
    (row,) = [k for k in kernels.values() if k.kind == "reduction"]
    # the row is loaded once (single pass: one load of the input, no loop over the row)
    assert row.source.count("_load(p0 +") == 1 and "for r0 in" not in row.source, row.source


def test_long_rows_are_multi_pass():
    """Rows longer than reduction.ROW_SINGLE_MAX: one loop over the row per reduction + the stores."""
    module = onnx_mlir.import_model(rows.softmax([2, reduction.ROW_SINGLE_MAX + 1]))
    lower_onnx_module(module, upto="linalg")
    group_module(module)
    (row,) = generate(module, warn=False).values()
    assert row.kind == "reduction" and row.source.count("for r0 in") == 3
    assert row.constexprs == {"BLOCK_P": 1, "BLOCK_R": reduction.ROW_CHUNK} and row.grid == (2,)


def test_stage_pipeline_attaches_sources():
    module = _linalg("mlp")
    run_pipeline(module, "builtin.module(linalg-to-triton)")
    for fn in kernel_functions(module):
        src = ir.StringAttr(fn.attributes["triton.source"]).value
        assert src.startswith("@triton.jit\ndef main_graph_k")
        assert "_mm.matmul_tile(" in src
        assert '"grid"' in ir.StringAttr(fn.attributes["triton.launch"]).value


def test_onnx_to_triton_pipeline_from_onnx_dialect():
    module = onnx_mlir.import_model(MODELS["lenet5"]())
    run_pipeline(module, "builtin.module(onnx-to-triton)")
    assert len(kernel_functions(module)) == 7
    assert not [f for f in kernel_functions(module) if "triton.fallback" in f.attributes]


def test_unsupported_body_op_falls_back_with_reason():
    text = """
    #id = affine_map<(d0) -> (d0)>
    func.func @main_graph(%x: tensor<8xf32>) -> tensor<8xf32> {
      %e = tensor.empty() : tensor<8xf32>
      %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%x : tensor<8xf32>) outs(%e : tensor<8xf32>) {
      ^bb0(%in: f32, %out: f32):
        %y = math.roundeven %in : f32
        linalg.yield %y : f32
      } -> tensor<8xf32>
      return %r : tensor<8xf32>
    }"""
    from onnx_mlir.dialects import make_context

    module = ir.Module.parse(text, make_context())
    group_module(module)
    kernels = generate(module, warn=False)
    (reason,) = kernels.values()
    assert reason == "'math.roundeven' in a linalg body is not supported by the Triton backend"
    assert "main_graph_k0_pointwise" not in source_file(kernels)


def test_tile_rules_are_deterministic_and_bounded():
    cfg = matmul.config(1, 10, 1024)
    assert (cfg.block_m, cfg.block_n, cfg.block_k) == (16, 16, 32)
    big = matmul.config(4096, 4096, 4096, "f16")
    assert (big.block_m, big.block_n, big.block_k, big.num_warps) == (128, 128, 64, 8)
    assert matmul.config(4096, 4096, 4096, "f16", Target.parse("hip:gfx942")).num_stages == 2
    assert conv.config(2, 64, 16, 16, 32, 3, 3, "f16") == matmul.config(512, 64, 288, "f16")
    assert pointwise.block(10) == (16, 1)
    assert pointwise.block(10**6)[0] == 1024
    bp, br, _ = reduction.blocks(8, 300)
    assert (bp, br) == (8, 512)
    assert reduction.row_blocks(6, 1000) == (1, 1024, 4, True)  # one program per row
    assert reduction.row_blocks(100, 16)[:2] == (64, 16)  # short rows: several per program
    assert reduction.row_blocks(4, 10000) == (1, 2048, 8, False)  # multi-pass
    assert reduction.row_blocks(6, 1000, Target.parse("hip:gfx942"))[2] == 2  # 64-wide wavefronts


@pytest.mark.parametrize("text, target", [("cuda:90", Target("cuda", 90, 32)), ("sm_80", Target("cuda", 80, 32)),
                                          ("hip:gfx942", Target("hip", "gfx942", 64)),
                                          ("gfx90a", Target("hip", "gfx90a", 64))])
def test_target_parse(text, target):
    assert Target.parse(text) == target


def test_target_parse_rejects_unknown():
    with pytest.raises(ValueError, match="unknown GPU target"):
        Target.parse("tpu:v5")


def test_compile_gpu_without_gpu_or_interpreter_says_how(monkeypatch):
    torch = pytest.importorskip("torch", reason="the GPU path needs the gpu extra (triton, torch)")
    if torch.cuda.is_available():
        pytest.skip("a GPU is present")
    monkeypatch.delenv("TRITON_INTERPRET", raising=False)
    from onnx_mlir.runtime.gpu_model import GpuRuntimeError

    with pytest.raises(GpuRuntimeError, match="TRITON_INTERPRET=1"):
        onnx_mlir.compile(MODELS["mlp"](), target="gpu")
