# The two commands of the README. Both set everything up on a fresh machine (python3 + pip).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lit pytest conformance example-plugin example-plugin-install conformance-report regenerate fuzz iree-venv clean check-old-triton

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

# Compile the bundled LeNet-5 through every stage, run it, compare with onnxruntime, time it.
demo: $(STAMP)
	$(BIN)/python examples/demo.py

# Every test: lit + FileCheck per stage, pytest (numerics against onnxruntime), then the ONNX
# backend node cases (tests/conformance, strict xfails listed in expected_failures.txt), then the
# out-of-tree example plugin's own tests. The plugin is installed first, as a user installs one,
# so that the project's tests also run with a plugin present (its entry-point test included).
test: example-plugin-install lit pytest conformance example-plugin

lit: $(STAMP)
	$(BIN)/lit -sv tests/lit

pytest: $(STAMP)
	$(BIN)/python -m pytest -n auto tests/python

# The 1,884 ONNX backend node cases (test data generated once into ~/.cache/onnx-mlir-py).
conformance: $(STAMP)
	$(BIN)/python -m pytest -n auto -q tests/conformance

# examples/plugin: a pip-installable plugin found through its entry point (docs/extending.md).
example-plugin-install: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e examples/plugin

example-plugin: example-plugin-install
	$(BIN)/lit -sv examples/plugin/tests/lit
	$(BIN)/python -m pytest -q examples/plugin/tests

# Rerun every node case; rewrite the expected-failures list and docs/supported-ops.md.
conformance-report: $(STAMP)
	$(BIN)/python -m onnx_mlir.tools.conformance --write-expected-failures --write-docs

# Fuzz: N mutated models (imported, compiled, run, compared with onnxruntime) and N mutated lit
# inputs of onnx-mlir-opt, in crash-proof worker processes. Prints one table of outcomes per
# target, writes a reproducer per bad case under fuzz-out/, fails on any abort, segfault, hang,
# untyped exception or wrong result. `make fuzz N=10000 SEED=7 JOBS=2`.
N    ?= 1000
SEED ?= 0
JOBS ?= 2
fuzz: $(STAMP)
	$(BIN)/python -m onnx_mlir.tools.fuzz --cases $(N) --seed $(SEED) --jobs $(JOBS) --out fuzz-out

# Rewrite the generated onnx dialect from the installed onnx schemas.
regenerate: $(STAMP)
	$(BIN)/python -m onnx_mlir.tools.gen_onnx_dialect

# IREE, only to compare compile times with (`benchmarks/bench_compile.py --iree .iree-venv/bin`).
iree-venv:
	$(PYTHON) -m venv .iree-venv
	.iree-venv/bin/python -m pip install --quiet --disable-pip-version-check iree-base-compiler==3.13.0 onnx

# The GPU packages' kernels compiled for sm_90 by an older Triton (3.4.0: generated kernels and
# templates may use only what Triton has from 3.4 on), in an environment of its own with torch
# (CPU) and no MLIR: the packages of the benchmark models are exported with the project's venv,
# then every launch is compiled there (runtime/gpu_package/compile_check.py). Not part of
# `make test` (CI skips it): the venv downloads ~150 MB of Triton and the compiles take minutes.
# `make check-old-triton OLD_TRITON=3.6.0` checks another release (a venv per release).
OLD_TRITON       ?= 3.4.0
OLD_TRITON_VENV  := .venv-triton-$(OLD_TRITON)
GPU_CHECK_DIR    ?= build/old-triton-packages
GPU_CHECK_EXPORT ?= --batches 1 --precisions f32 f16
$(OLD_TRITON_VENV)/.installed:
	$(PYTHON) -m venv $(OLD_TRITON_VENV)
	$(OLD_TRITON_VENV)/bin/python -m pip install --quiet triton==$(OLD_TRITON) 'torch==2.13.0' numpy
	mkdir -p $(OLD_TRITON_VENV)/src && ln -sfn $(CURDIR) $(OLD_TRITON_VENV)/src/onnx_mlir
	echo $(CURDIR)/$(OLD_TRITON_VENV)/src > $$($(OLD_TRITON_VENV)/bin/python -c "import sysconfig; print(sysconfig.get_paths()['purelib'])")/onnx_mlir_src.pth
	touch $@

check-old-triton: $(STAMP) $(OLD_TRITON_VENV)/.installed
	$(BIN)/python benchmarks/gpu/export_packages.py -o $(GPU_CHECK_DIR) $(GPU_CHECK_EXPORT)
	cd $(GPU_CHECK_DIR) && env -u TRITON_INTERPRET $(CURDIR)/$(OLD_TRITON_VENV)/bin/python -m \
	    onnx_mlir.runtime.gpu_package.compile_check packages/* --target cuda:90

clean:
	rm -rf $(VENV) .venv-triton-* build *.egg-info
