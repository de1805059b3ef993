"""``onnx-mlir --EmitDot``: the onnx graph as Graphviz DOT, the GPU kernels as clusters.

Nodes are the ops of ``@main_graph`` after the onnx stage (constants left out: they are weights
and would drown the graph), labelled with the ONNX op type and node name; edges carry the tensor
type (``2x8xf32``). Each node is drawn inside the cluster of the GPU kernel that computes it:
a copy of the module is lowered to linalg and grouped by ``gpu-group-kernels`` (lowering/gpu), and
the ops of each outlined kernel name their ONNX nodes through their locations. A node whose
lowering is split over several kernels goes to the first. When grouping fails, the graph has no
clusters and a comment says why. ``render`` turns the text into SVG/PNG/PDF with Graphviz's ``dot``.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass

from mlir import ir

from ..errors import OnnxMlirError
from ..passes.onnx_rewrite import location_name

RENDERED_FORMATS = ("svg", "png", "pdf")


@dataclass(frozen=True)
class Cluster:
    name: str  # the outlined kernel function, e.g. main_graph_k0_matmul
    kind: str  # pointwise, reduction, matmul, conv or host


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _type_label(t: ir.Type) -> str:
    if isinstance(t, ir.RankedTensorType):
        dims = ["?" if d == ir.ShapedType.get_dynamic_size() else str(d) for d in t.shape]
        return "x".join(dims + [str(t.element_type)])
    return str(t)


def _entry(module: ir.Module) -> ir.Operation:
    for op in module.body.operations:
        if op.operation.name == "func.func" and "sym_visibility" not in op.operation.attributes:
            return op.operation
    raise OnnxMlirError("the module has no public function to draw")


def _op_type(op: ir.Operation) -> str:
    return getattr(op.opview, "ONNX_OP_TYPE", None) or op.name


def gpu_kernel_clusters(linalg_module: ir.Module) -> dict[str, Cluster]:
    """ONNX node name -> the kernel computing it, after ``gpu-group-kernels`` ran on the module."""
    from ..lowering.gpu.kernel_attrs import KIND_ATTR

    clusters: dict[str, Cluster] = {}
    for fn in linalg_module.body.operations:
        fn = fn.operation
        if fn.name != "func.func" or KIND_ATTR not in fn.attributes:
            continue
        cluster = Cluster(ir.StringAttr(fn.attributes["sym_name"]).value,
                          ir.StringAttr(fn.attributes[KIND_ATTR]).value)

        def visit(op: ir.Operation, cluster: Cluster = cluster) -> ir.WalkResult:
            name = location_name(op.location)
            if name:
                clusters.setdefault(name, cluster)
            return ir.WalkResult.ADVANCE

        fn.walk(visit)
    return clusters


def onnx_graph_dot(onnx_module: ir.Module, clusters: dict[str, Cluster] | None = None, *,
                   title: str = "model", note: str = "") -> str:
    """The DOT text of ``onnx_module``'s entry function (onnx dialect)."""
    entry = _entry(onnx_module)
    block = entry.regions[0].blocks[0]
    lines = [f"digraph {_quote(title)} {{", "  rankdir=TB;",
             '  node [shape=box, style="rounded,filled", fillcolor="#eef3fb", fontname="Helvetica"];',
             '  edge [fontname="Helvetica", fontsize=10];']
    if note:
        lines.append(f"  // {note}")
    producers: dict[str, str] = {}  # value (as printed) -> node id
    arg_names = _arg_names(entry)
    for i, arg in enumerate(block.arguments):
        node = f"in{i}"
        producers[arg.get_name()] = node
        lines.append(f"  {node} [label={_quote(arg_names[i])}, shape=ellipse, fillcolor=\"#ffffff\"];")
    members: dict[Cluster, list[str]] = {}
    body: list[str] = []
    count = 0
    for op in block.operations:
        op = op.operation
        if op.name in ("onnx.constant", "func.return"):
            continue
        node = f"n{count}"
        count += 1
        name = location_name(op.location)
        lines_label = _op_type(op) + (f"\n{name}" if name else "")
        body.append(f"  {node} [label={_quote(lines_label)}];")
        cluster = (clusters or {}).get(name)
        if cluster is not None:
            members.setdefault(cluster, []).append(node)
        for result in op.results:
            producers[result.get_name()] = node
        for operand in op.operands:
            source = producers.get(operand.get_name())
            if source is not None:
                body.append(f"  {source} -> {node} [label={_quote(_type_label(operand.type))}];")
    lines += body
    for index, (cluster, nodes) in enumerate(members.items()):
        lines.append(f"  subgraph cluster_{index} {{")
        lines.append(f"    label={_quote(f'{cluster.name} ({cluster.kind})')}; style=dashed;")
        lines.append("    " + "; ".join(nodes) + ";")
        lines.append("  }")
    _add_outputs(lines, entry, block, producers)
    lines.append("}")
    return "\n".join(lines) + "\n"


def _arg_names(entry: ir.Operation, kind: str = "arg", count: int | None = None) -> list[str]:
    """The ONNX names of the inputs (``arg``) or outputs (``res``) of the entry function."""
    names = []
    arg_attrs = entry.attributes[f"{kind}_attrs"] if f"{kind}_attrs" in entry.attributes else None
    if count is None:
        count = len(entry.regions[0].blocks[0].arguments)
    for i in range(count):
        name = f"{'input' if kind == 'arg' else 'output'} {i}"
        if arg_attrs is not None and i < len(ir.ArrayAttr(arg_attrs)):
            attrs = ir.DictAttr(ir.ArrayAttr(arg_attrs)[i])
            if "onnx.name" in attrs:
                name = ir.StringAttr(attrs["onnx.name"]).value
        names.append(name)
    return names


def _add_outputs(lines: list[str], entry: ir.Operation, block: ir.Block,
                 producers: dict[str, str]) -> None:
    terminator = block.operations[len(block.operations) - 1].operation
    if terminator.name != "func.return":
        return
    names = _arg_names(entry, "res", len(terminator.operands))
    for i, value in enumerate(terminator.operands):
        node = f"out{i}"
        lines.append(f"  {node} [label={_quote(names[i])}, shape=ellipse, fillcolor=\"#ffffff\"];")
        source = producers.get(value.get_name())
        if source is not None:
            lines.append(f"  {source} -> {node} [label={_quote(_type_label(value.type))}];")


def kernel_clusters_of(onnx_module: ir.Module) -> tuple[dict[str, Cluster] | None, str]:
    """The GPU kernels of a copy of ``onnx_module`` (left unchanged), or (None, why not)."""
    from ..lowering.gpu.grouping import group_module
    from ..passes.registry import run_pipeline

    # With the locations: they name the ONNX node of each op.
    copy = ir.Module.parse(onnx_module.operation.get_asm(enable_debug_info=True), onnx_module.context)
    try:
        run_pipeline(copy, "builtin.module(convert-onnx-to-linalg{runtime-checks=false}, canonicalize, cse)")
        group_module(copy)
    except Exception as exc:  # noqa: BLE001 - the picture is still useful without kernels
        message = exc.format() if isinstance(exc, OnnxMlirError) else f"{type(exc).__name__}: {exc}"
        return None, "no GPU kernel clusters: " + " ".join(message.split())
    return gpu_kernel_clusters(copy), "clusters: the GPU kernels of gpu-group-kernels"


def render(dot_text: str, path: str) -> None:
    """Write ``dot_text`` to ``path``, rendered by Graphviz when the suffix is svg/png/pdf."""
    suffix = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    if suffix not in RENDERED_FORMATS:
        with open(path, "w", encoding="utf-8") as f:
            f.write(dot_text)
        return
    dot = shutil.which("dot")
    if dot is None:
        raise OnnxMlirError(f"cannot write '{path}': Graphviz 'dot' is not installed (write the DOT "
                            "text with -o graph.dot and render it elsewhere)")
    proc = subprocess.run([dot, f"-T{suffix}", "-o", path], input=dot_text, text=True,
                          capture_output=True)
    if proc.returncode != 0:
        raise OnnxMlirError(f"dot failed to render '{path}': {proc.stderr.strip()}")
