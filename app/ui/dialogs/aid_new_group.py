"""A new mutual-aid group (新建互助组) by hand: the person helped, the helpers (the first leads), how, since when;
Ctrl+Enter saves."""

from __future__ import annotations

import datetime

from PySide6.QtWidgets import QCheckBox, QVBoxLayout

from app import aid_groups
from app.ui.datefield import DateField
from app.ui.dialogs.aid_parts import note
from app.ui.dialogs.forms import FormDialog, fit_height, form_layout, numbered_combo, save_buttons, small_text_box
from app.ui.text import fill
from app.ui.widgets import PersonPicker, VisitorList


AUTO = "auto"  # the mode combo's first choice: let the number of helpers decide


class GroupDialog(FormDialog):
    """A new group: the person helped, the helpers (the first leads), how, since when.

    ``person_id`` prefills the person (from the uncovered list, say) and ``reason`` says why they need a group.
    After a successful save ``group_id`` holds the new group's id.
    """

    def __init__(self, db, actor: str, parent=None, person_id: int | None = None, reason: str | None = None):
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.group_id: int | None = None
        self.setWindowTitle(self.tr("New mutual-aid group"))

        self.person = PersonPicker(db)
        self.helpers = VisitorList(db, lead=True)
        modes = {AUTO: self.tr("Automatic: one helper is one-on-one, several are many-help-one"), **aid_groups.MODES}
        self.mode = numbered_combo(modes, self.tr("Press 1–3 or choose"), self)
        self.mode.setCurrentIndex(0)
        self.mode.setSizeAdjustPolicy(self.mode.SizeAdjustPolicy.AdjustToContents)
        self.started_on = DateField(datetime.date.today().isoformat())
        self.started_on.setPlaceholderText(self.tr("e.g. 2025-11-20"))
        self.notes = small_text_box(2)
        self.override = QCheckBox(self.tr("Director's approval: allow a helper who has hardships of their own"))

        self.context = note(fill(self.tr("Why a group is needed: %1"), reason) if reason else "")
        self.context.setVisible(bool(reason))

        form = form_layout()
        self.add_row(form, self.tr("Person helped"), self.person, "person_id")
        self.add_row(form, self.tr("Helpers"), self.helpers, "helper_ids")
        self.add_row(form, self.tr("Kind of group"), self.mode, "mode")
        self.add_row(form, self.tr("Formed on"), self.started_on, "started_on")
        self.add_row(form, self.tr("Notes"), self.notes, "notes")
        form.addRow(self.override)
        self.watch_date(self.started_on, "started_on")

        layout = QVBoxLayout(self)
        layout.addWidget(self.context)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(save_buttons(self, self.tr("Form the group (Ctrl+Enter)"), self.tr("Cancel")))

        self.setTabOrder(self.person, self.helpers.picker)
        self.setTabOrder(self.helpers.picker, self.helpers.list)
        self.setTabOrder(self.helpers.list, self.helpers.remove_button)
        self.setTabOrder(self.helpers.remove_button, self.helpers.lead_button)
        self.setTabOrder(self.helpers.lead_button, self.mode)
        self.setTabOrder(self.mode, self.started_on)
        self.setTabOrder(self.started_on, self.notes)
        self.setTabOrder(self.notes, self.override)

        self.person.picked.connect(self._person_picked)
        self.person.textEdited.connect(lambda: self.show_error("person_id", None))
        self.helpers.changed.connect(lambda: self.show_error("helper_ids", None))
        self.mode.currentIndexChanged.connect(lambda: (self.show_error("mode", None),
                                                       self.show_error("helper_ids", None)))
        self.override.toggled.connect(lambda: self.show_error("helper_ids", None))

        if person_id is not None:
            self.person.set_person(person_id)
            self.helpers.picker.setFocus()
        else:
            self.person.setFocus()
        fit_height(self, 38)

    def _person_picked(self, _person_id: int) -> None:
        self.show_error("person_id", None)
        self.helpers.picker.setFocus()

    def save(self) -> None:
        """Check and store; on errors show each reason beside its field and keep everything typed."""
        person_id = self.person.person_id()
        helper_ids = self.helpers.ids()
        mode = self.mode.currentData()
        if person_id is None:  # say how to choose, rather than "no person numbered None"
            typed = self.person.text().strip()
            self.show_errors({"person_id": self.tr(
                "Choose the person to be helped from the list that appears as you type.") if typed else self.tr(
                "Type the name of the person to be helped and choose them from the list.")})
            return
        started_on, notes, override = self.started_on.text(), self.notes.toPlainText(), self.override.isChecked()
        done = self.write(lambda db: aid_groups.create_group(
            db, person_id, helper_ids, actor=self._actor, mode=None if mode in (None, AUTO) else mode,
            started_on=started_on, notes=notes, override=override))
        if done:
            self.group_id = done.value
            self.accept()

    def explain(self, errors: dict[str, str]) -> dict[str, str]:
        errors = super().explain(errors)
        if "helper_ids" in errors:
            if not self.helpers.ids():
                errors["helper_ids"] = self.tr("Choose at least one helper.")
            if self.helpers.picker.text().strip():
                errors["helper_ids"] += "\n" + self.tr("Choose the helper from the list that appears as you type.")
        return errors
