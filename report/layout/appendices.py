"""The appendix PDFs that pack.yaml names: merged after the generated pages, with the
pack's footer and outline entries (`report.pdf.appendices`). A layout that lists this
section gets them; it adds no generated page of its own."""

from __future__ import annotations

from report.layout.registry import Section


def _no_pages(ctx) -> list:
    return []


SECTIONS = (Section("appendices", story=_no_pages),)
