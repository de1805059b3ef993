"""CPU backend: linalg on tensors -> LLVM dialect.

``stages.py`` holds the stages' pipeline texts, ``passes.py`` the project passes they name
(``cpu-*``), ``pipeline.py`` the driver (``lower_to_llvm``); ``schedules.py`` the transform-dialect
schedules (``matmul_schedules.py`` the matmul tiles), ``fusion.py`` elementwise fusion (cut on
long chains by ``fusion_depth.py``), ``outline_kernels.py`` each loop nest a function of its own,
``math_approx.py`` exp/tanh/erf polynomials, ``reductions.py`` reassociable reductions,
``types.py``/``reshapes.py`` rewrites LLVM needs, ``target.py`` the target CPU.
Convolutions: ``conv_layout.py`` (NCHW -> NHWC, with ``layout_moves.py`` moving transposes until
they cancel and ``constant_transpose.py`` permuting constant weights), ``pad_in_place.py``,
``conv_schedules.py`` (tiles per ISA), ``grouped_conv.py`` (grouped convs as a loop of channels-last
convs), ``copies.py`` (strided copies as loops); ``epilogues.py`` (elementwise consumers fused into
conv/matmul tiles, with ``tile_forwarding.py`` and ``matmul_fusion.py``, which also splits large
matmuls over threads); ``threads.py`` the thread count and the async-runtime passes;
``externalize_weights.py`` moves large constants out of the code into a weights buffer argument.

The ``cpu-*`` passes and the ``linalg-to-cpu`` / ``onnx-to-cpu`` / ``cpu-<stage>`` pipelines are
listed in the pass catalog (``passes/catalog.py``) as ``"module:Class"`` strings and references to
the texts of stages.py: the registry never imports this package.
"""
