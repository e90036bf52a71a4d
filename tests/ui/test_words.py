"""Words a volunteer reads: Chinese everywhere (Qt's own file dialog too), no file paths, and the user guide one key
away (F1), inside the app."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

from app.ui.dialogs.guide import GuideDialog

from test_keyboard_and_scale import window  # noqa: F401  (the demo club's window)


def test_the_file_dialog_speaks_chinese(qtbot, window):
    dialog = QFileDialog(window, "保存", "", "Excel (*.xlsx)")
    qtbot.addWidget(dialog)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.show()
    words = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    assert words and not [w for w in words if re.search("[A-Za-z]", re.sub(r"\(&\w\)", "", w))], words


def test_f1_opens_the_guide_with_its_sections_and_pictures(qtbot, window):
    opened = []

    def look() -> None:
        guide = QApplication.activeModalWidget()
        opened.append(guide)
        sections = [guide.sections.item(row).data(Qt.ItemDataRole.UserRole) for row in range(guide.sections.count())]
        assert "二、记录走访" in sections and "常见问题" in sections
        guide.sections.setCurrentRow(sections.index("二、记录走访"))
        assert guide.text.textCursor().block().text() == "二、记录走访"
        assert "按 **Ctrl+N**" not in guide.text.toPlainText() and "按 Ctrl+N" in guide.text.toPlainText()
        html = guide.text.document().toHtml()
        assert "guide/visit.png" in html  # the pictures come with the text
        guide.reject()

    from PySide6.QtCore import QTimer

    QTimer.singleShot(100, look)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert opened and isinstance(opened[0], GuideDialog)
