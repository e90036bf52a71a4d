"""The feedback table model (群众评价): one volunteer's praise and complaints, newest first (app.awards.feedback_of)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from app.ui.models.dates import month_day
from app.ui.models.listing import ListModel


class FeedbackModel(ListModel):
    COLUMNS = (
        ("on_date", QT_TRANSLATE_NOOP("FeedbackModel", "Date")),
        ("kind", QT_TRANSLATE_NOOP("FeedbackModel", "Kind")),
        ("given_by", QT_TRANSLATE_NOOP("FeedbackModel", "From")),
        ("note", QT_TRANSLATE_NOOP("FeedbackModel", "What was said")),
    )
    STATE_COLUMN = "kind"

    def text(self, key: str, row: dict) -> str:
        if key == "on_date":
            return month_day(row["on_date"], self._today)
        if key == "kind":
            return row["kind_label"]
        return row[key] or ""
