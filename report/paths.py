"""Where the project's own files live (layouts, fonts), beside the package."""

from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
LAYOUTS = PROJECT / "layouts"
FONTS = PROJECT / "fonts"


def layout_names() -> list[str]:
    """The layouts a pack can name: the files in layouts/ (base is only a parent)."""
    return sorted(p.stem for p in LAYOUTS.glob("*.yaml") if p.stem != "base")
