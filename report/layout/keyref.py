"""Pointing to the key page (report/layout/key.py) from a page that uses its marks:
"Symbols, icons and chart marks are explained in the key, page 2", the page a link."""

from __future__ import annotations

from report.layout.context import Context

KEY = "key"  # the key page's anchor


def refer(ctx: Context, style: str = "small", before: str = "Symbols, icons and chart "
          "marks are explained in the key, ") -> list:
    """A line pointing to the key with its page ("…in the key, page 2."), linked, for a
    page that uses the marks; nothing where the layout has no key."""
    if KEY not in ctx.sections:
        return []
    return [ctx.inline_links([(before, None), ("page ", None), (None, KEY), (".", None)],
                             style)]


def beside_heading(ctx: Context, heading) -> list:
    """A page's heading with the pointer to the key on its right, on the heading's line
    (where a line of its own would push the page's end over)."""
    pointer = refer(ctx)
    if not pointer:
        return [heading]
    return [heading_with(ctx, heading, pointer[0], ctx.width * 0.3, lift=12)]


def heading_with(ctx: Context, heading, right, first: float, lift: float):
    """`heading` with `right` on its line, on the right of the `first` points it takes;
    `right`'s baseline `lift` points above the row's foot. The row keeps with what follows,
    as the heading did."""
    heading.inner.keepWithNext = 0
    row = ctx.grid([[heading, right]], [first, ctx.width - first], hAlign="LEFT",
                   style=[("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                          ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                          ("LEFTPADDING", (0, 0), (-1, -1), 0),
                          ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                          ("BOTTOMPADDING", (1, 0), (1, 0), lift)])
    row.keepWithNext = 1
    return row
