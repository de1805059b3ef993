"""The ONNX backend API (``onnx.backend.base``) on top of :func:`onnx_mlir.compile`.

    import onnx_mlir.backend as backend
    rep = backend.prepare(model, "CPU")     # compiles once
    outputs = rep.run([x, y])               # list of numpy arrays, in graph-output order

This is what ``onnx.backend.test.BackendTest`` drives (tests/conformance). Only the CPU device
exists. Inputs may be given positionally (graph inputs that are not initializers, in order) or as a
dict by name, like onnxruntime.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import onnx
from onnx.backend.base import Backend, BackendRep, Device, DeviceType, namedtupledict


class OnnxMlirBackendRep(BackendRep):
    """A compiled model (:class:`onnx_mlir.runtime.CompiledModel`) behind ``run(inputs)``."""

    def __init__(self, compiled: Any):
        self.compiled = compiled
        self.input_names = compiled.input_names
        self.output_names = compiled.output_names

    def run(self, inputs: Any, **kwargs: Any) -> tuple[Any, ...]:  # noqa: ARG002
        if isinstance(inputs, dict):
            feeds = dict(inputs)
        else:
            if isinstance(inputs, np.ndarray):
                inputs = [inputs]
            inputs = list(inputs)
            if len(inputs) != len(self.input_names):
                from .errors import InputError
                raise InputError(f"expected {len(self.input_names)} input(s) {self.input_names}, "
                                 f"got {len(inputs)}")
            feeds = dict(zip(self.input_names, inputs))
        outputs = self.compiled.run(None, feeds)
        return namedtupledict("Outputs", self.output_names)(*outputs)


class OnnxMlirBackend(Backend):
    """onnx-mlir-py as an ONNX backend: compiles with :func:`onnx_mlir.compile`, runs on the CPU."""

    @classmethod
    def is_compatible(cls, model: onnx.ModelProto, device: str = "CPU", **kwargs: Any) -> bool:  # noqa: ARG003
        return cls.supports_device(device)

    @classmethod
    def supports_device(cls, device: str) -> bool:
        try:
            return Device(device).type == DeviceType.CPU
        except Exception:  # noqa: BLE001 - an unparsable device string is simply not supported
            return False

    @classmethod
    def prepare(cls, model: onnx.ModelProto, device: str = "CPU", **kwargs: Any) -> OnnxMlirBackendRep:
        if not cls.supports_device(device):
            raise RuntimeError(f"onnx-mlir-py supports only the CPU device, not '{device}'")
        super().prepare(model, device, **kwargs)  # checks the model
        import onnx_mlir

        opt_level = int(kwargs.get("opt_level", 3))
        return OnnxMlirBackendRep(onnx_mlir.compile(model, opt_level=opt_level))

    @classmethod
    def run_model(cls, model: onnx.ModelProto, inputs: Any, device: str = "CPU",
                  **kwargs: Any) -> tuple[Any, ...]:
        return cls.prepare(model, device, **kwargs).run(inputs)

    @classmethod
    def run_node(cls, node: onnx.NodeProto, inputs: Any, device: str = "CPU",
                 outputs_info: Sequence[tuple[np.dtype, tuple[int, ...]]] | None = None,
                 **kwargs: Any) -> tuple[Any, ...]:
        """Run one node: wrap it in a model whose inputs are typed from ``inputs``."""
        super().run_node(node, inputs, device=device, outputs_info=outputs_info)
        if isinstance(inputs, dict):
            named = inputs
        else:
            named = dict(zip([n for n in node.input if n], inputs))
        graph_inputs = [onnx.helper.make_tensor_value_info(
            name, onnx.helper.np_dtype_to_tensor_dtype(np.asarray(value).dtype), np.asarray(value).shape)
            for name, value in named.items()]
        if outputs_info is not None:
            graph_outputs = [onnx.helper.make_tensor_value_info(
                name, onnx.helper.np_dtype_to_tensor_dtype(np.dtype(dtype)), shape)
                for name, (dtype, shape) in zip(node.output, outputs_info)]
        opset = kwargs.pop("opset_version", onnx.defs.onnx_opset_version())
        opsets = [onnx.helper.make_opsetid(node.domain or "", opset)]
        if outputs_info is None:  # output types from ONNX shape inference
            probe = onnx.shape_inference.infer_shapes(onnx.helper.make_model(
                onnx.helper.make_graph([node], "run_node", graph_inputs, []), opset_imports=opsets))
            inferred = {vi.name: vi for vi in probe.graph.value_info}
            graph_outputs = [inferred[name] for name in node.output if name]
        model = onnx.helper.make_model(
            onnx.helper.make_graph([node], "run_node", graph_inputs, graph_outputs), opset_imports=opsets)
        return cls.prepare(model, device, **kwargs).run(named)


# Module-level functions, as ``onnx.backend.base`` backends expose them.
prepare = OnnxMlirBackend.prepare
run_model = OnnxMlirBackend.run_model
run_node = OnnxMlirBackend.run_node
supports_device = OnnxMlirBackend.supports_device
is_compatible = OnnxMlirBackend.is_compatible

__all__ = ["OnnxMlirBackend", "OnnxMlirBackendRep", "prepare", "run_model", "run_node", "supports_device"]
