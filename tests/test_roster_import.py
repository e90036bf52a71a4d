"""Importing the clubs' messy roster workbooks: the report a director reads, and what lands in the database."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import people
from clubfile import cli_main as main, cli_process
from app.db.connection import open_database
from app.reports.roster import import_roster
from app.roster_import import check_row, inspect, run_import
from app.workbook_safety import WorkbookRefused

ROOT = Path(__file__).resolve().parent.parent
TODAY = datetime.date(2026, 11, 22)
# Valid IDs (GB 11643 check digits computed): births 1945-03-12 (男), 1949-12-31 (女), 1938-06-01 (男).
ID_1 = "370502194503121237"
ID_2 = "11010519491231002X"
ID_3 = "370521193806010037"


def messy_workbook(path: Path, rows: list[list], *, headers=None, title=True, sheet="花名册", extra_sheet=True) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    if extra_sheet:
        ws.title = "说明"
        ws["A1"] = "本表由社区填报"
        ws = wb.create_sheet(sheet)
    else:
        ws.title = sheet
    if title:
        ws["A1"] = "胜北党员服务社党员花名册"
        ws.merge_cells("A1:H1")
        ws["A2"] = "填报日期：2026年11月"
    headers = headers or ["序号", "姓 名", "性别", "公民身份号码", "出生年月", "手机号码", "家庭住址", "入党日期", "人员类别", "备注"]
    ws.append([])
    ws.append(headers)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def good_rows() -> list[list]:
    return [
        [1, "张三丰", "男", ID_1, "1945.03.12", "138-0546-1111", "胜北小区12号楼3单元201室", "1965年7月1日", "党员", ""],
        [2, " 李 娜 ", "女", "１１０１０５１９４９１２３１００２ｘ", datetime.datetime(1949, 12, 31), 13805462222,
         "5-2-302", 19700701, "党员、志愿者", "腿脚不便"],
        [3, "单雄信", "男", ID_3, "1938年6月1日", "13805463333", "7栋1单元101", "1960.7", "党员", None],
    ]


def db_names(db) -> list[str]:
    return sorted(p["name"] for p in people.search_people(db, people.RosterFilter(include_inactive=True)))


def test_finds_the_sheet_the_header_and_the_mapping(tmp_path):
    layout = inspect(messy_workbook(tmp_path / "roster.xlsx", good_rows()))
    assert layout.sheet == "花名册" and layout.sheets == ["说明", "花名册"]
    assert layout.header_row == 4
    assert [layout.mapping[i] for i in range(10)] == [
        None, "name", "sex", "id_number", "birth_date", "phone", "address", "party_joined", "categories", "notes"]
    assert layout.ignored == ["序号"]
    assert layout.preview[0][0] == 5 and layout.preview[0][1][1] == "张三丰"


def test_a_messy_but_valid_file_is_imported_whole(tmp_path, fresh_db):
    report = run_import(fresh_db, messy_workbook(tmp_path / "roster.xlsx", good_rows()), actor="主任", today=TODAY)
    assert report.as_json() == {"read": 3, "imported": 3, "updated": 0, "skipped_duplicates": 0, "rejected": [],
                                "stored": True}
    li = people.search_people(fresh_db, people.RosterFilter(text="ln"))[0]
    assert (li["name"], li["id_number"], li["birth_date"], li["phone"], li["building"], li["unit"], li["room"],
            li["party_joined"], li["is_member"], li["is_volunteer"], li["notes"]) == (
        "李娜", ID_2, "1949-12-31", "13805462222", "5", "2", "302", "1970-07-01", 1, 1, "腿脚不便")
    zhang = people.search_people(fresh_db, people.RosterFilter(text="zsf"))[0]
    assert (zhang["phone"], zhang["building"], zhang["unit"], zhang["room"], zhang["party_joined"]) == (
        "13805461111", "12", "3", "201", "1965-07-01")
    shan = people.search_people(fresh_db, people.RosterFilter(text="sxx"))[0]
    assert (shan["birth_date"], shan["party_joined"], shan["building"], shan["room"]) == (
        "1938-06-01", "1960-07-01", "7", "101")
    assert report.error_workbook is None


@pytest.mark.parametrize("typed, expected", [
    ("1945-03-12", "1945-03-12"), ("1945/3/12", "1945-03-12"), ("1945.03.12", "1945-03-12"),
    ("1945年3月12日", "1945-03-12"), ("1945.3", "1945-03-01"), ("194503", "1945-03-01"), (194503, "1945-03-01"),
    (16508, "1945-03-12"), (datetime.datetime(1945, 3, 12), "1945-03-12"), ("１９４５－０３－１２", "1945-03-12"),
])
def test_every_date_form_is_read(typed, expected):
    mapping = {0: "name", 1: "birth_date"}
    record, errors, _ = check_row(["王五", typed], mapping, TODAY)
    assert errors == {} and record["birth_date"] == expected


def test_a_float_month_that_may_be_october_is_refused_not_guessed():
    _, errors, _ = check_row(["王五", 1945.1], {0: "name", 1: "birth_date"}, TODAY)
    assert "1月还是10月" in errors["birth_date"]


def test_numeric_id_that_lost_digits_is_rejected_with_that_reason(tmp_path, fresh_db):
    rows = good_rows()
    rows[1][3] = 370502194503121237  # Excel kept it as a number: 3.70502194503121E+17
    report = run_import(fresh_db, messy_workbook(tmp_path / "r.xlsx", rows), actor="主任", today=TODAY)
    assert report.as_json()["rejected"] == [
        {"row": 6, "name": "李 娜", "column": "公民身份号码", "value": "370502194503121000",
         "reason": "身份证号被Excel存成了数字，末几位已丢失，请从原件重新录入"}]
    assert report.imported == 0 and db_names(fresh_db) == []


def test_all_or_nothing_with_an_error_workbook_beside_the_file(tmp_path, fresh_db):
    rows = good_rows()
    rows[0][3] = "370502194503121238"  # wrong check digit
    rows[2][5] = "1380546"  # too short for a mobile number
    source = messy_workbook(tmp_path / "花名册.xlsx", rows)
    report = import_roster(fresh_db, source, actor="主任", today=TODAY)
    assert [(r.row, r.column, r.value) for r in report.rejected] == [
        (5, "公民身份号码", "370502194503121238"), (7, "手机号码", "1380546")]
    assert "校验位" in report.rejected[0].reason and "应为 7" in report.rejected[0].reason
    assert report.imported == 0 and not report.stored and db_names(fresh_db) == []
    assert report.error_workbook == tmp_path / "花名册_错误行.xlsx"
    sheet = openpyxl.load_workbook(report.error_workbook).active
    table = [[c.value for c in row] for row in sheet.iter_rows()]
    assert table[0][-1] == "错误原因" and "公民身份号码" in table[0]
    assert [row[0] for row in table[1:]] == [5, 7]
    assert "校验位" in table[1][-1] and "手机号" in table[2][-1]


def test_the_category_words_rosters_use_are_read_and_a_hardship_word_is_pointed_to_its_column(tmp_path, fresh_db):
    headers = ["姓名", "人员类别", "困难情况"]
    rows = [["甲", "老党员", ""], ["乙", "党员志愿者", ""], ["丙", "群众", "独居"], ["丁", "注册志愿者、中共党员", ""],
            ["戊", "困难群众", ""], ["己", "居民", "行动不便"]]
    report = run_import(fresh_db, messy_workbook(tmp_path / "c.xlsx", rows, headers=headers, title=False,
                                                 extra_sheet=False), actor="主任", skip_invalid=True, today=TODAY)
    assert [(r.row, r.reason) for r in report.rejected] == [
        (7, "未知的人员类别：困难群众（可填 党员、志愿者、居民；困难情况请写在“困难情况”一列）"),
        (8, "未知的困难情况：行动不便（可填 独居、空巢、孤寡、残疾、重病、特困、低保、失独）")]
    everyone = {p["name"]: (p["is_member"], p["is_volunteer"], p["is_resident"])
                for p in people.search_people(fresh_db, people.RosterFilter(include_inactive=True))}
    assert everyone == {"甲": (1, 0, 0), "乙": (1, 1, 0), "丙": (0, 0, 1), "丁": (1, 1, 0)}


def test_an_address_with_a_street_keeps_the_street_in_the_notes(tmp_path, fresh_db):
    # The roster has columns for building, unit and room only: the street or compound of 幸福路12号楼2单元301 was
    # dropped, and two people at 12号楼 on different streets could no longer be told apart.
    headers = ["姓名", "住址", "备注"]
    rows = [["甲", "幸福路12号楼2单元301", ""], ["乙", "7栋1单元101", ""], ["丙", "东城街道5号楼3单元201室", "独子在外地"]]
    run_import(fresh_db, messy_workbook(tmp_path / "a.xlsx", rows, headers=headers, title=False, extra_sheet=False),
               actor="主任", today=TODAY)
    found = {p["name"]: (p["building"], p["unit"], p["room"], p["notes"])
             for p in people.search_people(fresh_db, people.RosterFilter())}
    assert found == {"甲": ("12", "2", "301", "住址：幸福路12号楼2单元301"), "乙": ("7", "1", "101", ""),
                     "丙": ("5", "3", "201", "独子在外地；住址：东城街道5号楼3单元201室")}


def test_a_row_without_a_name_is_refused_under_the_name_column(tmp_path, fresh_db):
    rows = good_rows()
    rows[1][1] = "  "  # the name cell left blank (spaces only)
    report = run_import(fresh_db, messy_workbook(tmp_path / "r.xlsx", rows), actor="主任", today=TODAY)
    assert [(r.row, r.column, r.value, r.reason) for r in report.rejected] == [(6, "姓 名", "", "姓名不能为空")]


def test_skip_invalid_imports_the_good_rows(tmp_path, fresh_db):
    rows = good_rows()
    rows[0][3] = "370502194503121238"
    report = run_import(fresh_db, messy_workbook(tmp_path / "r.xlsx", rows), actor="主任", skip_invalid=True,
                        today=TODAY)
    assert (report.imported, len(report.rejected), report.stored) == (2, 1, True)
    assert db_names(fresh_db) == ["单雄信", "李娜"]


def test_duplicates_in_the_file_and_against_the_database(tmp_path, fresh_db):
    rows = good_rows() + [
        [4, "张三丰", "男", ID_1, "1945-03-12", "", "", "", "党员", "重复录入"],
        [5, "王秀英", "女", "", "1950-01-02", "", "", "", "居民", ""],
        [6, "王秀英", "女", "", "1950-01-02", "", "", "", "居民", "同名同生日"],
    ]
    first = run_import(fresh_db, messy_workbook(tmp_path / "a.xlsx", rows), actor="主任", today=TODAY)
    assert (first.read, first.imported, first.skipped_duplicates) == (6, 4, 2)
    assert [why for _, why in first.duplicates] == ["与第 5 行重复", "与第 9 行重复"]

    again = good_rows()
    again[0][5] = "13900000000"
    second = run_import(fresh_db, messy_workbook(tmp_path / "b.xlsx", again), actor="主任", today=TODAY)
    assert (second.imported, second.updated, second.skipped_duplicates) == (0, 0, 3)
    third = run_import(fresh_db, messy_workbook(tmp_path / "b.xlsx", again), actor="主任", update=True, today=TODAY)
    assert (third.imported, third.updated, third.skipped_duplicates) == (0, 3, 0)
    zhang = people.search_people(fresh_db, people.RosterFilter(text="zsf"))[0]
    assert zhang["phone"] == "13900000000"
    assert len(db_names(fresh_db)) == 4


def test_update_never_blanks_what_the_file_does_not_have(tmp_path, fresh_db):
    run_import(fresh_db, messy_workbook(tmp_path / "a.xlsx", good_rows()), actor="主任", today=TODAY)
    slim = messy_workbook(tmp_path / "slim.xlsx", [["张三丰", ID_1, "13911112222"]], headers=["姓名", "身份证号", "电话"])
    report = run_import(fresh_db, slim, actor="主任", update=True, today=TODAY)
    assert report.updated == 1
    zhang = people.search_people(fresh_db, people.RosterFilter(text="zsf"))[0]
    assert (zhang["phone"], zhang["building"], zhang["party_joined"], zhang["is_member"]) == (
        "13911112222", "12", "1965-07-01", 1)


def test_dry_run_reports_without_writing(tmp_path, fresh_db):
    report = run_import(fresh_db, messy_workbook(tmp_path / "r.xlsx", good_rows()), actor="主任", dry_run=True,
                        today=TODAY)
    assert (report.read, report.imported, report.stored) == (3, 3, False)
    assert db_names(fresh_db) == []


def test_cancel_leaves_the_database_as_before(tmp_path, fresh_db):
    rows = [[i, f"测试{i:04d}", "男", "", "1950-01-01", "", "", "", "居民", ""] for i in range(1200)]
    source = messy_workbook(tmp_path / "big.xlsx", rows)
    calls = []

    def cancelled():
        calls.append(1)
        return len(calls) > 2  # cancel while reading

    from app.roster_import import ImportCancelled

    with pytest.raises(ImportCancelled):
        run_import(fresh_db, source, actor="主任", cancelled=cancelled, today=TODAY)
    assert db_names(fresh_db) == []
    stamps = []

    def cancel_while_writing():
        stamps.append(1)
        return len(stamps) == 7  # six checks while reading 1200 rows, the seventh after the first 500 are written

    with pytest.raises(ImportCancelled):
        run_import(fresh_db, source, actor="主任", cancelled=cancel_while_writing, today=TODAY)
    assert db_names(fresh_db) == []
    assert fresh_db.execute("SELECT count(*) FROM audit_log WHERE table_name = 'person'").fetchone()[0] == 0


def test_the_cycle_collector_is_on_again_however_an_import_ends(tmp_path, fresh_db):
    # The import pauses Python's cycle collector while it works; a window left running without it would keep every
    # cycle of objects it makes from then on.
    import gc

    from app.roster_import import ImportCancelled

    source = messy_workbook(tmp_path / "r.xlsx", good_rows())
    seen = []

    def cancelled():
        seen.append(gc.isenabled())
        return True

    with pytest.raises(ImportCancelled):
        run_import(fresh_db, messy_workbook(tmp_path / "big.xlsx", [[i, f"测试{i:04d}", "男", "", "1950-01-01", "", "",
                                                                      "", "居民", ""] for i in range(300)]),
                   actor="主任", cancelled=cancelled, today=TODAY)
    assert seen == [False] and gc.isenabled()
    with pytest.raises(WorkbookRefused):
        run_import(fresh_db, tmp_path / "missing.xlsx", actor="主任")
    assert gc.isenabled()
    assert run_import(fresh_db, source, actor="主任", today=TODAY).imported == 3 and gc.isenabled()
    gc.disable()
    try:  # a collector someone else switched off stays off
        run_import(fresh_db, source, actor="主任", dry_run=True, today=TODAY)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_statuses_lists_and_unknown_categories(tmp_path, fresh_db):
    headers = ["姓名", "身份证号", "人员类别", "困难情况", "人才库", "职务", "状态", "状态日期"]
    rows = [["甲", ID_1, "志愿者", "独居、特困", "讲师", "宣传员", "在册", None],
            ["乙", ID_2, "居民", "", "", "", "已去世", "2026-03-01"],
            ["丙", ID_3, "干部", "", "", "", "在册", None]]
    report = run_import(fresh_db, messy_workbook(tmp_path / "s.xlsx", rows, headers=headers, title=False,
                                                 extra_sheet=False), actor="主任", skip_invalid=True, today=TODAY)
    assert [(r.row, r.column, r.reason) for r in report.rejected] == [
        (5, "人员类别", "未知的人员类别：干部（可填 党员、志愿者、居民）")]
    everyone = {p["name"]: p for p in people.search_people(fresh_db, people.RosterFilter(include_inactive=True))}
    assert everyone["甲"]["situations"] == ["独居", "特困"] and everyone["甲"]["posts"] == ["宣传员"]
    assert (everyone["乙"]["status"], everyone["乙"]["status_date"]) == ("deceased", "2026-03-01")


@pytest.mark.parametrize("headers, message", [
    (["序号", "民族", "文化程度"], "找不到表头"),
])
def test_a_sheet_without_a_recognisable_header_is_refused(tmp_path, fresh_db, headers, message):
    source = messy_workbook(tmp_path / "x.xlsx", [[1, "汉", "高中"]], headers=headers)
    with pytest.raises(WorkbookRefused, match=message):
        run_import(fresh_db, source, actor="主任")


def test_an_empty_workbook_is_refused(tmp_path, fresh_db):
    path = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(WorkbookRefused, match="空的"):
        run_import(fresh_db, path, actor="主任")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.none(), st.text(max_size=30), st.integers(-10**20, 10**20),
                          st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
                          st.dates(datetime.date(1, 1, 1), datetime.date(9999, 12, 31)).map(
                              lambda d: datetime.datetime(d.year, d.month, d.day))),
                min_size=8, max_size=8))
def test_any_cell_values_are_accepted_or_rejected_with_a_reason(values):
    mapping = {0: "name", 1: "id_number", 2: "birth_date", 3: "phone", 4: "address", 5: "party_joined",
               6: "categories", 7: "situations"}
    record, errors, _ = check_row(values, mapping, TODAY)
    if record is None:
        assert errors and all(isinstance(r, str) and r for r in errors.values())
    else:
        assert errors == {}
        people.clean_person({k: v for k, v in record.items()
                             if k not in ("sort_key", "search_text", "status", "status_date")}, today=TODAY)


# ---------------------------------------------------------------- the command line

def test_cli_json_shape_and_exit_codes(tmp_path, capsys):
    db = tmp_path / "club.sqlite"
    open_database(db).close()
    good = messy_workbook(tmp_path / "good.xlsx", good_rows())
    assert main(["import-roster", str(good), "--db", str(db), "--dry-run", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "read": 3, "imported": 3, "updated": 0, "skipped_duplicates": 0, "rejected": [], "stored": False}
    assert main(["import-roster", str(good), "--db", str(db), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["stored"] is True
    assert main(["import-roster", str(good), "--db", str(db), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["skipped_duplicates"] == 3
    rows = good_rows()
    rows[0][3] = "370502194503121238"
    bad = messy_workbook(tmp_path / "bad.xlsx", rows)
    assert main(["import-roster", str(bad), "--db", str(db), "--json", "--update"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["rejected"][0]["row"] == 5 and out["rejected"][0]["column"] == "公民身份号码"
    assert out["rejected"][0]["name"] == "张三丰"
    assert main(["import-roster", str(bad), "--db", str(db), "--dry-run"]) == 1
    assert "第 5 行（张三丰）公民身份号码“370502194503121238”：身份证号校验位不对" in capsys.readouterr().out
    assert set(out) == {"read", "imported", "updated", "skipped_duplicates", "rejected", "stored"}
    assert out["stored"] is False  # rows were rejected: nothing written


def test_cli_unreadable_file_is_one_line_and_exit_1(tmp_path):
    bad = tmp_path / "old.xls"
    bad.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 600)
    open_database(tmp_path / "c.sqlite").close()
    run = cli_process(["import-roster", str(bad), "--db", str(tmp_path / "c.sqlite")])
    assert run.returncode == 1
    assert run.stderr.strip().splitlines() == [
        "错误：这个 .xls 文件已损坏或不是表格，无法读取，请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入"]
    assert "Traceback" not in run.stderr


def test_a_column_excel_rounded_refuses_even_the_numbers_whose_zeros_pass_the_check(tmp_path, fresh_db):
    rows = good_rows()
    rows[0][3] = "370502194503109000"  # rounded, and its zeros happen to pass the check digit (1 in 11 do)
    rows[2][3] = "370502195003110000"  # rounded: the check digit fails, which shows the column went through Excel
    report = run_import(fresh_db, messy_workbook(tmp_path / "r.xlsx", rows), actor="主任", today=TODAY)
    excel = "身份证号末三位是000，像是被Excel存成数字后丢了末几位，请从原件重新录入"
    assert [(r.row, r.value, r.reason) for r in report.rejected] == [
        (5, "370502194503109000", excel), (7, "370502195003110000", excel)]


def test_a_real_number_ending_in_000_is_imported_when_nothing_else_was_rounded(tmp_path, fresh_db):
    rows = good_rows()
    # passes its check digit; about one real number in 1,100 ends in 000
    rows[0][2:5] = ["女", "370502194503109000", "1945-03-10"]
    report = run_import(fresh_db, messy_workbook(tmp_path / "r.xlsx", rows), actor="主任", today=TODAY)
    assert (report.imported, report.rejected) == (3, [])
