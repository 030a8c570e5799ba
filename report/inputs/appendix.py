"""What the pack needs to know of an appendix PDF before merging it: that it opens, has
pages, and that its fonts are whole enough to be read and travel with it (embedded)."""

from __future__ import annotations

from pathlib import Path

FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def problem(target: Path) -> str | None:
    """Why an appendix PDF cannot be merged, or None."""
    import pikepdf

    try:
        with pikepdf.open(target) as pdf:
            if len(pdf.pages) == 0:
                return "has no pages"
            odd = page_shape_problem(pdf)
            if odd:
                return f"{odd} (export or print the document to PDF again)"
            damaged = sorted({why for font in fonts(pdf) if (why := font_damage(font))})
            if damaged:
                return (f"has a damaged font: {'; '.join(damaged)} (export or print the "
                        "document to PDF again)")
            loose = sorted({font_name(font) for font in fonts(pdf) if not embeds(font)})
            if loose:  # the pack is published accessible (PDF/UA), which such a file is not
                return (f"uses fonts it does not carry ({', '.join(loose)}), so the published "
                        "pack would not be accessible (PDF/UA) and could print differently "
                        "elsewhere; export the document to PDF again with its fonts embedded "
                        "(in Word: Save As PDF, Options, 'PDF/A compliant')")
    except pikepdf.PasswordError:
        return "is encrypted (password-protected); supply an unprotected copy"
    except Exception as exc:
        return f"cannot be read as a PDF; it may be damaged ({type(exc).__name__})"
    return None


# The sides of a page the pack can carry, in points: two inches, the smallest on which the
# pack's footer and a reader's text fit, to PDF's own largest (200 inches).
SMALLEST_SIDE, LARGEST_SIDE = 144, 14400


def page_shape_problem(pdf) -> str | None:
    """A page no reader could be shown as the pack shows it: one whose visible box (its
    media box) is not a plausible page, or that says it is turned other than by quarter
    turns; None when every page is plain."""
    for number, page in enumerate(pdf.pages, start=1):
        try:
            x0, y0, x1, y1 = (float(v) for v in page.mediabox)
        except (TypeError, ValueError):
            return f"page {number} has no page size"
        width, height = x1 - x0, y1 - y0
        if not (SMALLEST_SIDE <= width <= LARGEST_SIDE and SMALLEST_SIDE <= height <= LARGEST_SIDE):
            return (f"page {number} is {width:g} by {height:g} points, not a page the pack can "
                    f"carry: each side must be from {SMALLEST_SIDE} points, two inches, to "
                    f"{LARGEST_SIDE:,}, and A4 is 595 by 842")
        turn = page.obj.get("/Rotate", 0)
        try:
            quarter = float(turn) % 90 == 0
        except (TypeError, ValueError):
            quarter = False
        if not quarter:
            return f"page {number} says it is turned by {turn}, not by quarter turns"
    return None


def fonts(pdf):
    """Every font dictionary the file holds: its own objects, and those written straight
    into a page's resources."""
    import pikepdf

    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font":
            yield obj
    for page in pdf.pages:
        resources = page.obj.get("/Resources")
        listed = resources.get("/Font") if isinstance(resources, pikepdf.Dictionary) else None
        for font in listed.values() if isinstance(listed, pikepdf.Dictionary) else ():
            if isinstance(font, pikepdf.Dictionary) and not font.is_indirect:
                yield font


def font_name(font) -> str:
    return str(font.get("/BaseFont", "/?"))[1:]


def font_damage(font) -> str | None:
    """What a font lacks that a reader needs to draw it, or None."""
    import pikepdf

    if font.get("/Subtype") == "/Type0" and _descendant(font) is None:
        return f"the Type0 font {font_name(font)} has no /DescendantFonts"
    descriptor = _descriptor(font)
    if descriptor is not None and not isinstance(descriptor, pikepdf.Dictionary):
        return f"the font {font_name(font)} has a /FontDescriptor that is not a dictionary"
    return None


def embeds(font) -> bool:
    """True when the font's glyphs travel with the file (Type3 fonts draw their own)."""
    import pikepdf

    if font.get("/Subtype") == "/Type3":
        return True
    descriptor = _descriptor(font)
    return isinstance(descriptor, pikepdf.Dictionary) and any(key in descriptor
                                                              for key in FONT_FILES)


def _descendant(font):
    """A Type0 font's one descendant font, or None when it has none."""
    import pikepdf

    descendants = font.get("/DescendantFonts")
    if isinstance(descendants, pikepdf.Array) and len(descendants) \
            and isinstance(descendants[0], pikepdf.Dictionary):
        return descendants[0]
    return None


def _descriptor(font):
    if font.get("/Subtype") == "/Type0":
        descendant = _descendant(font)
        return None if descendant is None else descendant.get("/FontDescriptor")
    return font.get("/FontDescriptor")
