"""What the certificate dialogs share: saving certificates from the register as a PDF, where the user chooses."""

from __future__ import annotations

from app.ui.widgets import ask_pdf_path, offer_to_open


def save_certificate_pdf(parent, db, numbers: list[str], suggested: str) -> None:
    title = parent.tr("Save the certificate")
    path = ask_pdf_path(parent, title, suggested)
    if path is None:
        return
    from app.reports.certificate import save_service_certificates  # reportlab loads when first printed

    save_service_certificates(db, numbers, path)
    offer_to_open(parent, title, path)
