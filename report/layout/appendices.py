"""The appendix PDFs that pack.yaml names: merged after the generated pages, with the
pack's footer and outline entries (`report.pdf.appendices`). A layout that lists this
section gets them; it adds no generated page of its own."""

from __future__ import annotations

from report.layout.registry import PartPlan, Section, Trailing


def _no_pages(ctx) -> list:
    """Nothing of its own; printed double-sided, the generated pages end on a left-hand
    page so that the first appendix starts on a right-hand one."""
    if not (ctx.theme.layout.page.duplex and ctx.figures.appendices):
        return []
    from report.pdf.flowables import BlankLabel, EndOnLeftHand

    return [EndOnLeftHand(), BlankLabel()]


def _pages(figures, layout) -> int:
    from report.pdf.appendices import count_pages

    return count_pages(figures, layout.page.duplex) if figures.appendices else 0


def _warnings(figures) -> list[str]:
    """What each appendix brings that the pack's own pages do not, or leaves out."""
    from report.pdf.appendices import warnings

    return warnings(figures) if figures.appendices else []


def _alone(figures, theme, page_offset: int, total: int) -> bytes:
    from report.pdf.appendices import appendix_part

    return appendix_part(figures, theme, page_offset, total)


SECTIONS = (Section("appendices", story=_no_pages,
                    trailing=Trailing(_pages, _warnings, PartPlan("appendices", "appendices"),
                                      _alone)),)
