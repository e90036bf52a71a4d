"""The yearly awards (年度评选): the ranking with the app's proposal, the director's choice and confirmation, the
award certificates."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QInputDialog, QLabel,
    QMessageBox, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout,
)

from app import awards, timebank
from app.errors import InvalidRecord
from app.ui import session as ui_session
from app.ui.write import write
from app.ui.text import fill
from app.ui.widgets import ask_pdf_path, offer_to_open, year_combo


SHOWN = 100  # candidates listed: far more than any club awards


class AwardsDialog(QDialog):
    def __init__(self, db, actor: str, parent=None):
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._candidates: list[awards.Candidate] = []
        self.setWindowTitle(self.tr("Yearly awards"))
        self.year = year_combo(all_years=False)
        year_label = QLabel(self.tr("Year"))
        year_label.setBuddy(self.year)
        explain = QLabel(self.tr("Score: one point an hour of service in the year, 5 a confirmed activity, 10 a praise, "
                                 "minus 20 a complaint. The proposal: meritorious for long service (the fourth level "
                                 "or more in all), most beautiful for the year's best of the rest. Change any choice "
                                 "before confirming."))
        explain.setWordWrap(True)
        self.table = QTableWidget(0, 8)
        self.table.setObjectName("awardRanking")
        self.table.setHorizontalHeaderLabels([
            self.tr("Volunteer"), self.tr("Hours this year"), self.tr("Hours in all"), self.tr("Activities"),
            self.tr("Praise"), self.tr("Complaints"), self.tr("Score"), self.tr("Award")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # names take the spare width
        self.table.verticalHeader().setDefaultSectionSize(int(self.fontMetrics().height() * 2))
        self.confirmed = QLabel()
        self.confirmed.setWordWrap(True)
        self.confirm_button = QPushButton(self.tr("Confirm the chosen awards"))
        self.print_button = QPushButton(self.tr("Print award certificates…"))
        self.withdraw_button = QPushButton(self.tr("Withdraw an award…"))
        self._may_decide = ui_session.current().can("awards")  # the ranking is for all to see; the choice is the director's
        if not self._may_decide:
            for button in (self.confirm_button, self.withdraw_button):
                button.setToolTip(self.tr("Only the director may do this."))

        top = QHBoxLayout()
        top.addWidget(year_label)
        top.addWidget(self.year)
        top.addStretch()
        buttons = QHBoxLayout()
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addStretch()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(explain)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.confirmed)
        layout.addLayout(buttons)
        layout.addWidget(close)

        self.year.currentIndexChanged.connect(self.refresh)
        self.confirm_button.clicked.connect(self.confirm)
        self.print_button.clicked.connect(self.print_certificates)
        self.withdraw_button.clicked.connect(self.withdraw)
        em = self.fontMetrics().horizontalAdvance("国")
        self.resize(em * 62, em * 40)
        self.refresh()

    def refresh(self) -> None:
        year = self.year.currentData()
        self._candidates = awards.ranking(self._db, year)[:SHOWN]
        self.table.setRowCount(len(self._candidates))
        for row, c in enumerate(self._candidates):
            values = [c.name, timebank.fmt(c.hours), timebank.fmt(c.earned_total), str(c.activities), str(c.praise),
                      str(c.complaints), f"{c.score:g}"]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
            choice = QComboBox()
            choice.addItem(self.tr("—"), None)
            for kind, label in awards.AWARD_KINDS.items():
                if kind in (c.awarded or []):
                    continue
                choice.addItem(label, kind)
            choice.setCurrentIndex(max(0, choice.findData(c.proposed)))
            self.table.setCellWidget(row, 7, choice)
        self._show_confirmed()

    def _show_confirmed(self) -> None:
        year = self.year.currentData()
        made = awards.awards(self._db, year)
        self._confirmed_rows = made
        if made:
            self.confirmed.setText(fill(self.tr("Confirmed for %1: %2"), year, "、".join(
                f"{a['name']}（{a['kind_label']}）" for a in made)))
        else:
            self.confirmed.setText(fill(self.tr("Nothing confirmed for %1 yet."), year))
        self.print_button.setEnabled(bool(made))
        self.withdraw_button.setEnabled(bool(made) and self._may_decide)
        self.confirm_button.setEnabled(self._may_decide)

    def choices(self) -> list[tuple[int, str]]:
        chosen = []
        for row, c in enumerate(self._candidates):
            kind = self.table.cellWidget(row, 7).currentData()
            if kind is not None:
                chosen.append((c.person_id, kind))
        return chosen

    def confirm(self) -> None:
        chosen = self.choices()
        if not chosen:
            QMessageBox.information(self, self.tr("Yearly awards"), self.tr("No award is chosen in the list."))
            return
        names = {c.person_id: c.name for c in self._candidates}
        listing = "、".join(f"{names[pid]}（{awards.AWARD_KINDS[kind]}）" for pid, kind in chosen)
        if QMessageBox.question(self, self.tr("Yearly awards"), fill(self.tr("Confirm these awards for %1? %2"),
                                                                     self.year.currentData(), listing)) \
                != QMessageBox.StandardButton.Yes:
            return
        year = self.year.currentData()
        if write(self, self._db, lambda db: awards.confirm(db, year, chosen, actor=self._actor),
                 title=self.tr("Yearly awards")):
            self.refresh()

    def print_certificates(self) -> None:
        from app.reports.certificate import save_award_certificates  # reportlab loads when first printed

        year = self.year.currentData()
        title = self.tr("Save the award certificates")
        path = ask_pdf_path(self, title, f"荣誉证书-{year}.pdf")
        if path is None:
            return
        try:
            save_award_certificates(self._db, year, path)
        except InvalidRecord as exc:
            QMessageBox.warning(self, title, str(exc))
            return
        offer_to_open(self, title, path)

    def withdraw(self) -> None:
        made = self._confirmed_rows
        if not made:
            return
        labels = [f"{a['name']}（{a['kind_label']}）" for a in made]
        label, ok = QInputDialog.getItem(self, self.tr("Withdraw an award"), self.tr("Award"), labels, 0, False)
        if not ok:
            return
        reason, ok = QInputDialog.getText(self, self.tr("Withdraw an award"), self.tr("Reason"))
        if not ok:
            return
        award_id = made[labels.index(label)]["id"]
        if write(self, self._db, lambda db: awards.withdraw(db, award_id, reason=reason, actor=self._actor),
                 title=self.tr("Withdraw an award")):
            self.refresh()
