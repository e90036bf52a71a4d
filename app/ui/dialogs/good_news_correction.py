"""Correct a good-news item (更正好人好事): its form filled with it, and the reason; the earlier wording stays in its
history."""

from __future__ import annotations

from app import good_news
from app.accounts import Session
from app.ui.dialogs.correction_parts import add_reason, correcting
from app.ui.dialogs.good_news import GoodNewsDialog


class GoodNewsCorrectionDialog(GoodNewsDialog):
    """A good-news item's correction: its form filled with it, and the reason (the earlier wording stays in its
    history)."""

    def __init__(self, db, by: Session, month: str, item: good_news.GoodNews, parent=None):
        super().__init__(db, by.name, month, item, parent)
        self._by = by
        self.reason = add_reason(self)
        correcting(self, self.tr("Correct a good-news item"))

    def save(self) -> None:
        title, body, by, reason = self.title.text(), self.body.toPlainText(), self._by, self.reason.text()
        photo = self._photo if self._photo_changed else good_news.KEEP
        item_id, photo_name = self._item.id, self._photo_name
        if self.write(lambda db: good_news.correct_item(db, item_id, title=title, body=body, photo=photo,
                                                       photo_name=photo_name, reason=reason, by=by),
                      said=lambda _changed: good_news.describe_item(self._db, item_id), verb="correct"):
            self.accept()
