"""reportlab's Paragraph, without parsing text that has no markup and without breaking
the same lines twice: the patches "plain-paragraphs" and "kept-line-breaks" in
report/patches.py."""

from __future__ import annotations

from report.patches import Paragraph

__all__ = ["Paragraph"]
