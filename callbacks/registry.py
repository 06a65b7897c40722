"""Every callback is registered as a read or a write, so tests can find every write and forge it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dash import Dash

READS = "tracker.read_callbacks"
WRITES = "tracker.write_callbacks"


def _register(app: Dash, kind: str, *dependencies: Any, **kwargs: Any) -> Callable:
    def wire(fn: Callable) -> Callable:
        before = set(app.callback_map)
        app.callback(*dependencies, **kwargs)(fn)
        for key in set(app.callback_map) - before:
            app.server.extensions.setdefault(kind, {})[key] = fn.__name__
        return fn

    return wire


def read_callback(app: Dash, *dependencies: Any, **kwargs: Any) -> Callable:
    """Register a callback that only reads (renders)."""
    return _register(app, READS, *dependencies, **kwargs)


def write_callback(app: Dash, *dependencies: Any, **kwargs: Any) -> Callable:
    """Register a callback that changes data: it must call a `models` function with the signed-in user."""
    return _register(app, WRITES, *dependencies, **kwargs)


def read_clientside(app: Dash, function: Any, *dependencies: Any, **kwargs: Any) -> None:
    """Register a clientside callback (it runs in the browser and writes nothing on the server)."""
    before = set(app.callback_map)
    app.clientside_callback(function, *dependencies, **kwargs)
    for key in set(app.callback_map) - before:
        name = getattr(function, "function_name", None) or "clientside"
        app.server.extensions.setdefault(READS, {})[key] = name
