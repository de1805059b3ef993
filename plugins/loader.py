"""Finding and loading plugins: ``--load-plugin``, ``$ONNX_MLIR_PLUGINS``, entry points.

A plugin is a module (or package) with a ``register(api)`` function, named by

- a module name (``my_plugin``) or ``module:function`` for another function than ``register``;
- a path to a ``.py`` file or a package folder (its folder goes on ``sys.path``, so that the
  plugin's ``"module:Class"`` strings import);
- an entry point of group ``onnx_mlir.plugins`` of an installed distribution (loaded on first
  use of the compiler, unless ``ONNX_MLIR_NO_PLUGIN_AUTOLOAD=1``).

``$ONNX_MLIR_PLUGINS`` holds such names or paths, separated by commas (or by colons between
paths, as in ``$PATH``; ``module:function`` keeps its colon).
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import Callable

from . import registry
from .api import PluginAPI
from .errors import PluginError, located_error

ENTRY_POINT_GROUP = "onnx_mlir.plugins"
ENV_PLUGINS = "ONNX_MLIR_PLUGINS"
ENV_NO_AUTOLOAD = "ONNX_MLIR_NO_PLUGIN_AUTOLOAD"

_auto_loaded = False
_loading = False


def _split_env(value: str) -> list[str]:
    """Commas separate plugins; so do colons between paths (PATH-style), while a colon in a
    name without '/' is ``module:function``."""
    parts = []
    for piece in value.split(","):
        parts += piece.split(os.pathsep) if os.sep in piece else [piece]
    return [part.strip() for part in parts if part.strip()]


def _import_target(spec: str) -> tuple[str, object]:
    """(plugin name, module or register function) for a module name or a path."""
    target, _, function = spec.partition(":") if not os.path.exists(spec) else (spec, "", "")
    path = Path(target)
    if target.endswith(".py") or os.sep in target or path.is_dir():
        if not path.exists():
            raise PluginError(f"cannot load plugin '{spec}': no such file or folder")
        path = path.resolve()
        folder, module_name = (path.parent, path.stem if path.is_file() else path.name)
        if str(folder) not in sys.path:
            sys.path.insert(0, str(folder))
    else:
        module_name = target
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name or module_name.startswith(f"{exc.name}."):
            raise PluginError(f"cannot load plugin '{spec}': no module named '{module_name}'") from None
        raise
    return module_name, (getattr(module, function) if function else module)


def _register_function(name: str, loaded: object) -> Callable[[PluginAPI], object]:
    function = getattr(loaded, "register", None) if isinstance(loaded, type(sys)) else loaded
    if not callable(function):
        raise PluginError(f"plugin '{name}' has no register(api) function")
    return function  # type: ignore[return-value]


def _located_load_error(spec: str, exc: BaseException) -> PluginError:
    if isinstance(exc, PluginError):
        return exc
    if isinstance(exc, SyntaxError) and exc.filename:
        error = PluginError(f"plugin '{spec}': SyntaxError: {exc.msg}")
        from ..errors import Diagnostic

        error.diagnostics = (Diagnostic("error", f"{exc.filename}:{exc.lineno}:{exc.offset or 1}",
                                        f"plugin '{spec}': SyntaxError: {exc.msg}",
                                        line=exc.lineno, column=exc.offset or 1),)
        return error
    return located_error(exc, plugin=spec) or PluginError(
        f"plugin '{spec}': {type(exc).__name__}: {exc}")


def load_plugin(spec: str, *, origin: str = "--load-plugin", loaded: object = None,
                name: str | None = None) -> registry.Plugin:
    """Import the plugin ``spec`` (module name, ``module:function`` or path) and call its
    ``register(api)``. Loading the same plugin again does nothing. Raises :class:`PluginError`,
    located in the plugin's source when its code raised."""
    try:
        if loaded is None:
            name, loaded = _import_target(spec)
        name = name or spec
        for plugin in registry.plugins():
            if plugin.name == name:
                return plugin
        module = loaded if isinstance(loaded, type(sys)) else sys.modules.get(
            getattr(loaded, "__module__", ""), None)
        plugin = registry.Plugin(name, module, origin)
        registry.add_plugin(plugin)  # before register(): errors inside it are located by file
        try:
            _register_function(name, loaded)(PluginAPI(plugin))
        except BaseException:
            registry.remove_plugin(name)
            raise
        return plugin
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - every plugin failure becomes a located error
        raise _located_load_error(spec, exc) from exc


def load_plugins(specs: list[str] | tuple[str, ...] = (), *, origin: str = "--load-plugin") -> None:
    """The installed and ``$ONNX_MLIR_PLUGINS`` plugins (once), then each of ``specs``."""
    ensure_loaded()
    for spec in specs:
        load_plugin(spec, origin=origin)


def ensure_loaded() -> None:
    """Load ``$ONNX_MLIR_PLUGINS`` and the installed entry-point plugins, once per process."""
    global _auto_loaded, _loading
    if _auto_loaded or _loading:
        return
    _loading = True
    try:
        for spec in _split_env(os.environ.get(ENV_PLUGINS, "")):
            load_plugin(spec, origin=ENV_PLUGINS)
        if os.environ.get(ENV_NO_AUTOLOAD, "") in ("", "0"):
            for entry in _entry_points():
                try:
                    loaded = entry.load()
                except (KeyboardInterrupt, SystemExit):
                    raise
                except BaseException as exc:  # noqa: BLE001
                    raise _located_load_error(entry.value, exc) from exc
                load_plugin(entry.value, origin=f"entry point '{entry.name}'", loaded=loaded,
                            name=entry.name)
        _auto_loaded = True
    finally:
        _loading = False


def _entry_points() -> list:
    from importlib.metadata import entry_points

    return sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name)
