"""The time bank page (时间银行): every volunteer's balance and level, the chosen one's statement, and the writes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QLineEdit, QMessageBox, QPushButton, QTableView, QVBoxLayout, QWidget

from app import timebank

from app.ui import session as ui_session
from app.ui.dialogs.awards import AwardsDialog
from app.ui.dialogs.note_feedback import FeedbackDialog
from app.ui.dialogs.hours_correction import EntryCorrectionDialog
from app.ui.dialogs.feedback import FeedbackListDialog
from app.ui.dialogs.certificate import IssueCertificateDialog
from app.ui.dialogs.certificate_register import CertificateRegisterDialog
from app.ui.dialogs.credit_hours import DepositDialog
from app.ui.dialogs.exchange_reward import ExchangeDialog
from app.ui.dialogs.reverse_entry import CorrectDialog
from app.ui.dialogs.rewards_catalogue import RewardsDialog
from app.ui.dialogs.withdraw_hours import WithdrawDialog
from app.ui.models.timebank import EntryModel, StatementModel, statement_row
from app.db.changes import Register
from app.ui.pages.register import RegisterPage
from app.ui.write import write
from app.ui.widgets import ask_pdf_path, list_table, offer_to_open
from app.ui.text import fill


def _fit_to_contents(table: QTableView) -> QTableView:
    """Columns as wide as their contents, the last taking the rest; rows 1.8 lines tall."""
    table.verticalHeader().setDefaultSectionSize(int(table.fontMetrics().height() * 1.8))
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


class TimeBankPage(RegisterPage):
    KEY = "timebank"
    FOLLOWS = (Register.TIMEBANK, Register.PERSON, Register.VISIT, Register.ROTA, Register.ACTIVITY, Register.SETTING)
    TABLE_NAME = "timebankTable"

    def __init__(self, db, reader, actor: str, parent=None):
        super().__init__(db, reader, actor, StatementModel(), parent)
        _fit_to_contents(self.table)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Type part of a name"))
        search_label = QLabel(self.tr("Find"))
        search_label.setBuddy(self.search)
        self.credit_button = QPushButton(self.tr("Credit from visits and shifts"))
        self.rewards_button = QPushButton(self.tr("Rewards catalogue…"))
        self.register_button = QPushButton(self.tr("Certificates register…"))
        self.awards_button = QPushButton(self.tr("Yearly awards…"))

        self.entries = EntryModel(self)
        self.entry_table = _fit_to_contents(list_table(self.entries, "timebankEntries"))
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold;")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.next_level = QLabel()
        self.next_level.setTextFormat(Qt.TextFormat.PlainText)
        panel = QWidget()
        panel_layout = QVBoxLayout(panel)
        panel_layout.setContentsMargins(0, 0, 0, 0)
        panel_layout.addWidget(self.title)
        panel_layout.addWidget(self.next_level)
        panel_layout.addWidget(self.entry_table, 1)

        self.deposit_button = QPushButton(self.tr("Credit hours…"))
        self.withdraw_button = QPushButton(self.tr("Withdraw hours…"))
        self.exchange_button = QPushButton(self.tr("Exchange for a reward…"))
        self.amend_button = QPushButton(self.tr("Correct…"))
        self.correct_button = QPushButton(self.tr("Void…"))
        self.correct_button.setObjectName("reverseButton")
        self.print_button = QPushButton(self.tr("Print the statement…"))
        self.certificate_button = QPushButton(self.tr("Issue a certificate…"))
        self.feedback_button = QPushButton(self.tr("Feedback…"))
        # The buttons wrap onto a second line at large text rather than widen the window.
        self.arrange([search_label, self.search, self.count, None, self.credit_button, self.rewards_button,
                      self.register_button, self.awards_button], panel,
                     [self.deposit_button, self.withdraw_button, self.exchange_button, self.amend_button,
                      self.correct_button, None,
                      self.print_button, self.certificate_button, self.feedback_button], side_by_side=True, wrap=True)

        self.search.textChanged.connect(self.relist)
        self.entry_table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.table.activated.connect(lambda _index: self.deposit())
        self.deposit_button.clicked.connect(self.deposit)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.exchange_button.clicked.connect(self.exchange)
        self.correct_button.clicked.connect(self.correct)
        self.amend_button.clicked.connect(self.amend)
        self.rewards_button.clicked.connect(self.show_rewards)
        self.register_button.clicked.connect(self.show_certificates)
        self.awards_button.clicked.connect(self.show_awards)
        self.print_button.clicked.connect(self.print_statement)
        self.certificate_button.clicked.connect(self.issue_certificate)
        self.feedback_button.clicked.connect(self.show_feedback)
        self.credit_button.clicked.connect(self.credit_visits_and_shifts)
        self.start()

    # -- loading
    def query(self):
        # Most hours earned first: the levels a director looks at lead; the search box finds anyone by name.
        return lambda db: ([statement_row(s) for s in sorted(timebank.summaries(db), key=lambda s: -s.earned_total)],
                           timebank.uncredited(db))

    def rows_of(self, result) -> list[dict]:
        text = self.search.text().strip()
        return [row for row in result[0] if text in row["name"]] if text else result[0]

    def count_text(self, rows, _result) -> str:
        return self.tr("%n volunteers", "", len(rows))

    def read(self, result) -> None:
        waiting = result[1]
        # The button says when visits and shifts are waiting to be credited, so nobody forgets to press it.
        self.credit_button.setText(fill(self.tr("Credit from visits and shifts (%1 waiting)"), waiting) if waiting
                                   else self.tr("Credit from visits and shifts"))
        self.credit_button.setEnabled(bool(waiting))

    # -- the chosen volunteer

    def selected_entry(self) -> dict | None:
        index = self.entry_table.selectionModel().currentIndex()
        return self.entries.row_at(index.row()) if index.isValid() else None

    def _show_selected(self, person: dict | None) -> None:
        if person is None:
            self.title.setText(self.tr("Statement"))
            self.next_level.setText(self.tr("Choose a volunteer in the list to see their statement here."))
            self.entries.set_rows([])
            self._update_buttons()
            return
        statement = timebank.statement(self._db, person["id"])
        self.title.setText(fill(self.tr("%1: balance %2 hours, earned %3 hours"), statement.name,
                                timebank.fmt(statement.balance), timebank.fmt(statement.earned_total)))
        upcoming = timebank.next_level(statement.earned_total, timebank.levels(self._db))
        if upcoming is None:
            self.next_level.setText(self.tr("At the highest level."))
        else:
            self.next_level.setText(fill(self.tr("%1 more hours to become %2"), timebank.fmt(upcoming[1]), upcoming[0]))
        self.entries.set_rows(timebank.entry_rows(self._db, person["id"]))  # newest first, reversed ones marked
        self._update_buttons()

    def _update_corrections(self, _person: dict | None) -> None:
        self._update_buttons()  # the entries' 更正… and 作废… follow the chosen entry and the session

    def _update_buttons(self) -> None:
        self.print_button.setEnabled(self.chosen.row_id is not None)
        self.feedback_button.setEnabled(self.chosen.row_id is not None)
        entry, by = self.selected_entry(), ui_session.current()
        for button, refusal in ((self.correct_button, timebank.void_refusal),
                                (self.amend_button, timebank.amend_refusal)):
            why = None if entry is None else refusal(entry, by)
            button.setEnabled(entry is not None and why is None)
            button.setToolTip(why or "")

    # -- the writes
    def deposit(self) -> None:
        dialog = DepositDialog(self._db, self._actor, self.chosen.row_id, parent=self)
        if dialog.exec():
            self._select_after(dialog.person.person_id())

    def withdraw(self) -> None:
        dialog = WithdrawDialog(self._db, self._actor, self.chosen.row_id, parent=self)
        if dialog.exec():
            self._select_after(dialog.person.person_id())

    def exchange(self) -> None:
        dialog = ExchangeDialog(self._db, self._actor, self.chosen.row_id, parent=self)
        if dialog.exec():
            self._select_after(dialog.person.person_id())

    def correct(self) -> None:
        entry = self.selected_entry()
        if entry is not None and self.correct_button.isEnabled():
            CorrectDialog(self._db, self._actor, entry, parent=self).exec()

    def amend(self) -> None:
        entry = self.selected_entry()
        if entry is not None and self.amend_button.isEnabled():
            EntryCorrectionDialog(self._db, ui_session.current(), entry, parent=self).exec()

    def show_rewards(self) -> None:
        RewardsDialog(self._db, self._actor, parent=self).exec()

    def print_statement(self) -> None:
        person = self.chosen.row()
        if person is None:
            return
        title = self.tr("Save the statement")
        path = ask_pdf_path(self, title, f"时长明细-{person['name']}.pdf")
        if path is None:
            return
        from app.reports.statement import save_statement  # reportlab loads when first printed

        save_statement(self._db, person["id"], path)
        offer_to_open(self, title, path)

    def issue_certificate(self) -> None:
        IssueCertificateDialog(self._db, self._actor, self.chosen.row_id, parent=self).exec()

    def show_certificates(self) -> None:
        CertificateRegisterDialog(self._db, self._actor, parent=self).exec()

    def show_awards(self) -> None:
        AwardsDialog(self._db, self._actor, parent=self).exec()

    def note_feedback(self) -> None:
        FeedbackDialog(self._db, self._actor, self.chosen.row_id, parent=self).exec()

    def show_feedback(self) -> None:
        """The chosen volunteer's praise and complaints, where a new one is noted and a wrong one corrected."""
        if self.chosen.row_id is not None:
            FeedbackListDialog(self._db, self._actor, self.chosen.row_id, parent=self).exec()

    def credit_visits_and_shifts(self) -> None:
        done = write(self, self._db, lambda db: timebank.credit_visits_and_shifts(db, actor=self._actor),
                     title=self.tr("Time bank"))
        if not done:
            return
        count = self.last_credited = done.value
        QMessageBox.information(self, self.tr("Time bank"), self.tr("Credited %n entries", "", count))

    def _select_after(self, person_id: int | None) -> None:
        if person_id is not None:
            self.chosen.row_id = person_id

