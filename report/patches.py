"""Every change this program makes to another library's behaviour, in one place.

Each patch is named in `PATCHES` with the library versions it was written against (as
installed with the pins of pyproject.toml; on any other version it stays off, see
`written_for_these`) and what it buys. A patch stays only while it buys at least 10% of a
line a user waits for (the example's cold build, a commentary-only rebuild, 200
measures), measured with it on and off in the same run of fresh processes, interleaved,
on a shared 2-core machine: the median CPU seconds of the process (wall time on that
machine varied by half from one run to the next). Measured so in December 2026 and
removed, with their gains: reading reportlab and pikepdf's Unicode-wide regular
expressions when first used (example cold CPU -2.2%, rebuild -4.7%), Pillow loaded when
first used (cold -4.2%, rebuild +2.5%), the fonts' metrics kept in the cache (cold -1.3%,
rebuild +2.6%), text without markup not parsed as markup (200 measures -7.0%, cold
-3.0%, rebuild -2.5%). Also gone: `whole-chart-fonts`, which had matplotlib embed the chart
fonts whole rather than subset them per chart, once the pack came to write the charts'
words itself (report/charts/words.py) and matplotlib no longer embeds a chart font.

`CABINET_PACK_PATCHES=off` turns every patch off; `CABINET_PACK_PATCHES=-name,-name`
turns the named ones off. Either way the pack is the
same, byte for byte, and reads the same page by page (tests/test_patches.py). On a
library upgrade, turn them off first: if the pack is then right, a patch is at fault.

Necessary private uses, kept because reportlab offers no public way to the same end
(these are not speed-ups and have no switch):

- `canv._doctemplate`: the document being built, as reportlab's own flowables (its table
  of contents, its index) reach it from a flowable's `draw`; our flowables record anchors,
  chart places and marked content there.
- `flowable._frame`: the frame reportlab is splitting a flowable in; `Tagged` hands it on
  to the flowable it wraps, which decides how to split from it (`SideBySide` from the
  frame's room, `_height` less its paddings; `Grid` keeps the parts it split into for
  that room).
- `doc._multiBuildEdits`: where reportlab notes what a layout pass changed on a flowable;
  undone after each pass as `multiBuild` does, so the next pass starts clean.
- `multiprocessing.forkserver.ensure_running` (undocumented, not private): starts the
  fork server deaf to Ctrl-C, so a Ctrl-C while it imports matplotlib prints no traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Patch:
    written_for: str  # the library and version it was written against
    gain: str  # what it buys, as measured


PATCHES = {
    "kept-line-breaks": Patch(
        "reportlab 5.1.0",
        "a paragraph's lines kept for the width they were broken for, and shared by "
        "the paragraphs of the same text, style and width (8,600 line breakings, not "
        "26,600, in a 200-measure build): a 200-measure build 18% faster (6.45 s, not "
        "7.88 s; its CPU 6.1 s, not 7.6 s; median of 6 interleaved cold builds), the "
        "example's cold build 12% (1.20 s, not 1.36 s; median of 10)"),
}


@cache
def on(name: str) -> bool:
    """Whether patch `name` applies in this process (decided once: a patch is applied at
    import, and a process never mixes the two ways)."""
    from report import settings

    assert name in PATCHES, name
    off = settings.current().patches_off
    if name in off or "all" in off:
        return False
    return written_for_these(PATCHES[name].written_for)


# Where each library says its version, read without importing anything else.
_VERSION_NAMES = {"reportlab": "Version", "matplotlib": "__version__", "fontTools": "version"}


def written_for_these(written_for: str) -> bool:
    """Whether the installed libraries are the versions a patch was written for
    ("reportlab 5.1.0, fontTools 4.69.1"). A patch reaches into a library's private names,
    which any release may change: on another version it stays off, and the library works
    as its authors made it."""
    import importlib

    for library, version in (part.split() for part in written_for.split(",")):
        module = importlib.import_module(library)
        if str(getattr(module, _VERSION_NAMES[library], "")) != version:
            return False
    return True


# -- kept-line-breaks: reportlab's Paragraph, breaking its lines once per width ----------

SHARED_MOST = 8192  # lines kept for the paragraphs sharing fragments, at most

def _paragraph_class():
    from reportlab.platypus.paragraph import _FUZZ
    from reportlab.platypus.paragraph import Paragraph as _Paragraph

    keep_lines = on("kept-line-breaks")
    # (width, fragments, style) -> lines, for the paragraphs that share their fragments
    # (report/pdf/paragraph.py): the same text in the same style and width breaks the same
    shared: dict[tuple, tuple] = {}

    class Paragraph(_Paragraph):
        def wrap(self, availWidth, availHeight):
            """A paragraph's lines depend only on its text, style and width, yet reportlab
            breaks them again each time the paragraph is measured: a table's cells each
            time the table is measured or drawn, every paragraph again in the pass that
            draws the pages after the pass that found the page numbers. The lines broken
            last time are kept for the same width."""
            if not keep_lines:
                return super().wrap(availWidth, availHeight)
            held = self.__dict__.get("_broken")
            shares = self.__dict__.get("shared_frags", False)
            if shares and (held is None or held[0] != availWidth):
                held = shared.get((availWidth, id(self.frags), id(self.style)))
            if (held is not None and held[0] == availWidth and held[1] is self.frags
                    and held[2] is self.style):
                self._broken = held
                self.width, self._wrapWidths, self.blPara, self.height = availWidth, *held[3:]
                return availWidth, self.height
            width, height = super().wrap(availWidth, availHeight)
            if availWidth >= _FUZZ:
                held = self._broken = (availWidth, self.frags, self.style, self._wrapWidths,
                                       self.blPara, height)
                if shares and self.blPara.kind == 0:  # lines of plain words: never changed
                    if len(shared) >= SHARED_MOST:
                        shared.clear()
                    shared[availWidth, id(self.frags), id(self.style)] = held
            return width, height

    return Paragraph


def __getattr__(name: str):
    """The patched classes, made on first use (they subclass reportlab's)."""
    if name == "Paragraph":
        made = _paragraph_class()
    else:
        raise AttributeError(name)
    globals()[name] = made
    return made
