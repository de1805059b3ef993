"""ONNX → `onnx` dialect importer."""

from .onnx_importer import ENTRY_FUNCTION, OnnxImporter, Scope, import_model, op_class_for

__all__ = ["ENTRY_FUNCTION", "OnnxImporter", "Scope", "import_model", "op_class_for"]
