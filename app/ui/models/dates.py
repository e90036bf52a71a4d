"""Dates as the tables and headings show them: "11月20日", with the year only when it is not this year's."""

from __future__ import annotations

import datetime

from PySide6.QtCore import QCoreApplication


def parse_iso(value) -> datetime.date | None:
    if not value:
        return None
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))


def month_day(day, today: datetime.date | None = None) -> str:
    """A short date: month and day, and the year too when it differs from ``today``'s."""
    day = parse_iso(day)
    if day is None:
        return ""
    today = today or datetime.date.today()
    if day.year == today.year:
        return (QCoreApplication.translate("Dates", "%1/%2")
                .replace("%1", str(day.month)).replace("%2", str(day.day)))
    return (QCoreApplication.translate("Dates", "%1/%2/%3")
            .replace("%1", str(day.year)).replace("%2", str(day.month)).replace("%3", str(day.day)))
