"""Ctrl-C, wherever it lands, stops a build before its outputs are in place.

Some library code catches every exception, so a KeyboardInterrupt raised inside it can be
swallowed or turned into another error. The handler therefore also sets a flag: the build
checks it before committing its outputs, and the command reads it to say "interrupted"
rather than "internal error". While the outputs are being moved into place the interrupt is
only recorded, so the move finishes (or is undone) whole, and one pressed after
the outputs are in place is too late to stop anything.
"""

from __future__ import annotations

import signal
import sys
import threading
from contextlib import contextmanager

_state = {"requested": False, "deferred": False}


def _handler(signum, frame) -> None:
    _state["requested"] = True
    if not _state["deferred"] and not _importing(frame):
        raise KeyboardInterrupt


def _importing(frame) -> bool:
    """True while a module is being imported: an exception raised into a native module's
    start-up can make it abort with a panic and a traceback, so the Ctrl-C is only recorded
    there; the build stops at its next check, before its outputs go into place."""
    while frame is not None:
        if frame.f_code.co_filename.startswith("<frozen importlib"):
            return True
        frame = frame.f_back
    return False


@contextmanager
def watching():
    """Install the handler for one command (main thread only), restoring the previous."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _state.update(requested=False, deferred=False)
    previous = signal.signal(signal.SIGINT, _handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)  # a build's outputs stay held: see `install`


def install() -> None:
    """For the command's whole life: a Ctrl-C before a command starts raises (and is said
    in one line); one after a build's outputs are in place is only recorded.

    A Ctrl-C that lands while Python is finalising an object (a `__del__`, a weak
    reference's callback, the garbage collector) cannot stop anything from there: Python
    would print it as an "Exception ignored" traceback and go on. It is recorded all the
    same, and the build stops before its outputs go into place; so it goes unprinted."""
    signal.signal(signal.SIGINT, _handler)
    previous = sys.unraisablehook

    def unraisable(report) -> None:
        if report.exc_type is not None and issubclass(report.exc_type, KeyboardInterrupt):
            return
        previous(report)

    sys.unraisablehook = unraisable


def hold() -> None:
    """From now until the command ends, a Ctrl-C is only recorded (see `requested`): the
    outputs are being moved into place, which must finish or be undone whole."""
    _state["deferred"] = True


def requested() -> bool:
    return _state["requested"]


def check() -> None:
    if _state["requested"]:
        raise KeyboardInterrupt
