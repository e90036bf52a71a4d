"""What the PDF renderers share: CJK line breaking, text as Paragraph markup, dates in words, cells cut into parts,
the footed canvas (club name, page X of Y, a right-hand text) and writing the file atomically."""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib import textsplit as rl_textsplit
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas
from reportlab.platypus import Flowable
from reportlab.platypus import paragraph as rl_paragraph


FRAME_PADDING = 6  # reportlab's Frame default, on every side: page margins are given that much smaller
FOOTER_SIZE = 10
MIN_FOOTER_SIZE = 7
MARGIN = 15 * mm
BOTTOM_MARGIN = 18 * mm  # the footer sits in the lower margin
FOOTER_Y = 9 * mm
# A table row is cut into continuation rows ("（续）") beyond this height (about 40% of a page), so no row is ever
# taller than a page, and a long text pushed to the next page leaves little white space behind.
MAX_ROW_PART = 300


# reportlab's CJK line breaking keeps 、。） off the start of a line (it lets them hang past the end of the line
# before) but not the full-width comma, colon and the rest, so "，子女在外地" could open a line. These are added
# to its list (a process-wide setting of reportlab, read by both of its CJK line breakers); their ink lies in the
# first half of the em, inside CELL_PAD_RIGHT. (？ is left out: its ink is wider.)
_PUNCTUATION = "，：；！”’》」』】"


def break_chinese_properly() -> None:
    for module in (rl_textsplit, rl_paragraph):
        missing = "".join(c for c in _PUNCTUATION if c not in module.ALL_CANNOT_START)
        if missing:
            module.ALL_CANNOT_START += missing


# Control characters (other than the line breaks turned into <br/>) and lone surrogates cannot be drawn.
UNDRAWABLE = re.compile("[\x00-\x09\x0b-\x1f\x7f\ud800-\udfff]")


def markup(text: str) -> str:
    """Plain text as Paragraph markup: escaped, control characters dropped, line breaks kept."""
    text = str(text or "").replace("\r\n", "\n").replace("\r", "\n")
    text = UNDRAWABLE.sub("", text)
    return "<br/>".join(escape(line) for line in text.split("\n"))


def long_day(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def split_cell(flowables: list[Flowable], width: float, limit: float) -> list[list[Flowable]]:
    """The flowables of one cell cut into parts no taller than ``limit`` (one part unless the text is huge)."""
    parts: list[list[Flowable]] = [[]]
    room = limit
    queue = list(flowables)
    while queue:
        flowable = queue.pop(0)
        _, height = flowable.wrap(width, limit)
        height += flowable.getSpaceBefore()
        if height <= room:
            parts[-1].append(flowable)
            room -= height
            continue
        pieces = flowable.split(width, room - flowable.getSpaceBefore()) if room > 0 else []
        if len(pieces) > 1:
            parts[-1].append(pieces[0])
            queue[0:0] = pieces[1:]
        elif not parts[-1]:  # cannot be split and taller than a part on its own: give it a part anyway
            parts[-1].append(flowable)
            room = 0
            continue
        else:
            queue.insert(0, flowable)
        parts.append([])
        room = limit
    return parts


def footed_canvas(font: str, club_name: str, pages: list[int], *, right: str = "", margin: float = MARGIN,
                   footer_y: float = FOOTER_Y):
    """A canvas class that holds its pages back until the end, then stamps the footer on each: the club name on
    the left, "第 X 页，共 Y 页" in the middle, ``right`` (a title, a print date) on the right. The rota and the
    statement use it too, with their own margins and right-hand text."""

    class FootedCanvas(canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._held: list[dict] = []

        def showPage(self):
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._held)
            for number, state in enumerate(self._held, start=1):
                self.__dict__.update(state)
                self._footer(number, total)
                canvas.Canvas.showPage(self)
            pages.append(total)
            super().save()

        def _fitted(self, text: str, room: float) -> tuple[str, float]:
            # A long text is set smaller, a very long one shortened with "…": it must not run into the page
            # count (the heading above the table carries it in full).
            size = FOOTER_SIZE
            while size > MIN_FOOTER_SIZE and stringWidth(text, font, size) > room:
                size -= 0.5
            while len(text) > 1 and stringWidth(text, font, size) > room:
                text = text[:-2] + "…"
            return text, size

        def _footer(self, number: int, total: int) -> None:
            width = self._pagesize[0]
            page_text = f"第 {number} 页，共 {total} 页"
            self.setFillColor(colors.black)
            self.setFont(font, FOOTER_SIZE)
            self.drawCentredString(width / 2, footer_y, page_text)
            room = width / 2 - stringWidth(page_text, font, FOOTER_SIZE) / 2 - margin - 3 * mm
            if club_name:
                text, size = self._fitted(club_name, room)
                self.setFont(font, size)
                self.drawString(margin, footer_y, text)
            if right:
                text, size = self._fitted(right, room)
                self.setFont(font, size)
                self.drawRightString(width - margin, footer_y, text)

    return FootedCanvas


def write_atomically(path, data: bytes) -> None:
    """Write beside ``path`` and move into place: a failed render never leaves half a PDF nor spoils the old one."""
    path = Path(path)
    part = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        part.write_bytes(data)
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)
