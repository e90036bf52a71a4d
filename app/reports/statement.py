"""The printed volunteer statement (志愿服务时长明细): one person's hours, level and every ledger entry, in large type.

Plain data in (no database, no window): the caller passes the figures and the entries already labelled.
"""

from __future__ import annotations

import datetime
import io
from typing import Sequence

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app import timebank
from app.reports import fonts
from app.reports.pdf import (
    BOTTOM_MARGIN, FRAME_PADDING, MARGIN, MAX_ROW_PART, UNDRAWABLE, break_chinese_properly, footed_canvas, long_day,
    markup, split_cell, write_atomically,
)

SUBJECT = "志愿服务时长明细"
EMPTY_TEXT = "还没有时长记录。"

HEADING_SIZE = 20
SUMMARY_SIZE = 15  # the figures a volunteer asks about, larger than the table
BODY_SIZE = 13  # the table: never below 12 pt
CELL_PAD_X = 4
CELL_PAD_RIGHT = 7.5  # room for punctuation hanging past the line end (see visit_sheet)
CELL_PAD_Y = 4
HEADER_FILL = colors.HexColor("#DDDDDD")
SUMMARY_FILL = colors.HexColor("#F2F2F2")

FRAME_WIDTH = A4[0] - 2 * MARGIN
COLUMNS: tuple[tuple[str, float | None], ...] = (
    ("日期", 30 * mm),  # "2026-11-01" at 13 pt on one line
    ("类别", 17 * mm),
    ("时长", 20 * mm),
    ("来源", 25 * mm),
    ("说明", None),
)
COLUMN_WIDTHS = tuple(w if w is not None else FRAME_WIDTH - sum(v for _, v in COLUMNS if v is not None)
                      for _, w in COLUMNS)

Entry = tuple[str, str, float, str, str]  # date, kind label, hours (signed), source label, note


def _fmt(hours: float) -> str:
    """Hours as a person writes them: 3, 1.5, 0.25."""
    value = round(float(hours), 2)
    return f"{value + 0.0:g}"  # + 0.0 turns -0.0 into 0


def _signed(hours: float) -> str:
    value = round(float(hours), 2)
    if value > 0:
        return f"+{_fmt(value)}"
    if value < 0:
        return f"−{_fmt(-value)}"  # a true minus sign reads better than a hyphen in large type
    return "0"


def _styles(font: str) -> dict[str, ParagraphStyle]:
    def style(name, size, leading, **kw):
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, wordWrap="CJK", **kw)

    return {
        "heading": style("heading", HEADING_SIZE, HEADING_SIZE * 1.3, alignment=TA_LEFT, spaceAfter=2 * mm),
        "info": style("info", BODY_SIZE, BODY_SIZE * 1.4, alignment=TA_LEFT, spaceAfter=3 * mm),
        "label": style("label", SUMMARY_SIZE, SUMMARY_SIZE * 1.35, alignment=TA_LEFT),
        "value": style("value", SUMMARY_SIZE, SUMMARY_SIZE * 1.35, alignment=TA_LEFT),
        "next": style("next", SUMMARY_SIZE, SUMMARY_SIZE * 1.35, alignment=TA_LEFT),
        "empty": style("empty", BODY_SIZE + 1, (BODY_SIZE + 1) * 1.5, alignment=TA_LEFT, spaceBefore=4 * mm),
        "header": style("header", BODY_SIZE, BODY_SIZE * 1.3, alignment=TA_CENTER),
        "body": style("body", BODY_SIZE, BODY_SIZE * 1.35, alignment=TA_LEFT),
        "centre": style("centre", BODY_SIZE, BODY_SIZE * 1.35, alignment=TA_CENTER),
        "right": style("right", BODY_SIZE, BODY_SIZE * 1.35, alignment=TA_RIGHT),
    }


def _summary(st, *, name: str, masked_id: str, level: str | None, balance: float, earned_total: float,
             hours_this_year: float, next_level: tuple[str, float] | None) -> Table:
    """Two pairs of label and value a row, and the way to the next level across the foot."""
    def cell(text, key="value"):
        return Paragraph(markup(text), st[key])

    pairs = [
        ("姓名", name), ("身份证号", masked_id or "—"),
        ("等级", level or "未定级"), ("余额", f"{_fmt(balance)} 小时"),
        ("累计获得", f"{_fmt(earned_total)} 小时"), ("今年获得", f"{_fmt(hours_this_year)} 小时"),
    ]
    rows = []
    for i in range(0, len(pairs), 2):
        row = []
        for label, value in pairs[i:i + 2]:
            row += [cell(label, "label"), cell(value)]
        rows.append(row)
    ahead = (f"再得 {_fmt(next_level[1])} 小时升为{next_level[0]}" if next_level
             else "已是最高等级")
    rows.append([cell(ahead, "next"), "", "", ""])
    label_w = 26 * mm
    value_w = (FRAME_WIDTH - 2 * label_w) / 2
    table = Table(rows, colWidths=[label_w, value_w, label_w, value_w], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), st["value"].fontName, SUMMARY_SIZE),
        ("BOX", (0, 0), (-1, -1), 0.75, colors.black),
        ("INNERGRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("BACKGROUND", (0, 0), (0, -2), SUMMARY_FILL),
        ("BACKGROUND", (2, 0), (2, -2), SUMMARY_FILL),
        ("SPAN", (0, -1), (-1, -1)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD_RIGHT),
    ]))
    return table


def _entries_table(entries: Sequence[Entry], st) -> Table:
    data = [[Paragraph(header, st["header"]) for header, _ in COLUMNS]]
    note_width = COLUMN_WIDTHS[-1] - CELL_PAD_X - CELL_PAD_RIGHT
    for date_str, kind, hours, source, note in entries:
        # A huge note is cut into continuation rows ("（续）"), so no row is taller than a page.
        notes = split_cell([Paragraph(markup(note), st["body"])], note_width, MAX_ROW_PART - 2 * CELL_PAD_Y)
        data.append([
            Paragraph(markup(date_str), st["centre"]),
            Paragraph(markup(kind), st["centre"]),
            Paragraph(_signed(hours), st["right"]),
            Paragraph(markup(source), st["centre"]),
            notes[0],
        ])
        data += [[Paragraph("（续）", st["centre"]), "", "", "", part] for part in notes[1:]]
    table = Table(data, colWidths=list(COLUMN_WIDTHS), repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        # Table sets each cell's font itself: Helvetica (unembedded) unless told.
        ("FONT", (0, 0), (-1, -1), st["body"].fontName, BODY_SIZE),
        ("GRID", (0, 0), (-1, -1), 0.75, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PAD_Y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PAD_Y),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD_X),
        ("RIGHTPADDING", (-1, 0), (-1, -1), CELL_PAD_RIGHT),
    ]))
    return table


def _dated_canvas(font: str, club_name: str, on: datetime.date, pages: list[int]):
    """The visit sheet's footer (club name, "第 X 页，共 Y 页") with "打印日期" at the right."""
    return footed_canvas(font, club_name, pages, right=f"打印日期：{long_day(on)}")


def write_statement(path, *, club_name: str, on: datetime.date, name: str, masked_id: str, level: str | None,
                    balance: float, earned_total: float, hours_this_year: float,
                    next_level: tuple[str, float] | None, entries: Sequence[Entry]) -> int:
    """Render one volunteer's statement to ``path`` (A4 portrait) and return its number of pages.

    ``masked_id`` is shown as given: pass ``app.ids.mask_id`` of the ID number, never the number itself.
    ``entries`` are (date, kind label, signed hours, source label, note), oldest first.
    """
    font = fonts.register()
    break_chinese_properly()
    st = _styles(font)
    club_name = UNDRAWABLE.sub("", str(club_name or "")).replace("\n", " ").replace("\r", " ")
    heading = f"{club_name}{SUBJECT}"
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out, pagesize=A4,
        leftMargin=MARGIN - FRAME_PADDING, rightMargin=MARGIN - FRAME_PADDING,
        topMargin=MARGIN - FRAME_PADDING, bottomMargin=BOTTOM_MARGIN - FRAME_PADDING,
        title=f"{heading}：{name}", author=club_name, subject=SUBJECT, creator="服务社工作台", lang="zh-CN",
        initialFontName=font, initialFontSize=BODY_SIZE,
    )
    story: list[Flowable] = [
        Paragraph(markup(heading), st["heading"]),
        Paragraph(f"打印日期：{long_day(on)}　共 {len(entries)} 笔", st["info"]),
        _summary(st, name=name, masked_id=masked_id, level=level, balance=balance, earned_total=earned_total,
                 hours_this_year=hours_this_year, next_level=next_level),
        Spacer(0, 5 * mm),
    ]
    if entries:
        story.append(_entries_table(entries, st))
    else:
        story.append(Paragraph(EMPTY_TEXT, st["empty"]))
    pages: list[int] = []
    doc.build(story, canvasmaker=_dated_canvas(font, club_name, on, pages))
    write_atomically(path, out.getvalue())
    return pages[0]


def save_statement(db, person_id: int, path) -> int:
    """Print one person's statement (ID masked) to ``path``; returns the page count."""
    return write_statement(path, **timebank.printed_statement(db, person_id))
