"""A row of buttons and filters that wraps onto a second line when the window is too narrow for it.

At the larger text sizes a page's row of buttons can be wider than an office screen; a plain QHBoxLayout then
makes the whole window wider than the screen and the right-hand buttons fall off it. ``FlowRow`` keeps each
item at its natural width, wraps where it must, gives spare width on a line to expanding items (a search box)
and to stretches (``addStretch`` pushes what follows to the right, as in a QHBoxLayout).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QSpacerItem, QStyle, QWidget


class FlowRow(QLayout):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setContentsMargins(0, 0, 0, 0)

    # -- building, as with QHBoxLayout
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def addStretch(self) -> None:
        self.addItem(QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum))

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    # -- sizes
    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        """All on one line when there is room."""
        visible = [i for i in self._items if not i.isEmpty()]
        width = sum(i.sizeHint().width() for i in visible) + self._gap() * max(0, len(visible) - 1)
        height = max((i.sizeHint().height() for i in visible), default=0)
        margins = self.contentsMargins()
        return QSize(width + margins.left() + margins.right(), height + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:
        """As narrow as the widest single item: the rest wraps."""
        size = QSize()
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize()).expandedTo(QSize(item.sizeHint().width(), 0))
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _gap(self) -> int:
        spacing = self.spacing()
        if spacing >= 0:
            return spacing
        parent = self.parentWidget()
        return parent.style().pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing) if parent else 6

    @staticmethod
    def _grows(item: QLayoutItem) -> bool:
        return isinstance(item, QSpacerItem) or bool(item.expandingDirections() & Qt.Orientation.Horizontal)

    def _arrange(self, rect: QRect, apply: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        gap = self._gap()
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._items:
            if item.isEmpty():
                continue
            width = 0 if isinstance(item, QSpacerItem) else item.sizeHint().width()
            if lines[-1] and used + gap + width > area.width() and not isinstance(item, QSpacerItem):
                lines.append([])
                used = 0
            used += (gap if lines[-1] else 0) + width
            lines[-1].append(item)
        y = area.y()
        for line in lines:
            while line and isinstance(line[-1], QSpacerItem) and len(lines) > 1:
                line.pop()  # a stretch at the end of a wrapped line only wastes room
            if not line:
                continue
            widths = [0 if isinstance(i, QSpacerItem) else i.sizeHint().width() for i in line]
            spare = area.width() - sum(widths) - gap * (len(line) - 1)
            growers = [n for n, i in enumerate(line) if self._grows(i)]
            if spare > 0 and growers:
                for n in growers:
                    widths[n] += spare // len(growers)
            height = max(i.sizeHint().height() for i in line)
            x = area.x()
            for item, width in zip(line, widths):
                if apply:
                    item_height = height if item.expandingDirections() & Qt.Orientation.Vertical else \
                        min(height, item.sizeHint().height())
                    item.setGeometry(QRect(QPoint(x, y + (height - item_height) // 2), QSize(width, item_height)))
                x += width + gap
            y += height + gap
        return y - gap - rect.y() + margins.bottom() if lines[0] else margins.top() + margins.bottom()
