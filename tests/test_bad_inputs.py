"""Each case in tests/bad_inputs/ breaks a copy of the example pack and lists, exactly,
every message the user must see. The CLI must exit 2 and write nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from report.cli import main
from report.inputs.load import load_pack
from report.problems import InputProblems

CASES = sorted((Path(__file__).parent / "bad_inputs").glob("*.yaml"))


def apply_case(case: dict, pack: Path) -> None:
    """Edit the copied pack as the case says: replace text, append, write or delete files."""
    for name, edit in (case.get("files") or {}).items():
        path = pack / name
        if "content" in edit:
            path.parent.mkdir(parents=True, exist_ok=True)
            data = edit["content"]
            path.write_bytes(data.encode("utf-8") if isinstance(data, str) else bytes(data))
            continue
        text = path.read_text(encoding="utf-8")
        for old, new in edit.get("replace", []):
            assert old in text, f"case edits {name}: {old!r} not found"
            text = text.replace(old, new, 1)
        text += edit.get("append", "")
        path.write_text(text, encoding="utf-8")
    for name in case.get("delete", []):
        target = pack / name
        if target.is_dir():
            import shutil

            shutil.rmtree(target)
        else:
            target.unlink()


def test_there_are_enough_cases():
    assert len(CASES) >= 25


@pytest.mark.no_pdf  # the build is refused: it writes nothing
@pytest.mark.parametrize("case_path", CASES, ids=[c.stem for c in CASES])
def test_bad_input_case(case_path, pack_copy, capsys):
    case = yaml.safe_load(case_path.read_text(encoding="utf-8"))
    apply_case(case, pack_copy)
    with pytest.raises(InputProblems) as raised:
        load_pack(pack_copy)
    got = [str(p) for p in raised.value.problems]
    assert got == case["expect"]

    out = Path("out")
    status = main(["build", str(pack_copy), "-o", str(out)])
    assert status == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    for line in case["expect"]:
        assert line in err
    assert not out.exists() or not any(out.iterdir())


def test_a_word_too_long_to_print_is_named_with_its_file_line_and_field(pack_copy, capsys):
    """A 1,000-character word in the period note would fill every scorecard page it is
    carried to: validate names it, and every other, before anything is laid out."""
    def edit(name: str, old: str, new: str) -> None:
        path = pack_copy / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    edit("pack.yaml", "  Figures are for", "  " + "x" * 1000 + " Figures are for")
    edit("measures.yaml", "title: Daily average", "title: " + "y" * 201)
    edit("commentary/reviews.md", "## Commentary\n", "## Commentary\n\n" + "z" * 201 + "\n")
    edit("benchmarks/quartiles.csv", "dtoc,2017/18,ASCOF,", "dtoc,2017/18," + "A" * 300 + ",")
    edit("areas.yaml", "strap_line: ", "strap_line: " + "s" * 201 + " ")
    assert main(["validate", str(pack_copy)]) == 2
    err = capsys.readouterr().err.splitlines()
    tail = "too long to print; put spaces in it (a word may have at most 200 characters)"
    line = (pack_copy / "commentary" / "reviews.md").read_text().split("\n").index("z" * 201) + 1
    assert err == [
        "The inputs have 5 problems.",
        f"  pack/areas.yaml:3: strap_line: has a word of 201 characters ('{'s' * 20}…'), {tail}",
        ("  pack/benchmarks/quartiles.csv:2: source: has a word of 300 characters "
        f"('{'A' * 20}…'), {tail}"),
        (f"  pack/commentary/reviews.md:{line}: text: has a word of 201 characters "
        f"('{'z' * 20}…'), {tail}"),
        (f"  pack/measures.yaml:21: measures[dtoc].title: has a word of 201 characters "
        f"('{'y' * 20}…'), {tail}"),
        (f"  pack/pack.yaml:11: period_note: has a word of 1,000 characters ('{'x' * 20}…'), "
        f"{tail}")]
    # 200 characters is a word still (a long web address): it lays out (tests/hard_inputs)
    edit("pack.yaml", "x" * 1000, "x" * 200)
    assert not any("pack.yaml" in p for p in _problems(pack_copy))
    # 5,000 is more than a period note may hold at all
    edit("pack.yaml", "x" * 200, "x" * 5000)
    assert "pack/pack.yaml:10: period_note: is too long (at most 1500 characters)" in \
        _problems(pack_copy)


def _problems(pack: Path) -> list[str]:
    try:
        load_pack(pack)
    except InputProblems as exc:
        return [str(p) for p in exc.problems]
    return []
