"""The monthly return to the branch (月报表) as .xlsx, and the branch's consolidation of many clubs' returns.

The layout is a contract with the branch (docs/branch-return.md): fixed sheet names, fixed columns, the
summary's cells where they are, and a version cell (汇总!B5) so the layout can change without a reader being
misled. The summary's totals are formulas over the register sheets; each formula is stored with its value as
the app computed it (openpyxl writes formulas without one), so a reader that does not recalculate sees the
same figures as Excel or LibreOffice after recalculating. Every text cell is text: a name or a note that begins
with = + - @ is never a formula.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import sqlite_utils

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.meetings import MEETING_KINDS
from app.month_report import (
    ACTIVITY_TYPES, CHANGES, COVERED, FIGURES, GROUP_OPEN, MEETING_TYPE, UNCOVERED, YES, MonthReport, gather,
)
from app.reports.xlsx import (
    BOLD, BORDER, HEADER_FILL, TITLE_FONT, display_width, excel_serial, inline_text, replacing, style_of, styled,
)
from app.visits import REPORT_STATUSES, VISIT_KINDS

VERSION = 1  # the layout's version, in 汇总!B5; raise it when a sheet or a column changes
SUMMARY = "汇总"
VERSION_CELL = "B5"
MONTH_CELL = "B4"
CLUB_CELL = "B3"
PEOPLE_CELL = "B7"
MEMBERS_CELL = "B8"
TABLE_HEADER_ROW = 10  # 指标 | 数值 | 代码; the figures start on the next row
SUMMARY_HEADERS = ("指标", "数值", "代码")
DATE_FORMAT = "yyyy-mm-dd"

ROSTER, VISITS, REPORTS, AID, HOURS, EVENTS = "人员变动", "走访", "必报事项", "互助组", "志愿时长", "会议活动"
SHEETS: dict[str, tuple[str, ...]] = {
    ROSTER: ("序号", "姓名", "变动", "日期", "性别", "出生日期", "身份证号", "党员", "住址"),
    VISITS: ("序号", "日期", "被走访人", "类别", "住址", "走访人", "做了什么", "约定回访"),
    REPORTS: ("序号", "得知日期", "类别", "涉及人员", "事项", "报给", "上报日期", "结案日期", "月末状态", "本月得知",
              "本月上报", "本月结案"),
    AID: ("序号", "被帮扶人", "困难情况", "方式", "帮扶人", "成立日期", "结束日期", "月末状态", "覆盖情况", "本月变化",
          "本月成立", "本月结束"),
    HOURS: ("序号", "姓名", "本月时长", "走访", "值班", "活动", "其他", "累计时长", "等级", "本月升级"),
    EVENTS: ("序号", "日期", "类型", "类别", "名称或议题", "地点", "参加人数", "受益人次", "志愿时长"),
}
SHEET_ORDER = (SUMMARY, ROSTER, VISITS, REPORTS, AID, HOURS, EVENTS)
EMPTY = {ROSTER: "本月没有人员变动", VISITS: "本月没有走访记录", REPORTS: "本月没有必报事项",
         AID: "没有互助组，也没有需要覆盖的人", HOURS: "本月没有记入志愿服务时长", EVENTS: "本月没有会议和活动"}
# Columns wrapped rather than widened past this many character widths.
MAX_WIDTH = 40


def _col(sheet: str, header: str) -> str:
    """A whole column of a register sheet by its header: '走访'!$D:$D."""
    letter = get_column_letter(SHEETS[sheet].index(header) + 1)
    return f"'{sheet}'!${letter}:${letter}"


def _countif(sheet: str, header: str, value: str) -> str:
    return f'COUNTIF({_col(sheet, header)},"{value}")'


def formulas() -> dict[str, str]:
    """The summary's formula for every figure code (without the leading "=")."""
    f = {code: _countif(ROSTER, "变动", label) for code, label in CHANGES.items()}
    f["visits"] = f"COUNT({_col(VISITS, '序号')})"
    for kind, label in VISIT_KINDS.items():
        f[f"visits_{kind}"] = _countif(VISITS, "类别", label)
    f["reports_opened"] = _countif(REPORTS, "本月得知", YES)
    f["reports_reported"] = _countif(REPORTS, "本月上报", YES)
    f["reports_closed"] = _countif(REPORTS, "本月结案", YES)
    f["reports_pending"] = (f"{_countif(REPORTS, '月末状态', REPORT_STATUSES['open'])}"
                            f"+{_countif(REPORTS, '月末状态', REPORT_STATUSES['reported'])}")
    f["aid_groups"] = _countif(AID, "月末状态", GROUP_OPEN)
    for code, mode in (("aid_one_on_one", "一对一"), ("aid_many_help_one", "多帮一")):
        f[code] = f'COUNTIFS({_col(AID, "月末状态")},"{GROUP_OPEN}",{_col(AID, "方式")},"{mode}")'
    f["aid_formed"] = _countif(AID, "本月成立", YES)
    f["aid_ended"] = _countif(AID, "本月结束", YES)
    f["aid_must_cover"] = f"{_countif(AID, '覆盖情况', COVERED)}+{_countif(AID, '覆盖情况', UNCOVERED)}"
    f["aid_covered"] = _countif(AID, "覆盖情况", COVERED)
    f["aid_uncovered"] = _countif(AID, "覆盖情况", UNCOVERED)
    f["hours"] = f"SUM({_col(HOURS, '本月时长')})"
    f["volunteers"] = f"COUNT({_col(HOURS, '序号')})"
    f["level_ups"] = _countif(HOURS, "本月升级", YES)
    f["meetings"] = _countif(EVENTS, "类型", MEETING_TYPE)
    for kind, label in MEETING_KINDS.items():
        f[f"meetings_{kind}"] = f'COUNTIFS({_col(EVENTS, "类型")},"{MEETING_TYPE}",{_col(EVENTS, "类别")},"{label}")'
    service = ACTIVITY_TYPES["service"]
    f["services"] = _countif(EVENTS, "类型", service)
    f["people_served"] = f'SUMIF({_col(EVENTS, "类型")},"{service}",{_col(EVENTS, "受益人次")})'
    f["activities"] = (f"{_countif(EVENTS, '类型', ACTIVITY_TYPES['event'])}"
                       f"+{_countif(EVENTS, '类型', ACTIVITY_TYPES['class'])}")
    return f


def summary_cell(code: str) -> str:
    """Where a figure's value sits on the summary sheet: B11, B12, …"""
    index = [c for c, _ in FIGURES].index(code)
    return f"B{TABLE_HEADER_ROW + 1 + index}"


# ---------------------------------------------------------------- cells and sheets


def _day(text: str) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


def _yes(flag: bool) -> str:
    return YES if flag else ""


def _number(value: float) -> float | int:
    value = round(float(value), 2) + 0.0
    return int(value) if value == int(value) else value


@dataclass
class _Styles:
    text: Any
    wrap: Any
    date: Any
    number: Any
    header: Any
    title: Any
    note: Any


def _styles(ws) -> _Styles:
    top = Alignment(vertical="top")
    return _Styles(
        text=style_of(ws, border=BORDER, alignment=top),
        wrap=style_of(ws, border=BORDER, alignment=Alignment(vertical="top", wrap_text=True)),
        date=style_of(ws, border=BORDER, alignment=top, number_format=DATE_FORMAT),
        number=style_of(ws, border=BORDER, alignment=top),
        header=style_of(ws, font=BOLD, fill=HEADER_FILL, border=BORDER,
                         alignment=Alignment(horizontal="center", vertical="center", wrap_text=True)),
        title=style_of(ws, font=TITLE_FONT),
        note=style_of(ws, font=Font(color="595959")),
    )


def _cell(ws, value: Any, st: _Styles, wrap: bool = False) -> Cell | None:
    if value is None or value == "":
        return Cell(ws, row=1, column=1, value=None, style_array=st.text)
    if isinstance(value, str):
        return styled(ws, value, st.wrap if wrap else st.text)  # always text, never a formula
    if isinstance(value, datetime.date):
        return Cell(ws, row=1, column=1, value=value, style_array=st.date)
    return Cell(ws, row=1, column=1, value=value, style_array=st.number)


def _register(wb: Workbook, name: str, title: str, rows: Sequence[Sequence[Any]],
              wrap: Sequence[str] = ()) -> _Rows | None:
    """One register sheet: a title row, the header row, then one row per record (序号 first), or a note.

    openpyxl writes the sheet's frame and, for the records, a probe row with one cell of each style; the records
    themselves are written as XML in the probe row's place when the workbook is saved (_Rows): a month of
    300,000 people has 400,000 cells, 7 s through openpyxl and well under one written directly."""
    headers = SHEETS[name]
    ws = wb.create_sheet(name)
    st = _styles(ws)
    widths = [display_width(h) + 4 for h in headers]
    for row in rows:
        for i, value in enumerate(row):
            if widths[i] >= MAX_WIDTH:
                continue
            if isinstance(value, datetime.date):
                width = 12
            else:
                text = str(value or "")
                if 2 * len(text) + 2 <= widths[i]:
                    continue  # two widths a character at most: this one cannot widen the column
                width = max((display_width(line) for line in text.split("\n")), default=0) + 2
            widths[i] = max(widths[i], min(width, MAX_WIDTH))
    for index, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "B3"
    ws.auto_filter.ref = f"A2:{get_column_letter(len(headers))}{2 + max(1, len(rows))}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "2:2"
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.append([styled(ws, title, st.title)])
    ws.append([styled(ws, h, st.header) for h in headers])
    if not rows:
        ws.append([styled(ws, EMPTY[name], st.note)])
        return None
    # The probe row: one empty cell of each style the records use, in the order _Rows.into reads them back.
    ws.append([Cell(ws, row=1, column=1, value=None, style_array=style)
               for style in (st.text, st.wrap, st.date, st.number)])
    return _Rows(rows, {headers.index(h) for h in wrap}, len(headers))


class _Rows:
    """A register's records as worksheet XML, from row 3, styled as the probe row's cells are."""

    _PROBE_ROW = re.compile(r'<row r="3"[^>]*>.*?</row>', re.S)

    def __init__(self, rows: Sequence[Sequence[Any]], wrapped: set[int], width: int):
        self.rows, self.wrapped, self.width = rows, wrapped, width

    def into(self, sheet: str) -> str:
        """The sheet's XML with the probe row replaced by the records, and the sheet's extent declared."""
        probe = self._PROBE_ROW.search(sheet)
        cells = re.findall(r'<c r="[A-D]3"([^>]*?)/?>', probe.group(0))
        text, wrap, date, number = (re.search(r's="(\d+)"', attrs).group(1) for attrs in cells)
        letters = [get_column_letter(i) for i in range(1, self.width + 1)]
        out = []
        for r, row in enumerate(self.rows, 3):
            out.append(f'<row r="{r}">')
            for i, (letter, value) in enumerate(zip(letters, row)):
                ref = f"{letter}{r}"
                if value is None or value == "":
                    out.append(f'<c r="{ref}" s="{text}"/>')
                elif isinstance(value, str):
                    style = wrap if i in self.wrapped else text
                    content = inline_text(value)  # always text, never a formula
                    out.append(f'<c r="{ref}" s="{style}" t="inlineStr">{content}</c>' if content is not None
                               else f'<c r="{ref}" s="{style}"/>')
                elif isinstance(value, datetime.date):
                    out.append(f'<c r="{ref}" s="{date}"><v>{excel_serial(value)}</v></c>')
                else:
                    out.append(f'<c r="{ref}" s="{number}" t="n"><v>{"%.16g" % value}</v></c>')
            out.append("</row>")
        # Readers size a sheet from <dimension>; without it openpyxl scans the whole sheet first.
        extent = f'<dimension ref="A1:{letters[-1]}{len(self.rows) + 2}" />'
        head = sheet[:probe.start()].replace("</sheetPr>", f"</sheetPr>{extent}", 1)
        return head + "".join(out) + sheet[probe.end():]


def _roster_rows(r: MonthReport) -> list[tuple]:
    return [(i, c.name, c.change_label, _day(c.on), c.sex, _day(c.birth_date), c.masked_id, _yes(c.is_member),
             c.address) for i, c in enumerate(r.roster_changes, 1)]


def _visit_rows(r: MonthReport) -> list[tuple]:
    return [(i, _day(v.on), v.name, v.kind_label, v.address, v.visitors, v.done, _day(v.follow_up))
            for i, v in enumerate(r.visits, 1)]


def _report_rows(r: MonthReport) -> list[tuple]:
    return [(i, _day(x.learnt_on), x.kind_label, x.name, x.summary, x.reported_to, _day(x.reported_on),
             _day(x.closed_on), x.end_status_label, _yes(x.opened), _yes(x.reported), _yes(x.closed))
            for i, x in enumerate(r.reports, 1)]


def _aid_rows(r: MonthReport) -> list[tuple]:
    return [(i, g.name, g.situations, g.mode_label, g.helpers, _day(g.started_on), _day(g.ended_on), g.state,
             g.coverage, g.changes, _yes(g.formed), _yes(g.ended)) for i, g in enumerate(r.groups, 1)]


def _hours_rows(r: MonthReport) -> list[tuple]:
    return [(i, h.name, _number(h.month), _number(h.visit), _number(h.shift), _number(h.activity), _number(h.other),
             _number(h.earned_total), h.level, _yes(h.levelled_up)) for i, h in enumerate(r.hours, 1)]


def _event_rows(r: MonthReport) -> list[tuple]:
    return [(i, _day(e.on), e.type, e.category, e.title, e.place, e.participants, e.served,
             None if e.hours is None else _number(e.hours)) for i, e in enumerate(r.events, 1)]


# ---------------------------------------------------------------- formulas with their values

_FORMULA_CELL = re.compile(r'<c r="([A-Z]+\d+)"([^>]*)><f>([^<]*)</f><v\s*/>')


def _with_cached_values(xml: str, values: dict[str, float]) -> str:
    """A sheet's XML with each formula cell given its value (``values`` by cell reference).

    openpyxl writes ``<f>…</f><v/>``; a reader that does not recalculate (openpyxl, pandas, many scripts) would
    see nothing there. Every formula of that sheet must have a value, or this raises: a summary figure shown
    empty is worse than no file.
    """
    missing = []

    def fill(match: re.Match) -> str:
        ref = match.group(1)
        if ref not in values:
            missing.append(ref)
            return match.group(0)
        return f'<c r="{ref}"{match.group(2)}><f>{match.group(3)}</f><v>{_number(values[ref])!r}</v>'

    xml = _FORMULA_CELL.sub(fill, xml)
    if missing or re.search(r"</f><v\s*/>", xml):
        raise RuntimeError(f"formula cells without a value: {missing}")
    return xml


def _save(wb: Workbook, path, sheet_index: int, values: dict[str, float],
          records: Sequence[_Rows | None] = ()) -> None:
    """Save the workbook, the formulas of sheet ``sheet_index`` with their values and ``records`` (one per
    sheet after it, None where a sheet has none) in their sheets' probe rows."""
    buffer = io.BytesIO()
    wb.save(buffer)
    rewrite = {f"xl/worksheets/sheet{sheet_index}.xml": lambda xml: _with_cached_values(xml, values)}
    for offset, rows in enumerate(records, 1):
        if rows is not None:
            rewrite[f"xl/worksheets/sheet{sheet_index + offset}.xml"] = rows.into
    with replacing(path) as part, zipfile.ZipFile(buffer) as source, \
            zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename in rewrite:
                data = rewrite[info.filename](data.decode("utf-8")).encode("utf-8")
            target.writestr(info, data)


def _summary_sheet(wb: Workbook, report: MonthReport) -> dict[str, float]:
    """The 汇总 sheet; returns the values of its formula cells by reference."""
    ws = wb.create_sheet(SUMMARY)
    st = _styles(ws)
    label = style_of(ws, font=BOLD, border=BORDER, fill=PatternFill("solid", fgColor="F2F2F2"))
    code_style = style_of(ws, border=BORDER, font=Font(color="808080"))
    ws.column_dimensions["A"].width = max(display_width(text) for _, text in FIGURES) + 4
    ws.column_dimensions["B"].width = 16
    ws.column_dimensions["C"].width = max(len(code) for code, _ in FIGURES) + 4
    # The codes are for the branch's consolidation, which reads them; nobody at a club reads English: hidden.
    ws.column_dimensions["C"].hidden = True
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    club = report.club_name or "党员服务社"
    ws.append([styled(ws, f"{club} {report.label}月报表", st.title)])
    ws.append([])
    for text, value in (("服务社", club), ("月份", report.month), ("格式版本", VERSION),
                        ("制表日期", report.made_on), ("月末在册人数", report.people), ("其中党员", report.members)):
        ws.append([styled(ws, text, label), _cell(ws, value, st)])
    ws.append([])
    ws.append([styled(ws, h, st.header) for h in SUMMARY_HEADERS])
    values = report.figures()
    exprs = formulas()
    cached = {}
    for code, text in FIGURES:
        cell = Cell(ws, row=1, column=1, value=f"={exprs[code]}", style_array=st.number)
        cached[summary_cell(code)] = values[code]
        ws.append([styled(ws, text, label), cell, styled(ws, code, code_style)])
    ws.append([])
    ws.append([styled(ws, "数值是其他工作表的公式；各列含义见《月报表格式说明》。", st.note)])
    return cached


def write_return(path, report: MonthReport) -> None:
    """Write the month's return to ``path``: 汇总 and the six register sheets (see docs/branch-return.md)."""
    wb = Workbook(write_only=True)
    cached = _summary_sheet(wb, report)
    month = report.label
    records = [
        _register(wb, ROSTER, f"人员变动（{month}）", _roster_rows(report)),
        _register(wb, VISITS, f"走访（{month}）", _visit_rows(report), wrap=("走访人", "做了什么")),
        _register(wb, REPORTS, f"必报事项（{month}得知、上报、结案的和月末未结案的）", _report_rows(report),
                  wrap=("事项",)),
        _register(wb, AID, f"互助组（{month}在帮扶的和应覆盖的）", _aid_rows(report), wrap=("帮扶人", "本月变化")),
        _register(wb, HOURS, f"志愿时长（{month}）", _hours_rows(report)),
        _register(wb, EVENTS, f"会议活动（{month}）", _event_rows(report), wrap=("名称或议题",)),
    ]
    _save(wb, path, 1, cached, records)


# ---------------------------------------------------------------- the branch's consolidation


@dataclass(frozen=True)
class ClubReturn:
    """One club's return as read back: who, which month, the roster size and every figure by code."""
    club: str
    month: str
    people: float
    members: float
    figures: dict[str, float]
    source: str


CONSOLIDATED = "各服务社汇总"


def write_consolidated(path, month: str, returns: Sequence[ClubReturn], *,
                       made_on: datetime.date | None = None) -> None:
    """One row per club, in the order given, and a total row of SUM formulas (stored with their values)."""
    made_on = made_on or datetime.date.today()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(CONSOLIDATED)
    st = _styles(ws)
    codes = [code for code, _ in FIGURES]
    headers = ["服务社", "月末在册人数", "其中党员", *(text for _, text in FIGURES), "来源文件"]
    keys = ["club", "people", "members", *codes, "source"]
    ws.column_dimensions["A"].width = max([display_width(r.club) for r in returns] + [10]) + 4
    for index, header in enumerate(headers[1:], 2):
        ws.column_dimensions[get_column_letter(index)].width = min(max(display_width(header) // 2 + 4, 10), 16)
    ws.column_dimensions[get_column_letter(len(headers))].width = 30
    ws.freeze_panes = "B5"
    first_year, first_month = month.split("-")
    ws.append([styled(ws, f"各服务社月报表汇总（{int(first_year)}年{int(first_month)}月，共 {len(returns)} 个服务社）",
                       st.title)])
    ws.append([styled(ws, "月份", st.text), styled(ws, month, st.text), styled(ws, "格式版本", st.text),
               Cell(ws, row=1, column=1, value=VERSION), styled(ws, "制表日期", st.text),
               Cell(ws, row=1, column=1, value=made_on, style_array=st.date)])
    ws.append([styled(ws, h, st.header) for h in headers])
    ws.append([styled(ws, k, style_of(ws, font=Font(color="808080"), border=BORDER,
                                        alignment=Alignment(horizontal="center"))) for k in keys])
    first_row = 5
    for r in returns:
        values: dict[str, Any] = {"club": r.club, "people": r.people, "members": r.members, "source": r.source,
                                  **r.figures}
        ws.append([_cell(ws, values[k] if isinstance(values[k], str) else _number(values[k]), st) for k in keys])
    last_row = first_row + len(returns) - 1
    totals_row = last_row + 1
    cached = {}
    row: list[Any] = [styled(ws, "合计", style_of(ws, font=BOLD, border=BORDER))]
    for index, key in enumerate(keys[1:-1], 2):
        letter = get_column_letter(index)
        total = sum((r.people if key == "people" else r.members if key == "members" else r.figures[key])
                    for r in returns)
        row.append(Cell(ws, row=1, column=1, value=f"=SUM({letter}{first_row}:{letter}{max(last_row, first_row)})",
                        style_array=style_of(ws, font=BOLD, border=BORDER)))
        cached[f"{letter}{totals_row}"] = total
    ws.append(row)
    _save(wb, path, 1, cached)


def save_return(db: sqlite_utils.Database, month: str, path: str | Path, *,
                today: datetime.date | None = None) -> MonthReport:
    """Gather the month and write the branch return .xlsx to ``path``; returns what was written."""
    report = gather(db, month, today=today)
    write_return(Path(path), report)
    return report
