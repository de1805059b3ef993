"""The only two ways an IR-derived value enters generated Python source.

Symbol names, node names, types and attribute values of the input (MLIR text or an ONNX model)
are untrusted: pasted into source they could close a ``def`` line and run arbitrary code when the
file is imported.  So the Triton generator never formats them directly:

* :func:`mangle` turns a name into an :class:`Identifier`: ``[A-Za-z_][A-Za-z0-9_]*`` made of the
  name's safe characters and a hash of the whole name, so two names that sanitize alike stay
  distinct and no result can be a keyword, a builtin or a global of the generated module.
* :func:`literal` turns a value into a Python literal: strings through ``ascii()`` (quotes,
  newlines and non-ASCII characters escaped), numbers after ``int()``/``float()`` (``inf``/``nan``
  as ``float('inf')`` expressions), containers element by element; anything else is refused.
* :func:`comment` makes a single ``#`` line whatever the text holds (:func:`one_line` escapes
  a message the same way).
"""

from __future__ import annotations

import builtins
import hashlib
import keyword
import math
import numbers
import re

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_UNSAFE_CHARS = re.compile(r"[^A-Za-z0-9_]")
_HASH_CHARS = 10  # 40 bits of the name's sha256: the suffix that keeps mangled names distinct
_MAX_STEM = 48  # keep the readable part of a huge name short

# Globals of the generated module (imports and prelude helpers) and the builtins a kernel uses.
RESERVED = frozenset({"triton", "tl", "_mm", "_conv", "torch", "np", "_tanh", "_powf", "_atan2",
                      "_mul", "_max_nan", "_min_nan", "_load", "_store"})


class Identifier(str):
    """A Python identifier made by :func:`mangle` (or a fixed internal name, :meth:`internal`).

    The generator's ``def`` lines take only this type, so a raw IR string cannot reach them."""

    __slots__ = ()

    def __new__(cls, text: str):
        if not _is_safe_identifier(text):
            raise ValueError(f"{text!a} is not a safe identifier for generated source")
        return super().__new__(cls, text)

    @classmethod
    def internal(cls, text: str) -> "Identifier":
        """A name the generator itself chose (``p0``, ``BLOCK``): checked, not mangled."""
        return cls(text)


def _is_safe_identifier(text: str) -> bool:
    return (_IDENTIFIER.fullmatch(text) is not None and not keyword.iskeyword(text)
            and not keyword.issoftkeyword(text) and text not in RESERVED
            and not hasattr(builtins, text) and not text.startswith("__"))


def name_hash(raw: str) -> str:
    """The short hash of a name that ends its mangled form."""
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:_HASH_CHARS]


def mangle(raw: str) -> Identifier:
    """The Python identifier for the IR name ``raw``: its ``[A-Za-z0-9_]`` characters (others
    become ``_``), then ``_`` and :func:`name_hash` of ``raw``; ``k`` in front unless the name
    starts with an ASCII letter (so never a ``__`` name).  Always suffixed, so a clean name cannot impersonate the
    mangled form of another, and never a keyword, builtin or module global."""
    if not isinstance(raw, str):
        raise TypeError(f"mangle() takes a str, got {type(raw).__name__}")
    stem = _UNSAFE_CHARS.sub("_", raw)[:_MAX_STEM]
    if not ("a" <= stem[:1].lower() <= "z"):
        stem = "k" + stem
    return Identifier(f"{stem}_{name_hash(raw)}")


def literal(value: object) -> str:
    """``value`` as a Python literal expression (see the module docstring)."""
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, numbers.Integral):
        return repr(int(value))
    if isinstance(value, numbers.Real):
        f = float(value)
        if math.isnan(f):
            return "float('nan')"
        if math.isinf(f):
            return "float('inf')" if f > 0 else "float('-inf')"
        return repr(f)
    if isinstance(value, str):
        return ascii(value)
    if isinstance(value, tuple):
        items = [literal(v) for v in value]
        return f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})"  # (), (a,), (a, b)
    if isinstance(value, list):
        return f"[{', '.join(literal(v) for v in value)}]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{literal(k)}: {literal(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no safe Python literal for a {type(value).__name__}")


def one_line(text: str) -> str:
    """``text`` with line breaks, control and non-ASCII characters escaped (``\\n``, ``\\x00``...)."""
    return "".join(c if " " <= c <= "~" else ascii(c)[1:-1] for c in str(text))


def comment(text: str) -> str:
    """A one-line ``# text`` comment, whatever ``text`` holds."""
    return "# " + one_line(text)
