"""The mutual-aid page (互助组): how many of those who must be covered are, who is not and why, the active groups,
and the history of the chosen group's person; forming, changing and ending groups, and proposals."""

from __future__ import annotations

import datetime
import html

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout, QHeaderView, QLabel, QPushButton, QScrollArea, QSplitter, QTableView, QVBoxLayout,
    QWidget,
)

from app import aid_groups
from app.ui.dialogs.aid_end_group import EndGroupDialog
from app.ui.dialogs.aid_helpers import ChangeHelpersDialog
from app.ui.dialogs.aid_new_group import GroupDialog
from app.ui.dialogs.aid_suggest import SuggestDialog
from app.ui.models.aid import GROUP_COLUMNS, GapModel, GroupModel
from app.db.changes import Register
from app.ui.signals import follow
from app.ui.text import fill
from app.ui.widgets import ColumnFitter, list_table

KEY = "aid"
WIDE = 56  # page width, in characters, from which the uncovered list stands beside the groups, not above them
UNCOVERED_COLOR = "#8b0000"


def _table(name: str) -> QTableView:
    table = list_table(None, name)
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


def _panel(*widgets, stretch: QWidget | None = None) -> QWidget:
    """The widgets one above the other, ``stretch`` taking the height left."""
    panel = QWidget()
    layout = QVBoxLayout(panel)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget, 1 if widget is stretch else 0)
    return panel


def _bold(label: QLabel) -> QLabel:
    label.setStyleSheet("font-weight: bold;")
    return label


class AidPage(QWidget):
    listed = Signal(int)  # active groups shown after coverage and groups were read (tests wait on it)

    def __init__(self, db, reader, actor: str, parent=None):
        super().__init__(parent)
        self._db = db
        self._reader = reader
        self._actor = actor
        self._selected_group: int | None = None
        self._selected_gap: int | None = None
        self.coverage: aid_groups.Coverage | None = None
        self._arranged_wide: bool | None = None  # how the two lists stand now (None: not yet arranged)

        self.heading = QLabel()
        self.heading.setObjectName("aidCoverage")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self._size_heading()

        # Who must be covered and is not.
        self.gaps_title = _bold(QLabel())
        self.gap_model = GapModel(self)
        self.gaps = _table("gapTable")
        self.gaps.setModel(self.gap_model)
        self.gap_details = QLabel()
        self.gap_details.setWordWrap(True)
        self.gap_details.setTextFormat(Qt.TextFormat.PlainText)
        self.gap_details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Double-click or Enter on the row does the same: the button says so, and is there for those who click.
        self.gap_button = QPushButton(self.tr("Form a group for this person…"))
        self.gap_button.setToolTip(self.tr("Or double-click the person, or press Enter on the row."))
        self.gaps_panel = QWidget()
        self._gaps_title_row = QHBoxLayout()
        self._gaps_title_row.addWidget(self.gaps_title, 1)
        self._gaps_button_row = QHBoxLayout()
        gaps_layout = QVBoxLayout(self.gaps_panel)
        gaps_layout.setContentsMargins(0, 0, 0, 0)
        gaps_layout.addLayout(self._gaps_title_row)
        gaps_layout.addWidget(self.gaps, 1)
        gaps_layout.addWidget(self.gap_details)
        gaps_layout.addLayout(self._gaps_button_row)

        # The active groups, and the chosen one's history.
        self.groups_title = _bold(QLabel())
        self.group_model = GroupModel(self)
        self.groups = _table("groupTable")
        self.groups.setModel(self.group_model)
        self.history_title = _bold(QLabel())
        self.history = QLabel()
        self.history.setObjectName("aidHistory")
        self.history.setWordWrap(True)
        self.history.setTextFormat(Qt.TextFormat.PlainText)
        self.history.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.history.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.history)
        self.history_title.setWordWrap(True)
        self.history_title.setTextFormat(Qt.TextFormat.PlainText)
        self._history_scroll = scroll
        self.history_panel = _panel(self.history_title, scroll, stretch=scroll)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(_panel(self.groups_title, self.groups, stretch=self.groups))
        right.addWidget(self.history_panel)
        right.setStretchFactor(0, 1)
        right.setStretchFactor(1, 0)
        right.setCollapsible(0, False)
        right.setCollapsible(1, False)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.gaps_panel)
        self.splitter.addWidget(right)
        self.splitter.setCollapsible(0, False)
        self.splitter.setCollapsible(1, False)

        self.new_button = QPushButton(self.tr("New mutual-aid group…"))
        self.change_button = QPushButton(self.tr("Add or remove a helper…"))
        self.end_button = QPushButton(self.tr("End the group…"))
        self.suggest_button = QPushButton(self.tr("Propose groups…"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.change_button)
        buttons.addWidget(self.end_button)
        buttons.addStretch()
        buttons.addWidget(self.suggest_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(buttons)

        # The free text takes the width the other columns leave.
        keys = [k for k, _ in GROUP_COLUMNS]
        self._group_shrinkable = {keys.index(k) for k in ("address", "situations", "helpers")}
        self.group_columns = ColumnFitter(self.groups, keys.index("helpers"), self._group_shrinkable)
        self.gap_columns = ColumnFitter(self.gaps, 1, {1})
        self._size_history()
        self._arrange()
        self._size_columns()

        self.new_button.clicked.connect(lambda: self.new_group())
        self.change_button.clicked.connect(lambda: self.change_helpers())
        self.end_button.clicked.connect(self.end_group)
        self.suggest_button.clicked.connect(self.suggest)
        self.groups.selectionModel().currentRowChanged.connect(self._group_changed)
        self.groups.activated.connect(lambda _index: self.change_helpers())  # double-click, or Enter on the row
        self.gaps.selectionModel().currentRowChanged.connect(self._gap_changed)
        self.gaps.activated.connect(self._gap_activated)
        self.gap_button.clicked.connect(lambda: self._gap_activated(self.gaps.currentIndex()))
        self._reader.done.connect(self._done)
        self._reader.error.connect(self._failed)
        follow(self, (Register.AID_GROUP, Register.PERSON, Register.SETTING), lambda _changes: self.refresh())
        self.heading.setText(html.escape(self.tr("Working out the coverage…")))
        self._show_gap(None)
        self._show_group(None)
        self.refresh()

    # -- layout that follows the text size
    def _em(self) -> int:
        return self.fontMetrics().horizontalAdvance("国")

    def _size_heading(self) -> None:
        font = QFont(self.font())  # follows the text-size setting
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)

    def _arrange(self) -> None:
        """Beside each other when the page is wide enough for both tables, one above the other when not."""
        wide = self.width() >= WIDE * self._em()
        if wide != self._arranged_wide:
            self._arranged_wide = wide
            self.splitter.setOrientation(Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical)
            self._size_history()
            # Below the narrow list; beside its title when the list has the page's width (a line saved).
            for row in (self._gaps_title_row, self._gaps_button_row):
                row.removeWidget(self.gap_button)
            (self._gaps_button_row if wide else self._gaps_title_row).addWidget(self.gap_button)
            if wide:
                left = int(self._em() * 17)
                self.splitter.setSizes([left, max(1, self.width() - left)])
            else:  # the uncovered people a good share of the height: three rows of them or more at any text size
                height = max(4, self.height())
                self.splitter.setSizes([height * 2 // 5, height - height * 2 // 5])

    def _size_history(self) -> None:
        # Room for three lines of history (a group and two helpers, say); one when the lists stand one above the
        # other (a small screen, large text), where the lists need the height; more scroll.
        lines = 1.3 if self._arranged_wide is False else 3.3
        self._history_scroll.setMinimumHeight(int(self.history.fontMetrics().lineSpacing() * lines))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange()
        QTimer.singleShot(0, lambda: self._show_gap(self.selected_gap()))  # once the columns are fitted

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self._size_heading()
            self._size_history()
            self._arranged_wide = None
            self._arrange()
            self._size_columns()

    def _size_columns(self) -> None:
        metrics = self.groups.fontMetrics()
        a_date = datetime.date(datetime.date.today().year, 12, 28).isoformat()  # other years' dates: from the rows
        samples = {"name": "欧阳秀英", "address": "46号楼 6单元 604室", "situations": "独居、重病",
                   "mode": max(aid_groups.MODES.values(), key=len), "helpers": "欧阳秀英（组长）、李秀英",
                   "started_on": self.group_model.text("started_on", {"started_on": a_date})}
        shown = self.group_model.rows()[:500]
        wanted = []
        for column, (key, _) in enumerate(GROUP_COLUMNS):
            header = self.group_model.headerData(column, Qt.Orientation.Horizontal) or ""
            width = max(metrics.horizontalAdvance(samples[key]), metrics.horizontalAdvance(header))
            if column not in self._group_shrinkable:
                width = max([width] + [metrics.horizontalAdvance(self.group_model.text(key, row)) for row in shown])
            wanted.append(width + metrics.height())
        self.groups.verticalHeader().setDefaultSectionSize(int(metrics.height() * 1.8))
        self.group_columns.set_wanted(wanted)

        metrics = self.gaps.fontMetrics()
        gaps = self.gap_model.rows()[:500]
        names = [g.name for g in gaps] + ["欧阳秀英", self.gap_model.headerData(0, Qt.Orientation.Horizontal) or ""]
        name_width = max(metrics.horizontalAdvance(n) for n in names)
        reason_width = max([metrics.horizontalAdvance(g.reason) for g in gaps]
                           + [metrics.horizontalAdvance("独居 · 85 岁，没有互助组")])
        self.gaps.verticalHeader().setDefaultSectionSize(int(metrics.height() * 1.8))
        self.gap_columns.set_wanted([name_width + metrics.height(), reason_width + metrics.height()])

    # -- reading
    def refresh(self) -> None:
        """Ask the background reader for the coverage and the groups; the page updates when they arrive."""
        self._reader.submit(KEY, lambda db: (aid_groups.coverage(db), aid_groups.list_groups(db)))


    def _failed(self, key: str, _text, _exc) -> None:
        # The main window shows the error itself; here the page only stops waiting.
        if key == KEY:
            self.heading.setText(html.escape(self.tr("The coverage could not be worked out.")))

    def _done(self, key: str, result) -> None:
        if key != KEY:
            return
        coverage, groups = result
        self.coverage = coverage
        self.heading.setText(self.coverage_html(coverage))
        self.gap_model.set_rows(coverage.uncovered)
        self.group_model.set_rows(groups)
        self.gaps_title.setText(self.tr("Not covered: %n people", "", len(coverage.uncovered)))
        self.groups_title.setText(self.tr("Active groups: %n", "", len(groups)))
        self._size_columns()
        self._reselect(self.groups, self.group_model.row_of(self._selected_group) if self._selected_group else None)
        gap_row = next((i for i, g in enumerate(coverage.uncovered) if g.person_id == self._selected_gap), None)
        self._reselect(self.gaps, gap_row)
        self._show_group(self.selected_group())
        self._show_gap(self.selected_gap())
        self.listed.emit(len(groups))

    def coverage_html(self, coverage: aid_groups.Coverage) -> str:
        """"应覆盖 120 人 · 已覆盖 108 人（90%） · 未覆盖 12 人", the uncovered figure in red when not nought."""
        if coverage.must_cover == 0:
            return html.escape(self.tr("No one on the roster must be covered by a mutual-aid group."))
        uncovered = len(coverage.uncovered)
        percent = round(coverage.covered * 100 / coverage.must_cover)
        if uncovered and percent == 100:
            percent = 99  # while anyone is left out, the figure never says everyone is covered
        shown = str(uncovered) if not uncovered else f'<span style="color:{UNCOVERED_COLOR}">{uncovered}</span>'
        return fill(html.escape(self.tr("Must be covered: %1 · covered: %2 (%3%) · not covered: %4")),
                    coverage.must_cover, coverage.covered, percent, shown)

    @staticmethod
    def _reselect(table: QTableView, row: int | None) -> None:
        if row is None:
            table.selectionModel().clearCurrentIndex()
            table.clearSelection()
            return
        table.selectionModel().setCurrentIndex(
            table.model().index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        table.scrollTo(table.model().index(row, 0))

    # -- the chosen group and the chosen gap
    def selected_group(self) -> dict | None:
        index = self.groups.selectionModel().currentIndex()
        return self.group_model.group(index.row()) if index.isValid() else None

    def selected_gap(self) -> aid_groups.Gap | None:
        index = self.gaps.selectionModel().currentIndex()
        return self.gap_model.gap(index.row()) if index.isValid() else None

    def _group_changed(self, current, _previous) -> None:
        group = self.group_model.group(current.row()) if current.isValid() else None
        self._selected_group = group["id"] if group else None
        self._show_group(group)

    def _gap_changed(self, current, _previous) -> None:
        gap = self.gap_model.gap(current.row()) if current.isValid() else None
        self._selected_gap = gap.person_id if gap else None
        self._show_gap(gap)

    def _show_group(self, group: dict | None) -> None:
        self.change_button.setEnabled(group is not None)
        self.end_button.setEnabled(group is not None)
        self.suggest_button.setEnabled(self.coverage is not None and bool(self.coverage.uncovered))
        if group is None:
            self.history_title.setText(self.tr("Aid history"))
            self.history.setText(self.tr("Choose a group in the list to see who has helped its person, and when."))
            return
        # The chosen row in full (a narrow column cuts the address short), then who helped and when.
        parts = [group["name"], self.group_model.text("address", group), self.group_model.text("situations", group),
                 self.group_model.text("mode", group)]
        self.history_title.setText(" · ".join(p for p in parts if p))
        lines = aid_groups.history(self._db, group["person_id"])
        if group["notes"]:
            lines.append(fill(self.tr("Notes: %1"), group["notes"]))
        self.history.setText("\n".join(lines))

    def _show_gap(self, gap: aid_groups.Gap | None) -> None:
        """The chosen person's reason in full, below the list, when the column cuts it short; the button for them."""
        self.gap_button.setEnabled(gap is not None)
        if gap is not None and self.group_model.row_of_person(gap.person_id) is not None:
            self.gap_button.setText(self.tr("Add a helper for this person…"))
        else:
            self.gap_button.setText(self.tr("Form a group for this person…"))
        cut = gap is not None and self.gaps.columnWidth(1) < \
            self.gaps.fontMetrics().horizontalAdvance(gap.reason) + self.gaps.fontMetrics().height()
        self.gap_details.setText(fill(self.tr("%1: %2"), gap.name, gap.reason) if gap else "")
        self.gap_details.setVisible(cut)

    # -- acting
    @staticmethod
    def _run(dialog) -> bool:
        """Show the dialog modally; it is deleted afterwards (the page lives as long as the window)."""
        try:
            return bool(dialog.exec())
        finally:
            dialog.deleteLater()

    def new_group(self, person_id: int | None = None, reason: str | None = None) -> None:
        dialog = GroupDialog(self._db, self._actor, parent=self, person_id=person_id, reason=reason)
        if self._run(dialog):
            self._selected_group = dialog.group_id

    def change_helpers(self, group: dict | None = None, adding: bool = True, reason: str | None = None) -> None:
        group = group or self.selected_group()
        if group is not None:
            self._run(ChangeHelpersDialog(self._db, self._actor, group, parent=self, adding=adding, reason=reason))

    def end_group(self) -> None:
        group = self.selected_group()
        if group is not None and self._run(EndGroupDialog(self._db, self._actor, group, parent=self)):
            self._selected_group = None

    def suggest(self) -> None:
        self._run(SuggestDialog(self._db, self._actor, self._reader, parent=self))

    def _gap_activated(self, index) -> None:
        """A person without a group gets a new one; one whose helpers can no longer help gets a new helper."""
        gap = self.gap_model.gap(index.row())
        if gap is None:
            return
        row = self.group_model.row_of_person(gap.person_id)
        if row is not None:
            self.change_helpers(self.group_model.group(row), adding=True, reason=gap.reason)
        else:
            self.new_group(gap.person_id, gap.reason)
