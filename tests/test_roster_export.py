"""Exporting the roster and the template from the command line, and the round trip back through the importer."""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from clubfile import cli_main as main, cli_process
from app.db.access import list_access
from app.db.connection import open_database
from app.roster_import import run_import

ROOT = Path(__file__).resolve().parent.parent


def sheet_rows(path: Path) -> list[list]:
    ws = openpyxl.load_workbook(path).active
    return [[cell.value for cell in row] for row in ws.iter_rows()]


def test_export_masks_ids_by_default(demo_path, demo_db, tmp_path, capsys):
    out = tmp_path / "花名册.xlsx"
    assert main(["export-roster", "--db", str(demo_path), "--out", str(out)]) == 0
    assert "身份证号已遮盖" in capsys.readouterr().out
    rows = sheet_rows(out)
    assert rows[0][0].startswith("胜利油田演示党员服务社花名册") and "身份证号已遮盖" in rows[0][0]
    header = rows[1]
    ids = [r[header.index("身份证号")] for r in rows[2:]]
    assert len(ids) == demo_db.execute("SELECT count(*) FROM person").fetchone()[0]
    assert all(len(i) == 18 and i[2:16] == "*" * 14 for i in ids if i)
    real = {r[0] for r in demo_db.execute("SELECT id_number FROM person WHERE id_number IS NOT NULL")}
    assert not real & set(ids)
    assert list_access(demo_db) == []


def test_full_ids_are_exported_only_on_request_and_recorded(demo_path, tmp_path, capsys):
    out = tmp_path / "full.xlsx"
    assert main(["export-roster", "--db", str(demo_path), "--out", str(out), "--full-ids"]) == 0
    rows = sheet_rows(out)
    db = open_database(demo_path)
    real = {r[0] for r in db.execute("SELECT id_number FROM person")}
    assert {r[rows[1].index("身份证号")] for r in rows[2:]} == real
    access = list_access(db)
    people = db.execute("SELECT count(*) FROM person").fetchone()[0]
    assert [(a["action"], a["detail"]) for a in access] == [("export_full_ids", f"full.xlsx，{people} 人")]
    assert db.execute("SELECT count(*) FROM audit_log WHERE table_name = 'access_log'").fetchone()[0] == 1


def test_round_trip_export_import_export_holds_the_same_rows(demo_path, tmp_path):
    first = tmp_path / "first.xlsx"
    assert main(["export-roster", "--db", str(demo_path), "--out", str(first), "--full-ids"]) == 0
    empty = tmp_path / "empty.sqlite"
    report = run_import(open_database(empty), first, actor="测试")
    assert report.rejected == [] and report.skipped_duplicates == 0 and report.imported == report.read
    second = tmp_path / "second.xlsx"
    assert main(["export-roster", "--db", str(empty), "--out", str(second), "--full-ids"]) == 0
    assert sheet_rows(first)[1:] == sheet_rows(second)[1:]


def test_template_is_recognised_by_the_importer(tmp_path, fresh_db, db_path, capsys):
    out = tmp_path / "模板.xlsx"
    assert main(["roster-template", "--out", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    ws = wb.worksheets[0]
    ws.append(["张三丰", "男", "370502194503121237", datetime.date(1945, 3, 12), "13805461111", "12", "3", "201",
               "党员", datetime.date(1965, 7, 1), "", "独居", "", "", "在册", None, ""])
    wb.save(out)
    report = run_import(fresh_db, out, actor="测试")
    assert (report.read, report.imported, report.rejected) == (1, 1, [])


@pytest.mark.parametrize("args, message", [
    (["export-roster", "--db", "{db}", "--out", "{tmp}/x.csv"], "应以 .xlsx 结尾"),
    (["export-roster", "--db", "{tmp}/missing.sqlite", "--out", "{tmp}/x.xlsx"], "数据库文件不存在"),
    (["export-roster", "--db", "{db}", "--out", "{tmp}/no/such/x.xlsx"], "文件夹不存在"),
])
def test_bad_export_requests_are_one_line(demo_path, tmp_path, args, message):
    argv = [a.format(db=demo_path, tmp=tmp_path) for a in args]
    run = cli_process(argv)
    assert run.returncode == 1
    assert len(run.stderr.strip().splitlines()) == 1 and message in run.stderr
