"""Owners write their own commentary: `requests` writes a Word document per measure owner,
`collect` reads the returned documents back into commentary/*.md, `status` shows what came
back. The example is moved on one month (May 2019, data to April), as in the cycle."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx
import pytest

from report.cli import main
from report.content import COMMENTARY_HEADING
from report.cycle.newperiod import new_period
from report.inputs.commentary import carried_from, parse_commentary
from report.problems import Collector
from tests import owner_edits as edit
from tests.conftest import EXAMPLE
from tests.test_roll_forward import add_the_month_s_rows

FOCUS = ("dtoc", "reviews", "direct_payments", "shared_lives", "ld_employment")


@pytest.fixture(scope="module")
def month(tmp_path_factory):
    """May 2019's folder from the example, its rows added, and the requests for it and for
    April (the example itself): (folder, May's documents, April's documents)."""
    base = tmp_path_factory.mktemp("owners")
    may = new_period(EXAMPLE, base / "may-2019").folder
    add_the_month_s_rows(may)
    assert main(["requests", str(may), "-o", str(base / "may-requests")]) == 0
    assert main(["requests", str(EXAMPLE), "-o", str(base / "april-requests")]) == 0
    return may, base / "may-requests", base / "april-requests"


@pytest.fixture
def pack(month, tmp_path, monkeypatch):
    """A fresh copy of May's folder and its documents at ./may-2019 and ./returned."""
    may, requests, _ = month
    shutil.copytree(may, tmp_path / "may-2019")
    shutil.copytree(requests, tmp_path / "returned")
    monkeypatch.chdir(tmp_path)
    return Path("may-2019"), Path("returned")


def _section_text(folder: Path, measure: str, heading: str) -> list[str]:
    """The section's paragraphs and list items as the pack reads them, flattened."""
    from report.cycle.markdown import lines_of

    parsed = parse_commentary(folder / "commentary" / f"{measure}.md", Collector(folder))
    return [(line.level, line.text) for line in lines_of(parsed.get(heading, ()))]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# --- the request documents -------------------------------------------------------------
def test_one_document_per_owner_with_every_measure_once(month):
    from report.figures import pack_figures

    may, requests, _ = month
    figures = pack_figures(may)
    seen: dict[str, str] = {}
    for path in sorted(requests.glob("*.docx")):
        document = docx.Document(str(path))
        for measure in edit.measures_in(document):
            assert measure not in seen
            seen[measure] = figures.measures[measure].owner
            assert figures.measures[measure].owner in document.paragraphs[1].text
    assert seen.keys() == figures.measures.keys()
    assert sorted(p.name for p in requests.glob("*.docx")) == [
        "assistant-director-adult-social-care.docx", "assistant-director-commissioning.docx",
        "assistant-director-mental-health.docx", "assistant-director-safeguarding.docx"]


def test_a_request_shows_the_measure_s_figures_chart_and_last_month_s_text(month):
    from report.cycle.markdown import lines_of
    from report.figures import pack_figures

    may, requests, _ = month
    figures = pack_figures(may)
    document = docx.Document(str(requests / "assistant-director-adult-social-care.docx"))
    dtoc = figures.measures["dtoc"]
    table = document.tables[0]
    cells = {row.cells[0].text: row.cells[1].text for row in table.rows}
    assert cells == {
        f"Latest ({dtoc.latest.label})": dtoc.latest.text,
        f"Previous ({dtoc.previous.label})": dtoc.previous.reported_text,
        "Target": dtoc.target.text, "Status": dtoc.status.word,
        "Direction of travel": dtoc.change.text,
        "SPC reading": f"{dtoc.spc.variation_text} ({dtoc.spc.variation_reason}). "
                       f"No assurance: {dtoc.spc.shift.brief}."}  # DToC's process has moved
    # one picture per measure, each described by its chart's alternative text
    pictures = document.inline_shapes
    assert len(pictures) == len(edit.measures_in(document))
    described = pictures[0]._inline.find(f"{{{pictures[0]._inline.nsmap['wp']}}}docPr")
    assert described.get("descr") == dtoc.trend.alt
    # each box holds the text the pack has now, and says it is last month's
    paragraphs = edit.box(document, "dtoc", COMMENTARY_HEADING).iter(f"{edit.W}p")
    assert ["".join(t.text or "" for t in p.iter(f"{edit.W}t")) for p in paragraphs] == [
        line.text for line in lines_of(dtoc.commentary[COMMENTARY_HEADING])]
    notes = [p.text for p in document.paragraphs if p.text.startswith("This box holds")]
    assert notes and all("last month's text (from the pack with data to March 2019)" in n
                         for n in notes)
    # the summary's boxes for a focus measure, the measure page's only for the others
    assert edit.measures_in(document)[:2] == ["dtoc", "reviews"]
    asked = {edit.tag_of(s).split(":")[2]: edit.tag_of(s).split(":")[3]
             for s in edit.controls(document, "measure")}
    assert asked["dtoc"] == "happened,challenges,went-well,doing,commentary"
    assert asked["contacts"] == "commentary"


# The order the OOXML schema gives a content control's properties (CT_SdtPr) and a date
# box's (CT_SdtDate): Word refuses a file, or repairs it, when they are out of order.
_SDT_PR = ("rPr", "alias", "tag", "id", "lock", "placeholder", "temporary", "showingPlcHdr",
           "dataBinding", "label", "tabIndex", "date", "richText", "text")
_DATE = ("dateFormat", "lid", "storeMappedDataAs", "calendar")


def test_the_documents_reload_and_their_content_controls_follow_the_schema(month):
    _, requests, _ = month
    for path in sorted(requests.glob("*.docx")):
        document = docx.Document(str(path))  # python-docx reads it back
        ids = []
        for sdt in document.element.body.iter(f"{edit.W}sdt"):
            assert [c.tag.removeprefix(edit.W) for c in sdt] == ["sdtPr", "sdtContent"]
            names = [c.tag.removeprefix(edit.W) for c in sdt[0]]
            assert names == sorted(names, key=_SDT_PR.index), (path.name, names)
            assert sum(n in ("date", "richText", "text") for n in names) == 1
            date = sdt[0].find(f"{edit.W}date")
            if date is not None:
                parts = [c.tag.removeprefix(edit.W) for c in date]
                assert parts == sorted(parts, key=_DATE.index)
            ids.append(sdt[0].find(f"{edit.W}id").get(f"{edit.W}val"))
            if edit.tag_of(sdt).startswith("cabinet-pack:section"):
                # a section's block holds paragraphs only: nothing a word processor repairs
                assert {c.tag.removeprefix(edit.W) for c in sdt[1]} == {"p"}
        assert len(ids) == len(set(ids)) and all(0 < int(i) < 2**31 for i in ids)


def test_the_same_inputs_make_the_same_documents(month, tmp_path):
    may, requests, _ = month
    assert main(["requests", str(may), "-o", str(tmp_path)]) == 0
    for path in sorted(requests.glob("*.docx")):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes()


def test_requests_again_replaces_its_own_documents_and_never_a_reply(month, tmp_path, capsys):
    """Run again into the same folder, requests replaces the documents it wrote there; one
    an owner has filled in and saved back there (or any other file in a request's place)
    stops it, with nothing written, rather than be lost."""
    may, requests, _ = month
    out = tmp_path / "requests"
    assert main(["requests", str(may), "-o", str(out)]) == 0
    assert main(["requests", str(may), "-o", str(out)]) == 0  # its own: replaced
    names = sorted(p.name for p in out.glob("*.docx"))
    reply = out / names[0]
    edit.edited(reply, lambda d: edit.write(d, "dtoc", COMMENTARY_HEADING, ["A reply."]))
    stray = out / names[1]
    stray.write_bytes(b"a file of the same name, from elsewhere")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    capsys.readouterr()
    assert main(["requests", str(may), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"cabinet-pack: {reply.as_posix()}, {stray.as_posix()} are already "
                          "there, not as requests wrote it") and err.count("\n") == 1
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


# --- collecting them back ------------------------------------------------------------
def _owner_writes(document, measure: str) -> None:
    """What every owner does in the round trip: new commentary with a nested list and bold
    words; for a summary measure, the challenges emptied."""
    edit.write(document, measure, COMMENTARY_HEADING, [
        f"In April the {measure} figures were reviewed by their owner.",
        ("List Bullet", f"First point for {measure}"),
        ("List Bullet 2", [("A sub-point with ", False, False), ("bold", True, False),
                           (" and ", False, False), ("italic", False, True),
                           (" words", False, False)]),
        ("List Bullet", "Second point"),
        "A closing paragraph."])
    if measure in FOCUS:
        edit.write(document, measure, "What were the challenges", [])


def test_round_trip_every_example_measure_to_the_measure_pages(pack, tmp_path, capsys):
    import pypdfium2 as pdfium

    folder, returned = pack
    documents = sorted(returned.glob("*.docx"))
    for path in documents:
        def change(document):
            for measure in edit.measures_in(document):
                _owner_writes(document, measure)
            edit.sign(document, "Jane Smith", "2019-05-03", "3 May 2019")
        edit.edited(path, change)
    capsys.readouterr()
    assert main(["collect", str(folder)] + [str(p) for p in documents]) == 0
    out = capsys.readouterr().out
    assert ("  dtoc: updated (What were the challenges emptied, Commentary); signed off by "
            "Jane Smith on 2019-05-03 (assistant-director-adult-social-care.docx)") in out
    assert ("  contacts: updated (Commentary); signed off by Jane Smith on 2019-05-03 "
            "(assistant-director-adult-social-care.docx)") in out
    for path in sorted((folder / "commentary").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        assert carried_from(text) is None, path.name  # the month needs no hand edit
        measure = path.stem
        assert _section_text(folder, measure, COMMENTARY_HEADING) == [
            (None, f"In April the {measure} figures were reviewed by their owner."),
            (0, f"First point for {measure}"),
            (1, "A sub-point with bold and italic words"), (0, "Second point"),
            (None, "A closing paragraph.")]
        assert "A sub-point with **bold** and *italic* words" in text
        if measure in FOCUS:
            assert "What were the challenges" not in text
    out_folder = tmp_path / "out"
    assert main(["build", str(folder), "-o", str(out_folder), "--layout", "cabinet"]) == 0
    pdf = pdfium.PdfDocument(str(out_folder / "may-2019.pdf"))
    pages = [" ".join(pdf[i].get_textpage().get_text_range().split()) for i in range(len(pdf))]
    for path in sorted((folder / "commentary").glob("*.md")):
        wanted = f"In April the {path.stem} figures were reviewed by their owner."
        assert any(wanted in page and "Commentary" in page for page in pages), path.stem
    assert any("A sub-point with bold and italic words" in page for page in pages)


def test_documents_returned_as_sent_leave_last_month_s_text_marked(pack, capsys):
    folder, returned = pack
    before = _snapshot(folder / "commentary")
    assert main(["collect", str(folder), str(returned / "assistant-director-mental-health.docx")
                 ]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "collected 1 document for the pack with data to April 2019:",
        ("  mh_employment: unchanged: still last month's text; not signed off "
        "(assistant-director-mental-health.docx)"),
        "no commentary file changed"]
    assert _snapshot(folder / "commentary") == before
    assert main(["status", str(folder)]) == 0
    status = capsys.readouterr().out.splitlines()
    assert "Commentary from the owners: 1 of 15 came back, 0 signed off" in status
    assert ("  11. MH Employment: back in assistant-director-mental-health.docx (made for "
            "data to April 2019), still last month's text, not signed off") in status
    assert "  1. DToC Total: not back yet" in status


def test_status_shows_who_signed_off_and_when(pack, capsys):
    folder, returned = pack
    path = returned / "assistant-director-commissioning.docx"

    def change(document):
        edit.write(document, "shared_lives", COMMENTARY_HEADING, ["Placements grew in April."])
        edit.sign(document, "Sam Patel", "2019-05-07", "7 May 2019")
    edit.edited(path, change)
    assert main(["collect", str(folder), str(path)]) == 0
    capsys.readouterr()
    main(["status", str(folder)])
    status = capsys.readouterr().out.splitlines()
    assert "Commentary from the owners: 2 of 15 came back, 2 signed off" in status
    assert ("  9. Shared Lives: back in assistant-director-commissioning.docx (made for data "
            "to April 2019), updated, signed off by Sam Patel on 2019-05-07") in status
    assert ("  2. Good provider all: back in assistant-director-commissioning.docx (made for data "
            "to April 2019), still last month's text, signed off by Sam Patel on "
            "2019-05-07") in status


@pytest.mark.parametrize(("stored", "typed", "doubt"), [
    ("2019-05-07", "7 May 2019", None),
    (None, "7th May 2019", None),  # typed over Word's date box: read as people write dates
    ("9999-12-31", "31 December 9999", "the sign-off date '9999-12-31' is after today"),
    ("2019-03-31", "31 March 2019", "the sign-off date '2019-03-31' is before April 2019 began"),
    (None, "soon", "the sign-off date 'soon' cannot be read as a date")])
def test_a_sign_off_date_that_cannot_be_right_is_a_warning(pack, capsys, stored, typed, doubt):
    folder, returned = pack
    path = returned / "assistant-director-commissioning.docx"

    def change(document):
        edit.write(document, "shared_lives", COMMENTARY_HEADING, ["Placements grew in April."])
        edit.sign(document, "Sam Patel", stored or "2019-05-07", typed)
        if stored is None:  # no date picked: only the words typed in the box
            for sdt in edit.controls(document, "signed-"):
                box = sdt.find(f"{edit.W}sdtPr/{edit.W}date")
                if box is not None:
                    del box.attrib[f"{edit.W}fullDate"]
    edit.edited(path, change)
    assert main(["collect", str(folder), str(path)]) == 0
    warnings = capsys.readouterr().err.splitlines()
    assert warnings == ([] if doubt is None else [
        (f"warning: assistant-director-commissioning.docx: {doubt}; the record keeps it as "
        "written: check it with whoever signed it off")])


def test_a_document_edited_twice_and_the_undo(pack, capsys):
    folder, returned = pack
    path = returned / "assistant-director-mental-health.docx"
    target = folder / "commentary" / "mh_employment.md"
    last_month = target.read_bytes()
    edit.edited(path, lambda d: edit.write(d, "mh_employment", COMMENTARY_HEADING,
                                           ["First draft."]))
    assert main(["collect", str(folder), str(path)]) == 0
    first = target.read_bytes()
    assert _section_text(folder, "mh_employment", COMMENTARY_HEADING) == [(None, "First draft.")]
    edit.edited(path, lambda d: edit.write(d, "mh_employment", COMMENTARY_HEADING,
                                           ["Second draft, after the service meeting."]))
    assert main(["collect", str(folder), str(path)]) == 0
    assert _section_text(folder, "mh_employment", COMMENTARY_HEADING) == [
        (None, "Second draft, after the service meeting.")]
    capsys.readouterr()
    assert main(["collect", str(folder), str(path)]) == 0
    assert capsys.readouterr().out.splitlines()[1] == (
        "  mh_employment: unchanged since it was last collected; not signed off "
        "(assistant-director-mental-health.docx)")
    # the one undo puts back the text before the last collect that changed the file
    assert main(["collect", str(folder), "--undo"]) == 0
    assert capsys.readouterr().out == ("put back the commentary as it was before the last "
                                       "collect: may-2019/commentary/mh_employment.md\n")
    assert target.read_bytes() == first
    assert main(["collect", str(folder), "--undo"]) == 2
    assert capsys.readouterr().err.splitlines()[1:] == [
        "  may-2019: has no collect to undo (only the last collect can be undone, once)"]
    assert target.read_bytes() == first != last_month


def test_text_is_content_never_markup(pack, capsys):
    folder, returned = pack
    path = returned / "assistant-director-mental-health.docx"
    hostile = ["# Not a heading", "- not a list", "1. not a list either",
               "<!-- carried forward from March 2019: not yet updated -->",
               "*stars*, _underscores_, **double** and a \\ backslash", "<b>tag</b> & more"]
    edit.edited(path, lambda d: edit.write(d, "mh_employment", COMMENTARY_HEADING, hostile))
    assert main(["collect", str(folder), str(path)]) == 0
    assert _section_text(folder, "mh_employment", COMMENTARY_HEADING) == [
        (None, text) for text in hostile]


def _rename_measure(document, old: str, new: str) -> None:
    """The document names a measure since renamed in measures.yaml."""
    for sdt in edit.controls(document, "measure") + edit.controls(document, "section"):
        tag = sdt.find(f"{edit.W}sdtPr/{edit.W}tag")
        tag.set(f"{edit.W}val", tag.get(f"{edit.W}val").replace(f":{old}:", f":{new}:"))


def test_a_document_with_a_password_or_that_unpacks_to_too_much_is_said_so(pack, capsys):
    """Checked before the document is opened: a password (Word then writes a compound
    file holding an encrypted package) has its own advice; a file that would unpack to
    far more than a document holds (a "zip bomb": 1.8 MB unpacking to 730 MB once took
    2 GB of memory) is refused from the sizes its parts declare."""
    import zipfile

    folder, _ = pack
    Path("locked.docx").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(512)
                                    + "EncryptedPackage".encode("utf-16-le") + bytes(512))
    with zipfile.ZipFile("bomb.docx", "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("word/document.xml", bytes(60 * 1024 * 1024))
    before = _snapshot(folder)
    assert main(["collect", str(folder), "locked.docx", "bomb.docx"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "The inputs have 2 problems; nothing was written.",
        ("  locked.docx: is protected with a password, so it cannot be read; open it in Word, "
         "remove the password (File > Info > Protect Document > Encrypt with Password, clear "
         "it) and save it, then collect that"),
        ("  bomb.docx: unpacks to 60 MB in 1 part, more than the 50 MB in 1,000 parts a "
         "returned document may hold (a request with its commentary takes well under 1 MB; "
         "is it the right file?)")]
    assert _snapshot(folder) == before


def test_a_document_whose_main_part_is_not_a_word_body_is_said_to_be_damaged(pack, capsys):
    """A package that opens as a Word file but has no document body (the body taken out,
    another root element, the main part twice): damaged, in one line, nothing written."""
    import re
    import zipfile

    folder, returned = pack
    source = returned / "assistant-director-commissioning.docx"
    changes = {"no-body.docx": lambda xml: re.sub(rb"<w:body>.*</w:body>", b"", xml, flags=re.S),
               "other-root.docx": lambda xml: re.sub(rb"<w:document\b", b"<w:settings", xml,
                                                     count=1).replace(b"</w:document>",
                                                                      b"</w:settings>")}
    for name, change in changes.items():
        with zipfile.ZipFile(source) as original, zipfile.ZipFile(name, "w") as damaged:
            for item in original.infolist():
                data = original.read(item.filename)
                damaged.writestr(item, change(data) if item.filename == "word/document.xml"
                                 else data)
    before = _snapshot(folder)
    assert main(["collect", str(folder), *changes]) == 2
    said = ("is damaged: it has no document body for Word to show; open it in Word, save it "
            "again, then collect that")
    assert capsys.readouterr().err.splitlines() == [
        "The inputs have 2 problems; nothing was written."] + [
        f"  {name}: {said}" for name in changes]
    assert _snapshot(folder) == before


RECORD_REMEDY = ("collect writes it, so remove it (the returns recorded this month are then "
                 "forgotten: status shows them as not back) and collect again")


@pytest.mark.parametrize("text, wrong", [
    ('{"period": "2019-04", "measures": {"dtoc": {"state": []}}}',
     "has an entry for dtoc that is not one collect writes"),
    ('{"period": "2019-04", "measures": null}', "has no measures"),
    ('{"period": "2019-04", "measures": {"../dtoc": {}}}',
     "names a measure '../dtoc' that is not a measure id"),
    ("[1, 2]", "has no period")])
def test_a_record_collect_did_not_write_is_named_not_read(pack, capsys, text, wrong):
    """The record of returns is the program's own file in the user's folder: hand-edited,
    or another program's, it is named in one line by status and by collect."""
    folder, returned = pack
    (folder / ".collected").mkdir()
    (folder / ".collected" / "record.json").write_text(text, encoding="utf-8")
    said = (f"  {folder.as_posix()}/.collected/record.json: is not the record collect keeps "
            f"({wrong}); {RECORD_REMEDY}")
    assert main(["status", str(folder)]) == 2
    assert capsys.readouterr().err.splitlines()[1:] == [said]
    before = _snapshot(folder)
    assert main(["collect", str(folder),
                 str(returned / "assistant-director-commissioning.docx")]) == 2
    assert capsys.readouterr().err.splitlines()[1:] == [said]
    assert _snapshot(folder) == before


def test_the_record_is_never_read_through_a_link_or_a_pipe(pack, tmp_path, capsys):
    """A link out of the pack (to the folder, or to a file beside the pack) is not followed;
    a named pipe where the record goes does not hang the command."""
    import os
    import subprocess
    import sys

    folder, returned = pack
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "record.json").write_text(
        '{"period": "2019-04", "measures": {"dtoc": {"file": "FROM-OUTSIDE.docx"}}}')
    (folder / ".collected").symlink_to(outside)
    assert main(["status", str(folder)]) == 2
    out = capsys.readouterr()
    assert "FROM-OUTSIDE" not in out.out + out.err
    assert "is a link to a folder outside the pack folder" in out.err
    (folder / ".collected").unlink()
    (folder / ".collected").mkdir()
    os.mkfifo(folder / ".collected" / "record.json")
    result = subprocess.run([sys.executable, "-m", "report", "status", str(folder)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "record.json: is not the record collect keeps (is a named pipe" in result.stderr
    requests = tmp_path / "requests"
    requests.mkdir()
    os.mkfifo(requests / ".requests-written.json")
    (folder / ".collected" / "record.json").unlink()
    result = subprocess.run([sys.executable, "-m", "report", "requests", str(folder), "-o",
                             str(requests)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (requests / "assistant-director-commissioning.docx").is_file()


def test_undo_never_names_a_file_outside_the_commentary_folder(pack, tmp_path, capsys):
    """undo.json's ids name commentary files: one that is a path ("../../victim") is
    refused before any file is read or written."""
    import hashlib

    folder, _ = pack
    victim = tmp_path / "victim.md"
    victim.write_text("victim text")
    (folder / ".collected" / "before").mkdir(parents=True)
    digest = hashlib.sha256(victim.read_bytes()).hexdigest()
    (folder / ".collected" / "undo.json").write_text(
        f'{{"written": {{"../../victim": "{digest}"}}, "created": []}}')
    before = _snapshot(folder)
    assert main(["collect", str(folder), "--undo"]) == 2
    assert capsys.readouterr().err.splitlines()[1:] == [
        (f"  {folder.as_posix()}/.collected/undo.json: is not the record collect keeps (names "
         "a commentary file that is not a measure's); collect writes it, so remove it (the "
         "last collect can then not be undone) and collect again")]
    assert _snapshot(folder) == before and victim.read_text() == "victim text"


def test_collect_writes_nothing_the_pack_would_then_refuse(pack, capsys):
    """What collect would write is checked as validate and build read it: a word too long
    to print (a pasted web address) is said of the returned document, and nothing is
    written, where collect once wrote a file the next build refused."""
    folder, returned = pack
    path = returned / "assistant-director-commissioning.docx"
    address = "https://www.example.gov.uk/" + "a" * 230
    edit.edited(path, lambda d: edit.write(d, "good_provider", COMMENTARY_HEADING,
                                           [f"See {address} for details."]))
    before = _snapshot(folder)
    assert main(["collect", str(folder), str(path)]) == 2
    assert capsys.readouterr().err.splitlines()[1:] == [
        (f"  {path.as_posix()}: good_provider: has a word of 257 characters "
         "('https://www.example.…'), too long to print; put spaces in it (a word may have at "
         "most 200 characters)")]
    assert _snapshot(folder) == before


def test_every_problem_at_once_and_nothing_written(pack, month, capsys):
    folder, returned = pack
    april = month[2]
    shutil.copy(april / "assistant-director-commissioning.docx", "last-month.docx")
    shutil.copy(returned / "assistant-director-mental-health.docx", "mh-deputy.docx")
    Path("notes.docx").write_text("not a Word document", encoding="utf-8")
    edit.edited(returned / "assistant-director-adult-social-care.docx", lambda d: (
        edit.delete_box(d, "dtoc", "What went well"),
        edit.write(d, "reviews", COMMENTARY_HEADING, ["x" * 20_001]),
        _rename_measure(d, "contacts", "contact_centre")))
    before = _snapshot(folder)
    files = [returned / "assistant-director-adult-social-care.docx", Path("last-month.docx"),
             returned / "assistant-director-mental-health.docx", Path("mh-deputy.docx"),
             Path("notes.docx"), Path("missing.docx")]
    assert main(["collect", str(folder)] + [str(f) for f in files]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "The inputs have 7 problems; nothing was written.",
        ("  notes.docx: is not a Word document (.docx); open it in Word and save it as 'Word "
        "Document (*.docx)', then collect that"),
        ("  missing.docx: does not exist (give the returned Word documents, e.g. "
        "returned/*.docx)"),
        ("  returned/assistant-director-adult-social-care.docx: dtoc: the 'What went well' box "
        "was deleted; every box must come back, even empty (delete the text inside a box, "
        "not the box: put it back from the request as sent)"),
        ("  returned/assistant-director-adult-social-care.docx: reviews: 'Commentary' has a "
        "paragraph of 20,001 characters, too long to lay out (at most 20,000; break it into "
        "paragraphs)"),
        ("  returned/assistant-director-adult-social-care.docx: contact_centre: measures.yaml "
        "has no measure with this id (was it renamed? send the owner this month's request)"),
        ("  last-month.docx: was made for the pack with data to March 2019, but this pack's data "
        "are to April 2019; collect it into that month's folder, or send the owner this "
        "month's request"),
        ("  mh-deputy.docx: mh_employment: came back in two documents, "
        "returned/assistant-director-mental-health.docx and mh-deputy.docx; collect the one "
        "with the text to keep")]
    assert _snapshot(folder) == before
    assert not (folder / ".collected").exists()


def test_a_pipe_given_as_a_document_is_said_to_be_one_never_read(pack, capsys):
    """A named pipe (or a device) would block or never end if read: it is named for what it
    is, not said to be missing, and nothing is written."""
    import os

    folder, _ = pack
    os.mkfifo("returned.docx")
    before = _snapshot(folder)
    assert main(["collect", str(folder), "returned.docx"]) == 2
    assert capsys.readouterr().err.splitlines()[1] == (
        "  returned.docx: is a device or a pipe, not a file (give the returned Word "
        "documents, e.g. returned/*.docx)")
    assert _snapshot(folder) == before


def test_a_document_that_is_not_a_request(pack, capsys):
    folder, _ = pack
    plain = docx.Document()
    plain.add_paragraph("Commentary for April: all fine.")
    plain.save("reply.docx")
    assert main(["collect", str(folder), "reply.docx"]) == 2
    assert capsys.readouterr().err.splitlines()[1:] == [
        ("  reply.docx: is not a commentary request made by cabinet-pack requests (its request "
        "reference is missing); collect the document the owner was sent, with their text in "
        "it")]


def _element(name: str, **attributes):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(name)
    for key, value in attributes.items():
        element.set(qn(key.replace("_", ":", 1)), value)
    return element


def _run(text: str):
    run = _element("w:r")
    words = _element("w:t")
    words.text = text
    words.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.append(words)
    return run


def _links_fields_picture(document) -> None:
    """A paragraph with a link, a simple field, a field with its code, and a picture."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    edit.write(document, "mh_employment", COMMENTARY_HEADING, ["Read the report on "])
    paragraph = edit.box(document, "mh_employment", COMMENTARY_HEADING).find(
        f"{edit.W}sdtContent/{edit.W}p")
    rid = document.part.relate_to("https://example.org/report", RELATIONSHIP_TYPE.HYPERLINK,
                                  is_external=True)
    link = _element("w:hyperlink", r_id=rid)
    link.append(_run("the council site"))
    paragraph.append(link)
    simple = _element("w:fldSimple", w_instr=" DATE \\@ \"d MMMM yyyy\" ")
    simple.append(_run(" (updated 3 May 2019)"))
    paragraph.append(simple)
    paragraph.append(_run(" and "))
    for part in (_element("w:fldChar", w_fldCharType="begin"),
                 _element("w:instrText"), _element("w:fldChar", w_fldCharType="separate")):
        run = _element("w:r")
        if part.tag.endswith("instrText"):
            part.text = ' HYPERLINK "https://example.org/secret" '
        run.append(part)
        paragraph.append(run)
    paragraph.append(_run("the summary"))
    end = _element("w:r")
    end.append(_element("w:fldChar", w_fldCharType="end"))
    paragraph.append(end)
    document.add_picture(io.BytesIO(_tiny_png()))
    picture_run = document.paragraphs[-1]._p.findall(f"{edit.W}r")[-1]
    paragraph.append(picture_run)
    paragraph.append(_run("."))


def _tiny_png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def test_links_fields_and_pictures_are_left_out_and_said_so(pack, capsys):
    folder, returned = pack
    path = edit.edited(returned / "assistant-director-mental-health.docx",
                       _links_fields_picture)
    assert main(["collect", str(folder), str(path)]) == 0
    assert capsys.readouterr().out.splitlines()[1] == (
        "  mh_employment: updated (Commentary); not signed off "
        "(assistant-director-mental-health.docx); left out: 2 fields, 1 link, 1 picture (the "
        "pack carries text only)")
    assert _section_text(folder, "mh_employment", COMMENTARY_HEADING) == [
        (None, "Read the report on the council site (updated 3 May 2019) and the summary.")]
    text = (folder / "commentary" / "mh_employment.md").read_text(encoding="utf-8")
    assert "example.org" not in text and "DATE" not in text


_TEXT_BOX = """<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
 xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
 xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
 xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
 xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent>
 <mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp>
  <wps:txbx><w:txbxContent><w:p><w:r><w:t>Written in a text box.</w:t></w:r></w:p>
  <w:p><w:r><w:t>Its second paragraph.</w:t></w:r></w:p></w:txbxContent></wps:txbx>
 </wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
 <mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>
  <w:p><w:r><w:t>Written in a text box.</w:t></w:r></w:p>
  <w:p><w:r><w:t>Its second paragraph.</w:t></w:r></w:p></w:txbxContent></v:textbox>
 </v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"""


def _text_box_and_open_field(document) -> None:
    """An owner's words in a text box (as Word saves one: the box, and a copy of it for
    older readers), and after a field Word left open (begun, never ended)."""
    from lxml import etree

    edit.write(document, "mh_employment", COMMENTARY_HEADING, ["Before the box. "])
    paragraph = edit.box(document, "mh_employment", COMMENTARY_HEADING).find(
        f"{edit.W}sdtContent/{edit.W}p")
    paragraph.append(etree.fromstring(_TEXT_BOX))
    run = _element("w:r")
    run.append(_element("w:fldChar", w_fldCharType="begin"))
    code = _element("w:instrText")
    code.text = " PAGE "
    run.append(code)
    paragraph.append(run)
    paragraph.append(_run("Words after a field left open."))


def _collected_mental_health(pack, capsys, change) -> tuple[Path, str]:
    """The mental health director's document changed by `change` and collected: the pack
    folder, and what collect said of the first measure."""
    folder, returned = pack
    path = edit.edited(returned / "assistant-director-mental-health.docx", change)
    assert main(["collect", str(folder), str(path)]) == 0
    return folder, capsys.readouterr().out.splitlines()[1]


def test_a_text_box_and_words_after_an_open_field_come_back_once_never_lost(pack, capsys):
    folder, said = _collected_mental_health(pack, capsys, _text_box_and_open_field)
    assert said.startswith("  mh_employment: updated (Commentary)")
    assert "picture" not in said and "left out: 1 field" in said  # the box is not a picture
    assert _section_text(folder, "mh_employment", COMMENTARY_HEADING) == [
        (None, "Before the box. Words after a field left open."),
        (None, "Written in a text box."), (None, "Its second paragraph.")]
    assert "PAGE" not in (folder / "commentary" / "mh_employment.md").read_text()


_W_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
         'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"')


def _hidden_symbols_ruby_equation(document) -> None:
    """Words formatted hidden; an arrow from Insert > Symbol in the Symbol font and a tick
    in Wingdings; words with a phonetic guide; an equation."""
    from lxml import etree

    edit.write(document, "mh_employment", COMMENTARY_HEADING, ["Shown "])
    paragraph = edit.box(document, "mh_employment", COMMENTARY_HEADING).find(
        f"{edit.W}sdtContent/{edit.W}p")
    for xml in (
            '<w:r {ns}><w:rPr><w:vanish/></w:rPr><w:t>NOT FOR PRINT</w:t></w:r>',
            '<w:r {ns}><w:t xml:space="preserve">up </w:t></w:r>',
            '<w:r {ns}><w:sym w:font="Symbol" w:char="F0AE"/></w:r>',
            '<w:r {ns}><w:t xml:space="preserve"> 7% </w:t></w:r>',
            '<w:r {ns}><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>',
            ('<w:r {ns}><w:ruby><w:rt><w:r><w:t>guide</w:t></w:r></w:rt><w:rubyBase><w:r>'
            '<w:t>base words</w:t></w:r></w:rubyBase></w:ruby></w:r>'),
            '<m:oMath {ns}><m:r><m:t>x=1</m:t></m:r></m:oMath>',
            '<w:r {ns}><w:t xml:space="preserve"> end.</w:t></w:r>'):
        paragraph.append(etree.fromstring(xml.format(ns=_W_NS)))


def test_hidden_words_are_not_printed_and_symbols_keep_their_characters(pack, capsys):
    folder, said = _collected_mental_health(pack, capsys, _hidden_symbols_ruby_equation)
    assert said.endswith("left out: 1 equation, 1 hidden passage, 1 phonetic guide, 1 symbol "
                         "(the pack carries text only)")
    assert _section_text(folder, "mh_employment", COMMENTARY_HEADING) == [
        (None, "Shown up \u2192 7% base words end.")]


def test_a_box_sent_back_empty_is_said_so(pack, capsys):
    folder, returned = pack
    path = edit.edited(returned / "assistant-director-mental-health.docx", lambda d: edit.write(
        d, "mh_employment", COMMENTARY_HEADING, []))
    assert main(["collect", str(folder), str(path)]) == 0
    captured = capsys.readouterr()
    assert "  mh_employment: updated (Commentary emptied); not signed off" in captured.out
    assert captured.err.splitlines() == [
        ("warning: assistant-director-mental-health.docx: mh_employment: the 'Commentary' box "
        "came back empty, so its measure page prints no commentary; if that was not meant, "
        "ask its owner (cabinet-pack collect --undo puts the text back)")]


def test_word_s_own_numbering_comes_back_as_a_numbered_list(pack):
    """Word's numbering buttons number a paragraph directly (no list style): its depth and
    kind come from the document's numbering definitions."""
    folder, returned = pack
    path = returned / "assistant-director-mental-health.docx"

    def change(document):
        edit.write(document, "mh_employment", COMMENTARY_HEADING,
                   ["Steps taken:", ("List Number", "Recruited two job coaches"),
                    "Outcome", "Next"])
        style = document.styles["List Number"].element
        number = style.find(f"{edit.W}pPr/{edit.W}numPr/{edit.W}numId").get(f"{edit.W}val")
        paragraphs = edit.box(document, "mh_employment", COMMENTARY_HEADING).findall(
            f"{edit.W}sdtContent/{edit.W}p")
        for paragraph, level in zip(paragraphs[2:], ("1", "0")):
            properties = paragraph.get_or_add_pPr()
            numbering = _element("w:numPr")
            numbering.append(_element("w:ilvl", w_val=level))
            numbering.append(_element("w:numId", w_val=number))
            properties.append(numbering)
    edit.edited(path, change)
    assert main(["collect", str(folder), str(path)]) == 0
    text = (folder / "commentary" / "mh_employment.md").read_text(encoding="utf-8")
    assert "Steps taken:\n\n1. Recruited two job coaches\n   1. Outcome\n2. Next" in text
    assert _section_text(folder, "mh_employment", COMMENTARY_HEADING) == [
        (None, "Steps taken:"), (0, "Recruited two job coaches"), (1, "Outcome"), (0, "Next")]


# --- the Markdown written for an owner's text, property-style -----------------------------
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from report.content import Run  # noqa: E402
from report.cycle.markdown import Line, file_markdown, lines_of, tidy  # noqa: E402

# Text full of what Markdown would read as markup, at a line's start and inside it
_TEXT = st.text(alphabet=st.sampled_from(list("ab #*_-+.)1<!>\\`[]&;:")), min_size=1,
                max_size=12)
_RUNS = st.lists(st.tuples(_TEXT, st.booleans(), st.booleans()), min_size=1, max_size=4)
_LINES = st.lists(st.tuples(_RUNS, st.sampled_from([None, 0, 1, 2]), st.booleans()),
                  min_size=1, max_size=6)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(_LINES)
def test_an_owner_s_text_comes_back_as_written(tmp_path_factory, drawn):
    """Whatever an owner types, the commentary reader gets back the same words, list depths
    and (where Markdown can say it) bold and italic."""
    lines = [Line(tidy([Run(*r) for r in runs]), level, ordered)
             for runs, level, ordered in drawn]
    lines = [line for line in lines if line.runs]
    folder = tmp_path_factory.mktemp("md")
    path = folder / "m.md"
    path.write_text(file_markdown({COMMENTARY_HEADING: lines}), encoding="utf-8")
    collector = Collector(folder)
    parsed = parse_commentary(path, collector)
    assert collector.problems == []
    back = lines_of(parsed.get(COMMENTARY_HEADING, ()))
    assert [line.text for line in back] == [line.text for line in lines]
    depth = []
    for line in lines:  # a list cannot skip a depth: the writer clamps, as Word does
        depth.append(None if line.level is None else
                     min(line.level, 0 if not depth or depth[-1] is None else depth[-1] + 1))
    assert [line.level for line in back] == depth
    for wrote, read in zip(lines, back):
        plain = tuple(tidy([Run(r.text) for r in wrote.runs]))
        assert read.runs in (wrote.runs, plain)


def test_undo_refuses_to_lose_a_hand_edit_made_since(pack, capsys):
    folder, returned = pack
    path = edit.edited(returned / "assistant-director-mental-health.docx",
                       lambda d: edit.write(d, "mh_employment", COMMENTARY_HEADING, ["New."]))
    assert main(["collect", str(folder), str(path)]) == 0
    target = folder / "commentary" / "mh_employment.md"
    target.write_text(target.read_text(encoding="utf-8") + "\nA line added by hand.\n",
                      encoding="utf-8")
    edited = target.read_bytes()
    capsys.readouterr()
    assert main(["collect", str(folder), "--undo"]) == 2
    assert capsys.readouterr().err.splitlines()[1:] == [
        ("  may-2019/commentary/mh_employment.md: was changed after the last collect; undo "
        "would lose that change (nothing was changed: edit the file by hand instead)")]
    assert target.read_bytes() == edited


def _as_libreoffice_saves_it(document) -> None:
    """LibreOffice 7.4 saves a .docx without the content controls' tags and locks (and
    splits each box into one control per paragraph), but keeps the bookmarks."""
    for sdt in list(document.element.body.iter(f"{edit.W}sdt")):
        properties = sdt.find(f"{edit.W}sdtPr")
        for name in ("tag", "lock"):
            found = properties.find(f"{edit.W}{name}")
            if found is not None:
                properties.remove(found)


def test_a_document_saved_without_its_tags_is_read_by_its_bookmarks(pack, capsys):
    folder, returned = pack
    path = returned / "assistant-director-commissioning.docx"

    def change(document):
        edit.write(document, "shared_lives", "What went well", [
            "Two carers approved in April.", ("List Bullet", "One for short breaks"),
            ("List Bullet 2", "weekends only")])
        edit.sign(document, "Sam Patel", "2019-05-07", "7 May 2019")
        _as_libreoffice_saves_it(document)
    edit.edited(path, change)
    assert not [s for s in edit.controls(docx.Document(str(path)), "")]
    assert main(["collect", str(folder), str(path)]) == 0
    assert capsys.readouterr().out.splitlines()[1:3] == [
        ("  good_provider: unchanged: still last month's text; signed off by Sam Patel on "
        "7 May 2019 (assistant-director-commissioning.docx)"),
        ("  shared_lives: updated (What went well); signed off by Sam Patel on 7 May 2019 "
        "(assistant-director-commissioning.docx)")]
    assert _section_text(folder, "shared_lives", "What went well") == [
        (None, "Two carers approved in April."), (0, "One for short breaks"),
        (1, "weekends only")]


def test_collect_leaves_a_commentary_folder_with_a_link_or_folder_in_it_alone(pack, capsys):
    folder, returned = pack
    (folder / "commentary" / "drafts").mkdir()
    before = _snapshot(folder)
    assert main(["collect", str(folder), str(returned / "assistant-director-mental-health.docx")
                 ]) == 2
    assert capsys.readouterr().err.splitlines()[1:] == [
        ("  may-2019/commentary/drafts: is not an ordinary commentary file (a folder or a "
        "link); collect replaces the folder's files, so move it out (or copy the file itself "
        "in), then collect again")]
    assert _snapshot(folder) == before


def test_a_full_disk_half_way_leaves_the_commentary_as_it_was(pack, capsys, monkeypatch):
    import errno

    from report import transaction

    folder, returned = pack
    path = edit.edited(returned / "assistant-director-mental-health.docx",
                       lambda d: edit.write(d, "mh_employment", COMMENTARY_HEADING, ["New."]))
    before = _snapshot(folder)
    real, calls = transaction._rename, []

    def failing(source, target):
        calls.append(target)
        if len(calls) == 3:  # the old folder moved aside, the new one in: then the record
            raise OSError(errno.ENOSPC, "No space left on device")
        real(source, target)
    monkeypatch.setattr(transaction, "_rename", failing)
    assert main(["collect", str(folder), str(path)]) == 2
    err = capsys.readouterr().err
    assert err == ("cabinet-pack: the disk holding may-2019/.collected is full; free some "
                   "space and collect again; nothing was changed\n")
    assert _snapshot(folder) == before
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        p.name for p in Path(folder).iterdir() if not p.name.startswith(".staging-"))


def test_a_commentary_file_collect_made_is_removed_by_the_undo(pack, capsys):
    folder, returned = pack
    target = folder / "commentary" / "mh_employment.md"
    target.unlink()
    path = edit.edited(returned / "assistant-director-mental-health.docx",
                       lambda d: edit.write(d, "mh_employment", COMMENTARY_HEADING, ["New."]))
    assert main(["collect", str(folder), str(path)]) == 0
    assert target.read_text(encoding="utf-8") == "## Commentary\n\nNew.\n"
    assert main(["collect", str(folder), "--undo"]) == 0
    assert not target.exists()
    assert not (folder / ".collected").exists()  # the record before the collect: none
