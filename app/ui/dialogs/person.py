"""Add or edit a person: the form, with every field checked as it is typed and reasons shown beside it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QScrollArea, QSpinBox, QVBoxLayout, QWidget, QFormLayout,
)

from app import calendar_cn, ids, people
from app.errors import ValidationError
from app.ui import session as ui_session
from app.ui.write import write
from app.ui.dialogs.forms import KeepsTyping

_ERROR_STYLE = "color: #b00020;"
_OK_STYLE = "color: #1b5e20;"


class PersonDialog(KeepsTyping, QDialog):
    """One dialog for both adding (``person=None``) and editing a person."""

    def __init__(self, db, actor: str, person: dict | None = None, parent=None):
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._kept_id: str | None = None  # the stored ID number, kept unseen from a duty volunteer
        self._person = person
        self.person_id: int | None = person["id"] if person else None
        self.setWindowTitle(self.tr("Add a person") if person is None else self.tr("Edit %1").replace("%1", person["name"]))

        self.name = QLineEdit()
        self.id_number = QLineEdit()
        self.id_number.setPlaceholderText(self.tr("18 digits; the last may be X"))
        self.sex = QComboBox()
        self.sex.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.sex.addItem(self.tr("(from the ID number)"), None)
        for sex in people.SEXES:
            self.sex.addItem(sex, sex)
        # AdjustToContents leaves too little room beside the arrow for "（按身份证号）": size it from the text.
        metrics = self.sex.fontMetrics()
        self.sex.setMinimumWidth(max(metrics.horizontalAdvance(self.sex.itemText(i)) for i in range(self.sex.count()))
                                 + 3 * metrics.height())
        self.birth_date = QLineEdit()
        self.birth_date.setPlaceholderText(self.tr("e.g. 1945-03-12, or 1945年3月 when the day is not known"))
        self.phone = QLineEdit()
        self.building = QLineEdit()
        self.unit = QLineEdit()
        self.room = QLineEdit()
        for box, hint in ((self.building, self.tr("Bldg")), (self.unit, self.tr("Unit")), (self.room, self.tr("Room"))):
            box.setPlaceholderText(hint)
        self.is_resident = QCheckBox(self.tr("Resident"))
        self.is_member = QCheckBox(self.tr("Party member"))
        self.is_volunteer = QCheckBox(self.tr("Volunteer"))
        self.party_joined = QLineEdit()
        self.party_joined.setPlaceholderText(self.tr("e.g. 1968-07-01"))
        self.party_branch = QLineEdit()
        self.registered_on = QLineEdit()
        self.registered_on.setPlaceholderText(self.tr("the day they registered with the club, e.g. 2026-03-05"))
        self.lunar_birthday = QLineEdit()
        self.lunar_birthday.setPlaceholderText(self.tr("only if the birthday is kept by the lunar calendar, e.g. 四月初八"))
        self.lunar_from_birth = QPushButton(self.tr("From the birth date"))
        self.lunar_from_birth.clicked.connect(self._lunar_from_birth)
        self.situations = {s: QCheckBox(s) for s in people.SITUATIONS}
        self.tags = {t: QCheckBox(t) for t in people.TALENT_TAGS}
        self.posts = {p: QCheckBox(p) for p in people.POSTS}
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(80)

        self._errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._add_row(form, self.tr("Name *"), self.name, "name")
        self._add_row(form, self.tr("ID number"), self.id_number, "id_number")
        self.id_hint = self._errors["id_number"]
        self._add_row(form, self.tr("Sex"), self.sex, "sex")
        self._add_row(form, self.tr("Birth date"), self.birth_date, "birth_date")
        self._add_row(form, self.tr("Phone"), self.phone, "phone")
        address = QWidget()
        address_row = QHBoxLayout(address)
        address_row.setContentsMargins(0, 0, 0, 0)
        for box in (self.building, self.unit, self.room):
            address_row.addWidget(box)
        self._add_row(form, self.tr("Address"), address, "building")
        roles = QWidget()
        roles_row = QHBoxLayout(roles)
        roles_row.setContentsMargins(0, 0, 0, 0)
        for box in (self.is_resident, self.is_member, self.is_volunteer):
            roles_row.addWidget(box)
        roles_row.addStretch()
        self._add_row(form, self.tr("Who"), roles, "roles")
        self._add_row(form, self.tr("Joined the party"), self.party_joined, "party_joined")
        self._add_row(form, self.tr("Party branch"), self.party_branch, "party_branch")
        self._add_row(form, self.tr("Registered with the club"), self.registered_on, "registered_on")
        lunar = QWidget()
        lunar_row = QHBoxLayout(lunar)
        lunar_row.setContentsMargins(0, 0, 0, 0)
        lunar_row.addWidget(self.lunar_birthday, 1)
        lunar_row.addWidget(self.lunar_from_birth)
        self._add_row(form, self.tr("Lunar birthday"), lunar, "lunar_birthday")

        groups = QVBoxLayout()
        for title, boxes, key, columns in ((self.tr("Household situation"), self.situations, "situations", 6),
                                           (self.tr("Talent pool"), self.tags, "tags", 5),
                                           (self.tr("Posts"), self.posts, "posts", 5)):
            group = QGroupBox(title)
            grid = QGridLayout(group)
            for i, box in enumerate(boxes.values()):
                grid.addWidget(box, i // columns, i % columns)
            error = QLabel()
            error.setStyleSheet(_ERROR_STYLE)
            error.hide()
            grid.addWidget(error, grid.rowCount(), 0, 1, columns)
            self._errors[key] = error
            groups.addWidget(group)
        # A volunteer's part in the mutual-aid groups: how many people at once, a pause, a preference.
        self.helping = QGroupBox(self.tr("Helping in mutual-aid groups"))
        self.aid_capacity = QSpinBox()
        self.aid_capacity.setRange(0, 20)
        self.aid_capacity.setValue(2)
        self.aid_capacity.setSuffix(self.tr(" people at most"))
        self.helper_unavailable = QCheckBox(self.tr("Paused: not helping for now"))
        self.same_sex_only = QCheckBox(self.tr("Helps people of the same sex only"))
        helping = QHBoxLayout(self.helping)
        for widget in (self.aid_capacity, self.helper_unavailable, self.same_sex_only):
            helping.addWidget(widget)
        helping.addStretch()
        groups.addWidget(self.helping)
        self.is_volunteer.toggled.connect(self.helping.setEnabled)
        # The duty rota: who takes turns at the desk, their skills for the service projects, when they cannot come.
        self.rota_box = QGroupBox(self.tr("Duty rota"))
        self.on_rota = QCheckBox(self.tr("Takes turns on duty"))
        self.skills = {s: QCheckBox(s) for s in people.SKILLS}
        self.weekdays_off = {d: QCheckBox(label) for d, label in enumerate(
            (self.tr("Mon"), self.tr("Tue"), self.tr("Wed"), self.tr("Thu"), self.tr("Fri"), self.tr("Sat"),
             self.tr("Sun")), start=1)}
        self.rota_max = QSpinBox()
        self.rota_max.setRange(0, 62)
        self.rota_max.setSpecialValueText(self.tr("no limit"))
        self.rota_prefers = QComboBox()
        for code, label in (("", self.tr("any time")), ("morning", self.tr("mornings")), ("afternoon", self.tr("afternoons"))):
            self.rota_prefers.addItem(label, code)
        rota_grid = QGridLayout(self.rota_box)
        rota_grid.addWidget(self.on_rota, 0, 0, 1, 4)
        rota_grid.addWidget(QLabel(self.tr("Skills")), 1, 0)
        skill_row = QHBoxLayout()
        for box in self.skills.values():
            skill_row.addWidget(box)
        skill_row.addStretch()
        rota_grid.addLayout(skill_row, 1, 1, 1, 3)
        rota_grid.addWidget(QLabel(self.tr("Cannot come on")), 2, 0)
        day_row = QHBoxLayout()
        for box in self.weekdays_off.values():
            day_row.addWidget(box)
        day_row.addStretch()
        rota_grid.addLayout(day_row, 2, 1, 1, 3)
        rota_grid.addWidget(QLabel(self.tr("Most shifts a month")), 3, 0)
        rota_grid.addWidget(self.rota_max, 3, 1)
        rota_grid.addWidget(QLabel(self.tr("Prefers")), 3, 2)
        rota_grid.addWidget(self.rota_prefers, 3, 3)
        groups.addWidget(self.rota_box)
        notes_label = QLabel(self.tr("Notes"))
        groups.addWidget(notes_label)
        groups.addWidget(self.notes)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(form)
        layout.addLayout(groups)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from field to field; the area follows the focus

        self.remark = QLabel()
        self.remark.setWordWrap(True)
        self.remark.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll)
        outer.addWidget(self.remark)
        outer.addWidget(buttons)

        self.id_number.textChanged.connect(self._check_id)
        self.phone.editingFinished.connect(lambda: self._check_field("phone", ids.parse_phone, self.phone.text()))
        self.birth_date.editingFinished.connect(
            lambda: self._check_field("birth_date", ids.parse_date, self.birth_date.text()))
        self.party_joined.editingFinished.connect(
            lambda: self._check_field("party_joined", ids.parse_date, self.party_joined.text()))
        self.registered_on.editingFinished.connect(
            lambda: self._check_field("registered_on", ids.parse_date, self.registered_on.text()))
        self.lunar_birthday.editingFinished.connect(
            lambda: self._check_field("lunar_birthday", people.parse_lunar_birthday, self.lunar_birthday.text()))
        self.name.textChanged.connect(lambda: self._show_error("name", None))
        self.is_member.toggled.connect(self._member_toggled)
        self.is_resident.setChecked(True)
        if person:
            self._load(person)
        self.helping.setEnabled(self.is_volunteer.isChecked())
        self._member_toggled(self.is_member.isChecked())
        # Sized by the text, so the form grows with the text-size setting; never beyond the screen (it scrolls).
        em = self.fontMetrics().horizontalAdvance("国")
        self.setMinimumWidth(em * 34)
        screen = self.screen().availableGeometry()
        self.resize(min(em * 40, int(screen.width() * 0.95)), min(em * 38, int(screen.height() * 0.9)))

    def _add_row(self, form: QFormLayout, label: str, widget: QWidget, key: str) -> None:
        error = QLabel()
        error.setWordWrap(True)
        error.hide()
        self._errors[key] = error
        cell = QWidget()
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(error)
        form.addRow(label, cell)

    def _show_error(self, key: str, reason: str | None, ok_text: str | None = None) -> None:
        label = self._errors.get(key)
        if label is None:
            return
        if reason:
            label.setStyleSheet(_ERROR_STYLE)
            label.setText(reason)
            label.show()
        elif ok_text:
            label.setStyleSheet(_OK_STYLE)
            label.setText(ok_text)
            label.show()
        else:
            label.clear()
            label.hide()

    def _check_field(self, key: str, parse, text: str) -> None:
        if not text.strip():
            self._show_error(key, None)
            return
        try:
            parse(text)
        except ValidationError as exc:
            self._show_error(key, exc.reason)
        else:
            self._show_error(key, None)

    def _check_id(self, text: str) -> None:
        """Check the ID as it is typed: quiet while it is still short, then the reason or what it says."""
        compact = ids.normalise(text).replace(" ", "")
        if not compact:
            self._show_error("id_number", None)
            return
        if len(compact) < 15 or 15 < len(compact) < 18:
            self._show_error("id_number", None, self.tr("%1 of 18 characters").replace("%1", str(len(compact))))
            self.id_hint.setStyleSheet("color: #555555;")
            return
        try:
            rid = ids.parse_resident_id(text)
        except ValidationError as exc:
            self._show_error("id_number", exc.reason)
            return
        summary = (self.tr("✓ Old 15-digit ID: born %1, %2") if rid.legacy else self.tr("✓ Born %1, %2"))
        summary = summary.replace("%1", rid.birth_date.isoformat()).replace("%2", rid.sex)
        self._show_error("id_number", None, summary)
        if not self.birth_date.text().strip():
            self.birth_date.setText(rid.birth_date.isoformat())
        if self.sex.currentData() is None:
            self.sex.setCurrentIndex(self.sex.findData(rid.sex))

    def _lunar_from_birth(self) -> None:
        """Fill the lunar birthday from the birth date (or the ID number's), for elders who keep it that way."""
        try:
            birth = ids.parse_date(self.birth_date.text(), field="birth_date")
        except ValidationError:
            self._show_error("lunar_birthday", self.tr("Type the birth date first."))
            return
        _, month, day, leap = calendar_cn.to_lunar(birth)
        self.lunar_birthday.setText(calendar_cn.lunar_date_text(month, day, leap))
        self._show_error("lunar_birthday", None)

    def _member_toggled(self, checked: bool) -> None:
        self.party_joined.setEnabled(checked)
        self.party_branch.setEnabled(checked)

    def _load(self, person: dict) -> None:
        self.name.setText(person["name"])
        # The full number only for a role that may see it (and then the view is recorded); others see it masked
        # and cannot change it, and saving keeps the stored number.
        session = ui_session.current()
        full = people.id_number_for(self._db, person["id"], role=session.role, actor=session.name) \
            if person["id_number"] else ""
        if full is None:
            self._kept_id = person["id_number"]
            self.id_number.blockSignals(True)
            self.id_number.setText(ids.mask_id(person["id_number"]))
            self.id_number.blockSignals(False)
            self.id_number.setReadOnly(True)
            self.id_number.setToolTip(self.tr("Only the director may see or change a full ID number."))
        else:
            self.id_number.setText(full)
        self.sex.setCurrentIndex(max(0, self.sex.findData(person["sex"])))
        self.birth_date.setText(people.birth_text(person))
        self.phone.setText(person["phone"])
        self.building.setText(person["building"])
        self.unit.setText(person["unit"])
        self.room.setText(person["room"])
        self.is_resident.setChecked(bool(person["is_resident"]))
        self.is_member.setChecked(bool(person["is_member"]))
        self.is_volunteer.setChecked(bool(person["is_volunteer"]))
        self.aid_capacity.setValue(person.get("aid_capacity", 2))
        self.helper_unavailable.setChecked(bool(person.get("helper_unavailable")))
        self.same_sex_only.setChecked(bool(person.get("same_sex_only")))
        self.on_rota.setChecked(bool(person.get("on_rota")))
        for skill, box in self.skills.items():
            box.setChecked(skill in person.get("skills", []))
        for day, box in self.weekdays_off.items():
            box.setChecked(day in person.get("rota_weekdays_off", []))
        self.rota_max.setValue(person.get("rota_max_month") or 0)
        self.rota_prefers.setCurrentIndex(max(0, self.rota_prefers.findData(person.get("rota_prefers") or "")))
        self.party_joined.setText(person["party_joined"] or "")
        self.party_branch.setText(person["party_branch"])
        for key, boxes in (("situations", self.situations), ("tags", self.tags), ("posts", self.posts)):
            for item, box in boxes.items():
                box.setChecked(item in person[key])
        self.notes.setPlainText(person["notes"])
        self.registered_on.setText(person.get("registered_on") or "")
        if person.get("lunar_birth_month"):
            self.lunar_birthday.setText(calendar_cn.lunar_date_text(
                person["lunar_birth_month"], person["lunar_birth_day"], bool(person["lunar_birth_leap"])))

    def raw_values(self) -> dict:
        return {
            "name": self.name.text(), "sex": self.sex.currentData(),
            "id_number": self._kept_id if self._kept_id is not None else self.id_number.text(),
            "birth_date": self.birth_date.text(), "phone": self.phone.text(), "building": self.building.text(),
            "unit": self.unit.text(), "room": self.room.text(), "is_resident": self.is_resident.isChecked(),
            "is_member": self.is_member.isChecked(), "is_volunteer": self.is_volunteer.isChecked(),
            "party_joined": self.party_joined.text() if self.is_member.isChecked() else "",
            "party_branch": self.party_branch.text(),
            "situations": [s for s, box in self.situations.items() if box.isChecked()],
            "tags": [t for t, box in self.tags.items() if box.isChecked()],
            "posts": [p for p, box in self.posts.items() if box.isChecked()],
            "notes": self.notes.toPlainText(),
            "registered_on": self.registered_on.text(), "lunar_birthday": self.lunar_birthday.text(),
            "aid_capacity": self.aid_capacity.value(), "helper_unavailable": self.helper_unavailable.isChecked(),
            "same_sex_only": self.same_sex_only.isChecked(), "on_rota": self.on_rota.isChecked(),
            "skills": [s for s, box in self.skills.items() if box.isChecked()],
            "rota_weekdays_off": [d for d, box in self.weekdays_off.items() if box.isChecked()],
            "rota_max_month": self.rota_max.value() or None, "rota_prefers": self.rota_prefers.currentData(),
        }

    def save(self) -> None:
        """Check every field; on errors show each beside its field and keep the dialog open with nothing lost."""
        for key in self._errors:
            self._show_error(key, None)
        raw = self.raw_values()
        if self.person_id is None:
            done = write(self, self._db, lambda db: people.add_person(db, raw, actor=self._actor), form=self)
            if done:
                self.person_id, self.remarks = done.value
        else:
            done = write(self, self._db, lambda db: people.edit_person(db, self.person_id, raw, actor=self._actor),
                         form=self)
            if done:
                self.remarks = done.value
        if done:
            self.accept()

    def show_errors(self, errors: dict[str, str]) -> None:
        """Each reason beside its field (the write path's refusals), the first wrong field focused."""
        for key, reason in errors.items():
            self._show_error(key, reason)
        first = {"name": self.name, "id_number": self.id_number, "sex": self.sex, "birth_date": self.birth_date,
                 "phone": self.phone, "party_joined": self.party_joined, "registered_on": self.registered_on,
                 "lunar_birthday": self.lunar_birthday}.get(next(iter(errors), None))
        if first is not None:
            first.setFocus()
