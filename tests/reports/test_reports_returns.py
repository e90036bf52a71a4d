"""The branch return as the branch reads it: sheets, headers, figures, formulas (with their values), LibreOffice's
recalculation, masked IDs, text that is never a formula; and the branch's consolidation of several clubs."""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import month_club
import openpyxl
import pytest
from clubfile import copy_club, cli_main

from app import cli
from app.reports import consolidation as branch_return
from app.reports.returns import save_return
from app.db.connection import open_database
from app.db.settings import set_setting
from app.month_report import FIGURES
from app.reports import returns

REGISTERS = [name for name in returns.SHEET_ORDER if name != returns.SUMMARY]


def save(db_path, out, month=month_club.MONTH):
    db = open_database(db_path)
    try:
        return save_return(db, month, out, today=month_club.TODAY)
    finally:
        db.close()


@pytest.fixture(scope="module")
def october(month_club_template, tmp_path_factory):
    folder = tmp_path_factory.mktemp("return")
    db_path = folder / "club.sqlite"
    copy_club(month_club_template, db_path)
    out = folder / "october.xlsx"
    report = save(db_path, out)
    return out, report


def summary_values(path, data_only=True) -> dict[str, object]:
    wb = openpyxl.load_workbook(path, data_only=data_only)
    ws = wb[returns.SUMMARY]
    return {code: ws[returns.summary_cell(code)].value for code, _ in FIGURES}


def test_sheets_and_headers_are_the_documented_layout(october):
    wb = openpyxl.load_workbook(october[0])
    assert wb.sheetnames == list(returns.SHEET_ORDER) == ["汇总", "人员变动", "走访", "必报事项", "互助组", "志愿时长",
                                                          "会议活动"]
    for name in REGISTERS:
        assert tuple(cell.value for cell in wb[name][2]) == returns.SHEETS[name]
    ws = wb[returns.SUMMARY]
    assert (ws["A3"].value, ws["B3"].value) == ("服务社", month_club.CLUB)
    assert (ws["A4"].value, ws["B4"].value) == ("月份", "2026-10")
    assert (ws["A5"].value, ws["B5"].value) == ("格式版本", returns.VERSION)
    assert [ws[f"C{returns.TABLE_HEADER_ROW + 1 + i}"].value for i in range(len(FIGURES))] == [c for c, _ in FIGURES]


def test_the_document_names_every_sheet_column_and_code():
    text = (Path(returns.__file__).resolve().parents[2] / "docs" / "branch-return.md").read_text(encoding="utf-8")
    for name, headers in returns.SHEETS.items():
        assert f"`{name}`" in text
        for header in headers:
            assert f"`{header}`" in text, (name, header)
    for code, _ in FIGURES:
        assert f"`{code}`" in text, code
    assert f"格式版本 {returns.VERSION}" in text


def test_cached_values_are_the_apps_figures(october):
    path, report = october
    assert summary_values(path) == {**report.figures()} == month_club.EXPECTED


def test_the_totals_are_formulas_over_the_right_columns(october):
    formulas = summary_values(october[0], data_only=False)
    assert formulas["visits"] == "=COUNT('走访'!$A:$A)"
    assert formulas["visits_hospital"] == "=COUNTIF('走访'!$D:$D,\"住院看望\")"
    assert formulas["deceased"] == "=COUNTIF('人员变动'!$C:$C,\"去世\")"
    assert formulas["reports_pending"] == "=COUNTIF('必报事项'!$I:$I,\"待上报\")+COUNTIF('必报事项'!$I:$I,\"已上报\")"
    assert formulas["aid_one_on_one"] == "=COUNTIFS('互助组'!$H:$H,\"在帮扶\",'互助组'!$D:$D,\"一对一\")"
    assert formulas["hours"] == "=SUM('志愿时长'!$C:$C)"
    assert formulas["people_served"] == "=SUMIF('会议活动'!$C:$C,\"志愿服务\",'会议活动'!$H:$H)"
    assert all(str(value).startswith("=") for value in formulas.values())
    # Each column named in a formula has the header the formula means.
    wb = openpyxl.load_workbook(october[0])
    for text in formulas.values():
        for sheet, letter in re.findall(r"'([^']+)'!\$([A-Z]+):", text):
            header = wb[sheet][f"{letter}2"].value
            assert header in returns.SHEETS[sheet]
    assert wb["走访"]["D2"].value == "类别" and wb["志愿时长"]["C2"].value == "本月时长"


def test_registers_hold_the_records(october):
    wb = openpyxl.load_workbook(october[0])
    visits = [[c.value for c in row] for row in wb["走访"].iter_rows(min_row=3)]
    assert [(v[1].date(), v[2], v[3]) for v in visits] == [
        (datetime.date(2026, 10, 10), "陈志军", "报到走访"), (datetime.date(2026, 10, 18), "王秀英", "高龄党员节日慰问"),
        (datetime.date(2026, 10, 21), "赵德明", "特殊情况走访"), (datetime.date(2026, 10, 25), "王秀英", "住院看望")]
    hours = {row[1].value: row[2].value for row in wb["志愿时长"].iter_rows(min_row=3)}
    assert hours == {"李桂兰": 12, "张建国": 3}
    events = [(row[2].value, row[3].value) for row in wb["会议活动"].iter_rows(min_row=3)]
    assert events == [("会议", "议事会"), ("志愿服务", "义诊"), ("活动", None), ("会议", "发布会")]


def test_records_are_bordered_dated_and_wrapped_as_a_reader_sees_them(october):
    wb = openpyxl.load_workbook(october[0])
    ws = wb["走访"]
    assert (ws.max_row, ws.max_column) == (2 + 4, len(returns.SHEETS["走访"]))  # the sheet's declared extent
    for row in ws.iter_rows(min_row=3):
        assert all(cell.border.left.style == "thin" for cell in row)               # empty cells too
        assert row[1].is_date and row[1].number_format == returns.DATE_FORMAT
        for cell, header in zip(row, returns.SHEETS["走访"]):
            if cell.value:                                                         # 走访人 and 做了什么 wrap
                assert bool(cell.alignment.wrap_text) == (header in ("走访人", "做了什么")), header
        assert isinstance(row[0].value, int) and row[0].data_type == "n"
    hours = wb["志愿时长"]
    assert [type(cell.value) for cell in hours[3]][:8] == [int, str, int, int, int, int, int, int]


def test_ids_are_masked_and_text_is_never_a_formula(october):
    path = october[0]
    raw = zipfile.ZipFile(path)
    everything = b"".join(raw.read(name) for name in raw.namelist())
    for full in (month_club.FULL_ID, month_club.NEWCOMER_ID):
        assert full.encode() not in everything
    wb = openpyxl.load_workbook(path)
    assert (wb["人员变动"]["B3"].value, wb["人员变动"]["G3"].value) == ("陈志军", "37**************12")
    ours = {returns.summary_cell(code) for code, _ in FIGURES}
    seen_escaped = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    assert ws.title == returns.SUMMARY and cell.coordinate in ours, (ws.title, cell.coordinate)
                elif isinstance(cell.value, str) and cell.value[:1] in "=+-@":
                    seen_escaped.append(cell.value)
    assert "=SUM(A1:A9) 月饼和慰问信" in seen_escaped and "+86 希望增加老年食堂供餐点" in seen_escaped


def test_an_empty_month_gives_zeros_and_a_note_on_each_sheet(fresh_db, tmp_path):
    out = tmp_path / "empty.xlsx"
    save_return(fresh_db, "2026-10", out, today=month_club.TODAY)
    assert set(summary_values(out).values()) == {0}
    wb = openpyxl.load_workbook(out)
    for name in REGISTERS:
        assert wb[name]["A3"].value == returns.EMPTY[name]


LIBREOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# LibreOffice keeps an .xlsx file's stored values unless told to recalculate on load (0 = always).
_RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
</oor:items>
"""


@pytest.mark.skipif(LIBREOFFICE is None, reason="LibreOffice is not installed (apt-get install libreoffice-calc)")
def test_libreoffice_recalculates_every_figure_to_the_apps(october, tmp_path):
    path, report = october
    # Spoil the stored values first: what LibreOffice shows then can only come from recalculating.
    spoiled = tmp_path / "spoiled.xlsx"
    source = zipfile.ZipFile(path)
    with zipfile.ZipFile(spoiled, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb"(</f>)<v>[^<]*</v>", rb"\1<v>-999</v>", data)
            target.writestr(info, data)
    assert set(summary_values(spoiled).values()) == {-999}
    profile = tmp_path / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_RECALC_ALWAYS, encoding="utf-8")
    out = tmp_path / "out"
    subprocess.run([LIBREOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
                    "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(spoiled)],
                   check=True, capture_output=True, timeout=180)
    recalculated = summary_values(out / "spoiled.xlsx")
    figures = report.figures()
    assert {code: pytest.approx(value) for code, value in recalculated.items()} == figures


def test_the_command_line_writes_the_return(month_club_path, tmp_path, capsys):
    out = tmp_path / "月报表.xlsx"
    assert cli_main(["returns", "--db", str(month_club_path), "--month", "2026-10", "--out", str(out)]) == 0
    assert "月报表" in capsys.readouterr().out
    assert openpyxl.load_workbook(out).sheetnames == list(returns.SHEET_ORDER)
    assert cli_main(["returns", "--db", str(month_club_path), "--month", "2099-01", "--out", str(out)]) == 1
    assert "还没有开始" in capsys.readouterr().err


# ---------------------------------------------------------------- consolidation


@pytest.fixture(scope="module")
def three_clubs(month_club_template, tmp_path_factory):
    """Three clubs' October returns: the known club, the same club under another name, and an empty club."""
    folder = tmp_path_factory.mktemp("clubs")
    paths = []
    for index, name in enumerate(("幸福里党员服务社", "胜利花园党员服务社", "新村党员服务社")):
        db_path = folder / f"club{index}.sqlite"
        if index < 2:
            copy_club(month_club_template, db_path)
        db = open_database(db_path)
        set_setting(db, "club_name", name, actor="t")
        db.close()
        paths.append(folder / f"{name}.xlsx")
        save(db_path, paths[-1])
    september = folder / "九月.xlsx"
    save(folder / "club0.sqlite", september, month="2026-09")
    newer = folder / "新格式.xlsx"
    wb = openpyxl.load_workbook(paths[2])
    wb[returns.SUMMARY]["B3"] = "另一个服务社"
    wb[returns.SUMMARY][returns.VERSION_CELL] = returns.VERSION + 1
    wb.save(newer)
    return paths, september, newer


def test_three_clubs_are_merged_one_row_each_with_totals(three_clubs, tmp_path):
    paths, _, _ = three_clubs
    out = tmp_path / "汇总.xlsx"
    result = branch_return.consolidate(paths)
    assert result.refused == () and result.month == "2026-10"
    branch_return.save_consolidation(result, out)
    ws = openpyxl.load_workbook(out, data_only=True)[returns.CONSOLIDATED]
    codes = [cell.value for cell in ws[4]]
    rows = {row[0]: dict(zip(codes, row)) for row in ws.iter_rows(min_row=5, values_only=True)}
    assert list(rows) == ["幸福里党员服务社", "胜利花园党员服务社", "新村党员服务社", "合计"]
    for code, value in month_club.EXPECTED.items():
        assert rows["幸福里党员服务社"][code] == value
        assert rows["新村党员服务社"][code] == 0
        assert rows["合计"][code] == 2 * value
    formulas = openpyxl.load_workbook(out)[returns.CONSOLIDATED]
    visits_column = codes.index("visits") + 1
    assert formulas.cell(row=8, column=visits_column).value == f"=SUM({openpyxl.utils.get_column_letter(visits_column)}5:"\
        f"{openpyxl.utils.get_column_letter(visits_column)}7)"
    assert rows["合计"]["people"] == 14


def test_other_months_unknown_versions_and_strangers_are_refused_one_line_each(three_clubs, tmp_path, capsys):
    paths, september, newer = three_clubs
    stranger = tmp_path / "花名册.xlsx"
    assert cli_main(["roster-template", "--out", str(stranger)]) == 0
    capsys.readouterr()
    out = tmp_path / "汇总.xlsx"
    code = cli_main(["consolidate", *map(str, paths), str(september), str(newer), str(stranger), str(paths[0]),
                     "--out", str(out)])
    assert code == 1
    captured = capsys.readouterr()
    errors = captured.err.strip().splitlines()
    assert errors == [
        "错误：九月.xlsx：这是 2026-09 的月报表，不是 2026-10 的",
        f"错误：新格式.xlsx：格式版本是 {returns.VERSION + 1}，本程序只能汇总版本 {returns.VERSION}（这份报表是更新的服务社"
        "工作台做的，请用同一版本制作或汇总）",
        "错误：花名册.xlsx：不是服务社月报表：没有“汇总”工作表",
        "错误：幸福里党员服务社.xlsx：这个文件已经列过一次了",
    ]
    assert "已汇总 3 个服务社的 2026-10 月报表，跳过 4 份" in captured.out
    assert out.exists()


def test_nothing_to_merge_writes_nothing(three_clubs, tmp_path, capsys):
    _, _, newer = three_clubs
    out = tmp_path / "汇总.xlsx"
    assert cli_main(["consolidate", str(newer), "--out", str(out)]) == 1
    assert "没有可以汇总的月报表" in capsys.readouterr().err
    assert not out.exists()


def test_a_return_without_stored_values_is_refused(three_clubs, tmp_path):
    paths, _, _ = three_clubs
    resaved = tmp_path / "resaved.xlsx"
    openpyxl.load_workbook(paths[0]).save(resaved)  # openpyxl drops every formula's stored value
    with pytest.raises(branch_return.ReturnRefused, match="没有计算结果"):
        branch_return.read_return(resaved)


def test_the_english_codes_of_the_summary_are_hidden_from_the_club(october):
    """The summary's 代码 column (joined, moved_away …) is what the branch's consolidation reads; at the club it is
    hidden, so nobody meets English words in the return."""
    sheet = openpyxl.load_workbook(october[0])[returns.SUMMARY]
    assert sheet.column_dimensions["C"].hidden
    assert sheet.cell(returns.TABLE_HEADER_ROW + 1, 3).value == FIGURES[0][0]  # still there for the consolidation
