"""The branch's side of the monthly return (月报表汇总): reading clubs' returns back and merging one month's.

A return is read as untrusted input (app.workbook_safety) and checked against the layout the app writes
(app.reports.returns, docs/branch-return.md): the version cell, the month, the club and every figure. A file
that fails any check is refused with one sentence naming the file and saying why; the others are merged.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from app.errors import KnownError
from app.month_report import FIGURES
from app.reports.returns import (
    CLUB_CELL, MONTH_CELL, PEOPLE_CELL, MEMBERS_CELL, SUMMARY, TABLE_HEADER_ROW, VERSION, VERSION_CELL, ClubReturn,
    write_consolidated,
)
from app.workbook_safety import WorkbookRefused, open_workbook

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class ReturnRefused(KnownError):
    """A file that is not a return the app can merge; the message is one sentence for the branch office."""


@dataclass(frozen=True)
class Consolidation:
    month: str | None
    accepted: tuple[ClubReturn, ...]
    refused: tuple[tuple[str, str], ...]  # (file name, why)


def _cell(ws, ref: str):
    return ws[ref].value


def _number(value) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    return None


def read_return(path: str | Path) -> ClubReturn:
    """One club's return: its club, month, roster size and figures. Raises ReturnRefused saying what is wrong."""
    path = Path(path)
    try:
        wb = open_workbook(path)
    except WorkbookRefused as exc:
        raise ReturnRefused(exc.message) from None
    try:
        if SUMMARY not in wb.sheetnames:
            raise ReturnRefused(f"不是服务社月报表：没有“{SUMMARY}”工作表")
        ws = wb[SUMMARY]
        label = _cell(ws, "A" + VERSION_CELL[1:])
        version = _cell(ws, VERSION_CELL)
        if label != "格式版本" or _number(version) is None:
            raise ReturnRefused(f"不是服务社月报表：“{SUMMARY}”表的 {VERSION_CELL} 格没有格式版本")
        if int(version) != VERSION:
            newer = "更新的服务社工作台" if version > VERSION else "旧版的服务社工作台"
            raise ReturnRefused(f"格式版本是 {version:g}，本程序只能汇总版本 {VERSION}（这份报表是{newer}做的，"
                                "请用同一版本制作或汇总）")
        month = _cell(ws, MONTH_CELL)
        if isinstance(month, datetime.datetime):
            month = month.strftime("%Y-%m")
        month = str(month or "").strip()
        if not _MONTH.match(month):
            raise ReturnRefused(f"“{SUMMARY}”表的 {MONTH_CELL} 格不是月份（应为 YYYY-MM）：{month or '空'}")
        club = str(_cell(ws, CLUB_CELL) or "").strip()
        if not club:
            raise ReturnRefused(f"“{SUMMARY}”表的 {CLUB_CELL} 格没有服务社名称")
        found: dict[str, float | None] = {}
        for row in ws.iter_rows(min_row=TABLE_HEADER_ROW + 1, max_row=TABLE_HEADER_ROW + len(FIGURES) + 5,
                                min_col=1, max_col=3, values_only=True):
            if row and len(row) >= 3 and isinstance(row[2], str):
                found[row[2].strip()] = _number(row[1])
        missing = [code for code, _ in FIGURES if code not in found]
        if missing:
            raise ReturnRefused(f"“{SUMMARY}”表缺少指标：{'、'.join(missing)}")
        if any(found[code] is None for code, _ in FIGURES):
            raise ReturnRefused(f"“{SUMMARY}”表的数值没有计算结果（请用 Excel 或 WPS 打开并保存一次后再汇总）")
        people, members = _number(_cell(ws, PEOPLE_CELL)), _number(_cell(ws, MEMBERS_CELL))
        return ClubReturn(club, month, people or 0.0, members or 0.0, {code: found[code] for code, _ in FIGURES},
                          path.name)
    finally:
        wb.close()


def consolidate(paths: Sequence[str | Path], *, month: str | None = None) -> Consolidation:
    """Read every file; keep the returns of ``month`` (default: the month of the first readable return)."""
    if month is not None and not _MONTH.match(month):
        raise KnownError(f"月份应写成 YYYY-MM：{month}")
    accepted: list[ClubReturn] = []
    refused: list[tuple[str, str]] = []
    seen_files: set[Path] = set()
    clubs: dict[str, str] = {}
    for raw in paths:
        path = Path(raw)
        name = path.name
        try:
            resolved = path.resolve()
            if resolved in seen_files:
                raise ReturnRefused("这个文件已经列过一次了")
            seen_files.add(resolved)
            ret = read_return(path)
            if month is None:
                month = ret.month
            if ret.month != month:
                raise ReturnRefused(f"这是 {ret.month} 的月报表，不是 {month} 的")
            if ret.club in clubs:
                raise ReturnRefused(f"与 {clubs[ret.club]} 是同一个服务社（{ret.club}）的月报表")
            clubs[ret.club] = name
            accepted.append(ret)
        except ReturnRefused as exc:
            refused.append((name, str(exc)))
    return Consolidation(month, tuple(accepted), tuple(refused))


def save_consolidation(result: Consolidation, path: str | Path) -> None:
    """Write the merged workbook of the accepted returns (one row per club, totals)."""
    if not result.accepted or result.month is None:
        raise KnownError("没有可以汇总的月报表")
    write_consolidated(Path(path), result.month, result.accepted)
