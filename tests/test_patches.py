"""The library patches (report/patches.py) change how fast a pack is made, never what it
is; and each can be turned off."""

from __future__ import annotations

import os
import subprocess
import sys

from report import patches, settings
from tests.conftest import EXAMPLE


def _files(out) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}


def test_with_every_patch_off_the_pack_is_the_same_bytes(built, tmp_path):
    out, _ = built
    env = {**os.environ, "CABINET_PACK_PATCHES": "off", "CABINET_PACK_CACHE": str(tmp_path / "c")}
    command = [sys.executable, "-m", "report", "build", str(EXAMPLE), "-o", str(tmp_path / "off"),
               "--layout", "cabinet", "--layout", "analysis"]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    ours, theirs = _files(tmp_path / "off"), _files(out)
    assert sorted(ours) == sorted(theirs) and len(ours) >= 4  # two PDFs, JSON, CSV
    for name in ours:
        assert ours[name] == theirs[name], name
    # it ran with them off: the shortcuts' marks are absent
    probe = ("import report.render, sys, reportlab.platypus.paragraph as p;"
             "from report import patches;"
             "print(type(p.uri_pat).__name__, type(sys.modules['PIL.Image']).__name__,"
             " [n for n in patches.PATCHES if patches.on(n)])")
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True)
    assert done.stdout.split(" ", 2) == ["Pattern", "module", "['whole-chart-fonts']\n"], \
        done.stderr


def test_patches_are_turned_off_all_at_once_or_by_name(monkeypatch):
    monkeypatch.setenv("CABINET_PACK_PATCHES", "off")
    assert settings.current().patches_off == {"all"}
    monkeypatch.setenv("CABINET_PACK_PATCHES", " -font-metrics, -kept-line-breaks,plain ")
    assert settings.current().patches_off == {"font-metrics", "kept-line-breaks"}
    monkeypatch.delenv("CABINET_PACK_PATCHES")
    assert settings.current().patches_off == frozenset()
    probe = ("from report import patches; "
             "print(sorted(n for n in patches.PATCHES if not patches.on(n)))")
    env = {**os.environ, "CABINET_PACK_PATCHES": "-font-metrics,-whole-chart-fonts"}
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True)
    assert done.stdout.strip() == "['font-metrics', 'whole-chart-fonts']", done.stderr


def test_every_patch_says_what_it_was_written_for_and_what_it_buys():
    for name, patch in patches.PATCHES.items():
        assert patch.written_for and any(c.isdigit() for c in patch.written_for), name
        assert "%" in patch.gain, name  # a measured gain, not a claim
