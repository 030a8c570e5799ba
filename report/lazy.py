"""The standard library's lazy-import recipe, for modules a library imports but a pack
never uses."""

from __future__ import annotations

import importlib
import importlib.util
import sys


def import_on_first_use(name: str) -> None:
    """Make `name` (a submodule, such as "PIL.Image") load when an attribute is first
    read from it, however it is imported."""
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        return
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)  # runs the module when an attribute is first read
    parent, _, child = name.rpartition(".")
    setattr(importlib.import_module(parent), child, module)  # `from parent import child`
