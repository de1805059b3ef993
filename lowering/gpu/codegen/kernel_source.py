"""A generated kernel's text and launch parameters (:class:`KernelSource`), and its pieces.

:func:`kernel_header` writes the ``def`` line (the name must be a :func:`..pysource.mangle`d
:class:`..pysource.Identifier`); :data:`PRELUDE` holds the helpers every generated file starts
with.  ``module_source`` (``codegen/__init__.py``) puts kernels into one file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..pysource import Identifier


class CodegenError(Exception):
    """A kernel that the Triton generator cannot express (the reason is the message)."""


@dataclass
class KernelSource:
    """A generated kernel and how to launch it."""

    name: Identifier  # the Python function name in the source (the mangled symbol)
    kind: str
    source: str
    arg_types: list[str]  # Triton signature types of the parameters, e.g. "*fp32"
    num_inputs: int
    grid: tuple  # ints, or size trees (dynamic shapes)
    constexprs: dict[str, object] = field(default_factory=dict)
    num_warps: int = 4
    num_stages: int = 2
    imports: list[str] = field(default_factory=list)
    symbol: str = ""  # the outlined func's MLIR symbol (untrusted text: never pasted into source)
    # dynamic shapes: the (argument, axis) of each size parameter (after the pointers), and each
    # result's shape (ints and size trees over ("dim", argument, axis); runtime/size_expr.py)
    size_args: list[tuple[int, int]] = field(default_factory=list)
    output_shapes: list[list] = field(default_factory=list)

    @property
    def is_static(self) -> bool:
        return not self.size_args

    @property
    def signature(self) -> dict[str, str]:
        """Parameter name -> Triton type: the pointers ``p<i>``, then the size parameters."""
        n_ptrs = len(self.arg_types) - len(self.size_args)
        names = [f"p{i}" for i in range(n_ptrs)] + [f"s{i}_{a}" for i, a in self.size_args]
        return dict(zip(names, self.arg_types))


# Helpers emitted at the top of every generated file (plain jit functions, no libdevice, so that
# they run in the interpreter too).
PRELUDE = '''
@triton.jit
def _tanh(x):
    return 2.0 * tl.sigmoid(2.0 * x) - 1.0


@triton.jit
def _powf(a, b):
    return tl.where(b == 0.0, 1.0, tl.exp2(b * tl.log2(a)))


@triton.jit
def _atan2(a, b):
    return tl.extra.libdevice.atan2(a, b)


@triton.jit
def _mul(a, b):
    return a * b


@triton.jit
def _max_nan(a, b):
    return tl.maximum(a, b, propagate_nan=tl.PropagateNan.ALL)


@triton.jit
def _min_nan(a, b):
    return tl.minimum(a, b, propagate_nan=tl.PropagateNan.ALL)


@triton.jit
def _load(ptr, mask):
    ptr, mask = tl.broadcast(ptr, mask)
    return tl.load(ptr, mask=mask, other=0)


@triton.jit
def _store(ptr, value, mask):
    ptr, mask = tl.broadcast(ptr, mask)
    tl.store(ptr, value, mask=mask)
'''


def kernel_header(name: Identifier, n_params: int, constexprs: list[str], sizes: list[Identifier] = ()) -> str:
    if not isinstance(name, Identifier):
        raise TypeError(f"a kernel name must be a mangled Identifier, not {type(name).__name__}")
    params = [Identifier.internal(f"p{i}") for i in range(n_params)] + [Identifier.internal(s) for s in sizes] + \
        [f"{Identifier.internal(c)}: tl.constexpr" for c in constexprs]
    return f"@triton.jit\ndef {name}({', '.join(params)}):"
