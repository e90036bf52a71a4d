"""What the mutual-aid group dialogs share: the line saying which group a dialog is about, and a grey note."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app import aid_groups
from app.ui.models.aid import situations_text
from app.ui.models.roster import address_text


def about_group(group: dict) -> QLabel:
    """"黄秀美 · 30号楼 2单元 502室 · 孤寡 · 一对一", then the helpers now: who the dialog is about, in bold."""
    parts = [group["name"], address_text(group), situations_text(group["situations"]),
             aid_groups.MODES.get(group["mode"], group["mode"])]
    label = QLabel(" · ".join(p for p in parts if p))
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet("font-weight: bold;")
    return label


def note(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet("color: #555555;")
    return label
