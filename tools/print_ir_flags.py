"""The ``--mlir-print-ir-*`` flags on both tools: one definition (``opt_cli.FLAGS``), two parsers.

``onnx-mlir-opt`` parses its command line by hand (opt_cli.py: unknown flags are passes);
``onnx-mlir`` uses argparse. :func:`add_arguments` turns the FLAGS entries of the family into
argparse arguments with the same names, kinds and help, so both tools end with the same
attributes (``mlir_print_ir_after_all``, ...), from which :func:`ir_printer` builds the
instrumentation. Nothing here imports MLIR (``--help`` stays fast).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any, Callable, TextIO

from .opt_cli import FLAGS, METAVARS, prints_ir

if TYPE_CHECKING:
    from ..passes.instrumentation import IRPrinter, PrintOptions

NAMES = [name for name in FLAGS if name.startswith("mlir-print-ir-")]


class _CommaList(argparse.Action):
    """A repeatable flag whose values are comma separated (``--mlir-print-ir-after=a,b``)."""

    def __call__(self, parser, namespace, values, option_string=None):
        items = list(getattr(namespace, self.dest) or [])
        items.extend(v.strip() for v in values.split(",") if v.strip())
        setattr(namespace, self.dest, items)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The print-IR flags of FLAGS as argparse arguments (bool, value and list kinds)."""
    for name in NAMES:
        kind, help_text = FLAGS[name]
        if kind == "bool":
            parser.add_argument(f"--{name}", action="store_true", help=help_text)
        elif kind == "value":
            parser.add_argument(f"--{name}", metavar=METAVARS.get(name, "VALUE"), help=help_text)
        elif kind == "list":
            parser.add_argument(f"--{name}", action=_CommaList, default=[],
                                metavar=METAVARS.get(name, "VALUE"), help=help_text)
        else:  # a kind this family does not use: say so rather than drop the flag
            raise AssertionError(f"--{name}: flag kind '{kind}' has no argparse form")


def ir_printer(opts: Any, stream: TextIO, print_options: "PrintOptions",
               rename: Callable[[str], str] | None = None) -> "IRPrinter | None":
    """The IR printer the flags of ``opts`` ask for (None when they ask for none)."""
    if not prints_ir(opts):
        return None
    from ..passes.instrumentation import IRPrinter

    return IRPrinter(stream, print_options, opts.mlir_print_ir_before_all,
                     opts.mlir_print_ir_after_all, frozenset(opts.mlir_print_ir_before),
                     frozenset(opts.mlir_print_ir_after), opts.mlir_print_ir_after_change,
                     opts.mlir_print_ir_after_failure, opts.mlir_print_ir_tree_dir, rename=rename)
