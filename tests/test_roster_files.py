"""Rosters as other programs wrote them: LibreOffice's .xls, .ods, .xlsx and .csv, Excel's GBK and UTF-8 CSV.

The files under tests/data/rosters were written by LibreOffice (tests/data/make_roster_files.py); one test converts
the source again with the LibreOffice on this machine (the test script installs it), so nothing here depends on
files this app wrote itself.
"""

from __future__ import annotations

import datetime
import json
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from app.db.connection import open_database

from app import people
from clubfile import cli_main as main, cli_process
from app.reports.roster import import_roster
from app.roster_import import inspect, run_import
from app.workbook_safety import WorkbookRefused, open_roster

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
FILES = DATA / "rosters"
sys.path.insert(0, str(DATA))
import make_roster_files  # noqa: E402

TODAY = datetime.date(2026, 12, 3)
FORMS = ["libreoffice.xlsx", "libreoffice.xls", "libreoffice.ods", "libreoffice.csv", "gbk.csv", "utf8-bom.csv"]
# What the roster holds once imported: name -> (birth as the roster shows it, sex, situations, member)
EXPECTED = {
    "张三丰": ("1945-03-12", "男", [], True),  # 1945.03 beside the ID: the day from the ID
    "李秀英": ("1950年3月", "女", ["独居", "低保"], True),  # 出生年月 alone: kept as year and month
    "王建国": ("1950-03-05", "男", [], True),  # 1950.3.5. with its full stop
    "赵桂兰": ("1948-02-10", "女", ["特困"], False),  # 一九四八年二月十日; 五保 is 特困
    "刘淑珍": ("1944年11月", "女", ["失独"], True),
    "陈德胜": ("1942-01-15", "男", ["残疾"], True),  # 1942年1月15号
    "孙玉梅": ("1947-08-20", "女", [], False),  # a date cell
    "周福海": ("1951年5月", "男", [], True),  # 195105 typed into a number cell
}


def roster(db) -> dict[str, tuple]:
    found = people.search_people(db, people.RosterFilter(include_inactive=True))
    return {p["name"]: (people.birth_text(p), p["sex"], p["situations"], bool(p["is_member"])) for p in found}


@pytest.mark.parametrize("name", FORMS)
def test_every_form_an_office_sends_is_imported_alike(fresh_db, tmp_path, name):
    source = tmp_path / name
    shutil.copy(FILES / name, source)
    layout = inspect(source)
    assert (layout.header_row, layout.headers[:3]) == (2, ["序号", "姓名", "性别"])
    report = run_import(fresh_db, source, actor="主任", today=TODAY)
    assert (report.read, report.imported, report.rejected) == (8, 8, [])
    assert roster(fresh_db) == EXPECTED
    phones = {p["name"]: p["phone"] for p in people.search_people(fresh_db, people.RosterFilter())}
    assert (phones["张三丰"], phones["李秀英"], phones["孙玉梅"]) == ("13805461111", "0546-8223344", "13805467777")


@pytest.mark.parametrize("name, saved_as", [("libreoffice.xls", "花名册.xlsx"), ("libreoffice.ods", "花名册.xlsx"),
                                             ("libreoffice.xlsx", "花名册.xls"), ("libreoffice.xlsx", "花名册.ods")])
def test_a_workbook_whose_name_says_another_format_is_read_as_what_it_is(fresh_db, tmp_path, name, saved_as):
    # Renamed by hand, or saved by a program that writes one format under another's name: Excel and WPS open such
    # a file anyway, and the importer called it damaged.
    source = tmp_path / saved_as
    shutil.copy(FILES / name, source)
    report = run_import(fresh_db, source, actor="主任", today=TODAY)
    assert (report.read, report.imported, report.rejected) == (8, 8, [])
    assert roster(fresh_db) == EXPECTED


def test_the_cli_speaks_of_a_csv_as_a_file_not_a_worksheet(tmp_path, capsys):
    open_database(tmp_path / "c.sqlite").close()
    code = main(["import-roster", str(FILES / "gbk.csv"), "--db", str(tmp_path / "c.sqlite"), "--dry-run"])
    out = capsys.readouterr().out
    assert code == 0 and out.startswith("表头在第 2 行；读取 8 行：可导入 8") and "工作表" not in out
    code = main(["import-roster", str(FILES / "libreoffice.ods"), "--db", str(tmp_path / "c.sqlite"), "--dry-run"])
    assert code == 0 and capsys.readouterr().out.startswith("工作表“")


def test_libreoffice_on_this_machine_still_writes_what_the_importer_reads(fresh_db, tmp_path):
    """Converts the source again with the installed LibreOffice (.xls and .ods: the forms calamine reads)."""
    made = make_roster_files.build(tmp_path / "made")
    for form in ("xls", "ods"):
        db_report = run_import(fresh_db, made[form], actor="主任", today=TODAY, dry_run=True)
        assert (db_report.read, db_report.imported, db_report.rejected) == (8, 8, [])


def test_the_cli_imports_an_xls_with_the_same_json(tmp_path, capsys):
    source = tmp_path / "花名册.xls"
    shutil.copy(FILES / "libreoffice.xls", source)
    open_database(tmp_path / "c.sqlite").close()
    code = main(["import-roster", str(source), "--db", str(tmp_path / "c.sqlite"), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert (code, out) == (0, {"read": 8, "imported": 8, "updated": 0, "skipped_duplicates": 0, "rejected": [],
                               "stored": True})


def test_a_bad_row_of_a_csv_is_reported_by_its_line(fresh_db, tmp_path):
    text = (FILES / "libreoffice.csv").read_text(encoding="utf-8").replace("370521195003050034", "370521195003050035")
    source = tmp_path / "名单.csv"
    source.write_bytes(text.encode("gbk"))
    report = import_roster(fresh_db, source, actor="主任", today=TODAY)
    assert [(r.row, r.column, r.value) for r in report.rejected] == [(5, "公民身份号码", "370521195003050035")]
    assert report.error_workbook == tmp_path / "名单_错误行.xlsx" and report.error_workbook.exists()


def test_a_dry_run_writes_nothing_not_even_the_error_workbook(fresh_db, tmp_path):
    text = (FILES / "libreoffice.csv").read_text(encoding="utf-8").replace("370521195003050034", "370521195003050035")
    (tmp_path / "in").mkdir()
    source = tmp_path / "in" / "名单.csv"
    source.write_text(text, encoding="utf-8")
    report = import_roster(fresh_db, source, actor="主任", today=TODAY, dry_run=True)
    assert len(report.rejected) == 1 and report.error_workbook is None
    assert [p.name for p in source.parent.iterdir()] == ["名单.csv"]
    assert people.count_people(fresh_db) == 0


def test_csv_encodings_are_told_apart(tmp_path):
    for name, data in (("u8.csv", "姓名,电话\n张三,1\n".encode("utf-8")),
                       ("bom.csv", "\ufeff姓名,电话\n张三,1\n".encode("utf-8")),
                       ("gbk.csv", "姓名,电话\n張三丰,1\n".encode("gbk")),
                       ("gb18030.csv", "姓名,电话\n𠀾三,1\n".encode("gb18030")),
                       ("u16.csv", "姓名\t电话\n张三\t1\n".encode("utf-16"))):
        path = tmp_path / name
        path.write_bytes(data)
        book = open_roster(path)
        rows = list(book.rows(book.sheetnames[0]))
        assert rows[0] == (1, ("姓名", "电话")), name
        assert rows[1][1][0] in ("张三", "張三丰", "𠀾三"), name


def test_a_binary_file_named_csv_is_refused_in_one_sentence(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(b"\x00\x01\x02PK" * 100)
    with pytest.raises(WorkbookRefused) as caught:
        open_roster(path)
    assert caught.value.message == "这个 CSV 文件不是文字（可能是其他文件改了扩展名），无法导入"


def test_an_ods_with_a_filled_cell_repeated_a_million_times_is_refused_fast(tmp_path):
    with zipfile.ZipFile(FILES / "libreoffice.ods") as zf:
        content = zf.read("content.xml").decode("utf-8")
    bomb = content.replace("<table:table-cell ", '<table:table-cell table:number-columns-repeated="16384" ', 1)
    path = tmp_path / "bomb.ods"
    with zipfile.ZipFile(FILES / "libreoffice.ods") as zi, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            zo.writestr(info, bomb.encode("utf-8") if info.filename == "content.xml" else zi.read(info.filename))
    started = time.perf_counter()
    with pytest.raises(WorkbookRefused) as caught:
        run_import(None, path, actor="主任", today=TODAY)
    assert time.perf_counter() - started < 5
    assert caught.value.message == FAR


FAR = "表格在第 100 列以后或 20 万行以后还有内容，不像花名册，请删去多余的内容后再导入"


@pytest.mark.parametrize("name", ["far-cell.xls", "far-cell.ods"])
def test_a_cell_at_the_far_corner_of_an_xls_or_ods_is_refused_before_the_grid_is_built(tmp_path, name):
    """LibreOffice's own file with one cell at IV65536: calamine would build a grid of 16 million cells (1.2 GB)."""
    started = time.perf_counter()
    with pytest.raises(WorkbookRefused) as caught:
        inspect(FILES / name)
    assert time.perf_counter() - started < 2
    assert caught.value.message == FAR


def test_the_empty_rest_of_a_libreoffice_sheet_is_not_taken_for_content(tmp_path):
    """LibreOffice writes the empty rows and columns after the data as one repeated row: that is no far cell."""
    with zipfile.ZipFile(FILES / "libreoffice.ods") as zf:
        assert b'number-rows-repeated="10485' in zf.read("content.xml")
    assert inspect(FILES / "libreoffice.ods").header_row == 2


def test_an_xlsx_with_a_cell_at_xfd1048576_is_read_without_building_the_block(fresh_db, tmp_path):
    """calamine would build the grid out to the far cell; such a sheet goes through the streaming reader."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "性别", "出生日期"])
    ws.append(["张三丰", "男", "1945-03-12"])
    ws["XFD1048576"] = "x"
    path = tmp_path / "far.xlsx"
    wb.save(path)
    started = time.perf_counter()
    report = run_import(fresh_db, path, actor="主任", today=TODAY)
    assert time.perf_counter() - started < 30
    assert (report.read, report.imported) == (1, 1)


@pytest.mark.parametrize("xml, far", [
    (b'<c r="XFD1048576">', True), (b'<c r="CW1">', True), (b'<c r="CV1">', False), (b'<c r="A1000000">', True),
    (b'<c r="A999999">', False), (b'r="ZZ1"', True), (b'\tr="AAA1"', True), (b'\xe4r="AAA1"', True),
    (b'<c ar="XFD1">', False), (b'<c _r="A1234567">', False), (b'<c R="XFD1">', False),
])
def test_a_far_cell_is_a_cell_reference_attribute_beyond_the_roster(xml, far):
    """r="..." after a word boundary only: another attribute ending in r (or a value) is not a cell reference."""
    from app.workbook_safety import _FAR_CELL

    assert bool(_FAR_CELL.search(b"<row>" * 3 + xml)) is far
    assert bool(_FAR_CELL.search(xml)) is far


def test_no_english_reaches_the_terminal_for_a_lying_dimension(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "性别"])
    wb.active.append(["张三丰", "男"])
    source = tmp_path / "dim.xlsx"
    wb.save(source)
    with zipfile.ZipFile(source) as zf:
        parts = {info.filename: zf.read(info.filename) for info in zf.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(b'<dimension ref="A1:B2" />', b'<dimension ref="A1:XFD1048576"/>')
    assert parts["xl/worksheets/sheet1.xml"] != sheet
    with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    open_database(tmp_path / "c.sqlite").close()
    run = cli_process(["import-roster", str(source), "--db", str(tmp_path / "c.sqlite"), "--dry-run"], timeout=120)
    assert run.returncode == 0, run.stderr
    assert "dimension" not in run.stderr and not any(c.isascii() and c.isalpha() for c in run.stderr)
