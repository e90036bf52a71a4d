"""Chinese first: every UI string is translated, the shipped .qm matches its .ts, and English can be chosen."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from app import paths
from app.ui.application import install_language, make_application

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import i18n  # noqa: E402


def test_every_string_in_the_ui_is_in_the_catalogue_and_translated(tmp_path):
    ts = tmp_path / "check.ts"
    ts.write_bytes((paths.translations_dir() / "app_zh_CN.ts").read_bytes())
    import subprocess

    subprocess.run([i18n.tool("lupdate"), "-no-obsolete", "-locations", "none", *i18n.sources(), "-ts", str(ts)],
                   cwd=ROOT, check=True, capture_output=True)
    untranslated = [m.find("source").text for m in ET.parse(ts).iter("message")
                    if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")]
    assert untranslated == [], "run tools/i18n.py and translate these"


def test_shipped_qm_is_built_from_the_current_ts(tmp_path):
    built = i18n.release(tmp_path)[0]
    assert built.read_bytes() == (paths.translations_dir() / "app_zh_CN.qm").read_bytes(), "run tools/i18n.py"


def test_chinese_by_default_and_english_on_request(qapp):
    app = make_application()
    assert QCoreApplication.translate("MainWindow", "Roster") == "花名册"
    install_language(app, "en")
    assert QCoreApplication.translate("MainWindow", "Roster") == "Roster"
    install_language(app, "zh_CN")
    assert QCoreApplication.translate("RosterPage", "%n people", "", 3) == "共 3 人"


def test_message_box_buttons_speak_chinese_too(qapp):
    from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

    app = make_application()
    install_language(app, "zh_CN")
    box = QMessageBox(QMessageBox.Icon.Question, "问", "继续吗？",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    assert {box.button(QMessageBox.StandardButton.Yes).text(), box.button(QMessageBox.StandardButton.No).text()} \
        == {"是(&Y)", "否(&N)"}
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    install_language(app, "en")
    assert QMessageBox(QMessageBox.Icon.Question, "q", "q", QMessageBox.StandardButton.Yes) \
        .button(QMessageBox.StandardButton.Yes).text() == "&Yes"
    install_language(app, "zh_CN")
