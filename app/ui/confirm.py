"""What a save did, said where the person at the desk looks: a line of its own at the foot of the main window, larger
than the text around it ("✓ 已记录：12月3日 住院看望 韦芳玉"), with 撤销 for a minute when the new entry can be voided.

Every form says its sentence through the one write path (app.ui.write: ``said=``, ``undo=``); this widget shows the
latest, so a form gets its confirmation without code of its own. The line keeps its place and height whether or not
it has something to say, so nothing on the window moves when it speaks. 撤销 voids the entry with the reason 撤销,
through the same write path and under the session at the desk now.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from app.corrections import UNDO_REASON
from app.ui import session as ui_session
from app.ui.signals import hear
from app.ui.text import fill
from app.ui.write import Saved, write

UNDO_SECONDS = 60
STYLE = "QWidget#savedNotice { background: #e8f5e9; border: 1px solid #a5d6a7; border-radius: 3px; }"
BLANK_STYLE = "QWidget#savedNotice { background: transparent; border: 1px solid transparent; }"
TEXT_COLOR = "#1b5e20"
OLD_COLOR = "#555555"  # a sentence whose minute has passed


class _ElidedLabel(QLabel):
    """A one-line label that gives way to its neighbours, ending in "…" when narrower than its text (the whole
    sentence is its tooltip), so a long name never widens the window."""

    def sizeHint(self):
        hint = super().sizeHint()
        hint.setWidth(self.fontMetrics().horizontalAdvance("国") * 2)
        return hint

    def minimumSizeHint(self):
        return self.sizeHint()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width())
        painter.drawText(self.contentsRect(), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), shown)


class SavedNotice(QWidget):
    """The latest save's sentence and its 撤销 button (for ``UNDO_SECONDS``)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("savedNotice")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._saved: Saved | None = None
        self.text = _ElidedLabel()
        self.text.setObjectName("savedText")
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.setObjectName("undoButton")
        self.undo_button.setToolTip(self.tr("Void what was just saved (for a minute after saving)."))
        self.undo_button.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 1, 2, 1)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.undo_button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(UNDO_SECONDS * 1000)
        self._timer.timeout.connect(self.forget_undo)
        self._size_text()
        self.setStyleSheet(BLANK_STYLE)
        self.undo_button.clicked.connect(self.undo)
        hear(self.show_saved)

    def _size_text(self) -> None:
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.text.setFont(font)
        self.undo_button.setFont(font)
        # As tall as it is with 撤销 showing, whether or not it shows: the status bar never changes height.
        margins = self.layout().contentsMargins()
        self.setFixedHeight(self.undo_button.sizeHint().height() + margins.top() + margins.bottom())

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.FontChange and hasattr(self, "text"):
            self._size_text()  # the text size applies at once, here too

    def show_saved(self, saved: Saved) -> None:
        self._saved = saved
        self.text.setText(fill(self.tr("✓ %1"), saved.text))
        self.text.setToolTip(saved.text)
        self.text.setStyleSheet(f"color: {TEXT_COLOR};")
        self.setStyleSheet(STYLE)
        self.undo_button.setVisible(saved.undo is not None)
        self._timer.start()

    def say(self, text: str, *, keep_undo: bool = False) -> None:
        """A sentence of the window's own (who is on duty now, a backup made, a file saved): on the same line,
        without 撤销, in place of the last save's — unless ``keep_undo`` and that save can still be undone (an
        automatic backup does not take 撤销 away)."""
        if keep_undo and self.undo_button.isVisible():
            return
        self._saved = None
        self._timer.stop()
        self.undo_button.hide()
        self.text.setText(text)
        self.text.setToolTip(text)
        self.text.setStyleSheet(f"color: {TEXT_COLOR};")
        self.setStyleSheet(STYLE)

    def forget_undo(self) -> None:
        """The minute is over (or the desk changed hands): the sentence stays, 撤销 goes."""
        if self._saved is not None and self._saved.undo is not None:
            self._saved = Saved(self._saved.what, self._saved.verb, None, self._saved.db)
        self.undo_button.hide()
        self.text.setStyleSheet(f"color: {OLD_COLOR};")

    def clear(self) -> None:
        self._saved = None
        self._timer.stop()
        self.undo_button.hide()
        self.text.clear()
        self.text.setToolTip("")
        self.setStyleSheet(BLANK_STYLE)

    def undo(self) -> None:
        saved = self._saved
        if saved is None or saved.undo is None:
            return
        self.undo_button.hide()
        by = ui_session.current()
        done = write(self.window(), saved.db, lambda db: saved.undo(db, UNDO_REASON, by),
                     title=self.tr("Undo"), said=saved.what, verb="undo")
        if not done:  # refused (the hours already spent, say): the message said why; the sentence stays
            self.forget_undo()
