"""设置: every setting a director may change, in one dialog; bad values are explained beside their field and kept."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication, QCheckBox, QComboBox, QDoubleSpinBox, QFileDialog, QGridLayout, QHBoxLayout, QLabel, QLineEdit,
    QMessageBox, QPushButton, QScrollArea, QSizePolicy, QSpinBox, QTabWidget, QVBoxLayout, QWidget,
)

from app import settings_rules
from app.errors import ValidationError
from app.ui.look import apply_text_scale
from app.ui.dialogs.forms import FormDialog, form_layout, save_buttons

# Which pages must read again after a setting changed: the table each one listens for.
def note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #555555;")
    return label


class FolderField(QWidget):
    """A folder typed or chosen with 选择…; ``line`` holds the path; ``chosen`` is emitted after a choice."""

    chosen = Signal(str)

    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self._title = title
        self.line = QLineEdit()
        self.choose = QPushButton(self.tr("Choose…"))
        self.choose.setAutoDefault(False)
        self.choose.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.choose.clicked.connect(self._choose)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line, 1)
        row.addWidget(self.choose)
        self.setFocusProxy(self.line)

    def _choose(self) -> None:
        start = self.line.text().strip() or str(Path.home())
        chosen = QFileDialog.getExistingDirectory(self, self._title, start)
        if chosen:
            self.line.setText(str(Path(chosen)))
            self.chosen.emit(self.line.text())


class SettingsDialog(FormDialog):
    """The settings page; after saving, ``changed`` lists the keys written."""

    def __init__(self, db, db_path: Path | str, actor: str, parent=None):
        super().__init__(parent)
        self._db = db
        self._db_path = Path(db_path)
        self._actor = actor
        self.changed: list[str] = []
        self.setWindowTitle(self.tr("Settings"))
        values = settings_rules.current(db, self._db_path)
        self.tabs = QTabWidget()

        # The club: its name, the branch it reports to, where backups go.
        self.club_name = QLineEdit(values["club_name"])
        self.branch_name = QLineEdit(values["branch_name"])
        self.backup = FolderField(self.tr("Choose the backup folder"))
        self.backup.line.setText(values["backup_folder"])
        self.backup.chosen.connect(self._check_folder)
        form = form_layout()
        self.add_row(form, self.tr("Club name"), self.club_name, "club_name")
        self.add_row(form, self.tr("Party branch reported to"), self.branch_name, "branch_name")
        self.add_row(form, self.tr("Backup folder"), self.backup, "backup_folder")
        self._tab(self.tr("Club"), form, note(self.tr(
            "Must-reports are passed to this party branch unless you type another. A USB stick is a good place for "
            "backups: the copy survives if this computer breaks.")))

        # What the screen looks like.
        self.text_scale = QComboBox()
        for scale in settings_rules.TEXT_SCALES:
            self.text_scale.addItem(f"{round(scale * 100)}%", scale)
        self.text_scale.setCurrentIndex(self.text_scale.findData(values["text_scale"]))
        self.language = QComboBox()
        for code, label in (("zh_CN", "简体中文"), ("en", "English")):
            self.language.addItem(label, code)
        self.language.setCurrentIndex(self.language.findData(values["language"]))
        self.idle_lock = QSpinBox()
        low, high = settings_rules.IDLE_LOCK_MINUTES[1:]
        self.idle_lock.setRange(low, high)
        self.idle_lock.setValue(values["idle_lock_minutes"])
        self.idle_lock.setSuffix(self.tr(" minutes"))
        self.idle_lock.setSpecialValueText(self.tr("never"))
        form = form_layout()
        self.add_row(form, self.tr("Text size"), self.text_scale, "text_scale")
        self.add_row(form, self.tr("Language"), self.language, "language")
        self.add_row(form, self.tr("Lock an idle desk after"), self.idle_lock, "idle_lock_minutes")
        self._tab(self.tr("Display"), form, note(self.tr(
            "A new language is used from the next start of the program. A desk nobody has touched for the time set "
            "locks back to the log-in, so people's details are not left on the screen.")))

        # The due list's numbers.
        self.numbers: dict[str, QSpinBox] = {}
        form = form_layout()
        for key, label, suffix in (
                ("elderly_age", self.tr("Elderly members are aged"), self.tr(" and over")),
                ("registration_visit_days", self.tr("Registration visit within"), self.tr(" days")),
                ("report_visit_days", self.tr("Hospital or special visit after"), self.tr(" days")),
                ("report_overdue_days", self.tr("Must-report overdue after"), self.tr(" days"))):
            low, high = settings_rules.VISIT_NUMBERS[key]
            box = QSpinBox()
            box.setRange(low, high)
            box.setValue(values[key])
            box.setSuffix(suffix)
            self.numbers[key] = box
            self.add_row(form, label, box, key)
        self._tab(self.tr("Visits"), form, note(self.tr(
            "Elderly members get festival and birthday greetings on the to-do list. A registration visit is due "
            "after a member registers with the club; a hospital or special visit after a serious-illness or "
            "emergency must-report.")))

        # Who must be covered by a mutual-aid group.
        rules = {rule["situation"]: rule.get("min_age") for rule in values["aid_must_cover"]}
        self.cover: dict[str, tuple[QCheckBox, QSpinBox]] = {}
        grid_widget = QWidget()
        grid = QGridLayout(grid_widget)
        grid.setContentsMargins(0, 0, 0, 0)
        for row, situation in enumerate(settings_rules.MUST_COVER_ORDER):
            box = QCheckBox(situation)
            box.setChecked(situation in rules)
            age = QSpinBox()
            age.setRange(0, 120)
            age.setSpecialValueText(self.tr("any age"))
            age.setPrefix(self.tr("from age "))
            age.setValue(rules.get(situation) or 0)
            age.setEnabled(box.isChecked())
            box.toggled.connect(age.setEnabled)
            grid.addWidget(box, row, 0)
            grid.addWidget(age, row, 1)
            self.cover[situation] = (box, age)
        grid.setColumnStretch(2, 1)
        form = form_layout()
        self.add_row(form, self.tr("Must be covered"), grid_widget, "aid_must_cover")
        self._tab(self.tr("Mutual aid"), form, note(self.tr(
            "Everyone in a ticked household situation must have a mutual-aid group; the mutual-aid page lists "
            "whoever has none. An age limits a situation to people of that age and over.")))

        # The time bank's levels and what a visit counts.
        levels_widget = QWidget()
        levels = QGridLayout(levels_widget)
        levels.setContentsMargins(0, 0, 0, 0)
        levels.addWidget(QLabel(self.tr("Level")), 0, 0)
        levels.addWidget(QLabel(self.tr("Hours earned")), 0, 1)
        self.levels: list[tuple[QLineEdit, QLineEdit]] = []
        for row, (name, hours) in enumerate(values["timebank_levels"], start=1):
            name_box = QLineEdit(name)
            hours_box = QLineEdit(f"{hours:g}")
            hours_box.setAlignment(Qt.AlignmentFlag.AlignRight)
            levels.addWidget(name_box, row, 0)
            levels.addWidget(hours_box, row, 1)
            self.levels.append((name_box, hours_box))
        self.visit_hours = QDoubleSpinBox()
        self.visit_hours.setRange(0, settings_rules.MAX_VISIT_HOURS)
        self.visit_hours.setDecimals(2)
        self.visit_hours.setSingleStep(0.5)
        self.visit_hours.setSuffix(self.tr(" hours"))
        self.visit_hours.setValue(values["visit_hours"])
        form = form_layout()
        self.add_row(form, self.tr("Levels, lowest first"), levels_widget, "timebank_levels")
        self.add_row(form, self.tr("A visit counts"), self.visit_hours, "visit_hours")
        self._tab(self.tr("Time bank"), form, note(self.tr(
            "A volunteer reaches a level when the hours earned reach its number; spending hours never lowers a "
            "level. Each visitor is credited the hours a visit counts.")))

        # The duty desk.
        self.desk_open = QCheckBox(self.tr("The duty desk opens as usual on days off"))
        self.desk_open.setChecked(values["desk_open_on_holidays"])
        form = form_layout()
        self.add_row(form, self.tr("Days off"), self.desk_open, "desk_open_on_holidays")
        self._tab(self.tr("Duty rota"), form, note(self.tr(
            "The rota plans desk shifts on official days off only when this is ticked.")))

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(save_buttons(self, self.tr("Save (Ctrl+Enter)"), self.tr("Cancel")))
        em = self.fontMetrics().horizontalAdvance("国")
        self.setMinimumWidth(em * 40)
        screen = self.screen().availableGeometry()
        self.resize(min(max(em * 46, self.sizeHint().width()), int(screen.width() * 0.95)),
                    min(max(em * 30, self.sizeHint().height()), int(screen.height() * 0.9)))
        self.club_name.setFocus()

    def _tab(self, title: str, form, explanation: QLabel) -> None:
        page = QWidget()
        column = QVBoxLayout(page)
        column.addLayout(form)
        column.addWidget(explanation)
        column.addStretch()
        scroll = QScrollArea()  # at the largest text a tab may need more height than the screen has
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(page)
        self.tabs.addTab(scroll, title)

    def _check_folder(self, text: str) -> None:
        """Say at once whether a chosen folder takes backups (a read-only USB stick, say)."""
        try:
            settings_rules.check_folder_writable(text)
        except ValidationError as exc:
            self.show_error("backup_folder", exc.reason)
        else:
            self.show_error("backup_folder", None, self.tr("✓ Backups can be written to this folder"))

    def raw_values(self) -> dict:
        values = {"club_name": self.club_name.text(), "branch_name": self.branch_name.text(),
                  "backup_folder": self.backup.line.text(), "text_scale": self.text_scale.currentData(),
                  "language": self.language.currentData(), "visit_hours": self.visit_hours.value(),
                  "desk_open_on_holidays": self.desk_open.isChecked(),
                  "idle_lock_minutes": self.idle_lock.value(),
                  "timebank_levels": [[name.text(), hours.text()] for name, hours in self.levels],
                  "aid_must_cover": [{"situation": situation, "min_age": age.value() or None}
                                     for situation, (box, age) in self.cover.items() if box.isChecked()]}
        values.update({key: box.value() for key, box in self.numbers.items()})
        return values

    def show_errors(self, errors: dict[str, str]) -> None:
        """As every form does, and first bring forward the tab holding the first wrong field."""
        for key, widget in self._fields.items():
            if key in errors:
                for index in range(self.tabs.count()):
                    if self.tabs.widget(index).isAncestorOf(widget):
                        self.tabs.setCurrentIndex(index)
                        break
                break
        super().show_errors(errors)

    def save(self) -> None:
        raw = self.raw_values()
        done = self.write(lambda db: settings_rules.save(db, self._db_path, raw, actor=self._actor))
        if not done:
            return
        self.changed = done.value  # every page that shows a figure these settings decide follows Register.SETTING
        if "text_scale" in self.changed:
            apply_text_scale(QApplication.instance(), raw["text_scale"])
        if "language" in self.changed:
            QMessageBox.information(self, self.tr("Language"),
                                    self.tr("The new language is used from the next start of the program."))
        self.accept()
