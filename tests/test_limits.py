"""Inputs too large to lay out in bounded time are refused with file and line, quickly."""

from __future__ import annotations

import pytest

from report.inputs.commentary import MAX_FILE_CHARACTERS, MAX_PARAGRAPH_CHARACTERS
from report.inputs.crosscheck import MAX_AREAS
from report.inputs.load import load_pack
from report.problems import InputProblems


def problems_of(pack) -> list[str]:
    with pytest.raises(InputProblems) as caught:
        load_pack(pack)
    return [str(p) for p in caught.value.problems]


def words(count: int) -> str:
    return " ".join(["support"] * count)


def test_a_one_line_megabyte_commentary_is_refused_at_once(pack_copy, monkeypatch):
    from report.inputs import commentary

    (pack_copy / "commentary" / "dtoc.md").write_text("## Commentary\n" + words(130_000))
    parsed = []  # the length of every text given to the Markdown parser
    parse = commentary._md.parse
    monkeypatch.setattr(commentary._md, "parse", lambda text: parsed.append(len(text))
                        or parse(text))
    found = problems_of(pack_copy)
    assert parsed and max(parsed) <= MAX_FILE_CHARACTERS  # refused before it is parsed
    assert found == [(f"pack/commentary/dtoc.md: is 1,040,013 characters long, more than a "
                      f"pack can carry (at most {MAX_FILE_CHARACTERS:,}, about 50,000 words; "
                      f"move the detail into an appendix)")]


def test_a_paragraph_too_long_to_lay_out_is_named_by_its_line(pack_copy):
    text = words(MAX_PARAGRAPH_CHARACTERS // 8 + 1)  # "support " is 8 characters
    (pack_copy / "commentary" / "dtoc.md").write_text(
        f"## Commentary\nA short paragraph.\n\n- {text}\n")
    assert problems_of(pack_copy) == [
        (f"pack/commentary/dtoc.md:4: text: a paragraph of {len(text):,} characters is too "
         f"long to lay out (at most {MAX_PARAGRAPH_CHARACTERS:,}; break it into paragraphs "
         f"with a blank line between them)")]


def test_a_long_paragraph_within_the_limit_builds(pack_copy, tmp_path, monkeypatch):
    from report.cli import main

    monkeypatch.setenv("CABINET_PACK_CHARTS", "off")
    (pack_copy / "commentary" / "dtoc.md").write_text(
        "## Commentary\n" + words(MAX_PARAGRAPH_CHARACTERS // 8 - 1) + "\n")
    assert main(["build", str(pack_copy), "-o", str(tmp_path / "out"), "--layout",
                 "cabinet"]) == 0


def test_a_long_paragraph_costs_what_its_words_cost_in_shorter_ones(monkeypatch):
    """A paragraph at the limit, run over pages as the measure page's commentary runs on,
    costs a small multiple of the same words in paragraphs of a hundred: the limit keeps a
    paragraph's cost to its words. Counted as the lines broken (the work that grows faster
    than the words: what runs on to the next page is broken into lines again on every
    page the paragraph takes), so the count is the same on any machine, however busy."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate
    from reportlab.platypus.paragraph import Paragraph as ReportlabParagraph

    from report.layout.config import load_layout
    from report.layout.styles import build_theme
    from report.pdf.paragraph import Paragraph

    broken = [0]
    seen: dict[tuple, object] = {}  # each paragraph once per width: kept lines or not
    original = ReportlabParagraph.breakLines

    def counted(self, widths):
        lines = original(self, widths)
        if (id(self), tuple(widths)) not in seen:
            seen[id(self), tuple(widths)] = self  # kept, so its id is not reused
            broken[0] += len(lines.lines)
        return lines

    monkeypatch.setattr(ReportlabParagraph, "breakLines", counted)
    style = build_theme(load_layout("cabinet")).styles["body"]

    def lines_broken(texts: list[str]) -> int:
        broken[0] = 0
        seen.clear()
        SimpleDocTemplate(io.BytesIO(), pagesize=A4).build(
            [Paragraph(text, style) for text in texts])
        return broken[0]

    def short_and_long(characters: int) -> tuple[int, int]:
        count = characters // 8 - 1
        # each its own text (a text said twice is parsed once), and the same words as one
        hundreds = [f"{n} {words(99)}" for n in range(count // 100)] + [words(count % 100)]
        return lines_broken(hundreds), lines_broken([" ".join(hundreds)])

    short, long = short_and_long(MAX_PARAGRAPH_CHARACTERS)
    assert long <= 5 * short, (long, short)  # about 3.9 times
    # the bound is the limit's doing: at twice the limit, the same count is 6.7 times
    short, long = short_and_long(2 * MAX_PARAGRAPH_CHARACTERS)
    assert long > 5 * short, (long, short)


def test_more_areas_than_a_page_shows_is_one_problem(pack_copy):
    areas = pack_copy / "benchmarks" / "areas.csv"
    rows = [f"direct_payments,2018/19 Q4,Ward {i},30.0,300,1000" for i in range(5000)]
    text = areas.read_text()
    period = text.splitlines()[1].split(",")[1]
    rows = [r.replace("2018/19 Q4", period) for r in rows]
    areas.write_text(text + "\n".join(rows) + "\n")
    found = [p for p in problems_of(pack_copy) if "areas for" in p]
    assert len(found) == 1
    assert found[0].endswith(f"direct_payments has more than {MAX_AREAS} areas for {period}: "
                             f"an area page shows at most {MAX_AREAS} (group them into "
                             f"localities or constituencies)")
