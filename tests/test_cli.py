"""The command line as a script sees it: exit codes, one-line Chinese errors, JSON with masked ID numbers."""

from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from clubfile import cli_main as main, cli_process, raw
from app.db import migrations
from app.db.connection import open_database
from app.db.people import insert_person
from app.people import search_people
from app.ids import mask_id
from app import people as people_module
from app.people import RosterFilter, clean_person

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
JSON_KEYS = {"person_id", "name", "sex", "birth_date", "birth_month_only", "building", "status", "is_member",
             "is_volunteer", "situations", "tags", "id_number"}
MASKED = re.compile(r"\d{2}\*{14}[\dX]{2}")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """main() in this process: (exit code, stdout, stderr); argparse's SystemExit becomes the exit code."""
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def run_process(*argv: str) -> subprocess.CompletedProcess:
    """``python -m app ...`` as a separate process, the way a script or scheduled task runs it (logged in, the
    password on standard input)."""
    return cli_process(argv)


def people_json(capsys, db: Path, *options: str) -> list[dict]:
    code, out, err = run(capsys, "people", "--db", db, "--json", *options)
    assert (code, err) == (0, "")
    return json.loads(out)


def query(path: Path, sql: str) -> list[tuple]:
    conn = raw(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def real_id_numbers(path: Path) -> list[str]:
    return [row[0] for row in query(path, "SELECT id_number FROM person WHERE id_number IS NOT NULL")]


@pytest.fixture
def demo_with_zhang(demo_path):
    """The demo club plus 张三丰, so that ``zsf`` finds somebody."""
    db = open_database(demo_path)
    insert_person(db, clean_person({"name": "张三丰", "id_number": "370502194503121018"}).values, actor="测试")
    db.close()
    return demo_path


# ---------------------------------------------------------------- demo


def test_demo_with_the_same_seed_gives_the_same_roster(capsys, tmp_path):
    outputs = []
    for name in ("a.sqlite", "b.sqlite"):
        code, out, err = run(capsys, "demo", "--db", tmp_path / name, "--people", "50", "--seed", "3")
        assert (code, err) == (0, "")
        assert "50 人" in out
        outputs.append(run(capsys, "people", "--db", tmp_path / name, "--json", "--all")[1])
    assert outputs[0] == outputs[1]
    assert len(json.loads(outputs[0])) == 50


def test_demo_into_a_database_with_people_is_refused(capsys, demo_path):
    code, out, err = run(capsys, "demo", "--db", demo_path, "--people", "5")
    assert code == 1 and out == ""
    assert err.startswith("错误：") and err.count("\n") == 1
    assert query(demo_path, "SELECT count(*) FROM person") == [(300,)]


@pytest.mark.parametrize("count", ["0", "-5", "300001"])
def test_demo_with_a_bad_count_is_refused_without_creating_a_file(capsys, db_path, count):
    code, out, err = run(capsys, "demo", "--db", db_path, "--people", count)
    assert (code, out) == (1, "")
    assert err.startswith("错误：人数应在 1 到 300000 之间")
    assert not db_path.exists()


# ---------------------------------------------------------------- people


def test_people_json_shows_the_roster_with_masked_ids(capsys, demo_path):
    code, out, err = run(capsys, "people", "--db", demo_path, "--json", "--all")
    assert (code, err) == (0, "")
    rows = json.loads(out)
    assert len(rows) == 300
    real = dict(query(demo_path, "SELECT id, id_number FROM person"))
    for row in rows:
        assert set(row) == JSON_KEYS
        assert isinstance(row["is_member"], bool) and isinstance(row["is_volunteer"], bool)
        assert isinstance(row["situations"], list) and isinstance(row["tags"], list)
        full = real[row["person_id"]]
        if full is None:  # a few demo elders came from a list with 出生年月 and no ID number
            assert row["id_number"] in (None, "")
            continue
        assert MASKED.fullmatch(row["id_number"])
        assert row["id_number"] == full[:2] + "*" * 14 + full[-2:]
    for number in real.values():
        assert number is None or number not in out


def test_people_json_holds_what_the_roster_holds_for_odd_rows(capsys, db_path):
    # A legacy 15-digit ID, no ID, no sex or birth date, a building typed with quotes and a backslash, a tag
    # and two situations: each row is what the roster's own reading and ids.mask_id give.
    db = open_database(db_path)
    for values in ({"name": "李建国", "id_number": "370502450312101", "situations": ["独居", "重病"]},
                   {"name": "覃明", "building": '3"号\\楼', "is_volunteer": True, "tags": ["讲师"]},
                   {"name": "欧阳秀英", "id_number": "370502194503121018", "is_member": True},
                   {"name": "王出生年月", "birth_date": "1950年3月"}):
        insert_person(db, clean_person(values).values, actor="测试")
    expected = [{"person_id": r["id"], "name": r["name"], "sex": r["sex"], "birth_date": r["birth_date"],
                 "birth_month_only": bool(r["birth_month_only"]), "building": r["building"], "status": r["status"], "is_member": bool(r["is_member"]),
                 "is_volunteer": bool(r["is_volunteer"]), "situations": r["situations"], "tags": r["tags"],
                 "id_number": mask_id(r["id_number"])} for r in search_people(db, RosterFilter())]
    db.close()
    assert [e["id_number"] for e in expected] == ["37" + "*" * 11 + "01", "37" + "*" * 14 + "18", "", ""]
    assert [(e["birth_date"], e["birth_month_only"]) for e in expected if e["name"] == "王出生年月"] == [
        ("1950-03-01", True)]
    assert people_json(capsys, db_path) == expected
    assert people_json(capsys, db_path, "--query", "nobody") == []


def test_people_text_output_is_what_the_roster_shows(capsys, db_path):
    # Statuses in Chinese, and a birth known only by year and month shown as such, not as an invented 1st.
    db = open_database(db_path)
    insert_person(db, clean_person({"name": "王出生年月", "birth_date": "1950.3"}).values, actor="测试")
    gone = insert_person(db, clean_person({"name": "李迁走", "birth_date": "1945-03-12"}).values, actor="测试")
    people_module.change_status(db, gone, "moved_away", datetime.date(2026, 1, 5), actor="测试")
    db.close()
    code, out, _ = run(capsys, "people", "--db", db_path, "--all")
    assert code == 0
    assert [line.split("\t")[1:4] + line.split("\t")[6:] for line in out.splitlines()] == [
        ["李迁走", "", "1945-03-12", "已迁出"], ["王出生年月", "", "1950年3月", "在册"]]


def test_people_text_output_masks_ids_and_counts_on_stderr(capsys, demo_path):
    code, out, err = run(capsys, "people", "--db", demo_path)
    assert code == 0
    lines = out.splitlines()
    assert err == f"共 {len(lines)} 人\n"
    assert all(MASKED.fullmatch(line.split("\t")[5]) for line in lines if line.split("\t")[5])
    assert not any(number in out for number in real_id_numbers(demo_path))


@pytest.mark.parametrize(
    "options, flt",
    [
        (["--query", "zsf"], RosterFilter(text="zsf")),
        (["-q", "李 12号楼"], RosterFilter(text="李 12号楼")),
        (["--volunteers"], RosterFilter(volunteers=True)),
        (["--hardship"], RosterFilter(hardship=True)),
        (["--members", "--tag", "讲师"], RosterFilter(members=True, tag="讲师")),
        (["--all", "--query", "wang"], RosterFilter(text="wang", include_inactive=True)),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else "",
)
def test_people_filters_like_the_window(capsys, demo_with_zhang, options, flt):
    listed = [row["person_id"] for row in people_json(capsys, demo_with_zhang, *options)]
    db = open_database(demo_with_zhang, readonly=True)
    try:
        expected = [p["id"] for p in search_people(db, flt)]
    finally:
        db.close()
    assert listed == expected
    assert listed  # every filter above finds somebody in the demo club


def test_people_query_finds_zhang_sanfeng(capsys, demo_with_zhang):
    names = [row["name"] for row in people_json(capsys, demo_with_zhang, "--query", "zsf")]
    assert "张三丰" in names


def test_people_with_an_unknown_tag_is_refused(capsys, demo_path):
    code, out, err = run(capsys, "people", "--db", demo_path, "--tag", "歌手")
    assert (code, out) == (1, "")
    assert err.startswith("错误：未知的人才库标签：歌手")


def test_people_on_a_missing_file_is_refused_without_creating_it(capsys, db_path):
    code, _, err = run(capsys, "people", "--db", db_path)
    assert code == 1 and err.startswith("错误：数据库文件不存在")
    assert not db_path.exists()


# ---------------------------------------------------------------- check


def test_check_a_healthy_database(capsys, demo_path):
    code, out, err = run(capsys, "check", "--db", demo_path)
    assert (code, err) == (0, "")
    assert "数据库完好" in out and "共 300 人" in out


def test_check_finds_an_audit_row_changed_behind_the_apps_back(capsys, demo_path):
    conn = raw(demo_path)
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET actor = '别人' WHERE id = 5")
    conn.execute("""CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""")
    conn.close()
    code, out, err = run(capsys, "check", "--db", demo_path)
    assert code == 1
    assert out == "问题：审计日志第 5 条与记录时不一致：日志在程序之外被改动或删除过\n"
    assert "1 处问题" in err


def test_check_an_old_database_without_accounts_asks_for_the_window_first_and_leaves_it(capsys, tmp_path):
    path = tmp_path / "v1.sqlite"
    shutil.copy(DATA / "schema_v1.sqlite", path)
    before = path.read_bytes()
    code = main(["check", "--db", path, "--user", "刘主任"], then=["12345678"])
    out, err = capsys.readouterr()
    assert (code, out) == (1, "")
    assert err.startswith("错误：") and "还没有账户" in err
    assert path.read_bytes() == before


def test_check_a_missing_file_does_not_create_it(capsys, tmp_path):
    path = tmp_path / "nowhere" / "club.sqlite"
    code, out, err = run(capsys, "check", "--db", path)
    assert (code, out) == (1, "")
    assert err.startswith("错误：数据库文件不存在")
    assert not path.exists() and not path.parent.exists()


def test_check_a_file_from_a_newer_version(capsys, db_path):
    from clubfile import tester_of

    open_database(db_path).close()
    tester_of(db_path)
    conn = raw(db_path)
    conn.execute(f"PRAGMA user_version = {migrations.latest_version() + 1}")
    conn.close()
    code, out, err = run(capsys, "check", "--db", db_path)
    assert (code, out) == (1, "")
    assert err.startswith("错误：") and "更新版本" in err


# ---------------------------------------------------------------- usage


@pytest.mark.parametrize("argv", [["people"], ["check"], ["demo"], ["people", "--db"], ["nonsense"],
                                  ["demo", "--db", "x.sqlite", "--people", "many"]])
def test_usage_errors_exit_2(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    # One line in Chinese: what is wrong, and where the usage is.
    assert err.count("\n") == 1 and err.startswith("错误：") and "--help）" in err
    assert not re.search(r"[A-Za-z]{4,}", re.sub(r"python -m app( [a-z-]+)?|--\w[\w-]*|'[^']*'|[A-Z]+\b", "", err)), err


@pytest.mark.parametrize("argv", [[], ["demo"], ["check"], ["people"]])
def test_help_for_every_command(capsys, argv):
    code, out, err = run(capsys, *argv, "--help")
    assert (code, err) == (0, "")
    assert out.startswith("用法：python -m app") and "选项：" in out and "显示这段说明" in out
    assert "options" not in out and "show this help" not in out


# ---------------------------------------------------------------- as a separate process


def test_process_demo_into_a_database_with_people(demo_path):
    result = run_process("demo", "--db", demo_path, "--people", "5")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("错误：") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_process_people_and_check(demo_path, tmp_path):
    listed = run_process("people", "--db", demo_path, "--json", "--volunteers")
    assert (listed.returncode, listed.stderr) == (0, "")
    rows = json.loads(listed.stdout)
    assert rows and all(row["is_volunteer"] is True for row in rows)
    assert not any(number in listed.stdout for number in real_id_numbers(demo_path))

    missing = run_process("check", "--db", tmp_path / "missing.sqlite")
    assert missing.returncode == 1 and missing.stderr.startswith("错误：")
    assert "Traceback" not in missing.stderr
    assert not (tmp_path / "missing.sqlite").exists()


def test_process_usage_error_and_bad_count(tmp_path):
    usage = run_process("people")
    assert usage.returncode == 2 and "Traceback" not in usage.stderr
    bad = run_process("demo", "--db", tmp_path / "unused.sqlite", "--people", "0")
    assert bad.returncode == 1 and bad.stderr.startswith("错误：") and "Traceback" not in bad.stderr
    assert not (tmp_path / "unused.sqlite").exists()


def test_process_check_on_a_folder_is_one_line(tmp_path):
    result = run_process("check", "--db", tmp_path)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1 and result.stderr.startswith("错误：")


def test_every_subcommand_has_help(capsys):
    import argparse

    from app.cli import build_parser

    commands = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)).choices
    assert {"demo", "check", "people", "import-roster", "export-roster", "roster-template", "due", "log-visit",
            "aid-coverage", "aid-suggest", "rota"} <= set(commands)
    for name in commands:
        with pytest.raises(SystemExit) as done:
            main([name, "--help"])
        assert done.value.code == 0
        assert capsys.readouterr().out.startswith(f"用法：python -m app {name}")


def test_the_readme_documents_every_subcommand():
    import argparse
    from pathlib import Path

    from app.cli import build_parser

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    commands = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)).choices
    missing = [name for name in commands if f"python -m app {name} " not in readme]
    assert not missing, f"README.md's command table lacks {missing}"
