"""The visit log's table model (走访记录): rows from ``app.visits.list_visits``, newest first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

from app.ui.models.dates import month_day
from app.ui.models.listing import ListModel

COLUMNS = (
    ("visit_date", QT_TRANSLATE_NOOP("VisitModel", "Date")),
    ("name", QT_TRANSLATE_NOOP("VisitModel", "Person visited")),
    ("kind", QT_TRANSLATE_NOOP("VisitModel", "Kind")),
    ("visitors", QT_TRANSLATE_NOOP("VisitModel", "Visited by")),
    ("done", QT_TRANSLATE_NOOP("VisitModel", "What was done")),
    ("follow_up_on", QT_TRANSLATE_NOOP("VisitModel", "Follow-up on")),
)


class VisitModel(ListModel):
    COLUMNS = COLUMNS
    STATE_COLUMN = "kind"

    def visit(self, row: int) -> dict | None:
        return self.row_at(row)

    def cell(self, key: str, row: dict, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and key == "done" and row.get("notes"):
            return "\n".join(part for part in (row["done"], row["notes"]) if part)
        return super().cell(key, row, role)

    def text(self, key: str, row: dict) -> str:
        """What the column ``key`` shows for ``row`` (the page sizes its columns by it)."""
        if key in ("visit_date", "follow_up_on"):
            return month_day(row[key], self._today)
        if key == "kind":
            return row["kind_label"]
        if key == "visitors":
            return "、".join(row["visitors"])
        if key == "done":
            return row["done"] or row.get("notes") or ""
        return row[key] or ""
