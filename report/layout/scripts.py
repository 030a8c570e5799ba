"""Right-to-left text (Hebrew, Arabic) in a left-to-right pack.

reportlab draws characters in the order it is given them and does not join Arabic
letters, so a right-to-left run is shaped (Arabic letters take their joined forms) and put
in visual order before it is laid out. A paragraph that wraps keeps each line in order,
but a long right-to-left paragraph reads best kept short.
"""

from __future__ import annotations

import re

_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def has_rtl(text: str) -> bool:
    return bool(_RTL.search(text))


def visual(text: str) -> str:
    """`text` as it must be drawn; unchanged when it holds no right-to-left letters."""
    if not has_rtl(text):
        return text
    import arabic_reshaper
    from bidi import get_display

    return get_display(arabic_reshaper.reshape(text), base_dir="L")
