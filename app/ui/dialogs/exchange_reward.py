"""Exchange a volunteer's hours for a reward from the catalogue (兑换奖励), which shows each one's hours and stock."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from app import timebank
from app.ui.dialogs.forms import form_layout, save_buttons
from app.ui.dialogs.timebank_parts import _PersonForm, reward_table
from app.ui.models.timebank import RewardModel


class ExchangeDialog(_PersonForm):
    """Exchange hours for a reward from the catalogue (兑换), which shows each one's hours and stock."""

    def __init__(self, db, actor: str, person_id: int | None = None, parent=None):
        super().__init__(db, actor, person_id, parent)
        self.setWindowTitle(self.tr("Exchange for a reward"))
        self.model = RewardModel(self)
        self.model.set_rows(timebank.rewards(db))
        self.rewards = reward_table(self.model)
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
