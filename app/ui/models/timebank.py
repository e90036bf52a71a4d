"""The time bank tables (时间银行): volunteers' balances, one person's ledger entries, and the rewards catalogue."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

from app import timebank
from app.ui.models.listing import ListModel

SPENT_COLOR = "#8b0000"  # hours going out

KIND_LABELS = {
    "deposit": QT_TRANSLATE_NOOP("TimeBank", "Deposit"),
    "withdrawal": QT_TRANSLATE_NOOP("TimeBank", "Withdrawal"),
    "exchange": QT_TRANSLATE_NOOP("TimeBank", "Exchange"),
    "correction": QT_TRANSLATE_NOOP("TimeBank", "Reversal"),
}


def kind_label(kind: str) -> str:
    return QCoreApplication.translate("TimeBank", KIND_LABELS[kind]) if kind in KIND_LABELS else kind


def signed(hours: float) -> str:
    """"+3", "−1.5": the sign says which way the hours went."""
    return ("+" if hours > 0 else "−" if hours < 0 else "") + timebank.fmt(abs(hours))


def statement_row(s: timebank.Summary | timebank.Statement) -> dict:
    return {"id": s.person_id, "name": s.name, "level": s.level, "balance": s.balance,
            "earned_total": s.earned_total, "hours_this_year": s.hours_this_year}


class StatementModel(ListModel):
    """One row per volunteer: name, level, balance, hours earned in all and this year."""

    COLUMNS = (
        ("name", QT_TRANSLATE_NOOP("StatementModel", "Name")),
        ("level", QT_TRANSLATE_NOOP("StatementModel", "Level")),
        ("balance", QT_TRANSLATE_NOOP("StatementModel", "Balance")),
        ("earned_total", QT_TRANSLATE_NOOP("StatementModel", "Earned")),
        ("hours_this_year", QT_TRANSLATE_NOOP("StatementModel", "This year")),
    )

    def cell(self, key: str, row: dict, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and key not in ("name", "level"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().cell(key, row, role)

    def text(self, key: str, row: dict) -> str:
        if key == "name":
            return row["name"]
        if key == "level":
            return row["level"] or "—"
        return timebank.fmt(row[key])


class EntryModel(ListModel):
    """One person's ledger, newest first: rows {id, date, kind, hours, source, note, state} (app.timebank.entry_rows;
    a reversed entry is void)."""

    STATE_COLUMN = "kind"

    COLUMNS = (
        ("date", QT_TRANSLATE_NOOP("EntryModel", "Date")),
        ("kind", QT_TRANSLATE_NOOP("EntryModel", "Kind")),
        ("hours", QT_TRANSLATE_NOOP("EntryModel", "Hours")),
        ("source", QT_TRANSLATE_NOOP("EntryModel", "Source")),
        ("note", QT_TRANSLATE_NOOP("EntryModel", "Note")),
    )

    def cell(self, key: str, row: dict, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and key == "hours" and row["hours"] < 0:
            return QBrush(QColor(SPENT_COLOR))
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "hours":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().cell(key, row, role)

    def text(self, key: str, row: dict) -> str:
        if key == "kind":
            return kind_label(row["kind"])
        if key == "hours":
            return signed(row["hours"])
        if key == "source":
            return timebank.SOURCES.get(row["source"], row["source"] or "")
        return row[key] or ""


class RewardModel(ListModel):
    """The rewards catalogue: name, hours it costs, how many are left."""

    COLUMNS = (
        ("name", QT_TRANSLATE_NOOP("RewardModel", "Reward")),
        ("hours", QT_TRANSLATE_NOOP("RewardModel", "Hours")),
        ("stock", QT_TRANSLATE_NOOP("RewardModel", "In stock")),
    )

    def cell(self, key: str, row: dict, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and key == "stock" and row["stock"] <= 0:
            return QBrush(QColor(SPENT_COLOR))
        return super().cell(key, row, role)

    def text(self, key: str, row: dict) -> str:
        if key == "hours":
            return timebank.fmt(row["hours"])
        if key == "stock":
            return str(row["stock"])
        return row["name"]
