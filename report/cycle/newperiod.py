"""`cabinet-pack new-period`: next month's pack folder, made from this month's.

The months in pack.yaml move on by one; everything else is carried as it is — data and
benchmarks (the new rows are added by hand or from Excel), the period note, areas.yaml —
and each commentary file gains a first line saying it is last month's text, which the
build warns about and `status` lists until someone edits it. The summary label is a
style, so it follows the new data period without an edit. Nothing is overwritten: the
folder is written beside, under a temporary name, and renamed into place when complete.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
from dataclasses import dataclass, field
from pathlib import Path

from report.inputs.commentary import carried_from, carried_marker
from report.inputs.text import outside_problem, special_kind
from report.periods import MONTH_NAMES, Period
from report.problems import Collector, InputProblems, Problem
from report.transaction import OutputError, describe


@dataclass
class NewPeriod:
    folder: Path
    pack_month: Period
    data_period: Period
    carried: list[Path] = field(default_factory=list)  # commentary files marked as last month's
    statuses: int = 0  # officer-set statuses marked as last month's
    targets: int = 0  # single targets marked as last financial year's


def new_period(folder: Path, new_folder: Path | None = None) -> NewPeriod:
    """Write next month's folder; InputProblems (exit 2) when this month's pack.yaml cannot
    be read or the new folder exists already."""
    from report.inputs.load import read_pack_file

    collector = Collector(folder)
    if not folder.is_dir():
        collector.add(folder, None, "", "is not a folder (give this month's pack folder, "
                                        "e.g. inputs/example)")
        collector.raise_if_any()
    pack, doc = read_pack_file(folder, collector)
    collector.raise_if_any()
    from report.inputs.crosscheck import check_pack_month

    check_pack_month(pack, doc, collector)
    collector.raise_if_any()
    old_data = Period.parse(pack.data_period)
    pack_month, data_period = Period.parse(pack.pack_month).shift(1), old_data.shift(1)
    from report.inputs.schema import LAST_YEAR

    if pack_month.year > LAST_YEAR:  # the folder made would never validate
        collector.add(folder / "pack.yaml", doc.line_of(("pack_month",)), "pack_month",
                      f"the month after {Period.parse(pack.pack_month).long} is {pack_month.long}"
                      f", past the years a pack reports (to {LAST_YEAR}); is pack_month right?")
        collector.raise_if_any()
    target = new_folder if new_folder is not None else default_folder(folder, pack_month)
    _check_target(folder, target)
    sources = _pack_files(folder)
    made = _missing_parents(target)
    staging = target.with_name(f".{target.name}.partial")
    try:
        if staging.exists():
            shutil.rmtree(staging)  # left by an interrupted run of this command
        for parent in reversed(made):
            parent.mkdir()
        staging.mkdir()
        for source, relative in sources:
            _copy(source, staging / relative)
        raw = (staging / "pack.yaml").read_bytes()
        shown = (folder / "pack.yaml").as_posix()
        text = _set_month(raw.decode("utf-8-sig"), "pack_month", doc.line_of(("pack_month",)),
                          pack_month, shown)
        text = _set_month(text, "data_period", doc.line_of(("data_period",)), data_period,
                          shown)
        text, statuses = _mark_overrides(text, pack, doc, old_data)
        bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
        (staging / "pack.yaml").write_bytes(bom + text.encode("utf-8"))
        if old_data.fy_label != data_period.fy_label:
            targets = _mark_targets(staging / "measures.yaml", old_data.fy_label)
        else:
            targets = 0
        result = NewPeriod(target, pack_month, data_period, statuses=statuses, targets=targets)
        for path in sorted((staging / "commentary").glob("*.md")):
            if _mark_carried(path, old_data.long):
                result.carried.append(target / "commentary" / path.name)
        os.replace(staging, target)
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        for parent in made:  # the folders made for it, innermost first, if still empty
            with contextlib.suppress(OSError):
                parent.rmdir()
        if isinstance(exc, OSError):
            raise OutputError(describe(exc, target, "run new-period again")) from None
        raise
    return result


def _mark_overrides(text: str, pack, doc, old_data: Period) -> tuple[str, int]:
    """Each status an officer set, marked as carried from last month's data period (unless
    it is already: a status carried twice is still the older month's), so the build warns
    until someone confirms it."""
    lines = [doc.line_of(("status_overrides", measure_id, "status"))
             for measure_id, override in pack.status_overrides.items()
             if override.carried_from is None]
    marked = 0
    for line in sorted(lines, reverse=True):  # from the bottom up: the lines above stay put
        before = text
        text = _insert_after(text, line, "status", f'carried_from: "{old_data.code}"  # delete '
                             "this line once the status is confirmed for this month")
        marked += text != before
    return text, marked


def _mark_targets(path: Path, year: str) -> int:
    """In a new financial year, each single target marked as last year's, so the build
    warns until someone confirms it for this year (a profile names its periods itself)."""
    from report.inputs.load import measures_file

    measures, doc = measures_file(path.parent, Collector(path.parent))
    if measures is None:
        return 0  # copied as it is; validation names the line
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig")
    marked = 0
    # from the bottom up, so the lines above keep their numbers
    for index in reversed(range(len(measures.measures))):
        measure = measures.measures[index]
        if isinstance(measure.target, dict) or measure.target is None or \
                measure.target_carried_from is not None:
            continue
        before = text
        text = _insert_after(text, doc.line_of(("measures", index, "target")), "target",
                             f'target_carried_from: "{year}"  # delete this line once the '
                             "target is confirmed for this financial year")
        marked += text != before
    bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
    path.write_bytes(bom + text.encode("utf-8"))
    return marked


def _insert_after(text: str, line: int | None, key: str, entry: str) -> str:
    """`entry` on a line of its own after `key`'s (a one-line `key: value` in a block
    mapping), at the key's indent. A key written otherwise (in a {flow: mapping}) is left
    as it is: the carried value then goes unmarked rather than the file broken."""
    newline = _newline(text)
    lines = text.split(newline)
    if not line or line > len(lines):
        return text
    match = re.match(rf"^(\s*)(- )?{key}\s*:\s*[^\s{{\[|>&*!]", lines[line - 1])
    if match is None:
        return text
    indent = match[1] + ("  " if match[2] else "")
    lines.insert(line, indent + entry)
    return newline.join(lines)


def _check_target(folder: Path, target: Path) -> None:
    """The new folder must be new, outside this month's folder (or the next month would
    copy this one's copy), and somewhere a folder can be made."""
    if os.path.lexists(target):
        raise InputProblems([Problem(target.as_posix(), None, "", "already exists; new-period "
                                     "never overwrites a folder (name another: cabinet-pack "
                                     f"new-period {folder.as_posix()} NEW_FOLDER)")])
    try:
        inside = target.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError, ValueError):
        inside = False
    if inside:
        raise OutputError(f"cannot write {target.as_posix()}: it is inside this month's "
                          f"folder {folder.as_posix()}; name a folder beside it")
    for parent in target.parents:
        if os.path.lexists(parent) and not parent.is_dir():
            raise OutputError(f"cannot write {target.as_posix()}: {parent.as_posix()} is a "
                              "file, not a folder")


def _missing_parents(target: Path) -> list[Path]:
    """The folders above `target` that do not exist yet, innermost first."""
    missing = []
    for parent in target.parents:
        if os.path.lexists(parent):
            break
        missing.append(parent)
    return missing


def _pack_files(folder: Path) -> list[tuple[Path, Path]]:
    """Every file to carry: (where it is read, where it goes relative to the new folder),
    listed before anything is written. A link out of the pack folder is refused as a build
    refuses it (what it points to is never read), and so is a named pipe or device, which
    reading could hang on; each is a problem, all at once. A link to a file inside the
    pack folder is carried as a copy of that file."""
    collector = Collector(folder)
    found: list[tuple[Path, Path]] = []
    pending = [Path()]
    while pending:
        relative = pending.pop()
        try:
            entries = sorted(os.scandir(folder / relative), key=lambda e: e.name)
        except OSError as exc:
            collector.add(folder / relative, None, "", f"cannot be read ({exc.strerror})")
            continue
        for entry in entries:
            if _not_inputs(entry.name):
                continue
            path = folder / relative / entry.name
            outside = outside_problem(path, folder)
            if outside:
                collector.add(outside[0], None, "", outside[1])
            elif entry.is_symlink() and not entry.is_file():
                collector.add(path, None, "", "is a link to a folder; new-period copies only "
                                              "ordinary files and folders (put the folder "
                                              "itself there)")
            elif entry.is_dir(follow_symlinks=False):
                pending.append(relative / entry.name)
            elif entry.is_file():
                found.append((Path(os.path.realpath(path)), relative / entry.name))
            else:
                kind = special_kind(entry.stat(follow_symlinks=False).st_mode)
                collector.add(path, None, "", f"is {kind}, not a file (new-period copies only "
                                              "ordinary files; move it out of the pack folder)")
    collector.raise_if_any()
    return sorted(found, key=lambda pair: pair[1])


def _copy(source: Path, target: Path) -> None:
    """One ordinary file, opened without waiting (a file swapped for a named pipe since it
    was listed cannot hang the copy)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        handle = os.open(source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) |
                         getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:  # this month's file, not the new folder, is at fault
        raise InputProblems([Problem(source.as_posix(), None, "", "cannot be read "
                                     f"({exc.strerror}); new-period copies every file")]) \
            from None
    with os.fdopen(handle, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            raise InputProblems([Problem(source.as_posix(), None, "", "is not an ordinary "
                                         "file (new-period copies only ordinary files)")])
        with open(target, "xb") as copy:
            shutil.copyfileobj(stream, copy)
    shutil.copystat(source, target, follow_symlinks=False)


def _not_inputs(name: str) -> bool:
    """Hidden files and folders (a chart cache) and last month's data-entry workbook."""
    return name.startswith(".") or name.lower().startswith("data-template")


def _newline(text: str) -> str:
    """How the file ends its lines: Windows' CR LF, the old Mac's CR alone (YAML reads
    both), or LF."""
    if "\r\n" in text:
        return "\r\n"
    return "\r" if "\r" in text and "\n" not in text else "\n"


def _set_month(text: str, key: str, line: int | None, period: Period, shown: str) -> str:
    """The YAML text with `key`'s value replaced, on its own line, keeping its quotes and
    any comment after it (`shown`: the file, as messages name it)."""
    newline = _newline(text)
    lines = text.split(newline)
    pattern = re.compile(rf"^(\s*{key}\s*:\s*)([\"']?)\d{{4}}-\d{{2}}\2")
    candidates = ([line - 1] if line else []) + list(range(len(lines)))
    for index in candidates:
        if 0 <= index < len(lines) and pattern.match(lines[index]):
            lines[index] = pattern.sub(lambda m: f"{m[1]}{m[2]}{period.code}{m[2]}",
                                       lines[index], count=1)
            return newline.join(lines)
    raise InputProblems([Problem(shown, line, key, 'is not written as "YYYY-MM" on a '
                                 "line of its own, so new-period cannot move it on (write it "
                                 f'like {key}: "2019-04")')])


def _mark_carried(path: Path, label: str) -> bool:
    """Give a commentary file the carried-forward first line, unless it has one already
    (text carried twice is still the older month's)."""
    raw = path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False  # copied as it is; validation names the line
    if carried_from(text) is not None:
        return True
    newline = "\r\n" if "\r\n" in text else "\n"
    path.write_bytes(("\ufeff" if bom else "").encode() +
                     (carried_marker(label) + newline + text).encode("utf-8"))
    return True


_MONTH_WORD = re.compile(
    r"(?<![A-Za-z])(?P<name>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
    r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![A-Za-z])"
    r"(?P<sep>[-_ .]?)(?P<year>\d{4}|\d{2})?(?!\d)", re.IGNORECASE)
_YEAR_MONTH = re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<month>0[1-9]|1[0-2])(?!\d)")


def default_folder(folder: Path, pack_month: Period) -> Path:
    """Beside this month's folder: its name with the month moved on where it holds one
    (`may-2019` -> `june-2019`, `2019-05` -> `2019-06`, `Apr19` -> `May19`), else
    `<folder>-<yyyy-mm>` of the new pack month."""
    beside = folder if folder.name not in ("", "..") else folder.resolve()
    name = beside.name
    if _YEAR_MONTH.search(name):
        def shift(m: re.Match) -> str:
            return Period.month(int(m["year"]), int(m["month"])).shift(1).code
        return beside.with_name(_YEAR_MONTH.sub(shift, name, count=1))
    match = _MONTH_WORD.search(name)
    if match:
        return beside.with_name(name[:match.start()] + _next_month_word(match)
                                + name[match.end():])
    return beside.with_name(f"{name}-{pack_month.code}")


def _next_month_word(match: re.Match) -> str:
    word = match["name"]
    number = next(i for i, n in enumerate(MONTH_NAMES, 1) if n.lower().startswith(word[:3].lower()))
    following = MONTH_NAMES[number % 12]
    if (len(word) == 3 and word.lower() != "may") or word.lower() == "sept":
        following = following[:3]
    if word.isupper():
        following = following.upper()
    elif word.islower():
        following = following.lower()
    year = match["year"] or ""
    if year and number == 12:
        year = str(int(year) + 1).zfill(len(year))[-len(year):]
    return following + match["sep"] + year
