"""The printed visit sheet (走访单): what is due, one line per visit, in large type, with a column to sign."""

from __future__ import annotations

import datetime
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib import textsplit as rl_textsplit
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle
from reportlab.platypus import paragraph as rl_paragraph

from app.reports import fonts

SUBJECT = "走访单"
EMPTY_TEXT = "目前没有待办的走访。"

# Elderly volunteers read this on a doorstep: body type no smaller than 13 pt, rows tall enough to sign in.
HEADING_SIZE = 20
BODY_SIZE = 13
SMALL_SIZE = 11  # the phone number under the name
FOOTER_SIZE = 10
MIN_FOOTER_SIZE = 7
MARGIN = 15 * mm
_FRAME_PADDING = 6  # reportlab's Frame default, on every side
BOTTOM_MARGIN = 18 * mm  # the footer sits in the lower margin
FOOTER_Y = 9 * mm
MIN_ROW_HEIGHT = 14 * mm
CELL_PAD_X = 4
# Text columns keep a wider right padding for the punctuation that hangs past the line end (see _PUNCTUATION).
CELL_PAD_RIGHT = 7.5
CELL_PAD_Y = 5
# A row is cut into continuation rows ("（续）") beyond this height (about 40% of a page), so no row is ever
# taller than a page, and a long text pushed to the next page leaves little white space behind.
MAX_ROW_PART = 300

DARK_RED = "#8B0000"  # overdue
HEADER_FILL = colors.HexColor("#DDDDDD")
GRID_COLOR = colors.black

# Header and width of each column; 事由 takes what the others leave of the 180 mm between the margins.
FRAME_WIDTH = A4[0] - 2 * MARGIN
COLUMNS: tuple[tuple[str, float | None], ...] = (
    ("序号", 12 * mm),
    ("姓名", 30 * mm),  # an 11-digit phone at 11 pt fits on one line
    ("住址", 33 * mm),
    ("事由", None),
    ("应办日期", 23 * mm),  # "11月20日" on one line
    ("签名", 30 * mm),  # room to sign by hand
)
COLUMN_WIDTHS = tuple(w if w is not None else FRAME_WIDTH - sum(v for _, v in COLUMNS if v is not None)
                      for _, w in COLUMNS)


@dataclass(frozen=True)
class SheetRow:
    name: str
    address: str  # e.g. "12号楼 3单元 201室"
    phone: str
    what: str  # kind label, e.g. "住院看望", "节日慰问"
    reason: str  # why it is due, e.g. "重病报告：11月18日得知，应到医院看望" (may be long: it wraps)
    due: datetime.date
    overdue_days: int  # > 0 when overdue


# ---------------------------------------------------------------- text

# reportlab's CJK line breaking keeps 、。） off the start of a line (it lets them hang past the end of the line
# before) but not the full-width comma, colon and the rest, so "，子女在外地" could open a line. These are added
# to its list (a process-wide setting of reportlab, read by both of its CJK line breakers); their ink lies in the
# first half of the em, inside CELL_PAD_RIGHT. (？ is left out: its ink is wider.)
_PUNCTUATION = "，：；！”’》」』】"


def _break_chinese_properly() -> None:
    for module in (rl_textsplit, rl_paragraph):
        missing = "".join(c for c in _PUNCTUATION if c not in module.ALL_CANNOT_START)
        if missing:
            module.ALL_CANNOT_START += missing


# Control characters (other than the line breaks turned into <br/>) and lone surrogates cannot be drawn.
_UNDRAWABLE = re.compile("[\x00-\x09\x0b-\x1f\x7f\ud800-\udfff]")


def _markup(text: str) -> str:
    """Plain text as Paragraph markup: escaped, control characters dropped, line breaks kept."""
    text = str(text or "").replace("\r\n", "\n").replace("\r", "\n")
    text = _UNDRAWABLE.sub("", text)
    return "<br/>".join(escape(line) for line in text.split("\n"))


def _day(day: datetime.date, on: datetime.date) -> str:
    """"11月20日" as markup, the year on a line above only when it is not the printing year.

    (Built by hand: strftime's %-d fails on Windows.)"""
    if day.year == on.year:
        return f"{day.month}月{day.day}日"
    return f"{day.year}年<br/>{day.month}月{day.day}日"


def _long_day(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _styles(font: str) -> dict[str, ParagraphStyle]:
    # wordWrap="CJK" breaks Chinese between any two characters (it has no spaces to break at) and keeps
    # punctuation off the start of a line; a long run of Latin letters or digits is broken too, never cut.
    def style(name, size, leading, **kw):
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, wordWrap="CJK", **kw)

    return {
        "heading": style("heading", HEADING_SIZE, HEADING_SIZE * 1.3, alignment=TA_LEFT, spaceAfter=2 * mm),
        "info": style("info", BODY_SIZE, BODY_SIZE * 1.4, alignment=TA_LEFT, spaceAfter=4 * mm),
        "empty": style("empty", BODY_SIZE + 1, (BODY_SIZE + 1) * 1.5, alignment=TA_LEFT, spaceBefore=4 * mm),
        "header": style("header", BODY_SIZE, BODY_SIZE * 1.3, alignment=TA_CENTER),
        "body": style("body", BODY_SIZE, BODY_SIZE * 1.35, alignment=TA_LEFT),
        "centre": style("centre", BODY_SIZE, BODY_SIZE * 1.35, alignment=TA_CENTER),
        "small": style("small", SMALL_SIZE, SMALL_SIZE * 1.35, alignment=TA_LEFT, spaceBefore=1),
    }


# ---------------------------------------------------------------- the table


class _Strut(Flowable):
    """An invisible upright that gives a row its minimum height, so even a one-line row has room to sign."""

    def __init__(self, height: float):
        super().__init__()
        self.height = height

    def wrap(self, available_width, available_height):
        return 0, self.height

    def draw(self):
        pass


def _pads(column: int) -> tuple[float, float]:
    """Left and right padding of a column: the text columns leave room for hanging punctuation."""
    return CELL_PAD_X, (CELL_PAD_RIGHT if COLUMNS[column][0] in ("姓名", "住址", "事由") else CELL_PAD_X)


def _parts(flowables: list[Flowable], width: float, limit: float) -> list[list[Flowable]]:
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


def _row_cells(number: int, row: SheetRow, on: datetime.date, st: dict[str, ParagraphStyle],
               widths: list[float]) -> list[list]:
    """The table rows of one visit: one row, or a row and continuation rows when its text is too long."""
    inner = [w - sum(_pads(i)) for i, w in enumerate(widths)]
    who = [Paragraph(_markup(row.name), st["body"])]
    if str(row.phone or "").strip():
        who.append(Paragraph(_markup(row.phone), st["small"]))
    matter = []
    what = _markup(row.what)
    if (row.overdue_days or 0) > 0:
        late_text = f"已逾期 {row.overdue_days} 天"
        late = f'<font color="{DARK_RED}">{late_text}</font>'
        one_line = stringWidth(f"{row.what}　{late_text}", st["body"].fontName, BODY_SIZE) <= inner[3]
        if what and one_line:
            what = f"{what}　{late}"
        else:  # on its own line rather than broken in two
            matter.append(Paragraph(late, st["body"]))
    if what:
        matter.insert(0, Paragraph(what, st["body"]))
    if str(row.reason or "").strip():
        matter.append(Paragraph(_markup(row.reason), st["body"]))

    limit = MAX_ROW_PART - 2 * CELL_PAD_Y
    who_parts = _parts(who, inner[1], limit)
    where_parts = _parts([Paragraph(_markup(row.address), st["body"])], inner[2], limit)
    matter_parts = _parts(matter, inner[3], limit)
    first = [
        Paragraph(str(number), st["centre"]),
        who_parts[0],
        where_parts[0],
        matter_parts[0],
        Paragraph(_day(row.due, on), st["centre"]),
        _Strut(MIN_ROW_HEIGHT - 2 * CELL_PAD_Y),
    ]
    rows = [first]
    for k in range(1, max(len(who_parts), len(where_parts), len(matter_parts))):
        more = [Paragraph("（续）", st["small"])]
        rows.append([
            "",
            who_parts[k] if k < len(who_parts) else more,
            where_parts[k] if k < len(where_parts) else "",
            matter_parts[k] if k < len(matter_parts) else "",
            "",
            "",
        ])
    return rows


def _table(rows: Sequence[SheetRow], on: datetime.date, st: dict[str, ParagraphStyle]) -> Table:
    widths = list(COLUMN_WIDTHS)
    data = [[Paragraph(header, st["header"]) for header, _ in COLUMNS]]
    for i, row in enumerate(rows, start=1):
        data += _row_cells(i, row, on, st, widths)
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        # Table sets each cell's font before drawing it, flowable or not: Helvetica unless told, and then the
        # PDF would list an unembedded font.
        ("FONT", (0, 0), (-1, -1), st["body"].fontName, BODY_SIZE),
        ("GRID", (0, 0), (-1, -1), 0.75, GRID_COLOR),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PAD_Y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PAD_Y),
        *[(side, (i, 0), (i, -1), pad) for i in range(len(COLUMNS))
          for side, pad in zip(("LEFTPADDING", "RIGHTPADDING"), _pads(i))],
    ]))
    return table


# ---------------------------------------------------------------- pages


def _footed_canvas(font: str, club_name: str, pages: list[int], *, right: str = "", margin: float = MARGIN,
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


def _write_atomically(path, data: bytes) -> None:
    """Write beside ``path`` and move into place: a failed render never leaves half a PDF nor spoils the old one."""
    path = Path(path)
    part = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        part.write_bytes(data)
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)


def write_visit_sheet(path, rows: Sequence[SheetRow], *, club_name: str, on: datetime.date,
                      title: str = "走访单") -> int:
    """Render the sheet to ``path`` (A4 portrait) and return its number of pages.

    Every text is set in the bundled, embedded CJK font. With no rows the sheet still prints, saying so.
    """
    font = fonts.register()
    _break_chinese_properly()
    st = _styles(font)
    club_name = _UNDRAWABLE.sub("", str(club_name or "")).replace("\n", " ").replace("\r", " ")
    heading = f"{club_name}{title}"
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out, pagesize=A4,
        # SimpleDocTemplate's frame pads its content by 6 pt: the margins given are that much smaller, so the
        # table (FRAME_WIDTH wide) sits exactly MARGIN from either edge of the paper.
        leftMargin=MARGIN - _FRAME_PADDING, rightMargin=MARGIN - _FRAME_PADDING,
        topMargin=MARGIN - _FRAME_PADDING, bottomMargin=BOTTOM_MARGIN - _FRAME_PADDING,
        title=heading, author=club_name, subject=SUBJECT, creator="服务社工作台", lang="zh-CN",
        initialFontName=font, initialFontSize=BODY_SIZE,
    )
    story: list[Flowable] = [
        Paragraph(_markup(heading), st["heading"]),
        Paragraph(f"打印日期：{_long_day(on)}　共 {len(rows)} 项", st["info"]),
    ]
    if rows:
        story.append(_table(rows, on, st))
    else:
        story.append(Paragraph(EMPTY_TEXT, st["empty"]))
    pages: list[int] = []
    doc.build(story, canvasmaker=_footed_canvas(font, club_name, pages))
    _write_atomically(path, out.getvalue())
    return pages[0]
