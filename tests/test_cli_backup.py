"""``backup`` and ``restore`` on the command line, and the backup ``import-roster`` makes first."""

from __future__ import annotations

import datetime
import sqlite3
import subprocess
import sys
from pathlib import Path

import openpyxl

from app import people
from clubfile import cli_main as main, raw
from app.db import backup as files
from app.db.connection import open_database

ROOT = Path(__file__).resolve().parent.parent


def run(capsys, *argv) -> tuple[int, str, str]:
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def names(path: Path, of: Path | None = None) -> list[str]:
    """The names in a club file, or in a backup ``of`` one (opened with that club's key)."""
    conn = raw(path, of)
    try:
        return [row[0] for row in conn.execute("SELECT name FROM person ORDER BY id")]
    finally:
        conn.close()


def club(path: Path, *who: str) -> Path:
    db = open_database(path)
    for name in who:
        people.add_person(db, {"name": name, "building": "5"}, actor="主任")
    db.close()
    return path


def test_backup_prints_the_checked_copy_and_applies_the_rotation(capsys, db_path, tmp_path):
    club(db_path, "张三丰")
    folder = tmp_path / "U盘"
    folder.mkdir()
    yesterday = datetime.datetime.combine(datetime.date.today() - datetime.timedelta(days=1), datetime.time(8))
    made_yesterday = [folder / files.backup_name(db_path, yesterday + datetime.timedelta(hours=h), "auto")
                      for h in range(5)]
    long_ago = folder / files.backup_name(db_path, datetime.datetime(2020, 1, 1, 9), "auto")
    for path in [*made_yesterday, long_ago]:
        path.write_bytes(b"")
    code, out, err = run(capsys, "backup", "--db", db_path, "--to", folder)
    assert code == 0
    made = Path(out.strip())
    assert made.parent == folder and made.name.startswith("club.") and made.name.endswith(".manual.sqlite")
    assert names(made, db_path) == ["张三丰"]
    assert "已备份并校验" in err and "删除了 4 份旧备份" in err
    # Yesterday's newest stands for the day; the one from 2020 for its month.
    assert [b.path for b in files.list_backups(folder, db_path)] == [made, made_yesterday[-1], long_ago]


def test_backup_defaults_to_the_folder_beside_the_database(capsys, db_path):
    club(db_path, "张三丰")
    code, out, _ = run(capsys, "backup", "--db", db_path)
    assert code == 0 and Path(out.strip()).parent == db_path.parent / "备份"


def test_backup_of_a_missing_file_is_one_line_and_exit_1(capsys, tmp_path):
    code, out, err = run(capsys, "backup", "--db", tmp_path / "nowhere.sqlite", "--to", tmp_path)
    assert (code, out) == (1, "")
    assert err.startswith("错误：") and err.count("\n") == 1
    assert not (tmp_path / "nowhere.sqlite").exists()


def test_restore_checks_keeps_the_current_file_aside_and_says_where(capsys, db_path, tmp_path):
    club(db_path, "张三丰")
    code, out, _ = run(capsys, "backup", "--db", db_path, "--to", tmp_path / "备份")
    backup = Path(out.strip())
    club(db_path, "后来的人")
    code, out, err = run(capsys, "restore", "--db", db_path, "--from", backup)
    assert code == 0, err
    assert names(db_path) == ["张三丰"]
    aside = next(db_path.parent.glob("club.before-restore-*.sqlite"))
    assert names(aside, db_path) == ["张三丰", "后来的人"]
    assert str(aside) in out and backup.name in out
    assert "恢复前已备份当前数据" in err


def test_restore_from_a_damaged_backup_is_refused_and_changes_nothing(capsys, db_path, tmp_path):
    club(db_path, "张三丰")
    bad = tmp_path / "坏的备份.sqlite"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 8000)
    before = names(db_path)
    code, out, err = run(capsys, "restore", "--db", db_path, "--from", bad)
    assert (code, out) == (1, "")
    assert err.startswith("错误：") and "损坏" in err and err.count("\n") == 1
    assert names(db_path) == before
    assert list(db_path.parent.glob("*.before-restore-*")) == []


def test_restore_is_refused_while_a_window_has_the_file_open(capsys, db_path, tmp_path):
    club(db_path, "张三丰")
    _, out, _ = run(capsys, "backup", "--db", db_path)
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from app.db import filelock; "
                               "filelock.acquire(sys.argv[1]); print('HELD', flush=True); time.sleep(60)", str(db_path)],
                              cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "HELD"
        code, _, err = run(capsys, "restore", "--db", db_path, "--from", out.strip())
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    assert code == 1 and "同一时间只能有一个窗口修改数据" in err and f"进程 {holder.pid}" in err


def roster_file(path: Path) -> Path:
    book = openpyxl.Workbook()
    book.active.append(["姓名", "楼号"])
    book.active.append(["新来的人", "7"])
    book.save(path)
    return path


def test_import_roster_backs_up_first_but_not_for_a_dry_run(capsys, db_path, tmp_path):
    club(db_path, "张三丰")
    xlsx = roster_file(tmp_path / "名单.xlsx")
    code, _, err = run(capsys, "import-roster", xlsx, "--db", db_path, "--dry-run")
    assert code == 0 and not (db_path.parent / "备份").exists()
    refused = tmp_path / "旧名单.xlsx"
    refused.write_bytes(b"not a workbook")
    code, _, err = run(capsys, "import-roster", refused, "--db", db_path)
    assert code == 1 and err.count("\n") == 1 and not (db_path.parent / "备份").exists()  # nothing to store: no backup
    code, _, err = run(capsys, "import-roster", xlsx, "--db", db_path)
    assert code == 0 and "导入前备份" in err
    made = files.list_backups(db_path.parent / "备份", db_path)
    assert [b.reason for b in made] == ["before-import"]
    assert names(made[0].path, db_path) == ["张三丰"]
    assert names(db_path) == ["张三丰", "新来的人"]
