"""A whitelist check of a generated Triton module, run before the module is written or imported.

:mod:`.pysource` keeps IR strings out of generated code by construction; this check is the
second line: it parses the module and accepts only the shapes of code the generator writes
(imports of Triton and the kernel modules, ``@triton.jit`` functions whose bodies assign, loop,
store and return Triton expressions).  A name or attribute starting with ``__``, a call of
anything but a Triton function, a generated kernel helper or ``range``/``float``, a string
constant outside a few known ones, or a statement the generator never writes is an error, so a
future generator bug that lets input text through fails loudly instead of running it.
"""

from __future__ import annotations

import ast

from .pysource import RESERVED

ALLOWED_IMPORTS = {
    "triton": None,
    "triton.language": "tl",
    "onnx_mlir.triton_kernels._matmul_kernels": "_mm",
    "onnx_mlir.triton_kernels._conv_kernels": "_conv",
}
# Modules a kernel may reach attributes of; builtins a kernel may call.
_MODULE_NAMES = frozenset({"triton", "tl", "_mm", "_conv"})
_BUILTINS = frozenset({"range", "float"})
# The only string constants of kernel bodies: tl.dot precisions and float('inf'/'nan').
_STRINGS = frozenset({"ieee", "tf32", "inf", "-inf", "nan"})

_STATEMENTS = (ast.Assign, ast.AugAssign, ast.Expr, ast.For, ast.Return, ast.If, ast.Pass)
_EXPRESSIONS = (ast.BinOp, ast.UnaryOp, ast.BoolOp, ast.Compare, ast.Call, ast.Attribute,
                ast.Subscript, ast.Slice, ast.Constant, ast.Name, ast.Tuple, ast.List,
                ast.IfExp, ast.keyword, ast.arguments, ast.arg, ast.Load, ast.Store,
                ast.operator, ast.unaryop, ast.boolop, ast.cmpop, ast.expr_context)


class UnsafeSourceError(Exception):
    """Generated source that does not have the shape the generator writes (a generator bug)."""


def check_generated_source(source: str, filename: str = "<generated triton>") -> None:
    """Raise :class:`UnsafeSourceError` unless ``source`` passes the whitelist."""
    try:
        tree = ast.parse(source, filename)
    except SyntaxError as exc:
        raise UnsafeSourceError(f"generated source does not parse: {exc}") from exc
    functions = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
    module_names = _MODULE_NAMES | functions | RESERVED
    for i, node in enumerate(tree.body):
        if i == 0 and _is_docstring(node):
            continue
        if isinstance(node, ast.Import):
            _check_import(node)
        elif isinstance(node, ast.FunctionDef):
            _FunctionChecker(node, module_names).run()
        else:
            _fail(node, f"top-level {type(node).__name__}")


def _is_docstring(node: ast.stmt) -> bool:
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) \
        and isinstance(node.value.value, str)


def _check_import(node: ast.Import) -> None:
    for alias in node.names:
        if alias.name not in ALLOWED_IMPORTS or alias.asname != ALLOWED_IMPORTS[alias.name]:
            _fail(node, f"import of {alias.name!a} as {alias.asname!a}")


def _fail(node: ast.AST, what: str) -> None:
    raise UnsafeSourceError(f"generated source line {getattr(node, 'lineno', '?')}: {what} is not "
                            "something the Triton generator writes")


class _FunctionChecker:
    """Checks one ``@triton.jit`` function: its signature, statements and expressions."""

    def __init__(self, fn: ast.FunctionDef, module_names: frozenset[str] | set[str]):
        self.fn = fn
        self.module_names = module_names
        self.local_names = {a.arg for a in fn.args.args}

    def run(self) -> None:
        fn = self.fn
        if len(fn.decorator_list) != 1 or ast.unparse(fn.decorator_list[0]) != "triton.jit":
            _fail(fn, f"function {fn.name!a} without exactly @triton.jit")
        args = fn.args
        if args.posonlyargs or args.vararg or args.kwonlyargs or args.kwarg or args.defaults \
                or fn.returns is not None:
            _fail(fn, f"the signature of {fn.name!a}")
        for a in args.args:
            if a.annotation is not None and ast.unparse(a.annotation) != "tl.constexpr":
                _fail(a, f"parameter annotation {ast.unparse(a.annotation)!a}")
            self._check_name(a, a.arg)
        for node in ast.walk(ast.Module(body=fn.body, type_ignores=[])):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                self.local_names.add(node.id)
        for stmt in fn.body:
            self._visit(stmt)

    def _visit(self, node: ast.AST) -> None:
        if isinstance(node, ast.stmt):
            if not isinstance(node, _STATEMENTS):
                _fail(node, f"a {type(node).__name__} statement")
        elif not isinstance(node, _EXPRESSIONS):
            _fail(node, f"a {type(node).__name__} expression")
        if isinstance(node, ast.Name):
            self._check_name(node, node.id)
            if isinstance(node.ctx, ast.Load) and node.id not in self.local_names \
                    and node.id not in self.module_names and node.id not in _BUILTINS:
                _fail(node, f"the unknown name {node.id!a}")
        elif isinstance(node, ast.Attribute) and node.attr.startswith("_"):
            _fail(node, f"the attribute {node.attr!a}")
        elif isinstance(node, ast.Constant) and not isinstance(node.value, (int, float, bool, type(None))):
            if not (isinstance(node.value, str) and node.value in _STRINGS):
                _fail(node, f"the constant {node.value!a}")
        elif isinstance(node, ast.Call):
            self._check_call(node)
        for child in ast.iter_child_nodes(node):
            self._visit(child)

    def _check_call(self, node: ast.Call) -> None:
        f = node.func
        root = f
        while isinstance(root, ast.Attribute):
            root = root.value
        if isinstance(f, ast.Name):
            if f.id in self.local_names:
                _fail(node, f"a call of the local {f.id!a}")
        elif isinstance(f, ast.Attribute):
            if isinstance(root, ast.Name) and root.id not in _MODULE_NAMES and root.id not in self.local_names:
                _fail(node, f"a call of {ast.unparse(f)!a}")
        else:
            _fail(node, f"a call of {ast.unparse(f)!a}")
        if isinstance(f, ast.Name) and f.id == "float":
            if len(node.args) != 1 or not isinstance(node.args[0], ast.Constant) or node.keywords:
                _fail(node, "a float() call that is not float('inf'/'nan')")

    def _check_name(self, node: ast.AST, name: str) -> None:
        if name.startswith("__"):
            _fail(node, f"the name {name!a}")
