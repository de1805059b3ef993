"""RNN, GRU and LSTM -> one `scf.for` over the time steps per direction, with linalg inside.

Per direction: the input projection of every step, ``X @ W^T + bias``, is one `linalg.matmul`
before the loop (on X collapsed to ``[T*B, I]``). Each iteration takes its row block
(`tensor.extract_slice`), computes ``H_{t-1} @ R^T`` with `linalg.matmul`, and one elementwise
`linalg.generic` over ``[B, H]`` evaluates the gates (reading the gate columns through offset
indexing maps), the activations, the optional clip, peepholes and ``sequence_lens`` masking.
The step's hidden state is inserted into a ``[T, B, H]`` buffer carried by the loop.
Directions are stacked into ``Y [T, D, B, H]``; ``layout = 1`` transposes in and out.

The sequence length and the batch may be dynamic (the loop's trip count is then a run-time
value); the hidden size and direction count come from the attributes or the weight types
(weights given as graph inputs with dynamic dims are cast to them, checked at run time), the input
size may stay dynamic when neither X nor W fixes it (then they must agree at run time), and
dynamic batch dims of X, the initial states and ``sequence_lens`` must agree at run time. f16/bf16 models compute in f32 and round
the outputs once.
"""

from __future__ import annotations

from typing import Sequence

from mlir import ir
from mlir.dialects import arith, linalg, math, scf, tensor

from .lib import broadcasting
from .lib import builders as b
from .lib import index_math as im
from .lib import shape_checks as sc
from .lib.casting import cast_to_result
from .pattern import LoweringError, OnnxLoweringPattern, register_pattern
from .lib.types import FLOAT_TYPES, is_low_float, index_constant

_DYN = ir.ShapedType.get_dynamic_stride_or_offset()


def extract(src: ir.Value, offsets: Sequence[b.Size], sizes: Sequence[b.Size],
            drop: Sequence[int] = ()) -> ir.Value:
    """`tensor.extract_slice` with mixed offsets and sizes, unit strides; the dims in ``drop``
    (of size 1) are dropped from the result type."""
    result_shape = [s for i, s in enumerate(b.static_of(sizes)) if i not in drop]
    result_type = ir.RankedTensorType.get(result_shape, b.element_type(src))
    return tensor.extract_slice(result_type, src, _values(offsets), _values(sizes), [],
                                _static(offsets), _static(sizes), [1] * len(sizes))


def insert(src: ir.Value, dest: ir.Value, offsets: Sequence[b.Size],
           sizes: Sequence[b.Size]) -> ir.Value:
    """`tensor.insert_slice` of ``src`` (possibly rank-reduced) at mixed ``offsets``/``sizes``."""
    return tensor.insert_slice(src, dest, _values(offsets), _values(sizes), [],
                               _static(offsets), _static(sizes), [1] * len(sizes))


def _values(mixed: Sequence[b.Size]) -> list[ir.Value]:
    return [v for v in mixed if isinstance(v, ir.Value)]


def _static(mixed: Sequence[b.Size]) -> list[int]:
    return [v if isinstance(v, int) else _DYN for v in mixed]


def _cast_dims(value: ir.Value, dims: dict[int, int]) -> ir.Value:
    """``value`` with the given dynamic dims cast to static sizes (checked at run time by the
    driver's cast guard); unchanged where they are static already."""
    shape = b.shape(value)
    target = [dims.get(i, s) if s == b.DYNAMIC else s for i, s in enumerate(shape)]
    if target == shape:
        return value
    return tensor.cast(b.tensor_type(target, b.element_type(value)), value)


def _const(elem: ir.Type, v: float) -> ir.Value:
    return arith.constant(elem, ir.FloatAttr.get(elem, float(v)))


# --------------------------------------------------------------------------- activations

# name -> (default alpha, default beta); None: the activation takes no such parameter.
_ACTIVATIONS = {
    "relu": (None, None), "tanh": (None, None), "sigmoid": (None, None),
    "softsign": (None, None), "softplus": (None, None),
    "affine": (1.0, 0.0), "leakyrelu": (0.01, None), "thresholdedrelu": (1.0, None),
    "scaledtanh": (1.0, 1.0), "hardsigmoid": (0.2, 0.5), "elu": (1.0, None),
}


def _activation(name: str, x: ir.Value, alpha: float | None, beta: float | None) -> ir.Value:
    t = x.type
    zero, one = _const(t, 0.0), _const(t, 1.0)
    if name == "relu":
        return arith.maximumf(x, zero)
    if name == "tanh":
        return math.tanh(x)
    if name == "sigmoid":
        return arith.divf(one, arith.addf(one, math.exp(arith.negf(x))))
    if name == "softsign":
        return arith.divf(x, arith.addf(one, math.absf(x)))
    if name == "softplus":
        return math.log(arith.addf(one, math.exp(x)))
    if name == "affine":
        return arith.addf(arith.mulf(_const(t, alpha), x), _const(t, beta))
    if name == "leakyrelu":
        neg = arith.cmpf(arith.CmpFPredicate.OLT, x, zero)
        return arith.select(neg, arith.mulf(_const(t, alpha), x), x)
    if name == "thresholdedrelu":
        return arith.select(arith.cmpf(arith.CmpFPredicate.OGT, x, _const(t, alpha)), x, zero)
    if name == "scaledtanh":
        return arith.mulf(_const(t, alpha), math.tanh(arith.mulf(_const(t, beta), x)))
    if name == "hardsigmoid":
        v = arith.addf(arith.mulf(_const(t, alpha), x), _const(t, beta))
        return arith.maximumf(zero, arith.minimumf(one, v))
    if name == "elu":
        neg = arith.cmpf(arith.CmpFPredicate.OLT, x, zero)
        return arith.select(neg, arith.mulf(_const(t, alpha), arith.subf(math.exp(x), one)), x)
    raise LoweringError(f"unsupported activation '{name}'")


def _activations(op, per_direction: int, defaults: list[str], directions: int):
    """Per direction, ``per_direction`` (name, alpha, beta) triples: alphas/betas are consumed in
    order by the activations that take them, as onnxruntime does."""
    names = op.activations if op.has_attribute("activations") else None
    names = [n.decode() if isinstance(n, bytes) else str(n) for n in names] if names else None
    if not names:
        names = defaults * directions
    elif len(names) == per_direction and directions == 2:
        names = names * 2
    elif len(names) > per_direction * directions:
        names = names[:per_direction * directions]
    if len(names) != per_direction * directions:
        raise LoweringError(f"expected {per_direction * directions} activations, got {names}")
    alphas = list(op.activation_alpha or [])
    betas = list(op.activation_beta or [])
    result = []
    for name in names:
        key = name.lower()
        if key not in _ACTIVATIONS:
            raise LoweringError(f"unsupported activation '{name}'")
        da, db = _ACTIVATIONS[key]
        alpha = (alphas.pop(0) if alphas else da) if da is not None else None
        beta = (betas.pop(0) if betas else db) if db is not None else None
        result.append((key, alpha, beta))
    return [result[d * per_direction:(d + 1) * per_direction] for d in range(directions)]


# --------------------------------------------------------------------------- the pattern


@register_pattern
class LowerRecurrent(OnnxLoweringPattern):
    """RNN / GRU / LSTM (forward, reverse, bidirectional; layouts 0/1; optional B,
    sequence_lens, initial states, peepholes; clip; GRU linear_before_reset; LSTM
    input_forget)."""

    op_names = ("onnx.rnn", "onnx.gru", "onnx.lstm")
    _GATES = {"onnx.rnn": 1, "onnx.gru": 3, "onnx.lstm": 4}
    _ACTS = {"onnx.rnn": ["Tanh"], "onnx.gru": ["Sigmoid", "Tanh"],
             "onnx.lstm": ["Sigmoid", "Tanh", "Tanh"]}

    def rewrite(self, op) -> Sequence[ir.Value | None]:
        kind = op.operation.name
        gates = self._GATES[kind]
        elem = b.element_type(op.x)
        if not isinstance(elem, FLOAT_TYPES):
            raise LoweringError(f"expected a float input, got {op.x.type}")
        ct = ir.F32Type.get() if is_low_float(elem) else elem
        widen = lambda v: v if v is None or b.element_type(v) == ct else \
            broadcasting.broadcast_generic([v], ct, lambda s: b.convert_scalar(s, ct))

        layout = op.layout
        x = widen(op.x)
        if b.rank(x) != 3:
            raise LoweringError(f"X must be 3-D, got {op.x.type}")
        if layout == 1:
            x = b.transpose(x, [1, 0, 2])
        elif layout != 0:
            raise LoweringError(f"unsupported layout {layout}")
        w, r = widen(op.w), widen(op.r)
        direction = op.direction.decode() if isinstance(op.direction, bytes) else op.direction
        expected_d = {"forward": 1, "reverse": 1, "bidirectional": 2}.get(direction)
        w, x = self._weights_and_input(w, x, expected_d, gates, op.hidden_size)
        directions, gh, w_in = b.shape(w)
        steps, in_size = b.dim(x, 0), b.dim(x, 2)
        # The batch: a static size if any operand has one (the others are cast to it), else X's
        # run-time size (the others must agree with it at run time).
        batch_of = self._batch_operands(op, layout)
        static_batch = [b.shape(v)[axis] for v, axis in batch_of
                        if b.shape(v)[axis] != b.DYNAMIC]
        if static_batch:
            x = _cast_dims(x, {1: static_batch[0]})
        batch = b.dim(x, 1)
        hidden = op.hidden_size if op.hidden_size is not None else gh // gates
        if gh != gates * hidden:
            raise LoweringError(f"W {op.w.type} does not match {gates} gates of hidden size "
                                f"{hidden}")
        r = _cast_dims(r, {0: directions, 1: gh, 2: hidden})
        if b.shape(r) != [directions, gh, hidden]:
            raise LoweringError(f"R must be [{directions}, {gh}, {hidden}], got {op.r.type}")
        if expected_d != directions:
            raise LoweringError(f"direction '{direction}' needs {expected_d} weight sets, W has "
                                f"{directions}")
        bias = widen(op.b)
        if bias is not None:
            bias = _cast_dims(bias, {0: directions, 1: 2 * gh})
            if b.shape(bias) != [directions, 2 * gh]:
                raise LoweringError(f"B must be [{directions}, {2 * gh}], got {op.b.type}")
        seq_lens = op.sequence_lens
        if seq_lens is not None:
            seq_lens = self._agree(seq_lens, [batch], "sequence_lens")

        def state(v, what):
            if v is None:
                return None
            v = widen(v)
            if layout == 1:
                v = b.transpose(v, [1, 0, 2])
            return self._agree(v, [directions, batch, hidden], f"{what} (layout {layout})")

        h0 = state(op.initial_h, "initial_h")
        c0 = state(op.initial_c, "initial_c") if kind == "onnx.lstm" else None
        peep = widen(op.p) if kind == "onnx.lstm" else None
        if peep is not None:
            peep = _cast_dims(peep, {0: directions, 1: 3 * hidden})
            if b.shape(peep) != [directions, 3 * hidden]:
                raise LoweringError(f"P must be [{directions}, {3 * hidden}], got {op.p.type}")
        acts = _activations(op, len(self._ACTS[kind]), self._ACTS[kind], directions)
        clip = op.clip
        lbr = kind == "onnx.gru" and bool(op.linear_before_reset)
        input_forget = kind == "onnx.lstm" and bool(op.input_forget)

        ys, hs, cs = [], [], []
        for d in range(directions):
            reverse = direction == "reverse" or d == 1
            y_d, h_d, c_d = self._direction(
                kind, x, w, r, bias, seq_lens, h0, c0, peep, d, reverse, acts[d], clip, lbr,
                input_forget, steps, batch, in_size, hidden, gates, ct)
            ys.append(y_d)
            hs.append(h_d)
            cs.append(c_d)

        def stack(parts, shape, axis):
            out = b.empty(shape, ct)
            for i, p in enumerate(parts):
                offsets = [0] * len(shape)
                offsets[axis] = i
                sizes = list(shape)
                sizes[axis] = 1
                out = insert(p, out, offsets, sizes)
            return out

        results: list[ir.Value | None] = []
        outputs = [(op.y, lambda: stack(ys, [steps, directions, batch, hidden], 1),
                    [2, 0, 1, 3]),
                   (op.y_h, lambda: stack(hs, [directions, batch, hidden], 0), [1, 0, 2])]
        if kind == "onnx.lstm":
            outputs.append((op.y_c, lambda: stack(cs, [directions, batch, hidden], 0),
                            [1, 0, 2]))
        for declared, build, perm in outputs:
            if declared is None:
                continue
            v = build()
            if layout == 1:
                v = b.transpose(v, perm)
            if ct != elem:
                v = broadcasting.broadcast_generic([v], elem, lambda s: b.convert_scalar(s, elem))
            results.append(cast_to_result(v, declared))
        return results

    @staticmethod
    def _weights_and_input(w: ir.Value, x: ir.Value, directions: int | None, gates: int,
                           hidden: int | None) -> tuple[ir.Value, ir.Value]:
        """W [directions, gates * hidden, input] and X [T, B, input] made to agree: W's first
        two dims come from the attributes where its type leaves them dynamic (its type else);
        the input size is static if either has it (the other is cast to it), else both stay
        dynamic and must agree at run time."""
        if b.rank(w) != 3:
            raise LoweringError(f"W must be 3-D, got {w.type}")
        if not b.is_static(w):
            if hidden is None or directions is None:
                raise LoweringError(f"W with a dynamic shape needs the hidden_size attribute and "
                                    f"a known direction, got {w.type}")
            w = _cast_dims(w, {0: directions, 1: gates * hidden})
        if b.shape(w)[:2].count(b.DYNAMIC):
            raise LoweringError(f"W must have static leading dims, got {w.type}")
        w_in, x_in = b.shape(w)[2], b.shape(x)[2]
        if w_in != b.DYNAMIC:
            x = _cast_dims(x, {2: w_in})
        elif x_in != b.DYNAMIC:
            w = _cast_dims(w, {2: x_in})
        else:
            sc.require_dim(w, 2, b.dim(x, 2), "W has input size {0}, X has {1}")
        if b.shape(w)[2] != b.shape(x)[2]:
            raise LoweringError(f"W {w.type} does not match the input size of X {x.type}")
        return w, x

    @staticmethod
    def _batch_operands(op, layout: int) -> list[tuple[ir.Value, int]]:
        """(operand, axis) of each operand dim that is the batch size."""
        found = [(op.x, 1 - layout)]
        for v in (op.initial_h, getattr(op, "initial_c", None)):
            if v is not None:
                found.append((v, 1 - layout))
        if op.sequence_lens is not None:
            found.append((op.sequence_lens, 0))
        return found

    @staticmethod
    def _agree(v: ir.Value, expected: Sequence[b.Size], what: str) -> ir.Value:
        """``v`` checked against ``expected`` mixed sizes: a static mismatch is a compile-time
        error, a dynamic dim of ``v`` facing a static size is cast to it, and two dynamic sizes
        are compared at run time."""
        shape = b.shape(v)
        static_expected = b.static_of(expected)
        if len(shape) != len(expected) or any(
                s != b.DYNAMIC and e != b.DYNAMIC and s != e
                for s, e in zip(shape, static_expected)):
            raise LoweringError(f"{what} must be {b.static_of(expected)} ('?': the run-time "
                                f"batch), got {v.type}")
        v = _cast_dims(v, {i: e for i, e in enumerate(static_expected) if e != b.DYNAMIC})
        for axis, e in enumerate(expected):
            if isinstance(e, ir.Value):
                sc.require_dim(v, axis, e, f"{what} has size {{0}} at axis {axis}, but the "
                                           f"batch is {{1}}")
        return v

    # ----------------------------------------------------------------------- one direction

    def _direction(self, kind, x, w, r, bias, seq_lens, h0, c0, peep, d, reverse, acts, clip,
                   lbr, input_forget, steps, batch, in_size, hidden, gates, ct):
        gh = gates * hidden
        w_d = b.transpose(extract(w, [d, 0, 0], [1, gh, in_size], drop=[0]), [1, 0])  # [I, GH]
        r_d = b.transpose(extract(r, [d, 0, 0], [1, gh, hidden], drop=[0]), [1, 0])  # [H, GH]
        b_d = extract(bias, [d, 0], [1, 2 * gh], drop=[0]) if bias is not None else None

        # Input projection of all steps: [T*B, I] @ [I, GH] + (Wb + Rb) -> [T, B, GH].
        if b_d is not None:
            def bias_body(wb, rb, _out):
                if kind != "onnx.gru":
                    return arith.addf(wb, rb)
                # GRU keeps Rb of the hidden gate apart (it is scaled by r / used inside).
                idx = linalg.IndexOp(1).result
                in_zr = arith.cmpi(arith.CmpIPredicate.slt, idx, index_constant(2 * hidden))
                return arith.select(in_zr, arith.addf(wb, rb), wb)
            loops = 2
            wb = extract(b_d, [0], [gh])
            rb = extract(b_d, [gh], [gh])
            vec_map = ir.AffineMap.get(loops, 0, [ir.AffineDimExpr.get(1)])
            init = b.generic([wb, rb], [b.empty([im.mul(steps, batch), gh], ct)],
                             [vec_map, vec_map, b.identity_map(loops)], ["parallel"] * loops,
                             bias_body)[0]
        else:
            init = b.fill(0.0, b.empty([im.mul(steps, batch), gh], ct))
        xw = linalg.matmul(b.collapse(x, [[0, 1], [2]]), w_d, outs=[init])
        xw = b.expand(xw, [[0, 1], [2]], [steps, batch, gh])

        h_init = extract(h0, [d, 0, 0], [1, batch, hidden], drop=[0]) if h0 is not None else \
            b.fill(0.0, b.empty([batch, hidden], ct))
        carried = [h_init]
        if kind == "onnx.lstm":
            carried.append(extract(c0, [d, 0, 0], [1, batch, hidden], drop=[0])
                           if c0 is not None else b.fill(0.0, b.empty([batch, hidden], ct)))
        carried.append(b.empty([steps, batch, hidden], ct))

        # The time loop; a dynamic sequence length is its run-time trip count.
        last = im.value(im.sub(steps, 1)) if reverse else None
        loop = scf.ForOp(index_constant(0), im.value(steps), index_constant(1), carried)
        with ir.InsertionPoint(loop.body):
            i = loop.induction_variable
            t = arith.subi(last, i) if reverse else i
            h_prev = loop.inner_iter_args[0]
            c_prev = loop.inner_iter_args[1] if kind == "onnx.lstm" else None
            y_buf = loop.inner_iter_args[-1]
            xw_t = extract(xw, [t, 0, 0], [1, batch, gh], drop=[0])
            hr = linalg.matmul(h_prev, r_d,
                               outs=[b.fill(0.0, b.empty([batch, gh], ct))])
            outs = self._cell(kind, xw_t, hr, h_prev, c_prev, b_d, peep, d, seq_lens, t, acts,
                              clip, lbr, input_forget, batch, hidden, ct, r_d)
            h_new, y_t = outs[0], outs[1]
            y_buf = insert(y_t, y_buf, [t, 0, 0], [1, batch, hidden])
            scf.YieldOp([h_new] + ([outs[2]] if kind == "onnx.lstm" else []) + [y_buf])
        results = list(loop.results)
        return results[-1], results[0], results[1] if kind == "onnx.lstm" else None

    def _cell(self, kind, xw_t, hr, h_prev, c_prev, b_d, peep, d, seq_lens, t, acts, clip, lbr,
              input_forget, batch, hidden, ct, r_d):
        """The gates of one step as `linalg.generic`(s) over [B, H]. Returns (h, y, [c])."""
        loops = 2
        d0, d1 = ir.AffineDimExpr.get(0), ir.AffineDimExpr.get(1)
        ident = b.identity_map(loops)
        vec = ir.AffineMap.get(loops, 0, [d1])
        n_gates = b.shape(hr)[1] // hidden
        xg = [extract(xw_t, [0, g * hidden], [batch, hidden]) for g in range(n_gates)]
        rg_ = [extract(hr, [0, g * hidden], [batch, hidden]) for g in range(n_gates)]
        row = ir.AffineMap.get(loops, 0, [d0])

        def clipped(v):
            if clip is None:
                return v
            c = float(clip)
            return arith.maximumf(arith.minimumf(v, _const(ct, c)), _const(ct, -c))

        def act(k, v):
            # The clip bounds gate pre-activations, not the cell state fed to LSTM's h().
            name, alpha, beta = acts[k]
            return _activation(name, v if (kind == "onnx.lstm" and k == 2) else clipped(v),
                               alpha, beta)

        # Shared optional operands: sequence_lens mask.
        extra_inputs, extra_maps = [], []
        if seq_lens is not None:
            extra_inputs.append(seq_lens)
            extra_maps.append(row)
        t_int = arith.index_cast(b.element_type(seq_lens), t) if seq_lens is not None else None

        def masked(new, prev, lens):
            """(state, y) after sequence_lens: past a sequence's end the state is kept and Y
            is 0."""
            if lens is None:
                return new, new
            valid = arith.cmpi(arith.CmpIPredicate.slt, t_int, lens)
            return arith.select(valid, new, prev), arith.select(valid, new, _const(ct, 0.0))

        if kind == "onnx.rnn":
            def body(xv, hv, hp, *rest):
                lens = rest[0] if seq_lens is not None else None
                h = act(0, arith.addf(xv, hv))
                return list(masked(h, hp, lens))
            return b.generic([xw_t, hr, h_prev] + extra_inputs,
                             [h_prev, b.empty([batch, hidden], ct)],
                             [ident, ident, ident] + extra_maps + [ident, ident],
                             ["parallel"] * loops, lambda *a: body(*a[:3 + len(extra_inputs)]))

        if kind == "onnx.lstm":
            # ONNX gate order: i, o, f, c; peepholes P: i, o, f.
            inputs = xg + rg_ + [h_prev, c_prev]
            maps = [ident] * 10
            if peep is not None:
                inputs += [extract(peep, [d, g * hidden], [1, hidden], drop=[0])
                           for g in range(3)]
                maps += [vec] * 3
            inputs += extra_inputs
            maps += extra_maps

            def body(*a):
                xi, xo, xf, xc, ri, ro, rf, rc, hp, cp = a[:10]
                rest = list(a[10:])
                pi = po = pf = None
                if peep is not None:
                    pi, po, pf = rest[:3]
                    rest = rest[3:]
                lens = rest[0] if seq_lens is not None else None
                pre_i = arith.addf(xi, ri)
                pre_f = arith.addf(xf, rf)
                if peep is not None:
                    pre_i = arith.addf(pre_i, arith.mulf(pi, cp))
                    pre_f = arith.addf(pre_f, arith.mulf(pf, cp))
                i_g = act(0, pre_i)
                f_g = arith.subf(_const(ct, 1.0), i_g) if input_forget else act(0, pre_f)
                c_tilde = act(1, arith.addf(xc, rc))
                c_new = arith.addf(arith.mulf(f_g, cp), arith.mulf(i_g, c_tilde))
                pre_o = arith.addf(xo, ro)
                if peep is not None:
                    pre_o = arith.addf(pre_o, arith.mulf(po, c_new))
                o_g = act(0, pre_o)
                h_new = arith.mulf(o_g, act(2, c_new))
                h_out, y_out = masked(h_new, hp, lens)
                c_out, _ = masked(c_new, cp, lens)
                return [h_out, y_out, c_out]

            return b.generic(inputs, [h_prev, b.empty([batch, hidden], ct), c_prev],
                             maps + [ident] * 3, ["parallel"] * loops,
                             lambda *a: body(*a[:len(inputs)]))

        # GRU: gate order z, r, h. Rb of the hidden gate (Rbh) is applied here.
        rbh_inputs, rbh_maps = [], []
        if b_d is not None:
            rbh_inputs, rbh_maps = [extract(b_d, [(n_gates + 2) * hidden], [hidden])], [vec]
        if lbr:
            inputs = xg + rg_ + [h_prev] + rbh_inputs + extra_inputs
            maps = [ident] * 7 + rbh_maps + extra_maps

            def body(*a):
                xz, xr, xh, rz, rr, rh, hp = a[:7]
                rest = list(a[7:])
                rbh = rest.pop(0) if b_d is not None else None
                lens = rest[0] if seq_lens is not None else None
                z = act(0, arith.addf(xz, rz))
                rg = act(0, arith.addf(xr, rr))
                lin = arith.addf(rh, rbh) if rbh is not None else rh
                h_t = act(1, arith.addf(xh, arith.mulf(rg, lin)))
                one = _const(ct, 1.0)
                h_new = arith.addf(arith.mulf(arith.subf(one, z), h_t), arith.mulf(z, hp))
                return list(masked(h_new, hp, lens))

            return b.generic(inputs, [h_prev, b.empty([batch, hidden], ct)], maps + [ident] * 2,
                             ["parallel"] * loops, lambda *a: body(*a[:len(inputs)]))

        # linear_before_reset = 0: (r * H_{t-1}) @ Rh^T needs a second matmul.
        def gates_zr(xz, xr, rz, rr, hp, _z, _rh):
            z = act(0, arith.addf(xz, rz))
            rg = act(0, arith.addf(xr, rr))
            return [z, arith.mulf(rg, hp)]

        z, rh_prod = b.generic([xg[0], xg[1], rg_[0], rg_[1], h_prev],
                               [b.empty([batch, hidden], ct)] * 2, [ident] * 7,
                               ["parallel"] * loops, gates_zr)
        r_h = extract(r_d, [0, 2 * hidden], [hidden, hidden])
        rh = linalg.matmul(rh_prod, r_h, outs=[b.fill(0.0, b.empty([batch, hidden], ct))])
        inputs = [xg[2], rh, z, h_prev] + rbh_inputs + extra_inputs
        maps = [ident] * 4 + rbh_maps + extra_maps

        def body(*a):
            xh, rhv, zv, hp = a[:4]
            rest = list(a[4:])
            rbh = rest.pop(0) if b_d is not None else None
            lens = rest[0] if seq_lens is not None else None
            pre = arith.addf(xh, rhv)
            if rbh is not None:
                pre = arith.addf(pre, rbh)
            h_t = act(1, pre)
            one = _const(ct, 1.0)
            h_new = arith.addf(arith.mulf(arith.subf(one, zv), h_t), arith.mulf(zv, hp))
            return list(masked(h_new, hp, lens))

        return b.generic(inputs, [h_prev, b.empty([batch, hidden], ct)], maps + [ident] * 2,
                         ["parallel"] * loops, lambda *a: body(*a[:len(inputs)]))


__all__ = ["LowerRecurrent", "extract", "insert"]
