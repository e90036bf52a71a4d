"""What the .xlsx renderers share: the title, header and border styles, text a worksheet can hold, cells that are
never formulas, cells written as XML, display widths of Chinese text, A4 landscape print set-up, and writing the
file atomically."""

from __future__ import annotations

import contextlib
import datetime
import os
import re
import unicodedata
from pathlib import Path
from typing import Any

from openpyxl.cell import Cell
from openpyxl.styles import Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet


# What a worksheet cannot hold: XML 1.0 forbids these code points (openpyxl refuses the C0 controls and
# writes U+FFFE/U+FFFF into a file nothing can open again). They are dropped from every text cell.
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

TITLE_FONT = Font(size=16, bold=True)
BOLD = Font(bold=True)
_THIN = Side(style="thin", color="808080")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def clean_text(text: str) -> str:
    """Text as a worksheet can hold it: unstorable control characters dropped, CR and CRLF made LF.

    XML reading turns a bare CR into LF anyway, so normalising here makes what is written what is read back.
    """
    if _UNSTORABLE.search(text):
        text = _UNSTORABLE.sub("", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


# Cells streamed as XML past openpyxl (about 20 µs a cell through its ElementTree writer: the roster export of
# 100,000 people and the month's return of 300,000 write their data rows themselves, in a probe row's place).
MAX_CELL_TEXT = 32767  # Excel's limit; a longer cell makes it "repair" the file
EXCEL_EPOCH = datetime.date(1899, 12, 30)
_SPECIAL = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_XML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def inline_text(text: str) -> str | None:
    """A non-empty text cell's <is> content, or None when nothing storable is left."""
    if len(text) > MAX_CELL_TEXT:
        text = text[:MAX_CELL_TEXT]
    if _SPECIAL.search(text):
        text = clean_text(text).translate(_XML_ESCAPES)
        if not text:
            return None
    if text[0].isspace() or text[-1].isspace():
        return f'<is><t xml:space="preserve">{text}</t></is>'
    return f"<is><t>{text}</t></is>"


def excel_serial(day: datetime.date) -> int:
    serial = (day - EXCEL_EPOCH).days
    return serial - 1 if serial < 61 else serial  # Excel counts a 29 February 1900 that never was


def style_of(ws, **style: Any):
    """A style array to hand to new cells (building it once is much cheaper than styling every cell)."""
    cell = Cell(ws)
    for key, value in style.items():
        setattr(cell, key, value)
    return cell._style


def styled(ws, value: Any, style) -> Cell:
    if isinstance(value, str):
        value = clean_text(value) or None
    cell = Cell(ws, row=1, column=1, value=value, style_array=style)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text begins with
    return cell


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def print_setup(ws) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as it takes
    ws.print_title_rows = "2:2"
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


@contextlib.contextmanager
def replacing(path):
    """A file beside ``path`` to write, moved into place only when the block succeeds: a failed export never
    leaves half a file under the name, nor spoils an earlier file of that name."""
    path = Path(path)
    part = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        yield part
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)
