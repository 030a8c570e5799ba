"""The appendix PDFs that pack.yaml names: merged after the generated pages, with the
pack's footer and outline entries (`report.pdf.appendices`). A layout that lists this
section gets them; it adds no generated page of its own."""

from __future__ import annotations

from report.layout.registry import Section


def _no_pages(ctx) -> list:
    """Nothing of its own; printed double-sided, the generated pages end on a left-hand
    page so that the first appendix starts on a right-hand one."""
    if not (ctx.theme.layout.page.duplex and ctx.figures.appendices):
        return []
    from report.pdf.flowables import BlankLabel, EndOnLeftHand

    return [EndOnLeftHand(), BlankLabel()]


SECTIONS = (Section("appendices", story=_no_pages),)
