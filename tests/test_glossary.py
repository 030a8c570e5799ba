"""The glossary explains every abbreviation the pack prints, the program's own included."""

from __future__ import annotations

from report.compute.glossary import PROGRAM_TERMS
from report.figures import pack_figures
from tests.conftest import EXAMPLE


def test_the_example_explains_every_abbreviation_it_prints(example_figures):
    from report.compute.glossary import undefined_abbreviations

    assert undefined_abbreviations(example_figures) == []
    assert not [w for w in pack_figures(EXAMPLE).warnings if "glossary" in w]


def test_the_programs_own_abbreviations_join_the_glossary_where_printed(example_figures):
    glossary = example_figures.glossary
    assert glossary["EoY"] == PROGRAM_TERMS["EoY"]  # "7.95 (EoY 7.95)"
    assert glossary["DoT"] == PROGRAM_TERMS["DoT"]
    assert glossary["pp"] == PROGRAM_TERMS["pp"]  # "Up (Green) 6.1 pp"
    assert glossary["DToC"].startswith("Delayed Transfer of Care")  # the pack's own stay


def test_an_unexplained_abbreviation_is_a_warning_naming_where_it_is(pack_copy):
    commentary = pack_copy / "commentary" / "dtoc.md"
    commentary.write_text(commentary.read_text() + "\n- The IBCF and the iBCF funded EAB.\n")
    measures = pack_copy / "measures.yaml"
    measures.write_text(measures.read_text().replace("short_name: Reviews",
                                                     "short_name: Reviews (IBCF)"))
    warnings = [w for w in pack_figures(pack_copy).warnings if "glossary" in w]
    assert warnings == [
        ("pack.yaml: glossary: 'IBCF' is printed (commentary/dtoc.md; measures.yaml "
         "reviews short_name) but not explained; add it to the glossary so readers on paper "
         "know it"),
        ("pack.yaml: glossary: 'iBCF' is printed (commentary/dtoc.md) but not explained; add "
         "it to the glossary so readers on paper know it")]


def test_words_in_capitals_that_are_no_abbreviation_are_left_alone(pack_copy):
    commentary = pack_copy / "commentary" / "dtoc.md"
    commentary.write_text(commentary.read_text() + "\n- Status went from RED to GREEN. "
                          "Self-CQC checks, ABCDEFGHIJ and a McX-style name.\n")
    assert not [w for w in pack_figures(pack_copy).warnings if "glossary" in w]
