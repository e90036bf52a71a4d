"""The roster as rows to export (IDs masked by the writer unless asked, a full-ID export recorded first).

The workbook itself (the export, the empty template) is written by app.reports.roster.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any, Iterator

import sqlite_utils

from app.db import people as people_db
from app.db.access import record_access
from app.db.settings import get_setting
from app.people import birth_text


def _day(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


def export_rows(db: sqlite_utils.Database) -> Iterator[dict[str, Any]]:
    """Every person as a row of the export layout (full ID numbers: the renderer masks them unless asked)."""
    for person in people_db.iter_people(db):
        categories = [word for word, flag in (("党员", "is_member"), ("志愿者", "is_volunteer"),
                                              ("居民", "is_resident")) if person[flag]]
        yield {
            "name": person["name"], "sex": person["sex"] or "", "id_number": person["id_number"],
            "birth_date": birth_text(person) if person["birth_month_only"] else _day(person["birth_date"]), "phone": person["phone"], "building": person["building"],
            "unit": person["unit"], "room": person["room"], "categories": categories,
            "party_joined": _day(person["party_joined"]), "party_branch": person["party_branch"],
            "situations": person["situations"], "tags": person["tags"], "posts": person["posts"],
            "status": person["status"], "status_date": _day(person["status_date"]), "notes": person["notes"],
        }


def club_name(db: sqlite_utils.Database | None) -> str:
    return get_setting(db, "club_name", "") if db is not None else ""


def rows_to_export(db: sqlite_utils.Database, path: str | Path, *, actor: str, full_ids: bool = False
                   ) -> Iterator[dict[str, Any]]:
    """The rows of an export to ``path``; a full-ID export is recorded in the access log before any row is read."""
    if full_ids:
        count = people_db.count_people(db)
        record_access(db, "export_full_ids", f"{Path(path).name}，{count} 人", actor=actor)
    return export_rows(db)
