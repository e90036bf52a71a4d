"""The user guide (使用说明) inside the app, offline: its sections listed on the left, the text with its pictures on
the right, in the window's text size; F1 opens it from anywhere."""

from __future__ import annotations

import re

from PySide6.QtCore import QUrl, Qt
from PySide6.QtGui import QTextCursor, QTextDocument, QTextImageFormat
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QListWidget, QListWidgetItem, QSplitter, QTextBrowser, QVBoxLayout

from app import paths

_HEADING = re.compile(r"^(#{2,3})\s+(.+?)\s*$", re.M)


class GuideDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("User guide"))
        path = paths.guide_file()
        text = path.read_text(encoding="utf-8")
        self.sections = QListWidget()
        self.sections.setObjectName("guideSections")
        self.sections.setWordWrap(True)  # a long heading on two lines, never cut with …
        self.sections.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.text = QTextBrowser()
        self.text.setObjectName("guideText")
        self.text.setOpenExternalLinks(False)
        self.text.setOpenLinks(False)
        self.text.anchorClicked.connect(self._follow)
        document = self.text.document()
        document.setBaseUrl(QUrl.fromLocalFile(str(path)))
        document.setMarkdown(text, QTextDocument.MarkdownFeature.MarkdownDialectGitHub)
        for match in _HEADING.finditer(text):
            item = QListWidgetItem(("    " if len(match.group(1)) == 3 else "") + match.group(2))
            item.setData(Qt.ItemDataRole.UserRole, match.group(2))
            self.sections.addItem(item)
        self.sections.currentItemChanged.connect(lambda item, _old: item and self.go_to(item.data(Qt.ItemDataRole.UserRole)))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.sections)
        splitter.addWidget(self.text)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(1, False)
        em = self.fontMetrics().horizontalAdvance("国")
        splitter.setSizes([em * 12, em * 40])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.resize(em * 60, em * 40)

    def go_to(self, heading: str) -> bool:
        """Show the section whose heading is ``heading`` at the top."""
        found = self.text.document().find(heading)
        while not found.isNull() and not found.block().blockFormat().headingLevel():
            found = self.text.document().find(heading, found)
        if found.isNull():
            return False
        found.clearSelection()
        self.text.setTextCursor(found)
        bar = self.text.verticalScrollBar()
        bar.setValue(bar.maximum())  # from the bottom, so the heading lands at the top
        self.text.ensureCursorVisible()
        return True

    def _follow(self, url: QUrl) -> None:
        """A link of the guide's table of contents (#一找人) goes to that section; another file opens nothing."""
        if url.hasFragment() and not url.path():
            wanted = url.fragment()
            for row in range(self.sections.count()):
                heading = self.sections.item(row).data(Qt.ItemDataRole.UserRole)
                if re.sub(r"[\s、，。：（）「」]", "", heading) == wanted:
                    self.sections.setCurrentRow(row)
                    return

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_pictures()

    def _fit_pictures(self) -> None:
        """Every picture no wider than the text column (the screenshots are wider than a small screen)."""
        room = max(100, self.text.viewport().width() - 24)
        document = self.text.document()
        block = document.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                form = fragment.charFormat()
                if form.isImageFormat():
                    image = form.toImageFormat()
                    natural = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(image.name()))
                    width = natural.width() if hasattr(natural, "width") and natural.width() > 0 else room
                    if image.width() != min(width, room):
                        fitted = QTextImageFormat(image)
                        fitted.setWidth(min(width, room))
                        if width > room and hasattr(natural, "height"):
                            fitted.setHeight(natural.height() * room / width)
                        cursor = QTextCursor(document)
                        cursor.setPosition(fragment.position())
                        cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                        cursor.setCharFormat(fitted)
                it += 1
            block = block.next()
