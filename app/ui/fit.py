"""Every screen fits: each window and dialog fitted to the screen it shows on (scrolling where it must, its buttons
always reachable), and the checks that find text a widget is too small to show and windows off the screen.

The checks are used by the tests at both text sizes on a 1366×768 screen and by tools/screenshots.py, so a clipped
word or a button below the taskbar is found by a check rather than by an elderly volunteer.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton, QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QMainWindow, QMessageBox, QScrollArea,
    QStyle, QStyleOptionComboBox, QVBoxLayout, QWidget,
)


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


# ---------------------------------------------------------------- every window on the screen

TASKBAR = 48  # pixels kept for a taskbar when the screen reports none (Windows' is 40 at 100 %)
TITLE_BAR = 40  # the window manager's title bar, not yet known before a window is first shown


def room(widget: QWidget) -> QRect:
    """The part of the screen a window may cover: the screen less its taskbar, and less a title bar's height."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    area = screen.availableGeometry()
    if area == screen.geometry():
        area = area.adjusted(0, 0, 0, -TASKBAR)
    return area.adjusted(0, TITLE_BAR, 0, 0)


def fit_to_screen(window: QWidget) -> None:
    """Make a window or dialog that is about to show fit the screen it shows on, every button reachable.

    A dialog taller than the screen gets its content in a scroll area with its buttons kept below it; a size or
    minimum larger than the screen is brought down to it; the window is moved so that all of it is on the screen.
    A maximized window is the window manager's to fit.
    """
    if window.isMaximized() or window.isFullScreen():
        return
    area = room(window)
    if window.minimumWidth() > area.width():
        window.setMinimumWidth(area.width())
    wanted = window.size() if window.testAttribute(Qt.WidgetAttribute.WA_Resized) else window.sizeHint()
    if isinstance(window, QDialog) and not isinstance(window, QMessageBox) \
            and window.minimumSizeHint().height() > area.height():
        _scroll_content(window)
        wanted.setHeight(area.height())  # as much of the content as the screen shows, the rest scrolled to
    if window.layout() is not None:
        window.layout().activate()
    window.setMaximumSize(max(area.width(), window.minimumWidth()), max(area.height(), window.minimumHeight()))
    window.resize(min(wanted.width(), area.width()), min(wanted.height(), area.height()))
    geometry = window.geometry()
    x = min(max(geometry.x(), area.left()), area.right() - geometry.width() + 1)
    y = min(max(geometry.y(), area.top()), area.bottom() - geometry.height() + 1)
    if (x, y) != (geometry.x(), geometry.y()):
        window.move(x, y)


def _scroll_content(dialog: QDialog) -> None:
    """Put everything but the dialog's button row into a scroll area, so the buttons stay on the screen."""
    layout = dialog.layout()
    if layout is None or dialog.property("scrolled"):
        return
    focused = dialog.focusWidget()  # where the form put the cursor: moving the widgets loses it
    buttons = next((box for box in dialog.findChildren(QDialogButtonBox) if layout.indexOf(box) >= 0), None)
    if buttons is not None:
        layout.removeWidget(buttons)
    content = QWidget()
    content.setLayout(layout)  # the dialog's widgets move with their layout
    scroll = QScrollArea()
    scroll.setObjectName("screenFit")
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(content)
    outer = QVBoxLayout(dialog)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll, 1)
    if buttons is not None:
        row = QHBoxLayout()
        margins = layout.contentsMargins()
        row.setContentsMargins(margins.left(), 0, margins.right(), margins.bottom())
        row.addWidget(buttons)
        outer.addLayout(row)
    # The dialog is already showing: children added now must be shown by hand.
    for widget in (scroll, content, buttons):
        if widget is not None:
            widget.show()
    dialog.setProperty("scrolled", True)
    if focused is not None:
        focused.setFocus()


class ScreenFitter(QObject):
    """Installed on the application: every top-level window and dialog is fitted to the screen as it shows."""

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow() \
                and isinstance(watched, (QDialog, QMainWindow)) and not isinstance(watched, QMessageBox):
            fit_to_screen(watched)
        return False


def outside_screen(window: QWidget) -> str | None:
    """Why ``window`` (shown) does not fit the screen's room, or None when it does (a maximized window: the screen
    less its taskbar, which the window manager keeps)."""
    area = (window.screen() or QGuiApplication.primaryScreen()).availableGeometry() if window.isMaximized() \
        else room(window)
    frame = window.geometry()
    if not area.contains(frame):
        return (f"{frame.width()}×{frame.height()} at ({frame.x()}, {frame.y()}) is outside the "
                f"{area.width()}×{area.height()} the screen leaves")
    return None
