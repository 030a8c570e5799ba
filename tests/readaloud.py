"""The text of a tagged PDF's marked content, read back in structure order: what a
screen reader would say for each element."""

from __future__ import annotations

import pikepdf


def _decoder(font):
    """Character codes -> text for one font, from its ToUnicode map."""
    mapping: dict[int, str] = {}
    two_byte = str(font.get("/Subtype")) == "/Type0"
    if "/ToUnicode" in font:
        data = font.ToUnicode.read_bytes().decode("latin-1")
        for block_kind in ("bfchar", "bfrange"):
            for block in data.split(f"begin{block_kind}")[1:]:
                body = block.split(f"end{block_kind}")[0]
                tokens = [t.strip("<>") for t in body.split() if t.startswith("<")]
                step = 2 if block_kind == "bfchar" else 3
                for i in range(0, len(tokens) - step + 1, step):
                    if step == 2:
                        code, text = tokens[i], tokens[i + 1]
                        mapping[int(code, 16)] = bytes.fromhex(text).decode("utf-16-be")
                    else:
                        low, high, text = tokens[i:i + 3]
                        start = int.from_bytes(bytes.fromhex(text), "big")
                        for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                            mapping[code] = chr(start + offset)

    def decode(raw: bytes) -> str:
        if two_byte:
            codes = [int.from_bytes(raw[i:i + 2], "big") for i in range(0, len(raw), 2)]
        else:
            codes = list(raw)
        return "".join(mapping.get(code, "") for code in codes)

    return decode


_read: dict[tuple[int, int], tuple[pikepdf.Pdf, dict[int, str]]] = {}


def _page_texts(pdf: pikepdf.Pdf, page_index: int) -> dict[int, str]:
    held = _read.get((id(pdf), page_index))
    if held is not None and held[0] is pdf:
        return held[1]
    page = pdf.pages[page_index]
    fonts = page.Resources.get("/Font", {})
    decoders = {}
    texts: dict[int, str] = {}
    stack: list[int | None] = []
    font = None
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op == "BDC":
            props = operands[1]
            stack.append(int(props.MCID) if isinstance(props, pikepdf.Dictionary)
                         and "/MCID" in props else None)
        elif op == "BMC":
            stack.append(None)
        elif op == "EMC":
            if stack:
                stack.pop()
        elif op == "Tf":
            name = str(operands[0])
            if name not in decoders:
                decoders[name] = _decoder(fonts[name])
            font = decoders[name]
        elif op in ("Tj", "'", '"', "TJ") and font is not None:
            current = next((m for m in reversed(stack) if m is not None), None)
            if current is None or (stack and stack[-1] is None):
                continue
            parts = operands[-1] if op == "TJ" else [operands[-1]]
            for part in parts:
                if isinstance(part, pikepdf.String):
                    texts[current] = texts.get(current, "") + font(bytes(part))
                elif op == "TJ" and float(part) < -200:
                    texts[current] = texts.get(current, "") + " "
        elif op in ("T*", "Td", "TD") and stack and stack[-1] is not None:
            texts[stack[-1]] = texts.get(stack[-1], "") + " "
    _read[id(pdf), page_index] = (pdf, texts)
    return texts


def marked_text(pdf: pikepdf.Pdf, page_index: int, mcid: int) -> str:
    return _page_texts(pdf, page_index).get(mcid, "").strip()
