"""Writing the PDF: reportlab lays the pages out, pikepdf finishes the file.

Importing this package first imports reportlab's paragraph module a little more cheaply
(`report.render` does so before any other reportlab import): at import that module
compiles a case-insensitive URL pattern spanning most of Unicode, a third of the time
reportlab takes to import, to shorten long links when a style asks for it
(`uriWasteReduce`), which no pack style does. That one pattern is compiled when first
used instead.
"""

from __future__ import annotations

import re
import sys


class LazyPattern:
    """A regular expression compiled on first use; otherwise it behaves as the compiled one."""

    def __init__(self, pattern: str, flags: int):
        self._source = (pattern, flags)
        self._compiled: re.Pattern | None = None

    def __getattr__(self, name: str):
        if self._compiled is None:
            self._compiled = re.compile(*self._source)
        return getattr(self._compiled, name)


def _import_reportlab_paragraph() -> None:
    if "reportlab.platypus.paragraph" in sys.modules:
        return
    compile_now = re.compile

    def compile_when_used(pattern, flags=0):
        if isinstance(pattern, str) and len(pattern) > 200 and "\uffff" in pattern:
            return LazyPattern(pattern, flags)
        return compile_now(pattern, flags)

    re.compile = compile_when_used
    try:
        import reportlab.platypus.paragraph  # noqa: F401
    finally:
        re.compile = compile_now


_import_reportlab_paragraph()
