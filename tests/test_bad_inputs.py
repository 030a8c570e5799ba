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
