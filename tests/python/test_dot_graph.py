"""onnx-mlir --EmitDot (tools/dot_graph.py): DOT text of the onnx graph with GPU kernel clusters,
and its rendering by Graphviz when installed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import onnx_mlir
from onnx_mlir.compiler import lower_onnx_module
from onnx_mlir.errors import OnnxMlirError
from onnx_mlir.tools import dot_graph

LENET = Path(__file__).resolve().parents[2] / "examples" / "lenet5.onnx"


@pytest.fixture(scope="module")
def lenet_onnx():
    module = onnx_mlir.import_model(LENET)
    lower_onnx_module(module, upto="onnx")
    return module


def test_dot_has_every_node_edge_and_kernel(lenet_onnx):
    clusters, note = dot_graph.kernel_clusters_of(lenet_onnx)
    assert clusters is not None, note
    text = dot_graph.onnx_graph_dot(lenet_onnx, clusters, title="lenet5", note=note)
    assert text.startswith('digraph "lenet5" {') and text.rstrip().endswith("}")
    for label in ("Conv\\nconv1", "MaxPool\\npool2", "Gemm\\nfc3", "Relu\\nrelu4"):
        assert f'[label="{label}"]' in text
    assert '[label="1x1x28x28xf32"]' in text and text.count(" -> ") == 13  # 11 ops, 1 in, 1 out
    kinds = {c.kind for c in clusters.values()}
    assert {"conv", "matmul"} <= kinds and "subgraph cluster_0" in text
    assert clusters["conv1"] == clusters["relu1"]  # the ReLU epilogue is in the conv kernel


def test_the_module_is_left_unchanged(lenet_onnx):
    before = str(lenet_onnx)
    dot_graph.kernel_clusters_of(lenet_onnx)
    assert str(lenet_onnx) == before


def test_grouping_failure_gives_a_graph_without_clusters(lenet_onnx, monkeypatch):
    import onnx_mlir.lowering.gpu.grouping as grouping

    def fail(module):
        raise RuntimeError("no grouping today")

    monkeypatch.setattr(grouping, "group_module", fail)
    clusters, note = dot_graph.kernel_clusters_of(lenet_onnx)
    assert clusters is None and "no grouping today" in note
    assert "subgraph" not in dot_graph.onnx_graph_dot(lenet_onnx, clusters, note=note)


def test_dot_suffix_writes_text(tmp_path):
    path = tmp_path / "g.dot"
    dot_graph.render("digraph g { a -> b; }\n", str(path))
    assert path.read_text() == "digraph g { a -> b; }\n"


def test_image_without_graphviz_is_a_typed_error(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(OnnxMlirError, match="Graphviz 'dot' is not installed"):
        dot_graph.render("digraph g { a -> b; }\n", str(tmp_path / "g.svg"))


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz 'dot' is not installed")
def test_driver_renders_svg(tmp_path):
    out = tmp_path / "lenet.svg"
    proc = subprocess.run([sys.executable, "-m", "onnx_mlir.tools.onnx_mlir_driver", str(LENET),
                           "--EmitDot", "-o", str(out)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "<svg" in out.read_text() and "conv1" in out.read_text()


def test_render_calls_dot_with_the_format_and_output(tmp_path, monkeypatch):
    """The call to Graphviz (a stand-in `dot` that records its arguments and input)."""
    fake = tmp_path / "dot"
    fake.write_text("#!/bin/sh\necho \"$@\" > \"$(dirname \"$0\")/args\"\ncat > \"$3\"\n")
    fake.chmod(0o755)
    monkeypatch.setattr(shutil, "which", lambda name: str(fake) if name == "dot" else None)
    out = tmp_path / "g.png"
    dot_graph.render("digraph g { a -> b; }\n", str(out))
    assert (tmp_path / "args").read_text().split() == ["-Tpng", "-o", str(out)]
    assert out.read_text() == "digraph g { a -> b; }\n"
