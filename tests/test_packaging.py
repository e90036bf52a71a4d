"""What the packaging ships: the icon in every size, the .desktop file, the PyInstaller spec, --quit-after.

The slow checks (a real `pipx install`, a PyInstaller build run headless) are packaging/pipx-check.sh and
packaging/build.sh; these stay quick.
"""

from __future__ import annotations

import ast
import configparser
import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    return struct.unpack(">II", data[16:24])  # the IHDR chunk's width and height


def test_every_icon_size_is_drawn():
    for size in SIZES:
        assert png_size((ICONS / f"app-{size}.png").read_bytes()) == (size, size)
    assert "<svg" in (ICONS / "app.svg").read_text(encoding="utf-8")


def test_windows_icon_holds_every_size():
    data = (ICONS / "app.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, len(SIZES))
    found = []
    for index in range(count):
        entry = data[6 + 16 * index:22 + 16 * index]
        width, height, _, _, planes, bits, length, offset = struct.unpack("<BBBBHHII", entry)
        image = data[offset:offset + length]
        side = width or 256
        assert (width, height, planes, bits) == (side % 256, side % 256, 1, 32)
        assert png_size(image) == (side, side)
        found.append(side)
    assert sorted(found) == list(SIZES)


def test_window_icon_has_the_small_and_large_sizes(qapp):
    from PySide6.QtCore import QSize

    from app.ui.look import app_icon

    sizes = app_icon().availableSizes()
    assert QSize(16, 16) in sizes and QSize(256, 256) in sizes


def test_desktop_file_opens_the_app_command():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(ROOT / "packaging" / "fuwushe.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application"
    assert desktop["Name"] == "服务社工作台"
    assert desktop["Exec"] == "app"
    assert desktop["Icon"] == "fuwushe"  # the name packaging/install-desktop-entry.sh installs the PNGs under
    assert "Office" in desktop["Categories"].split(";")
    if shutil.which("desktop-file-validate"):
        checked = subprocess.run(["desktop-file-validate", str(ROOT / "packaging" / "fuwushe.desktop")],
                                 capture_output=True, text=True)
        assert checked.returncode == 0, checked.stdout + checked.stderr


def test_spec_names_every_lazily_imported_ortools_module():
    """The solvers import OR-Tools inside functions; the bundle must carry each such module."""
    spec = ast.parse((ROOT / "packaging" / "fuwushe.spec").read_text(encoding="utf-8"))
    hidden = next(ast.literal_eval(node.value) for node in ast.walk(spec) if isinstance(node, ast.Assign)
                  and any(getattr(target, "id", None) == "hiddenimports" for target in node.targets))
    imported = set()
    for source in (ROOT / "app").rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        for package, names in re.findall(r"^\s*from (ortools[\w.]*) import ([\w, ]+)", text, re.MULTILINE):
            imported.update(f"{package}.{name.strip()}" for name in names.split(","))
    assert imported, "no OR-Tools import found: update this test"
    assert imported <= set(hidden)


def test_quit_after_opens_the_window_and_closes_it(tmp_path):
    from app.db.connection import open_database
    from app.demo import make_demo

    db_path = tmp_path / "club.sqlite"
    make_demo(open_database(db_path), count=10)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FUWUSHE_DATA_DIR": str(tmp_path / "data")}
    run = subprocess.run([sys.executable, "-m", "app", "--db", str(db_path), "--quit-after", "0.5"], cwd=tmp_path,
                         env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "窗口已打开并关闭" in run.stdout and "服务社工作台" in run.stdout


def test_windowed_program_logs_errors_to_the_data_folder(tmp_path):
    """With no stdout/stderr (a windowed .exe), an expected error lands in fuwushe-errors.log."""
    probe = (
        "import runpy, sys\n"
        "sys.stdout = sys.stderr = None\n"
        "sys.argv = ['fuwushe', 'check', '--db', sys.argv[1]]\n"
        "runpy.run_path(LAUNCH, run_name='__main__')\n"
    ).replace("LAUNCH", repr(str(ROOT / "packaging" / "launch.py")))
    env = {**os.environ, "FUWUSHE_DATA_DIR": str(tmp_path / "data")}
    run = subprocess.run([sys.executable, "-c", probe, str(tmp_path / "missing.sqlite")], cwd=tmp_path,
                         env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode == 1 and run.stdout == "" and run.stderr == ""
    assert "错误：" in (tmp_path / "data" / "fuwushe-errors.log").read_text(encoding="utf-8")
