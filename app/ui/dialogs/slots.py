"""The shifts the rota plans (班次设置): the desk's shifts and the service projects, added, changed, switched off."""

from __future__ import annotations


from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QCheckBox, QDialogButtonBox, QGridLayout, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QPushButton, QRadioButton, QSizePolicy, QSpinBox, QTableView, QVBoxLayout, QWidget,
)

from app import people, rota
from app.ui.dialogs.forms import FormDialog, form_layout, numbered_combo
from app.ui.models.rota import SLOT_COLUMNS, SlotModel
from app.ui.dialogs.rota_parts import note
from app.ui.text import fill


class SlotsDialog(FormDialog):
    """The shifts the rota plans (班次设置): the desk's shifts and the service projects. The director adds one,
    or chooses one in the list and changes it; a shift is never deleted, only switched off, so its past shifts stay.
    Changes reach the month's places when the rota is generated or repaired again."""

    def __init__(self, db, actor: str, parent=None):
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._slot_id: int | None = None  # the shift being changed; None while adding one
        self.setWindowTitle(self.tr("Shift settings"))

        self.model = SlotModel(self)
        self.table = QTableView()
        self.table.setObjectName("slotTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

        # The fields: what and when on the left, how often, where and who on the right.
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. Knife sharpening"))
        self.kind = numbered_combo({"desk": self.tr("Duty desk"), "project": self.tr("Service project")},
                                   self.tr("Press 1–2 or choose"), self)
        self.part = numbered_combo({"morning": self.tr("Morning"), "afternoon": self.tr("Afternoon"),
                                    "evening": self.tr("Evening")}, self.tr("Press 1–3 or choose"), self)
        self.start_time = QLineEdit()
        self.start_time.setPlaceholderText(self.tr("e.g. 08:30"))
        self.end_time = QLineEdit()
        self.end_time.setPlaceholderText(self.tr("e.g. 11:30"))
        self.need = QSpinBox()
        self.need.setRange(1, 20)
        self.need.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)

        self.weekly = QRadioButton(self.tr("Every week"))
        before, _, after = self.tr("Every month on day %1").partition("%1")
        self.monthly = QRadioButton(before.strip())
        self.repeat_group = QButtonGroup(self)
        self.repeat_group.addButton(self.weekly)
        self.repeat_group.addButton(self.monthly)
        self.weekdays = {day: QCheckBox(label) for day, label in enumerate(
            (self.tr("Mon"), self.tr("Tue"), self.tr("Wed"), self.tr("Thu"), self.tr("Fri"), self.tr("Sat"),
             self.tr("Sun")), start=1)}
        self.monthly_day = QSpinBox()
        self.monthly_day.setRange(1, 31)
        self.monthly_day.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        repeat = QWidget()
        repeat_grid = QGridLayout(repeat)
        repeat_grid.setContentsMargins(0, 0, 0, 0)
        repeat_grid.addWidget(self.weekly, 0, 0)
        days = QGridLayout()  # two lines of days: the right-hand column stays narrow enough to sit beside the left
        for day, box in self.weekdays.items():
            days.addWidget(box, (day - 1) // 4, (day - 1) % 4)
        repeat_grid.addLayout(days, 0, 1)
        repeat_grid.addWidget(self.monthly, 1, 0)
        month_row = QHBoxLayout()
        month_row.addWidget(self.monthly_day)
        if after.strip():
            month_row.addWidget(QLabel(after.strip()))
        month_row.addStretch()
        repeat_grid.addLayout(month_row, 1, 1)
        repeat_grid.setColumnStretch(1, 1)
        repeat.setFocusProxy(self.weekly)

        self.place = QLineEdit()
        self.place.setPlaceholderText(self.tr("e.g. Activity room"))
        self.skill = numbered_combo({"": self.tr("Not needed"), **{s: s for s in people.SKILLS}},
                                    fill(self.tr("Press 1–%1 or choose"), len(people.SKILLS) + 1), self)
        self.active = QCheckBox(self.tr("Yes, plan it on the rota"))

        left = form_layout()
        self.add_row(left, self.tr("Name"), self.name, "name")
        self.add_row(left, self.tr("Kind"), self.kind, "kind")
        self.add_row(left, self.tr("Part of day"), self.part, "part")
        self.add_row(left, self.tr("Starts at"), self.start_time, "start_time")
        self.add_row(left, self.tr("Ends at"), self.end_time, "end_time")
        self.add_row(left, self.tr("People needed"), self.need, "need")
        right = form_layout()
        repeat_error = self.add_row(right, self.tr("Repeats"), repeat, "weekdays")
        self._errors["monthly_day"] = repeat_error  # one reason line for the whole choice of days
        self._fields["monthly_day"] = self.monthly_day
        self.add_row(right, self.tr("Place"), self.place, "place")
        self.add_row(right, self.tr("Skill needed"), self.skill, "skill")
        self.add_row(right, self.tr("In use"), self.active, "active")
        fields = QHBoxLayout()
        fields.addLayout(left, 2)
        fields.addSpacing(self.fontMetrics().horizontalAdvance("国") * 2)
        fields.addLayout(right, 3)

        self.saved = QLabel()
        self.saved.setStyleSheet("color: #1b5e20;")
        self.saved.setWordWrap(True)
        self.saved.hide()
        self.save_button = QPushButton(self.tr("Save (Ctrl+Enter)"))
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.new_button = QPushButton(self.tr("New shift"))
        self.new_button.setAutoDefault(False)
        self.new_button.clicked.connect(self.new)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addWidget(self.new_button)
        save_row.addWidget(self.saved, 1)
        save_row.addStretch()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        buttons.rejected.connect(self.reject)

        self.form_title = QLabel()
        self.form_title.setStyleSheet("font-weight: bold;")
        self.form_title.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(note(self.tr("Choose a shift in the list to change it, or press “New shift” to add one. "
                                       "A shift is never deleted: untick “In use” to stop it, and its past shifts "
                                       "are kept.")))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.form_title)
        layout.addLayout(fields)
        layout.addWidget(self.general_error)
        layout.addLayout(save_row)
        layout.addWidget(note(self.tr("Changes take effect when the rota is generated or repaired again.")))
        layout.addWidget(buttons)

        self.table.selectionModel().currentRowChanged.connect(self._chosen)
        for key, box in (("name", self.name), ("start_time", self.start_time), ("end_time", self.end_time),
                         ("place", self.place)):
            box.textEdited.connect(lambda _text, key=key: self._edited(key))
        self.kind.currentIndexChanged.connect(lambda: self._edited("kind"))
        self.part.currentIndexChanged.connect(lambda: self._edited("part"))
        self.skill.currentIndexChanged.connect(lambda: self._edited("skill"))
        self.need.valueChanged.connect(lambda: self._edited("need"))
        # Ticking a day means every week; changing the day of the month means every month.
        for box in self.weekdays.values():
            box.clicked.connect(self._day_ticked)
        self.monthly_day.valueChanged.connect(self._month_day_changed)
        self.weekly.clicked.connect(lambda: self._edited("weekdays"))
        self.monthly.clicked.connect(lambda: self._edited("weekdays"))
        self.refresh()
        self.new()
        self._size()

    def _size(self) -> None:
        """Wide enough for every column of the list; tall enough for the whole list (up to eight shifts) and a
        few lines of reasons to spare, within the screen. When the reasons need more room, the list gives it up
        first, down to four shifts in sight, and scrolls."""
        row_height = self.table.verticalHeader().defaultSectionSize()
        frame = self.table.horizontalHeader().sizeHint().height() + 2 * self.table.frameWidth()
        self.table.setMinimumHeight(frame + max(4, min(self.model.rowCount(), 8)) * row_height)
        columns = sum(self.table.columnWidth(c) for c in range(self.model.columnCount())) \
            + self.table.verticalScrollBar().sizeHint().width() + 2 * self.table.frameWidth()
        margins = self.layout().contentsMargins()
        screen = self.screen().availableGeometry()
        width = min(max(self.sizeHint().width(), columns + margins.left() + margins.right()),
                    int(screen.width() * 0.95))
        height = self.heightForWidth(width) if self.layout().hasHeightForWidth() else -1
        height = max(height, self.sizeHint().height()) + 2 * self.fontMetrics().lineSpacing()
        self.resize(width, min(height, int(screen.height() * 0.9)))
        self.table.setMinimumHeight(frame + 4 * row_height)

    # -- the list
    def refresh(self) -> None:
        """Read the shifts again (those switched off too), and fit the columns to what they show."""
        rows = rota.slots(self._db, active_only=False)
        self.model.set_rows(rows)
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader().fontMetrics()
        for column, (key, _) in enumerate(SLOT_COLUMNS):
            width = header.horizontalAdvance(self.model.header(key))
            for row in rows:
                width = max(width, metrics.horizontalAdvance(self.model.text(key, row)))
            if key == "state":
                width = max(width, metrics.horizontalAdvance(self.tr("Switched off")))
            self.table.setColumnWidth(column, width + metrics.height())
        self.table.verticalHeader().setDefaultSectionSize(int(metrics.height() * 1.6))

    def slot_id(self) -> int | None:
        """The shift being changed; None while adding one."""
        return self._slot_id

    def _chosen(self, current, _previous) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        if row is None:
            return
        self.load(row)

    def load(self, row: dict) -> None:
        """Show ``row`` (a shift as ``rota.slots`` gives it) in the fields, to change it."""
        self._slot_id = row["id"]
        self.clear_errors()
        self.saved.hide()
        self.form_title.setText(fill(self.tr("Change the shift “%1”"), row["name"]))
        self.name.setText(row["name"] or "")
        self.kind.setCurrentIndex(self.kind.findData(row["kind"]))
        self.part.setCurrentIndex(self.part.findData(row["part"]))
        self.start_time.setText(row["start_time"] or "")
        self.end_time.setText(row["end_time"] or "")
        self.need.setValue(int(row["need"] or 1))
        for day, box in self.weekdays.items():
            box.setChecked(day in (row["weekdays"] or []))
        self.monthly_day.setValue(int(row["monthly_day"] or 1))
        (self.monthly if row["monthly_day"] else self.weekly).setChecked(True)
        self.place.setText(row["place"] or "")
        self.skill.setCurrentIndex(max(0, self.skill.findData(row["skill"] or "")))
        self.active.setChecked(bool(row["active"]))
        self.clear_errors()  # the signals of the fields just filled

    def new(self) -> None:
        """Empty fields for a new shift: a service project in the morning, weekly, one person, in use."""
        self._slot_id = None
        self.table.selectionModel().clearCurrentIndex()
        self.table.clearSelection()
        self.form_title.setText(self.tr("Add a new shift"))
        self.name.clear()
        self.kind.setCurrentIndex(self.kind.findData("project"))
        self.part.setCurrentIndex(self.part.findData("morning"))
        self.start_time.clear()
        self.end_time.clear()
        self.need.setValue(1)
        for box in self.weekdays.values():
            box.setChecked(False)
        self.monthly_day.setValue(1)
        self.weekly.setChecked(True)
        self.place.clear()
        self.skill.setCurrentIndex(0)
        self.active.setChecked(True)
        self.clear_errors()
        self.saved.hide()
        self.name.setFocus()

    def _day_ticked(self) -> None:
        self.weekly.setChecked(True)
        self._edited("weekdays")

    def _month_day_changed(self) -> None:
        self.monthly.setChecked(True)
        self._edited("weekdays")

    def _edited(self, key: str) -> None:
        self.show_error(key, None)
        if key == "weekdays":
            self.show_error("monthly_day", None)
        self.saved.hide()

    def values(self) -> dict[str, Any]:
        """What the fields say, as ``rota.save_slot`` takes it."""
        weekly = self.weekly.isChecked()
        return {"name": self.name.text(), "kind": self.kind.currentData() or "", "part": self.part.currentData() or "",
                "start_time": self.start_time.text(), "end_time": self.end_time.text(), "need": self.need.value(),
                "weekdays": [d for d, box in self.weekdays.items() if box.isChecked()] if weekly else [],
                "monthly_day": None if weekly else self.monthly_day.value(), "place": self.place.text(),
                "skill": self.skill.currentData() or "", "active": self.active.isChecked()}

    def save(self) -> None:
        """Check and store; on errors show each reason beside its field and keep everything typed."""
        values = self.values()
        self.saved.hide()
        done = self.write(lambda db: rota.save_slot(db, values, actor=self._actor, slot_id=self._slot_id))
        if not done:
            return
        slot_id = done.value
        self.refresh()
        row = self.model.row_of(slot_id)
        if row is not None:
            self.table.selectRow(row)  # the shift just saved, as stored, ready for another change
            self.table.scrollTo(self.model.index(row, 0))
        self.clear_errors()
        self.saved.setText(fill(self.tr("Saved: %1."), self.name.text().strip()))
        self.saved.show()
