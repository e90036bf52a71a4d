"""Time bank forms (时间银行): credit hours, withdraw them for help, exchange them for a reward, reverse an entry,
and the rewards catalogue. Each refusal from ``app.timebank`` is shown beside its field."""

from __future__ import annotations

import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDoubleSpinBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
    QSpinBox, QTableView, QVBoxLayout,
)

from app import timebank, visits
from app.ui.datefield import DateField
from app.ui import session as ui_session
from app.ui.dialogs.forms import FormDialog, form_layout, save_buttons
from app.ui.models.timebank import RewardModel, kind_label, signed
from app.ui.text import fill
from app.ui.widgets import PersonPicker


def hours_box() -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setDecimals(2)
    box.setRange(0, 1000)
    box.setSingleStep(0.5)
    box.setValue(1)
    return box


def _table(model) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().setDefaultSectionSize(int(table.fontMetrics().height() * 1.8))
    return table


class _PersonForm(FormDialog):
    """A form about one volunteer: the picker first, already filled when the page has one chosen."""

    def __init__(self, db, actor: str, person_id: int | None, parent=None):
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.entry_id: int | None = None
        self.person = PersonPicker(db, volunteers=True)
        if person_id is not None:
            self.person.set_person(person_id)
        self.person.picked.connect(lambda _id: self.show_error("person_id", None))

    def _save(self, work) -> None:
        """Store ``work(db, person_id)`` for the chosen volunteer, or say how to choose one."""
        person_id = self.person.person_id()
        if person_id is None:
            self.show_errors({"person_id": self.tr("Choose the volunteer from the list that appears as you type.")})
            return
        done = self.write(lambda db: work(db, person_id),
                          said=lambda entry_id: timebank.describe_entry(self._db, entry_id), undo=True)
        if done:
            self.entry_id = done.value
            self.accept()


class DepositDialog(_PersonForm):
    """Credit hours of service (存入): how many, on which day, from what, and a note."""

    def __init__(self, db, actor: str, person_id: int | None = None, parent=None):
        super().__init__(db, actor, person_id, parent)
        self.setWindowTitle(self.tr("Credit hours"))
        self.hours = hours_box()
        self.on_date = DateField(datetime.date.today().isoformat())
        self.source = QComboBox()
        for code in ("activity", "manual"):
            self.source.addItem(timebank.SOURCES[code], code)
        self.note = QLineEdit()
        form = form_layout()
        self.add_row(form, self.tr("Volunteer"), self.person, "person_id")
        # The national recording rules count the actual time of service, without the journey there and back.
        self.add_row(form, self.tr("Actual hours of service (travel excluded)"), self.hours, "hours")
        self.add_row(form, self.tr("Date"), self.on_date, "on_date")
        self.add_row(form, self.tr("Source"), self.source, "source")
        self.add_row(form, self.tr("Note"), self.note, "note")
        self.watch_date(self.on_date, "on_date")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(save_buttons(self, self.tr("Credit (Ctrl+Enter)"), self.tr("Cancel")))
        (self.hours if person_id is not None else self.person).setFocus()
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("国") * 36)

    def save(self) -> None:
        hours, on, source, note = self.hours.value(), self.on_date.text(), self.source.currentData(), self.note.text()
        self._save(lambda db, person_id: timebank.deposit(db, person_id, hours, on=on, source=source, note=note,
                                                          actor=self._actor))


class WithdrawDialog(_PersonForm):
    """Draw on the hours for help the volunteer needs (支取); a short balance is refused beside the hours."""

    def __init__(self, db, actor: str, person_id: int | None = None, parent=None):
        super().__init__(db, actor, person_id, parent)
        self.setWindowTitle(self.tr("Withdraw hours"))
        self.hours = hours_box()
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("The help the hours are for"))
        self.balance = QLabel()
        # The help is best linked to the visit in which it was given, when it was a recorded visit to them.
        self.visit = QComboBox()
        form = form_layout()
        self.add_row(form, self.tr("Volunteer"), self.person, "person_id")
        self.add_row(form, self.tr("Balance"), self.balance, None)
        self.add_row(form, self.tr("Hours"), self.hours, "hours")
        self.add_row(form, self.tr("Given in the visit"), self.visit, "visit_id")
        self.add_row(form, self.tr("Help received"), self.note, "note")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(save_buttons(self, self.tr("Withdraw (Ctrl+Enter)"), self.tr("Cancel")))
        self.person.picked.connect(lambda _id: self._show_balance())
        self.visit.currentIndexChanged.connect(self._visit_chosen)
        self._show_balance()
        (self.hours if person_id is not None else self.person).setFocus()
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("国") * 36)

    def _show_balance(self) -> None:
        person_id = self.person.person_id()
        self.visit.clear()
        self.visit.addItem(self.tr("Not a recorded visit"), None)
        if person_id is None:
            self.balance.setText("—")
            return
        self.balance.setText(fill(self.tr("%1 hours"), timebank.fmt(timebank.statement(self._db, person_id).balance)))
        for visit in visits.list_visits(self._db, person_id=person_id, limit=20):
            self.visit.addItem(f"{visit['visit_date']} {visit['kind_label']}（{'、'.join(visit['visitors'])}）",
                               visit["id"])
            self.visit.setItemData(self.visit.count() - 1, visit["notes"] or visit["kind_label"],
                                   Qt.ItemDataRole.ToolTipRole)

    def _visit_chosen(self) -> None:
        if self.visit.currentData() is not None and not self.note.text().strip():
            self.note.setText(self.visit.itemData(self.visit.currentIndex(), Qt.ItemDataRole.ToolTipRole) or "")

    def save(self) -> None:
        hours, note, visit_id = self.hours.value(), self.note.text(), self.visit.currentData()
        self._save(lambda db, person_id: timebank.withdraw(db, person_id, hours, note=note, actor=self._actor,
                                                           visit_id=visit_id))


class ExchangeDialog(_PersonForm):
    """Exchange hours for a reward from the catalogue (兑换), which shows each one's hours and stock."""

    def __init__(self, db, actor: str, person_id: int | None = None, parent=None):
        super().__init__(db, actor, person_id, parent)
        self.setWindowTitle(self.tr("Exchange for a reward"))
        self.model = RewardModel(self)
        self.model.set_rows(timebank.rewards(db))
        self.rewards = _table(self.model)
        if self.model.rowCount():
            self.rewards.selectRow(0)
        form = form_layout()
        self.add_row(form, self.tr("Volunteer"), self.person, "person_id")
        self.add_row(form, self.tr("Reward"), self.rewards, "reward_id")
        self._errors["hours"] = self._errors["reward_id"]  # a short balance is about the reward chosen
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(save_buttons(self, self.tr("Exchange (Ctrl+Enter)"), self.tr("Cancel")))
        (self.rewards if person_id is not None else self.person).setFocus()
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("国") * 40)

    def reward_id(self) -> int | None:
        index = self.rewards.selectionModel().currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        return row["id"] if row else None

    def save(self) -> None:
        reward_id = self.reward_id()
        if self.person.person_id() is not None and reward_id is None:
            self.show_errors({"reward_id": self.tr("Choose a reward in the list.")})
            return
        self._save(lambda db, person_id: timebank.exchange(db, person_id, reward_id, actor=self._actor))


class CorrectDialog(FormDialog):
    """Void a mistaken entry by reversing it (冲正) with the reason; the balance is never edited."""

    def __init__(self, db, actor: str, entry: dict, parent=None):
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._entry = entry
        self.entry_id: int | None = None
        self.setWindowTitle(self.tr("Reverse an entry"))
        about = QLabel(fill(self.tr("%1 %2 %3 hours: %4"), entry["date"], kind_label(entry["kind"]),
                            signed(entry["hours"]), entry["note"] or timebank.SOURCES.get(entry["source"], "")))
        about.setTextFormat(Qt.TextFormat.PlainText)
        about.setWordWrap(True)
        about.setStyleSheet("font-weight: bold;")
        self.reason = QLineEdit()
        form = form_layout()
        self.add_row(form, self.tr("Reason"), self.reason, "reason")
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(save_buttons(self, self.tr("Reverse (Ctrl+Enter)"), self.tr("Cancel")))
        self.reason.setFocus()
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("国") * 36)

    def save(self) -> None:
        reason, by = self.reason.text(), ui_session.current()
        done = self.write(lambda db: timebank.correct(db, self._entry["id"], reason=reason, actor=self._actor, by=by),
                          said=timebank.describe_entry(self._db, self._entry["id"]), verb="void")
        if done:
            self.entry_id = done.value
            self.accept()


class RewardsDialog(FormDialog):
    """The rewards catalogue (奖励目录), and a form beneath it to add one: name, hours, stock."""

    def __init__(self, db, actor: str, parent=None):
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.setWindowTitle(self.tr("Rewards catalogue"))
        self.model = RewardModel(self)
        self.table = _table(self.model)
        self.name = QLineEdit()
        self.hours = hours_box()
        self.stock = QSpinBox()
        self.stock.setRange(0, 100000)
        self.stock.setValue(1)
        form = form_layout()
        self.add_row(form, self.tr("Reward"), self.name, "name")
        self.add_row(form, self.tr("Hours"), self.hours, "hours")
        self.add_row(form, self.tr("In stock"), self.stock, "stock")
        self.add_button = QPushButton(self.tr("Add reward"))
        self.add_button.clicked.connect(self.save)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch()
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel(self.tr("Add a reward")))
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addLayout(buttons)
        self._load()
        self.name.setFocus()
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("国") * 36)

    def _load(self) -> None:
        self.model.set_rows(timebank.rewards(self._db))

    def save(self) -> None:
        name, hours, stock = self.name.text(), self.hours.value(), self.stock.value()
        if not self.write(lambda db: timebank.add_reward(db, name, hours, stock, actor=self._actor)):
            return
        self.clear_errors()
        self.name.clear()
        self._load()
        self.name.setFocus()
