"""The roster page (花名册): search as you type, quick filters, the table, a person's details, add / edit / status."""

from __future__ import annotations

import html

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QScrollArea,
    QSizePolicy, QSplitter, QTableView, QVBoxLayout, QWidget,
)

from app import calendar_cn, people, visits
from app.ids import mask_id
from app.ui import session
from app.people import RosterFilter
from app.ui.dialogs.person import PersonDialog
from app.ui.dialogs.status import StatusDialog
from app.ui.models.roster import COLUMNS, RosterModel, address_text, age_text, roles_text, status_text
from app.db.changes import Changes, Register
from app.ui.signals import follow
from app.ui.flow import FlowRow


# People in the first page of a search: a screenful and more, so scrolling a little reads nothing.
_FIRST = 200


class RosterPage(QWidget):
    searched = Signal(int)  # rows shown after a search finished (tests and the benchmark wait on it)

    def __init__(self, db, reader, actor: str, parent=None):
        super().__init__(parent)
        self._db = db
        self._reader = reader
        self._actor = actor
        self._sort = "name"
        self._descending = False
        self._selected_id: int | None = None
        self._serial = 0  # searches asked for; a count for an older one is dropped
        self.shown_filter: RosterFilter | None = None  # the filter whose people the table shows

        self.search = QLineEdit()
        self.search.setObjectName("rosterSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search: name, pinyin initials (zsf), last digits of ID or phone, building (12号楼)"))
        self.members = QCheckBox(self.tr("Party members"))
        self.volunteers = QCheckBox(self.tr("Volunteers"))
        self.hardship = QCheckBox(self.tr("In hardship"))
        self.uncovered = QCheckBox(self.tr("Not covered by a mutual-aid group"))
        self.tag = QComboBox()
        self.tag.addItem(self.tr("Any talent tag"), None)
        for tag in people.TALENT_TAGS:
            self.tag.addItem(tag, tag)
        self.inactive = QCheckBox(self.tr("Include moved away and deceased"))
        self.count = QLabel()
        self.count.setObjectName("rosterCount")

        self.add_button = QPushButton(self.tr("Add a person…"))
        self.add_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.status_button = QPushButton(self.tr("Change status…"))

        self.model = RosterModel(db, self)
        self.table = QTableView()
        self.table.setObjectName("rosterTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

        self.details = QLabel()
        self.details.setObjectName("personDetails")
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        detail_scroll = QScrollArea()
        detail_scroll.setWidgetResizable(True)
        detail_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        detail_scroll.setWidget(self.details)
        detail_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        detail_panel = self.detail_panel = QWidget()
        detail_layout = QVBoxLayout(detail_panel)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(detail_scroll, 1)
        detail_buttons = QHBoxLayout()
        detail_buttons.addWidget(self.edit_button)
        detail_buttons.addWidget(self.status_button)
        detail_layout.addLayout(detail_buttons)

        filters = FlowRow()  # wraps at large text rather than widen the window past the screen
        for widget in (self.members, self.volunteers, self.hardship, self.uncovered, self.tag, self.inactive):
            # Never squeezed below their text: a clipped label is worse than a wider window.
            widget.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            filters.addWidget(widget)
        filters.addStretch()
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        top.addWidget(self.add_button)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(detail_panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        self.splitter = splitter
        self._size_columns()
        em = self.fontMetrics().horizontalAdvance("国")
        splitter.setSizes([60 * em, 20 * em])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)

        self.search.textChanged.connect(self.refresh)
        for box in (self.members, self.volunteers, self.hardship, self.uncovered, self.inactive):
            box.toggled.connect(self.refresh)
        self.tag.currentIndexChanged.connect(self.refresh)
        header.sectionClicked.connect(self._sort_by)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.doubleClicked.connect(self.edit_person)
        self.add_button.clicked.connect(self.add_person)
        self.edit_button.clicked.connect(self.edit_person)
        self.status_button.clicked.connect(self.change_status)
        self._reader.done.connect(self._search_done)
        follow(self, (Register.PERSON, Register.AID_GROUP, Register.VISIT, Register.MUST_REPORT), self._data_changed)
        # Ctrl+F (find) and Ctrl+Shift+A (add a person) are the main window's, so they work from every page.
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search, self.search.clear)
        self._show_details(None)
        self.refresh()

    def _size_columns(self) -> None:
        """Widths from typical contents in the current font, so every text size shows whole values."""
        metrics = self.table.fontMetrics()
        samples = {"name": "欧阳秀英", "sex": "性别", "age": "年龄", "address": "46号楼 6单元 604室",
                   "phone": "13800138000", "id_number": "37**************34", "roles": "党员·志愿者",
                   "situations": "独居、特困", "talent": "五老志愿者、讲师", "status": "已迁出 2026-10-01"}
        for column, (key, _, _) in enumerate(COLUMNS):
            header = self.model.headerData(column, Qt.Orientation.Horizontal) or ""
            width = max(metrics.horizontalAdvance(samples[key]), metrics.horizontalAdvance(header) + metrics.height() // 2)
            self.table.setColumnWidth(column, width + metrics.height() // 2)
        self.table.verticalHeader().setDefaultSectionSize(int(metrics.height() * 1.8))
        # The details panel is never narrower than a masked ID number, which cannot wrap (its label can go on the line
        # above it): at large text the table keeps the room to show the phone numbers.
        self.detail_panel.setMinimumWidth(metrics.horizontalAdvance("37**************34") + 2 * metrics.height())

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def current_filter(self) -> RosterFilter:
        return RosterFilter(
            text=self.search.text(), members=self.members.isChecked(), volunteers=self.volunteers.isChecked(),
            hardship=self.hardship.isChecked(), tag=self.tag.currentData(), include_inactive=self.inactive.isChecked(),
            uncovered=self.uncovered.isChecked(),
            sort=self._sort, descending=self._descending, full_ids=session.current().can("full_ids"),
        )

    def refresh(self) -> None:
        """Ask the background reader for the people the filter shows; the table updates when they arrive.

        The first page comes at once; when there are more, the count follows as a second request, given up as soon
        as a newer search is typed (so it never holds up the next keystroke).
        """
        flt = self.current_filter()
        keep = self._selected_id
        self._serial += 1
        serial = self._serial

        def search(db):
            page = people.search_page(db, flt, limit=_FIRST)
            if keep is not None and not page.complete and keep not in page.ids:
                page = people.search_page(db, flt, limit=_FIRST, until=keep)  # down to the chosen person
            return serial, flt, page

        self._reader.submit("roster", search)

    def _search_done(self, key: str, result) -> None:
        if key == "roster_count":
            serial, total = result
            if serial == self._serial and total is not None:
                self.count.setText(self.tr("%n people", "", total))
            return
        if key != "roster":
            return
        serial, self.shown_filter, page = result
        keep = self._selected_id
        self.model.set_page(self.shown_filter, page)
        if page.complete:
            self.count.setText(self.tr("%n people", "", len(page.ids)))
        else:
            self.count.setText(self.tr("Counting…"))
            flt = self.shown_filter
            self._reader.submit("roster_count", lambda db: (serial, people.count_matches(
                db, flt, cancelled=lambda: serial != self._serial)))
        row = self.model.row_of(keep) if keep is not None else None
        if row is None and page.complete and len(page.ids) == 1 and self.shown_filter.text.strip():
            row = 0  # one person found: shown at once, no second step to choose them
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(self.model.index(row, 0))
        else:
            self._show_details(None)
        self.searched.emit(len(page.ids))

    def _sort_by(self, column: int) -> None:
        key = COLUMNS[column][2]
        header = self.table.horizontalHeader()
        if key is None:  # this column does not sort: keep the indicator where it was
            current = next(i for i, c in enumerate(COLUMNS) if c[2] == self._sort)
            header.setSortIndicator(current, Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder)
            return
        self._sort = key
        self._descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        self.refresh()

    def _current_changed(self, current, _previous) -> None:
        person_id = self.model.person_id(current.row()) if current.isValid() else None
        self._selected_id = person_id
        self._show_details(person_id)

    def _show_details(self, person_id: int | None) -> None:
        self.edit_button.setEnabled(person_id is not None)
        self.status_button.setEnabled(person_id is not None)
        if person_id is None:
            self.details.setText(self.tr("Choose a person in the list to see their details here."))
            return
        p = people.get_person(self._db, person_id)
        age = age_text(p)
        rows = [
            (self.tr("Sex"), p["sex"] or ""),
            (self.tr("Birth date"), self.tr("%1 (age %2)").replace("%1", people.birth_text(p)).replace("%2", age) if age else ""),
            (self.tr("ID number"), self.tr("%1 · old 15-digit ID").replace("%1", mask_id(p["id_number"]))
             if p["id_legacy"] else mask_id(p["id_number"])),
            (self.tr("Phone"), p["phone"]),
            (self.tr("Address"), address_text(p)),
            (self.tr("Who"), roles_text(p)),
        ]
        if p["is_member"]:
            rows.append((self.tr("Joined the party"), p["party_joined"] or ""))
            rows.append((self.tr("Party branch"), p["party_branch"]))
        rows += [
            (self.tr("Household situation"), "、".join(p["situations"]) or self.tr("none")),
            (self.tr("Talent pool"), "、".join(p["tags"]) or self.tr("none")),
            (self.tr("Posts"), "、".join(p["posts"]) or self.tr("none")),
            (self.tr("Status"), status_text(p)),
            (self.tr("Registered with the club"), p["registered_on"] or ""),
            (self.tr("Lunar birthday"), calendar_cn.lunar_date_text(p["lunar_birth_month"], p["lunar_birth_day"],
                                                                    bool(p["lunar_birth_leap"]))
             if p["lunar_birth_month"] else ""),
            (self.tr("Notes"), p["notes"]),
        ]
        # One line per field, label first: in a narrow panel the value wraps, the label never breaks.
        field = self.tr("%1: %2")
        body = "".join(
            "<p style='margin:3px 0'>" + html.escape(field).replace("%1", f"<span style='color:#555555'>{html.escape(k)}</span>")
            .replace("%2", html.escape(v)) + "</p>" for k, v in rows if v
        )
        events = visits.timeline(self._db, person_id)
        if events:
            heading = self.tr("Visits and reports, newest first")
            body += f"<h3>{html.escape(heading)}</h3>" + "".join(
                f"<p style='margin:3px 0'><b>{html.escape(e.day)}</b> {html.escape(e.title)}"
                f"<br/><span style='color:#555555'>{html.escape(e.detail)}</span></p>" for e in events[:30])
        self.details.setText(f"<h2>{html.escape(p['name'])}</h2>{body}")

    def _selected_person(self) -> dict | None:
        return people.get_person(self._db, self._selected_id) if self._selected_id is not None else None

    def add_person(self) -> None:
        dialog = PersonDialog(self._db, self._actor, parent=self)
        if dialog.exec():
            self._selected_id = dialog.person_id
            self._data_changed(Changes.of(Register.PERSON))  # its write announced it before the id was known

    def edit_person(self, *_args) -> None:
        person = self._selected_person()
        if person is None:
            return
        PersonDialog(self._db, self._actor, person, parent=self).exec()

    def change_status(self) -> None:
        person = self._selected_person()
        if person is None:
            return
        StatusDialog(self._db, self._actor, person, parent=self).exec()

    def _data_changed(self, changes: Changes) -> None:
        if changes.touches(Register.PERSON):
            self.model.refresh_rows()
            self.refresh()
        elif changes.touches(Register.AID_GROUP) and self.uncovered.isChecked():
            self.refresh()
        elif changes.touches(Register.VISIT, Register.MUST_REPORT):
            self._show_details(self._selected_id)
