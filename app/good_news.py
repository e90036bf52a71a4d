"""The bulletin's good-news items (好人好事): what the director writes for a month, checked, with an optional photo.

A photo is checked to be a picture, turned upright (phones store the turn in EXIF) and made no larger than a
printed bulletin needs, so the database and the PDF stay small whatever camera took it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from app.db import good_news as news_db
from app.db.connection import transaction
from app.errors import InvalidRecord, NotFound, ValidationError
from app.fields import Fields
from app.rota import month_bounds

MAX_TITLE = 40
MAX_BODY = 1500
MAX_PHOTO_BYTES = 20 * 1024 * 1024  # what is accepted from a file; it is stored much smaller
PHOTO_LONG_SIDE = 1600  # pixels: sharp at 12 cm wide on paper
KEEP = object()  # edit_item: leave the photo as it is


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
        raise NotFound(f"没有编号为 {item_id} 的好人好事") from None
    if row["removed_at"]:
        raise NotFound("这条好人好事已经删除了")
    return row


def edit_item(db: sqlite_utils.Database, item_id: int, *, title: str, body: str = "", photo: Any = KEEP,
              photo_name: str = "", actor: str) -> dict:
    """Change an item's text, and its photo unless ``photo`` is KEEP (None takes the photo away)."""
    _live(db, item_id)
    changes: dict[str, Any] = _checked(title, body)
    if photo is None:
        changes.update(photo=None, photo_name="")
    elif photo is not KEEP:
        changes["photo"], changes["photo_name"] = prepare_photo(photo, photo_name)
    return news_db.update_item(db, int(item_id), changes, actor=actor)


def remove_item(db: sqlite_utils.Database, item_id: int, *, actor: str) -> None:
    """Take an item out of the bulletin (the row stays, stamped, for the audit trail)."""
    _live(db, item_id)
    news_db.remove_item(db, int(item_id), actor=actor)


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
