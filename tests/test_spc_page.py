"""The SPC reading on the page: icons that say their words, the scorecard's Variation and
Assurance columns and the key beside it."""

from __future__ import annotations

from collections import Counter

import pikepdf
import pytest

from report.compute.spc import ASSURANCE, VARIATION


def _spoken(pdf: pikepdf.Pdf) -> Counter:
    """(role, ActualText or Alt) of every structure element that has one."""
    found: Counter = Counter()
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        element = stack.pop()
        kids = element.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
        stack += [k for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k]
        for name in ("/ActualText", "/Alt"):
            if name in element:
                found[str(element.S)[1:], str(element[name])] += 1
    return found


@pytest.fixture(scope="module")
def spoken(built):
    with pikepdf.open(built[1]) as pdf:
        return _spoken(pdf)


def test_scorecard_icon_cells_say_their_words(spoken, example_figures):
    """Each measure with icons has a Variation and an Assurance cell whose text, to a
    screen reader, is the icon's words (and the key's row header once more each)."""
    measures = list(example_figures.in_order())
    expected = Counter(VARIATION[m.spc.variation][0] for m in measures if m.spc.variation)
    expected += Counter(ASSURANCE[m.spc.assurance][0] for m in measures if m.spc.assurance)
    cells = Counter({text: n for (role, text), n in spoken.items() if role == "TD"
                     and (text in {v[0] for v in VARIATION.values()}
                          or text in {a[0] for a in ASSURANCE.values()})})
    assert cells == expected
    assert spoken["TD", "Special cause improvement: lower"] == 3  # dtoc, long-term, dols
    assert spoken["TD", "Consistently fails the target"] == 8
    keyed = {text for (role, text) in spoken if role == "TH"}
    assert {v[0] for v in VARIATION.values()} - keyed == {"Special cause variation: lower"}
    assert {a[0] for a in ASSURANCE.values()} <= keyed
