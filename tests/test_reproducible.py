"""Same inputs, same bytes: whichever worker drew the charts, cached or not."""

from __future__ import annotations

import hashlib

import pypdf

from report.cli import main
from tests.conftest import EXAMPLE


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_two_builds_are_byte_identical(tmp_path, built, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("CABINET_PACK_CACHE", raising=False)  # the charts drawn afresh here
    out = tmp_path / "again"
    assert main(["build", str(EXAMPLE), "-o", str(out), "--layout", "cabinet",
                 "--layout", "analysis"]) == 0  # a fresh chart cache: every chart redrawn
    for name in ("example.pdf", "example.analysis.pdf", "example.figures.json",
                 "example.scorecard.csv"):
        assert _digest(out / name) == _digest(built[0] / name), name
    assert main(["build", str(EXAMPLE), "-o", str(out), "--layout", "cabinet"]) == 0  # cached
    assert _digest(out / "example.pdf") == _digest(built[0] / "example.pdf")


def test_the_number_of_chart_workers_does_not_change_a_byte(tmp_path, built, monkeypatch):
    monkeypatch.delenv("CABINET_PACK_CACHE", raising=False)
    monkeypatch.setenv("CABINET_PACK_WORKERS", "1")
    assert main(["build", str(EXAMPLE), "-o", str(tmp_path), "--layout", "cabinet"]) == 0
    assert _digest(tmp_path / "example.pdf") == _digest(built[1])


def test_the_date_is_the_pack_month_or_source_date_epoch(tmp_path, built, monkeypatch):
    info = pypdf.PdfReader(str(built[1])).metadata
    assert info["/CreationDate"] == "D:20190401000000+00'00'"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1556668800")  # 2019-05-01T00:00:00Z
    assert main(["build", str(EXAMPLE), "-o", str(tmp_path), "--layout", "cabinet"]) == 0
    info = pypdf.PdfReader(str(tmp_path / "example.pdf")).metadata
    assert info["/CreationDate"] == info["/ModDate"] == "D:20190501000000+00'00'"


def test_draft_marks_the_file_name_and_pages_but_only_the_running_marking_in_the_text(
        tmp_path, built):
    assert main(["build", str(EXAMPLE), "-o", str(tmp_path), "--draft"]) == 0
    draft = tmp_path / "example.DRAFT.pdf"
    assert draft.exists() and not (tmp_path / "example.pdf").exists()
    final = pypdf.PdfReader(str(built[1]))
    marked = pypdf.PdfReader(str(draft))
    assert len(marked.pages) == len(final.pages)
    for page_final, page_marked in zip(final.pages[1:12], marked.pages[1:12]):  # after cover
        # the running header and footer say DRAFT; the rest of the text is unchanged
        text = page_marked.extract_text()
        assert "DRAFT \u00b7 OFFICIAL" in text
        assert text.replace("DRAFT \u00b7 OFFICIAL", "OFFICIAL") == page_final.extract_text()
    # the mark is drawn (as outlines) on every page: the pages look different
    import pypdfium2

    final_doc, draft_doc = pypdfium2.PdfDocument(str(built[1])), pypdfium2.PdfDocument(str(draft))
    for index in (0, 1, 8, len(final.pages) - 2):  # the last is the supplied appendix
        before = final_doc[index].render(scale=0.5, grayscale=True).to_pil().convert("L")
        after = draft_doc[index].render(scale=0.5, grayscale=True).to_pil().convert("L")
        changed = sum(1 for a, b in zip(before.tobytes(), after.tobytes()) if abs(a - b) > 8)
        assert changed > before.width * before.height * 0.01, f"page {index + 1}: no DRAFT mark"
    assert _digest(draft) != _digest(built[1])


def test_spawned_chart_workers_as_on_windows_give_the_same_bytes(tmp_path, built):
    """Windows starts worker processes by spawning, not forking: same pack, same bytes."""
    import os
    import subprocess
    import sys

    script = tmp_path / "spawn_build.py"
    script.write_text(
        "import multiprocessing, sys\n"
        "from report.cli import main\n"
        "if __name__ == '__main__':\n"
        "    multiprocessing.set_start_method('spawn', force=True)\n"
        f"    raise SystemExit(main(['build', {str(EXAMPLE)!r}, '-o', {str(tmp_path)!r}]))\n")
    env = {k: v for k, v in os.environ.items() if k != "CABINET_PACK_CACHE"}
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                            env=env)
    assert result.returncode == 0, result.stderr
    assert _digest(tmp_path / "example.pdf") == _digest(built[1])
