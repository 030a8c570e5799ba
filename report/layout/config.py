"""Layouts are data: `layouts/<name>.yaml`, cascading through `parent:`.

`load_layout` gives a validated layout as `Layout`: frozen dataclasses, read the same way
as the schema (`report.layout.schema`) names them. Given a cache folder, a layout already
validated from the same layout files and code is read back from it, so a rebuild needs
neither YAML nor pydantic.
"""

from __future__ import annotations

import re
from pathlib import Path

from report.layout.values import Layout, LayoutError  # noqa: F401 - re-exported
from report.paths import LAYOUTS, PROJECT  # noqa: F401 - PROJECT: for the modules using it

_NAME = re.compile(r"[a-z][a-z0-9_-]*")


def load_layout(name: str, folder: Path = LAYOUTS, cache: Path | None = None) -> Layout:
    """Layout `name`, validated (LayoutError lists every problem); `cache`: a folder to
    keep it in for the next build."""
    key = None
    if cache is not None and _NAME.fullmatch(name):
        from report import cache as store

        files = [(path.name, path) for path in sorted(folder.glob("*.yaml"))]
        key = store.file_digest(files, name, folder.resolve().as_posix())
        layout = store.read(cache, f"layout-{name}", key)
        if isinstance(layout, Layout):
            return layout
    from report.layout.schema import validate_layout

    layout = validate_layout(name, folder)
    if key is not None:
        store.write(cache, f"layout-{name}", key, layout)
    return layout
