"""The ``onnx-mlir-opt`` fuzzer's corpus and mutations.

The corpus is every ``// -----`` chunk of the lit tests' ``.mlir`` inputs with the pass flags of
the file's ``onnx-mlir-opt`` RUN lines (or one of :data:`EXTRA_PIPELINES`). Mutations work on
tokens (numbers, types, shapes, bracketed attribute values), lines and raw bytes.
"""

from __future__ import annotations

import random
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

EXTRA_PIPELINES = (["--onnx-simplify"], ["--convert-onnx-to-linalg"], ["--onnx-shape-inference"],
                   ["--onnx-constant-fold"], ["--onnx-decompose"], ["--onnx-to-cpu"],
                   ["--canonicalize"], [])
# Flags that change how the tool reports rather than what it runs: the fuzzer checks exit codes.
_DROPPED_FLAGS = ("--split-input-file", "--verify-diagnostics", "--mlir-print-ir-after-all",
                  "-split-input-file", "-verify-diagnostics")
_RUN = re.compile(r"//\s*RUN:\s*(.*)$")
_SPLIT = re.compile(r"^\s*// -----", re.M)

INTERESTING_NUMBERS = ("0", "-1", "1", "2147483648", "-2147483649", "9223372036854775807",
                       "18446744073709551616", "99999999999999999999999", "1.0e309", "-0.0",
                       "0x7FFFFFFF", "nan", "1099511627776")
TYPES = ("i1", "i2", "i8", "i32", "i64", "i1024", "ui8", "ui64", "si8", "f16", "bf16", "f32", "f64",
         "f8E4M3FN", "f4E2M1FN", "index", "none", "complex<f32>", "tensor<2xf32>", "!onnx.string",
         "memref<2xf32>", "vector<4xf32>")
SHAPE_DIMS = ("0", "1", "?", "1099511627776", "9223372036854775807", "4294967296", "-1")
ATTRIBUTE_VALUES = ('"abc"', '""', "unit", "1 : i64", "1.5 : f32", '["a", "b"]', "[]",
                    "[1.5 : f32]", "[-1 : i64, 9223372036854775807 : i64]", "dense<1> : tensor<2xi64>",
                    "dense<\"0xFF\"> : tensor<1xi8>", "{a = 1}", "@sym", "array<i64: 1, 2>",
                    "true", "[[1 : i64]]", "i1024")
TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"'                       # strings
                   r"|(?:\d+|\?)(?:x(?:\d+|\?))*x(?=[a-z!])"     # shape prefixes: 2x?x
                   r"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?"          # numbers
                   r"|[%@#^!]?[A-Za-z_][\w.$]*"                  # identifiers, types, values
                   r"|\s+|.", re.S)
_TYPE_TOKEN = re.compile(r"^(?:[su]?i\d+|bf16|f\d+\w*|index)$")


@dataclass(frozen=True)
class MlirSeed:
    """One chunk of a lit test input and the pass flags it runs with."""

    name: str
    text: str
    flags: tuple[str, ...]


@dataclass
class MutatedMlir:
    data: bytes
    flags: list[str]
    steps: list[str] = field(default_factory=list)


def _run_flags(line: str) -> list[str] | None:
    """Pass flags of an ``onnx-mlir-opt %s ...`` RUN command, or None for other commands and
    for RUN lines that test the command line itself (bad options, --help)."""
    command = line.split("|")[0].replace("2>&1", "").strip()
    if command.startswith("not "):
        command = command[4:].strip()
    if not command.startswith("onnx-mlir-opt") or "no-such" in command or "bogus" in command:
        return None
    try:
        words = shlex.split(command)[1:]
    except ValueError:
        return None
    flags, skip = [], False
    for word in words:
        if skip:
            skip = False
        elif word == "-o":
            skip = True
        elif word in ("%s", "<", ">/dev/null") or word.startswith("%t") or word in _DROPPED_FLAGS:
            continue
        elif word in ("--help", "--list-passes", "-o", "--one-shot-bufferize"):
            return None
        else:
            flags.append(word)
    return flags


def load_corpus(lit_dir: Path) -> list[MlirSeed]:
    seeds = []
    for path in sorted(lit_dir.rglob("*.mlir")):
        if "Output" in path.relative_to(lit_dir).parts:
            continue  # lit's temporary files
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        flag_sets = []
        for line in text.splitlines():
            match = _RUN.search(line)
            flags = _run_flags(match.group(1)) if match else None
            if flags is not None and flags not in flag_sets:
                flag_sets.append(flags)
        if not flag_sets:
            continue
        for k, chunk in enumerate(_SPLIT.split(text)):
            if chunk.strip():
                for flags in flag_sets:
                    seeds.append(MlirSeed(f"{path.relative_to(lit_dir)}#{k}", chunk, tuple(flags)))
    return seeds


# --------------------------------------------------------------------------------------- mutations

def _tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def _pick(tokens: list[str], rng: random.Random, predicate) -> int | None:
    indices = [i for i, t in enumerate(tokens) if predicate(t)]
    return rng.choice(indices) if indices else None


def _replace_number(tokens, rng):
    k = _pick(tokens, rng, lambda t: t[:1].isdigit() or (t[:1] == "-" and t[1:2].isdigit()))
    if k is None or "x" in tokens[k]:
        return None
    tokens[k] = rng.choice(INTERESTING_NUMBERS)
    return f"number -> {tokens[k]}"


def _replace_type(tokens, rng):
    k = _pick(tokens, rng, _TYPE_TOKEN.match)
    if k is None:
        return None
    old, tokens[k] = tokens[k], rng.choice(TYPES)
    return f"type {old} -> {tokens[k]}"


def _replace_shape(tokens, rng):
    k = _pick(tokens, rng, lambda t: t.endswith("x") and t[:1] in "0123456789?")
    if k is None:
        return None
    dims = tokens[k][:-1].split("x")
    action = rng.randrange(3)
    if action == 0:
        dims[rng.randrange(len(dims))] = rng.choice(SHAPE_DIMS)
    elif action == 1:
        dims = [rng.choice(SHAPE_DIMS[3:5])] * len(dims)
    else:
        dims.insert(rng.randrange(len(dims) + 1), rng.choice(SHAPE_DIMS))
    tokens[k] = "x".join(dims) + "x"
    return f"shape -> {tokens[k]}"


def _replace_bracketed(tokens, rng):
    """An attribute value (a ``[...]`` list, a number) replaced by a value of another kind."""
    opens = [i for i, t in enumerate(tokens) if t == "["]
    if not opens:
        return None
    start = rng.choice(opens)
    depth = 0
    for end in range(start, len(tokens)):
        depth += {"[": 1, "]": -1}.get(tokens[end], 0)
        if depth == 0:
            break
    else:
        return None
    tokens[start:end + 1] = [rng.choice(ATTRIBUTE_VALUES)]
    return f"attribute value -> {tokens[start]}"


def _token_edit(tokens, rng):
    significant = [i for i, t in enumerate(tokens) if not t.isspace()]
    if len(significant) < 2:
        return None
    i, j = rng.sample(significant, 2)
    action = rng.randrange(3)
    if action == 0:
        del tokens[i]
        return "delete a token"
    if action == 1:
        tokens.insert(i, tokens[j])
        return "copy a token"
    tokens[i], tokens[j] = tokens[j], tokens[i]
    return "swap two tokens"


TOKEN_MUTATORS = {"number": _replace_number, "type": _replace_type, "shape": _replace_shape,
                  "attribute": _replace_bracketed, "token": _token_edit}
TOKEN_WEIGHTS = {"number": 3, "type": 2, "shape": 3, "attribute": 2, "token": 2}


def _line_edit(text: str, rng: random.Random) -> tuple[str, str]:
    lines = text.split("\n")
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    action = rng.randrange(3)
    if action == 0:
        del lines[i]
        return "\n".join(lines), "delete a line"
    if action == 1:
        lines.insert(i, lines[j])
        return "\n".join(lines), "duplicate a line"
    lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines), "swap two lines"


def _byte_edit(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    buf = bytearray(data)
    if not buf:
        return data, "empty"
    at = rng.randrange(len(buf))
    action = rng.randrange(3)
    if action == 0:
        buf[at] ^= 1 << rng.randrange(8)
        return bytes(buf), f"flip a bit at {at}"
    if action == 1:
        return bytes(buf[:at]), f"truncate at {at}"
    return bytes(buf[:at]) + rng.choice((b"\xff\xfe", b"\xc3", b"\x00", b"\xe2\x80\xae")) + bytes(buf[at:]), \
        f"insert non-ASCII bytes at {at}"


def mutate_mlir(seed: MlirSeed, rng: random.Random, max_steps: int = 3) -> MutatedMlir:
    flags = list(seed.flags)
    steps = []
    if rng.random() < 0.3:
        flags = list(rng.choice(EXTRA_PIPELINES))
        steps.append(f"flags {' '.join(flags) or '(none)'}")
    text = seed.text
    names, weights = list(TOKEN_MUTATORS), [TOKEN_WEIGHTS[n] for n in TOKEN_MUTATORS]
    for _ in range(rng.randint(1, max_steps)):
        if rng.random() < 0.15:
            text, step = _line_edit(text, rng)
        else:
            tokens = _tokens(text)
            name = rng.choices(names, weights)[0]
            step = TOKEN_MUTATORS[name](tokens, rng)
            text = "".join(tokens)
        if step:
            steps.append(step)
    data = text.encode()
    if rng.random() < 0.1:
        data, step = _byte_edit(data, rng)
        steps.append(step)
    return MutatedMlir(data, flags, steps)
