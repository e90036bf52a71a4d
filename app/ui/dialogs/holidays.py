"""The month's official days off and make-up workdays; the director corrects a day and says whether the desk opens on days off."""

from __future__ import annotations

import datetime


from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QDialogButtonBox, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QPushButton, QSizePolicy, QTableView, QVBoxLayout,
)

from app import ids, rota
from app.ui.datefield import DateField
from app.ui.dialogs.forms import FormDialog, form_layout, numbered_combo
from app.ui.models.rota import HOLIDAY_COLUMNS, HolidayModel, day_label, holiday_note
from app.ui.write import write
from app.ui.dialogs.rota_parts import MonthChooser, note
from app.ui.text import fill


class HolidaysDialog(FormDialog):
    """The month's official days off and make-up workdays, where each came from; the director adds or corrects a
    day (a new year's State Council notice, say), and says whether the desk opens on days off."""

    def __init__(self, db, actor: str, month: datetime.date, parent=None):
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.setWindowTitle(self.tr("Holidays and make-up workdays"))

        self.chooser = MonthChooser(month)
        self.model = HolidayModel(self)
        self.table = QTableView()
        self.table.setObjectName("holidayTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.empty = note("")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.day = DateField()
        self.day.setPlaceholderText(self.tr("e.g. 2027-02-20"))
        self.kind = numbered_combo({"off": self.tr("Day off"), "workday": self.tr("Make-up workday")},
                                   self.tr("Press 1–2 or choose"), self)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. Spring Festival"))
        form = form_layout()
        self.add_row(form, self.tr("Date"), self.day, "day")
        self.add_row(form, self.tr("Day off or workday"), self.kind, "kind")
        self.add_row(form, self.tr("Holiday"), self.name, "name")
        self.watch_date(self.day, "day", ahead=True)
        self.saved = QLabel()
        self.saved.setStyleSheet("color: #1b5e20;")
        self.saved.setWordWrap(True)
        self.saved.hide()

        self.desk_open = QCheckBox(self.tr("The duty desk opens as usual on days off"))
        self.desk_open.setChecked(rota.desk_open_on_holidays(db))

        self.save_button = QPushButton(self.tr("Save this day (Ctrl+Enter)"))
        self.save_button.setAutoDefault(False)
        self.save_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.save_button.clicked.connect(self.save)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addWidget(self.saved, 1)
        save_row.addStretch()  # the button stays at the left while the label is hidden

        self.form_title = QLabel(self.tr("Add or change a day"))
        self.form_title.setStyleSheet("font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.chooser, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.form_title)
        layout.addWidget(note(self.tr("Choose a day in the list to change it. After a change, generate or repair "
                                       "the rota so the shifts follow.")))
        layout.addLayout(form)
        layout.addLayout(save_row)
        layout.addWidget(self.general_error)
        layout.addWidget(self.desk_open)
        layout.addWidget(buttons)

        self.chooser.changed.connect(lambda _first: self.refresh())
        self.table.selectionModel().currentRowChanged.connect(self._chosen)
        self.desk_open.toggled.connect(self._desk_open_toggled)
        self.day.textEdited.connect(lambda: self.saved.hide())
        self.kind.currentIndexChanged.connect(lambda: self.show_error("kind", None))
        self.refresh()
        em = self.fontMetrics().horizontalAdvance("国")
        screen = self.screen().availableGeometry()
        self.resize(min(em * 40, int(screen.width() * 0.95)), min(em * 36, int(screen.height() * 0.9)))
        self.day.setFocus()

    def refresh(self) -> None:
        month = self.chooser.month()
        rows = rota.month_holidays(self._db, month.strftime("%Y-%m"))
        self.model.set_rows(rows)
        self.table.setVisible(bool(rows))
        self.empty.setText(fill(self.tr("No days off or make-up workdays in %1."), self.chooser.month_text()))
        self.empty.setVisible(not rows)
        metrics = self.table.fontMetrics()
        for column, (key, _) in enumerate(HOLIDAY_COLUMNS[:-1]):
            header = self.model.headerData(column, Qt.Orientation.Horizontal) or ""
            texts = [self.model.text(key, row) for row in rows] + [header]
            if key == "day":
                texts.append(day_label(datetime.date(2026, 12, 30)))
            self.table.setColumnWidth(column, max(metrics.horizontalAdvance(t) for t in texts) + metrics.height())
        self.table.verticalHeader().setDefaultSectionSize(int(metrics.height() * 1.6))

    def _chosen(self, current, _previous) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        if row is None:
            return
        self.clear_errors()
        self.saved.hide()
        self.day.setText(row["day"])
        self.kind.setCurrentIndex(self.kind.findData(row["kind"]))
        self.name.setText(row["name"] or "")

    def _desk_open_toggled(self, value: bool) -> None:
        write(self, self._db, lambda db: rota.set_desk_open_on_holidays(db, value, actor=self._actor))

    def save(self) -> None:
        kind, typed_day, name = self.kind.currentData(), self.day.text(), self.name.text()
        self.saved.hide()
        if not self.write(lambda db: rota.set_holiday(db, typed_day, kind or "", name, actor=self._actor)):
            return
        day = ids.event_date(typed_day, "day", ahead=True)  # as rota.set_holiday read it
        note = holiday_note({"kind": kind, "name": name.strip()})
        if day.replace(day=1) != self.chooser.month():
            self.chooser.set_month(day)  # show the month of the day just saved
        else:
            self.refresh()
        row = self.model.row_of(day.isoformat())
        if row is not None:
            self.table.selectRow(row)
        self.clear_errors()
        self.saved.setText(fill(self.tr("Saved: %1 %2"), day.isoformat(), note))
        self.saved.show()
