"""Reading a rendered PDF back as a reader would, with PDFium (pypdfium2, a dependency of the app): the text, the
lines as laid out on the page, the page count and size, and whether every font is embedded."""

from __future__ import annotations

import ctypes
import re
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium


def _document(path) -> pypdfium2.PdfDocument:
    return pypdfium2.PdfDocument(Path(path).read_bytes())


def page_count(path) -> int:
    return len(_document(path))


def page_size(path, index: int = 0) -> tuple[float, float]:
    """Width and height of a page, in points."""
    return tuple(_document(path)[index].get_size())


def text(path, first: int | None = None, last: int | None = None) -> str:
    """The text of pages ``first``..``last`` (counted from 1; all by default), page after page."""
    document = _document(path)
    first = first or 1
    last = last or len(document)
    return "\n".join(document[index].get_textpage().get_text_range() for index in range(first - 1, last))


def squeezed(path, first: int | None = None, last: int | None = None) -> str:
    """The text with every space and line break taken out (a line broken in a table cell still reads whole)."""
    return re.sub(r"\s+", "", text(path, first, last))


def layout_lines(path) -> list[str]:
    """Each line of each page as laid out, spaces removed: the characters sharing a baseline, left to right, so a
    table row reads as one line."""
    lines: list[str] = []
    document = _document(path)
    for page in document:
        textpage = page.get_textpage()
        rows: dict[int, list[tuple[float, str]]] = {}
        for index in range(textpage.count_chars()):
            char = textpage.get_text_range(index, 1)
            if not char.strip():
                continue
            left, bottom, right, top = textpage.get_charbox(index)
            middle = (bottom + top) / 2
            key = next((k for k in rows if abs(k - middle) <= max(2.5, (top - bottom) / 2)), None)
            rows.setdefault(round(middle) if key is None else key, []).append((left, char))
        for _, chars in sorted(rows.items(), key=lambda item: -item[0]):
            lines.append("".join(char for _, char in sorted(chars)))
    return lines


def fonts(path) -> dict[str, bool]:
    """Every font the pages' text uses, by name, and whether it is embedded in the file."""
    found: dict[str, bool] = {}
    document = _document(path)
    for page in document:
        for obj in page.get_objects(filter=[pdfium.FPDF_PAGEOBJ_TEXT]):
            font = pdfium.FPDFTextObj_GetFont(obj.raw)
            size = pdfium.FPDFFont_GetBaseFontName(font, None, 0)
            buffer = ctypes.create_string_buffer(size)
            pdfium.FPDFFont_GetBaseFontName(font, buffer, size)
            found[buffer.value.decode("utf-8", "replace")] = bool(pdfium.FPDFFont_GetIsEmbedded(font))
    return found


def image_count(path) -> int:
    """How many pictures the pages show."""
    return sum(len(list(page.get_objects(filter=[pdfium.FPDF_PAGEOBJ_IMAGE]))) for page in _document(path))
