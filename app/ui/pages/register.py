"""The page every list register is made from (visits, must-reports, meetings, activities, the time bank).

A row of filters with the count and the main buttons, the register's table read on the background reader, the
chosen row's details beside or beneath it, and the buttons that act on the chosen row. The chosen row is kept
across re-reads (KeptRow); the page re-reads when a write changes a register it follows (app.ui.signals); the
columns take the widths their typical texts need at the current text size (ColumnFitter).

A page sets ``KEY`` (its reader key), ``FOLLOWS`` (the registers it shows) and ``COLUMNS``/``STRETCH``/
``SHRINKABLE``/``SAMPLES`` (its table), and fills in ``query()`` and ``_show_selected(row)``. A register whose entries
are corrected and voided places ``correction_buttons()`` (更正… and 作废…, greyed with the reason when the role or
the entry's state does not allow) and fills in ``refusal``, ``correction_dialog`` and ``void_dialog``.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout, QDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton, QScrollArea, QSplitter, QVBoxLayout, QWidget,
)

from app.accounts import Session
from app.db.changes import Register
from app.ui import session as ui_session
from app.ui.flow import FlowRow
from app.ui.signals import follow
from app.ui.widgets import ColumnFitter, KeptRow, list_table


def detail_label(name: str) -> QLabel:
    """The chosen row in full, as rich text that wraps and can be selected (and copied)."""
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class RegisterPage(QWidget):
    listed = Signal(int)

    KEY = ""
    FOLLOWS: tuple[Register, ...] = ()
    TABLE_NAME = ""
    COLUMNS: Sequence[tuple[str, str]] = ()
    STRETCH = ""  # the free-text column that takes the width the others leave (none: the page sizes its own)
    SHRINKABLE: tuple[str, ...] = ()  # the columns that give way first on a narrow screen
    SAMPLE_ROWS = 200  # how many of the rows listed the fixed columns are measured on

    def __init__(self, db, reader, actor: str, model, parent=None):
        super().__init__(parent)
        self._db = db
        self._reader = reader
        self._actor = actor
        self.count = QLabel()
        self.model = model
        model.setParent(self)
        self.table = list_table(self.model, self.TABLE_NAME)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        keys = [key for key, _ in self.COLUMNS]
        self.columns = (ColumnFitter(self.table, keys.index(self.STRETCH), {keys.index(k) for k in self.SHRINKABLE})
                        if self.STRETCH else None)  # without one the page sizes its columns itself
        self.chosen = KeptRow(self.table)
        self._result = None

    def arrange(self, top: Sequence[QWidget | None], panel: QWidget | None, bottom: Sequence[QWidget | None] = (), *,
                side_by_side: bool = False, split: bool = True, above: Sequence[QWidget] = (),
                wrap: bool = False) -> None:
        """Lay the page out: ``above`` the filter row; the ``top`` row (None is the stretch); the table with
        ``panel`` beneath it in a splitter (beside it with ``side_by_side``; simply under it without ``split``, for a
        panel that shows only when a row is chosen); the ``bottom`` row. ``wrap`` lets the rows wrap at large text."""
        layout = QVBoxLayout(self)
        for widget in above:
            layout.addWidget(widget)
        layout.addLayout(self._row(top, wrap))
        if panel is not None:
            panel = self._scrolling(panel)
        if panel is None or not split:
            layout.addWidget(self.table, 3)
            if panel is not None:
                layout.addWidget(panel, 1)
        else:
            splitter = QSplitter(Qt.Orientation.Horizontal if side_by_side else Qt.Orientation.Vertical)
            splitter.addWidget(self.table)
            splitter.addWidget(panel)
            splitter.setStretchFactor(0, 1 if side_by_side else 3)
            splitter.setStretchFactor(1, 1)
            splitter.setCollapsible(1, False)
            if not side_by_side:  # the details start with a third of the height, not the three lines they need
                line = self.fontMetrics().lineSpacing()
                splitter.setSizes([20 * line, 10 * line])
            layout.addWidget(splitter, 1)
        if bottom:
            layout.addLayout(self._row(bottom, wrap))

    def _scrolling(self, panel: QWidget) -> QScrollArea:
        """The panel in a scroll area: a long history at large text scrolls instead of squeezing the table to a
        row or being cut off; the area shows and hides with the panel."""
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setMinimumHeight(int(self.fontMetrics().lineSpacing() * 3.5))  # a few lines always in sight
        hidden = panel.isHidden() and panel.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide)
        area.setWidget(panel)
        area.setVisible(not hidden)
        panel.installEventFilter(self)
        self._panel_areas = {**getattr(self, "_panel_areas", {}), panel: area}
        return area

    def eventFilter(self, watched, event) -> bool:
        area = getattr(self, "_panel_areas", {}).get(watched)
        if area is not None and event.type() in (QEvent.Type.ShowToParent, QEvent.Type.HideToParent):
            area.setVisible(event.type() == QEvent.Type.ShowToParent)
        return super().eventFilter(watched, event)

    @staticmethod
    def _row(widgets: Sequence[QWidget | None], wrap: bool) -> QBoxLayout | FlowRow:
        row = FlowRow() if wrap else QHBoxLayout()
        for widget in widgets:
            if widget is None:
                row.addStretch()
            else:
                row.addWidget(widget)
        return row

    def start(self) -> None:
        """Listen for what the reader reads and what writes change, and read the list the first time."""
        self.chosen.chosen.connect(self._chosen_changed)
        self._reader.done.connect(self._read)
        follow(self, self.FOLLOWS, lambda _changes: self.refresh())
        follow(self, (Register.SESSION,), lambda _changes: self._update_corrections(self.chosen.row()))
        self._chosen_changed(None)
        self.refresh()

    def _chosen_changed(self, row: dict | None) -> None:
        self._show_selected(row)
        self._update_corrections(row)

    # -- corrections: what a page whose entries are corrected fills in
    def correction_buttons(self) -> list[QPushButton]:
        """更正… and 作废… for the chosen entry, to place where the page's buttons are."""
        self._corrects = True
        self.correct_button = QPushButton(self.tr("Correct…"))
        self.void_button = QPushButton(self.tr("Void…"))
        self.correct_button.clicked.connect(self.correct_chosen)
        self.void_button.clicked.connect(self.void_chosen)
        return [self.correct_button, self.void_button]

    def refusal(self, row: dict, by: Session) -> str | None:
        """Why ``by`` may not correct or void the entry (its state, or the role), or None."""
        return None

    def correction_dialog(self, row: dict, by: Session) -> QDialog | None:  # pragma: no cover - each page its own
        raise NotImplementedError

    def void_dialog(self, row: dict, by: Session) -> QDialog | None:  # pragma: no cover - each page its own
        raise NotImplementedError

    def _update_corrections(self, row: dict | None) -> None:
        """Offer 更正… and 作废… for the chosen entry as the session's role and the entry allow (and again when the
        desk changes hands)."""
        if not getattr(self, "_corrects", False):
            return
        why = None if row is None else self.refusal(row, ui_session.current())
        for button in (self.correct_button, self.void_button):
            button.setEnabled(row is not None and why is None)
            button.setToolTip(why or "")

    def correct_chosen(self) -> None:
        self._open(self.correction_dialog)

    def void_chosen(self) -> None:
        self._open(self.void_dialog)

    def _open(self, make) -> None:
        row = self.chosen.row()
        by = ui_session.current()
        if row is None or self.refusal(row, by) is not None:
            return
        dialog = make(row, by)
        if dialog is not None:
            dialog.exec()
            dialog.deleteLater()

    # -- what a page fills in
    def query(self) -> Callable[[Any], Any]:  # pragma: no cover - every page has its own
        raise NotImplementedError

    def samples(self) -> dict[str, str]:
        """Typical texts of the columns (widths follow them at every text size)."""
        return {}

    @staticmethod
    def marked(text: str) -> str:
        """A sample of the column that marks an entry 已作废: as wide as the mark makes it."""
        return " · ".join((text, QCoreApplication.translate("ListModel", "void")))

    def rows_of(self, result) -> list[dict]:
        return result

    def count_text(self, rows: list[dict], result) -> str:  # pragma: no cover - every page has its own
        raise NotImplementedError

    def read(self, result) -> None:
        """Anything else the page shows from the result (a banner, say)."""

    def _show_selected(self, row: dict | None) -> None:  # pragma: no cover - every page has its own
        raise NotImplementedError

    # -- the shared machinery
    def refresh(self) -> None:
        self._reader.submit(self.KEY, self.query())

    def _read(self, key: str, result) -> None:
        if key == self.KEY:
            self._result = result
            self.relist()

    def relist(self) -> None:
        """List the rows of the last reading again (after a filter the page applies itself, say)."""
        if self._result is None:
            return
        rows = self.rows_of(self._result)
        self.chosen.set_rows(rows)
        self._size_columns()
        self.count.setText(self.count_text(rows, self._result))
        self.read(self._result)
        self._chosen_changed(self.chosen.row())
        self.listed.emit(len(rows))

    def _size_columns(self) -> None:
        if self.columns is not None:
            self.columns.size_from(self.model, [key for key, _ in self.COLUMNS], self.samples(),
                               self.model.rows()[:self.SAMPLE_ROWS])

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.FontChange and getattr(self, "columns", None) is not None:
            self._size_columns()
