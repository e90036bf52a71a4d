"""The month's duty rota as a printable A4 landscape PDF and as an .xlsx sheet."""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Sequence

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

import sqlite_utils

from app import rota
from app.db.settings import get_setting
from app.reports import fonts
from app.reports.pdf import FRAME_PADDING, UNDRAWABLE, break_chinese_properly, footed_canvas, markup, write_atomically
from app.rota_print import RotaColumn, RotaDay, rota_rows
from app.reports.xlsx import (
    BOLD, BORDER, HEADER_FILL as XLSX_HEADER_FILL, TITLE_FONT, clean_text, display_width, print_setup, replacing,
    style_of, styled,
)

SUBJECT = "值班表"
SHEET_TITLE = "值班表"
COUNTS_SHEET = "值班次数"
WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
NAME_JOIN = "、"
NONE_TEXT = "—"  # no such shift that day
EMPTY_TEXT = "本月没有排班。"

# ---------------------------------------------------------------- the PDF's measures

PAGE = landscape(A4)  # 842 x 595 pt
MARGIN = 12 * mm
BOTTOM_MARGIN = 16 * mm  # the footer sits in the lower margin
FOOTER_Y = 6.5 * mm
FRAME_WIDTH = PAGE[0] - 2 * MARGIN
HEADING_SIZE = 20
# The looks tried, most readable first: (names' size, the cells' top padding). The first that needs no more
# pages than the last (the most compact) is printed. Names are never smaller than 12 pt.
LOOKS = ((13, 3), (12, 3), (12, 1.5))
MIN_NAME_SIZE = min(size for size, _ in LOOKS)
HEADER_SIZE = 12  # the shift's name in the header row
TIME_SIZE = 10  # its hours, under the name
NOTE_SIZE = 9.5  # "元旦节 放假" under the date
GAP_SIZE = 10  # "（缺 1 人）"
REASON_SIZE = 9  # why the place is empty
LEGEND_SIZE = 10
FOOTER_SIZE = 10
MIN_FOOTER_SIZE = 7
CELL_PAD_X = 4
MAX_COLUMN = 200  # no shift column grows wider than this (pt) for a long list of names
MAX_REASON_LINE = 130  # nor wider than this for an unfilled reason (about 14 characters)
MAX_NAME_LINES = 6  # beyond this a cell ends "…等 N 人" (a cell must never outgrow a page)
MAX_REASON = 60  # characters of an unfilled reason printed (the sheet keeps it whole)
MAX_NOTE = 30  # characters of a day's note printed

DARK_RED = "#8B0000"
HEADER_FILL = colors.HexColor("#DDDDDD")
OFF_FILL = colors.HexColor("#EFEFEF")  # weekends and days off, the whole row
NONE_FILL = colors.HexColor("#D4D4D4")  # a shift the day does not have, darker than a day off
GRID_COLOR = colors.black

# ---------------------------------------------------------------- the workbook's measures

DATE_FORMAT = 'm"月"d"日"'  # shows 12月1日 (the literal text quoted, as every Excel locale accepts)
XLSX_DARK_RED = "9C0006"
_OFF_XFILL = PatternFill("solid", fgColor="EFEFEF")
_NONE_XFILL = PatternFill("solid", fgColor="D9D9D9")
_XLINE = 15  # points per line of 11 pt text in a row


def is_day_off(day: RotaDay) -> bool:
    """Whether the day's row is shaded: ``day.off`` when given, else read from the weekday and the note."""
    if day.off is not None:
        return day.off
    note = day.note or ""
    if "上班" in note:
        return False
    return day.day.weekday() >= 5 or "放假" in note or "休" in note


def _day_label(day: datetime.date) -> str:
    """"12月1日 周二" (built by hand: strftime's %-d fails on Windows)."""
    return f"{day.month}月{day.day}日 {WEEKDAYS[day.weekday()]}"


def _title(club_name: str, month: datetime.date) -> str:
    return f"{club_name}{month.year}年{month.month}月值班表"


def _clip(text: str, limit: int) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _names(day: RotaDay, key: str) -> tuple[str, ...] | None:
    names = day.cells.get(key)
    if names is None:
        return None
    return tuple(n for n in (" ".join(str(n or "").split()) for n in names) if n)


def _gap(day: RotaDay, key: str, names: tuple[str, ...]) -> tuple[int | None, str] | None:
    """(how many are missing or None when unknown, the reason) for a shift that is short, else None."""
    reason = " ".join(str(day.unfilled.get(key) or "").split())
    need = day.need.get(key)
    if need is not None:
        missing = need - len(names)
        return (missing, reason) if missing > 0 else None
    if key in day.unfilled or not names:
        return None, reason
    return None


def _gap_label(missing: int | None) -> str:
    return "（缺人）" if missing is None else f"（缺 {missing} 人）"


# ---------------------------------------------------------------- the PDF


def _lines(items: Sequence[str], width: float, font: str, size: float) -> list[str]:
    """The items joined with 、 and broken into lines no wider than ``width``, only between items (a name is never
    cut in two unless it alone is wider than the line)."""
    lines: list[str] = []
    current = ""
    for i, item in enumerate(items):
        piece = item + (NAME_JOIN if i < len(items) - 1 else "")
        if current and stringWidth(current + piece, font, size) > width:
            lines.append(current)
            current = piece
        else:
            current += piece
    if current:
        lines.append(current)
    return lines


def _styles(font: str, size: float) -> dict[str, ParagraphStyle]:
    def style(name, font_size, leading=1.2, **kw):
        return ParagraphStyle(name, fontName=font, fontSize=font_size, leading=font_size * leading, wordWrap="CJK",
                              **kw)

    return {
        "heading": style("heading", HEADING_SIZE, 1.25, alignment=TA_LEFT),
        "legend": style("legend", LEGEND_SIZE, alignment=TA_RIGHT),
        "header": style("header", HEADER_SIZE, alignment=TA_CENTER),
        "time": style("time", TIME_SIZE, alignment=TA_CENTER),
        "date": style("date", size, alignment=TA_LEFT),
        "note": style("note", NOTE_SIZE, 1.15, alignment=TA_LEFT),
        "names": style("names", size, alignment=TA_CENTER),
        "none": style("none", size, alignment=TA_CENTER),
        "gap": style("gap", GAP_SIZE, 1.15, alignment=TA_CENTER, textColor=colors.HexColor(DARK_RED)),
        "reason": style("reason", REASON_SIZE, 1.15, alignment=TA_CENTER, textColor=colors.HexColor(DARK_RED)),
        "counts": style("counts", size, 1.3, alignment=TA_LEFT, spaceBefore=4 * mm),
        "empty": style("empty", size + 1, 1.5, alignment=TA_LEFT, spaceBefore=4 * mm),
    }


def _date_width(days: Sequence[RotaDay], font: str, size: float) -> float:
    widest = max((stringWidth(_day_label(d.day), font, size) for d in days), default=0)
    return max(widest, stringWidth("日期", font, HEADER_SIZE), stringWidth("12月30日 周三", font, size)) \
        + 2 * CELL_PAD_X + 4


def _column_widths(columns: Sequence[RotaColumn], days: Sequence[RotaDay], font: str, size: float) -> list[float]:
    """The date column as wide as its widest date; the shifts share the rest by what they hold."""
    date_width = _date_width(days, font, size)
    room = FRAME_WIDTH - date_width
    if not columns:
        return [FRAME_WIDTH]
    pads = 2 * CELL_PAD_X + 2  # 2 pt to spare, so a measured line never wraps on rounding
    # Three wishes a column: its widest name on a line; all of a day's names on one line; its reasons too.
    least, lined, wanted = [], [], []
    for column in columns:
        narrow = max(stringWidth(column.name, font, HEADER_SIZE), stringWidth(column.time, font, TIME_SIZE),
                     stringWidth(_gap_label(9), font, GAP_SIZE), stringWidth(NONE_TEXT, font, size))
        names_wide = reasons_wide = narrow
        for day in days:
            names = _names(day, column.key)
            if names:
                narrow = max(narrow, max(stringWidth(n + NAME_JOIN, font, size) for n in names))
                names_wide = max(names_wide, stringWidth(NAME_JOIN.join(names), font, size))
            gap = _gap(day, column.key, names) if names is not None else None
            if gap is not None and gap[1]:  # a short reason on one line, a long one in a few
                reason = _clip(gap[1], MAX_REASON)
                reasons_wide = max(reasons_wide, min(stringWidth(reason, font, REASON_SIZE), MAX_REASON_LINE))
        narrow = min(narrow, MAX_COLUMN)
        names_wide = max(min(names_wide, MAX_COLUMN), narrow)
        least.append(narrow + pads)
        lined.append(names_wide + pads)
        wanted.append(max(names_wide, reasons_wide) + pads)
    if sum(wanted) <= room:  # every wish granted: the room left is shared equally
        extra = (room - sum(wanted)) / len(columns)
        return [date_width, *(w + extra for w in wanted)]
    # Names on one line come first (they are in every row), then the reasons (a few rows).
    for base, wish in ((lined, wanted), (least, lined)):
        if sum(base) <= room:
            spare = room - sum(base)
            more = [w - b for w, b in zip(wish, base)]
            widths = [b + spare * m / sum(more) for b, m in zip(base, more)]
            break
    else:  # a name itself wraps: shrink all alike
        widths = [room * w / sum(least) for w in least]
    return [date_width, *widths]


def _date_cell(day: RotaDay, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    cell = [Paragraph(markup(_day_label(day.day)), st["date"])]
    note = _clip(day.note, MAX_NOTE)
    if note:
        cell.append(Paragraph(markup(note), st["note"]))
    return cell


def _shift_cell(day: RotaDay, key: str, inner: float, st: dict[str, ParagraphStyle]) -> list[Flowable] | None:
    """The cell's flowables, or None for a shift the day does not have."""
    names = _names(day, key)
    if names is None:
        return None
    style = st["names"]
    cell: list[Flowable] = []
    if names:
        lines = _lines(names, inner - 2, style.fontName, style.fontSize)
        if len(lines) > MAX_NAME_LINES:
            lines = lines[:MAX_NAME_LINES - 1] + [f"…等 {len(names)} 人"]
        cell.append(Paragraph("<br/>".join(markup(line) for line in lines), style))
    gap = _gap(day, key, names)
    if gap is not None:
        missing, reason = gap
        cell.append(Paragraph(_gap_label(missing), st["gap"]))
        if reason:
            cell.append(Paragraph(markup(_clip(reason, MAX_REASON)), st["reason"]))
    return cell


def _table(columns: Sequence[RotaColumn], days: Sequence[RotaDay], widths: list[float],
           st: dict[str, ParagraphStyle], pad: float) -> Table:
    header: list = [Paragraph("日期", st["header"])]
    for column in columns:
        head = [Paragraph(markup(column.name), st["header"])]
        if column.time:
            head.append(Paragraph(markup(column.time), st["time"]))
        header.append(head)
    data = [header]
    commands = [
        # Table sets each cell's font before drawing it, flowable or not: Helvetica unless told, and then the
        # PDF would list an unembedded font.
        ("FONT", (0, 0), (-1, -1), st["names"].fontName, st["names"].fontSize),
        ("GRID", (0, 0), (-1, -1), 0.75, GRID_COLOR),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD_X),
        ("TOPPADDING", (0, 0), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad + 1),  # the type sits a little high in its line
    ]
    for row, day in enumerate(days, start=1):
        if is_day_off(day):
            commands.append(("BACKGROUND", (0, row), (-1, row), OFF_FILL))
        cells: list = [_date_cell(day, st)]
        for index, column in enumerate(columns, start=1):
            cell = _shift_cell(day, column.key, widths[index] - 2 * CELL_PAD_X, st)
            if cell is None:
                commands.append(("BACKGROUND", (index, row), (index, row), NONE_FILL))
                cell = Paragraph(NONE_TEXT, st["none"])
            cells.append(cell)
        data.append(cells)
    return Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT", style=TableStyle(commands))


def _heading(heading: str, st: dict[str, ParagraphStyle]) -> Table:
    """The title on the left, the key to the shading on the right, on one line."""
    legend = f"灰底：周末、节假日　“{NONE_TEXT}”：当天无此班次"
    legend_width = stringWidth(legend, st["legend"].fontName, LEGEND_SIZE) + 4
    table = Table([[Paragraph(markup(heading), st["heading"]), Paragraph(legend, st["legend"])]],
                  colWidths=[FRAME_WIDTH - legend_width, legend_width], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), st["legend"].fontName, LEGEND_SIZE),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm),
    ]))
    return table


def _counts(counts: Sequence[tuple[str, int]], st: dict[str, ParagraphStyle]) -> Paragraph:
    """"本月值班次数：王志愿 9 次、李志愿 8 次 …", wrapped between people, the lines aligned after the label."""
    label = "本月值班次数："
    style = st["counts"]
    items = [f"{' '.join(str(name or '').split())} {int(times)} 次" for name, times in counts]
    if not items:
        return Paragraph(label + "无", style)
    indent = stringWidth(label, style.fontName, style.fontSize)
    lines = _lines(items, FRAME_WIDTH - indent - 2, style.fontName, style.fontSize)
    hanging = ParagraphStyle("counts_hanging", parent=style, leftIndent=indent, firstLineIndent=-indent)
    return Paragraph(markup(label) + "<br/>".join(markup(line) for line in lines), hanging)


def _render(size: float, pad: float, font: str, club_name: str, month: datetime.date, columns: Sequence[RotaColumn],
            days: Sequence[RotaDay], counts: Sequence[tuple[str, int]]) -> tuple[bytes, int]:
    st = _styles(font, size)
    heading = _title(club_name, month)
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out, pagesize=PAGE,
        # The frame pads its content by 6 pt: the margins given are that much smaller, so the table
        # (FRAME_WIDTH wide) sits exactly MARGIN from either edge of the paper.
        leftMargin=MARGIN - FRAME_PADDING, rightMargin=MARGIN - FRAME_PADDING,
        topMargin=MARGIN - FRAME_PADDING, bottomMargin=BOTTOM_MARGIN - FRAME_PADDING,
        title=heading, author=club_name, subject=SUBJECT, creator="服务社工作台", lang="zh-CN",
        initialFontName=font, initialFontSize=size,
    )
    story: list[Flowable] = [_heading(heading, st)]
    if days:
        story.append(_table(columns, days, _column_widths(columns, days, font, size), st, pad))
    else:
        story.append(Paragraph(EMPTY_TEXT, st["empty"]))
    story.append(_counts(counts, st))
    pages: list[int] = []
    doc.build(story, canvasmaker=footed_canvas(font, club_name, pages, right=f"{month.year}年{month.month}月值班表",
                                                       margin=MARGIN, footer_y=FOOTER_Y))
    return out.getvalue(), pages[0]


def write_rota_pdf(path, *, club_name: str, month: datetime.date, columns: Sequence[RotaColumn],
                   days: Sequence[RotaDay], counts: Sequence[tuple[str, int]]) -> int:
    """Render the month to ``path`` (A4 landscape) and return its number of pages.

    One row a day, one column a shift; the header row repeats on every page. Names are set in 13 pt, or in
    12 pt and tighter rows when that saves a page (see LOOKS). Every text is in the bundled, embedded CJK font.
    """
    font = fonts.register()
    break_chinese_properly()
    club_name = UNDRAWABLE.sub("", str(club_name or "")).replace("\n", " ").replace("\r", " ")
    *readable, compact = LOOKS
    data, pages = _render(*compact, font, club_name, month, columns, days, counts)
    for look in readable:
        better = _render(*look, font, club_name, month, columns, days, counts)
        if better[1] <= pages:
            data, pages = better
            break
    write_atomically(path, data)
    return pages


# ---------------------------------------------------------------- the workbook


def _cell_text(day: RotaDay, key: str) -> tuple[str, str]:
    """(what the sheet shows for a shift, its kind: "none", "short" or "text")."""
    names = _names(day, key)
    if names is None:
        return NONE_TEXT, "none"
    parts = [NAME_JOIN.join(names)] if names else []
    gap = _gap(day, key, names)
    if gap is not None:
        missing, reason = gap
        short = "缺人" if missing is None else f"缺 {missing} 人"
        parts.append(f"{short}：{reason}" if reason else short)
    return "\n".join(parts), "text" if gap is None else "short"


def _lines_in(text: str, width: float) -> int:
    """Lines a wrapped cell takes in a column ``width`` characters wide."""
    return sum(max(1, -(-display_width(line) // max(1, int(width) - 1))) for line in text.split("\n"))


def write_rota_xlsx(path, *, club_name: str, month: datetime.date, columns: Sequence[RotaColumn],
                    days: Sequence[RotaDay], counts: Sequence[tuple[str, int]]) -> None:
    """The month as a 值班表 sheet (title, header, one row a day) and a 值班次数 sheet (姓名, 次数).

    Text is always stored as text, never a formula; dates are dates shown as 12月1日.
    """
    club_name = clean_text(str(club_name or "")).replace("\n", " ")
    headers = ["日期", "星期", *(f"{c.name} {c.time}".strip() for c in columns), "备注"]
    rows = []
    for day in days:
        shifts = [_cell_text(day, c.key) for c in columns]
        rows.append((day, shifts))

    # Widths: about two units a Chinese character; a shift's column fits its longest line of names, and a short
    # gap's reason (a long one wraps).
    widths = [10, 6]
    for index, column in enumerate(columns):
        longest = max([display_width(column.name) + 2, 10] + [
            display_width(NAME_JOIN.join(_names(day, column.key) or ())) for day in days])
        reasons = max([display_width(shifts[index][0].split("\n")[-1]) for _, shifts in rows
                       if shifts[index][1] == "short"]
                      + [0])
        widths.append(min(max(longest, min(reasons, 32)) + 3, 36))
    widths.append(max([display_width(day.note or "") for day in days] + [8]) + 3)
    widths[-1] = min(widths[-1], 30)

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(SHEET_TITLE)
    for index, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "C3"  # the title and header, and the date while scrolling right
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    print_setup(ws)  # A4 landscape, 1 page wide, the header row on every page, page numbers
    ws.print_options.horizontalCentered = True

    ws.row_dimensions[1].height = 26
    header_lines = max(_lines_in(h, w) for h, w in zip(headers, widths))
    ws.row_dimensions[2].height = header_lines * _XLINE + 4
    ws.append([styled(ws, _title(club_name, month), style_of(ws, font=TITLE_FONT))])
    header_style = style_of(ws, font=BOLD, fill=XLSX_HEADER_FILL, border=BORDER,
                             alignment=Alignment(horizontal="center", vertical="center", wrap_text=True))
    ws.append([styled(ws, h, header_style) for h in headers])

    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    left = Alignment(horizontal="left", vertical="center", wrap_text=True)
    styles = {}
    for off in (False, True):
        fill = {"fill": _OFF_XFILL} if off else {}
        styles[off] = {
            "date": style_of(ws, number_format=DATE_FORMAT, border=BORDER, alignment=left, **fill),
            "text": style_of(ws, border=BORDER, alignment=centre, **fill),
            "short": style_of(ws, border=BORDER, alignment=centre, font=Font(color=XLSX_DARK_RED), **fill),
            "none": style_of(ws, border=BORDER, alignment=centre, fill=_NONE_XFILL),
            "note": style_of(ws, border=BORDER, alignment=left, **fill),
        }
    for number, (day, shifts) in enumerate(rows, start=3):
        style = styles[is_day_off(day)]
        cells = [Cell(ws, row=1, column=1, value=day.day, style_array=style["date"]),
                 styled(ws, WEEKDAYS[day.day.weekday()], style["text"])]
        for text, kind in shifts:
            cells.append(styled(ws, text, style[kind]))
        cells.append(styled(ws, day.note or "", style["note"]))
        lines = max([1] + [_lines_in(text, w) for (text, _), w in zip(shifts, widths[2:])]
                    + [_lines_in(day.note or "", widths[-1])])
        ws.row_dimensions[number].height = min(lines * _XLINE + 3, 409)  # Excel's tallest row
        ws.append(cells)

    tally = wb.create_sheet(COUNTS_SHEET)
    tally.column_dimensions["A"].width = min(max([display_width(str(n or "")) for n, _ in counts] + [8]) + 4, 40)
    tally.column_dimensions["B"].width = 8
    tally.freeze_panes = "A2"
    tally.append([styled(tally, h, header_style) for h in ("姓名", "次数")])
    for name, times in counts:
        tally.append([styled(tally, str(name or ""), None) if name else None, int(times)])

    with replacing(path) as part:
        wb.save(part)


def save_rota_pdf(db: sqlite_utils.Database, month: str, path: str | Path) -> int:
    """The month's rota as planned, printed A4 landscape to ``path``; returns the pages."""
    columns, days, counts = rota_rows(db, month)
    return write_rota_pdf(Path(path), club_name=get_setting(db, "club_name", ""), month=rota.month_bounds(month)[0],
                          columns=columns, days=days, counts=counts)


def save_rota_xlsx(db: sqlite_utils.Database, month: str, path: str | Path) -> None:
    """The month's rota as planned, as a workbook at ``path``."""
    columns, days, counts = rota_rows(db, month)
    write_rota_xlsx(Path(path), club_name=get_setting(db, "club_name", ""), month=rota.month_bounds(month)[0],
                    columns=columns, days=days, counts=counts)
