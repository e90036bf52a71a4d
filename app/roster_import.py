"""Importing a club's roster spreadsheet: find the sheet and header, map the columns, check every row, store them.

Two steps, so the window can show each: ``inspect()`` reads the layout (sheet, header row, guessed mapping,
the first rows as read); ``run_import()`` checks every row with the person form's rules and stores the lot in
one transaction, or nothing: by default any rejected row stops the whole import. The rejected rows come back in
the report (``failed``); the error workbook a user gets beside the file is written on the reports floor
(app.reports.roster.import_roster), which the window and the command line call.
"""

from __future__ import annotations

import contextlib
import datetime
import decimal
import gc
import math
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import sqlite_utils

from app import ids, people
from app.db import people as people_db
from app.db.connection import transaction
from app.errors import KnownError, ValidationError
from app.fields import Fields
from app.roster_layout import CATEGORY_SYNONYMS, CATEGORY_WORDS, STATUS_WORDS, field_for_header, split_list
from app.workbook_safety import WorkbookRefused, open_roster

HEADER_SCAN_ROWS = 20
PREVIEW_ROWS = 8
_LIST_FIELDS = ("situations", "tags", "posts")
_DATE_FIELDS = ("birth_date", "party_joined", "status_date")
# Cells read by _read_cell (they may be refused or fill several fields); every other field is its text.
_SPECIAL_FIELDS = frozenset(("id_number", "categories", "status", "address", *_LIST_FIELDS, *_DATE_FIELDS))
_ADDRESS = re.compile(
    r"(?P<building>\d+)\s*(?:号楼|栋|幢|#|号|-|－)\s*(?:(?P<unit>\d+)\s*(?:单元|门|-|－)\s*)?(?:(?P<room>\d+)\s*(?:室|号)?)?")
ProgressFn = Callable[[str, int, int], None]


class ImportCancelled(KnownError):
    """The user cancelled: nothing was stored."""


@dataclass
class Layout:
    """Where the roster is in the workbook and what each column holds."""

    sheet: str
    sheets: list[str]
    header_row: int
    headers: list[str]  # as written in the file
    mapping: dict[int, str | None]  # column index -> roster field, None when ignored
    preview: list[tuple[int, list[Any]]]  # the first rows after the header, as read

    @property
    def ignored(self) -> list[str]:
        return [self.headers[i] for i, f in self.mapping.items() if f is None and self.headers[i]]


@dataclass
class Rejection:
    row: int
    column: str
    value: str
    reason: str
    name: str = ""  # the row's name, so the person is found at a glance in a long list

    def as_json(self) -> dict[str, Any]:
        return {"row": self.row, "name": self.name, "column": self.column, "value": self.value,
                "reason": self.reason}


@dataclass
class ImportReport:
    read: int = 0
    imported: int = 0
    updated: int = 0
    skipped_duplicates: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    duplicates: list[tuple[int, str]] = field(default_factory=list)  # (row, why it is a duplicate)
    failed: list[tuple[int, list[Any], str]] = field(default_factory=list)  # (row, its values, the reasons)
    error_workbook: Path | None = None  # set by the reports floor once it has written the failed rows
    # Seconds spent reading the file, checking the rows, matching them with the roster and storing them.
    phases: dict[str, float] = field(default_factory=dict)
    stored: bool = False
    layout: Layout | None = None

    def as_json(self) -> dict[str, Any]:
        # "stored": whether anything was written; a dry run counts what it would import and update, and stores nothing.
        return {"read": self.read, "imported": self.imported, "updated": self.updated,
                "skipped_duplicates": self.skipped_duplicates, "rejected": [r.as_json() for r in self.rejected],
                "stored": self.stored}


# ---------------------------------------------------------------- finding the roster in the workbook

def _header_score(values: Iterable[Any]) -> tuple[int, bool]:
    fields = [field_for_header(v) for v in values if isinstance(v, str)]
    return len({f for f in fields if f}), "name" in fields


def _find_header(rows: list[tuple[int, tuple]]) -> tuple[int, int] | None:
    """(index in rows, score) of the most header-like row among the first ones: it must name 姓名 and one more."""
    best = None
    for index, (_, values) in enumerate(rows[:HEADER_SCAN_ROWS]):
        score, has_name = _header_score(values)
        if has_name and score >= 2 and (best is None or score > best[1]):
            best = (index, score)
    return best


def inspect(path: str | Path, sheet: str | None = None) -> Layout:
    """Read the workbook's layout: the roster sheet (the named one, or the best-looking), header, mapping, preview."""
    workbook = open_roster(path)
    try:
        return _layout(workbook, sheet)
    finally:
        workbook.close()


def _layout(workbook, sheet: str | None) -> Layout:
    names = list(workbook.sheetnames)
    if sheet is not None and sheet not in names:
        raise WorkbookRefused(f"工作簿里没有名为“{sheet}”的工作表（有：{'、'.join(names)}）")
    candidates = [sheet] if sheet else names
    found = None
    anything = False
    for name in candidates:
        head = []
        for item in workbook.rows(name):
            head.append(item)
            if len(head) >= HEADER_SCAN_ROWS + PREVIEW_ROWS:
                break
        anything = anything or bool(head)
        hit = _find_header(head)
        if hit and (found is None or hit[1] > found[2]):
            found = (name, head, hit[1], hit[0])
    if found is None:
        if not anything:
            raise WorkbookRefused(f"工作表“{sheet}”是空的" if sheet else "工作簿是空的，没有可导入的内容")
        raise WorkbookRefused("找不到表头：没有一行同时写着“姓名”和其他能识别的列名（如 身份证号、性别、出生日期、联系电话）")
    name, head, _, index = found
    header_row, header_values = head[index]
    headers = [ids.normalise(str(v)) if v is not None else "" for v in header_values]
    mapping: dict[int, str | None] = {}
    taken: set[str] = set()
    for column, text in enumerate(headers):
        fld = field_for_header(text)
        mapping[column] = fld if fld and fld not in taken else None
        if fld:
            taken.add(fld)
    preview = [(row, list(values)) for row, values in head[index + 1:index + 1 + PREVIEW_ROWS]]
    return Layout(name, names, header_row, headers, mapping, preview)


# ---------------------------------------------------------------- reading one row

def _text(value: Any) -> str:
    if type(value) is str:  # most cells: the quick way
        return ids.normalise(value)
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and float(value).is_integer():
        # As Excel shows it: 15 significant digits (an ID stored as a number reads 370502194503121000).
        value = format(decimal.Decimal(f"{value:.15g}"), "f")
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.strftime("%Y-%m-%d")
    return ids.normalise(str(value))


def _cell_text(values: Sequence[Any], column: int | None) -> str:
    """A cell of a row as text, or "" for a column the row does not reach (or no column at all)."""
    return _text(values[column]) if column is not None and column < len(values) else ""


def _id_value(value: Any, rounded_column: bool = False) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # Excel keeps 15 significant digits: an 18-digit ID typed as a number has lost its tail for good.
        if value >= 1e15 or (isinstance(value, float) and not value.is_integer()):
            raise ValidationError(ids.EXCEL_LOST_DIGITS, "id_number")
        return str(int(value))
    text = _text(value)
    # In a column Excel has rounded, the zeros pass the check digit by chance one time in eleven: refused all the
    # same. Elsewhere a number ending in 000 is as real as any (about one in 1,100 is).
    if rounded_column and re.fullmatch(r"\d{15}000", text):
        raise ValidationError(ids.EXCEL_ROUNDED, "id_number")
    return text


def excel_rounded_column(values: Iterable[Any]) -> bool:
    """Whether an ID column went through Excel's number cells: a number cell of 16 digits or more, or an 18-digit
    number ending in 000 whose check digit fails (as ten in eleven rounded numbers do)."""
    for value in values:
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 1e15:
            return True
        text = _text(value) if value is not None else ""
        if re.fullmatch(r"\d{15}000", text):
            try:
                ids.parse_resident_id(text)
            except ValidationError as exc:
                if exc.reason == ids.EXCEL_ROUNDED:
                    return True
    return False


def _date_value(value: Any, key: str) -> Any:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, bool):
        raise ValidationError("日期格式无法识别", key)
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        number = int(value)
        # 194503 and 19450312 typed into a number cell: year-month and year-month-day, not Excel serials.
        if 190001 <= number <= 210012 or 19000101 <= number <= 21001231:
            return str(number)
        return number
    if isinstance(value, float):
        text = repr(value)
        if re.fullmatch(r"(19|20)\d\d\.1", text):
            raise ValidationError(f"日期 {text} 分不清是1月还是10月（Excel 把 {text}0 存成了 {text}），请改成 {text[:4]}-10 这样的文字", key)
        return text
    return value


def _address(text: str) -> tuple[dict[str, str] | None, bool]:
    """The building, unit and room in an address cell, and whether the cell says more than those (a street, a
    compound: 幸福路12号楼2单元301), which the roster has no column for."""
    text = ids.normalise(text)
    match = _ADDRESS.search(text)
    if not match:
        return None, True
    rest = (text[:match.start()] + text[match.end():]).strip(" ,，、;；")
    return {k: v or "" for k, v in match.groupdict().items()}, bool(rest)


def _read_cell(fld: str, value: Any, column: int, raw: dict[str, Any], source: dict[str, int],
               rounded_ids: bool) -> None:
    """One cell into the raw fields (a category or an address cell fills several); raises ValidationError."""
    if fld == "id_number":
        raw[fld] = _id_value(value, rounded_ids)
    elif fld in _DATE_FIELDS:
        raw[fld] = _date_value(value, fld)
    elif fld in _LIST_FIELDS:
        raw[fld] = split_list(value)
    elif fld == "categories":
        words = [word for typed in split_list(value) for word in CATEGORY_SYNONYMS.get(typed, (typed,))]
        unknown = [w for w in words if w not in CATEGORY_WORDS]
        if unknown:
            where = ("；困难情况请写在“困难情况”一列" if any(w in people.SITUATION_WORDS or w == "困难群众" for w in unknown)
                     else "")
            raise ValidationError(f"未知的人员类别：{'、'.join(unknown)}（可填 党员、志愿者、居民{where}）", fld)
        for word in words:
            raw[CATEGORY_WORDS[word]] = True
        if "居民" not in words:
            raw.setdefault("is_resident", False)
    elif fld == "status":
        status = STATUS_WORDS.get(_text(value))
        if status is None:
            raise ValidationError(f"未知的状态：{_text(value)}（可填 在册、已迁出、已去世）", fld)
        raw[fld] = status
    elif fld == "address":
        parts, more = _address(_text(value))
        for key, part in (parts or {}).items():
            if part and key not in raw:
                raw[key] = part
                source.setdefault(key, column)
        if more:  # the whole address kept in the notes, the street with it, rather than lost
            raw["address_text"] = _text(value)
    else:
        raw[fld] = _text(value)


def row_to_raw(values: Sequence[Any], mapping: dict[int, str | None], *, rounded_ids: bool = False
               ) -> tuple[dict[str, Any], dict[str, int], dict[str, str]]:
    """One spreadsheet row as the person form's raw fields (``rounded_ids``: see excel_rounded_column).

    Returns (raw fields, the column each field came from, reasons for cells that could not even be read).
    """
    raw: dict[str, Any] = {}
    source: dict[str, int] = {}
    f = Fields()
    for column, fld in mapping.items():
        if fld is None or column >= len(values):
            continue
        value = values[column]
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        source[fld] = column
        if fld in _SPECIAL_FIELDS:
            f.check(fld, _read_cell, fld, value, column, raw, source, rounded_ids)
        else:  # plain text, which cannot be refused here: the person rules check it
            raw[fld] = _text(value)
    if "address_text" in raw:
        text = raw.pop("address_text")
        raw["notes"] = (raw.get("notes", "") + f"；住址：{text}").lstrip("；")
    # A members' roster without a category column: whoever has a joining date is a member.
    if "categories" not in source and raw.get("party_joined"):
        raw["is_member"] = True
    return raw, source, f.errors


def _status_day(raw: dict[str, Any], status: str, today: datetime.date | None) -> datetime.date | None:
    on = ids.parse_date(raw["status_date"], field="status_date") if raw.get("status_date") not in (None, "") else None
    people.check_status_change(status, on if status != "active" else None, today=today)
    return on


def check_row(values: Sequence[Any], mapping: dict[int, str | None], today: datetime.date | None = None, *,
              rounded_ids: bool = False) -> tuple[dict[str, Any] | None, dict[str, str], dict[str, int]]:
    """(the checked record or None, reasons by field, the column of each field) for one spreadsheet row.

    A cell that could not be read keeps its reason; the person rules and the status add theirs beside the others.
    """
    raw, source, errors = row_to_raw(values, mapping, rounded_ids=rounded_ids)
    f = Fields(errors)
    cleaned = f.merge(people.clean_person, raw, today=today)
    status = raw.get("status", "active")
    on = f.merge(_status_day, raw, status, today, default_key="status")
    if f:
        return None, f.errors, source
    record = cleaned.values
    record["status"] = status
    record["status_date"] = on.isoformat() if on and status != "active" else None
    return record, {}, source


# ---------------------------------------------------------------- the import

def _provided(record: dict[str, Any], source: dict[str, int]) -> dict[str, Any]:
    """The fields of a record that the file actually had (for --update: never blank out what the file lacks)."""
    keys = set(source) - {"address", "categories"}
    if "categories" in source:
        keys |= {"is_member", "is_volunteer", "is_resident"}
    if "id_number" in source:
        keys |= {"id_legacy", "birth_date", "sex"}
    if "name" in source:
        keys |= {"sort_key", "search_text"}
    if "status" in source:
        keys.add("status_date")
    if "birth_date" in keys:
        keys.add("birth_month_only")
    return {k: v for k, v in record.items() if k in keys}


def _phase(report: ImportReport, name: str, since: float) -> float:
    now = time.perf_counter()
    report.phases[name] = now - since
    return now


def _duplicate_key(record: dict[str, Any]) -> tuple[str, Any] | None:
    if record.get("id_number"):
        return ("id", record["id_number"])
    if record.get("birth_date"):
        return ("name", (record["name"], record["birth_date"]))
    return None


@contextlib.contextmanager
def _no_cycle_collection():
    """Python's cycle collector paused: an import makes hundreds of thousands of small dicts and tuples, none in a
    cycle, and every full collection walks all of them again (at 50,000 rows that was half a second). Refcounting
    still frees everything; the collector's state is put back however the import ends."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@_no_cycle_collection()
def run_import(db: sqlite_utils.Database, path: str | Path, *, actor: str, sheet: str | None = None,
               mapping: dict[int, str | None] | None = None, dry_run: bool = False, skip_invalid: bool = False,
               update: bool = False, progress: ProgressFn | None = None,
               cancelled: Callable[[], bool] | None = None, today: datetime.date | None = None,
               before_store: Callable[[], None] | None = None) -> ImportReport:
    """Check every row of the roster sheet and store the good ones in one transaction (see the module docstring).

    ``before_store`` runs once the file has been read and checked and something is about to be stored: the backup
    made before an import goes there, so a refused file or a dry run makes none.
    """
    path = Path(path)
    today = today or datetime.date.today()  # once, not for every row
    tick = progress or (lambda stage, done, total: None)
    stop = cancelled or (lambda: False)
    rows: list[tuple[int, dict[str, Any], dict[str, int]]] = []
    clock = time.perf_counter()
    workbook = open_roster(path)
    try:
        layout = _layout(workbook, sheet)
        if mapping is not None:
            layout.mapping = dict(mapping)
        if "name" not in layout.mapping.values():
            raise WorkbookRefused("没有指定“姓名”列，无法导入")
        report = ImportReport(layout=layout)
        sheet_rows = list(workbook.rows(layout.sheet))
        total = sum(1 for row_number, _ in sheet_rows if row_number > layout.header_row)
        clock = _phase(report, "read", clock)
        columns: dict[str, int] = {}  # each field's column (the first, when two are mapped to it)
        for column, fld in sorted(layout.mapping.items()):
            if fld is not None:
                columns.setdefault(fld, column)
        id_column = columns.get("id_number")
        rounded = id_column is not None and excel_rounded_column(
            values[id_column] for row_number, values in sheet_rows
            if row_number > layout.header_row and id_column < len(values))
        for row_number, values in sheet_rows:
            if row_number <= layout.header_row:
                continue
            report.read += 1
            record, errors, source = check_row(values, layout.mapping, today, rounded_ids=rounded)
            if errors:
                name = _cell_text(values, columns.get("name"))
                for key, reason in errors.items():
                    column = source.get(key, source.get("address") if key in ("building", "unit", "room") else None)
                    if column is None and key in ("birth_date", "sex"):
                        column = source.get("id_number")
                    if column is None:  # an empty cell the rules want filled (a name, say): its own column
                        column = columns.get(key)
                    header = layout.headers[column] if column is not None and column < len(layout.headers) else ""
                    value = _cell_text(values, column)
                    report.rejected.append(Rejection(row_number, header, value, reason, name))
                report.failed.append((row_number, list(values), "；".join(errors.values())))
            else:
                rows.append((row_number, record, source))
            if report.read % 200 == 0:
                tick("read", report.read, total)
                if stop():
                    raise ImportCancelled("已取消导入，数据库没有任何改动")
    finally:
        workbook.close()
    tick("read", report.read, report.read)
    clock = _phase(report, "check", clock)

    # Duplicates: by ID number, else by name and birth date; inside the file the first row wins.
    seen: dict[tuple[str, Any], int] = {}
    fresh: list[tuple[int, dict[str, Any], dict[str, int], tuple | None]] = []
    for row_number, record, source in rows:
        key = _duplicate_key(record)
        if key is not None and key in seen:
            report.skipped_duplicates += 1
            report.duplicates.append((row_number, f"与第 {seen[key]} 行重复"))
            continue
        if key is not None:
            seen[key] = row_number
        fresh.append((row_number, record, source, key))
    by_id, by_name = people_db.find_existing(
        db, [k[1] for *_, k in fresh if k and k[0] == "id"], [k[1] for *_, k in fresh if k and k[0] == "name"])
    inserts: list[dict[str, Any]] = []
    updates: list[tuple[int, dict[str, Any]]] = []
    for row_number, record, source, key in fresh:
        existing = None if key is None else (by_id if key[0] == "id" else by_name).get(key[1])
        if existing is None:
            inserts.append(record)
        elif update:
            updates.append((existing, _provided(record, source)))
        else:
            report.skipped_duplicates += 1
            report.duplicates.append((row_number, f"花名册里已有此人（编号 {existing}）"))

    clock = _phase(report, "match", clock)
    if dry_run or (report.failed and not skip_invalid):
        report.imported = len(inserts) if dry_run else 0
        report.updated = len(updates) if dry_run else 0
        return report

    if before_store is not None and (inserts or updates):
        before_store()
    with transaction(db):
        done = 0
        for start in range(0, len(inserts), 500):
            people_db.insert_many(db, inserts[start:start + 500], actor=actor)
            done += len(inserts[start:start + 500])
            tick("write", done, len(inserts) + len(updates))
            if stop():
                raise ImportCancelled("已取消导入，数据库没有任何改动")
        for person_id, values in updates:
            people_db.update_person(db, person_id, values, actor=actor)
            done += 1
            if done % 200 == 0:
                tick("write", done, len(inserts) + len(updates))
                if stop():
                    raise ImportCancelled("已取消导入，数据库没有任何改动")
    report.imported, report.updated, report.stored = len(inserts), len(updates), True
    _phase(report, "write", clock)
    return report
