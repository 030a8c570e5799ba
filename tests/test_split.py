"""`build --split`: parts laid out again from the figures, numbered as in the full pack."""

from __future__ import annotations

import re

import pikepdf
import pytest
from pdfua import validate

from report.cli import main
from tests.conftest import EXAMPLE
from tests.pdfcheck import BuiltPdf


@pytest.fixture(scope="module")
def split(tmp_path_factory):
    out = tmp_path_factory.mktemp("split")
    assert main(["build", str(EXAMPLE), "-o", str(out), "--split"]) == 0
    return out, BuiltPdf(out / "example.pdf"), sorted((out / "example").glob("*.pdf"))


def test_parts_cover_every_page_once(split):
    _, full, parts = split
    assert [p.name for p in parts] == [
        "01-summary-and-scorecard.pdf", "02-use-of-resources.pdf",
        "03-personalised-support.pdf", "04-community-assets.pdf",
        "05-keeping-people-safe.pdf", "06-comparator-group.pdf",
        "07-methods-and-revisions.pdf", "08-glossary.pdf", "09-appendices.pdf"]
    labels = []
    for path in parts:
        labels += BuiltPdf(path).reader.page_labels
    assert labels == [str(n) for n in range(1, len(full.texts) + 1)]


def test_each_part_page_reads_as_the_full_pack_page(split):
    """Word for word, but that a reference to a page in another part names that part."""
    _, full, parts = split
    offset = 0
    named = 0

    def words(text: str) -> str:
        return " ".join(text.split())

    for path in parts:
        part = BuiltPdf(path)
        for index, text in enumerate(part.texts):
            named += len(re.findall(r", in \d\d-[a-z-]+", text))
            assert words(re.sub(r", in \d\d-[a-z-]+", "", text)) == words(
                full.texts[offset + index]), (path.name, index)
        offset += len(part.texts)
    assert named > 30  # every Previous / Next / Return to Scorecard across parts, at least
    first = BuiltPdf(parts[0]).texts
    assert any(re.search(r"\(see also pages \d+, \d+ and \d+, in 03-personalised-support\)",
                         words(t)) for t in first)


def test_links_stay_inside_their_part(split):
    _, full, parts = split
    for path in parts:
        part = BuiltPdf(path)
        for link in part.links:
            assert 1 <= link.target <= len(part.texts)
            number = part.reader.page_labels[link.target - 1]
            if link.text.isdigit():  # "see also page N": N is the full pack's number
                assert link.text == number
    theme = BuiltPdf(parts[2])
    texts = [link.text for link in theme.links]
    assert "Return to Scorecard" not in texts  # the scorecard is in part 01: text, no link
    assert "Return to Scorecard" in "".join(theme.texts)


def test_each_part_has_its_own_outline_title_and_tags(split):
    for path in split[2]:
        part = BuiltPdf(path)
        assert part.outline and part.outline[0][0] == 0
        assert part.reader.metadata.title.startswith("Cabinet Scorecard \u2013 April 2019")
        if path.name != "08-appendices.pdf":  # the appendix is included as supplied
            with pikepdf.open(path) as pdf:
                assert "/StructTreeRoot" in pdf.Root
            assert list(validate(str(path)).findings) == []
    assert BuiltPdf(split[2][2]).outline[0][1] == "2. Personalised Support"


def test_a_part_whose_named_references_would_move_a_page_keeps_the_pack_s_pages(
        tmp_path, monkeypatch):
    """Naming another part ("page 9, in 02-…") makes a reference longer than the pack's;
    where that moves a page break, the part prints its references as the pack does, so
    it still holds the pack's pages (it was an internal error)."""
    from report.layout.context import Context

    longer = Context.page_words

    def long_words(self, key, refs):  # a reference naming its part runs to many lines
        words = longer(self, key, refs)
        return words + " (another part)" * 40 if ", in " in words else words

    monkeypatch.setattr(Context, "page_words", long_words)
    out = tmp_path / "out"
    assert main(["build", str(EXAMPLE), "-o", str(out), "--split"]) == 0
    whole = BuiltPdf(out / "example.pdf")
    parts = sorted((out / "example").glob("*.pdf"))
    assert sum(len(BuiltPdf(part).plain_texts) for part in parts) == len(whole.plain_texts)
