"""The first-run wizard (首次使用): the club's name and branch, where backups go, and whether to practise first.

Nothing is stored until 完成 is pressed, so quitting half-way leaves a fresh file and the wizard comes back.
The pages are kept by id with gaps between them, so a page can be put in between later. The director's account
page makes the first account, and the wizard hands its session to the window: no second log-in on the first day.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QLineEdit, QRadioButton, QVBoxLayout, QWizard, QWizardPage

from app import accounts, settings_rules
from app.errors import InvalidRecord, ValidationError
from app.ui.dialogs.forms import ERROR_STYLE, OK_STYLE, form_layout
from app.ui.dialogs.forms import KeepsTyping
from app.ui.dialogs.settings import FolderField
from app.ui.write import write

CLUB_PAGE = 10
ACCOUNT_PAGE = 20
RECOVERY_PAGE = 25
BACKUP_PAGE = 30
PRACTICE_PAGE = 40


class WizardStep(QWizardPage):
    """A page of the first-run wizard.

    ``values()`` are the settings the page collects (checked with ``settings_rules``); ``apply(db, actor)`` runs
    after every page's settings are stored, in page order, for work that is not a setting (an account, say).
    ``check()`` returns False, with the reason shown on the page, to keep the user on it.
    """

    def __init__(self, wizard: "FirstRunWizard"):
        super().__init__()
        self.db = wizard.db
        self.db_path = wizard.db_path
        self._reasons: dict[str, QLabel] = {}

    def values(self) -> dict:
        return {}

    def check(self) -> bool:
        return True

    def apply(self, db, actor: str) -> None:
        pass

    def validatePage(self) -> bool:
        return self.check()

    def intro(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        return label

    def reason_label(self, key: str) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setStyleSheet(ERROR_STYLE)
        label.hide()
        self._reasons[key] = label
        return label

    def show_reasons(self, errors: dict[str, str]) -> bool:
        """Each reason beside its field; True when there were none."""
        for key, label in self._reasons.items():
            label.setStyleSheet(ERROR_STYLE)
            label.setText(errors.get(key, ""))
            label.setVisible(key in errors)
        return not errors

    def clean_values(self) -> bool:
        try:
            settings_rules.clean(self.values())
        except InvalidRecord as exc:
            return self.show_reasons(exc.errors)
        return self.show_reasons({})


class ClubPage(WizardStep):
    def __init__(self, wizard: "FirstRunWizard"):
        super().__init__(wizard)
        self.setTitle(self.tr("Welcome to the club workbench"))
        self.club_name = QLineEdit()
        self.club_name.setPlaceholderText(self.tr("e.g. Shengbei Party Member Service Club"))
        self.branch_name = QLineEdit(settings_rules.branch_name(self.db))
        form = form_layout()
        form.addRow(self.tr("Club name"), self.club_name)
        form.addRow("", self.reason_label("club_name"))
        form.addRow(self.tr("Party branch"), self.branch_name)
        form.addRow("", self.reason_label("branch_name"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro(self.tr(
            "A few questions before the first start; each can be changed later under Settings. What is your club "
            "called, and which party branch does it report to?")))
        layout.addLayout(form)
        layout.addStretch()
        self.club_name.textEdited.connect(lambda: self.show_reasons({}))

    def values(self) -> dict:
        return {"club_name": self.club_name.text(), "branch_name": self.branch_name.text()}

    def check(self) -> bool:
        ok = self.clean_values()
        if not ok:
            (self.club_name if not self.club_name.text().strip() else self.branch_name).setFocus()
        return ok


class AccountPage(WizardStep):
    """The director's own account: nobody can use the program without one. Skipped when the file has accounts."""

    def __init__(self, wizard: "FirstRunWizard"):
        super().__init__(wizard)
        self.wizard_ = wizard
        self.setTitle(self.tr("The director's account"))
        self.name = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        form = form_layout()
        form.addRow(self.tr("Your name"), self.name)
        form.addRow("", self.reason_label("name"))
        form.addRow(self.tr("Password"), self.password)
        form.addRow("", self.reason_label("password"))
        form.addRow(self.tr("Password again"), self.again)
        form.addRow("", self.reason_label("again"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro(self.tr(
            "You, the director, may do everything. You add the duty volunteers' accounts afterwards under "
            "Settings; they look people up and record visits, reports and services, and see ID numbers masked. "
            "Keep your password somewhere safe: a forgotten one can only be reset by whoever looks after this "
            "computer, or by a second director account.")))
        layout.addLayout(form)
        layout.addStretch()
        for box in (self.name, self.password, self.again):
            box.textEdited.connect(lambda: self.show_reasons({}))

    def check(self) -> bool:
        errors: dict[str, str] = {}
        if not self.name.text().strip():
            errors["name"] = self.tr("Type your name.")
        problem = accounts.password_problem(self.password.text(), "director", name=self.name.text().strip())
        if problem:
            errors["password"] = problem
        elif self.password.text() != self.again.text():
            errors["again"] = self.tr("The two passwords differ.")
        return self.show_reasons(errors)

    def apply(self, db, actor: str) -> None:
        name = self.name.text().strip()
        account_id = accounts.create_account(db, name, "director", self.password.text(), actor=name)
        self.wizard_.session = accounts.Session(account_id, name, "director")


class RecoveryPage(WizardStep):
    """The recovery code, shown once: it opens the club's data when the director's password is forgotten or the
    club moves to a new computer. Set when the wizard finishes, after the director's account is made."""

    def __init__(self, wizard: "FirstRunWizard"):
        super().__init__(wizard)
        from PySide6.QtWidgets import QCheckBox

        from app.db import keyfile

        self.code = keyfile.new_recovery_code()
        self.setTitle(self.tr("The recovery code"))
        shown = QLabel(self.code)
        shown.setObjectName("recoveryCode")
        font = shown.font()
        font.setFamily("monospace")
        font.setPointSizeF(font.pointSizeF() * 1.5)
        shown.setFont(font)
        shown.setTextInteractionFlags(shown.textInteractionFlags() | shown.textInteractionFlags().TextSelectableByMouse)
        self.kept = QCheckBox(self.tr("I have written the code down (or printed it) and will keep it safe"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro(self.tr(
            "The club's data is encrypted: only the accounts' passwords open it. This recovery code opens it too, "
            "when the director's password is forgotten or the club moves to a new computer. It is shown only now: "
            "write it down, and keep the paper in the office safe, not beside the computer.")))
        layout.addWidget(shown)
        layout.addWidget(self.kept)
        layout.addWidget(self.reason_label("kept"))
        layout.addStretch()

    def check(self) -> bool:
        if not self.kept.isChecked():
            return self.show_reasons({"kept": self.tr("Write the code down first: it is not shown again.")})
        return self.show_reasons({})

    def apply(self, db, actor: str) -> None:
        from app.db import backup, keyfile

        if getattr(db, "key", None) is None:
            return
        keyfile.set_recovery(db.path, db.key, self.code)
        keyfile.write_recovery_file(db.path, db.key, backup.usable_folder(db.conn, db.path)[0])


class BackupPage(WizardStep):
    def __init__(self, wizard: "FirstRunWizard"):
        super().__init__(wizard)
        self.setTitle(self.tr("Where should backups go?"))
        self.folder = FolderField(self.tr("Choose the backup folder"))
        self.folder.line.setText(str(settings_rules.default_backup_folder(self.db_path)))
        self.folder.chosen.connect(lambda _text: self.check())
        self.folder.line.textEdited.connect(lambda: self.show_reasons({}))
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro(self.tr(
            "The program copies the club's file to this folder. A folder on a USB stick is safest: the copy "
            "survives if this computer breaks. Keep the suggested folder if you are not sure.")))
        layout.addWidget(self.folder)
        layout.addWidget(self.reason_label("backup_folder"))
        layout.addStretch()

    def values(self) -> dict:
        return {"backup_folder": self.folder.line.text()}

    def check(self) -> bool:
        try:
            settings_rules.check_folder_writable(self.folder.line.text())
        except ValidationError as exc:
            self.folder.line.setFocus()
            return self.show_reasons({"backup_folder": exc.reason})
        self.show_reasons({})
        label = self._reasons["backup_folder"]
        label.setStyleSheet(OK_STYLE)
        label.setText(self.tr("✓ Backups can be written to this folder"))
        label.show()
        return True


class PracticePage(WizardStep):
    def __init__(self, wizard: "FirstRunWizard"):
        super().__init__(wizard)
        self.setTitle(self.tr("Start with your own club, or practise first?"))
        self.own = QRadioButton(self.tr("Start keeping our club's ledgers"))
        self.practice = QRadioButton(self.tr("Practise first on a demo club"))
        self.own.setChecked(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.own)
        layout.addWidget(self.practice)
        layout.addWidget(self.intro(self.tr(
            "The demo club is a separate file with made-up people, marked 【演示】 in the title bar: practise "
            "freely, nothing reaches your club's ledgers. The next time the program starts it opens your own "
            "club.")))
        layout.addStretch()


def page_classes() -> list[tuple[int, type[WizardStep]]]:
    """The wizard's pages by id, in order. The director's account page goes in here as ACCOUNT_PAGE."""
    return [(CLUB_PAGE, ClubPage), (ACCOUNT_PAGE, AccountPage), (RECOVERY_PAGE, RecoveryPage),
            (BACKUP_PAGE, BackupPage), (PRACTICE_PAGE, PracticePage)]


class FirstRunWizard(KeepsTyping, QWizard):
    """Shown while the database has no club name. After ``exec()`` returns Accepted the settings are stored;
    ``practise()`` says whether the user chose to open the demo club."""

    def __init__(self, db, db_path: Path | str, actor: str, parent=None):
        super().__init__(parent)
        self.db = db
        self.db_path = Path(db_path)
        self.actor = actor
        self.setWindowTitle(self.tr("First start"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        for button, text in ((QWizard.WizardButton.NextButton, self.tr("Next >")),
                             (QWizard.WizardButton.BackButton, self.tr("< Back")),
                             (QWizard.WizardButton.FinishButton, self.tr("Start")),
                             (QWizard.WizardButton.CancelButton, self.tr("Quit"))):
            self.setButtonText(button, text)
        self.session: accounts.Session | None = None  # the director, once the account page has made them
        for page_id, page_class in page_classes():
            if page_class is AccountPage and accounts.has_accounts(db):
                continue  # a file that already has accounts (the director set up the club, then cleared its name)
            if page_class is RecoveryPage and (getattr(db, "key", None) is None or accounts.has_recovery_code(db.path)):
                continue
            self.setPage(page_id, page_class(self))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self.page(PRACTICE_PAGE).layout().addWidget(self.error)
        em = self.fontMetrics().horizontalAdvance("国")
        self.setMinimumWidth(em * 40)
        self.resize(max(em * 40, self.sizeHint().width()), max(em * 17, self.sizeHint().height()))

    def steps(self) -> list[WizardStep]:
        return [self.page(page_id) for page_id in self.pageIds()]

    def practise(self) -> bool:
        return self.page(PRACTICE_PAGE).practice.isChecked()

    def accept(self) -> None:
        """Store every page's settings at once, then let each page do its own work; any problem keeps it open."""
        values: dict = {}
        for step in self.steps():
            values.update(step.values())
        def store(db) -> None:
            settings_rules.save(db, self.db_path, values, actor=self.actor)
            for step in self.steps():
                step.apply(db, self.actor)

        if write(self, self.db, store, form=self):
            super().accept()

    def show_errors(self, errors: dict[str, str]) -> None:
        self.error.setText("；".join(errors.values()))
        self.error.show()


def run_first_run(db, db_path: Path | str, actor: str) -> tuple[str, accounts.Session | None] | None:
    """Show the wizard; ("own" or "practise", the director's session if the wizard made the account) once the
    settings are stored, None when the user quit."""
    wizard = FirstRunWizard(db, db_path, actor)
    if not wizard.exec():
        return None
    return ("practise" if wizard.practise() else "own"), wizard.session
