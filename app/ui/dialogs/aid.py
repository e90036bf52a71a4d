"""Mutual-aid groups (互助组) by hand: form a group, add or remove a helper, end a group; Ctrl+Enter saves."""

from __future__ import annotations

import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QHBoxLayout, QLabel, QLineEdit, QRadioButton, QStackedWidget, QVBoxLayout, QWidget,
)

from app import aid_groups
from app.ui.datefield import DateField
from app.ui.dialogs.forms import (
    FormDialog, fit_height, form_layout, numbered_combo, save_buttons, small_text_box,
)
from app.ui.models.aid import helpers_text, lead_text, situations_text
from app.ui.models.roster import address_text
from app.ui.text import fill
from app.ui.widgets import PersonPicker, VisitorList

AUTO = "auto"  # the mode combo's first choice: let the number of helpers decide


def _about(group: dict) -> QLabel:
    """"黄秀美 · 30号楼 2单元 502室 · 孤寡 · 一对一", then the helpers now: who the dialog is about, in bold."""
    parts = [group["name"], address_text(group), situations_text(group["situations"]),
             aid_groups.MODES.get(group["mode"], group["mode"])]
    label = QLabel(" · ".join(p for p in parts if p))
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet("font-weight: bold;")
    return label


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet("color: #555555;")
    return label


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

        self.context = _note(fill(self.tr("Why a group is needed: %1"), reason) if reason else "")
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

        self.current = _note(fill(self.tr("Helpers now: %1"), helpers_text(group["helpers"])))
        layout = QVBoxLayout(self)
        layout.addWidget(_about(group))
        layout.addWidget(self.current)
        if reason:  # from the uncovered list: the helpers cannot help any more
            layout.addWidget(_note(fill(self.tr("Why a helper is needed: %1"), reason)))
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
        layout.addWidget(_about(group))
        layout.addWidget(_note(fill(self.tr("Helpers now: %1"), helpers_text(group["helpers"]))))
        layout.addWidget(_note(self.tr("When the group ends, its helpers leave it too. Its history is kept.")))
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
