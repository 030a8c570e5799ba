"""Characters the pack's font cannot draw earn a warning naming them (they print as "\ufffd",
report/scripts.py `drawable`). The font is read only when some text goes beyond
Latin-1."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from report.content import plain_text
from report.problems import Collector

FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")


@lru_cache(maxsize=1)
def _covered() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    from report.paths import FONTS

    sets = [set(TTFont(str(FONTS / name), lazy=True).getBestCmap()) for name in FONT_FILES]
    return frozenset(set.intersection(*sets))


def _missing(text: str) -> list[str]:
    unusual = {c for c in text if ord(c) > 0xFF}
    if not unusual:
        return []
    covered = _covered()
    # joiners, variation selectors and the like draw nothing: not worth a warning
    invisible = {0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0xFE0E, 0xFE0F}
    return sorted(c for c in unusual if ord(c) not in covered and ord(c) not in invisible)


def check_glyphs(inputs, collector: Collector) -> None:
    """The YAML and CSV text (commentary: `check_commentary_glyphs`)."""
    texts: dict[Path, list[str]] = {}
    folder = inputs.folder
    texts[folder / "pack.yaml"] = [str(v) for v in _strings(inputs.pack.model_dump())]
    texts[folder / "measures.yaml"] = [str(v) for v in _strings(inputs.measures.model_dump())]
    if inputs.focus_areas is not None:
        texts[folder / "areas.yaml"] = list(_strings(inputs.focus_areas.model_dump()))
    bench = folder / "benchmarks"
    texts[bench / "comparators.csv"] = [lined.row.authority for lined in inputs.comparators]
    texts[bench / "areas.csv"] = [lined.row.area for lined in inputs.areas]
    for path, strings in texts.items():
        warn_missing(path, strings, collector)


def check_commentary_glyphs(path: Path, sections: dict, collector: Collector) -> None:
    """The same check for one commentary file (read afresh on every build)."""
    warn_missing(path, [plain_text(blocks) for blocks in sections.values()], collector,
                 path.stem)


def warn_missing(path: Path, strings: list[str], collector: Collector,
                 measure: str = "") -> None:
    missing = _missing("".join(strings))
    if missing:
        shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in missing[:12])
        more = f" and {len(missing) - 12} more" if len(missing) > 12 else ""
        collector.warn(path, None, "", f"has characters the pack's font cannot draw, which "
                       f"will print as a question mark in a diamond (U+FFFD): {shown}{more}",
                       measure)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)
