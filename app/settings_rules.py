"""The club's settings a director may change: their defaults, how each is checked, and saving what changed.

Every setting lives in the database's setting table, so a backup carries it, and is written through the
audited path. Each feature still reads its own key (``visits.setting``, ``aid_groups.must_cover_rules``,
``timebank.levels`` …); this module gathers them for the settings page and the first-run wizard.
"""

from __future__ import annotations

import math
import os
import tempfile
from pathlib import Path
from typing import Any

import sqlite_utils

from app import aid_groups, ids, people, rota, timebank, visits
from app.db.connection import transaction
from app.db.settings import get_setting, set_setting
from app.errors import InvalidRecord, ValidationError
from app.fields import Fields

TEXT_SCALES = (1.0, 1.25, 1.5, 1.75)
LANGUAGES = ("zh_CN", "en")
# Where the club passes its must-reports upward, unless the director names another branch.
DEFAULT_BRANCH = "老年服务部党支部"
BACKUP_FOLDER_NAME = "备份"
# The due list's numbers a director may change, with the range that makes sense for each.
VISIT_NUMBERS = {"elderly_age": (60, 120), "registration_visit_days": (1, 365), "report_overdue_days": (1, 90),
                 "report_visit_days": (1, 90)}
LEVEL_COUNT = 5
MAX_NAME = 40
MAX_VISIT_HOURS = 24
# Must-cover rules are tried in this order; the first that applies is the reason shown for a person.
MUST_COVER_ORDER = tuple(dict.fromkeys([r["situation"] for r in aid_groups.DEFAULT_MUST_COVER] + list(people.SITUATIONS)))
ALWAYS_STORED = ("club_name", "branch_name", "backup_folder")
KEYS = ("club_name", "branch_name", "backup_folder", "text_scale", "language", *VISIT_NUMBERS,
        "aid_must_cover", "timebank_levels", "visit_hours", "desk_open_on_holidays", "idle_lock_minutes")
IDLE_LOCK_MINUTES = (15, 0, 240)  # default, 0 = never, at most four hours: an idle desk locks back to the log-in
DEFAULTS = {"text_scale": 1.0, "language": "zh_CN", "idle_lock_minutes": IDLE_LOCK_MINUTES[0]}


def stored(db: sqlite_utils.Database, key: str) -> Any:
    """A setting as the file holds it, checked before use: a value the settings dialog could not have saved (a
    file changed by hand, ``text_scale`` of "abc") falls back to its default, with a note in the log."""
    value = get_setting(db, key, DEFAULTS.get(key))
    try:
        return clean({key: value})[key]
    except (InvalidRecord, TypeError, ValueError, KeyError):
        import logging

        logging.getLogger(__name__).warning("setting %s = %r is not valid: the default %r is used", key, value,
                                            DEFAULTS.get(key))
        return DEFAULTS.get(key)


def default_backup_folder(db_path: Path | str) -> Path:
    """A 备份 folder beside the database file."""
    return Path(db_path).resolve().parent / BACKUP_FOLDER_NAME


def branch_name(db: sqlite_utils.Database) -> str:
    return get_setting(db, "branch_name") or DEFAULT_BRANCH


def backup_folder(db: sqlite_utils.Database, db_path: Path | str) -> Path:
    """The folder backups go to: the setting, else a 备份 folder beside the database."""
    chosen = get_setting(db, "backup_folder")
    return Path(chosen) if chosen else default_backup_folder(db_path)


def current(db: sqlite_utils.Database, db_path: Path | str) -> dict[str, Any]:
    """Every setting the settings page shows, as stored or by default."""
    values: dict[str, Any] = {
        "club_name": get_setting(db, "club_name", "") or "",
        "branch_name": branch_name(db),
        "backup_folder": str(backup_folder(db, db_path)),
        "text_scale": stored(db, "text_scale"),
        "language": stored(db, "language"),
        "idle_lock_minutes": stored(db, "idle_lock_minutes"),
        "aid_must_cover": aid_groups.must_cover_rules(db),
        "timebank_levels": [[name, hours] for name, hours in timebank.levels(db)],
        "visit_hours": float(get_setting(db, "visit_hours", timebank.DEFAULT_VISIT_HOURS)),
        "desk_open_on_holidays": rota.desk_open_on_holidays(db),
    }
    for key in VISIT_NUMBERS:
        values[key] = int(visits.setting(db, key))
    return values


def check_folder_writable(folder: Path | str) -> Path:
    """Make the folder if it is missing and prove a file can be written there; ValidationError if not."""
    text = str(folder).strip()
    if not text:
        raise ValidationError("请选择备份文件夹", "backup_folder")
    path = Path(text).expanduser()
    if not path.is_absolute():
        raise ValidationError("请选择一个完整的文件夹位置（例如 U 盘上的文件夹）", "backup_folder")
    try:
        path.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(prefix=".write-test-", dir=path)
        os.close(handle)
        os.remove(probe)
    except (OSError, ValueError):  # ValueError: a NUL in the path, which no file system takes
        raise ValidationError("这个文件夹不能写入（U 盘没插好、只读或没有权限），请换一个", "backup_folder") from None
    return path


def _whole(value: Any, key: str, low: int, high: int, f: Fields) -> int | None:
    return f.whole(key, str(value).strip(), low, high, f"请填写 {low} 到 {high} 之间的整数")


def _hours(value: Any) -> float | None:
    try:
        hours = float(str(value).strip())
    except (TypeError, ValueError):
        return None
    return hours if math.isfinite(hours) else None


def clean_levels(rows: list, f: Fields) -> list[list] | None:
    """Five levels, lowest first: each with a name, the hours positive and rising level by level."""
    if not f.rule("timebank_levels", len(rows) == LEVEL_COUNT, f"时间银行应有 {LEVEL_COUNT} 个等级"):
        return None
    out: list[list] = []
    for number, (name, raw_hours) in enumerate(rows, start=1):
        name = ids.free_text(name)
        hours = _hours(raw_hours)
        below = out[-1] if out else None
        if not f.first("timebank_levels",
                       (not name, f"第 {number} 级还没有名称"),
                       (len(name) > 8, f"第 {number} 级的名称太长（最多 8 个字）"),
                       (name in (n for n, _ in out), f"第 {number} 级的名称“{name}”和前面的重复了"),
                       (hours is None, f"第 {number} 级的小时数应是数字"),
                       (hours is not None and hours <= 0, f"第 {number} 级的小时数应大于 0"),
                       (below and hours is not None and hours <= below[1],
                        f"第 {number} 级（{name}）的小时数应比第 {number - 1} 级（{below and below[0]}）多"),
                       (hours is not None and hours > 100000, f"第 {number} 级的小时数太大")):
            return None
        out.append([name, round(hours, 2)])
    return out


def clean_must_cover(rules: list[dict], f: Fields) -> list[dict] | None:
    """Household situations everyone in which must be covered by a mutual-aid group, each from an optional age."""
    by_situation: dict[str, dict] = {}
    for rule in rules:
        situation = rule.get("situation")
        if not f.rule("aid_must_cover", situation in people.SITUATIONS, f"没有“{situation}”这种家庭情况"):
            return None
        min_age = rule.get("min_age")
        if min_age in (None, "", 0):
            by_situation[situation] = {"situation": situation}
            continue
        age = _whole(min_age, "aid_must_cover", 1, 120, f)
        if not f.rule("aid_must_cover", age is not None, f"“{situation}”的起始年龄应在 1 到 120 岁之间"):
            return None
        by_situation[situation] = {"situation": situation, "min_age": age}
    return [by_situation[s] for s in MUST_COVER_ORDER if s in by_situation]


def clean(raw: dict[str, Any]) -> dict[str, Any]:
    """Check the keys given; returns them cleaned, or raises InvalidRecord with a Chinese reason per key.

    The backup folder is only checked for its form here; ``save`` proves it writable when it changes.
    """
    f = Fields()
    out: dict[str, Any] = {}
    for key in ("club_name", "branch_name"):
        if key in raw:
            text = " ".join(ids.free_text(raw[key]).split())
            if f.first(key, (not text, "请填写服务社的名称" if key == "club_name" else "请填写上级党支部的名称"),
                       (len(text) > MAX_NAME, f"名称太长（最多 {MAX_NAME} 个字）")):
                out[key] = text
    if "backup_folder" in raw:
        text = str(raw["backup_folder"] or "").strip()
        if f.first("backup_folder", (not text, "请选择备份文件夹"),
                   (text and not Path(text).expanduser().is_absolute(), "请选择一个完整的文件夹位置（例如 U 盘上的文件夹）")):
            out["backup_folder"] = str(Path(text).expanduser())
    if "text_scale" in raw:
        scale = _hours(raw["text_scale"])
        match = next((s for s in TEXT_SCALES if scale is not None and abs(s - scale) < 0.01), None)
        if f.rule("text_scale", match is not None, "请从列表里选择文字大小"):
            out["text_scale"] = match
    if "language" in raw and f.rule("language", raw["language"] in LANGUAGES, "请从列表里选择语言"):
        out["language"] = raw["language"]
    for key, (low, high) in VISIT_NUMBERS.items():
        if key in raw:
            number = _whole(raw[key], key, low, high, f)
            if number is not None:
                out[key] = number
    if "aid_must_cover" in raw:
        rules = clean_must_cover(list(raw["aid_must_cover"] or []), f)
        if rules is not None:
            out["aid_must_cover"] = rules
    if "timebank_levels" in raw:
        found = clean_levels(list(raw["timebank_levels"] or []), f)
        if found is not None:
            out["timebank_levels"] = found
    if "visit_hours" in raw:
        hours = _hours(raw["visit_hours"])
        if f.rule("visit_hours", hours is not None and 0 < hours <= MAX_VISIT_HOURS,
                  f"每次走访计入的小时数应大于 0、不超过 {MAX_VISIT_HOURS}"):
            out["visit_hours"] = round(hours, 2)
    if "desk_open_on_holidays" in raw:
        out["desk_open_on_holidays"] = bool(raw["desk_open_on_holidays"])
    if "idle_lock_minutes" in raw:
        number = _whole(raw["idle_lock_minutes"], "idle_lock_minutes", *IDLE_LOCK_MINUTES[1:], f)
        if number is not None:
            out["idle_lock_minutes"] = number
    unknown = set(raw) - set(KEYS)
    if unknown:
        raise ValueError(f"not settings: {sorted(unknown)}")
    f.raise_if_any()
    return out


def save(db: sqlite_utils.Database, db_path: Path | str, raw: dict[str, Any], *, actor: str) -> list[str]:
    """Check ``raw`` and store the settings that differ from what is in force; returns the keys written.

    Nothing is written when anything is wrong. A changed backup folder is made if missing and must be writable.
    """
    values = clean(raw)
    before = current(db, db_path)
    # A default left as it is stays a default (a later release may improve it); the names and the backup folder
    # are always stored, since other programs and the backup read them from the file.
    changed = [key for key, value in values.items()
               if value != before.get(key) or (key in ALWAYS_STORED and get_setting(db, key) is None)]
    if "backup_folder" in changed:
        try:
            check_folder_writable(values["backup_folder"])
        except ValidationError as exc:
            raise InvalidRecord({"backup_folder": exc.reason}) from None
    with transaction(db):
        for key in changed:
            set_setting(db, key, values[key], actor=actor)
    return changed
