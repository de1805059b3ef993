"""Scalars in generated Triton: element types, constants and the ops of linalg bodies.

Every constant becomes a number through ``int()``/``float()`` and :func:`..pysource.literal`,
never its attribute text.
"""

from __future__ import annotations

import re

from mlir import ir

from ....triton_kernels.common import ELEMENT_TYPES
from ..pysource import literal
from .kernel_source import CodegenError


def elem_name(t: ir.Type) -> str:
    t = ir.ShapedType(t).element_type if isinstance(t, ir.ShapedType) else t
    return str(t)


def tl_dtype(t: ir.Type) -> str:
    name = elem_name(t)
    if name == "index":  # sizes and indices computed in a body
        return "tl.int64"
    if name not in ELEMENT_TYPES:
        raise CodegenError(f"element type {name} is not supported by the Triton backend")
    return "tl." + ELEMENT_TYPES[name][1]


def ptr_type(t: ir.Type) -> str:
    name = elem_name(t)
    if name not in ELEMENT_TYPES:
        raise CodegenError(f"element type {name} is not supported by the Triton backend")
    return "*" + ELEMENT_TYPES[name][0]


_BINARY = {
    "arith.addf": "({a} + {b})", "arith.subf": "({a} - {b})", "arith.mulf": "({a} * {b})",
    "arith.divf": "({a} / {b})", "arith.addi": "({a} + {b})", "arith.subi": "({a} - {b})",
    "arith.muli": "({a} * {b})", "arith.divsi": "({a} // {b})", "arith.remsi": "({a} % {b})",
    "arith.remf": "({a} % {b})", "arith.andi": "({a} & {b})", "arith.ori": "({a} | {b})",
    "arith.xori": "({a} ^ {b})", "arith.shli": "({a} << {b})", "arith.shrsi": "({a} >> {b})",
    "arith.maximumf": "tl.maximum({a}, {b}, propagate_nan=tl.PropagateNan.ALL)",
    "arith.minimumf": "tl.minimum({a}, {b}, propagate_nan=tl.PropagateNan.ALL)",
    "arith.maxnumf": "tl.maximum({a}, {b})", "arith.minnumf": "tl.minimum({a}, {b})",
    "arith.maxsi": "tl.maximum({a}, {b})", "arith.minsi": "tl.minimum({a}, {b})",
    "math.powf": "_powf({a}, {b})", "math.atan2": "_atan2({a}, {b})",
}
_UNARY = {
    "arith.negf": "(-{a})", "math.exp": "tl.exp({a})", "math.exp2": "tl.exp2({a})",
    "math.log": "tl.log({a})", "math.log2": "tl.log2({a})", "math.sqrt": "tl.sqrt({a})",
    "math.rsqrt": "tl.rsqrt({a})", "math.sin": "tl.sin({a})", "math.cos": "tl.cos({a})",
    "math.absf": "tl.abs({a})", "math.absi": "tl.abs({a})", "math.floor": "tl.floor({a})",
    "math.ceil": "tl.ceil({a})", "math.erf": "tl.erf({a})", "math.tanh": "_tanh({a})",
    "math.log1p": "tl.log(1.0 + {a})", "math.expm1": "(tl.exp({a}) - 1.0)",
    "math.tan": "(tl.sin({a}) / tl.cos({a}))",
}
_CMPF = {"oeq": "==", "ueq": "==", "one": "!=", "une": "!=", "ogt": ">", "ugt": ">", "oge": ">=",
         "uge": ">=", "olt": "<", "ult": "<", "ole": "<=", "ule": "<="}
_CMPI = {"eq": "==", "ne": "!=", "slt": "<", "sle": "<=", "sgt": ">", "sge": ">="}
_CASTS = ("arith.extf", "arith.truncf", "arith.sitofp", "arith.fptosi", "arith.extsi",
          "arith.trunci", "arith.index_cast")


_CMPF_NAMES = ["false", "oeq", "ogt", "oge", "olt", "ole", "one", "ord", "ueq", "ugt", "uge", "ult",
               "ule", "une", "uno", "true"]


_LITERAL = re.compile(r"^(-?[0-9.e+-]+|float\('-?(inf|nan)'\)|True|False)$")


def cast(expr: str, dtype: str) -> str:
    """``expr.to(dtype)``; a Python literal becomes a 0-d tensor of ``dtype`` first."""
    if _LITERAL.match(expr.strip()):
        return f"tl.full([], {expr}, {dtype})"
    return f"({expr}).to({dtype})"


def _cmpf_name(pred) -> str:
    return _CMPF_NAMES[pred] if isinstance(pred, int) else str(pred)


def _unsigned(t: ir.Type) -> str:
    width = ir.IntegerType(t).width
    return f"tl.uint{width}"


def _bitcast(expr: str, ty: str) -> str:
    return f"({expr}).to({ty}, bitcast=True)"


def scalar_literal(attr: ir.Attribute, t: ir.Type) -> str:
    """The Python literal of a scalar constant: a number parsed from the attribute, never its text."""
    name = str(t)
    text = str(attr).split(":")[0].strip()
    if name == "i1":
        return literal(text in ("true", "1"))
    if name.startswith("i") or name == "index":
        return literal(int(text))
    if name in ("f16", "bf16", "f32", "f64"):
        return literal(float(ir.FloatAttr(attr).value))
    raise CodegenError(f"constant of type {name} is not supported by the Triton backend")


def scalar_expr(op: ir.Operation, a: list[str], dims: list[str]) -> str:
    """The Triton expression of one op of a linalg body, on its operands' expressions ``a``
    (``dims``: the loop indices, for ``linalg.index``)."""
    name = op.name
    if name in _BINARY:
        return _BINARY[name].format(a=a[0], b=a[1])
    if name in _UNARY:
        return _UNARY[name].format(a=a[0])
    if name == "arith.constant":
        return scalar_literal(op.attributes["value"], op.results[0].type)
    if name == "arith.select":
        return f"tl.where({a[0]}, {a[1]}, {a[2]})"
    if name == "arith.cmpf":
        pred = str(op.attributes["predicate"])
        pred_name = _cmpf_name(int(pred.split(":")[0].strip()) if pred[0].isdigit() else pred)
        if pred_name == "uno":
            return f"(({a[0]} != {a[0]}) | ({a[1]} != {a[1]}))"
        if pred_name == "ord":
            return f"(({a[0]} == {a[0]}) & ({a[1]} == {a[1]}))"
        if pred_name not in _CMPF:
            raise CodegenError(f"arith.cmpf predicate {pred_name} is not supported")
        return f"({a[0]} {_CMPF[pred_name]} {a[1]})"
    if name == "arith.cmpi":
        pred = int(str(op.attributes["predicate"]).split(":")[0].strip())
        pred_name = ["eq", "ne", "slt", "sle", "sgt", "sge", "ult", "ule", "ugt", "uge"][pred]
        if pred_name in _CMPI:
            return f"({a[0]} {_CMPI[pred_name]} {a[1]})"
        ut = _unsigned(op.operands[0].type)
        sym = {"ult": "<", "ule": "<=", "ugt": ">", "uge": ">="}[pred_name]
        return f"({_bitcast(a[0], ut)} {sym} {_bitcast(a[1], ut)})"
    if name in _CASTS:
        return cast(a[0], tl_dtype(op.results[0].type))
    if name in ("arith.uitofp", "arith.extui"):
        src = op.operands[0].type
        if str(src) == "i1":
            return f"({a[0]}).to({tl_dtype(op.results[0].type)})"
        return f"({_bitcast(a[0], _unsigned(src))}).to({tl_dtype(op.results[0].type)})"
    if name in ("arith.divui", "arith.remui", "arith.maxui", "arith.minui", "arith.shrui"):
        ut = _unsigned(op.results[0].type)
        x, y = _bitcast(a[0], ut), _bitcast(a[1], ut)
        inner = {"arith.divui": f"({x} // {y})", "arith.remui": f"({x} % {y})",
                 "arith.maxui": f"tl.maximum({x}, {y})", "arith.minui": f"tl.minimum({x}, {y})",
                 "arith.shrui": f"({x} >> {y})"}[name]
        return f"({inner}).to({tl_dtype(op.results[0].type)}, bitcast=True)"
    if name == "arith.bitcast":
        return f"({a[0]}).to({tl_dtype(op.results[0].type)}, bitcast=True)"
    if name == "math.fma":
        return f"tl.fma({a[0]}, {a[1]}, {a[2]})"
    if name == "linalg.index":
        return dims[ir.IntegerAttr(op.attributes["dim"]).value]
    raise CodegenError(f"'{name}' in a linalg body is not supported by the Triton backend")
