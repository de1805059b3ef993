"""Generate the `onnx` dialect from the ONNX operator schemas of the installed `onnx` package.

Writes two checked-in files (regenerating must reproduce them byte for byte; a test checks it):
- ``dialects/onnx.irdl.mlir``: the IRDL description loaded at import time;
- ``dialects/_onnx_ops_gen.py``: one Python ``OpView`` class per op, with named accessors for
  operands, attributes (ONNX defaults applied), results and regions, plus a lowercase builder.

Usage: ``python -m onnx_mlir.tools.gen_onnx_dialect [--check]``.

Design notes:
- Every op of the default domain (``ai.onnx``), latest version of its schema. Op names are snake
  case (IRDL forbids uppercase): ``GlobalAveragePool`` -> ``onnx.global_average_pool``.
- Inputs/outputs whose every allowed type is a tensor are constrained to ``!builtin.tensor``;
  those admitting sequences/optionals take any type (IRDL 22 aborts on ``any_of`` over ``base``).
  Optional formal parameters are IRDL ``optional``: an absent input is simply omitted.
- A variadic formal parameter is ``VARIADIC_SLOTS`` optional groups plus a variadic tail, each
  with its own constraint: IRDL binds one constraint to one type, and ONNX's variadic values
  differ in shape. The op classes translate between these groups and ONNX's parameters.
- Subgraph regions end in ``smt.yield``: IRDL ops cannot be terminators in MLIR 22 (no traits),
  and ``smt.yield`` is the upstream terminator that takes any operands under any parent.
- Required attributes are declared (IRDL then rejects an op without them); optional ones are not
  declared, and their ONNX defaults live in the Python accessors. GRAPH attributes are regions.
"""

from __future__ import annotations

import argparse
import keyword
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import onnx
from onnx import defs

from ..dialects._onnx_support import VARIADIC_SLOTS

ROOT = Path(__file__).resolve().parent.parent
IRDL_PATH = ROOT / "dialects" / "onnx.irdl.mlir"
PY_PATH = ROOT / "dialects" / "_onnx_ops_gen.py"

FormalOption = defs.OpSchema.FormalParameterOption
AttrType = defs.OpSchema.AttrType

# Names an accessor must not take: they are OpView / Operation members.
RESERVED = {
    "operation", "result", "results", "operands", "attributes", "location", "context", "name",
    "parent", "regions", "verify", "opview", "print", "successors", "erase", "clone", "owner",
    "detach_from_parent", "move_after", "move_before", "get_asm", "block", "OPERATION_NAME",
}

ATTR_KIND = {
    AttrType.INT: "int",
    AttrType.FLOAT: "float",
    AttrType.STRING: "str",
    AttrType.INTS: "ints",
    AttrType.FLOATS: "floats",
    AttrType.STRINGS: "strs",
    AttrType.TENSOR: "tensor",
    AttrType.SPARSE_TENSOR: "sparse_tensor",
    AttrType.TYPE_PROTO: "type",
    AttrType.GRAPH: "graph",
    AttrType.GRAPHS: "graphs",
    AttrType.TYPE_PROTOS: "types",
    AttrType.TENSORS: "tensors",
}


def snake_case(name: str) -> str:
    """``GlobalAveragePool`` -> ``global_average_pool``; ``QLinearConv`` -> ``q_linear_conv``."""
    name = re.sub(r"([a-z])([A-Z])", r"\1_\2", name)
    name = re.sub(r"([A-Z])([A-Z][a-z])", r"\1_\2", name)
    return name.lower()


def class_name(op_type: str) -> str:
    return op_type[0].upper() + op_type[1:] + "Op"


def identifier(name: str, taken: set[str]) -> str:
    """A Python identifier for an operand/attribute accessor, unique within the op."""
    ident = snake_case(name)
    ident = re.sub(r"\W", "_", ident)
    if keyword.iskeyword(ident) or ident in RESERVED or ident in taken:
        ident += "_"
    while ident in taken:
        ident += "_"
    taken.add(ident)
    return ident


@dataclass
class Param:
    onnx_name: str
    py_name: str
    option: str  # "single", "optional", "variadic"
    tensor_only: bool
    types: tuple[str, ...]


@dataclass
class Attr:
    onnx_name: str
    py_name: str
    kind: str
    required: bool
    default: object


@dataclass
class OpSpec:
    onnx_name: str
    mlir_name: str
    since_version: int
    doc: str
    inputs: list[Param]
    outputs: list[Param]
    attrs: list[Attr]
    regions: list[Attr]

    @property
    def operand_segments(self) -> list[int] | None:
        return _segments(self.inputs)

    @property
    def result_segments(self) -> list[int] | None:
        return _segments(self.outputs)


def _segments(params: list[Param]) -> list[int] | None:
    """ODS-style segment spec (1 single, 0 optional, -1 variadic) of the IRDL operand/result
    groups, when IRDL needs segment sizes. A variadic ONNX parameter is VARIADIC_SLOTS optional
    groups plus a variadic tail (see `irdl_groups`), so it always needs them."""
    groups = [option for p in params for _, option in irdl_groups(p)]
    if sum(option != "single" for option in groups) <= 1:
        return None
    return [{"single": 1, "optional": 0, "variadic": -1}[option] for option in groups]


def irdl_groups(param: Param) -> list[tuple[str, str]]:
    """The IRDL groups (name, option) that hold one ONNX formal parameter.

    IRDL binds a constraint variable to the first type it matches, so all values of one variadic
    group must have the same type; ONNX's variadic values differ in shape (Concat inputs, Split
    and Loop outputs). Each of the first VARIADIC_SLOTS values therefore gets an optional group
    with its own constraint; only values past those share the tail group's type."""
    if param.option != "variadic":
        return [(param.py_name, param.option)]
    return ([(f"{param.py_name}_{i}", "optional") for i in range(VARIADIC_SLOTS)]
            + [(f"{param.py_name}_rest", "variadic")])


def _option(param) -> str:
    return {FormalOption.Single: "single", FormalOption.Optional: "optional",
            FormalOption.Variadic: "variadic"}[param.option]


def _default(attr) -> object:
    value = attr.default_value
    if value is None or value.type == 0:
        return None
    decoded = onnx.helper.get_attribute_value(value)
    if isinstance(decoded, bytes):
        return decoded.decode()
    if isinstance(decoded, list):
        return [v.decode() if isinstance(v, bytes) else v for v in decoded]
    if isinstance(decoded, float):
        return float(repr(decoded)) if decoded == decoded else None
    if isinstance(decoded, (int, str)):
        return decoded
    return None  # tensors/graphs have no useful Python default


def _summary(doc: str | None) -> str:
    """First sentence of a schema's documentation, on one line, without markup."""
    text = " ".join((doc or "").split())
    text = re.sub(r"<[^>]+>|\[([^\]]*)\]\([^)]*\)", r"\1", text)
    sentence = re.split(r"(?<=[a-z0-9)])\.\s", text, maxsplit=1)[0].rstrip(".")
    return (sentence[:157] + "...") if len(sentence) > 160 else sentence + "."


def collect_specs() -> list[OpSpec]:
    specs = []
    for schema in sorted(defs.get_all_schemas(), key=lambda s: s.name):
        if schema.domain != "":
            continue
        taken: set[str] = set()
        inputs = [Param(p.name, identifier(p.name, taken), _option(p),
                        all(t.startswith("tensor(") for t in p.types), tuple(sorted(p.types)))
                  for p in schema.inputs]
        attrs, regions = [], []
        # then_branch before else_branch, as If reads; otherwise by name.
        for a in sorted(schema.attributes.values(),
                        key=lambda a: (a.name != "then_branch", a.name)):
            kind = ATTR_KIND[a.type]
            entry = Attr(a.name, identifier(a.name, taken), kind, a.required, _default(a))
            (regions if kind == "graph" else attrs).append(entry)
        outputs = [Param(p.name, identifier(p.name, taken), _option(p),
                         all(t.startswith("tensor(") for t in p.types), tuple(sorted(p.types)))
                   for p in schema.outputs]
        specs.append(OpSpec(schema.name, snake_case(schema.name), schema.since_version,
                            _summary(schema.doc), inputs, outputs, attrs, regions))
    return specs


# --------------------------------------------------------------------------- IRDL


def irdl_text(specs: list[OpSpec]) -> str:
    out = [
        f"// Generated by tools/gen_onnx_dialect.py from onnx {onnx.__version__} schemas",
        "// (ai.onnx opset {}). Do not edit: regenerate.".format(defs.onnx_opset_version()),
        "irdl.dialect @onnx {",
        "  // Sequence and optional values of ONNX (`seq(tensor(float))`, `optional(...)`).",
        "  irdl.type @seq {",
        "    %0 = irdl.any",
        "    irdl.parameters(elem: %0)",
        "  }",
        "  irdl.type @opt {",
        "    %0 = irdl.any",
        "    irdl.parameters(elem: %0)",
        "  }",
        "  // Element type of string tensors.",
        "  irdl.type @string {",
        "  }",
    ]
    for spec in specs:
        out.append(f"  irdl.operation @{spec.mlir_name} {{")
        counter = 0

        def constraint(param: Param) -> str:
            nonlocal counter
            value = f"%{counter}"
            counter += 1
            rhs = 'irdl.base "!builtin.tensor"' if param.tensor_only else "irdl.any"
            out.append(f"    {value} = {rhs}")
            return value

        def group(keyword_: str, params: list[Param]) -> None:
            if not params:
                return
            items = []
            for p in params:
                for name, option in irdl_groups(p):
                    value = constraint(p)
                    prefix = "" if option == "single" else option + " "
                    items.append(f"{name}: {prefix}{value}")
            out.append(f"    irdl.{keyword_}({', '.join(items)})")

        group("operands", spec.inputs)
        required = [a for a in spec.attrs if a.required]
        if required:
            names = []
            for a in required:
                value = f"%{counter}"
                counter += 1
                out.append(f"    {value} = irdl.any")
                names.append(f'"{a.onnx_name}" = {value}')
            out.append(f"    irdl.attributes {{{', '.join(names)}}}")
        group("results", spec.outputs)
        if spec.regions:
            names = []
            for r in spec.regions:
                value = f"%{counter}"
                counter += 1
                out.append(f"    {value} = irdl.region")
                names.append(f"{r.py_name}: {value}")
            out.append(f"    irdl.regions({', '.join(names)})")
        out.append("  }")
    out.append("}")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- Python


def _py_literal(value: object) -> str:
    return repr(value)


def python_text(specs: list[OpSpec]) -> str:
    out = [
        f'"""Op classes of the `onnx` dialect, generated from onnx {onnx.__version__} schemas.',
        "",
        "Do not edit: regenerate with ``python -m onnx_mlir.tools.gen_onnx_dialect``.",
        '"""',
        "",
        "# fmt: off",
        "from mlir import ir as _ir",
        "",
        "from ._onnx_support import OnnxOp as _OnnxOp, _Dialect, op_builder as _op_builder",
        "from ._onnx_support import register_operation as _register",
        "",
        "ONNX_VERSION = " + repr(onnx.__version__),
        f"OPSET_VERSION = {defs.onnx_opset_version()}",
        "",
    ]
    for spec in specs:
        cls = class_name(spec.onnx_name)
        out.append("")
        out.append("@_register")
        out.append(f"class {cls}(_OnnxOp):")
        doc = spec.doc.replace("\\", "\\\\").replace('"""', "'''")
        out.append(f'    """ONNX {spec.onnx_name}-{spec.since_version}. {doc}"""')
        out.append("")
        out.append(f'    OPERATION_NAME = "onnx.{spec.mlir_name}"')
        out.append(f'    ONNX_OP_TYPE = "{spec.onnx_name}"')
        out.append(f"    ONNX_SINCE_VERSION = {spec.since_version}")
        out.append(f"    _ODS_REGIONS = ({len(spec.regions)}, True)")
        out.append(f"    _ODS_OPERAND_SEGMENTS = {spec.operand_segments!r}")
        out.append(f"    _ODS_RESULT_SEGMENTS = {spec.result_segments!r}")
        inputs = tuple((p.onnx_name, p.py_name, p.option) for p in spec.inputs)
        outputs = tuple((p.onnx_name, p.py_name, p.option) for p in spec.outputs)
        attrs = tuple((a.onnx_name, a.py_name, a.kind, a.required, a.default) for a in spec.attrs)
        regions = tuple(r.onnx_name for r in spec.regions)
        out.append(f"    ONNX_INPUTS = {inputs!r}")
        out.append(f"    ONNX_OUTPUTS = {outputs!r}")
        out.append(f"    ONNX_ATTRIBUTES = {attrs!r}")
        out.append(f"    ONNX_REGIONS = {regions!r}")
        for index, p in enumerate(spec.inputs):
            out.append("")
            out.append("    @property")
            out.append(f"    def {p.py_name}(self):")
            out.append(f"        return self._operand_group({index})")
        for a in spec.attrs:
            out.append("")
            out.append("    @property")
            out.append(f"    def {a.py_name}(self):")
            out.append(f"        return self._attribute({a.onnx_name!r}, {a.kind!r}, "
                       f"{_py_literal(a.default)})")
        for index, p in enumerate(spec.outputs):
            out.append("")
            out.append("    @property")
            out.append(f"    def {p.py_name}(self):")
            out.append(f"        return self._result_group({index})")
        for index, r in enumerate(spec.regions):
            out.append("")
            out.append("    @property")
            out.append(f"    def {r.py_name}(self):")
            out.append(f"        return self.regions[{index}]")
        out.append("")
        out.append("")
        builder = spec.mlir_name + ("_" if keyword.iskeyword(spec.mlir_name) else "")
        out.append(f"{builder} = _op_builder({cls})")
    out.append("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if the checked-in files differ from what would be generated")
    args = parser.parse_args(argv)
    specs = collect_specs()
    files = {IRDL_PATH: irdl_text(specs), PY_PATH: python_text(specs)}
    stale = [path for path, text in files.items()
             if not path.exists() or path.read_text() != text]
    if args.check:
        for path in stale:
            print(f"{path.relative_to(ROOT)} is out of date: regenerate it", file=sys.stderr)
        return 1 if stale else 0
    for path, text in files.items():
        path.write_text(text)
    print(f"wrote {len(specs)} ops to {IRDL_PATH.name} and {PY_PATH.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
