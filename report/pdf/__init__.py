"""Writing the PDF: reportlab lays the pages out, pikepdf finishes the file.

Importing this package first imports those two a little more cheaply (`report.render`
does so before any other reportlab import). At import they compile three regular
expressions spanning most of Unicode, together about a tenth of a rebuild's time: a
case-insensitive URL pattern for shortening long links (`uriWasteReduce`, which no pack
style sets), a pattern for wrapping CJK text (`cjkwrap`, not used) and pikepdf's filter
for characters XML cannot hold (used when editing XMP, which `structure.set_xmp` does
without it). Those are compiled when first used instead; every other pattern as before.
reportlab also imports Pillow's image module, for bitmap images, which a pack has none
of: it is loaded when first used (the standard library's lazy loader).
"""

from __future__ import annotations

import re
import sys

from report.lazy import import_on_first_use


class LazyPattern:
    """A regular expression compiled on first use; otherwise it behaves as the compiled one."""

    def __init__(self, pattern: str, flags: int):
        self._source = (pattern, flags)
        self._compiled: re.Pattern | None = None

    def __getattr__(self, name: str):
        if self._compiled is None:
            self._compiled = re.compile(*self._source)
        return getattr(self._compiled, name)


def _spans_most_of_unicode(pattern) -> bool:
    return isinstance(pattern, str) and ("\uffff" in pattern or "\\U0010FFFF" in pattern)


def _import_lean(*modules: str) -> None:
    if all(name in sys.modules for name in modules):
        return
    compile_now = re.compile

    def compile_when_used(pattern, flags=0):
        if _spans_most_of_unicode(pattern):
            return LazyPattern(pattern, flags)
        return compile_now(pattern, flags)

    import_on_first_use("PIL.Image")
    re.compile = compile_when_used
    try:
        for name in modules:
            __import__(name)
    finally:
        re.compile = compile_now


_import_lean("reportlab.platypus.paragraph", "pikepdf")
