"""The methods page states the minimum points for icons as the pack sets it, with the
default, and says where the pack goes beyond the SPC rule set."""

from __future__ import annotations

from report.compute.methods import methods


def _spc_paragraphs(figures) -> str:
    return " ".join(" ".join(p) for h, p in methods(figures, "x").paragraphs if "SPC" in h)


def test_the_default_minimum_is_stated(example_figures):
    text = _spc_paragraphs(example_figures)
    assert ("With fewer than 13 points since the limits were last worked out there are no "
            "icons (the default: spc.minimum_points, default 13;") in text
    assert "the pack prints no assurance icon from those limits" in text
    assert "a run of 7 points on one side of the mean, or of a rise or fall as long" in text


def test_a_pack_that_sets_its_own_minimum_says_so(pack_copy):
    from report.compute.pack import compute_pack
    from report.inputs.load import load_pack

    with (pack_copy / "pack.yaml").open("a", encoding="utf-8") as handle:
        handle.write("spc:\n  minimum_points: 8\n")
    figures = compute_pack(load_pack(pack_copy))
    assert ("With fewer than 8 points since the limits were last worked out there are no "
            "icons (as pack.yaml sets it: spc.minimum_points, default 13;"
            ) in _spc_paragraphs(figures)
    # eight quarters are now enough for the icons
    assert figures.measures["reablement_91_days"].spc.variation is not None
