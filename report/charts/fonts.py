"""Make the chart fonts: DejaVu Sans cut down to the Latin letters, digits and punctuation a
chart prints, renamed "Pack Chart Sans" as the DejaVu licence asks of modified fonts.

The charts' words are written in these fonts, each embedded whole in every chart and kept
once per pack (report/charts/words.py, report/pdf/post.py): about 31 KB each, where the
full faces are 0.7 MB. Run `python -m report.charts.fonts` after changing the
fonts in fonts/; the results are committed beside them.
"""

from __future__ import annotations

from pathlib import Path

FONTS = Path(__file__).resolve().parents[2] / "fonts"
FAMILY = "Pack Chart Sans"
FACES = {"DejaVuSans.ttf": ("PackChartSans.ttf", "Regular"),
         "DejaVuSans-Bold.ttf": ("PackChartSans-Bold.ttf", "Bold")}
CODEPOINTS = [*range(0x20, 0x7F), *range(0xA0, 0x180), 0x2013, 0x2014, 0x2018, 0x2019,
              0x201C, 0x201D, 0x2022, 0x2026, 0x2212, 0x2190, 0x2191, 0x2192, 0x2193]


def make() -> list[Path]:
    from fontTools import subset

    written = []
    for source, (target, style) in FACES.items():
        options = subset.Options()
        options.layout_features = []
        options.name_IDs = ["*"]
        options.hinting = False
        options.drop_tables += ["GSUB", "GPOS", "GDEF", "kern", "FFTM"]
        font = subset.load_font(str(FONTS / source), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=CODEPOINTS)
        subsetter.subset(font)
        for record in font["name"].names:
            if record.nameID in (1, 16):
                record.string = FAMILY
            elif record.nameID == 4:
                record.string = f"{FAMILY} {style}" if style != "Regular" else FAMILY
            elif record.nameID == 6:
                record.string = f"PackChartSans-{style}"
        font.save(str(FONTS / target))
        written.append(FONTS / target)
    return written


if __name__ == "__main__":
    for path in make():
        print(f"wrote {path}")
