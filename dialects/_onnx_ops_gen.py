"""Op classes of the `onnx` dialect, generated from onnx 1.23.2 schemas.

Do not edit: regenerate with ``python -m onnx_mlir.tools.gen_onnx_dialect``.
"""

# fmt: off
from mlir import ir as _ir

from ._onnx_support import OnnxOp as _OnnxOp, _Dialect, op_builder as _op_builder
from ._onnx_support import register_operation as _register

ONNX_VERSION = '1.23.2'
OPSET_VERSION = 28


@_register
class AbsOp(_OnnxOp):
    """ONNX Abs-13. Absolute takes one input data (Tensor) and produces one output data (Tensor) where absolute value, y = abs(x), is applied to the tensor elementwise."""

    OPERATION_NAME = "onnx.abs"
    ONNX_OP_TYPE = "Abs"
    ONNX_SINCE_VERSION = 13
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'),)
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def y(self):
        return self._result_group(0)


abs = _op_builder(AbsOp)

@_register
class AcosOp(_OnnxOp):
    """ONNX Acos-22. Calculates the arccosine (inverse of cosine) of the given input tensor, element-wise."""

    OPERATION_NAME = "onnx.acos"
    ONNX_OP_TYPE = "Acos"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def output(self):
        return self._result_group(0)


acos = _op_builder(AcosOp)

@_register
class AcoshOp(_OnnxOp):
    """ONNX Acosh-22. Calculates the hyperbolic arccosine of the given input tensor element-wise."""

    OPERATION_NAME = "onnx.acosh"
    ONNX_OP_TYPE = "Acosh"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def output(self):
        return self._result_group(0)


acosh = _op_builder(AcoshOp)

@_register
class AddOp(_OnnxOp):
    """ONNX Add-14. Performs element-wise binary addition (with Numpy-style broadcasting support)."""

    OPERATION_NAME = "onnx.add"
    ONNX_OP_TYPE = "Add"
    ONNX_SINCE_VERSION = 14
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('A', 'a', 'single'), ('B', 'b', 'single'))
    ONNX_OUTPUTS = (('C', 'c', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def a(self):
        return self._operand_group(0)

    @property
    def b(self):
        return self._operand_group(1)

    @property
    def c(self):
        return self._result_group(0)


add = _op_builder(AddOp)

@_register
class AffineGridOp(_OnnxOp):
    """ONNX AffineGrid-20. Generates a 2D or 3D flow field (sampling grid), given a batch of affine matrices theta (https://pytorch.org/docs/stable/generated/torch.nn.functional.affine..."""

    OPERATION_NAME = "onnx.affine_grid"
    ONNX_OP_TYPE = "AffineGrid"
    ONNX_SINCE_VERSION = 20
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('theta', 'theta', 'single'), ('size', 'size', 'single'))
    ONNX_OUTPUTS = (('grid', 'grid', 'single'),)
    ONNX_ATTRIBUTES = (('align_corners', 'align_corners', 'int', False, 0),)
    ONNX_REGIONS = ()

    @property
    def theta(self):
        return self._operand_group(0)

    @property
    def size(self):
        return self._operand_group(1)

    @property
    def align_corners(self):
        return self._attribute('align_corners', 'int', 0)

    @property
    def grid(self):
        return self._result_group(0)


affine_grid = _op_builder(AffineGridOp)

@_register
class AndOp(_OnnxOp):
    """ONNX And-7. Returns the tensor resulted from performing the `and` logical operation elementwise on the input tensors `A` and `B` (with Numpy-style broadcasting support)."""

    OPERATION_NAME = "onnx.and"
    ONNX_OP_TYPE = "And"
    ONNX_SINCE_VERSION = 7
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('A', 'a', 'single'), ('B', 'b', 'single'))
    ONNX_OUTPUTS = (('C', 'c', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def a(self):
        return self._operand_group(0)

    @property
    def b(self):
        return self._operand_group(1)

    @property
    def c(self):
        return self._result_group(0)


and_ = _op_builder(AndOp)

@_register
class ArgMaxOp(_OnnxOp):
    """ONNX ArgMax-13. Computes the indices of the max elements of the input tensor's element along the provided axis."""

    OPERATION_NAME = "onnx.arg_max"
    ONNX_OP_TYPE = "ArgMax"
    ONNX_SINCE_VERSION = 13
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('data', 'data', 'single'),)
    ONNX_OUTPUTS = (('reduced', 'reduced', 'single'),)
    ONNX_ATTRIBUTES = (('axis', 'axis', 'int', False, 0), ('keepdims', 'keepdims', 'int', False, 1), ('select_last_index', 'select_last_index', 'int', False, 0))
    ONNX_REGIONS = ()

    @property
    def data(self):
        return self._operand_group(0)

    @property
    def axis(self):
        return self._attribute('axis', 'int', 0)

    @property
    def keepdims(self):
        return self._attribute('keepdims', 'int', 1)

    @property
    def select_last_index(self):
        return self._attribute('select_last_index', 'int', 0)

    @property
    def reduced(self):
        return self._result_group(0)


arg_max = _op_builder(ArgMaxOp)

@_register
class ArgMinOp(_OnnxOp):
    """ONNX ArgMin-13. Computes the indices of the min elements of the input tensor's element along the provided axis."""

    OPERATION_NAME = "onnx.arg_min"
    ONNX_OP_TYPE = "ArgMin"
    ONNX_SINCE_VERSION = 13
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('data', 'data', 'single'),)
    ONNX_OUTPUTS = (('reduced', 'reduced', 'single'),)
    ONNX_ATTRIBUTES = (('axis', 'axis', 'int', False, 0), ('keepdims', 'keepdims', 'int', False, 1), ('select_last_index', 'select_last_index', 'int', False, 0))
    ONNX_REGIONS = ()

    @property
    def data(self):
        return self._operand_group(0)

    @property
    def axis(self):
        return self._attribute('axis', 'int', 0)

    @property
    def keepdims(self):
        return self._attribute('keepdims', 'int', 1)

    @property
    def select_last_index(self):
        return self._attribute('select_last_index', 'int', 0)

    @property
    def reduced(self):
        return self._result_group(0)


arg_min = _op_builder(ArgMinOp)

@_register
class AsinOp(_OnnxOp):
    """ONNX Asin-22. Calculates the arcsine (inverse of sine) of the given input tensor, element-wise."""

    OPERATION_NAME = "onnx.asin"
    ONNX_OP_TYPE = "Asin"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def output(self):
        return self._result_group(0)


asin = _op_builder(AsinOp)

@_register
class AsinhOp(_OnnxOp):
    """ONNX Asinh-22. Calculates the hyperbolic arcsine of the given input tensor element-wise."""

    OPERATION_NAME = "onnx.asinh"
    ONNX_OP_TYPE = "Asinh"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def output(self):
        return self._result_group(0)


asinh = _op_builder(AsinhOp)

@_register
class AtanOp(_OnnxOp):
    """ONNX Atan-22. Calculates the arctangent (inverse of tangent) of the given input tensor, element-wise."""

    OPERATION_NAME = "onnx.atan"
    ONNX_OP_TYPE = "Atan"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def output(self):
        return self._result_group(0)


atan = _op_builder(AtanOp)

@_register
class AtanhOp(_OnnxOp):
    """ONNX Atanh-22. Calculates the hyperbolic arctangent of the given input tensor element-wise."""

    OPERATION_NAME = "onnx.atanh"
    ONNX_OP_TYPE = "Atanh"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def output(self):
        return self._result_group(0)


atanh = _op_builder(AtanhOp)

@_register
class AttentionOp(_OnnxOp):
    """ONNX Attention-25. Computes scaled dot product attention on query, key and value tensors, using an optional attention mask if passed."""

    OPERATION_NAME = "onnx.attention"
    ONNX_OP_TYPE = "Attention"
    ONNX_SINCE_VERSION = 25
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = [1, 1, 1, 0, 0, 0, 0]
    _ODS_RESULT_SEGMENTS = [1, 0, 0, 0]
    ONNX_INPUTS = (('Q', 'q', 'single'), ('K', 'k', 'single'), ('V', 'v', 'single'), ('attn_mask', 'attn_mask', 'optional'), ('past_key', 'past_key', 'optional'), ('past_value', 'past_value', 'optional'), ('nonpad_kv_seqlen', 'nonpad_kv_seqlen', 'optional'))
    ONNX_OUTPUTS = (('Y', 'y', 'single'), ('present_key', 'present_key', 'optional'), ('present_value', 'present_value', 'optional'), ('qk_matmul_output', 'qk_matmul_output', 'optional'))
    ONNX_ATTRIBUTES = (('is_causal', 'is_causal', 'int', False, 0), ('kv_num_heads', 'kv_num_heads', 'int', False, None), ('left_window_size', 'left_window_size', 'int', False, -1), ('q_num_heads', 'q_num_heads', 'int', False, None), ('qk_matmul_output_mode', 'qk_matmul_output_mode', 'int', False, 0), ('right_window_size', 'right_window_size', 'int', False, -1), ('scale', 'scale', 'float', False, None), ('softcap', 'softcap', 'float', False, 0.0), ('softmax_precision', 'softmax_precision', 'int', False, None))
    ONNX_REGIONS = ()

    @property
    def q(self):
        return self._operand_group(0)

    @property
    def k(self):
        return self._operand_group(1)

    @property
    def v(self):
        return self._operand_group(2)

    @property
    def attn_mask(self):
        return self._operand_group(3)

    @property
    def past_key(self):
        return self._operand_group(4)

    @property
    def past_value(self):
        return self._operand_group(5)

    @property
    def nonpad_kv_seqlen(self):
        return self._operand_group(6)

    @property
    def is_causal(self):
        return self._attribute('is_causal', 'int', 0)

    @property
    def kv_num_heads(self):
        return self._attribute('kv_num_heads', 'int', None)

    @property
    def left_window_size(self):
        return self._attribute('left_window_size', 'int', -1)

    @property
    def q_num_heads(self):
        return self._attribute('q_num_heads', 'int', None)

    @property
    def qk_matmul_output_mode(self):
        return self._attribute('qk_matmul_output_mode', 'int', 0)

    @property
    def right_window_size(self):
        return self._attribute('right_window_size', 'int', -1)

    @property
    def scale(self):
        return self._attribute('scale', 'float', None)

    @property
    def softcap(self):
        return self._attribute('softcap', 'float', 0.0)

    @property
    def softmax_precision(self):
        return self._attribute('softmax_precision', 'int', None)

    @property
    def y(self):
        return self._result_group(0)

    @property
    def present_key(self):
        return self._result_group(1)

    @property
    def present_value(self):
        return self._result_group(2)

    @property
    def qk_matmul_output(self):
        return self._result_group(3)


attention = _op_builder(AttentionOp)

@_register
class AveragePoolOp(_OnnxOp):
    """ONNX AveragePool-22. AveragePool consumes an input tensor X and applies average pooling across the tensor according to kernel sizes, stride sizes, and pad lengths."""

    OPERATION_NAME = "onnx.average_pool"
    ONNX_OP_TYPE = "AveragePool"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'),)
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = (('auto_pad', 'auto_pad', 'str', False, 'NOTSET'), ('ceil_mode', 'ceil_mode', 'int', False, 0), ('count_include_pad', 'count_include_pad', 'int', False, 0), ('dilations', 'dilations', 'ints', False, None), ('kernel_shape', 'kernel_shape', 'ints', True, None), ('pads', 'pads', 'ints', False, None), ('strides', 'strides', 'ints', False, None))
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def auto_pad(self):
        return self._attribute('auto_pad', 'str', 'NOTSET')

    @property
    def ceil_mode(self):
        return self._attribute('ceil_mode', 'int', 0)

    @property
    def count_include_pad(self):
        return self._attribute('count_include_pad', 'int', 0)

    @property
    def dilations(self):
        return self._attribute('dilations', 'ints', None)

    @property
    def kernel_shape(self):
        return self._attribute('kernel_shape', 'ints', None)

    @property
    def pads(self):
        return self._attribute('pads', 'ints', None)

    @property
    def strides(self):
        return self._attribute('strides', 'ints', None)

    @property
    def y(self):
        return self._result_group(0)


average_pool = _op_builder(AveragePoolOp)

@_register
class BatchNormalizationOp(_OnnxOp):
    """ONNX BatchNormalization-15. Carries out batch normalization as described in the paper https://arxiv.org/abs/1502.03167."""

    OPERATION_NAME = "onnx.batch_normalization"
    ONNX_OP_TYPE = "BatchNormalization"
    ONNX_SINCE_VERSION = 15
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = [1, 0, 0]
    ONNX_INPUTS = (('X', 'x', 'single'), ('scale', 'scale', 'single'), ('B', 'b', 'single'), ('input_mean', 'input_mean', 'single'), ('input_var', 'input_var', 'single'))
    ONNX_OUTPUTS = (('Y', 'y', 'single'), ('running_mean', 'running_mean', 'optional'), ('running_var', 'running_var', 'optional'))
    ONNX_ATTRIBUTES = (('epsilon', 'epsilon', 'float', False, 9.999999747378752e-06), ('momentum', 'momentum', 'float', False, 0.8999999761581421), ('training_mode', 'training_mode', 'int', False, 0))
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def scale(self):
        return self._operand_group(1)

    @property
    def b(self):
        return self._operand_group(2)

    @property
    def input_mean(self):
        return self._operand_group(3)

    @property
    def input_var(self):
        return self._operand_group(4)

    @property
    def epsilon(self):
        return self._attribute('epsilon', 'float', 9.999999747378752e-06)

    @property
    def momentum(self):
        return self._attribute('momentum', 'float', 0.8999999761581421)

    @property
    def training_mode(self):
        return self._attribute('training_mode', 'int', 0)

    @property
    def y(self):
        return self._result_group(0)

    @property
    def running_mean(self):
        return self._result_group(1)

    @property
    def running_var(self):
        return self._result_group(2)


batch_normalization = _op_builder(BatchNormalizationOp)

@_register
class BernoulliOp(_OnnxOp):
    """ONNX Bernoulli-22. Draws binary random numbers (0 or 1) from a Bernoulli distribution."""

    OPERATION_NAME = "onnx.bernoulli"
    ONNX_OP_TYPE = "Bernoulli"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('dtype', 'dtype', 'int', False, None), ('seed', 'seed', 'float', False, None))
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def dtype(self):
        return self._attribute('dtype', 'int', None)

    @property
    def seed(self):
        return self._attribute('seed', 'float', None)

    @property
    def output(self):
        return self._result_group(0)


bernoulli = _op_builder(BernoulliOp)

@_register
class BitCastOp(_OnnxOp):
    """ONNX BitCast-26. Reinterprets the binary representation of a tensor as a different data type, specified by the 'to' attribute."""

    OPERATION_NAME = "onnx.bit_cast"
    ONNX_OP_TYPE = "BitCast"
    ONNX_SINCE_VERSION = 26
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('to', 'to', 'int', True, None),)
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def to(self):
        return self._attribute('to', 'int', None)

    @property
    def output(self):
        return self._result_group(0)


bit_cast = _op_builder(BitCastOp)

@_register
class BitShiftOp(_OnnxOp):
    """ONNX BitShift-28. Bitwise shift operator performs element-wise operation."""

    OPERATION_NAME = "onnx.bit_shift"
    ONNX_OP_TYPE = "BitShift"
    ONNX_SINCE_VERSION = 28
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'), ('Y', 'y', 'single'))
    ONNX_OUTPUTS = (('Z', 'z', 'single'),)
    ONNX_ATTRIBUTES = (('direction', 'direction', 'str', True, None),)
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def y(self):
        return self._operand_group(1)

    @property
    def direction(self):
        return self._attribute('direction', 'str', None)

    @property
    def z(self):
        return self._result_group(0)


bit_shift = _op_builder(BitShiftOp)

@_register
class BitwiseAndOp(_OnnxOp):
    """ONNX BitwiseAnd-18. Returns the tensor resulting from performing the bitwise `and` operation elementwise on the input tensors `A` and `B` (with Numpy-style broadcasting support)."""

    OPERATION_NAME = "onnx.bitwise_and"
    ONNX_OP_TYPE = "BitwiseAnd"
    ONNX_SINCE_VERSION = 18
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('A', 'a', 'single'), ('B', 'b', 'single'))
    ONNX_OUTPUTS = (('C', 'c', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def a(self):
        return self._operand_group(0)

    @property
    def b(self):
        return self._operand_group(1)

    @property
    def c(self):
        return self._result_group(0)


bitwise_and = _op_builder(BitwiseAndOp)

@_register
class BitwiseNotOp(_OnnxOp):
    """ONNX BitwiseNot-18. Returns the bitwise not of the input tensor element-wise."""

    OPERATION_NAME = "onnx.bitwise_not"
    ONNX_OP_TYPE = "BitwiseNot"
    ONNX_SINCE_VERSION = 18
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'),)
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def y(self):
        return self._result_group(0)


bitwise_not = _op_builder(BitwiseNotOp)

@_register
class BitwiseOrOp(_OnnxOp):
    """ONNX BitwiseOr-18. Returns the tensor resulting from performing the bitwise `or` operation elementwise on the input tensors `A` and `B` (with Numpy-style broadcasting support)."""

    OPERATION_NAME = "onnx.bitwise_or"
    ONNX_OP_TYPE = "BitwiseOr"
    ONNX_SINCE_VERSION = 18
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('A', 'a', 'single'), ('B', 'b', 'single'))
    ONNX_OUTPUTS = (('C', 'c', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def a(self):
        return self._operand_group(0)

    @property
    def b(self):
        return self._operand_group(1)

    @property
    def c(self):
        return self._result_group(0)


bitwise_or = _op_builder(BitwiseOrOp)

@_register
class BitwiseXorOp(_OnnxOp):
    """ONNX BitwiseXor-18. Returns the tensor resulting from performing the bitwise `xor` operation elementwise on the input tensors `A` and `B` (with Numpy-style broadcasting support)."""

    OPERATION_NAME = "onnx.bitwise_xor"
    ONNX_OP_TYPE = "BitwiseXor"
    ONNX_SINCE_VERSION = 18
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('A', 'a', 'single'), ('B', 'b', 'single'))
    ONNX_OUTPUTS = (('C', 'c', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def a(self):
        return self._operand_group(0)

    @property
    def b(self):
        return self._operand_group(1)

    @property
    def c(self):
        return self._result_group(0)


bitwise_xor = _op_builder(BitwiseXorOp)

@_register
class BlackmanWindowOp(_OnnxOp):
    """ONNX BlackmanWindow-17. Generates a Blackman window as described in the paper https://ieeexplore.ieee.org/document/1455106."""

    OPERATION_NAME = "onnx.blackman_window"
    ONNX_OP_TYPE = "BlackmanWindow"
    ONNX_SINCE_VERSION = 17
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('size', 'size', 'single'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('output_datatype', 'output_datatype', 'int', False, 1), ('periodic', 'periodic', 'int', False, 1))
    ONNX_REGIONS = ()

    @property
    def size(self):
        return self._operand_group(0)

    @property
    def output_datatype(self):
        return self._attribute('output_datatype', 'int', 1)

    @property
    def periodic(self):
        return self._attribute('periodic', 'int', 1)

    @property
    def output(self):
        return self._result_group(0)


blackman_window = _op_builder(BlackmanWindowOp)

@_register
class CastOp(_OnnxOp):
    """ONNX Cast-28. The operator casts the elements of a given input tensor to a data type specified by the 'to' argument and returns an output tensor of the same size in the co..."""

    OPERATION_NAME = "onnx.cast"
    ONNX_OP_TYPE = "Cast"
    ONNX_SINCE_VERSION = 28
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('round_mode', 'round_mode', 'str', False, 'up'), ('saturate', 'saturate', 'int', False, 1), ('to', 'to', 'int', True, None))
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def round_mode(self):
        return self._attribute('round_mode', 'str', 'up')

    @property
    def saturate(self):
        return self._attribute('saturate', 'int', 1)

    @property
    def to(self):
        return self._attribute('to', 'int', None)

    @property
    def output(self):
        return self._result_group(0)


cast = _op_builder(CastOp)

@_register
class CastLikeOp(_OnnxOp):
    """ONNX CastLike-25. The operator casts the elements of a given input tensor (the first input) to the same data type as the elements of the second input tensor."""

    OPERATION_NAME = "onnx.cast_like"
    ONNX_OP_TYPE = "CastLike"
    ONNX_SINCE_VERSION = 25
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'), ('target_type', 'target_type', 'single'))
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('round_mode', 'round_mode', 'str', False, 'up'), ('saturate', 'saturate', 'int', False, 1))
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def target_type(self):
        return self._operand_group(1)

    @property
    def round_mode(self):
        return self._attribute('round_mode', 'str', 'up')

    @property
    def saturate(self):
        return self._attribute('saturate', 'int', 1)

    @property
    def output(self):
        return self._result_group(0)


cast_like = _op_builder(CastLikeOp)

@_register
class CausalConvWithStateOp(_OnnxOp):
    """ONNX CausalConvWithState-27. Stateful causal 1D depthwise convolution."""

    OPERATION_NAME = "onnx.causal_conv_with_state"
    ONNX_OP_TYPE = "CausalConvWithState"
    ONNX_SINCE_VERSION = 27
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = [1, 1, 0, 0]
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'), ('weight', 'weight', 'single'), ('bias', 'bias', 'optional'), ('past_state', 'past_state', 'optional'))
    ONNX_OUTPUTS = (('output', 'output', 'single'), ('present_state', 'present_state', 'single'))
    ONNX_ATTRIBUTES = (('activation', 'activation', 'str', False, 'none'),)
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def weight(self):
        return self._operand_group(1)

    @property
    def bias(self):
        return self._operand_group(2)

    @property
    def past_state(self):
        return self._operand_group(3)

    @property
    def activation(self):
        return self._attribute('activation', 'str', 'none')

    @property
    def output(self):
        return self._result_group(0)

    @property
    def present_state(self):
        return self._result_group(1)


causal_conv_with_state = _op_builder(CausalConvWithStateOp)

@_register
class CeilOp(_OnnxOp):
    """ONNX Ceil-13. Ceil takes one input data (Tensor) and produces one output data (Tensor) where the ceil is, y = ceil(x), is applied to the tensor elementwise."""

    OPERATION_NAME = "onnx.ceil"
    ONNX_OP_TYPE = "Ceil"
    ONNX_SINCE_VERSION = 13
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'),)
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def y(self):
        return self._result_group(0)


ceil = _op_builder(CeilOp)

@_register
class CeluOp(_OnnxOp):
    """ONNX Celu-28. Continuously Differentiable Exponential Linear Units: Perform the linear unit element-wise on the input tensor X using formula: ``` max(0,x) + min(0,alpha*(e..."""

    OPERATION_NAME = "onnx.celu"
    ONNX_OP_TYPE = "Celu"
    ONNX_SINCE_VERSION = 28
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'),)
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = (('alpha', 'alpha', 'float', False, 1.0),)
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def alpha(self):
        return self._attribute('alpha', 'float', 1.0)

    @property
    def y(self):
        return self._result_group(0)


celu = _op_builder(CeluOp)

@_register
class CenterCropPadOp(_OnnxOp):
    """ONNX CenterCropPad-18. Center crop or pad an input to given dimensions."""

    OPERATION_NAME = "onnx.center_crop_pad"
    ONNX_OP_TYPE = "CenterCropPad"
    ONNX_SINCE_VERSION = 18
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input_data', 'input_data', 'single'), ('shape', 'shape', 'single'))
    ONNX_OUTPUTS = (('output_data', 'output_data', 'single'),)
    ONNX_ATTRIBUTES = (('axes', 'axes', 'ints', False, None),)
    ONNX_REGIONS = ()

    @property
    def input_data(self):
        return self._operand_group(0)

    @property
    def shape(self):
        return self._operand_group(1)

    @property
    def axes(self):
        return self._attribute('axes', 'ints', None)

    @property
    def output_data(self):
        return self._result_group(0)


center_crop_pad = _op_builder(CenterCropPadOp)

@_register
class ClipOp(_OnnxOp):
    """ONNX Clip-13. Clip operator limits the given input within an interval."""

    OPERATION_NAME = "onnx.clip"
    ONNX_OP_TYPE = "Clip"
    ONNX_SINCE_VERSION = 13
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = [1, 0, 0]
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'), ('min', 'min', 'optional'), ('max', 'max', 'optional'))
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def min(self):
        return self._operand_group(1)

    @property
    def max(self):
        return self._operand_group(2)

    @property
    def output(self):
        return self._result_group(0)


clip = _op_builder(ClipOp)

@_register
class Col2ImOp(_OnnxOp):
    """ONNX Col2Im-18. The operator rearranges column blocks back into a multidimensional image Col2Im behaves similarly to PyTorch's fold https://pytorch.org/docs/stable/generated..."""

    OPERATION_NAME = "onnx.col2im"
    ONNX_OP_TYPE = "Col2Im"
    ONNX_SINCE_VERSION = 18
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'), ('image_shape', 'image_shape', 'single'), ('block_shape', 'block_shape', 'single'))
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('dilations', 'dilations', 'ints', False, None), ('pads', 'pads', 'ints', False, None), ('strides', 'strides', 'ints', False, None))
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def image_shape(self):
        return self._operand_group(1)

    @property
    def block_shape(self):
        return self._operand_group(2)

    @property
    def dilations(self):
        return self._attribute('dilations', 'ints', None)

    @property
    def pads(self):
        return self._attribute('pads', 'ints', None)

    @property
    def strides(self):
        return self._attribute('strides', 'ints', None)

    @property
    def output(self):
        return self._result_group(0)


col2im = _op_builder(Col2ImOp)

@_register
class CompressOp(_OnnxOp):
    """ONNX Compress-28. Selects slices from an input tensor along a given axis where condition evaluates to True for each axis index."""

    OPERATION_NAME = "onnx.compress"
    ONNX_OP_TYPE = "Compress"
    ONNX_SINCE_VERSION = 28
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'), ('condition', 'condition', 'single'))
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('axis', 'axis', 'int', False, None),)
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def condition(self):
        return self._operand_group(1)

    @property
    def axis(self):
        return self._attribute('axis', 'int', None)

    @property
    def output(self):
        return self._result_group(0)


compress = _op_builder(CompressOp)

@_register
class ConcatOp(_OnnxOp):
    """ONNX Concat-13. Concatenate a list of tensors into a single tensor."""

    OPERATION_NAME = "onnx.concat"
    ONNX_OP_TYPE = "Concat"
    ONNX_SINCE_VERSION = 13
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1]
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('inputs', 'inputs', 'variadic'),)
    ONNX_OUTPUTS = (('concat_result', 'concat_result', 'single'),)
    ONNX_ATTRIBUTES = (('axis', 'axis', 'int', True, None),)
    ONNX_REGIONS = ()

    @property
    def inputs(self):
        return self._operand_group(0)

    @property
    def axis(self):
        return self._attribute('axis', 'int', None)

    @property
    def concat_result(self):
        return self._result_group(0)


concat = _op_builder(ConcatOp)

@_register
class ConcatFromSequenceOp(_OnnxOp):
    """ONNX ConcatFromSequence-11. Concatenate a sequence of tensors into a single tensor."""

    OPERATION_NAME = "onnx.concat_from_sequence"
    ONNX_OP_TYPE = "ConcatFromSequence"
    ONNX_SINCE_VERSION = 11
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input_sequence', 'input_sequence', 'single'),)
    ONNX_OUTPUTS = (('concat_result', 'concat_result', 'single'),)
    ONNX_ATTRIBUTES = (('axis', 'axis', 'int', True, None), ('new_axis', 'new_axis', 'int', False, 0))
    ONNX_REGIONS = ()

    @property
    def input_sequence(self):
        return self._operand_group(0)

    @property
    def axis(self):
        return self._attribute('axis', 'int', None)

    @property
    def new_axis(self):
        return self._attribute('new_axis', 'int', 0)

    @property
    def concat_result(self):
        return self._result_group(0)


concat_from_sequence = _op_builder(ConcatFromSequenceOp)

@_register
class ConstantOp(_OnnxOp):
    """ONNX Constant-25. This operator produces a constant tensor."""

    OPERATION_NAME = "onnx.constant"
    ONNX_OP_TYPE = "Constant"
    ONNX_SINCE_VERSION = 25
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = ()
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('sparse_value', 'sparse_value', 'sparse_tensor', False, None), ('value', 'value', 'tensor', False, None), ('value_float', 'value_float', 'float', False, None), ('value_floats', 'value_floats', 'floats', False, None), ('value_int', 'value_int', 'int', False, None), ('value_ints', 'value_ints', 'ints', False, None), ('value_string', 'value_string', 'str', False, None), ('value_strings', 'value_strings', 'strs', False, None))
    ONNX_REGIONS = ()

    @property
    def sparse_value(self):
        return self._attribute('sparse_value', 'sparse_tensor', None)

    @property
    def value(self):
        return self._attribute('value', 'tensor', None)

    @property
    def value_float(self):
        return self._attribute('value_float', 'float', None)

    @property
    def value_floats(self):
        return self._attribute('value_floats', 'floats', None)

    @property
    def value_int(self):
        return self._attribute('value_int', 'int', None)

    @property
    def value_ints(self):
        return self._attribute('value_ints', 'ints', None)

    @property
    def value_string(self):
        return self._attribute('value_string', 'str', None)

    @property
    def value_strings(self):
        return self._attribute('value_strings', 'strs', None)

    @property
    def output(self):
        return self._result_group(0)


constant = _op_builder(ConstantOp)

@_register
class ConstantOfShapeOp(_OnnxOp):
    """ONNX ConstantOfShape-25. Generate a tensor with given value and shape."""

    OPERATION_NAME = "onnx.constant_of_shape"
    ONNX_OP_TYPE = "ConstantOfShape"
    ONNX_SINCE_VERSION = 25
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('value', 'value', 'tensor', False, None),)
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def value(self):
        return self._attribute('value', 'tensor', None)

    @property
    def output(self):
        return self._result_group(0)


constant_of_shape = _op_builder(ConstantOfShapeOp)

@_register
class ConvOp(_OnnxOp):
    """ONNX Conv-22. The convolution operator consumes an input tensor and a filter, and computes the output."""

    OPERATION_NAME = "onnx.conv"
    ONNX_OP_TYPE = "Conv"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'), ('W', 'w', 'single'), ('B', 'b', 'optional'))
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = (('auto_pad', 'auto_pad', 'str', False, 'NOTSET'), ('dilations', 'dilations', 'ints', False, None), ('group', 'group', 'int', False, 1), ('kernel_shape', 'kernel_shape', 'ints', False, None), ('pads', 'pads', 'ints', False, None), ('strides', 'strides', 'ints', False, None))
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def w(self):
        return self._operand_group(1)

    @property
    def b(self):
        return self._operand_group(2)

    @property
    def auto_pad(self):
        return self._attribute('auto_pad', 'str', 'NOTSET')

    @property
    def dilations(self):
        return self._attribute('dilations', 'ints', None)

    @property
    def group(self):
        return self._attribute('group', 'int', 1)

    @property
    def kernel_shape(self):
        return self._attribute('kernel_shape', 'ints', None)

    @property
    def pads(self):
        return self._attribute('pads', 'ints', None)

    @property
    def strides(self):
        return self._attribute('strides', 'ints', None)

    @property
    def y(self):
        return self._result_group(0)


conv = _op_builder(ConvOp)

@_register
class ConvIntegerOp(_OnnxOp):
    """ONNX ConvInteger-10. The integer convolution operator consumes an input tensor, its zero-point, a filter, and its zero-point, and computes the output."""

    OPERATION_NAME = "onnx.conv_integer"
    ONNX_OP_TYPE = "ConvInteger"
    ONNX_SINCE_VERSION = 10
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = [1, 1, 0, 0]
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('x', 'x', 'single'), ('w', 'w', 'single'), ('x_zero_point', 'x_zero_point', 'optional'), ('w_zero_point', 'w_zero_point', 'optional'))
    ONNX_OUTPUTS = (('y', 'y', 'single'),)
    ONNX_ATTRIBUTES = (('auto_pad', 'auto_pad', 'str', False, 'NOTSET'), ('dilations', 'dilations', 'ints', False, None), ('group', 'group', 'int', False, 1), ('kernel_shape', 'kernel_shape', 'ints', False, None), ('pads', 'pads', 'ints', False, None), ('strides', 'strides', 'ints', False, None))
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def w(self):
        return self._operand_group(1)

    @property
    def x_zero_point(self):
        return self._operand_group(2)

    @property
    def w_zero_point(self):
        return self._operand_group(3)

    @property
    def auto_pad(self):
        return self._attribute('auto_pad', 'str', 'NOTSET')

    @property
    def dilations(self):
        return self._attribute('dilations', 'ints', None)

    @property
    def group(self):
        return self._attribute('group', 'int', 1)

    @property
    def kernel_shape(self):
        return self._attribute('kernel_shape', 'ints', None)

    @property
    def pads(self):
        return self._attribute('pads', 'ints', None)

    @property
    def strides(self):
        return self._attribute('strides', 'ints', None)

    @property
    def y(self):
        return self._result_group(0)


conv_integer = _op_builder(ConvIntegerOp)

@_register
class ConvTransposeOp(_OnnxOp):
    """ONNX ConvTranspose-22. The convolution transpose operator consumes an input tensor and a filter, and computes the output."""

    OPERATION_NAME = "onnx.conv_transpose"
    ONNX_OP_TYPE = "ConvTranspose"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'), ('W', 'w', 'single'), ('B', 'b', 'optional'))
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = (('auto_pad', 'auto_pad', 'str', False, 'NOTSET'), ('dilations', 'dilations', 'ints', False, None), ('group', 'group', 'int', False, 1), ('kernel_shape', 'kernel_shape', 'ints', False, None), ('output_padding', 'output_padding', 'ints', False, None), ('output_shape', 'output_shape', 'ints', False, None), ('pads', 'pads', 'ints', False, None), ('strides', 'strides', 'ints', False, None))
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def w(self):
        return self._operand_group(1)

    @property
    def b(self):
        return self._operand_group(2)

    @property
    def auto_pad(self):
        return self._attribute('auto_pad', 'str', 'NOTSET')

    @property
    def dilations(self):
        return self._attribute('dilations', 'ints', None)

    @property
    def group(self):
        return self._attribute('group', 'int', 1)

    @property
    def kernel_shape(self):
        return self._attribute('kernel_shape', 'ints', None)

    @property
    def output_padding(self):
        return self._attribute('output_padding', 'ints', None)

    @property
    def output_shape(self):
        return self._attribute('output_shape', 'ints', None)

    @property
    def pads(self):
        return self._attribute('pads', 'ints', None)

    @property
    def strides(self):
        return self._attribute('strides', 'ints', None)

    @property
    def y(self):
        return self._result_group(0)


conv_transpose = _op_builder(ConvTransposeOp)

@_register
class CosOp(_OnnxOp):
    """ONNX Cos-22. Calculates the cosine of the given input tensor, element-wise."""

    OPERATION_NAME = "onnx.cos"
    ONNX_OP_TYPE = "Cos"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def output(self):
        return self._result_group(0)


cos = _op_builder(CosOp)

@_register
class CoshOp(_OnnxOp):
    """ONNX Cosh-22. Calculates the hyperbolic cosine of the given input tensor element-wise."""

    OPERATION_NAME = "onnx.cosh"
    ONNX_OP_TYPE = "Cosh"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def output(self):
        return self._result_group(0)


cosh = _op_builder(CoshOp)

@_register
class CumProdOp(_OnnxOp):
    """ONNX CumProd-26. Performs cumulative product of the input elements along the given axis."""

    OPERATION_NAME = "onnx.cum_prod"
    ONNX_OP_TYPE = "CumProd"
    ONNX_SINCE_VERSION = 26
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('x', 'x', 'single'), ('axis', 'axis', 'single'))
    ONNX_OUTPUTS = (('y', 'y', 'single'),)
    ONNX_ATTRIBUTES = (('exclusive', 'exclusive', 'int', False, 0), ('reverse', 'reverse', 'int', False, 0))
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def axis(self):
        return self._operand_group(1)

    @property
    def exclusive(self):
        return self._attribute('exclusive', 'int', 0)

    @property
    def reverse(self):
        return self._attribute('reverse', 'int', 0)

    @property
    def y(self):
        return self._result_group(0)


cum_prod = _op_builder(CumProdOp)

@_register
class CumSumOp(_OnnxOp):
    """ONNX CumSum-14. Performs cumulative sum of the input elements along the given axis."""

    OPERATION_NAME = "onnx.cum_sum"
    ONNX_OP_TYPE = "CumSum"
    ONNX_SINCE_VERSION = 14
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('x', 'x', 'single'), ('axis', 'axis', 'single'))
    ONNX_OUTPUTS = (('y', 'y', 'single'),)
    ONNX_ATTRIBUTES = (('exclusive', 'exclusive', 'int', False, 0), ('reverse', 'reverse', 'int', False, 0))
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def axis(self):
        return self._operand_group(1)

    @property
    def exclusive(self):
        return self._attribute('exclusive', 'int', 0)

    @property
    def reverse(self):
        return self._attribute('reverse', 'int', 0)

    @property
    def y(self):
        return self._result_group(0)


cum_sum = _op_builder(CumSumOp)

@_register
class DFTOp(_OnnxOp):
    """ONNX DFT-20. Computes the discrete Fourier Transform (DFT) of the input."""

    OPERATION_NAME = "onnx.dft"
    ONNX_OP_TYPE = "DFT"
    ONNX_SINCE_VERSION = 20
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = [1, 0, 0]
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'), ('dft_length', 'dft_length', 'optional'), ('axis', 'axis', 'optional'))
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('inverse', 'inverse', 'int', False, 0), ('onesided', 'onesided', 'int', False, 0))
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def dft_length(self):
        return self._operand_group(1)

    @property
    def axis(self):
        return self._operand_group(2)

    @property
    def inverse(self):
        return self._attribute('inverse', 'int', 0)

    @property
    def onesided(self):
        return self._attribute('onesided', 'int', 0)

    @property
    def output(self):
        return self._result_group(0)


dft = _op_builder(DFTOp)

@_register
class DeformConvOp(_OnnxOp):
    """ONNX DeformConv-22. Performs deformable convolution as described in https://arxiv.org/abs/1703.06211 and https://arxiv.org/abs/1811.11168."""

    OPERATION_NAME = "onnx.deform_conv"
    ONNX_OP_TYPE = "DeformConv"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = [1, 1, 1, 0, 0]
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'), ('W', 'w', 'single'), ('offset', 'offset', 'single'), ('B', 'b', 'optional'), ('mask', 'mask', 'optional'))
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = (('dilations', 'dilations', 'ints', False, None), ('group', 'group', 'int', False, 1), ('kernel_shape', 'kernel_shape', 'ints', False, None), ('offset_group', 'offset_group', 'int', False, 1), ('pads', 'pads', 'ints', False, None), ('strides', 'strides', 'ints', False, None))
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def w(self):
        return self._operand_group(1)

    @property
    def offset(self):
        return self._operand_group(2)

    @property
    def b(self):
        return self._operand_group(3)

    @property
    def mask(self):
        return self._operand_group(4)

    @property
    def dilations(self):
        return self._attribute('dilations', 'ints', None)

    @property
    def group(self):
        return self._attribute('group', 'int', 1)

    @property
    def kernel_shape(self):
        return self._attribute('kernel_shape', 'ints', None)

    @property
    def offset_group(self):
        return self._attribute('offset_group', 'int', 1)

    @property
    def pads(self):
        return self._attribute('pads', 'ints', None)

    @property
    def strides(self):
        return self._attribute('strides', 'ints', None)

    @property
    def y(self):
        return self._result_group(0)


deform_conv = _op_builder(DeformConvOp)

@_register
class DepthToSpaceOp(_OnnxOp):
    """ONNX DepthToSpace-28. DepthToSpace rearranges (permutes) data from depth into blocks of spatial data."""

    OPERATION_NAME = "onnx.depth_to_space"
    ONNX_OP_TYPE = "DepthToSpace"
    ONNX_SINCE_VERSION = 28
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('blocksize', 'blocksize', 'int', True, None), ('mode', 'mode', 'str', False, 'DCR'))
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def blocksize(self):
        return self._attribute('blocksize', 'int', None)

    @property
    def mode(self):
        return self._attribute('mode', 'str', 'DCR')

    @property
    def output(self):
        return self._result_group(0)


depth_to_space = _op_builder(DepthToSpaceOp)

@_register
class DequantizeLinearOp(_OnnxOp):
    """ONNX DequantizeLinear-28. The linear dequantization operator."""

    OPERATION_NAME = "onnx.dequantize_linear"
    ONNX_OP_TYPE = "DequantizeLinear"
    ONNX_SINCE_VERSION = 28
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('x', 'x', 'single'), ('x_scale', 'x_scale', 'single'), ('x_zero_point', 'x_zero_point', 'optional'))
    ONNX_OUTPUTS = (('y', 'y', 'single'),)
    ONNX_ATTRIBUTES = (('axis', 'axis', 'int', False, 1), ('block_size', 'block_size', 'int', False, 0), ('output_dtype', 'output_dtype', 'int', False, 0))
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def x_scale(self):
        return self._operand_group(1)

    @property
    def x_zero_point(self):
        return self._operand_group(2)

    @property
    def axis(self):
        return self._attribute('axis', 'int', 1)

    @property
    def block_size(self):
        return self._attribute('block_size', 'int', 0)

    @property
    def output_dtype(self):
        return self._attribute('output_dtype', 'int', 0)

    @property
    def y(self):
        return self._result_group(0)


dequantize_linear = _op_builder(DequantizeLinearOp)

@_register
class DetOp(_OnnxOp):
    """ONNX Det-22. Det calculates determinant of a square matrix or batches of square matrices."""

    OPERATION_NAME = "onnx.det"
    ONNX_OP_TYPE = "Det"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'),)
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def y(self):
        return self._result_group(0)


det = _op_builder(DetOp)

@_register
class DivOp(_OnnxOp):
    """ONNX Div-14. Performs element-wise binary division (with Numpy-style broadcasting support)."""

    OPERATION_NAME = "onnx.div"
    ONNX_OP_TYPE = "Div"
    ONNX_SINCE_VERSION = 14
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('A', 'a', 'single'), ('B', 'b', 'single'))
    ONNX_OUTPUTS = (('C', 'c', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def a(self):
        return self._operand_group(0)

    @property
    def b(self):
        return self._operand_group(1)

    @property
    def c(self):
        return self._result_group(0)


div = _op_builder(DivOp)

@_register
class DropoutOp(_OnnxOp):
    """ONNX Dropout-22. Dropout takes an input floating-point tensor, an optional input ratio (floating-point scalar) and an optional input training_mode (boolean scalar)."""

    OPERATION_NAME = "onnx.dropout"
    ONNX_OP_TYPE = "Dropout"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = [1, 0, 0]
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('data', 'data', 'single'), ('ratio', 'ratio', 'optional'), ('training_mode', 'training_mode', 'optional'))
    ONNX_OUTPUTS = (('output', 'output', 'single'), ('mask', 'mask', 'optional'))
    ONNX_ATTRIBUTES = (('seed', 'seed', 'int', False, None),)
    ONNX_REGIONS = ()

    @property
    def data(self):
        return self._operand_group(0)

    @property
    def ratio(self):
        return self._operand_group(1)

    @property
    def training_mode(self):
        return self._operand_group(2)

    @property
    def seed(self):
        return self._attribute('seed', 'int', None)

    @property
    def output(self):
        return self._result_group(0)

    @property
    def mask(self):
        return self._result_group(1)


dropout = _op_builder(DropoutOp)

@_register
class DynamicQuantizeLinearOp(_OnnxOp):
    """ONNX DynamicQuantizeLinear-11. A Function to fuse calculation for Scale, Zero Point and FP32->8Bit conversion of FP32 Input data."""

    OPERATION_NAME = "onnx.dynamic_quantize_linear"
    ONNX_OP_TYPE = "DynamicQuantizeLinear"
    ONNX_SINCE_VERSION = 11
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('x', 'x', 'single'),)
    ONNX_OUTPUTS = (('y', 'y', 'single'), ('y_scale', 'y_scale', 'single'), ('y_zero_point', 'y_zero_point', 'single'))
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def y(self):
        return self._result_group(0)

    @property
    def y_scale(self):
        return self._result_group(1)

    @property
    def y_zero_point(self):
        return self._result_group(2)


dynamic_quantize_linear = _op_builder(DynamicQuantizeLinearOp)

@_register
class EinsumOp(_OnnxOp):
    """ONNX Einsum-28. An einsum of the form `term1, term2 -> output-term` produces an output tensor using the following equation ``` output[output-term] = reduce-sum( input1[term1..."""

    OPERATION_NAME = "onnx.einsum"
    ONNX_OP_TYPE = "Einsum"
    ONNX_SINCE_VERSION = 28
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1]
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('Inputs', 'inputs', 'variadic'),)
    ONNX_OUTPUTS = (('Output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('equation', 'equation', 'str', True, None),)
    ONNX_REGIONS = ()

    @property
    def inputs(self):
        return self._operand_group(0)

    @property
    def equation(self):
        return self._attribute('equation', 'str', None)

    @property
    def output(self):
        return self._result_group(0)


einsum = _op_builder(EinsumOp)

@_register
class EluOp(_OnnxOp):
    """ONNX Elu-22. Elu takes one input data (Tensor) and produces one output data (Tensor) where the function `f(x) = alpha * (exp(x) - 1.) for x = 0`., is applied to the tenso..."""

    OPERATION_NAME = "onnx.elu"
    ONNX_OP_TYPE = "Elu"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'),)
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = (('alpha', 'alpha', 'float', False, 1.0),)
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def alpha(self):
        return self._attribute('alpha', 'float', 1.0)

    @property
    def y(self):
        return self._result_group(0)


elu = _op_builder(EluOp)

@_register
class EqualOp(_OnnxOp):
    """ONNX Equal-19. Returns the tensor resulted from performing the `equal` logical operation elementwise on the input tensors `A` and `B` (with Numpy-style broadcasting support)."""

    OPERATION_NAME = "onnx.equal"
    ONNX_OP_TYPE = "Equal"
    ONNX_SINCE_VERSION = 19
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('A', 'a', 'single'), ('B', 'b', 'single'))
    ONNX_OUTPUTS = (('C', 'c', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def a(self):
        return self._operand_group(0)

    @property
    def b(self):
        return self._operand_group(1)

    @property
    def c(self):
        return self._result_group(0)


equal = _op_builder(EqualOp)

@_register
class ErfOp(_OnnxOp):
    """ONNX Erf-13. Computes the error function of the given input tensor element-wise."""

    OPERATION_NAME = "onnx.erf"
    ONNX_OP_TYPE = "Erf"
    ONNX_SINCE_VERSION = 13
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def output(self):
        return self._result_group(0)


erf = _op_builder(ErfOp)

@_register
class ExpOp(_OnnxOp):
    """ONNX Exp-13. Calculates the exponential of the given input tensor, element-wise."""

    OPERATION_NAME = "onnx.exp"
    ONNX_OP_TYPE = "Exp"
    ONNX_SINCE_VERSION = 13
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def output(self):
        return self._result_group(0)


exp = _op_builder(ExpOp)

@_register
class ExpandOp(_OnnxOp):
    """ONNX Expand-13. Broadcast the input tensor following the given shape and the broadcast rule."""

    OPERATION_NAME = "onnx.expand"
    ONNX_OP_TYPE = "Expand"
    ONNX_SINCE_VERSION = 13
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'), ('shape', 'shape', 'single'))
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def shape(self):
        return self._operand_group(1)

    @property
    def output(self):
        return self._result_group(0)


expand = _op_builder(ExpandOp)

@_register
class EyeLikeOp(_OnnxOp):
    """ONNX EyeLike-22. Generate a 2D tensor (matrix) with ones on the diagonal and zeros everywhere else."""

    OPERATION_NAME = "onnx.eye_like"
    ONNX_OP_TYPE = "EyeLike"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('dtype', 'dtype', 'int', False, None), ('k', 'k', 'int', False, 0))
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def dtype(self):
        return self._attribute('dtype', 'int', None)

    @property
    def k(self):
        return self._attribute('k', 'int', 0)

    @property
    def output(self):
        return self._result_group(0)


eye_like = _op_builder(EyeLikeOp)

@_register
class FlattenOp(_OnnxOp):
    """ONNX Flatten-25. Flattens the input tensor into a 2D matrix."""

    OPERATION_NAME = "onnx.flatten"
    ONNX_OP_TYPE = "Flatten"
    ONNX_SINCE_VERSION = 25
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('axis', 'axis', 'int', False, 1),)
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def axis(self):
        return self._attribute('axis', 'int', 1)

    @property
    def output(self):
        return self._result_group(0)


flatten = _op_builder(FlattenOp)

@_register
class FloorOp(_OnnxOp):
    """ONNX Floor-13. Floor takes one input data (Tensor) and produces one output data (Tensor) where the floor is, y = floor(x), is applied to the tensor elementwise."""

    OPERATION_NAME = "onnx.floor"
    ONNX_OP_TYPE = "Floor"
    ONNX_SINCE_VERSION = 13
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'),)
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def y(self):
        return self._result_group(0)


floor = _op_builder(FloorOp)

@_register
class GRUOp(_OnnxOp):
    """ONNX GRU-22. Computes an one-layer GRU. This operator is usually supported via some custom implementation such as CuDNN. Notations: * `X` - input tensor * `z` - update ga..."""

    OPERATION_NAME = "onnx.gru"
    ONNX_OP_TYPE = "GRU"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = [1, 1, 1, 0, 0, 0]
    _ODS_RESULT_SEGMENTS = [0, 0]
    ONNX_INPUTS = (('X', 'x', 'single'), ('W', 'w', 'single'), ('R', 'r', 'single'), ('B', 'b', 'optional'), ('sequence_lens', 'sequence_lens', 'optional'), ('initial_h', 'initial_h', 'optional'))
    ONNX_OUTPUTS = (('Y', 'y', 'optional'), ('Y_h', 'y_h', 'optional'))
    ONNX_ATTRIBUTES = (('activation_alpha', 'activation_alpha', 'floats', False, None), ('activation_beta', 'activation_beta', 'floats', False, None), ('activations', 'activations', 'strs', False, None), ('clip', 'clip', 'float', False, None), ('direction', 'direction', 'str', False, 'forward'), ('hidden_size', 'hidden_size', 'int', False, None), ('layout', 'layout', 'int', False, 0), ('linear_before_reset', 'linear_before_reset', 'int', False, 0))
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def w(self):
        return self._operand_group(1)

    @property
    def r(self):
        return self._operand_group(2)

    @property
    def b(self):
        return self._operand_group(3)

    @property
    def sequence_lens(self):
        return self._operand_group(4)

    @property
    def initial_h(self):
        return self._operand_group(5)

    @property
    def activation_alpha(self):
        return self._attribute('activation_alpha', 'floats', None)

    @property
    def activation_beta(self):
        return self._attribute('activation_beta', 'floats', None)

    @property
    def activations(self):
        return self._attribute('activations', 'strs', None)

    @property
    def clip(self):
        return self._attribute('clip', 'float', None)

    @property
    def direction(self):
        return self._attribute('direction', 'str', 'forward')

    @property
    def hidden_size(self):
        return self._attribute('hidden_size', 'int', None)

    @property
    def layout(self):
        return self._attribute('layout', 'int', 0)

    @property
    def linear_before_reset(self):
        return self._attribute('linear_before_reset', 'int', 0)

    @property
    def y(self):
        return self._result_group(0)

    @property
    def y_h(self):
        return self._result_group(1)


gru = _op_builder(GRUOp)

@_register
class GatherOp(_OnnxOp):
    """ONNX Gather-13. Given `data` tensor of rank r >= 1, and `indices` tensor of rank q, gather entries of the axis dimension of `data` (by default outer-most one as axis=0) inde..."""

    OPERATION_NAME = "onnx.gather"
    ONNX_OP_TYPE = "Gather"
    ONNX_SINCE_VERSION = 13
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('data', 'data', 'single'), ('indices', 'indices', 'single'))
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('axis', 'axis', 'int', False, 0),)
    ONNX_REGIONS = ()

    @property
    def data(self):
        return self._operand_group(0)

    @property
    def indices(self):
        return self._operand_group(1)

    @property
    def axis(self):
        return self._attribute('axis', 'int', 0)

    @property
    def output(self):
        return self._result_group(0)


gather = _op_builder(GatherOp)

@_register
class GatherElementsOp(_OnnxOp):
    """ONNX GatherElements-13. GatherElements takes two inputs `data` and `indices` of the same rank r >= 1 and an optional attribute `axis` that identifies an axis of `data` (by default, ..."""

    OPERATION_NAME = "onnx.gather_elements"
    ONNX_OP_TYPE = "GatherElements"
    ONNX_SINCE_VERSION = 13
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('data', 'data', 'single'), ('indices', 'indices', 'single'))
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('axis', 'axis', 'int', False, 0),)
    ONNX_REGIONS = ()

    @property
    def data(self):
        return self._operand_group(0)

    @property
    def indices(self):
        return self._operand_group(1)

    @property
    def axis(self):
        return self._attribute('axis', 'int', 0)

    @property
    def output(self):
        return self._result_group(0)


gather_elements = _op_builder(GatherElementsOp)

@_register
class GatherNDOp(_OnnxOp):
    """ONNX GatherND-13. Given `data` tensor of rank `r` >= 1, `indices` tensor of rank `q` >= 1, and `batch_dims` integer `b`, this operator gathers slices of `data` into an output ..."""

    OPERATION_NAME = "onnx.gather_nd"
    ONNX_OP_TYPE = "GatherND"
    ONNX_SINCE_VERSION = 13
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('data', 'data', 'single'), ('indices', 'indices', 'single'))
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('batch_dims', 'batch_dims', 'int', False, 0),)
    ONNX_REGIONS = ()

    @property
    def data(self):
        return self._operand_group(0)

    @property
    def indices(self):
        return self._operand_group(1)

    @property
    def batch_dims(self):
        return self._attribute('batch_dims', 'int', 0)

    @property
    def output(self):
        return self._result_group(0)


gather_nd = _op_builder(GatherNDOp)

@_register
class GeluOp(_OnnxOp):
    """ONNX Gelu-20. Gelu takes one input data (Tensor) and produces one output data (Tensor) where the gaussian error linear units function, $y = 0.5 * x * (1 + erf(x/sqrt(2)))$..."""

    OPERATION_NAME = "onnx.gelu"
    ONNX_OP_TYPE = "Gelu"
    ONNX_SINCE_VERSION = 20
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'),)
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = (('approximate', 'approximate', 'str', False, 'none'),)
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def approximate(self):
        return self._attribute('approximate', 'str', 'none')

    @property
    def y(self):
        return self._result_group(0)


gelu = _op_builder(GeluOp)

@_register
class GemmOp(_OnnxOp):
    """ONNX Gemm-13. General Matrix multiplication: https://en.wikipedia.org/wiki/Basic_Linear_Algebra_Subprograms#Level_3 * A' = transpose(A) if transA else A * B' = transpose(B..."""

    OPERATION_NAME = "onnx.gemm"
    ONNX_OP_TYPE = "Gemm"
    ONNX_SINCE_VERSION = 13
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('A', 'a', 'single'), ('B', 'b', 'single'), ('C', 'c', 'optional'))
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = (('alpha', 'alpha', 'float', False, 1.0), ('beta', 'beta', 'float', False, 1.0), ('transA', 'trans_a', 'int', False, 0), ('transB', 'trans_b', 'int', False, 0))
    ONNX_REGIONS = ()

    @property
    def a(self):
        return self._operand_group(0)

    @property
    def b(self):
        return self._operand_group(1)

    @property
    def c(self):
        return self._operand_group(2)

    @property
    def alpha(self):
        return self._attribute('alpha', 'float', 1.0)

    @property
    def beta(self):
        return self._attribute('beta', 'float', 1.0)

    @property
    def trans_a(self):
        return self._attribute('transA', 'int', 0)

    @property
    def trans_b(self):
        return self._attribute('transB', 'int', 0)

    @property
    def y(self):
        return self._result_group(0)


gemm = _op_builder(GemmOp)

@_register
class GlobalAveragePoolOp(_OnnxOp):
    """ONNX GlobalAveragePool-22. GlobalAveragePool consumes an input tensor X and applies average pooling across the values in the same channel."""

    OPERATION_NAME = "onnx.global_average_pool"
    ONNX_OP_TYPE = "GlobalAveragePool"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'),)
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def y(self):
        return self._result_group(0)


global_average_pool = _op_builder(GlobalAveragePoolOp)

@_register
class GlobalLpPoolOp(_OnnxOp):
    """ONNX GlobalLpPool-22. GlobalLpPool consumes an input tensor X and applies lp pool pooling across the values in the same channel."""

    OPERATION_NAME = "onnx.global_lp_pool"
    ONNX_OP_TYPE = "GlobalLpPool"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'),)
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = (('p', 'p', 'int', False, 2),)
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def p(self):
        return self._attribute('p', 'int', 2)

    @property
    def y(self):
        return self._result_group(0)


global_lp_pool = _op_builder(GlobalLpPoolOp)

@_register
class GlobalMaxPoolOp(_OnnxOp):
    """ONNX GlobalMaxPool-22. GlobalMaxPool consumes an input tensor X and applies max pooling across the values in the same channel."""

    OPERATION_NAME = "onnx.global_max_pool"
    ONNX_OP_TYPE = "GlobalMaxPool"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'),)
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def y(self):
        return self._result_group(0)


global_max_pool = _op_builder(GlobalMaxPoolOp)

@_register
class GreaterOp(_OnnxOp):
    """ONNX Greater-13. Returns the tensor resulted from performing the `greater` logical operation elementwise on the input tensors `A` and `B` (with Numpy-style broadcasting support)."""

    OPERATION_NAME = "onnx.greater"
    ONNX_OP_TYPE = "Greater"
    ONNX_SINCE_VERSION = 13
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('A', 'a', 'single'), ('B', 'b', 'single'))
    ONNX_OUTPUTS = (('C', 'c', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def a(self):
        return self._operand_group(0)

    @property
    def b(self):
        return self._operand_group(1)

    @property
    def c(self):
        return self._result_group(0)


greater = _op_builder(GreaterOp)

@_register
class GreaterOrEqualOp(_OnnxOp):
    """ONNX GreaterOrEqual-16. Returns the tensor resulted from performing the `greater_equal` logical operation elementwise on the input tensors `A` and `B` (with Numpy-style broadcasting..."""

    OPERATION_NAME = "onnx.greater_or_equal"
    ONNX_OP_TYPE = "GreaterOrEqual"
    ONNX_SINCE_VERSION = 16
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('A', 'a', 'single'), ('B', 'b', 'single'))
    ONNX_OUTPUTS = (('C', 'c', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def a(self):
        return self._operand_group(0)

    @property
    def b(self):
        return self._operand_group(1)

    @property
    def c(self):
        return self._result_group(0)


greater_or_equal = _op_builder(GreaterOrEqualOp)

@_register
class GridSampleOp(_OnnxOp):
    """ONNX GridSample-22. Given an input `X` and a flow-field `grid`, computes the output `Y` using `X` values and pixel locations from the `grid`. For spatial input `X` with shape (N..."""

    OPERATION_NAME = "onnx.grid_sample"
    ONNX_OP_TYPE = "GridSample"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'), ('grid', 'grid', 'single'))
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = (('align_corners', 'align_corners', 'int', False, 0), ('mode', 'mode', 'str', False, 'linear'), ('padding_mode', 'padding_mode', 'str', False, 'zeros'))
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def grid(self):
        return self._operand_group(1)

    @property
    def align_corners(self):
        return self._attribute('align_corners', 'int', 0)

    @property
    def mode(self):
        return self._attribute('mode', 'str', 'linear')

    @property
    def padding_mode(self):
        return self._attribute('padding_mode', 'str', 'zeros')

    @property
    def y(self):
        return self._result_group(0)


grid_sample = _op_builder(GridSampleOp)

@_register
class GroupNormalizationOp(_OnnxOp):
    """ONNX GroupNormalization-21. A GroupNormalization function."""

    OPERATION_NAME = "onnx.group_normalization"
    ONNX_OP_TYPE = "GroupNormalization"
    ONNX_SINCE_VERSION = 21
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'), ('scale', 'scale', 'single'), ('bias', 'bias', 'single'))
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = (('epsilon', 'epsilon', 'float', False, 9.999999747378752e-06), ('num_groups', 'num_groups', 'int', True, None), ('stash_type', 'stash_type', 'int', False, 1))
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def scale(self):
        return self._operand_group(1)

    @property
    def bias(self):
        return self._operand_group(2)

    @property
    def epsilon(self):
        return self._attribute('epsilon', 'float', 9.999999747378752e-06)

    @property
    def num_groups(self):
        return self._attribute('num_groups', 'int', None)

    @property
    def stash_type(self):
        return self._attribute('stash_type', 'int', 1)

    @property
    def y(self):
        return self._result_group(0)


group_normalization = _op_builder(GroupNormalizationOp)

@_register
class HammingWindowOp(_OnnxOp):
    """ONNX HammingWindow-17. Generates a Hamming window as described in the paper https://ieeexplore.ieee.org/document/1455106."""

    OPERATION_NAME = "onnx.hamming_window"
    ONNX_OP_TYPE = "HammingWindow"
    ONNX_SINCE_VERSION = 17
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('size', 'size', 'single'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('output_datatype', 'output_datatype', 'int', False, 1), ('periodic', 'periodic', 'int', False, 1))
    ONNX_REGIONS = ()

    @property
    def size(self):
        return self._operand_group(0)

    @property
    def output_datatype(self):
        return self._attribute('output_datatype', 'int', 1)

    @property
    def periodic(self):
        return self._attribute('periodic', 'int', 1)

    @property
    def output(self):
        return self._result_group(0)


hamming_window = _op_builder(HammingWindowOp)

@_register
class HannWindowOp(_OnnxOp):
    """ONNX HannWindow-17. Generates a Hann window as described in the paper https://ieeexplore.ieee.org/document/1455106."""

    OPERATION_NAME = "onnx.hann_window"
    ONNX_OP_TYPE = "HannWindow"
    ONNX_SINCE_VERSION = 17
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('size', 'size', 'single'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('output_datatype', 'output_datatype', 'int', False, 1), ('periodic', 'periodic', 'int', False, 1))
    ONNX_REGIONS = ()

    @property
    def size(self):
        return self._operand_group(0)

    @property
    def output_datatype(self):
        return self._attribute('output_datatype', 'int', 1)

    @property
    def periodic(self):
        return self._attribute('periodic', 'int', 1)

    @property
    def output(self):
        return self._result_group(0)


hann_window = _op_builder(HannWindowOp)

@_register
class HardSigmoidOp(_OnnxOp):
    """ONNX HardSigmoid-22. HardSigmoid takes one input data (Tensor) and produces one output data (Tensor) where the HardSigmoid function, y = max(0, min(1, alpha * x + beta)), is appl..."""

    OPERATION_NAME = "onnx.hard_sigmoid"
    ONNX_OP_TYPE = "HardSigmoid"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'),)
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = (('alpha', 'alpha', 'float', False, 0.20000000298023224), ('beta', 'beta', 'float', False, 0.5))
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def alpha(self):
        return self._attribute('alpha', 'float', 0.20000000298023224)

    @property
    def beta(self):
        return self._attribute('beta', 'float', 0.5)

    @property
    def y(self):
        return self._result_group(0)


hard_sigmoid = _op_builder(HardSigmoidOp)

@_register
class HardSwishOp(_OnnxOp):
    """ONNX HardSwish-22. HardSwish takes one input data (Tensor) and produces one output data (Tensor) where the HardSwish function, y = x * max(0, min(1, alpha * x + beta)) = x * Ha..."""

    OPERATION_NAME = "onnx.hard_swish"
    ONNX_OP_TYPE = "HardSwish"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'),)
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def y(self):
        return self._result_group(0)


hard_swish = _op_builder(HardSwishOp)

@_register
class HardmaxOp(_OnnxOp):
    """ONNX Hardmax-13. The operator computes the hardmax values for the given input: Hardmax(element in input, axis) = 1 if the element is the first maximum value along the specifi..."""

    OPERATION_NAME = "onnx.hardmax"
    ONNX_OP_TYPE = "Hardmax"
    ONNX_SINCE_VERSION = 13
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('axis', 'axis', 'int', False, -1),)
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def axis(self):
        return self._attribute('axis', 'int', -1)

    @property
    def output(self):
        return self._result_group(0)


hardmax = _op_builder(HardmaxOp)

@_register
class IdentityOp(_OnnxOp):
    """ONNX Identity-25. Identity operator."""

    OPERATION_NAME = "onnx.identity"
    ONNX_OP_TYPE = "Identity"
    ONNX_SINCE_VERSION = 25
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def output(self):
        return self._result_group(0)


identity = _op_builder(IdentityOp)

@_register
class IfOp(_OnnxOp):
    """ONNX If-25. If conditional."""

    OPERATION_NAME = "onnx.if"
    ONNX_OP_TYPE = "If"
    ONNX_SINCE_VERSION = 25
    _ODS_REGIONS = (2, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1]
    ONNX_INPUTS = (('cond', 'cond', 'single'),)
    ONNX_OUTPUTS = (('outputs', 'outputs', 'variadic'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ('then_branch', 'else_branch')

    @property
    def cond(self):
        return self._operand_group(0)

    @property
    def outputs(self):
        return self._result_group(0)

    @property
    def then_branch(self):
        return self.regions[0]

    @property
    def else_branch(self):
        return self.regions[1]


if_ = _op_builder(IfOp)

@_register
class ImageDecoderOp(_OnnxOp):
    """ONNX ImageDecoder-20. Loads and decodes and image from a file."""

    OPERATION_NAME = "onnx.image_decoder"
    ONNX_OP_TYPE = "ImageDecoder"
    ONNX_SINCE_VERSION = 20
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('encoded_stream', 'encoded_stream', 'single'),)
    ONNX_OUTPUTS = (('image', 'image', 'single'),)
    ONNX_ATTRIBUTES = (('pixel_format', 'pixel_format', 'str', False, 'RGB'),)
    ONNX_REGIONS = ()

    @property
    def encoded_stream(self):
        return self._operand_group(0)

    @property
    def pixel_format(self):
        return self._attribute('pixel_format', 'str', 'RGB')

    @property
    def image(self):
        return self._result_group(0)


image_decoder = _op_builder(ImageDecoderOp)

@_register
class InstanceNormalizationOp(_OnnxOp):
    """ONNX InstanceNormalization-22. Carries out instance normalization as described in the paper https://arxiv.org/abs/1607.08022."""

    OPERATION_NAME = "onnx.instance_normalization"
    ONNX_OP_TYPE = "InstanceNormalization"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'), ('scale', 'scale', 'single'), ('B', 'b', 'single'))
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('epsilon', 'epsilon', 'float', False, 9.999999747378752e-06),)
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def scale(self):
        return self._operand_group(1)

    @property
    def b(self):
        return self._operand_group(2)

    @property
    def epsilon(self):
        return self._attribute('epsilon', 'float', 9.999999747378752e-06)

    @property
    def output(self):
        return self._result_group(0)


instance_normalization = _op_builder(InstanceNormalizationOp)

@_register
class IsInfOp(_OnnxOp):
    """ONNX IsInf-20. Map infinity to true and other values to false."""

    OPERATION_NAME = "onnx.is_inf"
    ONNX_OP_TYPE = "IsInf"
    ONNX_SINCE_VERSION = 20
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'),)
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = (('detect_negative', 'detect_negative', 'int', False, 1), ('detect_positive', 'detect_positive', 'int', False, 1))
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def detect_negative(self):
        return self._attribute('detect_negative', 'int', 1)

    @property
    def detect_positive(self):
        return self._attribute('detect_positive', 'int', 1)

    @property
    def y(self):
        return self._result_group(0)


is_inf = _op_builder(IsInfOp)

@_register
class IsNaNOp(_OnnxOp):
    """ONNX IsNaN-20. Returns which elements of the input are NaN."""

    OPERATION_NAME = "onnx.is_na_n"
    ONNX_OP_TYPE = "IsNaN"
    ONNX_SINCE_VERSION = 20
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'),)
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def y(self):
        return self._result_group(0)


is_na_n = _op_builder(IsNaNOp)

@_register
class LRNOp(_OnnxOp):
    """ONNX LRN-13. Local Response Normalization proposed in the AlexNet paper."""

    OPERATION_NAME = "onnx.lrn"
    ONNX_OP_TYPE = "LRN"
    ONNX_SINCE_VERSION = 13
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'),)
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = (('alpha', 'alpha', 'float', False, 9.999999747378752e-05), ('beta', 'beta', 'float', False, 0.75), ('bias', 'bias', 'float', False, 1.0), ('size', 'size', 'int', True, None))
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def alpha(self):
        return self._attribute('alpha', 'float', 9.999999747378752e-05)

    @property
    def beta(self):
        return self._attribute('beta', 'float', 0.75)

    @property
    def bias(self):
        return self._attribute('bias', 'float', 1.0)

    @property
    def size(self):
        return self._attribute('size', 'int', None)

    @property
    def y(self):
        return self._result_group(0)


lrn = _op_builder(LRNOp)

@_register
class LSTMOp(_OnnxOp):
    """ONNX LSTM-22. Computes an one-layer LSTM. This operator is usually supported via some custom implementation such as CuDNN. Notations: * `X` - input tensor * `i` - input ga..."""

    OPERATION_NAME = "onnx.lstm"
    ONNX_OP_TYPE = "LSTM"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = [1, 1, 1, 0, 0, 0, 0, 0]
    _ODS_RESULT_SEGMENTS = [0, 0, 0]
    ONNX_INPUTS = (('X', 'x', 'single'), ('W', 'w', 'single'), ('R', 'r', 'single'), ('B', 'b', 'optional'), ('sequence_lens', 'sequence_lens', 'optional'), ('initial_h', 'initial_h', 'optional'), ('initial_c', 'initial_c', 'optional'), ('P', 'p', 'optional'))
    ONNX_OUTPUTS = (('Y', 'y', 'optional'), ('Y_h', 'y_h', 'optional'), ('Y_c', 'y_c', 'optional'))
    ONNX_ATTRIBUTES = (('activation_alpha', 'activation_alpha', 'floats', False, None), ('activation_beta', 'activation_beta', 'floats', False, None), ('activations', 'activations', 'strs', False, None), ('clip', 'clip', 'float', False, None), ('direction', 'direction', 'str', False, 'forward'), ('hidden_size', 'hidden_size', 'int', False, None), ('input_forget', 'input_forget', 'int', False, 0), ('layout', 'layout', 'int', False, 0))
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def w(self):
        return self._operand_group(1)

    @property
    def r(self):
        return self._operand_group(2)

    @property
    def b(self):
        return self._operand_group(3)

    @property
    def sequence_lens(self):
        return self._operand_group(4)

    @property
    def initial_h(self):
        return self._operand_group(5)

    @property
    def initial_c(self):
        return self._operand_group(6)

    @property
    def p(self):
        return self._operand_group(7)

    @property
    def activation_alpha(self):
        return self._attribute('activation_alpha', 'floats', None)

    @property
    def activation_beta(self):
        return self._attribute('activation_beta', 'floats', None)

    @property
    def activations(self):
        return self._attribute('activations', 'strs', None)

    @property
    def clip(self):
        return self._attribute('clip', 'float', None)

    @property
    def direction(self):
        return self._attribute('direction', 'str', 'forward')

    @property
    def hidden_size(self):
        return self._attribute('hidden_size', 'int', None)

    @property
    def input_forget(self):
        return self._attribute('input_forget', 'int', 0)

    @property
    def layout(self):
        return self._attribute('layout', 'int', 0)

    @property
    def y(self):
        return self._result_group(0)

    @property
    def y_h(self):
        return self._result_group(1)

    @property
    def y_c(self):
        return self._result_group(2)


lstm = _op_builder(LSTMOp)

@_register
class LayerNormalizationOp(_OnnxOp):
    """ONNX LayerNormalization-17. This is layer normalization defined in ONNX as function."""

    OPERATION_NAME = "onnx.layer_normalization"
    ONNX_OP_TYPE = "LayerNormalization"
    ONNX_SINCE_VERSION = 17
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = [1, 0, 0]
    ONNX_INPUTS = (('X', 'x', 'single'), ('Scale', 'scale', 'single'), ('B', 'b', 'optional'))
    ONNX_OUTPUTS = (('Y', 'y', 'single'), ('Mean', 'mean', 'optional'), ('InvStdDev', 'inv_std_dev', 'optional'))
    ONNX_ATTRIBUTES = (('axis', 'axis', 'int', False, -1), ('epsilon', 'epsilon', 'float', False, 9.999999747378752e-06), ('stash_type', 'stash_type', 'int', False, 1))
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def scale(self):
        return self._operand_group(1)

    @property
    def b(self):
        return self._operand_group(2)

    @property
    def axis(self):
        return self._attribute('axis', 'int', -1)

    @property
    def epsilon(self):
        return self._attribute('epsilon', 'float', 9.999999747378752e-06)

    @property
    def stash_type(self):
        return self._attribute('stash_type', 'int', 1)

    @property
    def y(self):
        return self._result_group(0)

    @property
    def mean(self):
        return self._result_group(1)

    @property
    def inv_std_dev(self):
        return self._result_group(2)


layer_normalization = _op_builder(LayerNormalizationOp)

@_register
class LeakyReluOp(_OnnxOp):
    """ONNX LeakyRelu-16. LeakyRelu takes input data (Tensor) and an argument alpha, and produces one output data (Tensor) where the function `f(x) = alpha * x for x = 0`, is applied ..."""

    OPERATION_NAME = "onnx.leaky_relu"
    ONNX_OP_TYPE = "LeakyRelu"
    ONNX_SINCE_VERSION = 16
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'),)
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = (('alpha', 'alpha', 'float', False, 0.009999999776482582),)
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def alpha(self):
        return self._attribute('alpha', 'float', 0.009999999776482582)

    @property
    def y(self):
        return self._result_group(0)


leaky_relu = _op_builder(LeakyReluOp)

@_register
class LessOp(_OnnxOp):
    """ONNX Less-13. Returns the tensor resulted from performing the `less` logical operation elementwise on the input tensors `A` and `B` (with Numpy-style broadcasting support)."""

    OPERATION_NAME = "onnx.less"
    ONNX_OP_TYPE = "Less"
    ONNX_SINCE_VERSION = 13
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('A', 'a', 'single'), ('B', 'b', 'single'))
    ONNX_OUTPUTS = (('C', 'c', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def a(self):
        return self._operand_group(0)

    @property
    def b(self):
        return self._operand_group(1)

    @property
    def c(self):
        return self._result_group(0)


less = _op_builder(LessOp)

@_register
class LessOrEqualOp(_OnnxOp):
    """ONNX LessOrEqual-16. Returns the tensor resulted from performing the `less_equal` logical operation elementwise on the input tensors `A` and `B` (with Numpy-style broadcasting su..."""

    OPERATION_NAME = "onnx.less_or_equal"
    ONNX_OP_TYPE = "LessOrEqual"
    ONNX_SINCE_VERSION = 16
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('A', 'a', 'single'), ('B', 'b', 'single'))
    ONNX_OUTPUTS = (('C', 'c', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def a(self):
        return self._operand_group(0)

    @property
    def b(self):
        return self._operand_group(1)

    @property
    def c(self):
        return self._result_group(0)


less_or_equal = _op_builder(LessOrEqualOp)

@_register
class LinearAttentionOp(_OnnxOp):
    """ONNX LinearAttention-27. Unified linear attention operator for autoregressive decoding (T=1) and prefill (T>1)."""

    OPERATION_NAME = "onnx.linear_attention"
    ONNX_OP_TYPE = "LinearAttention"
    ONNX_SINCE_VERSION = 27
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = [1, 1, 1, 0, 0, 0]
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('query', 'query', 'single'), ('key', 'key', 'single'), ('value', 'value', 'single'), ('past_state', 'past_state', 'optional'), ('decay', 'decay', 'optional'), ('beta', 'beta', 'optional'))
    ONNX_OUTPUTS = (('output', 'output', 'single'), ('present_state', 'present_state', 'single'))
    ONNX_ATTRIBUTES = (('chunk_size', 'chunk_size', 'int', False, 64), ('kv_num_heads', 'kv_num_heads', 'int', True, None), ('q_num_heads', 'q_num_heads', 'int', True, None), ('scale', 'scale', 'float', False, 0.0), ('update_rule', 'update_rule', 'str', False, 'gated_delta'))
    ONNX_REGIONS = ()

    @property
    def query(self):
        return self._operand_group(0)

    @property
    def key(self):
        return self._operand_group(1)

    @property
    def value(self):
        return self._operand_group(2)

    @property
    def past_state(self):
        return self._operand_group(3)

    @property
    def decay(self):
        return self._operand_group(4)

    @property
    def beta(self):
        return self._operand_group(5)

    @property
    def chunk_size(self):
        return self._attribute('chunk_size', 'int', 64)

    @property
    def kv_num_heads(self):
        return self._attribute('kv_num_heads', 'int', None)

    @property
    def q_num_heads(self):
        return self._attribute('q_num_heads', 'int', None)

    @property
    def scale(self):
        return self._attribute('scale', 'float', 0.0)

    @property
    def update_rule(self):
        return self._attribute('update_rule', 'str', 'gated_delta')

    @property
    def output(self):
        return self._result_group(0)

    @property
    def present_state(self):
        return self._result_group(1)


linear_attention = _op_builder(LinearAttentionOp)

@_register
class LogOp(_OnnxOp):
    """ONNX Log-13. Calculates the natural log of the given input tensor, element-wise."""

    OPERATION_NAME = "onnx.log"
    ONNX_OP_TYPE = "Log"
    ONNX_SINCE_VERSION = 13
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def output(self):
        return self._result_group(0)


log = _op_builder(LogOp)

@_register
class LogSoftmaxOp(_OnnxOp):
    """ONNX LogSoftmax-13. The operator computes the log of softmax values for the given input: LogSoftmax(input, axis) = Log(Softmax(input, axis=axis)) The "axis" attribute indicates ..."""

    OPERATION_NAME = "onnx.log_softmax"
    ONNX_OP_TYPE = "LogSoftmax"
    ONNX_SINCE_VERSION = 13
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('axis', 'axis', 'int', False, -1),)
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def axis(self):
        return self._attribute('axis', 'int', -1)

    @property
    def output(self):
        return self._result_group(0)


log_softmax = _op_builder(LogSoftmaxOp)

@_register
class LoopOp(_OnnxOp):
    """ONNX Loop-25. Generic Looping construct."""

    OPERATION_NAME = "onnx.loop"
    ONNX_OP_TYPE = "Loop"
    ONNX_SINCE_VERSION = 25
    _ODS_REGIONS = (1, True)
    _ODS_OPERAND_SEGMENTS = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1]
    _ODS_RESULT_SEGMENTS = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1]
    ONNX_INPUTS = (('M', 'm', 'optional'), ('cond', 'cond', 'optional'), ('v_initial', 'v_initial', 'variadic'))
    ONNX_OUTPUTS = (('v_final_and_scan_outputs', 'v_final_and_scan_outputs', 'variadic'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ('body',)

    @property
    def m(self):
        return self._operand_group(0)

    @property
    def cond(self):
        return self._operand_group(1)

    @property
    def v_initial(self):
        return self._operand_group(2)

    @property
    def v_final_and_scan_outputs(self):
        return self._result_group(0)

    @property
    def body(self):
        return self.regions[0]


loop = _op_builder(LoopOp)

@_register
class LpNormalizationOp(_OnnxOp):
    """ONNX LpNormalization-22. Given a matrix, apply Lp-normalization along the provided axis."""

    OPERATION_NAME = "onnx.lp_normalization"
    ONNX_OP_TYPE = "LpNormalization"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('axis', 'axis', 'int', False, -1), ('p', 'p', 'int', False, 2))
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def axis(self):
        return self._attribute('axis', 'int', -1)

    @property
    def p(self):
        return self._attribute('p', 'int', 2)

    @property
    def output(self):
        return self._result_group(0)


lp_normalization = _op_builder(LpNormalizationOp)

@_register
class LpPoolOp(_OnnxOp):
    """ONNX LpPool-22. LpPool consumes an input tensor X and applies Lp pooling across the tensor according to kernel sizes, stride sizes, and pad lengths."""

    OPERATION_NAME = "onnx.lp_pool"
    ONNX_OP_TYPE = "LpPool"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'),)
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = (('auto_pad', 'auto_pad', 'str', False, 'NOTSET'), ('ceil_mode', 'ceil_mode', 'int', False, 0), ('dilations', 'dilations', 'ints', False, None), ('kernel_shape', 'kernel_shape', 'ints', True, None), ('p', 'p', 'int', False, 2), ('pads', 'pads', 'ints', False, None), ('strides', 'strides', 'ints', False, None))
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def auto_pad(self):
        return self._attribute('auto_pad', 'str', 'NOTSET')

    @property
    def ceil_mode(self):
        return self._attribute('ceil_mode', 'int', 0)

    @property
    def dilations(self):
        return self._attribute('dilations', 'ints', None)

    @property
    def kernel_shape(self):
        return self._attribute('kernel_shape', 'ints', None)

    @property
    def p(self):
        return self._attribute('p', 'int', 2)

    @property
    def pads(self):
        return self._attribute('pads', 'ints', None)

    @property
    def strides(self):
        return self._attribute('strides', 'ints', None)

    @property
    def y(self):
        return self._result_group(0)


lp_pool = _op_builder(LpPoolOp)

@_register
class MatMulOp(_OnnxOp):
    """ONNX MatMul-13. Matrix product that behaves like numpy.matmul."""

    OPERATION_NAME = "onnx.mat_mul"
    ONNX_OP_TYPE = "MatMul"
    ONNX_SINCE_VERSION = 13
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('A', 'a', 'single'), ('B', 'b', 'single'))
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def a(self):
        return self._operand_group(0)

    @property
    def b(self):
        return self._operand_group(1)

    @property
    def y(self):
        return self._result_group(0)


mat_mul = _op_builder(MatMulOp)

@_register
class MatMulIntegerOp(_OnnxOp):
    """ONNX MatMulInteger-10. Matrix product that behaves like numpy.matmul."""

    OPERATION_NAME = "onnx.mat_mul_integer"
    ONNX_OP_TYPE = "MatMulInteger"
    ONNX_SINCE_VERSION = 10
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = [1, 1, 0, 0]
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('A', 'a', 'single'), ('B', 'b', 'single'), ('a_zero_point', 'a_zero_point', 'optional'), ('b_zero_point', 'b_zero_point', 'optional'))
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def a(self):
        return self._operand_group(0)

    @property
    def b(self):
        return self._operand_group(1)

    @property
    def a_zero_point(self):
        return self._operand_group(2)

    @property
    def b_zero_point(self):
        return self._operand_group(3)

    @property
    def y(self):
        return self._result_group(0)


mat_mul_integer = _op_builder(MatMulIntegerOp)

@_register
class MaxOp(_OnnxOp):
    """ONNX Max-13. Element-wise max of each of the input tensors (with Numpy-style broadcasting support)."""

    OPERATION_NAME = "onnx.max"
    ONNX_OP_TYPE = "Max"
    ONNX_SINCE_VERSION = 13
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1]
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('data_0', 'data_0', 'variadic'),)
    ONNX_OUTPUTS = (('max', 'max', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def data_0(self):
        return self._operand_group(0)

    @property
    def max(self):
        return self._result_group(0)


max = _op_builder(MaxOp)

@_register
class MaxPoolOp(_OnnxOp):
    """ONNX MaxPool-22. MaxPool consumes an input tensor X and applies max pooling across the tensor according to kernel sizes, stride sizes, and pad lengths."""

    OPERATION_NAME = "onnx.max_pool"
    ONNX_OP_TYPE = "MaxPool"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'),)
    ONNX_OUTPUTS = (('Y', 'y', 'single'), ('Indices', 'indices', 'optional'))
    ONNX_ATTRIBUTES = (('auto_pad', 'auto_pad', 'str', False, 'NOTSET'), ('ceil_mode', 'ceil_mode', 'int', False, 0), ('dilations', 'dilations', 'ints', False, None), ('kernel_shape', 'kernel_shape', 'ints', True, None), ('pads', 'pads', 'ints', False, None), ('storage_order', 'storage_order', 'int', False, 0), ('strides', 'strides', 'ints', False, None))
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def auto_pad(self):
        return self._attribute('auto_pad', 'str', 'NOTSET')

    @property
    def ceil_mode(self):
        return self._attribute('ceil_mode', 'int', 0)

    @property
    def dilations(self):
        return self._attribute('dilations', 'ints', None)

    @property
    def kernel_shape(self):
        return self._attribute('kernel_shape', 'ints', None)

    @property
    def pads(self):
        return self._attribute('pads', 'ints', None)

    @property
    def storage_order(self):
        return self._attribute('storage_order', 'int', 0)

    @property
    def strides(self):
        return self._attribute('strides', 'ints', None)

    @property
    def y(self):
        return self._result_group(0)

    @property
    def indices(self):
        return self._result_group(1)


max_pool = _op_builder(MaxPoolOp)

@_register
class MaxRoiPoolOp(_OnnxOp):
    """ONNX MaxRoiPool-22. ROI max pool consumes an input tensor X and region of interests (RoIs) to apply max pooling across each RoI, to produce output 4-D tensor of shape (num_rois,..."""

    OPERATION_NAME = "onnx.max_roi_pool"
    ONNX_OP_TYPE = "MaxRoiPool"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'), ('rois', 'rois', 'single'))
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = (('pooled_shape', 'pooled_shape', 'ints', True, None), ('spatial_scale', 'spatial_scale', 'float', False, 1.0))
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def rois(self):
        return self._operand_group(1)

    @property
    def pooled_shape(self):
        return self._attribute('pooled_shape', 'ints', None)

    @property
    def spatial_scale(self):
        return self._attribute('spatial_scale', 'float', 1.0)

    @property
    def y(self):
        return self._result_group(0)


max_roi_pool = _op_builder(MaxRoiPoolOp)

@_register
class MaxUnpoolOp(_OnnxOp):
    """ONNX MaxUnpool-22. MaxUnpool essentially computes the partial inverse of the MaxPool op."""

    OPERATION_NAME = "onnx.max_unpool"
    ONNX_OP_TYPE = "MaxUnpool"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'), ('I', 'i', 'single'), ('output_shape', 'output_shape', 'optional'))
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('kernel_shape', 'kernel_shape', 'ints', True, None), ('pads', 'pads', 'ints', False, None), ('strides', 'strides', 'ints', False, None))
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def i(self):
        return self._operand_group(1)

    @property
    def output_shape(self):
        return self._operand_group(2)

    @property
    def kernel_shape(self):
        return self._attribute('kernel_shape', 'ints', None)

    @property
    def pads(self):
        return self._attribute('pads', 'ints', None)

    @property
    def strides(self):
        return self._attribute('strides', 'ints', None)

    @property
    def output(self):
        return self._result_group(0)


max_unpool = _op_builder(MaxUnpoolOp)

@_register
class MeanOp(_OnnxOp):
    """ONNX Mean-13. Element-wise mean of each of the input tensors (with Numpy-style broadcasting support)."""

    OPERATION_NAME = "onnx.mean"
    ONNX_OP_TYPE = "Mean"
    ONNX_SINCE_VERSION = 13
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1]
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('data_0', 'data_0', 'variadic'),)
    ONNX_OUTPUTS = (('mean', 'mean', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def data_0(self):
        return self._operand_group(0)

    @property
    def mean(self):
        return self._result_group(0)


mean = _op_builder(MeanOp)

@_register
class MeanVarianceNormalizationOp(_OnnxOp):
    """ONNX MeanVarianceNormalization-13. A MeanVarianceNormalization Function: Perform mean variance normalization on the input tensor X using formula: `(X-EX)/sqrt(E(X-EX)^2)`."""

    OPERATION_NAME = "onnx.mean_variance_normalization"
    ONNX_OP_TYPE = "MeanVarianceNormalization"
    ONNX_SINCE_VERSION = 13
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'),)
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = (('axes', 'axes', 'ints', False, [0, 2, 3]),)
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def axes(self):
        return self._attribute('axes', 'ints', [0, 2, 3])

    @property
    def y(self):
        return self._result_group(0)


mean_variance_normalization = _op_builder(MeanVarianceNormalizationOp)

@_register
class MelWeightMatrixOp(_OnnxOp):
    """ONNX MelWeightMatrix-17. Generate a MelWeightMatrix that can be used to re-weight a Tensor containing a linearly sampled frequency spectra (from DFT or STFT) into num_mel_bins freque..."""

    OPERATION_NAME = "onnx.mel_weight_matrix"
    ONNX_OP_TYPE = "MelWeightMatrix"
    ONNX_SINCE_VERSION = 17
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('num_mel_bins', 'num_mel_bins', 'single'), ('dft_length', 'dft_length', 'single'), ('sample_rate', 'sample_rate', 'single'), ('lower_edge_hertz', 'lower_edge_hertz', 'single'), ('upper_edge_hertz', 'upper_edge_hertz', 'single'))
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('output_datatype', 'output_datatype', 'int', False, 1),)
    ONNX_REGIONS = ()

    @property
    def num_mel_bins(self):
        return self._operand_group(0)

    @property
    def dft_length(self):
        return self._operand_group(1)

    @property
    def sample_rate(self):
        return self._operand_group(2)

    @property
    def lower_edge_hertz(self):
        return self._operand_group(3)

    @property
    def upper_edge_hertz(self):
        return self._operand_group(4)

    @property
    def output_datatype(self):
        return self._attribute('output_datatype', 'int', 1)

    @property
    def output(self):
        return self._result_group(0)


mel_weight_matrix = _op_builder(MelWeightMatrixOp)

@_register
class MinOp(_OnnxOp):
    """ONNX Min-13. Element-wise min of each of the input tensors (with Numpy-style broadcasting support)."""

    OPERATION_NAME = "onnx.min"
    ONNX_OP_TYPE = "Min"
    ONNX_SINCE_VERSION = 13
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1]
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('data_0', 'data_0', 'variadic'),)
    ONNX_OUTPUTS = (('min', 'min', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def data_0(self):
        return self._operand_group(0)

    @property
    def min(self):
        return self._result_group(0)


min = _op_builder(MinOp)

@_register
class MishOp(_OnnxOp):
    """ONNX Mish-22. Mish: A Self Regularized Non-Monotonic Neural Activation Function."""

    OPERATION_NAME = "onnx.mish"
    ONNX_OP_TYPE = "Mish"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'),)
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def y(self):
        return self._result_group(0)


mish = _op_builder(MishOp)

@_register
class ModOp(_OnnxOp):
    """ONNX Mod-28. Performs an element-wise binary modulo operation."""

    OPERATION_NAME = "onnx.mod"
    ONNX_OP_TYPE = "Mod"
    ONNX_SINCE_VERSION = 28
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('A', 'a', 'single'), ('B', 'b', 'single'))
    ONNX_OUTPUTS = (('C', 'c', 'single'),)
    ONNX_ATTRIBUTES = (('fmod', 'fmod', 'int', False, 0),)
    ONNX_REGIONS = ()

    @property
    def a(self):
        return self._operand_group(0)

    @property
    def b(self):
        return self._operand_group(1)

    @property
    def fmod(self):
        return self._attribute('fmod', 'int', 0)

    @property
    def c(self):
        return self._result_group(0)


mod = _op_builder(ModOp)

@_register
class MulOp(_OnnxOp):
    """ONNX Mul-14. Performs element-wise binary multiplication (with Numpy-style broadcasting support)."""

    OPERATION_NAME = "onnx.mul"
    ONNX_OP_TYPE = "Mul"
    ONNX_SINCE_VERSION = 14
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('A', 'a', 'single'), ('B', 'b', 'single'))
    ONNX_OUTPUTS = (('C', 'c', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def a(self):
        return self._operand_group(0)

    @property
    def b(self):
        return self._operand_group(1)

    @property
    def c(self):
        return self._result_group(0)


mul = _op_builder(MulOp)

@_register
class MultinomialOp(_OnnxOp):
    """ONNX Multinomial-22. Generate a tensor of samples from a multinomial distribution according to the probabilities of each of the possible outcomes."""

    OPERATION_NAME = "onnx.multinomial"
    ONNX_OP_TYPE = "Multinomial"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('dtype', 'dtype', 'int', False, 6), ('sample_size', 'sample_size', 'int', False, 1), ('seed', 'seed', 'float', False, None))
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def dtype(self):
        return self._attribute('dtype', 'int', 6)

    @property
    def sample_size(self):
        return self._attribute('sample_size', 'int', 1)

    @property
    def seed(self):
        return self._attribute('seed', 'float', None)

    @property
    def output(self):
        return self._result_group(0)


multinomial = _op_builder(MultinomialOp)

@_register
class NegOp(_OnnxOp):
    """ONNX Neg-13. Neg takes one input data (Tensor) and produces one output data (Tensor) where each element flipped sign, y = -x, is applied to the tensor elementwise."""

    OPERATION_NAME = "onnx.neg"
    ONNX_OP_TYPE = "Neg"
    ONNX_SINCE_VERSION = 13
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'),)
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def y(self):
        return self._result_group(0)


neg = _op_builder(NegOp)

@_register
class NegativeLogLikelihoodLossOp(_OnnxOp):
    """ONNX NegativeLogLikelihoodLoss-22. A NegativeLogLikelihoodLoss operator computes (weighted) negative log likelihood loss."""

    OPERATION_NAME = "onnx.negative_log_likelihood_loss"
    ONNX_OP_TYPE = "NegativeLogLikelihoodLoss"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'), ('target', 'target', 'single'), ('weight', 'weight', 'optional'))
    ONNX_OUTPUTS = (('loss', 'loss', 'single'),)
    ONNX_ATTRIBUTES = (('ignore_index', 'ignore_index', 'int', False, None), ('reduction', 'reduction', 'str', False, 'mean'))
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def target(self):
        return self._operand_group(1)

    @property
    def weight(self):
        return self._operand_group(2)

    @property
    def ignore_index(self):
        return self._attribute('ignore_index', 'int', None)

    @property
    def reduction(self):
        return self._attribute('reduction', 'str', 'mean')

    @property
    def loss(self):
        return self._result_group(0)


negative_log_likelihood_loss = _op_builder(NegativeLogLikelihoodLossOp)

@_register
class NonMaxSuppressionOp(_OnnxOp):
    """ONNX NonMaxSuppression-11. Filter out boxes that have high intersection-over-union (IOU) overlap with previously selected boxes."""

    OPERATION_NAME = "onnx.non_max_suppression"
    ONNX_OP_TYPE = "NonMaxSuppression"
    ONNX_SINCE_VERSION = 11
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = [1, 1, 0, 0, 0]
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('boxes', 'boxes', 'single'), ('scores', 'scores', 'single'), ('max_output_boxes_per_class', 'max_output_boxes_per_class', 'optional'), ('iou_threshold', 'iou_threshold', 'optional'), ('score_threshold', 'score_threshold', 'optional'))
    ONNX_OUTPUTS = (('selected_indices', 'selected_indices', 'single'),)
    ONNX_ATTRIBUTES = (('center_point_box', 'center_point_box', 'int', False, 0),)
    ONNX_REGIONS = ()

    @property
    def boxes(self):
        return self._operand_group(0)

    @property
    def scores(self):
        return self._operand_group(1)

    @property
    def max_output_boxes_per_class(self):
        return self._operand_group(2)

    @property
    def iou_threshold(self):
        return self._operand_group(3)

    @property
    def score_threshold(self):
        return self._operand_group(4)

    @property
    def center_point_box(self):
        return self._attribute('center_point_box', 'int', 0)

    @property
    def selected_indices(self):
        return self._result_group(0)


non_max_suppression = _op_builder(NonMaxSuppressionOp)

@_register
class NonZeroOp(_OnnxOp):
    """ONNX NonZero-13. Returns the indices of the elements that are non-zero (in row-major order - by dimension)."""

    OPERATION_NAME = "onnx.non_zero"
    ONNX_OP_TYPE = "NonZero"
    ONNX_SINCE_VERSION = 13
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'),)
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def y(self):
        return self._result_group(0)


non_zero = _op_builder(NonZeroOp)

@_register
class NotOp(_OnnxOp):
    """ONNX Not-1. Returns the negation of the input tensor element-wise."""

    OPERATION_NAME = "onnx.not"
    ONNX_OP_TYPE = "Not"
    ONNX_SINCE_VERSION = 1
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'),)
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def y(self):
        return self._result_group(0)


not_ = _op_builder(NotOp)

@_register
class OneHotOp(_OnnxOp):
    """ONNX OneHot-28. Produces a one-hot tensor based on inputs."""

    OPERATION_NAME = "onnx.one_hot"
    ONNX_OP_TYPE = "OneHot"
    ONNX_SINCE_VERSION = 28
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('indices', 'indices', 'single'), ('depth', 'depth', 'single'), ('values', 'values', 'single'))
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('axis', 'axis', 'int', False, -1),)
    ONNX_REGIONS = ()

    @property
    def indices(self):
        return self._operand_group(0)

    @property
    def depth(self):
        return self._operand_group(1)

    @property
    def values(self):
        return self._operand_group(2)

    @property
    def axis(self):
        return self._attribute('axis', 'int', -1)

    @property
    def output(self):
        return self._result_group(0)


one_hot = _op_builder(OneHotOp)

@_register
class OptionalOp(_OnnxOp):
    """ONNX Optional-28. Constructs an optional-type value containing either an empty optional of a certain type specified by the attribute, or a non-empty value containing the input..."""

    OPERATION_NAME = "onnx.optional"
    ONNX_OP_TYPE = "Optional"
    ONNX_SINCE_VERSION = 28
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'optional'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('type', 'type', 'type', False, None),)
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def type(self):
        return self._attribute('type', 'type', None)

    @property
    def output(self):
        return self._result_group(0)


optional = _op_builder(OptionalOp)

@_register
class OptionalGetElementOp(_OnnxOp):
    """ONNX OptionalGetElement-28. If the input is a tensor or sequence type, it returns the input."""

    OPERATION_NAME = "onnx.optional_get_element"
    ONNX_OP_TYPE = "OptionalGetElement"
    ONNX_SINCE_VERSION = 28
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def output(self):
        return self._result_group(0)


optional_get_element = _op_builder(OptionalGetElementOp)

@_register
class OptionalHasElementOp(_OnnxOp):
    """ONNX OptionalHasElement-28. Returns true if (1) the input is an optional-type and contains an element, or, (2) the input is a tensor or sequence type."""

    OPERATION_NAME = "onnx.optional_has_element"
    ONNX_OP_TYPE = "OptionalHasElement"
    ONNX_SINCE_VERSION = 28
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'optional'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def output(self):
        return self._result_group(0)


optional_has_element = _op_builder(OptionalHasElementOp)

@_register
class OrOp(_OnnxOp):
    """ONNX Or-7. Returns the tensor resulted from performing the `or` logical operation elementwise on the input tensors `A` and `B` (with Numpy-style broadcasting support)."""

    OPERATION_NAME = "onnx.or"
    ONNX_OP_TYPE = "Or"
    ONNX_SINCE_VERSION = 7
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('A', 'a', 'single'), ('B', 'b', 'single'))
    ONNX_OUTPUTS = (('C', 'c', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def a(self):
        return self._operand_group(0)

    @property
    def b(self):
        return self._operand_group(1)

    @property
    def c(self):
        return self._result_group(0)


or_ = _op_builder(OrOp)

@_register
class PReluOp(_OnnxOp):
    """ONNX PRelu-16. PRelu takes input data (Tensor) and slope tensor as input, and produces one output data (Tensor) where the function `f(x) = slope * x for x = 0`., is applied..."""

    OPERATION_NAME = "onnx.p_relu"
    ONNX_OP_TYPE = "PRelu"
    ONNX_SINCE_VERSION = 16
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'), ('slope', 'slope', 'single'))
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def slope(self):
        return self._operand_group(1)

    @property
    def y(self):
        return self._result_group(0)


p_relu = _op_builder(PReluOp)

@_register
class PadOp(_OnnxOp):
    """ONNX Pad-25. Given a tensor containing the data to be padded (`data`), a tensor containing the number of start and end pad values for axis (`pads`), (optionally) a `mode`..."""

    OPERATION_NAME = "onnx.pad"
    ONNX_OP_TYPE = "Pad"
    ONNX_SINCE_VERSION = 25
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = [1, 1, 0, 0]
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('data', 'data', 'single'), ('pads', 'pads', 'single'), ('constant_value', 'constant_value', 'optional'), ('axes', 'axes', 'optional'))
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('mode', 'mode', 'str', False, 'constant'),)
    ONNX_REGIONS = ()

    @property
    def data(self):
        return self._operand_group(0)

    @property
    def pads(self):
        return self._operand_group(1)

    @property
    def constant_value(self):
        return self._operand_group(2)

    @property
    def axes(self):
        return self._operand_group(3)

    @property
    def mode(self):
        return self._attribute('mode', 'str', 'constant')

    @property
    def output(self):
        return self._result_group(0)


pad = _op_builder(PadOp)

@_register
class PowOp(_OnnxOp):
    """ONNX Pow-15. Pow takes input data (Tensor) and exponent Tensor, and produces one output data (Tensor) where the function `f(x) = x^exponent`, is applied to the data tenso..."""

    OPERATION_NAME = "onnx.pow"
    ONNX_OP_TYPE = "Pow"
    ONNX_SINCE_VERSION = 15
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'), ('Y', 'y', 'single'))
    ONNX_OUTPUTS = (('Z', 'z', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def y(self):
        return self._operand_group(1)

    @property
    def z(self):
        return self._result_group(0)


pow = _op_builder(PowOp)

@_register
class QLinearConvOp(_OnnxOp):
    """ONNX QLinearConv-10. The convolution operator consumes a quantized input tensor, its scale and zero point, a quantized filter, its scale and zero point, and output's scale and ze..."""

    OPERATION_NAME = "onnx.q_linear_conv"
    ONNX_OP_TYPE = "QLinearConv"
    ONNX_SINCE_VERSION = 10
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('x', 'x', 'single'), ('x_scale', 'x_scale', 'single'), ('x_zero_point', 'x_zero_point', 'single'), ('w', 'w', 'single'), ('w_scale', 'w_scale', 'single'), ('w_zero_point', 'w_zero_point', 'single'), ('y_scale', 'y_scale', 'single'), ('y_zero_point', 'y_zero_point', 'single'), ('B', 'b', 'optional'))
    ONNX_OUTPUTS = (('y', 'y', 'single'),)
    ONNX_ATTRIBUTES = (('auto_pad', 'auto_pad', 'str', False, 'NOTSET'), ('dilations', 'dilations', 'ints', False, None), ('group', 'group', 'int', False, 1), ('kernel_shape', 'kernel_shape', 'ints', False, None), ('pads', 'pads', 'ints', False, None), ('strides', 'strides', 'ints', False, None))
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def x_scale(self):
        return self._operand_group(1)

    @property
    def x_zero_point(self):
        return self._operand_group(2)

    @property
    def w(self):
        return self._operand_group(3)

    @property
    def w_scale(self):
        return self._operand_group(4)

    @property
    def w_zero_point(self):
        return self._operand_group(5)

    @property
    def y_scale(self):
        return self._operand_group(6)

    @property
    def y_zero_point(self):
        return self._operand_group(7)

    @property
    def b(self):
        return self._operand_group(8)

    @property
    def auto_pad(self):
        return self._attribute('auto_pad', 'str', 'NOTSET')

    @property
    def dilations(self):
        return self._attribute('dilations', 'ints', None)

    @property
    def group(self):
        return self._attribute('group', 'int', 1)

    @property
    def kernel_shape(self):
        return self._attribute('kernel_shape', 'ints', None)

    @property
    def pads(self):
        return self._attribute('pads', 'ints', None)

    @property
    def strides(self):
        return self._attribute('strides', 'ints', None)

    @property
    def y(self):
        return self._result_group(0)


q_linear_conv = _op_builder(QLinearConvOp)

@_register
class QLinearMatMulOp(_OnnxOp):
    """ONNX QLinearMatMul-21. Matrix product that behaves like numpy.matmul."""

    OPERATION_NAME = "onnx.q_linear_mat_mul"
    ONNX_OP_TYPE = "QLinearMatMul"
    ONNX_SINCE_VERSION = 21
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('a', 'a', 'single'), ('a_scale', 'a_scale', 'single'), ('a_zero_point', 'a_zero_point', 'single'), ('b', 'b', 'single'), ('b_scale', 'b_scale', 'single'), ('b_zero_point', 'b_zero_point', 'single'), ('y_scale', 'y_scale', 'single'), ('y_zero_point', 'y_zero_point', 'single'))
    ONNX_OUTPUTS = (('y', 'y', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def a(self):
        return self._operand_group(0)

    @property
    def a_scale(self):
        return self._operand_group(1)

    @property
    def a_zero_point(self):
        return self._operand_group(2)

    @property
    def b(self):
        return self._operand_group(3)

    @property
    def b_scale(self):
        return self._operand_group(4)

    @property
    def b_zero_point(self):
        return self._operand_group(5)

    @property
    def y_scale(self):
        return self._operand_group(6)

    @property
    def y_zero_point(self):
        return self._operand_group(7)

    @property
    def y(self):
        return self._result_group(0)


q_linear_mat_mul = _op_builder(QLinearMatMulOp)

@_register
class QuantizeLinearOp(_OnnxOp):
    """ONNX QuantizeLinear-28. The linear quantization operator consumes a high-precision tensor, a scale, and a zero point to compute the low-precision/quantized tensor."""

    OPERATION_NAME = "onnx.quantize_linear"
    ONNX_OP_TYPE = "QuantizeLinear"
    ONNX_SINCE_VERSION = 28
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('x', 'x', 'single'), ('y_scale', 'y_scale', 'single'), ('y_zero_point', 'y_zero_point', 'optional'))
    ONNX_OUTPUTS = (('y', 'y', 'single'),)
    ONNX_ATTRIBUTES = (('axis', 'axis', 'int', False, 1), ('block_size', 'block_size', 'int', False, 0), ('output_dtype', 'output_dtype', 'int', False, 0), ('precision', 'precision', 'int', False, 0), ('saturate', 'saturate', 'int', False, 1))
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def y_scale(self):
        return self._operand_group(1)

    @property
    def y_zero_point(self):
        return self._operand_group(2)

    @property
    def axis(self):
        return self._attribute('axis', 'int', 1)

    @property
    def block_size(self):
        return self._attribute('block_size', 'int', 0)

    @property
    def output_dtype(self):
        return self._attribute('output_dtype', 'int', 0)

    @property
    def precision(self):
        return self._attribute('precision', 'int', 0)

    @property
    def saturate(self):
        return self._attribute('saturate', 'int', 1)

    @property
    def y(self):
        return self._result_group(0)


quantize_linear = _op_builder(QuantizeLinearOp)

@_register
class RMSNormalizationOp(_OnnxOp):
    """ONNX RMSNormalization-23. This is RMS normalization defined in ONNX as function as described in the paper https://arxiv.org/pdf/1910.07467."""

    OPERATION_NAME = "onnx.rms_normalization"
    ONNX_OP_TYPE = "RMSNormalization"
    ONNX_SINCE_VERSION = 23
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'), ('scale', 'scale', 'single'))
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = (('axis', 'axis', 'int', False, -1), ('epsilon', 'epsilon', 'float', False, 9.999999747378752e-06), ('stash_type', 'stash_type', 'int', False, 1))
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def scale(self):
        return self._operand_group(1)

    @property
    def axis(self):
        return self._attribute('axis', 'int', -1)

    @property
    def epsilon(self):
        return self._attribute('epsilon', 'float', 9.999999747378752e-06)

    @property
    def stash_type(self):
        return self._attribute('stash_type', 'int', 1)

    @property
    def y(self):
        return self._result_group(0)


rms_normalization = _op_builder(RMSNormalizationOp)

@_register
class RNNOp(_OnnxOp):
    """ONNX RNN-22. Computes an one-layer simple RNN. This operator is usually supported via some custom implementation such as CuDNN. Notations: * `X` - input tensor * `i` - in..."""

    OPERATION_NAME = "onnx.rnn"
    ONNX_OP_TYPE = "RNN"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = [1, 1, 1, 0, 0, 0]
    _ODS_RESULT_SEGMENTS = [0, 0]
    ONNX_INPUTS = (('X', 'x', 'single'), ('W', 'w', 'single'), ('R', 'r', 'single'), ('B', 'b', 'optional'), ('sequence_lens', 'sequence_lens', 'optional'), ('initial_h', 'initial_h', 'optional'))
    ONNX_OUTPUTS = (('Y', 'y', 'optional'), ('Y_h', 'y_h', 'optional'))
    ONNX_ATTRIBUTES = (('activation_alpha', 'activation_alpha', 'floats', False, None), ('activation_beta', 'activation_beta', 'floats', False, None), ('activations', 'activations', 'strs', False, ['Tanh', 'Tanh']), ('clip', 'clip', 'float', False, None), ('direction', 'direction', 'str', False, 'forward'), ('hidden_size', 'hidden_size', 'int', False, None), ('layout', 'layout', 'int', False, 0))
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def w(self):
        return self._operand_group(1)

    @property
    def r(self):
        return self._operand_group(2)

    @property
    def b(self):
        return self._operand_group(3)

    @property
    def sequence_lens(self):
        return self._operand_group(4)

    @property
    def initial_h(self):
        return self._operand_group(5)

    @property
    def activation_alpha(self):
        return self._attribute('activation_alpha', 'floats', None)

    @property
    def activation_beta(self):
        return self._attribute('activation_beta', 'floats', None)

    @property
    def activations(self):
        return self._attribute('activations', 'strs', ['Tanh', 'Tanh'])

    @property
    def clip(self):
        return self._attribute('clip', 'float', None)

    @property
    def direction(self):
        return self._attribute('direction', 'str', 'forward')

    @property
    def hidden_size(self):
        return self._attribute('hidden_size', 'int', None)

    @property
    def layout(self):
        return self._attribute('layout', 'int', 0)

    @property
    def y(self):
        return self._result_group(0)

    @property
    def y_h(self):
        return self._result_group(1)


rnn = _op_builder(RNNOp)

@_register
class RandomNormalOp(_OnnxOp):
    """ONNX RandomNormal-22. Generate a tensor with random values drawn from a normal distribution."""

    OPERATION_NAME = "onnx.random_normal"
    ONNX_OP_TYPE = "RandomNormal"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = ()
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('dtype', 'dtype', 'int', False, 1), ('mean', 'mean', 'float', False, 0.0), ('scale', 'scale', 'float', False, 1.0), ('seed', 'seed', 'float', False, None), ('shape', 'shape', 'ints', True, None))
    ONNX_REGIONS = ()

    @property
    def dtype(self):
        return self._attribute('dtype', 'int', 1)

    @property
    def mean(self):
        return self._attribute('mean', 'float', 0.0)

    @property
    def scale(self):
        return self._attribute('scale', 'float', 1.0)

    @property
    def seed(self):
        return self._attribute('seed', 'float', None)

    @property
    def shape(self):
        return self._attribute('shape', 'ints', None)

    @property
    def output(self):
        return self._result_group(0)


random_normal = _op_builder(RandomNormalOp)

@_register
class RandomNormalLikeOp(_OnnxOp):
    """ONNX RandomNormalLike-22. Generate a tensor with random values drawn from a normal distribution."""

    OPERATION_NAME = "onnx.random_normal_like"
    ONNX_OP_TYPE = "RandomNormalLike"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('dtype', 'dtype', 'int', False, None), ('mean', 'mean', 'float', False, 0.0), ('scale', 'scale', 'float', False, 1.0), ('seed', 'seed', 'float', False, None))
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def dtype(self):
        return self._attribute('dtype', 'int', None)

    @property
    def mean(self):
        return self._attribute('mean', 'float', 0.0)

    @property
    def scale(self):
        return self._attribute('scale', 'float', 1.0)

    @property
    def seed(self):
        return self._attribute('seed', 'float', None)

    @property
    def output(self):
        return self._result_group(0)


random_normal_like = _op_builder(RandomNormalLikeOp)

@_register
class RandomUniformOp(_OnnxOp):
    """ONNX RandomUniform-22. Generate a tensor with random values drawn from a uniform distribution."""

    OPERATION_NAME = "onnx.random_uniform"
    ONNX_OP_TYPE = "RandomUniform"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = ()
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('dtype', 'dtype', 'int', False, 1), ('high', 'high', 'float', False, 1.0), ('low', 'low', 'float', False, 0.0), ('seed', 'seed', 'float', False, None), ('shape', 'shape', 'ints', True, None))
    ONNX_REGIONS = ()

    @property
    def dtype(self):
        return self._attribute('dtype', 'int', 1)

    @property
    def high(self):
        return self._attribute('high', 'float', 1.0)

    @property
    def low(self):
        return self._attribute('low', 'float', 0.0)

    @property
    def seed(self):
        return self._attribute('seed', 'float', None)

    @property
    def shape(self):
        return self._attribute('shape', 'ints', None)

    @property
    def output(self):
        return self._result_group(0)


random_uniform = _op_builder(RandomUniformOp)

@_register
class RandomUniformLikeOp(_OnnxOp):
    """ONNX RandomUniformLike-22. Generate a tensor with random values drawn from a uniform distribution."""

    OPERATION_NAME = "onnx.random_uniform_like"
    ONNX_OP_TYPE = "RandomUniformLike"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('dtype', 'dtype', 'int', False, None), ('high', 'high', 'float', False, 1.0), ('low', 'low', 'float', False, 0.0), ('seed', 'seed', 'float', False, None))
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def dtype(self):
        return self._attribute('dtype', 'int', None)

    @property
    def high(self):
        return self._attribute('high', 'float', 1.0)

    @property
    def low(self):
        return self._attribute('low', 'float', 0.0)

    @property
    def seed(self):
        return self._attribute('seed', 'float', None)

    @property
    def output(self):
        return self._result_group(0)


random_uniform_like = _op_builder(RandomUniformLikeOp)

@_register
class RangeOp(_OnnxOp):
    """ONNX Range-27. Generate a tensor containing a sequence of numbers that begin at `start` and extends by increments of `delta` up to `limit` (exclusive)."""

    OPERATION_NAME = "onnx.range"
    ONNX_OP_TYPE = "Range"
    ONNX_SINCE_VERSION = 27
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('start', 'start', 'single'), ('limit', 'limit', 'single'), ('delta', 'delta', 'single'))
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('stash_type', 'stash_type', 'int', False, 1),)
    ONNX_REGIONS = ()

    @property
    def start(self):
        return self._operand_group(0)

    @property
    def limit(self):
        return self._operand_group(1)

    @property
    def delta(self):
        return self._operand_group(2)

    @property
    def stash_type(self):
        return self._attribute('stash_type', 'int', 1)

    @property
    def output(self):
        return self._result_group(0)


range = _op_builder(RangeOp)

@_register
class ReciprocalOp(_OnnxOp):
    """ONNX Reciprocal-13. Reciprocal takes one input data (Tensor) and produces one output data (Tensor) where the reciprocal is, y = 1/x, is applied to the tensor elementwise."""

    OPERATION_NAME = "onnx.reciprocal"
    ONNX_OP_TYPE = "Reciprocal"
    ONNX_SINCE_VERSION = 13
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'),)
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def y(self):
        return self._result_group(0)


reciprocal = _op_builder(ReciprocalOp)

@_register
class ReduceL1Op(_OnnxOp):
    """ONNX ReduceL1-18. Computes the L1 norm of the input tensor's elements along the provided axes."""

    OPERATION_NAME = "onnx.reduce_l1"
    ONNX_OP_TYPE = "ReduceL1"
    ONNX_SINCE_VERSION = 18
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('data', 'data', 'single'), ('axes', 'axes', 'optional'))
    ONNX_OUTPUTS = (('reduced', 'reduced', 'single'),)
    ONNX_ATTRIBUTES = (('keepdims', 'keepdims', 'int', False, 1), ('noop_with_empty_axes', 'noop_with_empty_axes', 'int', False, 0))
    ONNX_REGIONS = ()

    @property
    def data(self):
        return self._operand_group(0)

    @property
    def axes(self):
        return self._operand_group(1)

    @property
    def keepdims(self):
        return self._attribute('keepdims', 'int', 1)

    @property
    def noop_with_empty_axes(self):
        return self._attribute('noop_with_empty_axes', 'int', 0)

    @property
    def reduced(self):
        return self._result_group(0)


reduce_l1 = _op_builder(ReduceL1Op)

@_register
class ReduceL2Op(_OnnxOp):
    """ONNX ReduceL2-18. Computes the L2 norm of the input tensor's elements along the provided axes."""

    OPERATION_NAME = "onnx.reduce_l2"
    ONNX_OP_TYPE = "ReduceL2"
    ONNX_SINCE_VERSION = 18
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('data', 'data', 'single'), ('axes', 'axes', 'optional'))
    ONNX_OUTPUTS = (('reduced', 'reduced', 'single'),)
    ONNX_ATTRIBUTES = (('keepdims', 'keepdims', 'int', False, 1), ('noop_with_empty_axes', 'noop_with_empty_axes', 'int', False, 0))
    ONNX_REGIONS = ()

    @property
    def data(self):
        return self._operand_group(0)

    @property
    def axes(self):
        return self._operand_group(1)

    @property
    def keepdims(self):
        return self._attribute('keepdims', 'int', 1)

    @property
    def noop_with_empty_axes(self):
        return self._attribute('noop_with_empty_axes', 'int', 0)

    @property
    def reduced(self):
        return self._result_group(0)


reduce_l2 = _op_builder(ReduceL2Op)

@_register
class ReduceLogSumOp(_OnnxOp):
    """ONNX ReduceLogSum-28. Computes the log sum of the input tensor's elements along the provided axes."""

    OPERATION_NAME = "onnx.reduce_log_sum"
    ONNX_OP_TYPE = "ReduceLogSum"
    ONNX_SINCE_VERSION = 28
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('data', 'data', 'single'), ('axes', 'axes', 'optional'))
    ONNX_OUTPUTS = (('reduced', 'reduced', 'single'),)
    ONNX_ATTRIBUTES = (('keepdims', 'keepdims', 'int', False, 1), ('noop_with_empty_axes', 'noop_with_empty_axes', 'int', False, 0))
    ONNX_REGIONS = ()

    @property
    def data(self):
        return self._operand_group(0)

    @property
    def axes(self):
        return self._operand_group(1)

    @property
    def keepdims(self):
        return self._attribute('keepdims', 'int', 1)

    @property
    def noop_with_empty_axes(self):
        return self._attribute('noop_with_empty_axes', 'int', 0)

    @property
    def reduced(self):
        return self._result_group(0)


reduce_log_sum = _op_builder(ReduceLogSumOp)

@_register
class ReduceLogSumExpOp(_OnnxOp):
    """ONNX ReduceLogSumExp-28. Computes the log sum exponent of the input tensor's elements along the provided axes."""

    OPERATION_NAME = "onnx.reduce_log_sum_exp"
    ONNX_OP_TYPE = "ReduceLogSumExp"
    ONNX_SINCE_VERSION = 28
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('data', 'data', 'single'), ('axes', 'axes', 'optional'))
    ONNX_OUTPUTS = (('reduced', 'reduced', 'single'),)
    ONNX_ATTRIBUTES = (('keepdims', 'keepdims', 'int', False, 1), ('noop_with_empty_axes', 'noop_with_empty_axes', 'int', False, 0))
    ONNX_REGIONS = ()

    @property
    def data(self):
        return self._operand_group(0)

    @property
    def axes(self):
        return self._operand_group(1)

    @property
    def keepdims(self):
        return self._attribute('keepdims', 'int', 1)

    @property
    def noop_with_empty_axes(self):
        return self._attribute('noop_with_empty_axes', 'int', 0)

    @property
    def reduced(self):
        return self._result_group(0)


reduce_log_sum_exp = _op_builder(ReduceLogSumExpOp)

@_register
class ReduceMaxOp(_OnnxOp):
    """ONNX ReduceMax-20. Computes the max of the input tensor's elements along the provided axes."""

    OPERATION_NAME = "onnx.reduce_max"
    ONNX_OP_TYPE = "ReduceMax"
    ONNX_SINCE_VERSION = 20
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('data', 'data', 'single'), ('axes', 'axes', 'optional'))
    ONNX_OUTPUTS = (('reduced', 'reduced', 'single'),)
    ONNX_ATTRIBUTES = (('keepdims', 'keepdims', 'int', False, 1), ('noop_with_empty_axes', 'noop_with_empty_axes', 'int', False, 0))
    ONNX_REGIONS = ()

    @property
    def data(self):
        return self._operand_group(0)

    @property
    def axes(self):
        return self._operand_group(1)

    @property
    def keepdims(self):
        return self._attribute('keepdims', 'int', 1)

    @property
    def noop_with_empty_axes(self):
        return self._attribute('noop_with_empty_axes', 'int', 0)

    @property
    def reduced(self):
        return self._result_group(0)


reduce_max = _op_builder(ReduceMaxOp)

@_register
class ReduceMeanOp(_OnnxOp):
    """ONNX ReduceMean-18. Computes the mean of the input tensor's elements along the provided axes."""

    OPERATION_NAME = "onnx.reduce_mean"
    ONNX_OP_TYPE = "ReduceMean"
    ONNX_SINCE_VERSION = 18
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('data', 'data', 'single'), ('axes', 'axes', 'optional'))
    ONNX_OUTPUTS = (('reduced', 'reduced', 'single'),)
    ONNX_ATTRIBUTES = (('keepdims', 'keepdims', 'int', False, 1), ('noop_with_empty_axes', 'noop_with_empty_axes', 'int', False, 0))
    ONNX_REGIONS = ()

    @property
    def data(self):
        return self._operand_group(0)

    @property
    def axes(self):
        return self._operand_group(1)

    @property
    def keepdims(self):
        return self._attribute('keepdims', 'int', 1)

    @property
    def noop_with_empty_axes(self):
        return self._attribute('noop_with_empty_axes', 'int', 0)

    @property
    def reduced(self):
        return self._result_group(0)


reduce_mean = _op_builder(ReduceMeanOp)

@_register
class ReduceMinOp(_OnnxOp):
    """ONNX ReduceMin-20. Computes the min of the input tensor's elements along the provided axes."""

    OPERATION_NAME = "onnx.reduce_min"
    ONNX_OP_TYPE = "ReduceMin"
    ONNX_SINCE_VERSION = 20
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('data', 'data', 'single'), ('axes', 'axes', 'optional'))
    ONNX_OUTPUTS = (('reduced', 'reduced', 'single'),)
    ONNX_ATTRIBUTES = (('keepdims', 'keepdims', 'int', False, 1), ('noop_with_empty_axes', 'noop_with_empty_axes', 'int', False, 0))
    ONNX_REGIONS = ()

    @property
    def data(self):
        return self._operand_group(0)

    @property
    def axes(self):
        return self._operand_group(1)

    @property
    def keepdims(self):
        return self._attribute('keepdims', 'int', 1)

    @property
    def noop_with_empty_axes(self):
        return self._attribute('noop_with_empty_axes', 'int', 0)

    @property
    def reduced(self):
        return self._result_group(0)


reduce_min = _op_builder(ReduceMinOp)

@_register
class ReduceProdOp(_OnnxOp):
    """ONNX ReduceProd-18. Computes the product of the input tensor's elements along the provided axes."""

    OPERATION_NAME = "onnx.reduce_prod"
    ONNX_OP_TYPE = "ReduceProd"
    ONNX_SINCE_VERSION = 18
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('data', 'data', 'single'), ('axes', 'axes', 'optional'))
    ONNX_OUTPUTS = (('reduced', 'reduced', 'single'),)
    ONNX_ATTRIBUTES = (('keepdims', 'keepdims', 'int', False, 1), ('noop_with_empty_axes', 'noop_with_empty_axes', 'int', False, 0))
    ONNX_REGIONS = ()

    @property
    def data(self):
        return self._operand_group(0)

    @property
    def axes(self):
        return self._operand_group(1)

    @property
    def keepdims(self):
        return self._attribute('keepdims', 'int', 1)

    @property
    def noop_with_empty_axes(self):
        return self._attribute('noop_with_empty_axes', 'int', 0)

    @property
    def reduced(self):
        return self._result_group(0)


reduce_prod = _op_builder(ReduceProdOp)

@_register
class ReduceSumOp(_OnnxOp):
    """ONNX ReduceSum-13. Computes the sum of the input tensor's elements along the provided axes."""

    OPERATION_NAME = "onnx.reduce_sum"
    ONNX_OP_TYPE = "ReduceSum"
    ONNX_SINCE_VERSION = 13
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('data', 'data', 'single'), ('axes', 'axes', 'optional'))
    ONNX_OUTPUTS = (('reduced', 'reduced', 'single'),)
    ONNX_ATTRIBUTES = (('keepdims', 'keepdims', 'int', False, 1), ('noop_with_empty_axes', 'noop_with_empty_axes', 'int', False, 0))
    ONNX_REGIONS = ()

    @property
    def data(self):
        return self._operand_group(0)

    @property
    def axes(self):
        return self._operand_group(1)

    @property
    def keepdims(self):
        return self._attribute('keepdims', 'int', 1)

    @property
    def noop_with_empty_axes(self):
        return self._attribute('noop_with_empty_axes', 'int', 0)

    @property
    def reduced(self):
        return self._result_group(0)


reduce_sum = _op_builder(ReduceSumOp)

@_register
class ReduceSumSquareOp(_OnnxOp):
    """ONNX ReduceSumSquare-18. Computes the sum square of the input tensor's elements along the provided axes."""

    OPERATION_NAME = "onnx.reduce_sum_square"
    ONNX_OP_TYPE = "ReduceSumSquare"
    ONNX_SINCE_VERSION = 18
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('data', 'data', 'single'), ('axes', 'axes', 'optional'))
    ONNX_OUTPUTS = (('reduced', 'reduced', 'single'),)
    ONNX_ATTRIBUTES = (('keepdims', 'keepdims', 'int', False, 1), ('noop_with_empty_axes', 'noop_with_empty_axes', 'int', False, 0))
    ONNX_REGIONS = ()

    @property
    def data(self):
        return self._operand_group(0)

    @property
    def axes(self):
        return self._operand_group(1)

    @property
    def keepdims(self):
        return self._attribute('keepdims', 'int', 1)

    @property
    def noop_with_empty_axes(self):
        return self._attribute('noop_with_empty_axes', 'int', 0)

    @property
    def reduced(self):
        return self._result_group(0)


reduce_sum_square = _op_builder(ReduceSumSquareOp)

@_register
class RegexFullMatchOp(_OnnxOp):
    """ONNX RegexFullMatch-20. RegexFullMatch performs a full regex match on each element of the input tensor."""

    OPERATION_NAME = "onnx.regex_full_match"
    ONNX_OP_TYPE = "RegexFullMatch"
    ONNX_SINCE_VERSION = 20
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'),)
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = (('pattern', 'pattern', 'str', False, None),)
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def pattern(self):
        return self._attribute('pattern', 'str', None)

    @property
    def y(self):
        return self._result_group(0)


regex_full_match = _op_builder(RegexFullMatchOp)

@_register
class ReluOp(_OnnxOp):
    """ONNX Relu-14. Relu takes one input data (Tensor) and produces one output data (Tensor) where the rectified linear function, y = max(0, x), is applied to the tensor element..."""

    OPERATION_NAME = "onnx.relu"
    ONNX_OP_TYPE = "Relu"
    ONNX_SINCE_VERSION = 14
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'),)
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def y(self):
        return self._result_group(0)


relu = _op_builder(ReluOp)

@_register
class ReshapeOp(_OnnxOp):
    """ONNX Reshape-25. Reshape the input tensor similar to numpy.reshape."""

    OPERATION_NAME = "onnx.reshape"
    ONNX_OP_TYPE = "Reshape"
    ONNX_SINCE_VERSION = 25
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('data', 'data', 'single'), ('shape', 'shape', 'single'))
    ONNX_OUTPUTS = (('reshaped', 'reshaped', 'single'),)
    ONNX_ATTRIBUTES = (('allowzero', 'allowzero', 'int', False, 0),)
    ONNX_REGIONS = ()

    @property
    def data(self):
        return self._operand_group(0)

    @property
    def shape(self):
        return self._operand_group(1)

    @property
    def allowzero(self):
        return self._attribute('allowzero', 'int', 0)

    @property
    def reshaped(self):
        return self._result_group(0)


reshape = _op_builder(ReshapeOp)

@_register
class ResizeOp(_OnnxOp):
    """ONNX Resize-19. Resize the input tensor."""

    OPERATION_NAME = "onnx.resize"
    ONNX_OP_TYPE = "Resize"
    ONNX_SINCE_VERSION = 19
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = [1, 0, 0, 0]
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'), ('roi', 'roi', 'optional'), ('scales', 'scales', 'optional'), ('sizes', 'sizes', 'optional'))
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = (('antialias', 'antialias', 'int', False, 0), ('axes', 'axes', 'ints', False, None), ('coordinate_transformation_mode', 'coordinate_transformation_mode', 'str', False, 'half_pixel'), ('cubic_coeff_a', 'cubic_coeff_a', 'float', False, -0.75), ('exclude_outside', 'exclude_outside', 'int', False, 0), ('extrapolation_value', 'extrapolation_value', 'float', False, 0.0), ('keep_aspect_ratio_policy', 'keep_aspect_ratio_policy', 'str', False, 'stretch'), ('mode', 'mode', 'str', False, 'nearest'), ('nearest_mode', 'nearest_mode', 'str', False, 'round_prefer_floor'))
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def roi(self):
        return self._operand_group(1)

    @property
    def scales(self):
        return self._operand_group(2)

    @property
    def sizes(self):
        return self._operand_group(3)

    @property
    def antialias(self):
        return self._attribute('antialias', 'int', 0)

    @property
    def axes(self):
        return self._attribute('axes', 'ints', None)

    @property
    def coordinate_transformation_mode(self):
        return self._attribute('coordinate_transformation_mode', 'str', 'half_pixel')

    @property
    def cubic_coeff_a(self):
        return self._attribute('cubic_coeff_a', 'float', -0.75)

    @property
    def exclude_outside(self):
        return self._attribute('exclude_outside', 'int', 0)

    @property
    def extrapolation_value(self):
        return self._attribute('extrapolation_value', 'float', 0.0)

    @property
    def keep_aspect_ratio_policy(self):
        return self._attribute('keep_aspect_ratio_policy', 'str', 'stretch')

    @property
    def mode(self):
        return self._attribute('mode', 'str', 'nearest')

    @property
    def nearest_mode(self):
        return self._attribute('nearest_mode', 'str', 'round_prefer_floor')

    @property
    def y(self):
        return self._result_group(0)


resize = _op_builder(ResizeOp)

@_register
class ReverseSequenceOp(_OnnxOp):
    """ONNX ReverseSequence-28. Reverse batch of sequences having different lengths specified by `sequence_lens`. For each slice i iterating on batch axis, the operator reverses the first s..."""

    OPERATION_NAME = "onnx.reverse_sequence"
    ONNX_OP_TYPE = "ReverseSequence"
    ONNX_SINCE_VERSION = 28
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'), ('sequence_lens', 'sequence_lens', 'single'))
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = (('batch_axis', 'batch_axis', 'int', False, 1), ('time_axis', 'time_axis', 'int', False, 0))
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def sequence_lens(self):
        return self._operand_group(1)

    @property
    def batch_axis(self):
        return self._attribute('batch_axis', 'int', 1)

    @property
    def time_axis(self):
        return self._attribute('time_axis', 'int', 0)

    @property
    def y(self):
        return self._result_group(0)


reverse_sequence = _op_builder(ReverseSequenceOp)

@_register
class RoiAlignOp(_OnnxOp):
    """ONNX RoiAlign-22. Region of Interest (RoI) align operation described in the Mask R-CNN paper."""

    OPERATION_NAME = "onnx.roi_align"
    ONNX_OP_TYPE = "RoiAlign"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'), ('rois', 'rois', 'single'), ('batch_indices', 'batch_indices', 'single'))
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = (('coordinate_transformation_mode', 'coordinate_transformation_mode', 'str', False, 'half_pixel'), ('mode', 'mode', 'str', False, 'avg'), ('output_height', 'output_height', 'int', False, 1), ('output_width', 'output_width', 'int', False, 1), ('sampling_ratio', 'sampling_ratio', 'int', False, 0), ('spatial_scale', 'spatial_scale', 'float', False, 1.0))
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def rois(self):
        return self._operand_group(1)

    @property
    def batch_indices(self):
        return self._operand_group(2)

    @property
    def coordinate_transformation_mode(self):
        return self._attribute('coordinate_transformation_mode', 'str', 'half_pixel')

    @property
    def mode(self):
        return self._attribute('mode', 'str', 'avg')

    @property
    def output_height(self):
        return self._attribute('output_height', 'int', 1)

    @property
    def output_width(self):
        return self._attribute('output_width', 'int', 1)

    @property
    def sampling_ratio(self):
        return self._attribute('sampling_ratio', 'int', 0)

    @property
    def spatial_scale(self):
        return self._attribute('spatial_scale', 'float', 1.0)

    @property
    def y(self):
        return self._result_group(0)


roi_align = _op_builder(RoiAlignOp)

@_register
class RotaryEmbeddingOp(_OnnxOp):
    """ONNX RotaryEmbedding-23. RotaryEmbedding is the implementation of rotary positional embeddings (RoPE) based on the paper https://arxiv.org/pdf/2104.09864."""

    OPERATION_NAME = "onnx.rotary_embedding"
    ONNX_OP_TYPE = "RotaryEmbedding"
    ONNX_SINCE_VERSION = 23
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'), ('cos_cache', 'cos_cache', 'single'), ('sin_cache', 'sin_cache', 'single'), ('position_ids', 'position_ids', 'optional'))
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = (('interleaved', 'interleaved', 'int', False, 0), ('num_heads', 'num_heads', 'int', False, None), ('rotary_embedding_dim', 'rotary_embedding_dim', 'int', False, 0))
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def cos_cache(self):
        return self._operand_group(1)

    @property
    def sin_cache(self):
        return self._operand_group(2)

    @property
    def position_ids(self):
        return self._operand_group(3)

    @property
    def interleaved(self):
        return self._attribute('interleaved', 'int', 0)

    @property
    def num_heads(self):
        return self._attribute('num_heads', 'int', None)

    @property
    def rotary_embedding_dim(self):
        return self._attribute('rotary_embedding_dim', 'int', 0)

    @property
    def y(self):
        return self._result_group(0)


rotary_embedding = _op_builder(RotaryEmbeddingOp)

@_register
class RoundOp(_OnnxOp):
    """ONNX Round-22. Round takes one input Tensor and rounds the values, element-wise, meaning it finds the nearest integer for each value."""

    OPERATION_NAME = "onnx.round"
    ONNX_OP_TYPE = "Round"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'),)
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def y(self):
        return self._result_group(0)


round = _op_builder(RoundOp)

@_register
class STFTOp(_OnnxOp):
    """ONNX STFT-17. Computes the Short-time Fourier Transform of the signal."""

    OPERATION_NAME = "onnx.stft"
    ONNX_OP_TYPE = "STFT"
    ONNX_SINCE_VERSION = 17
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = [1, 1, 0, 0]
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('signal', 'signal', 'single'), ('frame_step', 'frame_step', 'single'), ('window', 'window', 'optional'), ('frame_length', 'frame_length', 'optional'))
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('onesided', 'onesided', 'int', False, 1),)
    ONNX_REGIONS = ()

    @property
    def signal(self):
        return self._operand_group(0)

    @property
    def frame_step(self):
        return self._operand_group(1)

    @property
    def window(self):
        return self._operand_group(2)

    @property
    def frame_length(self):
        return self._operand_group(3)

    @property
    def onesided(self):
        return self._attribute('onesided', 'int', 1)

    @property
    def output(self):
        return self._result_group(0)


stft = _op_builder(STFTOp)

@_register
class ScanOp(_OnnxOp):
    """ONNX Scan-25. Scan can be used to iterate over one or more scan_input tensors, constructing zero or more scan_output tensors."""

    OPERATION_NAME = "onnx.scan"
    ONNX_OP_TYPE = "Scan"
    ONNX_SINCE_VERSION = 25
    _ODS_REGIONS = (1, True)
    _ODS_OPERAND_SEGMENTS = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1]
    _ODS_RESULT_SEGMENTS = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1]
    ONNX_INPUTS = (('initial_state_and_scan_inputs', 'initial_state_and_scan_inputs', 'variadic'),)
    ONNX_OUTPUTS = (('final_state_and_scan_outputs', 'final_state_and_scan_outputs', 'variadic'),)
    ONNX_ATTRIBUTES = (('num_scan_inputs', 'num_scan_inputs', 'int', True, None), ('scan_input_axes', 'scan_input_axes', 'ints', False, None), ('scan_input_directions', 'scan_input_directions', 'ints', False, None), ('scan_output_axes', 'scan_output_axes', 'ints', False, None), ('scan_output_directions', 'scan_output_directions', 'ints', False, None))
    ONNX_REGIONS = ('body',)

    @property
    def initial_state_and_scan_inputs(self):
        return self._operand_group(0)

    @property
    def num_scan_inputs(self):
        return self._attribute('num_scan_inputs', 'int', None)

    @property
    def scan_input_axes(self):
        return self._attribute('scan_input_axes', 'ints', None)

    @property
    def scan_input_directions(self):
        return self._attribute('scan_input_directions', 'ints', None)

    @property
    def scan_output_axes(self):
        return self._attribute('scan_output_axes', 'ints', None)

    @property
    def scan_output_directions(self):
        return self._attribute('scan_output_directions', 'ints', None)

    @property
    def final_state_and_scan_outputs(self):
        return self._result_group(0)

    @property
    def body(self):
        return self.regions[0]


scan = _op_builder(ScanOp)

@_register
class ScatterOp(_OnnxOp):
    """ONNX Scatter-11. This operator is deprecated."""

    OPERATION_NAME = "onnx.scatter"
    ONNX_OP_TYPE = "Scatter"
    ONNX_SINCE_VERSION = 11
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('data', 'data', 'single'), ('indices', 'indices', 'single'), ('updates', 'updates', 'single'))
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('axis', 'axis', 'int', False, 0),)
    ONNX_REGIONS = ()

    @property
    def data(self):
        return self._operand_group(0)

    @property
    def indices(self):
        return self._operand_group(1)

    @property
    def updates(self):
        return self._operand_group(2)

    @property
    def axis(self):
        return self._attribute('axis', 'int', 0)

    @property
    def output(self):
        return self._result_group(0)


scatter = _op_builder(ScatterOp)

@_register
class ScatterElementsOp(_OnnxOp):
    """ONNX ScatterElements-18. ScatterElements takes three inputs `data`, `updates`, and `indices` of the same rank r >= 1 and an optional attribute axis that identifies an axis of `data` ..."""

    OPERATION_NAME = "onnx.scatter_elements"
    ONNX_OP_TYPE = "ScatterElements"
    ONNX_SINCE_VERSION = 18
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('data', 'data', 'single'), ('indices', 'indices', 'single'), ('updates', 'updates', 'single'))
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('axis', 'axis', 'int', False, 0), ('reduction', 'reduction', 'str', False, 'none'))
    ONNX_REGIONS = ()

    @property
    def data(self):
        return self._operand_group(0)

    @property
    def indices(self):
        return self._operand_group(1)

    @property
    def updates(self):
        return self._operand_group(2)

    @property
    def axis(self):
        return self._attribute('axis', 'int', 0)

    @property
    def reduction(self):
        return self._attribute('reduction', 'str', 'none')

    @property
    def output(self):
        return self._result_group(0)


scatter_elements = _op_builder(ScatterElementsOp)

@_register
class ScatterNDOp(_OnnxOp):
    """ONNX ScatterND-18. ScatterND takes three inputs `data` tensor of rank r >= 1, `indices` tensor of rank q >= 1, and `updates` tensor of rank q + r - indices.shape[-1] - 1."""

    OPERATION_NAME = "onnx.scatter_nd"
    ONNX_OP_TYPE = "ScatterND"
    ONNX_SINCE_VERSION = 18
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('data', 'data', 'single'), ('indices', 'indices', 'single'), ('updates', 'updates', 'single'))
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('reduction', 'reduction', 'str', False, 'none'),)
    ONNX_REGIONS = ()

    @property
    def data(self):
        return self._operand_group(0)

    @property
    def indices(self):
        return self._operand_group(1)

    @property
    def updates(self):
        return self._operand_group(2)

    @property
    def reduction(self):
        return self._attribute('reduction', 'str', 'none')

    @property
    def output(self):
        return self._result_group(0)


scatter_nd = _op_builder(ScatterNDOp)

@_register
class SeluOp(_OnnxOp):
    """ONNX Selu-22. Selu takes one input data (Tensor) and produces one output data (Tensor) where the scaled exponential linear unit function, `y = gamma * (alpha * e^x - alpha..."""

    OPERATION_NAME = "onnx.selu"
    ONNX_OP_TYPE = "Selu"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'),)
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = (('alpha', 'alpha', 'float', False, 1.6732631921768188), ('gamma', 'gamma', 'float', False, 1.0507010221481323))
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def alpha(self):
        return self._attribute('alpha', 'float', 1.6732631921768188)

    @property
    def gamma(self):
        return self._attribute('gamma', 'float', 1.0507010221481323)

    @property
    def y(self):
        return self._result_group(0)


selu = _op_builder(SeluOp)

@_register
class SequenceAtOp(_OnnxOp):
    """ONNX SequenceAt-11. Outputs a tensor copy from the tensor at 'position' in 'input_sequence'. Accepted range for 'position' is in `[-n, n - 1]`, where `n` is the number of tensor..."""

    OPERATION_NAME = "onnx.sequence_at"
    ONNX_OP_TYPE = "SequenceAt"
    ONNX_SINCE_VERSION = 11
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input_sequence', 'input_sequence', 'single'), ('position', 'position', 'single'))
    ONNX_OUTPUTS = (('tensor', 'tensor', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def input_sequence(self):
        return self._operand_group(0)

    @property
    def position(self):
        return self._operand_group(1)

    @property
    def tensor(self):
        return self._result_group(0)


sequence_at = _op_builder(SequenceAtOp)

@_register
class SequenceConstructOp(_OnnxOp):
    """ONNX SequenceConstruct-11. Construct a tensor sequence containing 'inputs' tensors."""

    OPERATION_NAME = "onnx.sequence_construct"
    ONNX_OP_TYPE = "SequenceConstruct"
    ONNX_SINCE_VERSION = 11
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1]
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('inputs', 'inputs', 'variadic'),)
    ONNX_OUTPUTS = (('output_sequence', 'output_sequence', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def inputs(self):
        return self._operand_group(0)

    @property
    def output_sequence(self):
        return self._result_group(0)


sequence_construct = _op_builder(SequenceConstructOp)

@_register
class SequenceEmptyOp(_OnnxOp):
    """ONNX SequenceEmpty-11. Construct an empty tensor sequence, with given data type."""

    OPERATION_NAME = "onnx.sequence_empty"
    ONNX_OP_TYPE = "SequenceEmpty"
    ONNX_SINCE_VERSION = 11
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = ()
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('dtype', 'dtype', 'int', False, None),)
    ONNX_REGIONS = ()

    @property
    def dtype(self):
        return self._attribute('dtype', 'int', None)

    @property
    def output(self):
        return self._result_group(0)


sequence_empty = _op_builder(SequenceEmptyOp)

@_register
class SequenceEraseOp(_OnnxOp):
    """ONNX SequenceErase-11. Outputs a tensor sequence that removes the tensor at 'position' from 'input_sequence'. Accepted range for 'position' is in `[-n, n - 1]`, where `n` is the nu..."""

    OPERATION_NAME = "onnx.sequence_erase"
    ONNX_OP_TYPE = "SequenceErase"
    ONNX_SINCE_VERSION = 11
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input_sequence', 'input_sequence', 'single'), ('position', 'position', 'optional'))
    ONNX_OUTPUTS = (('output_sequence', 'output_sequence', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def input_sequence(self):
        return self._operand_group(0)

    @property
    def position(self):
        return self._operand_group(1)

    @property
    def output_sequence(self):
        return self._result_group(0)


sequence_erase = _op_builder(SequenceEraseOp)

@_register
class SequenceInsertOp(_OnnxOp):
    """ONNX SequenceInsert-11. Outputs a tensor sequence that inserts 'tensor' into 'input_sequence' at 'position'. 'tensor' must have the same data type as 'input_sequence'. Accepted rang..."""

    OPERATION_NAME = "onnx.sequence_insert"
    ONNX_OP_TYPE = "SequenceInsert"
    ONNX_SINCE_VERSION = 11
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input_sequence', 'input_sequence', 'single'), ('tensor', 'tensor', 'single'), ('position', 'position', 'optional'))
    ONNX_OUTPUTS = (('output_sequence', 'output_sequence', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def input_sequence(self):
        return self._operand_group(0)

    @property
    def tensor(self):
        return self._operand_group(1)

    @property
    def position(self):
        return self._operand_group(2)

    @property
    def output_sequence(self):
        return self._result_group(0)


sequence_insert = _op_builder(SequenceInsertOp)

@_register
class SequenceLengthOp(_OnnxOp):
    """ONNX SequenceLength-11. Produces a scalar(tensor of empty shape) containing the number of tensors in 'input_sequence'."""

    OPERATION_NAME = "onnx.sequence_length"
    ONNX_OP_TYPE = "SequenceLength"
    ONNX_SINCE_VERSION = 11
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input_sequence', 'input_sequence', 'single'),)
    ONNX_OUTPUTS = (('length', 'length', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def input_sequence(self):
        return self._operand_group(0)

    @property
    def length(self):
        return self._result_group(0)


sequence_length = _op_builder(SequenceLengthOp)

@_register
class SequenceMapOp(_OnnxOp):
    """ONNX SequenceMap-17. Applies a sub-graph to each sample in the input sequence(s)."""

    OPERATION_NAME = "onnx.sequence_map"
    ONNX_OP_TYPE = "SequenceMap"
    ONNX_SINCE_VERSION = 17
    _ODS_REGIONS = (1, True)
    _ODS_OPERAND_SEGMENTS = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1]
    _ODS_RESULT_SEGMENTS = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1]
    ONNX_INPUTS = (('input_sequence', 'input_sequence', 'single'), ('additional_inputs', 'additional_inputs', 'variadic'))
    ONNX_OUTPUTS = (('out_sequence', 'out_sequence', 'variadic'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ('body',)

    @property
    def input_sequence(self):
        return self._operand_group(0)

    @property
    def additional_inputs(self):
        return self._operand_group(1)

    @property
    def out_sequence(self):
        return self._result_group(0)

    @property
    def body(self):
        return self.regions[0]


sequence_map = _op_builder(SequenceMapOp)

@_register
class ShapeOp(_OnnxOp):
    """ONNX Shape-25. Takes a tensor as input and outputs an 1D int64 tensor containing the shape of the input tensor."""

    OPERATION_NAME = "onnx.shape"
    ONNX_OP_TYPE = "Shape"
    ONNX_SINCE_VERSION = 25
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('data', 'data', 'single'),)
    ONNX_OUTPUTS = (('shape', 'shape', 'single'),)
    ONNX_ATTRIBUTES = (('end', 'end', 'int', False, None), ('start', 'start', 'int', False, 0))
    ONNX_REGIONS = ()

    @property
    def data(self):
        return self._operand_group(0)

    @property
    def end(self):
        return self._attribute('end', 'int', None)

    @property
    def start(self):
        return self._attribute('start', 'int', 0)

    @property
    def shape(self):
        return self._result_group(0)


shape = _op_builder(ShapeOp)

@_register
class ShrinkOp(_OnnxOp):
    """ONNX Shrink-9. Shrink takes one input data (Tensor) and produces one Tensor output, having same datatype and shape with input."""

    OPERATION_NAME = "onnx.shrink"
    ONNX_OP_TYPE = "Shrink"
    ONNX_SINCE_VERSION = 9
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('bias', 'bias', 'float', False, 0.0), ('lambd', 'lambd', 'float', False, 0.5))
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def bias(self):
        return self._attribute('bias', 'float', 0.0)

    @property
    def lambd(self):
        return self._attribute('lambd', 'float', 0.5)

    @property
    def output(self):
        return self._result_group(0)


shrink = _op_builder(ShrinkOp)

@_register
class SigmoidOp(_OnnxOp):
    """ONNX Sigmoid-13. Sigmoid takes one input data (Tensor) and produces one output data (Tensor) where the sigmoid function, y = 1 / (1 + exp(-x)), is applied to the tensor eleme..."""

    OPERATION_NAME = "onnx.sigmoid"
    ONNX_OP_TYPE = "Sigmoid"
    ONNX_SINCE_VERSION = 13
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'),)
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def y(self):
        return self._result_group(0)


sigmoid = _op_builder(SigmoidOp)

@_register
class SignOp(_OnnxOp):
    """ONNX Sign-13. Calculate the sign of the given input tensor element-wise."""

    OPERATION_NAME = "onnx.sign"
    ONNX_OP_TYPE = "Sign"
    ONNX_SINCE_VERSION = 13
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def output(self):
        return self._result_group(0)


sign = _op_builder(SignOp)

@_register
class SinOp(_OnnxOp):
    """ONNX Sin-22. Calculates the sine of the given input tensor, element-wise."""

    OPERATION_NAME = "onnx.sin"
    ONNX_OP_TYPE = "Sin"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def output(self):
        return self._result_group(0)


sin = _op_builder(SinOp)

@_register
class SinhOp(_OnnxOp):
    """ONNX Sinh-22. Calculates the hyperbolic sine of the given input tensor element-wise."""

    OPERATION_NAME = "onnx.sinh"
    ONNX_OP_TYPE = "Sinh"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def output(self):
        return self._result_group(0)


sinh = _op_builder(SinhOp)

@_register
class SizeOp(_OnnxOp):
    """ONNX Size-25. Takes a tensor as input and outputs a int64 scalar that equals to the total number of elements of the input tensor."""

    OPERATION_NAME = "onnx.size"
    ONNX_OP_TYPE = "Size"
    ONNX_SINCE_VERSION = 25
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('data', 'data', 'single'),)
    ONNX_OUTPUTS = (('size', 'size', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def data(self):
        return self._operand_group(0)

    @property
    def size(self):
        return self._result_group(0)


size = _op_builder(SizeOp)

@_register
class SliceOp(_OnnxOp):
    """ONNX Slice-13. Produces a slice of the input tensor along multiple axes."""

    OPERATION_NAME = "onnx.slice"
    ONNX_OP_TYPE = "Slice"
    ONNX_SINCE_VERSION = 13
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = [1, 1, 1, 0, 0]
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('data', 'data', 'single'), ('starts', 'starts', 'single'), ('ends', 'ends', 'single'), ('axes', 'axes', 'optional'), ('steps', 'steps', 'optional'))
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def data(self):
        return self._operand_group(0)

    @property
    def starts(self):
        return self._operand_group(1)

    @property
    def ends(self):
        return self._operand_group(2)

    @property
    def axes(self):
        return self._operand_group(3)

    @property
    def steps(self):
        return self._operand_group(4)

    @property
    def output(self):
        return self._result_group(0)


slice = _op_builder(SliceOp)

@_register
class SoftmaxOp(_OnnxOp):
    """ONNX Softmax-13. The operator computes the normalized exponential values for the given input: Softmax(input, axis) = Exp(input) / ReduceSum(Exp(input), axis=axis, keepdims=1)..."""

    OPERATION_NAME = "onnx.softmax"
    ONNX_OP_TYPE = "Softmax"
    ONNX_SINCE_VERSION = 13
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('axis', 'axis', 'int', False, -1),)
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def axis(self):
        return self._attribute('axis', 'int', -1)

    @property
    def output(self):
        return self._result_group(0)


softmax = _op_builder(SoftmaxOp)

@_register
class SoftmaxCrossEntropyLossOp(_OnnxOp):
    """ONNX SoftmaxCrossEntropyLoss-13. Loss function that measures the softmax cross entropy between 'scores' and 'labels'. This operator first computes a loss tensor whose shape is identical to t..."""

    OPERATION_NAME = "onnx.softmax_cross_entropy_loss"
    ONNX_OP_TYPE = "SoftmaxCrossEntropyLoss"
    ONNX_SINCE_VERSION = 13
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('scores', 'scores', 'single'), ('labels', 'labels', 'single'), ('weights', 'weights', 'optional'))
    ONNX_OUTPUTS = (('output', 'output', 'single'), ('log_prob', 'log_prob', 'optional'))
    ONNX_ATTRIBUTES = (('ignore_index', 'ignore_index', 'int', False, None), ('reduction', 'reduction', 'str', False, 'mean'))
    ONNX_REGIONS = ()

    @property
    def scores(self):
        return self._operand_group(0)

    @property
    def labels(self):
        return self._operand_group(1)

    @property
    def weights(self):
        return self._operand_group(2)

    @property
    def ignore_index(self):
        return self._attribute('ignore_index', 'int', None)

    @property
    def reduction(self):
        return self._attribute('reduction', 'str', 'mean')

    @property
    def output(self):
        return self._result_group(0)

    @property
    def log_prob(self):
        return self._result_group(1)


softmax_cross_entropy_loss = _op_builder(SoftmaxCrossEntropyLossOp)

@_register
class SoftplusOp(_OnnxOp):
    """ONNX Softplus-22. Softplus takes one input data (Tensor) and produces one output data (Tensor) where the softplus function, y = ln(exp(x) + 1), is applied to the tensor elemen..."""

    OPERATION_NAME = "onnx.softplus"
    ONNX_OP_TYPE = "Softplus"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'),)
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def y(self):
        return self._result_group(0)


softplus = _op_builder(SoftplusOp)

@_register
class SoftsignOp(_OnnxOp):
    """ONNX Softsign-22. Calculates the softsign (x/(1+|x|)) of the given input tensor element-wise."""

    OPERATION_NAME = "onnx.softsign"
    ONNX_OP_TYPE = "Softsign"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def output(self):
        return self._result_group(0)


softsign = _op_builder(SoftsignOp)

@_register
class SpaceToDepthOp(_OnnxOp):
    """ONNX SpaceToDepth-28. SpaceToDepth rearranges blocks of spatial data into depth."""

    OPERATION_NAME = "onnx.space_to_depth"
    ONNX_OP_TYPE = "SpaceToDepth"
    ONNX_SINCE_VERSION = 28
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('blocksize', 'blocksize', 'int', True, None), ('mode', 'mode', 'str', False, 'DCR'))
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def blocksize(self):
        return self._attribute('blocksize', 'int', None)

    @property
    def mode(self):
        return self._attribute('mode', 'str', 'DCR')

    @property
    def output(self):
        return self._result_group(0)


space_to_depth = _op_builder(SpaceToDepthOp)

@_register
class SplitOp(_OnnxOp):
    """ONNX Split-18. Split a tensor into a list of tensors, along the specified 'axis'. Either input 'split' or the attribute 'num_outputs' should be specified, but not both."""

    OPERATION_NAME = "onnx.split"
    ONNX_OP_TYPE = "Split"
    ONNX_SINCE_VERSION = 18
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1]
    ONNX_INPUTS = (('input', 'input', 'single'), ('split', 'split', 'optional'))
    ONNX_OUTPUTS = (('outputs', 'outputs', 'variadic'),)
    ONNX_ATTRIBUTES = (('axis', 'axis', 'int', False, 0), ('num_outputs', 'num_outputs', 'int', False, None))
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def split(self):
        return self._operand_group(1)

    @property
    def axis(self):
        return self._attribute('axis', 'int', 0)

    @property
    def num_outputs(self):
        return self._attribute('num_outputs', 'int', None)

    @property
    def outputs(self):
        return self._result_group(0)


split = _op_builder(SplitOp)

@_register
class SplitToSequenceOp(_OnnxOp):
    """ONNX SplitToSequence-24. Split a tensor into a sequence of tensors, along the specified 'axis'. Lengths of the parts can be specified using the optional argument 'split'. If the argu..."""

    OPERATION_NAME = "onnx.split_to_sequence"
    ONNX_OP_TYPE = "SplitToSequence"
    ONNX_SINCE_VERSION = 24
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'), ('split', 'split', 'optional'))
    ONNX_OUTPUTS = (('output_sequence', 'output_sequence', 'single'),)
    ONNX_ATTRIBUTES = (('axis', 'axis', 'int', False, 0), ('keepdims', 'keepdims', 'int', False, 1))
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def split(self):
        return self._operand_group(1)

    @property
    def axis(self):
        return self._attribute('axis', 'int', 0)

    @property
    def keepdims(self):
        return self._attribute('keepdims', 'int', 1)

    @property
    def output_sequence(self):
        return self._result_group(0)


split_to_sequence = _op_builder(SplitToSequenceOp)

@_register
class SqrtOp(_OnnxOp):
    """ONNX Sqrt-13. Square root takes one input data (Tensor) and produces one output data (Tensor) where the square root is, y = x^0.5, is applied to the tensor elementwise."""

    OPERATION_NAME = "onnx.sqrt"
    ONNX_OP_TYPE = "Sqrt"
    ONNX_SINCE_VERSION = 13
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'),)
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def y(self):
        return self._result_group(0)


sqrt = _op_builder(SqrtOp)

@_register
class SqueezeOp(_OnnxOp):
    """ONNX Squeeze-25. Remove single-dimensional entries from the shape of a tensor."""

    OPERATION_NAME = "onnx.squeeze"
    ONNX_OP_TYPE = "Squeeze"
    ONNX_SINCE_VERSION = 25
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('data', 'data', 'single'), ('axes', 'axes', 'optional'))
    ONNX_OUTPUTS = (('squeezed', 'squeezed', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def data(self):
        return self._operand_group(0)

    @property
    def axes(self):
        return self._operand_group(1)

    @property
    def squeezed(self):
        return self._result_group(0)


squeeze = _op_builder(SqueezeOp)

@_register
class StringConcatOp(_OnnxOp):
    """ONNX StringConcat-20. StringConcat concatenates string tensors elementwise (with NumPy-style broadcasting support)."""

    OPERATION_NAME = "onnx.string_concat"
    ONNX_OP_TYPE = "StringConcat"
    ONNX_SINCE_VERSION = 20
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'), ('Y', 'y', 'single'))
    ONNX_OUTPUTS = (('Z', 'z', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def y(self):
        return self._operand_group(1)

    @property
    def z(self):
        return self._result_group(0)


string_concat = _op_builder(StringConcatOp)

@_register
class StringNormalizerOp(_OnnxOp):
    """ONNX StringNormalizer-10. StringNormalization performs string operations for basic cleaning."""

    OPERATION_NAME = "onnx.string_normalizer"
    ONNX_OP_TYPE = "StringNormalizer"
    ONNX_SINCE_VERSION = 10
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'),)
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = (('case_change_action', 'case_change_action', 'str', False, 'NONE'), ('is_case_sensitive', 'is_case_sensitive', 'int', False, 0), ('locale', 'locale', 'str', False, None), ('stopwords', 'stopwords', 'strs', False, None))
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def case_change_action(self):
        return self._attribute('case_change_action', 'str', 'NONE')

    @property
    def is_case_sensitive(self):
        return self._attribute('is_case_sensitive', 'int', 0)

    @property
    def locale(self):
        return self._attribute('locale', 'str', None)

    @property
    def stopwords(self):
        return self._attribute('stopwords', 'strs', None)

    @property
    def y(self):
        return self._result_group(0)


string_normalizer = _op_builder(StringNormalizerOp)

@_register
class StringSplitOp(_OnnxOp):
    """ONNX StringSplit-20. StringSplit splits a string tensor's elements into substrings based on a delimiter attribute and a maxsplit attribute."""

    OPERATION_NAME = "onnx.string_split"
    ONNX_OP_TYPE = "StringSplit"
    ONNX_SINCE_VERSION = 20
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'),)
    ONNX_OUTPUTS = (('Y', 'y', 'single'), ('Z', 'z', 'single'))
    ONNX_ATTRIBUTES = (('delimiter', 'delimiter', 'str', False, None), ('maxsplit', 'maxsplit', 'int', False, None))
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def delimiter(self):
        return self._attribute('delimiter', 'str', None)

    @property
    def maxsplit(self):
        return self._attribute('maxsplit', 'int', None)

    @property
    def y(self):
        return self._result_group(0)

    @property
    def z(self):
        return self._result_group(1)


string_split = _op_builder(StringSplitOp)

@_register
class SubOp(_OnnxOp):
    """ONNX Sub-14. Performs element-wise binary subtraction (with Numpy-style broadcasting support)."""

    OPERATION_NAME = "onnx.sub"
    ONNX_OP_TYPE = "Sub"
    ONNX_SINCE_VERSION = 14
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('A', 'a', 'single'), ('B', 'b', 'single'))
    ONNX_OUTPUTS = (('C', 'c', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def a(self):
        return self._operand_group(0)

    @property
    def b(self):
        return self._operand_group(1)

    @property
    def c(self):
        return self._result_group(0)


sub = _op_builder(SubOp)

@_register
class SumOp(_OnnxOp):
    """ONNX Sum-13. Element-wise sum of each of the input tensors (with Numpy-style broadcasting support)."""

    OPERATION_NAME = "onnx.sum"
    ONNX_OP_TYPE = "Sum"
    ONNX_SINCE_VERSION = 13
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1]
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('data_0', 'data_0', 'variadic'),)
    ONNX_OUTPUTS = (('sum', 'sum', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def data_0(self):
        return self._operand_group(0)

    @property
    def sum(self):
        return self._result_group(0)


sum = _op_builder(SumOp)

@_register
class SwiGLUOp(_OnnxOp):
    """ONNX SwiGLU-28. SwiGLU is a gated activation that takes two inputs, a gate `A` and a linear (value) input `B`, and produces one output `Y`. It applies the Swish activation t..."""

    OPERATION_NAME = "onnx.swi_glu"
    ONNX_OP_TYPE = "SwiGLU"
    ONNX_SINCE_VERSION = 28
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('A', 'a', 'single'), ('B', 'b', 'single'))
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = (('alpha', 'alpha', 'float', False, 1.0),)
    ONNX_REGIONS = ()

    @property
    def a(self):
        return self._operand_group(0)

    @property
    def b(self):
        return self._operand_group(1)

    @property
    def alpha(self):
        return self._attribute('alpha', 'float', 1.0)

    @property
    def y(self):
        return self._result_group(0)


swi_glu = _op_builder(SwiGLUOp)

@_register
class SwishOp(_OnnxOp):
    """ONNX Swish-24. Swish function takes one input data (Tensor) and produces one output data (Tensor) of the same shape, where $Swish(x) = x * sigmoid(alpha * x)$."""

    OPERATION_NAME = "onnx.swish"
    ONNX_OP_TYPE = "Swish"
    ONNX_SINCE_VERSION = 24
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'),)
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = (('alpha', 'alpha', 'float', False, 1.0),)
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def alpha(self):
        return self._attribute('alpha', 'float', 1.0)

    @property
    def y(self):
        return self._result_group(0)


swish = _op_builder(SwishOp)

@_register
class TanOp(_OnnxOp):
    """ONNX Tan-22. Calculates the tangent of the given input tensor, element-wise."""

    OPERATION_NAME = "onnx.tan"
    ONNX_OP_TYPE = "Tan"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def output(self):
        return self._result_group(0)


tan = _op_builder(TanOp)

@_register
class TanhOp(_OnnxOp):
    """ONNX Tanh-13. Calculates the hyperbolic tangent of the given input tensor element-wise."""

    OPERATION_NAME = "onnx.tanh"
    ONNX_OP_TYPE = "Tanh"
    ONNX_SINCE_VERSION = 13
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'),)
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def output(self):
        return self._result_group(0)


tanh = _op_builder(TanhOp)

@_register
class TensorScatterOp(_OnnxOp):
    """ONNX TensorScatter-24. TensorScatter is a generic tensor update operation, motivated by the requirements for KV cache updates for Attention ops commonly found in LLMs."""

    OPERATION_NAME = "onnx.tensor_scatter"
    ONNX_OP_TYPE = "TensorScatter"
    ONNX_SINCE_VERSION = 24
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('past_cache', 'past_cache', 'single'), ('update', 'update', 'single'), ('write_indices', 'write_indices', 'optional'))
    ONNX_OUTPUTS = (('present_cache', 'present_cache', 'single'),)
    ONNX_ATTRIBUTES = (('axis', 'axis', 'int', False, -2), ('mode', 'mode', 'str', False, 'linear'))
    ONNX_REGIONS = ()

    @property
    def past_cache(self):
        return self._operand_group(0)

    @property
    def update(self):
        return self._operand_group(1)

    @property
    def write_indices(self):
        return self._operand_group(2)

    @property
    def axis(self):
        return self._attribute('axis', 'int', -2)

    @property
    def mode(self):
        return self._attribute('mode', 'str', 'linear')

    @property
    def present_cache(self):
        return self._result_group(0)


tensor_scatter = _op_builder(TensorScatterOp)

@_register
class TfIdfVectorizerOp(_OnnxOp):
    """ONNX TfIdfVectorizer-9. This transform extracts n-grams from the input sequence and save them as a vector."""

    OPERATION_NAME = "onnx.tf_idf_vectorizer"
    ONNX_OP_TYPE = "TfIdfVectorizer"
    ONNX_SINCE_VERSION = 9
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'),)
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = (('max_gram_length', 'max_gram_length', 'int', True, None), ('max_skip_count', 'max_skip_count', 'int', True, None), ('min_gram_length', 'min_gram_length', 'int', True, None), ('mode', 'mode', 'str', True, None), ('ngram_counts', 'ngram_counts', 'ints', True, None), ('ngram_indexes', 'ngram_indexes', 'ints', True, None), ('pool_int64s', 'pool_int64s', 'ints', False, None), ('pool_strings', 'pool_strings', 'strs', False, None), ('weights', 'weights', 'floats', False, None))
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def max_gram_length(self):
        return self._attribute('max_gram_length', 'int', None)

    @property
    def max_skip_count(self):
        return self._attribute('max_skip_count', 'int', None)

    @property
    def min_gram_length(self):
        return self._attribute('min_gram_length', 'int', None)

    @property
    def mode(self):
        return self._attribute('mode', 'str', None)

    @property
    def ngram_counts(self):
        return self._attribute('ngram_counts', 'ints', None)

    @property
    def ngram_indexes(self):
        return self._attribute('ngram_indexes', 'ints', None)

    @property
    def pool_int64s(self):
        return self._attribute('pool_int64s', 'ints', None)

    @property
    def pool_strings(self):
        return self._attribute('pool_strings', 'strs', None)

    @property
    def weights(self):
        return self._attribute('weights', 'floats', None)

    @property
    def y(self):
        return self._result_group(0)


tf_idf_vectorizer = _op_builder(TfIdfVectorizerOp)

@_register
class ThresholdedReluOp(_OnnxOp):
    """ONNX ThresholdedRelu-22. ThresholdedRelu takes one input data (Tensor) and produces one output data (Tensor) where the rectified linear function, y = x for x > alpha, y = 0 otherwise..."""

    OPERATION_NAME = "onnx.thresholded_relu"
    ONNX_OP_TYPE = "ThresholdedRelu"
    ONNX_SINCE_VERSION = 22
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'),)
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = (('alpha', 'alpha', 'float', False, 1.0),)
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def alpha(self):
        return self._attribute('alpha', 'float', 1.0)

    @property
    def y(self):
        return self._result_group(0)


thresholded_relu = _op_builder(ThresholdedReluOp)

@_register
class TileOp(_OnnxOp):
    """ONNX Tile-13. Constructs a tensor by tiling a given tensor."""

    OPERATION_NAME = "onnx.tile"
    ONNX_OP_TYPE = "Tile"
    ONNX_SINCE_VERSION = 13
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'), ('repeats', 'repeats', 'single'))
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def repeats(self):
        return self._operand_group(1)

    @property
    def output(self):
        return self._result_group(0)


tile = _op_builder(TileOp)

@_register
class TopKOp(_OnnxOp):
    """ONNX TopK-24. Retrieve the top-K largest or smallest elements along a specified axis."""

    OPERATION_NAME = "onnx.top_k"
    ONNX_OP_TYPE = "TopK"
    ONNX_SINCE_VERSION = 24
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'), ('K', 'k', 'single'))
    ONNX_OUTPUTS = (('Values', 'values', 'single'), ('Indices', 'indices', 'single'))
    ONNX_ATTRIBUTES = (('axis', 'axis', 'int', False, -1), ('largest', 'largest', 'int', False, 1), ('sorted', 'sorted', 'int', False, 1))
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def k(self):
        return self._operand_group(1)

    @property
    def axis(self):
        return self._attribute('axis', 'int', -1)

    @property
    def largest(self):
        return self._attribute('largest', 'int', 1)

    @property
    def sorted(self):
        return self._attribute('sorted', 'int', 1)

    @property
    def values(self):
        return self._result_group(0)

    @property
    def indices(self):
        return self._result_group(1)


top_k = _op_builder(TopKOp)

@_register
class TransposeOp(_OnnxOp):
    """ONNX Transpose-25. Returns a transpose of the input tensor."""

    OPERATION_NAME = "onnx.transpose"
    ONNX_OP_TYPE = "Transpose"
    ONNX_SINCE_VERSION = 25
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('data', 'data', 'single'),)
    ONNX_OUTPUTS = (('transposed', 'transposed', 'single'),)
    ONNX_ATTRIBUTES = (('perm', 'perm', 'ints', False, None),)
    ONNX_REGIONS = ()

    @property
    def data(self):
        return self._operand_group(0)

    @property
    def perm(self):
        return self._attribute('perm', 'ints', None)

    @property
    def transposed(self):
        return self._result_group(0)


transpose = _op_builder(TransposeOp)

@_register
class TriluOp(_OnnxOp):
    """ONNX Trilu-14. Given a 2-D matrix or batches of 2-D matrices, returns the upper or lower triangular part of the tensor(s)."""

    OPERATION_NAME = "onnx.trilu"
    ONNX_OP_TYPE = "Trilu"
    ONNX_SINCE_VERSION = 14
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('input', 'input', 'single'), ('k', 'k', 'optional'))
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = (('upper', 'upper', 'int', False, 1),)
    ONNX_REGIONS = ()

    @property
    def input(self):
        return self._operand_group(0)

    @property
    def k(self):
        return self._operand_group(1)

    @property
    def upper(self):
        return self._attribute('upper', 'int', 1)

    @property
    def output(self):
        return self._result_group(0)


trilu = _op_builder(TriluOp)

@_register
class UniqueOp(_OnnxOp):
    """ONNX Unique-28. Find the unique elements of a tensor."""

    OPERATION_NAME = "onnx.unique"
    ONNX_OP_TYPE = "Unique"
    ONNX_SINCE_VERSION = 28
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = [1, 0, 0, 0]
    ONNX_INPUTS = (('X', 'x', 'single'),)
    ONNX_OUTPUTS = (('Y', 'y', 'single'), ('indices', 'indices', 'optional'), ('inverse_indices', 'inverse_indices', 'optional'), ('counts', 'counts', 'optional'))
    ONNX_ATTRIBUTES = (('axis', 'axis', 'int', False, None), ('sorted', 'sorted', 'int', False, 1))
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def axis(self):
        return self._attribute('axis', 'int', None)

    @property
    def sorted(self):
        return self._attribute('sorted', 'int', 1)

    @property
    def y(self):
        return self._result_group(0)

    @property
    def indices(self):
        return self._result_group(1)

    @property
    def inverse_indices(self):
        return self._result_group(2)

    @property
    def counts(self):
        return self._result_group(3)


unique = _op_builder(UniqueOp)

@_register
class UnsqueezeOp(_OnnxOp):
    """ONNX Unsqueeze-25. Insert single-dimensional entries to the shape of an input tensor (`data`)."""

    OPERATION_NAME = "onnx.unsqueeze"
    ONNX_OP_TYPE = "Unsqueeze"
    ONNX_SINCE_VERSION = 25
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('data', 'data', 'single'), ('axes', 'axes', 'single'))
    ONNX_OUTPUTS = (('expanded', 'expanded', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def data(self):
        return self._operand_group(0)

    @property
    def axes(self):
        return self._operand_group(1)

    @property
    def expanded(self):
        return self._result_group(0)


unsqueeze = _op_builder(UnsqueezeOp)

@_register
class UpsampleOp(_OnnxOp):
    """ONNX Upsample-10. Upsample the input tensor."""

    OPERATION_NAME = "onnx.upsample"
    ONNX_OP_TYPE = "Upsample"
    ONNX_SINCE_VERSION = 10
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('X', 'x', 'single'), ('scales', 'scales', 'single'))
    ONNX_OUTPUTS = (('Y', 'y', 'single'),)
    ONNX_ATTRIBUTES = (('mode', 'mode', 'str', False, 'nearest'),)
    ONNX_REGIONS = ()

    @property
    def x(self):
        return self._operand_group(0)

    @property
    def scales(self):
        return self._operand_group(1)

    @property
    def mode(self):
        return self._attribute('mode', 'str', 'nearest')

    @property
    def y(self):
        return self._result_group(0)


upsample = _op_builder(UpsampleOp)

@_register
class WhereOp(_OnnxOp):
    """ONNX Where-16. Return elements, either from X or Y, depending on condition."""

    OPERATION_NAME = "onnx.where"
    ONNX_OP_TYPE = "Where"
    ONNX_SINCE_VERSION = 16
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('condition', 'condition', 'single'), ('X', 'x', 'single'), ('Y', 'y', 'single'))
    ONNX_OUTPUTS = (('output', 'output', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def condition(self):
        return self._operand_group(0)

    @property
    def x(self):
        return self._operand_group(1)

    @property
    def y(self):
        return self._operand_group(2)

    @property
    def output(self):
        return self._result_group(0)


where = _op_builder(WhereOp)

@_register
class XorOp(_OnnxOp):
    """ONNX Xor-7. Returns the tensor resulted from performing the `xor` logical operation elementwise on the input tensors `A` and `B` (with Numpy-style broadcasting support)."""

    OPERATION_NAME = "onnx.xor"
    ONNX_OP_TYPE = "Xor"
    ONNX_SINCE_VERSION = 7
    _ODS_REGIONS = (0, True)
    _ODS_OPERAND_SEGMENTS = None
    _ODS_RESULT_SEGMENTS = None
    ONNX_INPUTS = (('A', 'a', 'single'), ('B', 'b', 'single'))
    ONNX_OUTPUTS = (('C', 'c', 'single'),)
    ONNX_ATTRIBUTES = ()
    ONNX_REGIONS = ()

    @property
    def a(self):
        return self._operand_group(0)

    @property
    def b(self):
        return self._operand_group(1)

    @property
    def c(self):
        return self._result_group(0)


xor = _op_builder(XorOp)
