"""A helper joins or leaves a mutual-aid group (增减帮扶人), with the date and, for one leaving, the reason;
Ctrl+Enter saves."""

from __future__ import annotations

import datetime

from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QHBoxLayout, QLineEdit, QRadioButton, QStackedWidget, QVBoxLayout, QWidget,
)

from app import aid_groups
from app.ui.datefield import DateField
from app.ui.dialogs.aid_parts import about_group, note
from app.ui.dialogs.forms import FormDialog, fit_height, form_layout, numbered_combo, save_buttons
from app.ui.models.aid import helpers_text, lead_text
from app.ui.text import fill
from app.ui.widgets import PersonPicker


class ChangeHelpersDialog(FormDialog):
    """For one active group (a row of ``aid_groups.list_groups``): a helper joins, or a helper leaves with a reason.

    ``reason`` says why the group needs a helper (from the uncovered list)."""

    def __init__(self, db, actor: str, group: dict, parent=None, adding: bool = True, reason: str | None = None):
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._group = group
        self.setWindowTitle(self.tr("Add or remove a helper"))
        today = datetime.date.today().isoformat()

        self.add_choice = QRadioButton(self.tr("A helper joins"))
        self.remove_choice = QRadioButton(self.tr("A helper leaves"))
        choices = QButtonGroup(self)
        choices.addButton(self.add_choice)
        choices.addButton(self.remove_choice)
        choice_row = QHBoxLayout()
        choice_row.setSpacing(self.fontMetrics().horizontalAdvance("国") * 2)
        choice_row.addWidget(self.add_choice)
        choice_row.addWidget(self.remove_choice)
        choice_row.addStretch()

        # A helper joins
        self.helper = PersonPicker(db, volunteers=True)
        self.joined_on = DateField(today)
        self.override = QCheckBox(self.tr("Director's approval: allow a helper who has hardships of their own"))
        add_form = form_layout()
        self.add_row(add_form, self.tr("New helper"), self.helper, "helper_ids")
        self.add_row(add_form, self.tr("Joins on"), self.joined_on, "joined_on")
        add_form.addRow(self.override)
        self.watch_date(self.joined_on, "joined_on")

        # A helper leaves
        current = dict(zip(group["helper_ids"], group["helpers"]))
        if len(current) > 1:  # the first leads: say so, as the table does
            first = group["helper_ids"][0]
            current[first] = lead_text(current[first])
        self.leaving = numbered_combo(current, self.tr("Choose who leaves"), self)
        if len(current) == 1:
            self.leaving.setCurrentIndex(0)
        self.left_on = DateField(today)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("e.g. moved to live with a daughter; ill and cannot help for now"))
        remove_form = form_layout()
        self.add_row(remove_form, self.tr("Helper leaving"), self.leaving, "leaving")
        self.add_row(remove_form, self.tr("Leaves on"), self.left_on, "left_on")
        self.add_row(remove_form, self.tr("Reason"), self.reason, "reason")
        self.watch_date(self.left_on, "left_on")

        self.pages = QStackedWidget()
        for form in (add_form, remove_form):
            page = QWidget()
            page.setLayout(form)
            form.setContentsMargins(0, 0, 0, 0)
            self.pages.addWidget(page)

        self.current = note(fill(self.tr("Helpers now: %1"), helpers_text(group["helpers"])))
        layout = QVBoxLayout(self)
        layout.addWidget(about_group(group))
        layout.addWidget(self.current)
        if reason:  # from the uncovered list: the helpers cannot help any more
            layout.addWidget(note(fill(self.tr("Why a helper is needed: %1"), reason)))
        layout.addLayout(choice_row)
        layout.addWidget(self.pages)
        layout.addWidget(self.general_error)
        layout.addWidget(save_buttons(self, "", self.tr("Cancel")))

        self.add_choice.toggled.connect(self._choice_changed)
        self.helper.picked.connect(lambda _id: (self.show_error("helper_ids", None), self.joined_on.setFocus()))
        self.helper.textEdited.connect(lambda: self.show_error("helper_ids", None))
        self.leaving.currentIndexChanged.connect(lambda: (self.show_error("leaving", None), self.reason.setFocus()))
        self.reason.textEdited.connect(lambda: self.show_error("reason", None))
        (self.add_choice if adding else self.remove_choice).setChecked(True)
        self._choice_changed()
        fit_height(self, 36)

    @property
    def adding(self) -> bool:
        return self.add_choice.isChecked()

    def _choice_changed(self, *_args) -> None:
        self.clear_errors()
        self.pages.setCurrentIndex(0 if self.adding else 1)
        if self.adding:
            self.save_button.setText(self.tr("Add the helper (Ctrl+Enter)"))
            self.helper.setFocus()
        else:
            self.save_button.setText(self.tr("Record the leaving (Ctrl+Enter)"))
            (self.reason if self.leaving.currentIndex() >= 0 else self.leaving).setFocus()

    def save(self) -> None:
        group_id = self._group["id"]
        if self.adding:
            helper_id = self.helper.person_id()
            if helper_id is None:
                typed = self.helper.text().strip()
                self.show_errors({"helper_ids": self.tr(
                    "Choose the helper from the list that appears as you type.") if typed else self.tr(
                    "Type the name of the new helper and choose them from the list.")})
                return
            on, override = self.joined_on.text(), self.override.isChecked()
            done = self.write(lambda db: aid_groups.add_helper(db, group_id, helper_id, actor=self._actor, on=on,
                                                               override=override))
        else:
            helper_id = self.leaving.currentData()
            if helper_id is None:
                self.show_errors({"leaving": self.tr("Choose the helper who leaves.")})
                return
            reason, on = self.reason.text(), self.left_on.text()
            done = self.write(lambda db: aid_groups.remove_helper(db, group_id, helper_id, reason=reason,
                                                                  actor=self._actor, on=on))
        if done:
            self.accept()

    def explain(self, errors: dict[str, str]) -> dict[str, str]:
        errors = super().explain(errors)
        if not self.adding and "helper_ids" in errors:
            errors["leaving"] = errors.pop("helper_ids")
        return errors
