"""The compiler driver (onnx_mlir.compiler) makes artifacts; the runtime only loads and runs them."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import numpy as np
import pytest
from onnx import TensorProto as T
from onnx import helper as h

import onnx_mlir
from onnx_mlir import ExecutionError
from onnx_mlir.compiler import compile_for_cpu, compile_for_gpu, stage_names
from onnx_mlir.runtime.artifact import CpuArtifact, GpuArtifact, HostLaunch, KernelLaunch, TensorInfo
from onnx_mlir.runtime.compiled_model import CompiledModel

ROOT = Path(onnx_mlir.__file__).resolve().parent


def _add_model(a_dims, b_dims, elem=T.FLOAT):
    graph = h.make_graph([h.make_node("Add", ["a", "b"], ["c"], name="add0")], "g",
                         [h.make_tensor_value_info("a", elem, a_dims),
                          h.make_tensor_value_info("b", elem, b_dims)],
                         [h.make_tensor_value_info("c", elem, None)])
    return h.make_model(graph, opset_imports=[h.make_opsetid("", 18)], ir_version=9)


def _imports(path: Path) -> set[str]:
    """The onnx_mlir subpackages a module imports (relative imports resolved from its folder)."""
    package = path.parent.relative_to(ROOT).parts
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[:len(package) - (node.level - 1)] if node.level > 1 else package
            parts = [*base, *(node.module.split(".") if node.module else [])]
            found.add(parts[0] if parts else "")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("onnx_mlir."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("onnx_mlir."))
    return found


@pytest.mark.parametrize("path", sorted((ROOT / "runtime").glob("*.py")), ids=lambda p: p.name)
def test_the_runtime_imports_no_stage_of_the_compiler(path):
    assert not _imports(path) & {"importer", "passes", "lowering", "compiler"}, path


def test_a_cpu_artifact_carries_what_the_runtime_needs():
    stages = []
    artifact = compile_for_cpu(_add_model(["n"], ["m"]), on_stage=lambda name, m: stages.append(name))
    assert isinstance(artifact, CpuArtifact)
    assert stages == stage_names()
    assert artifact.inputs == (TensorInfo("a", ("n",), np.dtype(np.float32)),
                               TensorInfo("b", ("m",), np.dtype(np.float32)))
    assert [s.shape for s in artifact.input_specs] == [(None,), (None,)]
    assert artifact.results_returned  # dynamic result: the code allocates it
    # n and m must each be the result size or 1 (broadcast): one check per operand dim
    assert artifact.status_slots == 6 and len(artifact.checks) == 2
    assert {(check.node, check.op_type) for check in artifact.checks} == {("add0", "Add")}
    assert "func.func" not in str(artifact.module) and "llvm.func @main_graph" in str(artifact.module)


def test_the_runtime_reads_the_artifact_not_the_module_attributes():
    """The check table and calling convention come from the artifact: with the module's copies
    of them removed, a failed check is still reported with its message."""
    artifact = compile_for_cpu(_add_model(["n"], ["m"]))
    attrs = artifact.module.operation.attributes
    for name in ("onnx_mlir.runtime_checks", "onnx_mlir.results_returned"):
        if name in attrs:
            del attrs[name]
    model = CompiledModel.load(artifact, opt_level=1)
    f = np.float32
    (c,) = model.run(None, {"a": np.ones(3, f), "b": np.arange(3, dtype=f)})
    np.testing.assert_array_equal(c, [1, 2, 3])
    with pytest.raises(ExecutionError) as info:
        model.run(None, {"a": np.ones(5, f), "b": np.ones(3, f)})
    assert info.value.node == "add0" and "size 3" in str(info.value) and "size 5" in str(info.value)


def test_unsigned_signature_survives_signless_lowering():
    artifact = compile_for_cpu(_add_model([4], [4], T.UINT8))
    assert [i.dtype for i in artifact.inputs] == [np.dtype(np.uint8)] * 2
    assert [s.dtype for s in artifact.input_specs] == [np.dtype(np.uint8)] * 2
    assert artifact.inputs[0].type == "tensor(uint8)"


def test_a_gpu_artifact_is_a_plan_of_kernels_and_host_steps():
    """ArgMax (a reduction with two results) has no Triton lowering: its kernel is a host step
    holding a CPU artifact."""
    graph = h.make_graph([h.make_node("Relu", ["x"], ["r"]),
                          h.make_node("ArgMax", ["r"], ["y"], axis=0)], "g",
                         [h.make_tensor_value_info("x", T.FLOAT, [4, 8])],
                         [h.make_tensor_value_info("y", T.INT64, [1, 8])])
    model = h.make_model(graph, opset_imports=[h.make_opsetid("", 18)], ir_version=9)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        artifact = compile_for_gpu(model)
    assert isinstance(artifact, GpuArtifact)
    launches = [s for s in artifact.steps if isinstance(s, KernelLaunch)]
    hosts = [s for s in artifact.steps if isinstance(s, HostLaunch)]
    assert launches and all(f"def {s.function}(" in artifact.source for s in launches)
    assert hosts and all(isinstance(s.kernel, CpuArtifact) for s in hosts)
    assert any("runs on the CPU" in str(w.message) for w in caught)
    assert artifact.inputs[0].name == "x" and artifact.outputs[0].shape == (1, 8)


def test_compiling_for_the_gpu_needs_neither_torch_nor_triton():
    code = textwrap.dedent("""
        import sys
        sys.path.insert(0, sys.argv[1])
        import models
        from onnx_mlir.compiler import compile_for_gpu
        artifact = compile_for_gpu(models.mlp())
        assert artifact.source and artifact.steps
        loaded = sorted(m for m in ("torch", "triton") if m in sys.modules)
        assert not loaded, loaded
    """)
    proc = subprocess.run([sys.executable, "-c", code, str(ROOT / "examples")], capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_lowering_still_exports_the_stage_runner():
    from onnx_mlir import lowering
    from onnx_mlir.compiler import stages

    assert lowering.lower_onnx_module is stages.lower_onnx_module
    assert lowering.stage_names is stages.stage_names


def test_compile_loads_the_driver_artifact():
    model = onnx_mlir.compile(_add_model([2], [2]))
    assert isinstance(model, CompiledModel)
    (c,) = model.run(None, {"a": np.ones(2, np.float32), "b": np.ones(2, np.float32)})
    np.testing.assert_array_equal(c, [2, 2])


def test_an_active_instrumentation_sees_each_pass_of_every_stage():
    """``instrumentation.active`` reaches the pipelines the stages run deep inside (what
    ``onnx-mlir --mlir-print-ir-*`` relies on), one upstream pass at a time; outside it, nothing."""
    from onnx_mlir.passes import instrumentation

    class Recorder(instrumentation.Instrumentation):
        def __init__(self):
            self.labels, self.stages = [], []

        def after(self, label, module):
            self.labels.append(label)

    recorder = Recorder()
    with instrumentation.active(recorder):
        compile_for_cpu(_add_model([4], [4]), on_stage=lambda name, m: recorder.stages.append(
            (name, len(recorder.labels))))
    assert instrumentation.current() is None
    assert recorder.labels[:5] == ["onnx-simplify", "onnx-dce", "convert-onnx-to-linalg",
                                   "canonicalize", "cse"]
    for name in ("cpu-tensor-schedule", "one-shot-bufferize", "convert-linalg-to-loops",
                 "reconcile-unrealized-casts"):
        assert name in recorder.labels
    assert all("," not in label for label in recorder.labels)  # each pass on its own
    seen_after = dict(recorder.stages)
    assert seen_after["onnx"] < seen_after["linalg"] < seen_after["llvm"] == len(recorder.labels)

    compile_for_cpu(_add_model([4], [4]))
    assert len(recorder.labels) == seen_after["llvm"]
