"""Issue a service-hours certificate (开具志愿服务证明) for a volunteer and period: the hours and content come from the
ledger; saving registers it under the next number and saves its PDF."""

from __future__ import annotations

import datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout

from app import certificates, timebank
from app.ui.datefield import DateField
from app.ui.dialogs.certificate_parts import save_certificate_pdf
from app.ui.dialogs.forms import FormDialog, form_layout, save_buttons, small_text_box
from app.ui.text import fill
from app.ui.widgets import PersonPicker


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
        self._fit_preview()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self._fit_preview)  # once the form has laid out the preview at its real width

    def _fit_preview(self) -> None:
        """Room for every line of the recorded service: the form's own estimate of a wrapped label's height falls a
        line short when the list of services is long, and the last line was cut off."""
        if self.isVisible():
            self.preview.setMinimumHeight(self.preview.heightForWidth(self.preview.width()))

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
