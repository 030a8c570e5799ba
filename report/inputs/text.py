"""Input files are UTF-8 text; anything else is a problem naming the line."""

from __future__ import annotations

from pathlib import Path

from report.problems import Collector


def decode(path: Path, data: bytes, collector: Collector) -> str | None:
    """UTF-8 text (a byte-order mark is allowed), or a problem naming the line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        collector.add(path, line, "", "is not UTF-8 text; save the file as UTF-8 (in Excel: "
                                      "'CSV UTF-8'; in Notepad: encoding UTF-8)")
        return None
