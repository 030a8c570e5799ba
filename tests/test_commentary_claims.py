"""The commentary check flags a change word only when its sentence says it of the measure
itself (its title, short name or unit, or a word standing for it), not of another
quantity the sentence mentions."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from report.compute.reading import _CLAIM, about_measure, measure_terms

MH = SimpleNamespace(title="Proportion of adults in contact with secondary mental health "
                           "services in paid employment", short_name="MH Employment",
                     unit_text="%")
CONTACTS = SimpleNamespace(title="Number of new contacts received by the Adult Social Care "
                                 "front door", short_name="Contacts", unit_text="contacts")


def said_of(measure, sentence: str) -> bool:
    claim = _CLAIM.search(sentence)
    return about_measure(sentence, claim, measure_terms(measure))


@pytest.mark.parametrize("sentence, about", [
    (("The individual placement and support service now has a full team, and referrals "
     "from community mental health teams increased during the quarter."), False),
    ("Paid employment among people we support increased this quarter.", True),
    ("The employment rate decreased in March.", True),
    ("The referral rate increased in March.", False),
    ("It decreased slightly in March.", True),
    ("Although the target was missed, the position is much improved on last year.", True),
    ("Increased demand from hospitals kept the team busy.", False),
])
def test_a_change_word_is_read_against_its_subject(sentence, about):
    assert said_of(MH, sentence) is about


@pytest.mark.parametrize("sentence, about", [
    ("The number of new contacts increased again.", True),
    ("The number of complaints increased again.", False),
    ("An increased number of contacts came by e-mail.", True),
    ("Contacts decreased over the holidays.", True),
])
def test_a_number_of_something_is_about_what_it_counts(sentence, about):
    assert said_of(CONTACTS, sentence) is about


def test_the_example_flags_the_sentence_about_the_measure_only(example_figures):
    def commentary_flags(measure_id):
        m = example_figures.measures[measure_id]
        return [f.text for f in m.reading.flags if f.kind == "commentary"]

    # "referrals … increased" while MH employment fell: about referrals, not flagged
    assert commentary_flags("mh_employment") == []
    # "the position is much improved" while DToC went up (worse): about DToC, flagged
    assert commentary_flags("dtoc") == [
        ("the commentary says \u201cAlthough we have not met the Better Care Fund target, "
        "the position is much improved on last year.\u201d, but the direction of travel is "
        "Up (Red)")]
