"""An appendix PDF carrying every kind of active content a partner's file might bring:
scripts, launch and form actions, links to local files and other documents, media,
embedded files, additional actions and a fillable form - beside the ordinary web, email
and internal links that must survive."""

from __future__ import annotations

from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String

WEB_LINK = "https://www.example.org/carers-forum/report"
MAIL_LINK = "mailto:carers.forum@example.org"
# what the build warning must say went, kind by kind
REMOVED = [
    "6 JavaScript actions",  # open action, document /AA and name tree, page /AA, a link and
    # an internal link's next action (the form field's own script goes with the form)
    "1 launch action",
    "3 form actions",  # submit, import, reset
    "2 links to other files",  # GoToR, GoToE
    "3 media actions",  # Rendition, Movie, Sound
    "3 links that are not web or email addresses",  # file://, javascript:, a relative one
    "3 embedded files",  # an attachment (listed twice), a FileAttachment note, a page's /AF
    "1 fillable form",
    "3 multimedia or 3D elements",  # RichMedia, 3D, Screen
]
FIELD_VALUE = "Filled in by the forum"


def _js(code: str) -> Dictionary:
    return Dictionary(Type=Name.Action, S=Name.JavaScript, JS=String(code))


def _link(pdf: pikepdf.Pdf, rect, action=None, **extra) -> pikepdf.Object:
    annot = Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array(rect),
                       Border=Array([0, 0, 0]), **extra)
    if action is not None:
        annot.A = action
    return pdf.make_indirect(annot)


def _file(pdf: pikepdf.Pdf, name: str, data: bytes) -> pikepdf.Object:
    return pikepdf.AttachedFileSpec(pdf, data, filename=name).obj


def make(path: Path) -> Path:
    pdf = pikepdf.new()
    for _ in range(2):
        pdf.add_blank_page(page_size=(595, 842))
    first, second = pdf.pages[0], pdf.pages[1]
    first.obj.Contents = pdf.make_stream(b"0.9 g 50 700 495 40 re f")

    pdf.Root.OpenAction = _js("app.alert('opened')")
    pdf.Root.AA = Dictionary(WC=_js("app.alert('closing')"))
    scripts = pikepdf.NameTree.new(pdf)
    scripts["init"] = pdf.make_indirect(_js("this.print()"))
    places = pikepdf.NameTree.new(pdf)
    places["part-two"] = Array([pdf.pages[1].obj, Name.Fit])
    pdf.Root.Names = Dictionary(JavaScript=scripts.obj, Dests=places.obj)
    pdf.attachments["payload.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ\x90\x00",
                                                              filename="payload.exe")
    first.obj.AA = Dictionary(O=_js("app.launchURL('https://tracker.example')"))
    first.obj.AF = Array([_file(pdf, "data.csv", b"a,b\n1,2\n")])

    row = iter(range(800, 0, -22))

    def rect():
        y = next(row)
        return [60, y - 18, 300, y]

    goto_second = Dictionary(S=Name.GoTo, D=Array([second.obj, Name.Fit]))
    annots = [
        _link(pdf, rect(), _js("app.alert('clicked')")),
        _link(pdf, rect(), Dictionary(S=Name.Launch, F=String("C:\\Windows\\calc.exe"))),
        _link(pdf, rect(), Dictionary(S=Name.URI, URI=String("file:///etc/passwd"))),
        _link(pdf, rect(), Dictionary(S=Name.URI, URI=String("javascript:alert(1)"))),
        _link(pdf, rect(), Dictionary(S=Name.URI, URI=String("../secrets/minutes.docx"))),
        _link(pdf, rect(), Dictionary(S=Name.URI, URI=String(WEB_LINK))),
        _link(pdf, rect(), Dictionary(S=Name.URI, URI=String(MAIL_LINK))),
        _link(pdf, rect(), None, Dest=Array([second.obj, Name.Fit])),
        _link(pdf, rect(), Dictionary(S=Name.GoTo, D=String("part-two"))),  # a named place
        _link(pdf, rect(), Dictionary(S=Name.GoTo, D=Array([second.obj, Name.Fit]),
                                      Next=_js("app.alert('next')"))),
        _link(pdf, rect(), Dictionary(S=Name.GoToR, F=String("other.pdf"),
                                      D=Array([0, Name.Fit]))),
        _link(pdf, rect(), Dictionary(S=Name.GoToE, T=Dictionary(R=Name.C, N=String("x")),
                                      D=Array([0, Name.Fit]))),
        _link(pdf, rect(), Dictionary(S=Name.SubmitForm, F=Dictionary(
            FS=Name.URL, F=String("https://collector.example/form")))),
        _link(pdf, rect(), Dictionary(S=Name.ImportData, F=String("values.fdf"))),
        _link(pdf, rect(), Dictionary(S=Name.ResetForm)),
        _link(pdf, rect(), Dictionary(S=Name.Rendition, OP=0)),
        _link(pdf, rect(), Dictionary(S=Name.Movie, T=String("clip"))),
        _link(pdf, rect(), Dictionary(S=Name.Sound, Sound=pdf.make_stream(b"\x00" * 8))),
        pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.FileAttachment,
                                     Rect=Array(rect()), FS=_file(pdf, "notes.txt", b"hi"),
                                     Contents=String("notes"))),
        pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.RichMedia,
                                     Rect=Array(rect()))),
        pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name("/3D"), Rect=Array(rect()))),
        pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Screen, Rect=Array(rect()))),
    ]
    # a filled-in form field: its value must still print once the form is gone
    appearance = pdf.make_stream(b"BT /Helv 12 Tf 2 5 Td (" + FIELD_VALUE.encode() + b") Tj ET")
    appearance.Type, appearance.Subtype = Name.XObject, Name.Form
    appearance.BBox = Array([0, 0, 240, 20])
    appearance.Resources = Dictionary(Font=Dictionary(Helv=Dictionary(
        Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)))
    field = pdf.make_indirect(Dictionary(
        Type=Name.Annot, Subtype=Name.Widget, FT=Name.Tx, T=String("comment"),
        V=String(FIELD_VALUE), Rect=Array(rect()), F=4, P=first.obj,
        AP=Dictionary(N=appearance), AA=Dictionary(K=_js("event.rc = true"))))
    annots.append(field)
    pdf.Root.AcroForm = Dictionary(Fields=Array([field]), XFA=pdf.make_stream(b"<xdp/>"))
    first.obj.Annots = Array(annots)
    second.obj.Annots = Array([_link(pdf, [60, 700, 300, 720], goto_second)])
    pdf.save(path)
    return path
