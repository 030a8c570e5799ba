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
    # "the position is much improved on last year" while DToC went up (worse) on the month
    # but down (better) on the year: a claim about the year, and true, so not flagged
    assert commentary_flags("dtoc") == []


def _flags_for(m, sentence: str) -> list[str]:
    from dataclasses import replace

    from report.compute.reading import reading
    from report.content import Para, Run

    said = replace(m, commentary={"Commentary": (Para((Run(sentence),)),)})
    return [f.text for f in reading(said).flags if f.kind == "commentary"]


@pytest.mark.parametrize("sentence, flag", [
    # DToC: 9.49 in February 2019, up (worse) on January's 9.34 and on June 2018's 9.21,
    # down (better) on 10.37 in February 2018
    ("The position is much improved on last year.", None),
    ("It is 9.49, worse than a year ago, so it has worsened on last year.",
     ("against February 2018 the figure is Down (Green): 9.49 in February 2019, 10.37 in "
     "February 2018")),
    ("It decreased in February.", "the direction of travel is Up (Red)"),
    ("It increased in February.", None),
    ("It increased since June 2018.", None),
    ("The figure has improved since June 2018.",
     "against June 2018 the figure is Up (Red): 9.49 in February 2019, 9.21 in June 2018"),
    # a span the pack holds no one figure for: not read against the month's change
    ("The position improved over the year.", None),
    ("It decreased across 2017/18.", None),
])
def test_a_change_is_read_against_the_period_its_sentence_measures_it_from(
        example_figures, sentence, flag):
    """"Much improved on last year" is a claim about a year, not about the month: it is
    read against the same month a year earlier, and a span the pack has no one figure for
    is not read at all, so the pack never says the commentary is wrong where it is not."""
    m = example_figures.measures["dtoc"]
    assert m.change.heading == "Up (Red)"
    wanted = [] if flag is None else [f"the commentary says \u201c{sentence}\u201d, but {flag}"]
    assert _flags_for(m, sentence) == wanted


@pytest.mark.parametrize("measure, sentence, flagged", [
    # Direct payments: 30.2% against 30.0%, GREEN; DToC: 9.49 against 7.95, RED
    ("direct_payments", "Uptake rose to 30.2% in March, meeting our target of 30%.", False),
    ("dtoc", "Delays rose to 9.49, meeting our target.", True),
    ("dtoc", "This meets the 7.95 target.", True),
    ("dtoc", "Although we have not met the Better Care Fund target, delays fell.", False),
    ("dtoc", "We remain short of the 7.95 target.", False),
    ("direct_payments", "We are still short of the 30% target.", True),
    ("direct_payments", "We have not yet met our target.", True),
    # a plan, or the year-end target, is not said of the latest figure
    ("dtoc", "We aim to meet the target by the summer.", False),
    ("dtoc", "We expect to be meeting the year-end target by March.", False),
])
def test_a_sentence_that_says_the_target_is_met_is_read_against_the_status(
        example_figures, measure, sentence, flagged):
    m = example_figures.measures[measure]
    wanted = [(f"the commentary says \u201c{sentence}\u201d, but the status is {m.status.word} "
              f"({m.latest.text} against the {m.target.short} target)")] if flagged else []
    assert _flags_for(m, sentence) == wanted
