"""Hostile names for the GPU path's source-injection tests (shared by the pytest side and the
interpreter subprocess, gpu_hostile_cases.py).

Each payload, if it ever ran as Python, would create the marker file: the tests check that the
marker does not exist afterwards.  ``{marker}`` is replaced by the marker's path.
"""

from __future__ import annotations

import re

PAYLOADS = [
    "x():\n    pass\nimport os; os.system('touch {marker}')\ndef y",  # closes the def line
    'a"""\n__import__("os").system("touch {marker}")\n"""',
    "a'''\n__import__('os').system('touch {marker}')\n'''",
    "__import__('os').system('touch {marker}')",
    "b\\\n__import__('os').system('touch {marker}')#",  # a backslash line continuation
    "c\\\\\\'\"\r__import__('os').system('touch {marker}')",
]
ODD_NAMES = [
    "ünïcødé_名前_\u2028\u0085\u00a0x",  # non-ASCII, Unicode line separators
    "", " ", "\t", "0", "_", "9lives", "\x00nul", "''", '""',  # empty-ish, digits, quotes
    "tl", "triton", "torch", "__import__", "float", "range", "def", "None", "_load", "match",
]
COLLIDING = ["a.b", "a-b", "a b", "a_b"]  # the same after replacing unsafe characters


def hostile_names(marker: str) -> list[str]:
    return [p.replace("{marker}", marker) for p in PAYLOADS] + ODD_NAMES + COLLIDING


def mlir_string(text: str) -> str:
    """``text`` as an MLIR string literal (every byte outside plain printable ASCII as ``\\XX``)."""
    out = []
    for b in text.encode("utf-8"):
        c = chr(b)
        out.append(c if 0x20 <= b < 0x7F and c not in '"\\' else f"\\{b:02X}")
    return '"' + "".join(out) + '"'


POINTWISE_BODY = """(%x: tensor<16xf32>) -> tensor<16xf32> {attrs}{{
  %e = tensor.empty() : tensor<16xf32>
  %y = linalg.generic {{indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
                       iterator_types = ["parallel"]}} ins(%x : tensor<16xf32>) outs(%e : tensor<16xf32>) {{
  ^bb0(%in: f32, %out: f32):
    %c = arith.constant 1.5 : f32
    %m = arith.mulf %in, %c : f32
    %r = math.exp %m : f32
    linalg.yield %r : f32
  }} -> tensor<16xf32>
  return %y : tensor<16xf32>
}}"""


def linalg_module(names: list[str]) -> str:
    """One public linalg function per name (the tool groups them into kernels)."""
    return "\n".join(f"func.func @{mlir_string(n)}" + POINTWISE_BODY.format(attrs="") for n in names)


def grouped_module(names: list[str], marker: str) -> str:
    """Already grouped kernels named exactly ``names``, plus fallbacks whose kind and reason are
    hostile (the reasons end up in comments of the emitted source)."""
    parts = [f"func.func private @{mlir_string(n)}"
             + POINTWISE_BODY.format(attrs='attributes {onnx_mlir.kernel_kind = "pointwise"} ')
             for n in names]
    payload = PAYLOADS[0].replace("{marker}", marker)
    kind = f'attributes {{onnx_mlir.kernel_kind = {mlir_string(payload)}}} '
    reason = (f'attributes {{onnx_mlir.kernel_kind = "host", '
              f'onnx_mlir.host_reason = {mlir_string(PAYLOADS[2].replace("{marker}", marker))}}} ')
    parts.append(f"func.func private @{mlir_string(payload + '_kind')}" + POINTWISE_BODY.format(attrs=kind))
    parts.append(f"func.func private @{mlir_string(payload + '_host')}" + POINTWISE_BODY.format(attrs=reason))
    return "module {\n" + "\n".join(parts) + "\n}\n"


IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
