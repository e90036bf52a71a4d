"""Service-hours certificates (志愿服务证明): issuing one for a volunteer and period, and the register to reprint from."""

from __future__ import annotations

import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from app import certificates, timebank
from app.ui.datefield import DateField
from app.ui.dialogs.forms import FormDialog, form_layout, save_buttons, small_text_box
from app.ui.models.listing import ListModel
from app.ui.text import fill
from app.ui.widgets import PersonPicker, ask_pdf_path, list_table, offer_to_open, year_combo


class IssueCertificateDialog(FormDialog):
    """Choose the volunteer and the period; the content and hours come from the ledger. Saving registers the
    certificate under the next number and asks where to put the PDF."""

    def __init__(self, db, actor: str, person_id: int | None = None, parent=None):
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.issued: dict | None = None
        self.setWindowTitle(self.tr("Issue a service certificate"))
        today = datetime.date.today()
        self.person = PersonPicker(db, volunteers=True)
        if person_id is not None:
            self.person.set_person(person_id)
        self.start = DateField(f"{today.year}-01-01")
        self.end = DateField(today.isoformat())
        self.purpose = QLineEdit()
        self.purpose.setPlaceholderText(self.tr("For example: an award nomination, a school application"))
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.content = small_text_box(3)
        self.content.setPlaceholderText(self.tr("Leave empty to use the service recorded in the time bank"))

        form = form_layout()
        self.add_row(form, self.tr("Volunteer"), self.person, "person_id")
        self.add_row(form, self.tr("Service from"), self.start, "period_start")
        self.add_row(form, self.tr("Service until"), self.end, "period_end")
        self.add_row(form, self.tr("Recorded service"), self.preview, None)
        self.add_row(form, self.tr("Content (optional)"), self.content, "content")
        self.add_row(form, self.tr("Purpose"), self.purpose, "purpose")
        self.watch_date(self.start, "period_start")
        self.watch_date(self.end, "period_end")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(save_buttons(self, self.tr("Issue and save the PDF… (Ctrl+Enter)"), self.tr("Cancel")))
        for signal in (self.person.picked, self.start.editingFinished, self.end.editingFinished):
            signal.connect(self._update_preview)
        self._update_preview()
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("国") * 44)

    def _update_preview(self, *_args) -> None:
        person_id = self.person.person_id()
        if person_id is None:
            self.preview.setText(self.tr("Choose a volunteer to see the service recorded."))
            return
        try:
            start = datetime.date.fromisoformat(self.start.text().strip()).isoformat()
            end = datetime.date.fromisoformat(self.end.text().strip()).isoformat()
        except ValueError:
            self.preview.setText(self.tr("Type the dates as 2026-01-31."))
            return
        hours, content = certificates.service_content(self._db, person_id, start, end)
        self.preview.setText(fill(self.tr("%1 hours: %2"), timebank.fmt(hours), content or self.tr("no service")))

    def save(self) -> None:
        if self.person.person_id() is None:
            self.show_errors({"person_id": self.tr("Choose a volunteer from the list.")})
            return
        person_id, start, end = self.person.person_id(), self.start.text(), self.end.text()
        purpose, content = self.purpose.text(), self.content.toPlainText()
        done = self.write(lambda db: certificates.issue(db, person_id, start, end, purpose=purpose, content=content,
                                                        actor=self._actor))
        if not done:
            return
        self.issued = done.value
        self.accept()
        save_certificate_pdf(self.parentWidget() or self, self._db, [self.issued["number"]],
                             f"志愿服务证明-{self.issued['number']}.pdf")


def save_certificate_pdf(parent, db, numbers: list[str], suggested: str) -> None:
    title = parent.tr("Save the certificate")
    path = ask_pdf_path(parent, title, suggested)
    if path is None:
        return
    from app.reports.certificate import save_service_certificates  # reportlab loads when first printed

    save_service_certificates(db, numbers, path)
    offer_to_open(parent, title, path)


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
