"""The register of service certificates issued (证明登记簿), a year at a time: a chosen one is printed again, a new
one issued."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from app import certificates, timebank
from app.ui.dialogs.certificate import IssueCertificateDialog
from app.ui.dialogs.certificate_parts import save_certificate_pdf
from app.ui.models.listing import ListModel
from app.ui.widgets import list_table, year_combo


REGISTER_COLUMNS = (
    ("number", QT_TRANSLATE_NOOP("CertificateModel", "Number")),
    ("issued_on", QT_TRANSLATE_NOOP("CertificateModel", "Issued on")),
    ("name", QT_TRANSLATE_NOOP("CertificateModel", "Volunteer")),
    ("hours", QT_TRANSLATE_NOOP("CertificateModel", "Hours")),
    ("period", QT_TRANSLATE_NOOP("CertificateModel", "Period")),
    ("purpose", QT_TRANSLATE_NOOP("CertificateModel", "Purpose")),
    ("issued_by", QT_TRANSLATE_NOOP("CertificateModel", "Issued by")),
)


class CertificateModel(ListModel):
    COLUMNS = REGISTER_COLUMNS

    def text(self, key: str, row: dict) -> str:
        if key == "hours":
            return timebank.fmt(row["hours"])
        if key == "period":
            return f"{row['period_start']} — {row['period_end']}"
        return str(row[key] or "")


class CertificateRegisterDialog(QDialog):
    """The register of certificates issued (证明登记簿), a year at a time; a chosen one can be printed again."""

    def __init__(self, db, actor: str, parent=None):
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.setWindowTitle(self.tr("Certificates register"))
        self.year = year_combo()
        self.count = QLabel()
        self.model = CertificateModel(self)
        self.table = list_table(self.model, "certificateTable")
        self.issue_button = QPushButton(self.tr("Issue a certificate…"))
        self.reprint_button = QPushButton(self.tr("Print again…"))
        self.reprint_button.setEnabled(False)
        top = QHBoxLayout()
        label = QLabel(self.tr("Year"))
        label.setBuddy(self.year)
        top.addWidget(label)
        top.addWidget(self.year)
        top.addWidget(self.count)
        top.addStretch()
        top.addWidget(self.issue_button)
        top.addWidget(self.reprint_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(close)
        self.year.currentIndexChanged.connect(self.refresh)
        self.issue_button.clicked.connect(self.issue)
        self.reprint_button.clicked.connect(self.reprint)
        self.table.activated.connect(lambda _index: self.reprint())
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self.reprint_button.setEnabled(current.isValid()))
        self.refresh()
        em = self.fontMetrics().horizontalAdvance("国")
        self.resize(em * 64, em * 30)

    def refresh(self) -> None:
        rows = certificates.register(self._db, self.year.currentData())
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self.count.setText(self.tr("%n certificates", "", len(rows)))
        self.reprint_button.setEnabled(False)

    def selected(self) -> dict | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def issue(self) -> None:
        if IssueCertificateDialog(self._db, self._actor, parent=self).exec():
            self.refresh()

    def reprint(self) -> None:
        row = self.selected()
        if row is not None:
            save_certificate_pdf(self, self._db, [row["number"]], f"志愿服务证明-{row['number']}.pdf")
