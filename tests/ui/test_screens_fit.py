"""Every screen fits a 1366×768 office screen at 100 % and 150 % text: each page of the main window and every
dialog and wizard page is on the screen (less its taskbar), every button reachable, no text cut off."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import screens  # noqa: E402


@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_every_screen_fits_the_office_screen_and_cuts_nothing_off(qtbot, scale):
    assert screens.check(scale) == []


def test_every_dialog_is_among_the_screens_checked():
    """A new dialog is added to tools/screens.py, or this fails."""
    listed = (ROOT / "tools" / "screens.py").read_text(encoding="utf-8")
    dialogs = set()
    for path in (ROOT / "app" / "ui" / "dialogs").glob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            bases = {getattr(base, "id", getattr(base, "attr", "")) for base in getattr(node, "bases", [])}
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_") and node.name != "FormDialog" \
                    and bases & {"QDialog", "FormDialog", "QWizard", "_PersonForm"}:
                dialogs.add(node.name)
    assert sorted(name for name in dialogs if f"{name}(" not in listed) == []


def test_a_dialog_taller_than_the_screen_scrolls_and_keeps_its_buttons_on_it(qtbot):
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout

    from app.ui.application import make_application
    from app.ui.fit import outside_screen

    make_application()
    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    for number in range(60):
        layout.addWidget(QLabel(f"第 {number} 行"))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    layout.addWidget(buttons)
    dialog.show()
    assert outside_screen(dialog) is None
    scroll = dialog.findChild(QScrollArea, "screenFit")
    assert scroll is not None and scroll.isVisible() and dialog.findChild(QLabel).isVisible()
    assert buttons.isVisible() and dialog.rect().contains(buttons.mapTo(dialog, buttons.rect().bottomRight()))


def test_at_150_percent_the_roster_shows_each_persons_phone_without_scrolling_sideways(qtbot, demo_db, demo_path):
    # The details panel used to keep room for "身份证号：" and the masked number on one line, and the table lost
    # its phone column off to the right at 150 % on a 1366×768 screen.
    from PySide6.QtWidgets import QApplication

    from app.accounts import Session
    from app.ui.application import make_application
    from app.ui.look import apply_text_scale
    from app.ui.main_window import MainWindow
    from app.ui.pages.roster import RosterPage

    app = make_application()
    apply_text_scale(app, 1.5)
    try:
        window = MainWindow(demo_db, demo_path, session=Session(None, "演示主任", "director"))
        qtbot.addWidget(window)
        window.showMaximized()
        page = window.findChild(RosterPage)
        window.navigation.setCurrentRow(1)
        qtbot.waitUntil(lambda: page.isVisible() and page.model.rowCount() > 0)
        header = page.table.horizontalHeader()
        phone = next(i for i in range(page.model.columnCount()) if page.model.headerData(i, header.orientation()) == "联系电话")
        assert header.sectionViewportPosition(phone) + header.sectionSize(phone) <= page.table.viewport().width()
        window.close()
    finally:
        apply_text_scale(app, 1.0)
        QApplication.processEvents()
