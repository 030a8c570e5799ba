"""The scorecard: one table per theme, a key to the symbols, and the glossary."""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, Flowable, NextPageTemplate, PageBreak, Spacer

from report.layout.context import Context, esc, measure_key, shown_status
from report.layout import spcicons
from report.layout.registry import FRONT, PartPlan, Section
from report.pdf.flowables import Anchor, Deferred
from report.pdf.paragraph import Paragraph

COLUMNS = ("Measure", "Status", "Target", "Last Month", "This Month", "DoT",
           "Constitu-<br/>encies", "Bench-<br/>markable", "Varia-<br/>tion", "Assur-<br/>ance",
           "Page")
TICK = "\u2713"


def scorecard(ctx: Context) -> list:
    f = ctx.figures
    landscape = ctx.theme.layout.scorecard.landscape
    width = ctx.landscape_width if landscape else ctx.width
    out = [NextPageTemplate("landscape" if landscape else "portrait"), PageBreak(),
           Anchor("scorecard", "Scorecard", 0, opens="Scorecard"),
           ctx.heading(f"Scorecard \u2013 {f.pack_month_label}", 1)]
    note = f"Data to {f.data_period_label} unless a value shows its own period."
    if f.period_note:
        note += f" {f.period_note}"
    out.append(ctx.para(esc(note), "small"))
    fractions = (0.19, 0.11, 0.085, 0.075, 0.085, 0.085, 0.095, 0.095, 0.065, 0.065, 0.05)
    widths = [width * x for x in fractions]
    styles = ctx.theme.styles
    for theme in f.themes:
        # themes flow on: a theme starts where its heading, column heads and two rows fit
        heading = ctx.heading(f"{theme.number}. {theme.title}", 2)
        heading.inner.keepWithNext = 0
        out += [CondPageBreak(130),
                Anchor(f"scorecard-{theme.id}", f"{theme.number}. {theme.title}", 1), heading]
        rows = [[Paragraph(c, styles["cell_head"]) for c in COLUMNS]]
        commands = [
            ("BACKGROUND", (0, 0), (-1, 0), ctx.theme.colour("tint")),
            ("GRID", (0, 0), (-1, -1), 0.5, ctx.theme.colour("rule")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (-2, 0), (-1, -1), 2), ("RIGHTPADDING", (-2, 0), (-1, -1), 2),
            ("ALIGN", (-2, 1), (-1, -1), "CENTER"),
        ]
        for index, measure_id in enumerate(theme.measures, start=1):
            m = f.measures[measure_id]
            rows.append([
                ctx.link_cell(measure_key(m), f"{m.number}. {m.title}", "cell"),
                ctx.status_cell(shown_status(m), "cell_bold"),
                Paragraph(esc(target_words(m)), styles["cell"]),
                Paragraph(esc(m.previous_with_period or "\u2013"), styles["cell"]),
                Paragraph(esc(m.value_with_period), styles["cell"]),
                Paragraph(esc(_dot(m)), styles["cell"]),
                Paragraph(TICK if m.has_areas else "", styles["cell"]),
                Paragraph(TICK if m.benchmarkable else "", styles["cell"]),
                spcicons.cell(ctx, spcicons.variation(ctx, m, word=False)),
                spcicons.cell(ctx, spcicons.assurance(ctx, m, word=False)),
                _page_cell(ctx, measure_key(m), m.title),
            ])
            if shown_status(m):
                commands.append(("BACKGROUND", (1, index), (1, index),
                                 ctx.status_fill(shown_status(m))))
        out.append(ctx.table(rows, widths, commands, repeat=1, header_cols=1))
        out.append(Spacer(0, 8))
    out += spcicons.beside(ctx, key(ctx, width * 0.49), spcicons.key(ctx, width * 0.49), width)
    out.append(Anchor("scorecard-end", closes=True))
    return out


def target_words(m) -> str:
    """The target, with the year-end target only where it differs from this period's."""
    if m.target is not None and m.target_text == f"{m.target_short} (EoY {m.target_short})":
        return m.target_short
    return m.target_text


def _page_cell(ctx: Context, key: str, title: str):
    """The measure page's number, for a reader on paper (a link on screen)."""
    style = ctx.theme.styles["cell"]
    cell = Deferred(lambda refs: Paragraph(ctx.link(key, refs.page(key)), style))
    return ctx.linked(cell, key, title)


def _dot(m) -> str:
    return m.change_heading or "\u2013"


def key(ctx: Context, width: float | None = None) -> list:
    styles = ctx.theme.styles
    rows = [[Paragraph("Symbol", styles["cell_head"]), Paragraph("Meaning", styles["cell_head"])]]
    meanings = {"GREEN": "target met", "AMBER": "target missed, within the measure's tolerance",
                "RED": "target missed",
                "CONTEXT": "a context measure: no target and neither direction is better, so "
                           "no judgement"}
    commands = [("GRID", (0, 0), (-1, -1), 0.5, ctx.theme.colour("rule")),
                ("BACKGROUND", (0, 0), (-1, 0), ctx.theme.colour("tint")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    for index, status in enumerate(("GREEN", "AMBER", "RED", "CONTEXT"), start=1):
        cell = ctx.status_cell(status, "cell_bold")
        rows.append([cell, Paragraph(esc(meanings[status]), styles["cell"])])
        commands.append(("BACKGROUND", (0, index), (0, index), ctx.status_fill(status)))
    for word, meaning in (
            ("Up / Down / Static", "direction of travel: this period against the previous "
                                   "period as first reported"),
            ("(Green) / (Red) / (Amber)", "the move is an improvement / a deterioration / no "
                                          "change; a context measure's move has no colour"),
            ("DoT Only", "no target: the status follows the direction of travel unless set"),
            (TICK + " Constituencies", "an area breakdown page follows the measure page"),
            (TICK + " Benchmarkable", "national quartiles page follows the measure page")):
        rows.append([Paragraph(esc(word), styles["cell_bold"]),
                     Paragraph(esc(meaning), styles["cell"])])
    if width is None:
        width = (ctx.landscape_width if ctx.theme.layout.scorecard.landscape
                 else ctx.width) * 0.88
    return [Anchor("key", "Key to symbols", 1), ctx.heading("Key to symbols", 2),
            ctx.table(rows, [width * 0.32, width * 0.68], commands, repeat=1, header_cols=1)]


def glossary(ctx: Context) -> list:
    f = ctx.figures
    if not f.glossary:
        return []
    entries = [(word, f.glossary[word]) for word in sorted(f.glossary, key=str.lower)]
    return [NextPageTemplate("portrait"), PageBreak(), Anchor("glossary", "Glossary", 0),
            ctx.heading("Glossary", 1), glossary_table(ctx, entries)]


def glossary_table(ctx: Context, entries) -> Flowable:
    """Each abbreviation, in bold, beside its meaning; `entries`: (word, meaning) in order."""
    styles = ctx.theme.styles
    rows = [[Paragraph("Abbreviation", styles["cell_head"]),
             Paragraph("Meaning", styles["cell_head"])]]
    for word, meaning in entries:
        rows.append([Paragraph(f"<b>{esc(word)}</b>", styles["cell"]),
                     Paragraph(esc(meaning), styles["cell"])])
    commands = [("GRID", (0, 0), (-1, -1), 0.5, ctx.theme.colour("rule")),
                ("BACKGROUND", (0, 0), (-1, 0), ctx.theme.colour("tint")),
                ("VALIGN", (0, 0), (-1, -1), "TOP")]
    return ctx.table(rows, [ctx.width * 0.22, ctx.width * 0.78], commands, repeat=1,
                     header_cols=1)


SECTIONS = (Section("scorecard", story=scorecard, part=FRONT),
            Section("glossary", story=glossary, part=PartPlan("glossary", "glossary")))
