"""`cabinet-pack collect`: the owners' returned request documents back into
`commentary/<measure>.md`.

Every document is read and checked before anything is written; any problem (not a request,
made for another month, an unknown measure, a section box deleted, text too long, a
measure returned in two documents) stops the collect with all of them listed, and nothing
is written. Otherwise the commentary folder and the record of what came back
(`.collected/` in the pack folder) are replaced together, as a build's outputs are
(report/transaction.py), keeping the text each changed file had before for one undo
(`collect FOLDER --undo`: the last collect that changed a file). A measure whose text
came back changed loses new-period's carried-forward mark: the file is the owner's text
now. One left as it was keeps it.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from report.cycle import wordtags
from report.cycle.markdown import Line, file_markdown, lines_of, section_markdown
from report.cycle.wordread import NotAWordDocument, Returned, read_returned
from report.inputs.schema import IDENTIFIER
from report.periods import Period
from report.problems import Collector, InputProblems, Problem

RECORD = ".collected"  # in the pack folder: hidden, so new-period does not carry it
_RECORD_FILE = "record.json"
_UNDO_FILE = "undo.json"
_UNDO_FOLDER = "before"

UPDATED, UNCHANGED, COLLECTED_BEFORE = "updated", "unchanged", "as collected before"


@dataclass
class Outcome:
    measure: str
    file: Path  # the document it came back in
    state: str  # UPDATED, UNCHANGED, COLLECTED_BEFORE
    sections: list[str] = field(default_factory=list)  # the headings that changed
    carried: bool = False  # the file still has new-period's mark (text not updated)
    left_out: dict[str, int] = field(default_factory=dict)
    emptied: list[str] = field(default_factory=list)  # headings whose box came back empty


@dataclass
class Collected:
    outcomes: list[Outcome]
    written: list[Path]  # commentary files written
    returned: list[Returned]
    data_period: Period


_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%d/%m/%Y", "%d/%m/%y", "%d.%m.%Y",
                 "%d-%m-%Y", "%B %d %Y", "%b %d %Y", "%A %d %B %Y", "%a %d %b %Y")


def written_date(text: str) -> date | None:
    """A date as Word's date box stores it (2019-05-03) or as people type it in Britain
    ("3 May 2019", "3rd May 2019", "03/05/2019", "Friday 3 May 2019"); None for anything
    else."""
    from datetime import datetime

    words = re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", " ".join(text.replace(",", " ").split()))
    for form in _DATE_FORMATS:
        try:
            return datetime.strptime(words, form).date()
        except ValueError:
            continue
    return None


def emptied_boxes(collected: Collected) -> list[str]:
    """A measure page's Commentary box an owner sent back empty: the page then prints no
    commentary, which may be meant or a slip (an empty summary part, which says nothing
    of that part this month, is only marked "emptied" in what collect prints)."""
    from report.content import COMMENTARY_HEADING
    from report.problems import printable

    return [printable(
        f"warning: {outcome.file.name}: {outcome.measure}: the '{COMMENTARY_HEADING}' box "
        "came back empty, so its measure page prints no commentary; if that was not meant, "
        "ask its owner (cabinet-pack collect --undo puts the text back)")
        for outcome in collected.outcomes
        if outcome.state == UPDATED and COMMENTARY_HEADING in outcome.emptied]


def sign_off_doubts(collected: Collected, today: date) -> list[str]:
    """What is odd about a document's sign-off date, to check with its owner (the record
    keeps the date as written): words that are not a date, a date after today, or one
    before the month the pack's data are to had begun (the request came after it)."""
    from report.problems import printable

    doubts = []
    begun = date(collected.data_period.year, collected.data_period.month_number, 1)
    for document in collected.returned:
        when = document.signed_on
        if not document.signed_by or not when:
            continue
        signed = written_date(when)
        odd = ("cannot be read as a date" if signed is None else
               "is after today" if signed > today else
               f"is before {collected.data_period.long} began" if signed < begun else None)
        if odd:
            doubts.append(printable(
                f"warning: {document.path.name}: the sign-off date '{when}' {odd}; the record "
                "keeps it as written: check it with whoever signed it off"))
    return doubts


# --- reading and checking ------------------------------------------------------------
def collect(folder: Path, files: list[Path]) -> Collected:
    """Read every returned document, check it against the pack, then write the changed
    commentary files as one transaction (InputProblems lists every problem; nothing is
    written)."""
    from report.inputs.commentary import carried_from

    inputs = _pack(folder)
    _check_commentary_folder(folder / "commentary")
    data_period = Period.parse(inputs.pack.data_period)
    known = {m.id for m in inputs.measures.measures}
    collector = Collector(folder)
    returned = _read_all(files, collector)
    first_seen: dict[str, Path] = {}
    outcomes: list[Outcome] = []
    new_texts: dict[str, str] = {}
    for document in returned:
        if not _for_this_pack(document, data_period, collector):
            continue
        for measure in document.measures.values():
            measure.id = _resolved(measure.id, known)
            if not _measure_ok(document, measure, known, first_seen, collector):
                continue
            current = _current_text(folder, measure.id)
            outcome, text = _outcome(folder, document, measure, current, collector)
            outcome.carried = carried_from(current) is not None
            outcomes.append(outcome)
            if text is not None:
                new_texts[measure.id] = text
    if collector.problems:  # in the order the documents were named, each once
        raise InputProblems(list(dict.fromkeys(collector.problems)))
    written = _write(folder, new_texts, returned, outcomes, data_period)
    for outcome in outcomes:
        if outcome.state == UPDATED:
            outcome.carried = False
    return Collected(outcomes, written, returned, data_period)


def _resolved(measure_id: str, known: set[str]) -> str:
    """A measure named by its id's digest (a long id, in a bookmark) by its id."""
    if not measure_id.startswith("#"):
        return measure_id
    return next((k for k in known if wordtags.id_digest(k) == measure_id[1:]), measure_id[1:])


def _pack(folder: Path):
    from report.inputs.load import gather_pack

    inputs, collector = gather_pack(folder)
    if inputs is None:
        collector.raise_if_any()
    return inputs


def _read_all(files: list[Path], collector: Collector) -> list[Returned]:
    returned = []
    seen: set[Path] = set()
    for path in files:
        shown = path.as_posix()
        if not path.is_file():
            what = ("is a folder" if path.is_dir() else
                    "is a device or a pipe, not a file" if path.exists() else
                    "does not exist")
            collector.problems.append(Problem(shown, None, "", f"{what} (give the returned "
                                              "Word documents, e.g. returned/*.docx)"))
            continue
        if path.resolve() in seen:
            continue  # named twice on the command line: one document
        seen.add(path.resolve())
        try:
            returned.append(read_returned(path))
        except NotAWordDocument as exc:
            collector.problems.append(Problem(shown, None, "", exc.said or (
                "is not a Word document (.docx); open it in Word and save it as 'Word "
                "Document (*.docx)', then collect that")))
    return returned


def _for_this_pack(document: Returned, data_period: Period, collector: Collector) -> bool:
    shown = document.path.as_posix()
    if document.period is None:
        collector.problems.append(Problem(shown, None, "", "is not a commentary request "
                                          "made by cabinet-pack requests (its request "
                                          "reference is missing); collect the document the "
                                          "owner was sent, with their text in it"))
        return False
    if document.period != data_period.code:
        try:
            made_for = Period.parse(document.period).long
        except ValueError:
            made_for = document.period
        collector.problems.append(Problem(shown, None, "", f"was made for the pack with data "
                                          f"to {made_for}, but this pack's data are to "
                                          f"{data_period.long}; collect it into that month's "
                                          "folder, or send the owner this month's request"))
        return False
    return True


def _measure_ok(document: Returned, measure, known: set[str], first_seen: dict[str, Path],
                collector: Collector) -> bool:
    shown = document.path.as_posix()
    if measure.id not in known:
        collector.problems.append(Problem(shown, None, measure.id, "measures.yaml has no "
                                          "measure with this id (was it renamed? send the "
                                          "owner this month's request)"))
        return False
    ok = True
    for heading in measure.twice:
        collector.problems.append(Problem(shown, None, measure.id, f"the '{heading}' box "
                                          "appears twice (keep one, with all the text in it)"))
        ok = False
    for heading in measure.asked:
        if heading not in measure.sections:
            collector.problems.append(Problem(shown, None, measure.id, f"the '{heading}' box "
                                              "was deleted; every box must come back, even "
                                              "empty (delete the text inside a box, not the "
                                              "box: put it back from the request as sent)"))
            ok = False
    if measure.id in first_seen:
        other = first_seen[measure.id].as_posix()
        collector.problems.append(Problem(shown, None, measure.id, f"came back in two "
                                          f"documents, {other} and {shown}; collect the one "
                                          "with the text to keep"))
        return False
    first_seen[measure.id] = document.path
    return ok


def _current_text(folder: Path, measure_id: str) -> str:
    path = folder / "commentary" / f"{measure_id}.md"
    try:
        return path.read_bytes().decode("utf-8-sig") if path.is_file() else ""
    except (OSError, UnicodeDecodeError):
        return ""


def _current_sections(folder: Path, measure_id: str) -> dict[str, list[Line]]:
    from report.inputs.commentary import parse_commentary

    path = folder / "commentary" / f"{measure_id}.md"
    if not path.is_file():
        return {}
    parsed = parse_commentary(path, Collector(folder))  # its problems: validate names them
    return {heading: lines_of(blocks) for heading, blocks in parsed.items()}


def _outcome(folder: Path, document: Returned, measure, current: str,
             collector: Collector) -> tuple[Outcome, str | None]:
    """What came back for one measure, and the file's new text if it changed."""
    outcome = Outcome(measure.id, document.path, UNCHANGED, left_out=dict(measure.left_out))
    sections = _current_sections(folder, measure.id)
    for heading, section in measure.sections.items():
        if wordtags.digest(section_markdown(section.lines)) != section.filled_digest:
            outcome.sections.append(heading)
            if not section.lines:
                outcome.emptied.append(heading)
        sections[heading] = section.lines
    found = len(collector.problems)
    _check_length(document, measure.id, sections, collector)
    if not outcome.sections:
        return outcome, None
    text = file_markdown(sections)
    if len(collector.problems) == found:
        _check_as_read(document, measure.id, text, collector)
    if _without_mark(current) == text:
        outcome.state = COLLECTED_BEFORE
        return outcome, None
    outcome.state = UPDATED
    return outcome, text


def _without_mark(text: str) -> str:
    from report.inputs.commentary import carried_from

    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    if carried_from(text) is not None:
        text = text.split("\n", 1)[1] if "\n" in text else ""
    return text


def _check_length(document: Returned, measure_id: str, sections: dict[str, list[Line]],
                  collector: Collector) -> None:
    from report.inputs.commentary import MAX_FILE_CHARACTERS, MAX_PARAGRAPH_CHARACTERS

    shown = document.path.as_posix()
    for heading, lines in sections.items():
        longest = max((len(line.text) for line in lines), default=0)
        if longest > MAX_PARAGRAPH_CHARACTERS:
            collector.problems.append(Problem(
                shown, None, measure_id, f"'{heading}' has a paragraph of {longest:,} "
                f"characters, too long to lay out (at most {MAX_PARAGRAPH_CHARACTERS:,}; "
                "break it into paragraphs)"))
    total = len(file_markdown(sections))
    if total > MAX_FILE_CHARACTERS:
        collector.problems.append(Problem(
            shown, None, measure_id, f"the commentary is {total:,} characters long, more "
            f"than a pack can carry (at most {MAX_FILE_CHARACTERS:,}, about 50,000 words; "
            "move the detail into an appendix)"))


def _check_as_read(document: Returned, measure_id: str, text: str,
                   collector: Collector) -> None:
    """What collect would write is checked as the pack reads it (a word too long to print,
    a list nested too deep, ...): said of the returned document, so that nothing is
    written that validate and build then refuse."""
    from report.inputs.commentary import parse_commentary_text

    checked = Collector(Path("."))
    parse_commentary_text(Path(f"{measure_id}.md"), text, checked)
    for problem in dict.fromkeys(p.message for p in checked.problems):
        collector.problems.append(Problem(document.path.as_posix(), None, measure_id,
                                          problem))


# --- writing -----------------------------------------------------------------------------
def _write(folder: Path, new_texts: dict[str, str], returned: list[Returned],
           outcomes: list[Outcome], data_period: Period) -> list[Path]:
    """The commentary folder with the changed files, and the record, replaced together;
    the files' text before is kept in the record for one undo."""
    record = read_record(folder)
    entries = dict(record.get("measures", {})) if record.get("period") == data_period.code \
        else {}
    by_path = {d.path: d for d in returned}
    for outcome in outcomes:
        document = by_path[outcome.file]
        entries[outcome.measure] = {"file": outcome.file.name, "made_for": document.period,
                                    "signed_by": document.signed_by,
                                    "signed_on": document.signed_on, "state": outcome.state}
    new_record = {"period": data_period.code, "measures": entries}
    if not new_texts:  # nothing to undo in this collect: the last one's undo stays
        folder_kept = folder / RECORD / _UNDO_FOLDER
        kept = {f"{_UNDO_FOLDER}/{p.name}": data for p in sorted(folder_kept.glob("*.md"))
                if (data := _kept_bytes(folder, p)) is not None} if folder_kept.is_dir() else {}
        _replace(folder, {}, set(), new_record, read_record(folder, _UNDO_FILE) or None, kept)
        return []
    commentary = folder / "commentary"
    before = {m: _current_bytes(commentary / f"{m}.md") for m in new_texts}
    undo = {"record": record or None,
            "written": {m: _digest(t.encode("utf-8")) for m, t in new_texts.items()},
            "created": sorted(m for m, b in before.items() if b is None)}
    files = {f"{m}.md": text.encode("utf-8") for m, text in new_texts.items()}
    kept = {f"{_UNDO_FOLDER}/{m}.md": b for m, b in before.items() if b is not None}
    _replace(folder, files, set(), new_record, undo, kept)
    return [commentary / name for name in sorted(files)]


def _current_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes() if path.is_file() else None
    except OSError:
        return None


def _kept_bytes(folder: Path, path: Path) -> bytes | None:
    """A commentary file's earlier text kept for undo: an ordinary file inside the pack
    folder, else None (a link out of it, or a pipe, is never read)."""
    from report.inputs.text import read_bytes

    return read_bytes(path, Collector(folder), missing=None)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _replace(folder: Path, files: dict[str, bytes], removed: set[str], record: dict | None,
             undo: dict | None, kept: dict[str, bytes]) -> None:
    """Replace the commentary folder (its files, with `files` written over and `removed`
    left out) and `.collected/` together: both or neither."""
    from report.transaction import OutputError, OutputSet

    commentary = folder / "commentary"
    outputs = OutputSet(folder, again="collect again")
    try:
        if commentary.is_dir():
            for path in sorted(commentary.iterdir()):
                if path.name not in files and path.name not in removed:
                    outputs.add_bytes(f"commentary/{path.name}", _read(path))
        for name, data in files.items():
            outputs.add_bytes(f"commentary/{name}", data)
        outputs.replace("commentary")
        if record is not None:
            outputs.add_text(f"{RECORD}/{_RECORD_FILE}", json.dumps(record, indent=1))
        if undo is not None:
            outputs.add_text(f"{RECORD}/{_UNDO_FILE}", json.dumps(undo, indent=1))
        for name, data in kept.items():
            outputs.add_bytes(f"{RECORD}/{name}", data)
        outputs.replace(RECORD)
        outputs.commit()
    except OSError as exc:
        from report.transaction import describe

        raise OutputError(describe(exc, commentary, "collect again")) from None
    finally:
        outputs.discard()


def _read(path: Path) -> bytes:
    from report.transaction import OutputError, describe

    try:
        return path.read_bytes()
    except OSError as exc:
        raise OutputError(describe(exc, path, "collect again").replace("cannot write",
                                                                        "cannot read")) from None


def _check_commentary_folder(commentary: Path) -> None:
    """Only ordinary files are carried over when the folder is replaced: anything else in
    it (a folder, a link) is the user's to move first."""
    if not commentary.is_dir():
        return
    others = [p for p in sorted(commentary.iterdir()) if p.is_symlink() or not p.is_file()]
    if others:
        raise InputProblems([Problem(p.as_posix(), None, "", "is not an ordinary commentary "
                                     "file (a folder or a link); collect replaces the "
                                     "folder's files, so move it out (or copy the file itself "
                                     "in), then collect again")
                             for p in others])


def read_record(folder: Path, name: str = _RECORD_FILE) -> dict:
    """What the collects of this pack recorded ({} when none). It is the program's own
    file, but it sits in the user's folder: InputProblems, naming it, when it is not one
    collect wrote (a link out of the pack, a pipe or a folder, not JSON, or another shape:
    hand-edited, or another program's), rather than reading it anyway."""
    from report.inputs.text import read_text

    path = folder / RECORD / name
    collector = Collector(folder)
    text = read_text(path, collector, missing=None)
    wrong = collector.problems[0].message if collector.problems else None
    if text is None and wrong is None:
        return {}  # none yet
    if wrong is None:
        try:
            record = json.loads(text)
        except ValueError as exc:
            wrong = f"is not JSON ({exc})"
        else:
            wrong = (_record_shape if name == _RECORD_FILE else _undo_shape)(record)
            if wrong is None:
                return record
    lost = ("the returns recorded this month are then forgotten: status shows them as not "
            "back" if name == _RECORD_FILE else "the last collect can then not be undone")
    reason = re.split(r" \(save |; copy ", wrong)[0]  # the reader's advice is for inputs
    raise InputProblems([Problem(path.as_posix(), None, "", (
        f"is not the record collect keeps ({reason}); collect writes it, so remove it "
        f"({lost}) and collect again"))])


_MEASURE_ID = re.compile(IDENTIFIER)


def _record_shape(record) -> str | None:
    """What is wrong with `record` as collect writes it ({"period": "2019-03", "measures":
    {id: {"file": ..., "made_for": ..., "signed_by": ..., "signed_on": ..., "state": ...}}}),
    or None."""
    if not isinstance(record, dict) or not isinstance(record.get("period"), str):
        return "has no period"
    measures = record.get("measures")
    if not isinstance(measures, dict):
        return "has no measures"
    for measure, entry in measures.items():
        if not _MEASURE_ID.fullmatch(measure):
            return f"names a measure '{measure[:60]}' that is not a measure id"
        if not isinstance(entry, dict) or not all(
                isinstance(value, str | None) for value in entry.values()):
            return f"has an entry for {measure} that is not one collect writes"
    return None


def _undo_shape(plan) -> str | None:
    """What is wrong with `plan` as collect writes it ({"record": record or null,
    "written": {id: sha-256}, "created": [id, ...]}), or None. Its ids name commentary
    files, so each must be a measure id: never a path."""
    if not isinstance(plan, dict) or not isinstance(plan.get("written"), dict):
        return "says nothing was written"
    created = plan.get("created", [])
    ids = list(plan["written"]) + (created if isinstance(created, list) else [None])
    if not all(isinstance(i, str) and _MEASURE_ID.fullmatch(i) for i in ids):
        return "names a commentary file that is not a measure's"
    if not all(isinstance(d, str) and re.fullmatch(r"[0-9a-f]{64}", d)
               for d in plan["written"].values()):
        return "has a file's digest that is not one collect writes"
    record = plan.get("record")
    return None if record is None else _record_shape(record)


# --- undo ----------------------------------------------------------------------------------
def undo(folder: Path) -> list[Path]:
    """Put back the commentary files the last collect changed, and the record before it.
    InputProblems when there is nothing to undo, or a file was edited since."""
    plan = read_record(folder, _UNDO_FILE)
    if not plan:
        raise InputProblems([Problem(folder.as_posix(), None, "", "has no collect to undo "
                                     "(only the last collect can be undone, once)")])
    commentary = folder / "commentary"
    _check_commentary_folder(commentary)
    problems, files, removed = [], {}, set()
    for measure, digest in sorted(plan["written"].items()):
        path = commentary / f"{measure}.md"
        now = _current_bytes(path)
        if now is None or _digest(now) != digest:
            problems.append(Problem(path.as_posix(), None, "", "was changed after the last "
                                    "collect; undo would lose that change (nothing was "
                                    "changed: edit the file by hand instead)"))
        elif measure in plan.get("created", []):
            removed.add(f"{measure}.md")
        else:
            kept = _kept_bytes(folder, folder / RECORD / _UNDO_FOLDER / f"{measure}.md")
            if kept is None:
                problems.append(Problem(path.as_posix(), None, "", "has no earlier text kept "
                                        "to put back"))
            else:
                files[f"{measure}.md"] = kept
    if problems:
        raise InputProblems(problems)
    _replace(folder, files, removed, plan.get("record"), None, {})
    return [commentary / name for name in sorted(set(files) | removed)]
