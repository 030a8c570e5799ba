"""Progress on the terminal while a large pack builds: pages laid out, charts drawn.

Shown only when standard error is a terminal, so logs, CI and scripts see the same output
as before; a pack that builds in a moment flashes by. tqdm is imported only then.
"""

from __future__ import annotations

import threading


class Progress:
    """Two counters, each a line on the terminal: pages (per layout pass) and charts."""

    def __init__(self, stream):
        from tqdm import tqdm

        self._tqdm, self._stream = tqdm, stream
        self._lock = threading.Lock()
        self._pages = self._charts = None

    @classmethod
    def on_terminal(cls, stream) -> Progress | None:
        """A Progress on `stream` if it is a terminal, else None (nothing is shown)."""
        isatty = getattr(stream, "isatty", None)
        return cls(stream) if isatty is not None and isatty() else None

    def _bar(self, description: str, total: int | None, unit: str, position: int):
        return self._tqdm(total=total, desc=description, unit=unit, position=position,
                          leave=False, file=self._stream, dynamic_ncols=True,
                          mininterval=0.2)

    # -- pages (the main thread) ---------------------------------------------------------
    def layout_pass(self, layout: str, measuring: bool, expected_pages: int | None) -> None:
        with self._lock:
            if self._pages is not None:
                self._pages.close()
            what = "measuring" if measuring else "laying out"
            self._pages = self._bar(f"{layout}: {what}", expected_pages or None, "page", 0)

    def page(self) -> None:
        with self._lock:
            if self._pages is not None:
                self._pages.update(1)

    # -- charts (called from the chart workers' result threads) ---------------------------
    def charts_started(self, total: int) -> None:
        with self._lock:
            self._charts = self._bar("charts", total, "chart", 1)

    def charts_drawn(self, count: int) -> None:
        with self._lock:
            if self._charts is not None:
                self._charts.update(count)

    def close(self) -> None:
        with self._lock:
            for bar in (self._pages, self._charts):
                if bar is not None:
                    bar.close()
            self._pages = self._charts = None
