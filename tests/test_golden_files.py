"""The approval mechanism of the golden files (tests/golden_files.py): approving writes what
changed and then compares as always, so no golden test passes only because APPROVE is set."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from tests import golden_files
from tests.golden_files import check_image, check_text


@pytest.fixture
def golden(tmp_path, monkeypatch) -> Path:
    """An empty golden folder in place of tests/golden/, not approving."""
    folder = tmp_path / "golden"
    (folder / "text").mkdir(parents=True)
    monkeypatch.setattr(golden_files, "GOLDEN", folder)
    monkeypatch.delenv("APPROVE", raising=False)
    monkeypatch.delenv("APPROVE_IMAGES", raising=False)
    return folder


def page(shade: int) -> Image.Image:
    """A small greyscale 'page': white, with one grey block the size of a few tiles."""
    image = Image.new("L", (64, 48), 255)
    image.paste(shade, (16, 16, 48, 32))
    return image


def test_a_changed_text_fails_and_is_left_as_approved(golden):
    (golden / "text" / "pack.txt").write_text("Page 1 of 47\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="run `make approve`") as failed:
        check_text("pack.txt", "Page 1 of 48\n")
    assert "-Page 1 of 47\n+Page 1 of 48" in str(failed.value)
    assert (golden / "text" / "pack.txt").read_text(encoding="utf-8") == "Page 1 of 47\n"


def test_approving_writes_a_changed_text_then_compares_it(golden, monkeypatch, capsys):
    (golden / "text" / "pack.txt").write_text("Page 1 of 47\n", encoding="utf-8")
    monkeypatch.setenv("APPROVE", "1")
    check_text("pack.txt", "Page 1 of 48\n")
    check_text("new.txt", "first approval\n")
    assert (golden / "text" / "pack.txt").read_text(encoding="utf-8") == "Page 1 of 48\n"
    assert (golden / "text" / "new.txt").read_text(encoding="utf-8") == "first approval\n"
    assert "+Page 1 of 48" in capsys.readouterr().out  # the diff, shown as it is approved


def test_approving_leaves_an_unchanged_text_alone(golden, monkeypatch):
    path = golden / "text" / "pack.txt"
    path.write_text("Page 1 of 47\n", encoding="utf-8")
    monkeypatch.setenv("APPROVE", "1")
    monkeypatch.setattr(Path, "write_text", lambda *args, **kwargs: pytest.fail("written"))
    check_text("pack.txt", "Page 1 of 47\n")


def test_approving_cannot_pass_a_text_it_did_not_write(golden, monkeypatch):
    (golden / "text" / "pack.txt").write_text("Page 1 of 47\n", encoding="utf-8")
    monkeypatch.setenv("APPROVE", "1")
    monkeypatch.setattr(Path, "write_text", lambda *args, **kwargs: 0)  # a write that is lost
    with pytest.raises(AssertionError, match="differs from the approved copy"):
        check_text("pack.txt", "Page 1 of 48\n")
    with pytest.raises(AssertionError, match="differs from the approved copy"):
        check_text("never-written.txt", "first approval\n")


def test_a_changed_image_fails_and_is_saved_to_look_at(golden, tmp_path):
    page(200).save(golden / "cover.png")
    failed = tmp_path / "failed"
    failed.mkdir()
    with pytest.raises(AssertionError, match="cover looks different near pixel"):
        check_image("cover", page(100), failed)
    assert (failed / "cover.png").exists()
    check_image("cover", page(200), failed)  # the same page passes


def test_approving_writes_a_changed_image_then_compares_it(golden, tmp_path, monkeypatch):
    page(200).save(golden / "cover.png")
    for variable in ("APPROVE", "APPROVE_IMAGES"):
        monkeypatch.setenv(variable, "1")
        check_image("cover", page(100 if variable == "APPROVE" else 50), tmp_path)
        monkeypatch.delenv(variable)
        check_image("cover", page(100 if variable == "APPROVE" else 50), tmp_path)
    with pytest.raises(AssertionError):
        check_image("cover", page(200), tmp_path)  # no longer what was approved


def test_approving_cannot_pass_an_image_it_did_not_write(golden, tmp_path, monkeypatch):
    page(200).save(golden / "cover.png")
    monkeypatch.setenv("APPROVE", "1")
    monkeypatch.setattr(Image.Image, "save", lambda *args, **kwargs: None)  # lost
    with pytest.raises(AssertionError, match="cover looks different"):
        check_image("cover", page(100), tmp_path)
    with pytest.raises(AssertionError, match="no approved image"):
        check_image("scorecard", page(100), tmp_path)
