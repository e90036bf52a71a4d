"""End a mutual-aid group (结束互助组) on a date with a reason; its helpers leave with it and its record is kept;
Ctrl+Enter saves."""

from __future__ import annotations

import datetime

from PySide6.QtWidgets import QLineEdit, QVBoxLayout

from app import aid_groups
from app.ui.datefield import DateField
from app.ui.dialogs.aid_parts import about_group, note
from app.ui.dialogs.forms import FormDialog, fit_height, form_layout, save_buttons
from app.ui.models.aid import helpers_text
from app.ui.text import fill


class EndGroupDialog(FormDialog):
    """End an active group on a date with a reason; its helpers leave with it and the record is kept."""

    def __init__(self, db, actor: str, group: dict, parent=None):
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._group = group
        self.setWindowTitle(self.tr("End the mutual-aid group"))

        self.ended_on = DateField(datetime.date.today().isoformat())
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("e.g. passed away; moved to a care home; recovered"))
        form = form_layout()
        self.add_row(form, self.tr("Ended on"), self.ended_on, "ended_on")
        self.add_row(form, self.tr("Reason"), self.reason, "reason")
        self.watch_date(self.ended_on, "ended_on")

        layout = QVBoxLayout(self)
        layout.addWidget(about_group(group))
        layout.addWidget(note(fill(self.tr("Helpers now: %1"), helpers_text(group["helpers"]))))
        layout.addWidget(note(self.tr("When the group ends, its helpers leave it too. Its history is kept.")))
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(save_buttons(self, self.tr("End the group (Ctrl+Enter)"), self.tr("Cancel")))
        self.reason.textEdited.connect(lambda: self.show_error("reason", None))
        self.reason.setFocus()
        fit_height(self, 36)

    def save(self) -> None:
        reason, on = self.reason.text(), self.ended_on.text()
        if self.write(lambda db: aid_groups.end_group(db, self._group["id"], reason=reason, actor=self._actor,
                                                      on=on)):
            self.accept()
