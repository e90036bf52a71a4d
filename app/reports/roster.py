"""The roster as .xlsx: the export, the empty template, and the error workbook of a rejected import.

import_roster(), export_roster() and save_template() are what the window and the command line call: the domain
checks and gives rows (app.roster_import, app.roster_export), this module writes the workbook a user gets.
"""

from __future__ import annotations

import datetime
import io
import re
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any, Iterable

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from app.ids import mask_id
from app.people import POSTS, SEXES, SITUATIONS, TALENT_TAGS
from app.roster_export import club_name, rows_to_export
from app.roster_import import ImportReport, run_import
from app.roster_layout import CATEGORY_WORDS, EXPORTED, STATUS_LABELS, field_for_header
from app.reports.xlsx import (
    BOLD, BORDER, EXCEL_EPOCH, HEADER_FILL, TITLE_FONT, clean_text, display_width, excel_serial, inline_text,
    print_setup, replacing, style_of, styled,
)

SHEET_TITLE = "花名册"
LIST_JOIN = "、"
TEMPLATE_ROWS = 1000  # data rows 3..1002 of the template carry the drop-down lists
TEXT_FORMAT = "@"
DATE_FORMAT = "yyyy-mm-dd"
# Excel column widths are in widths of "0"; a Chinese character takes about two, the filter arrow about two more.
WIDTHS = {"name": 10, "sex": 7, "id_number": 22, "birth_date": 12, "phone": 14, "building": 7, "unit": 7,
          "room": 7, "categories": 16, "party_joined": 12, "party_branch": 18, "situations": 18, "tags": 20,
          "posts": 18, "status": 8, "status_date": 12, "notes": 30}
_ORDER = {field: {word: i for i, word in enumerate(words)} for field, words in
          (("categories", CATEGORY_WORDS), ("situations", SITUATIONS), ("tags", TALENT_TAGS), ("posts", POSTS))}
_TEXT_FIELDS = ("id_number", "phone")  # digits that must stay text: Excel keeps only 15 significant digits
_FORMULA_START = ("=", "+", "-", "@")

_ERROR_FILL = PatternFill("solid", fgColor="FFC7CE")
_ERROR_FONT = Font(bold=True, color="9C0006")
_CENTRE = Alignment(horizontal="center", vertical="center")
_WRAP = Alignment(vertical="top", wrap_text=True)


# ---------------------------------------------------------------- cells


def _text(ws, value: Any) -> Any:
    """A text cell's value: None for empty, a plain str, or a cell forced to text when it would read as a formula."""
    if value is None:
        return None
    text = clean_text(value if type(value) is str else str(value))
    if not text:
        return None
    if text.startswith(_FORMULA_START):
        cell = Cell(ws, row=1, column=1, value=text)
        cell.data_type = "s"
        return cell
    return text


def _day(value: Any) -> datetime.date | str | None:
    if value is None or value == "":
        return None
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return value  # a birth known by year and month only, written as the roster shows it: 1950年3月
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))  # the database's ISO text


def _joined(value: Any, order: dict[str, int]) -> Any:
    """A list as one cell, in the club's order of the words (so every export lists them alike); unknown words last."""
    if value is None or isinstance(value, str):
        return value
    items = [str(item) for item in value]
    if len(items) > 1:
        items.sort(key=lambda word: order.get(word, len(order)))
    return LIST_JOIN.join(items)


# ---------------------------------------------------------------- the shared layout

def _title_cell(ws, text: str) -> Cell:
    return styled(ws, text, style_of(ws, font=TITLE_FONT))


def _header_cells(ws, headers: Iterable[str], *, last_style=None) -> list[Cell]:
    style = style_of(ws, font=BOLD, fill=HEADER_FILL, border=BORDER, alignment=_CENTRE)
    cells = [styled(ws, str(header or ""), style) for header in headers]
    if last_style is not None and cells:
        cells[-1] = styled(ws, cells[-1].value, last_style)
    return cells


def _roster_sheet(wb: Workbook, title_text: str, *, text_columns: bool = False):
    """The 花名册 sheet with everything that must precede the rows in write-only mode, title and header appended.

    Column widths, frozen panes and sheet properties are written with the first row, so they are set here;
    the autofilter, page set-up and print titles are written at save time and may be set afterwards.
    """
    ws = wb.create_sheet(SHEET_TITLE)
    for index, column in enumerate(EXPORTED, 1):
        dimension = ws.column_dimensions[get_column_letter(index)]
        dimension.width = WIDTHS.get(column.field, 12)
        if text_columns and column.field in _TEXT_FIELDS:
            dimension.number_format = TEXT_FORMAT  # what is typed into the column stays text
    ws.freeze_panes = "A3"
    ws.row_dimensions[1].height = 26
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    print_setup(ws)
    ws.append([_title_cell(ws, title_text)])
    ws.append(_header_cells(ws, (column.header for column in EXPORTED)))
    return ws


def _save(wb: Workbook, path) -> None:
    with replacing(path) as part:
        wb.save(part)


# ---------------------------------------------------------------- the export

# openpyxl serialises every cell through ElementTree (about 20 µs a cell without lxml, not much less with it):
# 1.7 million cells would take half a minute. So openpyxl writes the frame -- styles, title, header, widths,
# frozen panes, filter, print set-up, defined names -- around one probe row, and the data rows are streamed
# as plain XML in the probe row's place, with the probe row's style ids.
_PROBE = re.compile(r'<row r="3"[^>]*>.*?</row>', re.S)
_SHEET_PART = re.compile(r"xl/worksheets/sheet\d+\.xml")


def _roster_frame(title: str, count: int | None) -> tuple[bytes, str, str]:
    """(the workbook with a probe row 3, the style id of text cells, the style id of date cells).

    With ``count`` the autofilter covers the header and that many data rows.
    """
    wb = Workbook(write_only=True)
    ws = _roster_sheet(wb, title)
    ws.append([styled(ws, "0", style_of(ws, number_format=TEXT_FORMAT)),
               Cell(ws, row=1, column=1, value=EXCEL_EPOCH, style_array=style_of(ws, number_format=DATE_FORMAT))])
    ws.auto_filter.ref = f"A2:{get_column_letter(len(EXPORTED))}{2 + (count or 0)}"
    out = io.BytesIO()
    wb.save(out)
    with zipfile.ZipFile(out) as frame:
        part = next(name for name in frame.namelist() if _SHEET_PART.fullmatch(name))
        probe = _PROBE.search(frame.read(part).decode("utf-8"))
    text_id, date_id = re.findall(r'<c r="[AB]3" s="(\d+)"', probe.group(0))
    return out.getvalue(), text_id, date_id


def _row_cells(row: dict, full_ids: bool) -> list[Any]:
    """The row's values in column order: str, int, date or None; ID and phone as ("@", text)."""
    number = row.get("id_number")
    if number and not full_ids:
        number = mask_id(number)
    phone = row.get("phone")
    status = row.get("status")
    return [
        row.get("name"), row.get("sex"), ("@", number) if number else None, _day(row.get("birth_date")),
        ("@", phone) if phone else None, _building(row.get("building")), _building(row.get("unit")),
        _building(row.get("room")), _joined(row.get("categories"), _ORDER["categories"]), _day(row.get("party_joined")),
        row.get("party_branch"), _joined(row.get("situations"), _ORDER["situations"]),
        _joined(row.get("tags"), _ORDER["tags"]), _joined(row.get("posts"), _ORDER["posts"]),
        STATUS_LABELS.get(status, status), _day(row.get("status_date")), row.get("notes"),
    ]


def _building(value: Any) -> Any:
    """A building, unit or room: plain digits as a number (it then sorts and filters as one), else text."""
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 9 and value[0] != "0":
        return int(value)
    return value


def _stream_rows(out, rows: Iterable[dict], full_ids: bool, text_id: str, date_id: str) -> int:
    """Write the rows' XML to the binary file ``out``; returns how many."""
    letters = [get_column_letter(index) for index in range(1, len(EXPORTED) + 1)]
    count = 0
    chunk: list[str] = []
    for count, row in enumerate(rows, 1):
        r = str(count + 2)
        chunk.append(f'<row r="{r}">')
        for letter, value in zip(letters, _row_cells(row, full_ids)):
            if value is None or value == "":
                continue
            kind = type(value)
            if kind is tuple:
                text = inline_text(str(value[1]))
                if text is not None:
                    chunk.append(f'<c r="{letter}{r}" s="{text_id}" t="inlineStr">{text}</c>')
            elif kind is int:
                chunk.append(f'<c r="{letter}{r}"><v>{value}</v></c>')
            elif kind is datetime.date:
                if value.year >= 1900:
                    chunk.append(f'<c r="{letter}{r}" s="{date_id}"><v>{excel_serial(value)}</v></c>')
                else:  # before Excel's calendar: kept as text
                    chunk.append(f'<c r="{letter}{r}" t="inlineStr">{inline_text(value.isoformat())}</c>')
            else:
                text = inline_text(value if kind is str else str(value))
                if text is not None:
                    chunk.append(f'<c r="{letter}{r}" t="inlineStr">{text}</c>')
        chunk.append("</row>")
        if len(chunk) > 4000:
            out.write("".join(chunk).encode("utf-8"))
            chunk.clear()
    out.write("".join(chunk).encode("utf-8"))
    return count


def write_roster(path, rows: Iterable[dict], *, club_name: str, on: datetime.date, full_ids: bool) -> int:
    """Write the roster rows (dicts keyed by the EXPORTED fields) to ``path``; returns the number of data rows.

    ``rows`` is consumed once, row by row (a generator of the whole roster is fine); the rows' XML waits in a
    temporary file until the count is known. ID numbers arrive in full and are masked here unless ``full_ids``.
    Text is always stored as text (never a formula); dates as dates; IDs and phones as text cells ('@').
    """
    note = "" if full_ids else "，身份证号已遮盖"
    title = f"{club_name}{SHEET_TITLE}（{on.year}年{on.month}月{on.day}日导出{note}）"
    _, text_id, date_id = _roster_frame(title, None)
    with tempfile.TemporaryFile() as body:
        count = _stream_rows(body, rows, full_ids, text_id, date_id)
        frame, *ids = _roster_frame(title, count)
        if ids != [text_id, date_id]:
            raise RuntimeError("openpyxl numbered the roster's cell styles differently the second time")
        with replacing(path) as part, zipfile.ZipFile(io.BytesIO(frame)) as source, \
                zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                if not _SHEET_PART.fullmatch(info.filename):
                    target.writestr(info, source.read(info))
                    continue
                sheet = source.read(info).decode("utf-8")
                probe = _PROBE.search(sheet)
                entry = zipfile.ZipInfo(info.filename, info.date_time)
                entry.compress_type = zipfile.ZIP_DEFLATED
                # Readers size a sheet from <dimension>; without it openpyxl scans the whole sheet first.
                head = sheet[:probe.start()].replace(
                    "</sheetPr>", f'</sheetPr><dimension ref="A1:{get_column_letter(len(EXPORTED))}{count + 2}" />', 1)
                with target.open(entry, "w") as dst:
                    dst.write(head.encode("utf-8"))
                    body.seek(0)
                    shutil.copyfileobj(body, dst, 1 << 20)
                    dst.write(sheet[probe.end():].encode("utf-8"))
    return count


# ---------------------------------------------------------------- the template

_HELP = {
    "name": "必填。",
    "sex": "男 或 女（下拉选择）。填了身份证号可以不填，会按身份证号补上。",
    "id_number": "18位（旧证15位），末位可以是X。本列已设为“文本”格式；若从别处粘贴，请用“选择性粘贴→数值”，"
                 "否则Excel会把号码变成 3.70502E+17 这样的数字，末几位就丢了。",
    "birth_date": "可写成 1945-03-12、1945/3/12 或 1945年3月12日。填了身份证号可以不填。",
    "phone": "手机11位，如 13805461234；座机如 0546-8123456。本列已设为“文本”格式。",
    "building": "只写数字，如 12（写成“12号楼”也可以）。",
    "unit": "只写数字，如 3（写成“3单元”也可以）。",
    "room": "只写数字，如 401（写成“401室”也可以）。",
    "categories": "党员、志愿者、居民，可填多项，用“、”隔开，如 党员、志愿者。",
    "party_joined": "只有党员填写，日期写法同出生日期。",
    "party_branch": "只有党员填写，如 第一党支部。",
    "situations": f"可填多项，用“、”隔开：{LIST_JOIN.join(SITUATIONS)}。",
    "tags": f"可填多项，用“、”隔开：{LIST_JOIN.join(TALENT_TAGS)}。",
    "posts": f"可填多项，用“、”隔开：{LIST_JOIN.join(POSTS)}。",
    "status": "在册、已迁出 或 已去世（下拉选择）；不填即为在册。",
    "status_date": "迁出或去世的日期，日期写法同出生日期；在册的人不填。",
    "notes": "其他需要记下的情况，随意填写。",
}
_HELP_INTRO = (
    "第1行是标题，第2行是列名，请不要改动；从第3行起每行填一个人。",
    "日期可写成 1945-03-12、1945/3/12 或 1945年3月12日。",
    "一格里有几项时用“、”隔开，如 独居、残疾。",
    "身份证号和电话请按文本填写（本模板这两列已设好），不要让Excel把它们变成数字。",
    "",
)


def _list_validation(column: str, choices: Iterable[str], *, label: str, several: bool) -> DataValidation:
    choices = list(choices)
    shown = "，".join(choices)  # not 、: a choice may itself hold several words
    if several:
        error = f"请从下拉列表中选择{label}：{shown}。有几项时用“、”隔开；确定要保留所填内容请点“是”。"
    else:
        error = f"{label}只能填：{shown}。"
    dv = DataValidation(
        type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
        showErrorMessage=True, errorStyle="warning" if several else "stop", errorTitle=f"{label}填写有误", error=error,
        showInputMessage=several, promptTitle=label if several else None,
        prompt="可从下拉列表选择；有几项时用“、”隔开" if several else None,
    )
    dv.add(f"{column}3:{column}{2 + TEMPLATE_ROWS}")
    return dv


def write_template(path, *, club_name: str = "") -> None:
    """An empty roster to fill in: the export's layout with drop-down lists, text-formatted ID and phone columns,
    and a 填写说明 sheet."""
    wb = Workbook(write_only=True)
    ws = _roster_sheet(wb, f"{club_name}{SHEET_TITLE}", text_columns=True)
    letters = {column.field: get_column_letter(index) for index, column in enumerate(EXPORTED, 1)}
    for field, choices, label, several in (
        ("sex", SEXES, "性别", False),
        ("categories", ("党员", "志愿者", "居民", "党员、志愿者"), "人员类别", True),
        ("status", tuple(STATUS_LABELS.values()), "状态", False),
        ("situations", SITUATIONS, "困难情况", True),
        ("tags", TALENT_TAGS, "人才库", True),
        ("posts", POSTS, "职务", True),
    ):
        ws.data_validations.append(_list_validation(letters[field], choices, label=label, several=several))

    guide = wb.create_sheet("填写说明")
    guide.column_dimensions["A"].width = 14
    guide.column_dimensions["B"].width = 100
    guide.append([_title_cell(guide, "花名册填写说明")])
    for line in _HELP_INTRO:
        guide.append([line or None])
    head = _header_cells(guide, ("列名", "怎么填"))
    guide.append(head)
    wrap = style_of(guide, alignment=_WRAP)
    for column in EXPORTED:
        guide.append([styled(guide, column.header, wrap), styled(guide, _HELP[column.field], wrap)])
    _save(wb, path)


# ---------------------------------------------------------------- the error workbook of a rejected import

def _original(ws, value: Any, text_style, date_style) -> Any:
    """A cell of the rejected file written back as it was read: numbers as numbers, dates as dates, text as text."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, datetime.datetime) and value.time() == datetime.time(0):
        value = value.date()
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return Cell(ws, row=1, column=1, value=value, style_array=date_style)
    if isinstance(value, (datetime.datetime, datetime.time)):
        return value
    text = _text(ws, value)
    if text is None or text_style is None:
        return text
    return styled(ws, text if type(text) is str else text.value, text_style)


def write_error_workbook(path, headers: list[str], rows: list[tuple[int, list, str]]) -> None:
    """The rows an import rejected, to fix and import again: 原行号, the original columns, then 错误原因.

    ``rows`` holds (row number in the source file, the cell values as read, the reason).
    """
    headers = ["" if h is None else clean_text(str(h)) for h in headers]
    width = len(headers)
    for _, values, _ in rows:
        used = len(values)
        while used and values[used - 1] in (None, ""):
            used -= 1
        width = max(width, used)
    headers += [""] * (width - len(headers))

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("错误行")
    text_columns = {i for i, h in enumerate(headers) if field_for_header(h) in _TEXT_FIELDS}
    widths = [display_width(h) for h in headers]
    for _, values, _ in rows:
        for i, value in enumerate(values[:width]):
            if value is not None:
                shown = value.strftime("%Y-%m-%d") if isinstance(value, (datetime.date, datetime.datetime)) else str(value)
                widths[i] = max(widths[i], display_width(shown))
    ws.column_dimensions["A"].width = 8
    for i, w in enumerate(widths):
        dimension = ws.column_dimensions[get_column_letter(i + 2)]
        dimension.width = max(8, min(w + 3, 40))
        if i in text_columns:
            dimension.number_format = TEXT_FORMAT
    ws.column_dimensions[get_column_letter(width + 2)].width = 50
    ws.freeze_panes = "B2"  # the header, and the row number while scrolling right

    reason_head = style_of(ws, font=_ERROR_FONT, fill=_ERROR_FILL, border=BORDER, alignment=_CENTRE)
    ws.append(_header_cells(ws, ["原行号", *headers, "错误原因"], last_style=reason_head))
    text_style = style_of(ws, number_format=TEXT_FORMAT)
    date_style = style_of(ws, number_format=DATE_FORMAT)
    reason_style = style_of(ws, font=Font(color="9C0006"), alignment=_WRAP)
    for number, values, reason in rows:
        cells = [number]
        for i in range(width):
            value = values[i] if i < len(values) else None
            cells.append(_original(ws, value, text_style if i in text_columns else None, date_style))
        cells.append(styled(ws, str(reason or ""), reason_style))
        ws.append(cells)
    ws.auto_filter.ref = f"A1:{get_column_letter(width + 2)}{1 + len(rows)}"
    _save(wb, path)


# ---------------------------------------------------------------- what the window and the command line call

def import_roster(db, path, **options) -> ImportReport:
    """run_import(), then the error workbook a user gets beside the file: ``NAME_错误行.xlsx`` with the rejected rows
    and their reasons. A dry run writes nothing."""
    report = run_import(db, path, **options)
    if report.failed and not options.get("dry_run"):
        path = Path(path)
        report.error_workbook = path.with_name(f"{path.stem}_错误行.xlsx")
        write_error_workbook(report.error_workbook, report.layout.headers, report.failed)
    return report


def export_roster(db, path, *, actor: str, full_ids: bool = False, on: datetime.date | None = None) -> int:
    """Write the whole roster to ``path``; returns the number of people. A full-ID export is recorded first."""
    rows = rows_to_export(db, path, actor=actor, full_ids=full_ids)
    return write_roster(Path(path), rows, club_name=club_name(db), on=on or datetime.date.today(), full_ids=full_ids)


def save_template(db, path) -> None:
    """The empty roster in the layout the importer reads, with the club's name when a database is open."""
    write_template(Path(path), club_name=club_name(db))
