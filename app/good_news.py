"""The bulletin's good-news items (好人好事): what the director writes for a month, checked, with an optional photo.

An item is corrected with a reason (the earlier wording stays in its history) or voided (taken out of the bulletin,
kept in the file, marked 已作废), like an entry of every other register (app.corrections).

A photo is checked to be a picture, turned upright (phones store the turn in EXIF) and made no larger than a
printed bulletin needs, so the database and the PDF stay small whatever camera took it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from app import corrections
from app.accounts import Session
from app.db import corrections as corrections_db
from app.db import good_news as news_db
from app.db.connection import transaction
from app.errors import InvalidRecord, NotFound, ValidationError
from app.fields import Fields
from app.rota import month_bounds

MAX_TITLE = 40
MAX_BODY = 1500
MAX_PHOTO_BYTES = 20 * 1024 * 1024  # what is accepted from a file; it is stored much smaller
PHOTO_LONG_SIDE = 1600  # pixels: sharp at 12 cm wide on paper
KEEP = object()  # correct_item: leave the photo as it is


@dataclass(frozen=True)
class GoodNews:
    id: int
    month: str
    title: str
    body: str
    photo: bytes | None
    photo_name: str


def _month(month: str) -> str:
    try:
        month_bounds(month)
    except ValidationError as exc:
        raise InvalidRecord({"month": exc.reason}) from None
    return month


def prepare_photo(data: bytes, name: str = "") -> tuple[bytes, str]:
    """A photo as stored: checked to be a JPEG or PNG picture, upright, at most PHOTO_LONG_SIDE pixels long.

    Raises InvalidRecord({"photo": reason}) for anything that is not a readable picture.
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    if not data:
        raise InvalidRecord({"photo": "照片文件是空的"})
    if len(data) > MAX_PHOTO_BYTES:
        raise InvalidRecord({"photo": f"照片太大（{len(data) // (1024 * 1024)} MB），请选 20 MB 以内的照片"})
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind = probe.format
            probe.verify()
        if kind not in ("JPEG", "PNG"):
            raise InvalidRecord({"photo": "请选择 JPG 或 PNG 格式的照片"})
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            upright = ImageOps.exif_transpose(image)
            changed = upright is not image
            if max(upright.size) > PHOTO_LONG_SIDE:
                upright.thumbnail((PHOTO_LONG_SIDE, PHOTO_LONG_SIDE))
                changed = True
            if not changed and len(data) <= 1024 * 1024:
                return data, name
            out = io.BytesIO()
            if kind == "JPEG" or upright.mode not in ("RGBA", "LA", "P"):
                upright.convert("RGB").save(out, "JPEG", quality=85)
                stem = name.rsplit(".", 1)[0] if name else "photo"
                name = f"{stem}.jpg"
            else:
                upright.save(out, "PNG", optimize=True)
            return out.getvalue(), name
    except InvalidRecord:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise InvalidRecord({"photo": "这不是能打开的照片（请选 JPG 或 PNG 格式）"}) from None


def _checked(title: Any, body: Any) -> dict[str, str]:
    title = " ".join(str(title or "").split())
    body = str(body or "").replace("\r\n", "\n").strip()
    f = Fields()
    f.first("title", (not title, "请填写标题"), (len(title) > MAX_TITLE, f"标题最多 {MAX_TITLE} 个字（现在 {len(title)} 个）"))
    f.rule("body", len(body) <= MAX_BODY, f"内容最多 {MAX_BODY} 个字（现在 {len(body)} 个）")
    f.raise_if_any()
    return {"title": title, "body": body}


def _item(row: dict[str, Any]) -> GoodNews:
    return GoodNews(row["id"], row["month"], row["title"], row["body"], row["photo"], row["photo_name"])


def list_items(db: sqlite_utils.Database, month: str) -> list[GoodNews]:
    """The month's items in the director's order."""
    return [_item(row) for row in news_db.items(db, _month(month))]


def add_item(db: sqlite_utils.Database, month: str, *, title: str, body: str = "", photo: bytes | None = None,
             photo_name: str = "", actor: str) -> int:
    """Add an item at the end of the month's list; returns its id. Raises InvalidRecord."""
    values = {"month": _month(month), **_checked(title, body), "photo": None, "photo_name": ""}
    if photo is not None:
        values["photo"], values["photo_name"] = prepare_photo(photo, photo_name)
    values["sort"] = news_db.next_sort(db, values["month"])
    return news_db.insert_item(db, values, actor=actor)


def _live(db: sqlite_utils.Database, item_id: int) -> dict[str, Any]:
    try:
        row = news_db.get_item(db, int(item_id))
    except (NotFound, TypeError, ValueError):
        raise InvalidRecord({"item_id": f"没有编号为 {item_id} 的好人好事"}) from None
    corrections.check_not_void(row, "好人好事")
    return row


ITEM_FIELDS = {"title": "标题", "body": "内容", "photo_name": "照片"}


def _to_change(db: sqlite_utils.Database, item_id: int, by: Session, today) -> dict[str, Any]:
    row = _live(db, item_id)
    corrections.check_allowed(by, corrections_db.inserted_by(db, "bulletin_item", row["id"]), today)
    return row


def correct_item(db: sqlite_utils.Database, item_id: int, *, title: str, body: str = "", photo: Any = KEEP,
                 photo_name: str = "", reason: Any, by: Session, today=None) -> dict:
    """Correct an item's text, and its photo unless ``photo`` is KEEP (None takes the photo away); the earlier
    wording stays in its history with the reason. Returns the changed columns."""
    errors: dict[str, str] = {}
    try:
        reason = corrections.reason_of(reason)
    except InvalidRecord as exc:
        errors.update(exc.errors)
    row = _to_change(db, item_id, by, today)
    try:
        changes: dict[str, Any] = _checked(title, body)
        if photo is None:
            changes.update(photo=None, photo_name="")
        elif photo is not KEEP:
            changes["photo"], changes["photo_name"] = prepare_photo(photo, photo_name)
    except InvalidRecord as exc:
        errors.update(exc.errors)
    if errors:
        raise InvalidRecord(errors)
    # The history names the photo; a different picture under the same name says so.
    old = {"title": row["title"], "body": row["body"], "photo_name": (row["photo_name"] or "照片") if row["photo"] else ""}
    new = {"title": changes["title"], "body": changes["body"], "photo_name": old["photo_name"]}
    if "photo" in changes:
        new["photo_name"] = (changes["photo_name"] or "照片") if changes["photo"] else ""
        if changes["photo"] and row["photo"] and changes["photo"] != row["photo"] \
                and new["photo_name"] == old["photo_name"]:
            new["photo_name"] += "（换了照片）"
    before, after = corrections.changed(old, new)
    with transaction(db):
        news_db.update_item(db, row["id"], {**changes, "state": "corrected"}, actor=by.name)
        corrections.record(db, "bulletin_item", row["id"], "correct", reason, before, after, by=by)
    return after


def void_item(db: sqlite_utils.Database, item_id: int, *, reason: Any, by: Session, today=None) -> None:
    """Take an item out of the bulletin: kept, stamped and marked 已作废, with the reason."""
    reason = corrections.reason_of(reason)
    row = _to_change(db, item_id, by, today)
    with transaction(db):
        news_db.remove_item(db, row["id"], actor=by.name)
        corrections.record(db, "bulletin_item", row["id"], "void", reason, {}, {}, by=by)


def may_change_item(db: sqlite_utils.Database, item_id: int, by: Session, today=None) -> str | None:
    return corrections.refusal(by, corrections_db.inserted_by(db, "bulletin_item", int(item_id)), today)


def describe_item(db: sqlite_utils.Database, item_id: int) -> str:
    """"好人好事“义务理发进楼栋”"."""
    return f"好人好事“{news_db.get_item(db, int(item_id))['title']}”"


def item_history(db: sqlite_utils.Database, item_id: int) -> list[corrections.Step]:
    def show(key: str, value: Any) -> str:
        if key == "photo_name":
            return value or "（无照片）"
        return corrections.blank(value)

    return corrections.history(db, "bulletin_item", item_id, ITEM_FIELDS, show)


def move_item(db: sqlite_utils.Database, item_id: int, step: int, *, actor: str) -> bool:
    """Move an item one place up (step -1) or down (+1) in its month's list; False when it is already at that end."""
    row = _live(db, item_id)
    order = [r["id"] for r in news_db.items(db, row["month"])]
    at = order.index(row["id"])
    to = at + (1 if step > 0 else -1)
    if not 0 <= to < len(order):
        return False
    order[at], order[to] = order[to], order[at]
    with transaction(db):
        for sort, other in enumerate(order, start=1):
            news_db.update_item(db, other, {"sort": sort}, actor=actor)
    return True
