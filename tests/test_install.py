"""A non-editable install, run from another folder, finds its font and translations and opens a database."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out),
                    str(ROOT)], check=True, capture_output=True)
    return next(out.glob("*.whl"))


def test_wheel_carries_font_licence_and_translations(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for needed in ("app/resources/fonts/wqy-microhei.ttc", "app/resources/fonts/LICENSE.txt",
                   "app/resources/i18n/app_zh_CN.qm", "app/__main__.py", "app/ui/main_window.py",
                   "app/resources/icons/app-16.png", "app/resources/icons/app-256.png",
                   "app/resources/regions/gbt2260.tsv", "app/resources/regions/README.md"):
        assert needed in names


def test_wheel_carries_the_user_guide_with_its_pictures(wheel):
    """帮助 → 使用说明 shows the guide offline from the installed app."""
    names = zipfile.ZipFile(wheel).namelist()
    assert "app/guide/guide.zh.md" in names
    pictures = [name for name in names if name.startswith("app/guide/guide/") and name.endswith(".png")]
    guide = zipfile.ZipFile(wheel).read("app/guide/guide.zh.md").decode("utf-8")
    linked = {f"app/guide/{link}" for link in __import__("re").findall(r"\]\((guide/[^)]+\.png)\)", guide)}
    assert linked and linked <= set(pictures)


def test_wheel_declares_the_app_command(wheel):
    """`pipx install .` puts `app` (and `fuwushe`) on the PATH: the window, or a subcommand."""
    archive = zipfile.ZipFile(wheel)
    entry_points = next(n for n in archive.namelist() if n.endswith(".dist-info/entry_points.txt"))
    text = archive.read(entry_points).decode()
    console = text.split("[console_scripts]")[1].split("[")[0]
    assert "app = app.__main__:main" in console
    assert "fuwushe = app.__main__:main" in console


def test_installed_app_command_runs(wheel, tmp_path):
    """The `app` script pip writes for the wheel starts the same command line, from any folder."""
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    script = target / ("Scripts/app.exe" if sys.platform == "win32" else "bin/app")
    env = {**os.environ, "PYTHONPATH": str(target), "QT_QPA_PLATFORM": "offscreen"}
    helped = subprocess.run([str(script), "--help"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert helped.returncode == 0 and "demo" in helped.stdout, helped.stderr
    db = tmp_path / "x.sqlite"
    made = subprocess.run([str(script), "demo", "--db", str(db), "--people", "10"], cwd=tmp_path, env=env,
                          capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    checked = subprocess.run([str(script), "check", "--db", str(db), "--user", "演示主任"], cwd=tmp_path, env=env,
                             capture_output=True, text=True, input="1234\n")
    assert checked.returncode == 0 and "数据库完好" in checked.stdout


def test_installed_copy_works_from_another_folder(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target), "QT_QPA_PLATFORM": "offscreen"}
    probe = (
        "import app, sys\n"
        "from app import paths\n"
        "assert str(paths.font_file()).startswith(sys.argv[1]), paths.font_file()\n"
        "from app.ui.application import make_application\nfrom app.ui.look import register_font\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "make_application()\n"
        "print(register_font(), QCoreApplication.translate('MainWindow', 'Roster'))\n"
    )
    shown = subprocess.run([sys.executable, "-c", probe, str(target)], cwd=elsewhere, env=env, check=True,
                           capture_output=True, text=True)
    assert shown.stdout.split() == ["WenQuanYi", "Micro", "Hei", "花名册"]
    db = elsewhere / "club.sqlite"
    run = subprocess.run([sys.executable, "-m", "app", "demo", "--db", str(db), "--people", "20"], cwd=elsewhere,
                         env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    check = subprocess.run([sys.executable, "-m", "app", "check", "--db", str(db), "--user", "演示主任"], cwd=elsewhere,
                           env=env, capture_output=True, text=True, input="1234\n")
    assert check.returncode == 0 and "数据库完好" in check.stdout
