"""The printed visit sheet (走访单): what is due, one line per visit, in large type, with a column to sign."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from typing import Sequence

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from app.reports import fonts
from app.reports.pdf import (
    BOTTOM_MARGIN, FRAME_PADDING, MARGIN, MAX_ROW_PART, UNDRAWABLE, break_chinese_properly, footed_canvas, long_day,
    markup, split_cell, write_atomically,
)

SUBJECT = "走访单"
EMPTY_TEXT = "目前没有待办的走访。"

# Elderly volunteers read this on a doorstep: body type no smaller than 13 pt, rows tall enough to sign in.
HEADING_SIZE = 20
BODY_SIZE = 13
SMALL_SIZE = 11  # the phone number under the name
MIN_ROW_HEIGHT = 14 * mm
CELL_PAD_X = 4
# Text columns keep a wider right padding for the punctuation that hangs past the line end (see _PUNCTUATION).
CELL_PAD_RIGHT = 7.5
CELL_PAD_Y = 5

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


def _day(day: datetime.date, on: datetime.date) -> str:
    """"11月20日" as markup, the year on a line above only when it is not the printing year.

    (Built by hand: strftime's %-d fails on Windows.)"""
    if day.year == on.year:
        return f"{day.month}月{day.day}日"
    return f"{day.year}年<br/>{day.month}月{day.day}日"


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


def _row_cells(number: int, row: SheetRow, on: datetime.date, st: dict[str, ParagraphStyle],
               widths: list[float]) -> list[list]:
    """The table rows of one visit: one row, or a row and continuation rows when its text is too long."""
    inner = [w - sum(_pads(i)) for i, w in enumerate(widths)]
    who = [Paragraph(markup(row.name), st["body"])]
    if str(row.phone or "").strip():
        who.append(Paragraph(markup(row.phone), st["small"]))
    matter = []
    what = markup(row.what)
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
        matter.append(Paragraph(markup(row.reason), st["body"]))

    limit = MAX_ROW_PART - 2 * CELL_PAD_Y
    who_parts = split_cell(who, inner[1], limit)
    where_parts = split_cell([Paragraph(markup(row.address), st["body"])], inner[2], limit)
    matter_parts = split_cell(matter, inner[3], limit)
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


def write_visit_sheet(path, rows: Sequence[SheetRow], *, club_name: str, on: datetime.date,
                      title: str = "走访单") -> int:
    """Render the sheet to ``path`` (A4 portrait) and return its number of pages.

    Every text is set in the bundled, embedded CJK font. With no rows the sheet still prints, saying so.
    """
    font = fonts.register()
    break_chinese_properly()
    st = _styles(font)
    club_name = UNDRAWABLE.sub("", str(club_name or "")).replace("\n", " ").replace("\r", " ")
    heading = f"{club_name}{title}"
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out, pagesize=A4,
        # SimpleDocTemplate's frame pads its content by 6 pt: the margins given are that much smaller, so the
        # table (FRAME_WIDTH wide) sits exactly MARGIN from either edge of the paper.
        leftMargin=MARGIN - FRAME_PADDING, rightMargin=MARGIN - FRAME_PADDING,
        topMargin=MARGIN - FRAME_PADDING, bottomMargin=BOTTOM_MARGIN - FRAME_PADDING,
        title=heading, author=club_name, subject=SUBJECT, creator="服务社工作台", lang="zh-CN",
        initialFontName=font, initialFontSize=BODY_SIZE,
    )
    story: list[Flowable] = [
        Paragraph(markup(heading), st["heading"]),
        Paragraph(f"打印日期：{long_day(on)}　共 {len(rows)} 项", st["info"]),
    ]
    if rows:
        story.append(_table(rows, on, st))
    else:
        story.append(Paragraph(EMPTY_TEXT, st["empty"]))
    pages: list[int] = []
    doc.build(story, canvasmaker=footed_canvas(font, club_name, pages))
    write_atomically(path, out.getvalue())
    return pages[0]
