"""Write one good-news item for the month's bulletin (好人好事): a title, a few sentences and an optional photo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFileDialog, QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app import good_news
from app.errors import InvalidRecord
from app.ui.dialogs.forms import FormDialog, form_layout, save_buttons, small_text_box
from app.ui.text import fill


class GoodNewsDialog(FormDialog):
    """Write one good-news item: a title, a few sentences and an optional photo (``item`` fills the form with one
    written before, for its correction: app.ui.dialogs.good_news_correction)."""

    def __init__(self, db, actor: str, month: str, item: good_news.GoodNews | None = None, parent=None):
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._month = month
        self._item = item
        self.item_id: int | None = item.id if item else None
        self._photo: bytes | None = item.photo if item else None
        self._photo_name = item.photo_name if item else ""
        self._photo_changed = False
        self.setWindowTitle(self.tr("Add a good-news item"))

        self.title = QLineEdit(item.title if item else "")
        self.title.setMaxLength(good_news.MAX_TITLE)
        self.title.setPlaceholderText(self.tr("e.g. Free haircuts brought to the buildings"))
        self.body = small_text_box(6)
        self.body.setPlainText(item.body if item else "")
        self.photo_preview = QLabel()
        self.photo_preview.setObjectName("goodNewsPhoto")
        self.photo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo_preview.setFrameShape(QFrame.Shape.StyledPanel)
        em = self.fontMetrics().horizontalAdvance("国")
        self.photo_preview.setFixedSize(em * 16, em * 11)
        self.choose_photo = QPushButton(self.tr("Choose a photo…"))
        self.drop_photo = QPushButton(self.tr("Remove the photo"))
        photo_buttons = QVBoxLayout()
        photo_buttons.addWidget(self.choose_photo)
        photo_buttons.addWidget(self.drop_photo)
        photo_buttons.addStretch()
        photo_row = QWidget()
        row = QHBoxLayout(photo_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.photo_preview)
        row.addLayout(photo_buttons)
        row.addStretch()

        form = form_layout()
        self.add_row(form, self.tr("Title"), self.title, "title")
        self.add_row(form, self.tr("What happened"), self.body, "body")
        self.add_row(form, self.tr("Photo (optional)"), photo_row, "photo")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(save_buttons(self, self.tr("Save (Ctrl+Enter)"), self.tr("Cancel")))
        self.choose_photo.clicked.connect(self.pick_photo)
        self.drop_photo.clicked.connect(self.remove_photo)
        self._show_photo()
        self.title.setFocus()
        self.setMinimumWidth(em * 46)

    def _show_photo(self) -> None:
        self.drop_photo.setEnabled(self._photo is not None)
        if self._photo is None:
            self.photo_preview.setPixmap(QPixmap())
            self.photo_preview.setText(self.tr("No photo"))
            return
        picture = QPixmap()
        picture.loadFromData(self._photo)
        self.photo_preview.setPixmap(picture.scaled(self.photo_preview.size() - QSize(8, 8),
                                                    Qt.AspectRatioMode.KeepAspectRatio,
                                                    Qt.TransformationMode.SmoothTransformation))

    def set_photo_file(self, path: Path) -> bool:
        """Take the photo from ``path``; a file that is not a usable picture is refused beside the field."""
        try:
            data = Path(path).read_bytes()
        except OSError:
            self.show_error("photo", fill(self.tr("Cannot read the file %1."), Path(path).name))
            return False
        try:
            self._photo, self._photo_name = good_news.prepare_photo(data, Path(path).name)
        except InvalidRecord as exc:
            self.show_error("photo", exc.errors.get("photo", str(exc)))
            return False
        self._photo_changed = True
        self.show_error("photo", None)
        self._show_photo()
        return True

    def pick_photo(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a photo"), str(Path.home()),
                                                self.tr("Photos (*.jpg *.jpeg *.png)"))
        if chosen:
            self.set_photo_file(Path(chosen))

    def remove_photo(self) -> None:
        self._photo, self._photo_name, self._photo_changed = None, "", True
        self._show_photo()

    def save(self) -> None:
        title, body, photo, photo_name = self.title.text(), self.body.toPlainText(), self._photo, self._photo_name
        done = self.write(lambda db: good_news.add_item(db, self._month, title=title, body=body, photo=photo,
                                                        photo_name=photo_name, actor=self._actor),
                          said=lambda item_id: good_news.describe_item(self._db, item_id), undo=True)
        if done:
            self.item_id = done.value
            self.accept()
