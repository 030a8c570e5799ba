"""Where the project's own files live (layouts, fonts), beside the package."""

from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
LAYOUTS = PROJECT / "layouts"
FONTS = PROJECT / "fonts"
