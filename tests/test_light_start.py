"""A light start: the command line and the window load none of the heavy libraries until something uses them.

pandas never (sqlite-utils would import it, and numpy, whenever OR-Tools has installed them); numpy with the
mutual-aid solver; pypinyin's dictionaries when a name's words are made; OpenCC when traditional text is typed;
OR-Tools, openpyxl, reportlab and PDFium with the rota, the spreadsheets and the PDFs. Each check runs in a fresh
interpreter, as a user's command or window would.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import people
from app.db.connection import open_database

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("pandas", "numpy", "pypinyin", "opencc", "ortools", "openpyxl", "reportlab", "pypdfium2")
REPORT = f"import json, sys; print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))))"


def loaded(code: str, *args: str) -> list[str]:
    """The heavy libraries a fresh interpreter has loaded after running ``code``."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code + "\n" + REPORT, *args], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True, timeout=60).stdout
    return json.loads(out.strip().splitlines()[-1])


@pytest.fixture
def club(db_path):
    from app.db.settings import set_setting

    db = open_database(db_path)
    set_setting(db, "club_name", "测试服务社", actor="测试")  # no first-run wizard
    for name in ("张三丰", "王秀英", "張三豐"):
        people.add_person(db, {"name": name, "phone": "13805461234"}, actor="测试")
    db.close()
    return db_path


def test_importing_the_command_line_loads_none_of_them():
    assert loaded("import app.cli") == []


def test_a_roster_search_on_the_command_line_loads_none_of_them(club):
    from clubfile import tester_of

    name, password = tester_of(club)  # logged in, as every command is: the password on standard input
    code = ("import contextlib, io, sys\nfrom app.cli import main\nsys.stdin = io.StringIO(sys.argv[3] + '\\n')\n"
            "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
            "    assert main(['people', '--db', sys.argv[1], '--query', 'zsf', '--user', sys.argv[2]]) == 0")
    assert loaded(code, str(club), name, password) == []


def test_a_search_in_traditional_characters_loads_opencc_and_nothing_else(club):
    code = ("import sys\nfrom app.db.connection import open_database\nfrom app.people import RosterFilter, search_ids\n"
            "assert len(search_ids(open_database(sys.argv[1]), RosterFilter(text='張三豐'))) == 2")
    assert loaded(code, str(club)) == ["opencc"]


def test_the_window_starts_and_shows_the_roster_without_them(club):
    code = ("import sys\nfrom PySide6.QtCore import QCoreApplication\nfrom app.accounts import Session\n"
            "from app.ui.application import start_window\n"
            "window, app = start_window(sys.argv[1], session=Session(None, '主任', 'director'))\n"
            "while window.roster.shown_filter is None:\n"
            "    QCoreApplication.processEvents()\n"
            "window.navigation.setCurrentRow(1)\nwindow.repaint()\n"
            "assert window.roster.model.rowCount() == 3\nwindow.close()")
    assert loaded(code, str(club)) == []
