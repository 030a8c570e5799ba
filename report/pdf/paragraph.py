"""reportlab's Paragraph, breaking the same lines once: the patch "kept-line-breaks" in
report/patches.py."""

from __future__ import annotations

from report.patches import Paragraph

__all__ = ["Paragraph"]
