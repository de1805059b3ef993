"""`onnx-mlir-bisect`: name the first node whose outputs differ from the reference's.

    onnx-mlir-bisect model.onnx                          # random inputs (seed 0)
    onnx-mlir-bisect model.onnx --inputs feeds.npz --rtol 1e-4 --atol 1e-6
    onnx-mlir-bisect model.onnx --dim batch=4 --seed 3 --reference=onnx

Exit status: 0 when every observed value agrees, 1 when a divergence is found or on an error
(printed as a diagnostic, no traceback), 2 on an internal error of the tool.
"""

from __future__ import annotations

import argparse
import sys

from .bisector import DEFAULT_ATOL, DEFAULT_RTOL
from .feeds import DEFAULT_INT_RANGE
from .reference import REFERENCES

PROG = "onnx-mlir-bisect"


def _dim(text: str) -> tuple[str, int]:
    name, sep, size = text.partition("=")
    if not sep or not name or not size.isdigit():
        raise argparse.ArgumentTypeError(f"expected NAME=SIZE, got '{text}'")
    return name, int(size)


def _int_range(text: str) -> tuple[int, int]:
    low, sep, high = text.partition(":")
    try:
        bounds = (int(low), int(high))
    except ValueError:
        bounds = None
    if not sep or bounds is None or bounds[0] >= bounds[1]:
        raise argparse.ArgumentTypeError(f"expected LOW:HIGH with LOW < HIGH, got '{text}'")
    return bounds


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG, description="Compile an ONNX model with every intermediate value exposed, "
        "compare each node's outputs with onnxruntime (or ONNX's reference evaluator) and name "
        "the first node whose outputs diverge while all its inputs agree.")
    parser.add_argument("model", help="the ONNX model: a .onnx file or textual .onnxtxt")
    parser.add_argument("--inputs", metavar="FEEDS.npz",
                        help="input values by input name (default: random, from --seed)")
    parser.add_argument("--rtol", type=float, default=DEFAULT_RTOL,
                        help=f"relative tolerance of float values (default {DEFAULT_RTOL:g}; "
                             "at least 4 eps of the type for f16, bf16, float8)")
    parser.add_argument("--atol", type=float, default=DEFAULT_ATOL,
                        help=f"absolute tolerance of float values (default {DEFAULT_ATOL:g})")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random inputs (default 0)")
    parser.add_argument("--dim", type=_dim, action="append", default=[], metavar="NAME=SIZE",
                        help="size of a symbolic input dim of the random inputs (default 1)")
    low, high = DEFAULT_INT_RANGE
    parser.add_argument("--int-range", type=_int_range, default=DEFAULT_INT_RANGE,
                        metavar="LOW:HIGH",
                        help=f"range [LOW, HIGH) of random integer inputs (default {low}:{high}; "
                             "indices of Gather-like nodes stay below the indexed size)")
    parser.add_argument("--reference", choices=REFERENCES, default="auto",
                        help="auto: onnxruntime, or ONNX's reference evaluator where onnxruntime "
                             "cannot run the model (default); onnxruntime; onnx")
    parser.add_argument("--batch-size", type=int, default=0, metavar="N",
                        help="compile at most N exposed values at a time (default: all at once)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="also list every node with whether it agrees")
    return parser


def run(args: argparse.Namespace) -> int:
    from ...errors import OnnxMlirError
    from .bisector import bisect
    from .feeds import load_feeds

    try:
        feeds = load_feeds(args.inputs) if args.inputs else None
        report = bisect(args.model, feeds, rtol=args.rtol, atol=args.atol, seed=args.seed,
                        dims=dict(args.dim), int_range=args.int_range, reference=args.reference,
                        batch_size=args.batch_size)
    except OnnxMlirError as error:
        text = error.format()
        print(text if error.diagnostics else f"{args.model}: {text}", file=sys.stderr)
        return 1
    print(report.format(verbose=args.verbose))
    return 0 if report.agrees else 1


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return run(args)
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug of ours: say so in one line, never a traceback
        print(f"{PROG}: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
