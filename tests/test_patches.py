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


def _pages(pdf) -> list[str]:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


def test_with_every_patch_off_the_pack_is_the_same_bytes(built, tmp_path):
    out, _ = built
    env = {**os.environ, "CABINET_PACK_PATCHES": "off", "CABINET_PACK_CACHE": str(tmp_path / "c")}
    command = [sys.executable, "-m", "report", "build", str(EXAMPLE), "-o", str(tmp_path / "off"),
               "--layout", "cabinet", "--layout", "analysis"]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    ours, theirs = _files(tmp_path / "off"), _files(out)
    assert sorted(ours) == sorted(theirs) and len(ours) >= 4  # two PDFs, JSON, CSV
    for name in ("example.pdf", "example.analysis.pdf"):  # what a reader sees, page by page
        off, on = _pages(tmp_path / "off" / name), _pages(out / name)
        assert len(off) == len(on) > 1, name
        for number, (page_off, page_on) in enumerate(zip(off, on), start=1):
            assert page_off == page_on, f"{name}, page {number}"
    for name in ours:
        assert ours[name] == theirs[name], name
    # it ran with them off
    probe = "from report import patches; print([n for n in patches.PATCHES if patches.on(n)])"
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stderr


def test_patches_are_turned_off_all_at_once_or_by_name(monkeypatch):
    monkeypatch.setenv("CABINET_PACK_PATCHES", "off")
    assert settings.current().patches_off == {"all"}
    monkeypatch.setenv("CABINET_PACK_PATCHES", " -kept-line-breaks, -other ,plain ")
    assert settings.current().patches_off == {"other", "kept-line-breaks"}
    monkeypatch.delenv("CABINET_PACK_PATCHES")
    assert settings.current().patches_off == frozenset()
    probe = ("from report import patches; "
             "print(sorted(n for n in patches.PATCHES if not patches.on(n)))")
    env = {**os.environ, "CABINET_PACK_PATCHES": "-kept-line-breaks"}
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True)
    assert done.stdout.strip() == "['kept-line-breaks']", done.stderr


def test_every_patch_says_what_it_was_written_for_and_what_it_buys():
    for name, patch in patches.PATCHES.items():
        assert patch.written_for and any(c.isdigit() for c in patch.written_for), name
        assert "%" in patch.gain, name  # a measured gain, not a claim


def test_a_patch_applies_only_to_the_library_versions_it_was_written_for():
    import fontTools
    import reportlab

    assert patches.written_for_these(f"reportlab {reportlab.Version}")
    assert patches.written_for_these(
        f"reportlab {reportlab.Version}, fontTools {fontTools.version}")
    assert not patches.written_for_these("reportlab 4.4.0")
    assert not patches.written_for_these(f"reportlab {reportlab.Version}, fontTools 4.0.0")
    for patch in patches.PATCHES.values():  # each written for what is installed, so it applies
        assert patches.written_for_these(patch.written_for), patch.written_for
