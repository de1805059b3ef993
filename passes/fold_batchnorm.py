"""An ``onnx-canonicalize`` rule (registered there): an inference BatchNormalization after a Conv with constant weights
is folded into the Conv's weights and bias, at compile time.

    BN(Conv(x, W, B)) = s * (Conv(x, W, B) - mean) + beta,  s = scale / sqrt(var + epsilon)
                      = Conv(x, W * s[:, None, ...], (B - mean) * s + beta)

Applies when the Conv's only user is the BatchNormalization, W (and B if given) and the four
BatchNormalization parameters are constants, and the BatchNormalization is in inference mode
(``training_mode`` 0, no running-statistics outputs). The folded values are computed in float64
and rounded once to the weights' type.
"""

from __future__ import annotations

import numpy as np
from mlir import ir

from ..dialects import onnx as onnx_dialect
from .onnx_bridge import array_attribute, constant_value
from .rewrite import has_uses

# Weights above this many elements become dense_resource blobs (as the importer's are).
_RESOURCE_THRESHOLD = 1024


def _owner(value: ir.Value) -> ir.Operation | None:
    if not isinstance(value, ir.OpResult):
        return None
    owner = value.owner
    return owner.operation if hasattr(owner, "operation") else owner


def _constant(value: ir.Value | None, shape: tuple[int, ...]) -> np.ndarray | None:
    array = constant_value(value) if value is not None else None
    if array is None or array.dtype.kind != "f" or tuple(array.shape) != shape:
        return None
    return array


def _new_constant(array: np.ndarray, like: ir.Type, name: str) -> ir.Value:
    t = ir.RankedTensorType.get(list(array.shape), ir.RankedTensorType(like).element_type)
    attr = array_attribute(array, t, name, resource_threshold=_RESOURCE_THRESHOLD)
    return onnx_dialect.ConstantOp([t], value=attr).result


def fold_into_conv(bn):
    """The replacement of BatchNormalization ``bn`` (a folded Conv), or None (the rule's
    contract in canonicalize.py)."""
    if bn.training_mode not in (None, 0) or \
            any(has_uses(r) for r in list(bn.operation.results)[1:]):  # training statistics
        return None
    conv = _owner(bn.x)
    if conv is None or conv.name != "onnx.conv" or sum(1 for _ in bn.x.uses) != 1:
        return None
    conv = conv.opview
    w_type = conv.w.type
    if not isinstance(w_type, ir.RankedTensorType) or not w_type.has_static_shape:
        return None
    channels = (w_type.shape[0],)
    w = _constant(conv.w, tuple(w_type.shape))
    params = [_constant(v, channels) for v in (bn.scale, bn.b, bn.input_mean, bn.input_var)]
    if w is None:
        return None
    bias = _constant(conv.b, channels) if conv.b is not None else np.zeros(channels, w.dtype)
    if bias is None or any(p is None for p in params) or \
            any(p.dtype != w.dtype for p in params):
        return None
    scale, beta, mean, var = (p.astype(np.float64) for p in params)
    epsilon = bn.epsilon if bn.epsilon is not None else 1e-5
    factor = scale / np.sqrt(var + float(epsilon))
    new_w = (w.astype(np.float64) * factor.reshape((-1,) + (1,) * (w.ndim - 1))).astype(w.dtype)
    new_b = ((bias.astype(np.float64) - mean) * factor + beta).astype(w.dtype)
    with ir.InsertionPoint(bn.operation), bn.location:
        w_value = _new_constant(new_w, w_type, "conv_bn_weight")
        b_value = _new_constant(new_b, ir.RankedTensorType.get(list(channels), w_type.element_type),
                                "conv_bn_bias")
        folded = onnx_dialect.ConvOp([bn.operation.results[0].type], conv.x, w_value, b_value,
                                     onnx_attributes=dict(conv.operation.attributes.items()))
    return [folded.result] + [None] * (len(bn.operation.results) - 1)
