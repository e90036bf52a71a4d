"""Proposed mutual-aid groups (智能推荐): helpers for everyone uncovered, worked out off the UI thread, to accept
one by one or all at once; below them, who still cannot be covered and why, in terms of the area."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout,
)

from app import aid_groups, people
from app.ui.dialogs.forms import ERROR_STYLE, OK_STYLE
from app.ui.models.aid import PROPOSAL_COLUMNS, GapModel, ProposalModel
from app.ui.write import write
from app.ui.text import fill
from app.ui.widgets import ColumnFitter

KEY = "aid_suggest"


def work_out(db, allow_hardship_helpers: bool = False):
    """The proposals, the roster rows of the people they help, and who already has a group (read-only)."""
    suggestion = aid_groups.suggest(db, allow_hardship_helpers=allow_hardship_helpers)
    helped = [p.person_id for p in suggestion.proposals]
    rows = {row["id"]: row for row in people.people_by_ids(db, helped)}
    with_group = {g["person_id"] for g in aid_groups.list_groups(db)}
    return suggestion, rows, with_group


def _table(name: str) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


class SuggestDialog(QDialog):
    """``reader`` (a BackgroundReader) works the proposals out on its thread; without one they are worked out on
    this thread just after the dialog shows. Accepting writes through ``db`` and announces the new groups."""

    computed = Signal(int)  # proposals shown (tests wait on it)
    applied = Signal(list)  # the ids of the groups formed or given helpers

    def __init__(self, db, actor: str, reader=None, parent=None):
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._reader = reader
        self._busy = False
        self.setWindowTitle(self.tr("Proposed mutual-aid groups"))

        self.status = QLabel()
        self.status.setObjectName("suggestStatus")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("font-weight: bold;")
        explain = QLabel(self.tr("Each person is offered the nearest helpers with room, those helping fewer people "
                                 "and the younger first. Tick the ones you agree with and press “Accept ticked”, "
                                 "or accept them all."))
        explain.setWordWrap(True)
        explain.setStyleSheet("color: #555555;")
        self.allow_hardship = QCheckBox(self.tr("Director's approval: also propose volunteers who have hardships "
                                                "of their own"))

        self.model = ProposalModel(self)
        self.table = _table("proposalTable")
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.installEventFilter(self)
        keys = [k for k, _ in PROPOSAL_COLUMNS]
        self.columns = ColumnFitter(self.table, keys.index("helpers"), {keys.index("mode")})

        self.uncovered_title = QLabel()
        self.uncovered_title.setStyleSheet("font-weight: bold;")
        self.uncovered_model = GapModel(self)
        self.uncovered = _table("stillUncoveredTable")
        self.uncovered.setModel(self.uncovered_model)
        self.uncovered.setWordWrap(False)
        self.uncovered_columns = ColumnFitter(self.uncovered, 1, {1})

        self.message = QLabel()
        self.message.setObjectName("suggestMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()
        self.accept_checked_button = QPushButton()
        self.accept_all_button = QPushButton(self.tr("Accept all"))
        self.close_button = QPushButton(self.tr("Close"))
        for button in (self.accept_checked_button, self.accept_all_button, self.close_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_checked_button)
        buttons.addWidget(self.accept_all_button)
        buttons.addStretch()
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(explain)
        layout.addWidget(self.allow_hardship)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.uncovered_title)
        layout.addWidget(self.uncovered, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self.accept_checked_button.clicked.connect(lambda: self.accept_proposals(self.model.checked()))
        self.accept_all_button.clicked.connect(lambda: self.accept_proposals(self.model.rows()))
        self.close_button.clicked.connect(self.accept)
        self.model.checked_changed.connect(self._update_buttons)
        self.table.activated.connect(lambda index: self.model.toggle(index.row()))  # double-click, or Enter
        self.allow_hardship.toggled.connect(self.compute)
        if reader is not None:
            reader.done.connect(self._reader_done)
            reader.error.connect(self._reader_failed)
            self.finished.connect(self._disconnect)

        em = self.fontMetrics().horizontalAdvance("国")
        screen = self.screen().availableGeometry()
        self.resize(min(em * 56, int(screen.width() * 0.95)), min(em * 36, int(screen.height() * 0.9)))
        self._size_columns()
        self.compute()

    # -- working the proposals out
    def compute(self) -> None:
        self._busy = True
        self.status.setText(self.tr("Working out the proposals…"))
        self._update_buttons()
        allow = self.allow_hardship.isChecked()
        if self._reader is not None:
            self._reader.submit(KEY, lambda db: work_out(db, allow))
        else:
            QTimer.singleShot(0, lambda: self._show(work_out(self._db, allow)))

    def _disconnect(self) -> None:
        # The reader outlives the dialog: no answer may arrive at a dialog already closed.
        if self._reader is not None:
            self._reader.done.disconnect(self._reader_done)
            self._reader.error.disconnect(self._reader_failed)
            self._reader = None

    def _reader_done(self, key: str, result) -> None:
        if key == KEY:
            self._show(result)

    def _reader_failed(self, key: str, _text, _exc) -> None:
        # The main window shows the error itself; here the dialog only stops waiting.
        if key == KEY:
            self._busy = False
            self.status.setText(self.tr("The proposals could not be worked out."))
            self._update_buttons()

    def _show(self, result) -> None:
        suggestion, rows, with_group = result
        self._busy = False
        self.model.set_proposals(list(suggestion.proposals), rows, with_group)
        gaps = [aid_groups.Gap(u.person_id, u.name,
                               self.tr("%n more helpers needed: %1", "", u.missing).replace("%1", u.reason), "")
                for u in suggestion.uncovered]
        self.uncovered_model.set_rows(gaps)
        count = len(suggestion.proposals)
        if count:
            self.status.setText(self.tr("%n people can be given helpers now.", "", count))
        elif gaps:
            self.status.setText(self.tr("No proposals: no volunteer with room lives near the people still uncovered."))
        else:
            self.status.setText(self.tr("Everyone who must be covered has a group. Nothing to propose."))
        if gaps:
            self.uncovered_title.setText(self.tr("Still uncovered after these proposals: %n", "", len(gaps)))
        else:
            self.uncovered_title.setText(self.tr("With these proposals everyone who must be covered has helpers."))
        self.uncovered.setVisible(bool(gaps))
        self.uncovered_title.setVisible(bool(gaps or count))
        self._size_columns()
        self._update_buttons()
        self.computed.emit(count)

    def _size_columns(self) -> None:
        metrics = self.table.fontMetrics()
        check = self.style().pixelMetric(self.style().PixelMetric.PM_IndicatorWidth) + metrics.height()
        samples = {"name": "46号楼 6单元 604室", "mode": "多帮一",
                   "helpers": "欧阳秀英：邻近楼（12号楼） · 已帮扶 1 人 · 68 岁"}
        shown = self.model.rows()[:500]
        wanted = []
        for column, (key, _) in enumerate(PROPOSAL_COLUMNS):
            header = self.model.headerData(column, Qt.Orientation.Horizontal) or ""
            texts = [samples[key], header] + [line for row in shown for line in self.model.text(key, row).split("\n")]
            width = max(metrics.horizontalAdvance(t) for t in texts) + metrics.height()
            wanted.append(width + (check if column == 0 else 0))
        self.columns.set_wanted(wanted)
        line = metrics.lineSpacing()
        self.table.verticalHeader().setDefaultSectionSize(int(metrics.height() * 1.8))
        for row, proposal in enumerate(self.model.rows()):
            lines = max(len(proposal.why), self.model.text("name", proposal).count("\n") + 1)
            if lines > 1:
                self.table.setRowHeight(row, lines * line + metrics.height())
        umetrics = self.uncovered.fontMetrics()
        self.uncovered.verticalHeader().setDefaultSectionSize(int(umetrics.height() * 1.8))
        names = [g.name for g in self.uncovered_model.rows()[:500]] + ["欧阳秀英"]
        header = self.uncovered_model.headerData(0, Qt.Orientation.Horizontal) or ""
        name_width = max(umetrics.horizontalAdvance(t) for t in names + [header]) + umetrics.height()
        reason_width = max([umetrics.horizontalAdvance(g.reason) for g in self.uncovered_model.rows()[:500]] + [0])
        self.uncovered_columns.set_wanted([name_width, reason_width + umetrics.height()])

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._size_columns()

    def _update_buttons(self) -> None:
        checked = len(self.model.checked())
        self.accept_checked_button.setText(fill(self.tr("Accept ticked (%1)"), checked))
        self.accept_checked_button.setEnabled(not self._busy and checked > 0)
        self.accept_all_button.setEnabled(not self._busy and self.model.rowCount() > 0)

    def eventFilter(self, watched, event) -> bool:
        # Space ticks or unticks the current row, wherever in the row the cursor is.
        if watched is self.table and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Space:
            index = self.table.currentIndex()
            if index.isValid():
                self.model.toggle(index.row())
                return True
        return super().eventFilter(watched, event)

    # -- accepting
    def accept_proposals(self, proposals: list) -> None:
        """Form the groups (one transaction), say how many, and work out what is left to propose."""
        if not proposals or self._busy:
            return
        had_group = {g["person_id"] for g in aid_groups.list_groups(self._db)}
        done = write(self, self._db, lambda db: aid_groups.apply_proposals(db, proposals, actor=self._actor),
                     form=self)
        if not done:
            return
        made = done.value
        formed = sum(1 for p in proposals if p.person_id not in had_group)
        joined = len(proposals) - formed
        sentences = []
        if formed or not joined:
            sentences.append(self.tr("%n mutual-aid groups formed.", "", formed))
        if joined:
            sentences.append(self.tr("%n existing groups were given more helpers.", "", joined))
        self._say(" ".join(sentences), ok=True)
        self.applied.emit(list(made))
        self.compute()

    def show_errors(self, errors: dict[str, str]) -> None:
        """Something changed since the proposals were worked out (a helper reached his limit, say): nothing was
        accepted; say why, and work the proposals out again."""
        reasons = "；".join(errors.values())
        self._say(fill(self.tr("Nothing was accepted: %1. The proposals have been worked out again; "
                               "please look through them once more."), reasons), ok=False)
        self.compute()

    def _say(self, text: str, *, ok: bool) -> None:
        self.message.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.message.setText(text)
        self.message.show()
