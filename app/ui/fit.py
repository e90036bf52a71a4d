"""Finding text a widget is too small to show: labels and buttons narrower (or, wrapped, shorter) than they need.

Used by the tests at large text sizes and by tools/screenshots.py --scale, so a clipped word is found by a
check rather than by an elderly volunteer squinting at "保存（Ctrl+回".
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QStyle, QStyleOptionComboBox, QWidget


def cut_off_text(root: QWidget) -> list[str]:
    """A line for each visible label or button under ``root`` whose text does not fit it."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
            if widget.wordWrap():
                if widget.height() < widget.heightForWidth(widget.width()):
                    found.append(f"wrapped label {widget.height()} < {widget.heightForWidth(widget.width())} high: "
                                 f"{widget.text()[:40]}")
            elif widget.width() < widget.sizeHint().width() - 1:
                found.append(f"label {widget.width()} < {widget.sizeHint().width()} wide: {widget.text()[:40]}")
        elif isinstance(widget, QAbstractButton) and widget.text() and widget.width() < widget.sizeHint().width() - 1:
            found.append(f"button {widget.width()} < {widget.sizeHint().width()} wide: {widget.text()}")
        elif isinstance(widget, QComboBox) and not widget.isEditable():
            text = widget.currentText() or widget.placeholderText()
            room = _combo_text_room(widget)
            if text and widget.fontMetrics().horizontalAdvance(text) > room:
                found.append(f"list box {room} < {widget.fontMetrics().horizontalAdvance(text)} wide: {text}")
    return found


def _combo_text_room(combo: QComboBox) -> int:
    """The width the style leaves for a combo box's text, beside its arrow and frame."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    return combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                        QStyle.SubControl.SC_ComboBoxEditField, combo).width()
