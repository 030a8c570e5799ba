"""The scorecard: one table per theme, a key to the symbols, and the glossary."""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, Flowable, NextPageTemplate, PageBreak, Spacer

from report.compute.glance import OFFICER_SET, status_mark
from report.layout import spcicons
from report.layout.context import (
    STATUS_SHAPES,
    Context,
    esc,
    measure_anchor,
    row_anchor,
    shown_status,
)
from report.layout.keyref import refer
from report.layout.registry import FRONT, PartPlan, Section
from report.pdf.flowables import Anchor, anchored
from report.pdf.paragraph import Paragraph

COLUMNS = ("Measure", "Status", "Target", None, None, "DoT",
           "Constitu-<br/>encies", "Bench-<br/>markable", "Varia-<br/>tion", "Assur-<br/>ance",
           "Page")  # None: the value heads, which follow the measures' frequency
# The measure's title takes what the figures leave: each other column is as narrow as its
# longest word allows (see unbroken_widths), so titles wrap in fewer lines and the scorecard
# of a 15-measure pack takes two pages.
FRACTIONS = (0.44, 0.08, 0.06, 0.07, 0.07, 0.06, 0.05, 0.05, 0.04, 0.04, 0.04)
WORDED = range(1, 11)  # every column but the measure's: no word broken, heads included
VALUE_HEADS = {"monthly": ("Last Month", "This Month"),
               "quarterly": ("Last Quarter", "This Quarter"),
               "annual": ("Last Year", "This Year")}
TICK = "\u2713"


def value_heads(measures) -> tuple[str, str]:
    """The heads over the previous and latest values: by the measures' frequency where
    they share one, else "Previous" and "Latest" (each value then shows its period)."""
    kinds = {m.frequency for m in measures}
    return VALUE_HEADS[kinds.pop()] if len(kinds) == 1 else ("Previous", "Latest")


def period_note(f) -> str:
    """What every scorecard page says about the periods its values are for."""
    note = f"Data to {f.data_period_label} unless a value shows its own period."
    return f"{note} {f.period_note}" if f.period_note else note


def scorecard(ctx: Context) -> list:
    f = ctx.figures
    landscape = ctx.theme.layout.scorecard.landscape
    width = ctx.landscape_width if landscape else ctx.width
    template = "landscape" if landscape else "portrait"
    # the pages after the first repeat the title and period note (see report/pdf/doc.py)
    out = [NextPageTemplate([template, "*", f"{template}-continued"]), PageBreak(),
           Anchor("scorecard", "Scorecard", 0, opens="Scorecard",
                  carries=(esc(f"Scorecard \u2013 {f.pack_month_label}"), esc(period_note(f)))),
           ctx.heading(f"Scorecard \u2013 {f.pack_month_label}", 1)]
    out.append(ctx.para(esc(period_note(f)), "small"))
    out += refer(ctx)
    styles = ctx.theme.styles
    tables = []
    for theme in f.themes:
        measures = [f.measures[measure_id] for measure_id in theme.measures]
        heads = iter(value_heads(measures))
        head = [c if c is not None else next(heads) for c in COLUMNS]
        texts = [head] + [[f"{m.number}. {m.title}", _status_words(m), target_words(m),
                           m.previous.with_period or "\u2013", m.latest.with_period, _dot(m),
                           TICK, TICK, "", "", ""] for m in measures]
        tables.append((theme, measures, head, texts))
    widths = unbroken_widths([w * width for w in FRACTIONS],
                             [t for *_, texts in tables for t in texts],
                             styles["scorecard_cell_bold"])
    for theme, measures, head, _ in tables:
        # themes flow on: a theme starts where its heading, column heads and a row fit
        heading = ctx.heading(f"{theme.number}. {theme.title}", 2, "scorecard_theme")
        heading.inner.keepWithNext = 0
        out += [CondPageBreak(100),
                Anchor(f"scorecard-{theme.id}", f"{theme.number}. {theme.title}", 1), heading]
        rows = [[Paragraph(c, styles["scorecard_cell_head"]) for c in head]]
        commands = [
            ("BACKGROUND", (0, 0), (-1, 0), ctx.theme.colour("tint")),
            ("GRID", (0, 0), (-1, -1), 0.5, ctx.theme.colour("rule")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("ALIGN", (-2, 1), (-1, -1), "CENTER"),
        ]
        for index, m in enumerate(measures, start=1):
            rows.append([
                anchored(ctx.link_cell(measure_anchor(m), f"{m.number}. {m.title}",
                                       "scorecard_cell"), row_anchor(m)),
                ctx.status_cell(shown_status(m), "scorecard_cell_bold", mark=status_mark(m)),
                Paragraph(esc(target_words(m)), styles["scorecard_cell"]),
                Paragraph(esc(m.previous.with_period or "\u2013"), styles["scorecard_cell"]),
                Paragraph(esc(m.latest.with_period), styles["scorecard_cell"]),
                Paragraph(esc(_dot(m)), styles["scorecard_cell"]),
                Paragraph(TICK if m.has_areas else "", styles["scorecard_cell"]),
                Paragraph(TICK if m.benchmarkable else "", styles["scorecard_cell"]),
                spcicons.cell(ctx, spcicons.variation(ctx, m, word=False), "scorecard_cell"),
                spcicons.cell(ctx, spcicons.assurance(ctx, m, word=False), "scorecard_cell"),
                _page_cell(ctx, measure_anchor(m), m.title),
            ])
            if shown_status(m):
                commands.append(("BACKGROUND", (1, index), (1, index),
                                 ctx.status_fill(shown_status(m))))
        out.append(ctx.table(rows, widths, commands, repeat=1, header_cols=1))
        out.append(Spacer(0, 2))
    out.append(Anchor("scorecard-end", closes=True))
    return out


CELL_PADDING = 3  # each side of a cell: half reportlab's 6, room the titles use


def unbroken_widths(widths: list[float], rows: list[list[str]], style) -> list[float]:
    """Column widths in which no word of the worded columns is broken: a column whose
    longest word ("(2016/17)", "1,234,567", "(Green)") does not fit grows to fit it, and
    the measure column gives up the room (it wraps between words anyway)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    out = list(widths)
    for column in WORDED:
        words = [w for row in rows for line in row[column].split("<br/>")
                 for w in line.split(" ")]  # a no-break space joins, as on the page
        needed = max((stringWidth(w, style.fontName, style.fontSize) for w in words),
                     default=0) + 2 * CELL_PADDING + 1
        if needed > out[column]:
            out[0] -= needed - out[column]
            out[column] = needed
    return out


def _status_words(m) -> str:
    status = shown_status(m)
    if status is None:
        return "\u2013"
    mark = status_mark(m)
    return f"{STATUS_SHAPES[status]}\u00a0{status}" + (f"\u00a0{mark}" if mark else "")


def target_words(m) -> str:
    """The target, with the year-end target only where it differs from this period's."""
    if m.target.value is not None and m.target.eoy_text == m.target.short:
        return m.target.short
    return m.target.text


def _page_cell(ctx: Context, key: str, title: str):
    """The measure page's number, for a reader on paper (a link on screen)."""
    return ctx.page_cell(key, "scorecard_cell", title)


def _dot(m) -> str:
    return m.change.heading or "\u2013"


def key(ctx: Context, width: float | None = None) -> list:
    """The status symbols and the scorecard's words, for the key page (report/layout/key.py)."""
    styles = ctx.theme.styles
    rows = [[Paragraph("Symbol", styles["cell_head"]), Paragraph("Meaning", styles["cell_head"])]]
    meanings = {"GREEN": "target met", "AMBER": "target missed, within the measure's tolerance",
                "RED": "target missed",
                "CONTEXT": "a context measure: no target and neither direction is better"}
    commands = [("GRID", (0, 0), (-1, -1), 0.5, ctx.theme.colour("rule")),
                ("BACKGROUND", (0, 0), (-1, 0), ctx.theme.colour("tint")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    for index, status in enumerate(("GREEN", "AMBER", "RED", "CONTEXT"), start=1):
        cell = ctx.status_cell(status, "cell_bold")
        rows.append([cell, Paragraph(esc(meanings[status]), styles["cell"])])
        commands.append(("BACKGROUND", (0, index), (0, index), ctx.status_fill(status)))
    if any(status_mark(m) for m in ctx.figures.measures.values()):
        rows.append([Paragraph(f"{OFFICER_SET} after a status", styles["cell_bold"]),
                     Paragraph("set by an officer for this period; the measure's page gives "
                               "the reason", styles["cell"])])
    f = ctx.figures
    if any(value_heads([f.measures[i] for i in theme.measures]) == ("Previous", "Latest")
           for theme in f.themes):
        rows.append([Paragraph("Previous / Latest", styles["cell_bold"]),
                     Paragraph("the heads of a theme that mixes monthly, quarterly and annual "
                               "measures: each value shows its period", styles["cell"])])
    for word, meaning in (
            ("Up / Down / Static", ("direction of travel, against the previous period as "
                                   "first reported")),
            ("(Green) / (Red) / (Amber)", "an improvement / a deterioration / no change"),
            ("DoT Only", "no target: the status follows the direction of travel"),
            (TICK + " Constituencies", "an area breakdown page follows the measure's page"),
            (TICK + " Benchmarkable", "a national quartiles page follows it")):
        rows.append([Paragraph(esc(word), styles["cell_bold"]),
                     Paragraph(esc(meaning), styles["cell"])])
    if width is None:
        width = (ctx.landscape_width if ctx.theme.layout.scorecard.landscape
                 else ctx.width) * 0.88
    return [Anchor("status-key", "Key to symbols", 1), ctx.heading("Key to symbols", 2),
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


SECTIONS = (Section("scorecard", story=scorecard, part=FRONT,
                    anchors={"scorecard": "Scorecard"},
                    measure_anchors={"row": lambda m: f"Scorecard, {m.title}"}),
            Section("glossary", story=glossary, part=PartPlan("glossary", "glossary")))
