"""The time bank's rewards catalogue (奖励目录), and a form beneath it to add a reward: name, hours, stock."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QVBoxLayout

from app import timebank
from app.ui.dialogs.forms import FormDialog, form_layout
from app.ui.dialogs.timebank_parts import hours_box, reward_table
from app.ui.models.timebank import RewardModel


class RewardsDialog(FormDialog):
    """The rewards catalogue (奖励目录), and a form beneath it to add one: name, hours, stock."""

    def __init__(self, db, actor: str, parent=None):
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.setWindowTitle(self.tr("Rewards catalogue"))
        self.model = RewardModel(self)
        self.table = reward_table(self.model)
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
