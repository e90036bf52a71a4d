"""How the window looks: the bundled CJK font, the text size, the application icon and the window title."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics, QIcon
from PySide6.QtWidgets import QApplication

from app import paths, settings_rules
from app.db.settings import get_setting

BASE_POINT_SIZE = 14  # comfortable for elderly volunteers at 100%; the text-size setting scales it
TEXT_SCALES = settings_rules.TEXT_SCALES
_font_family: str | None = None


def register_font() -> str:
    """Register the bundled CJK font once; returns its family name (so Chinese renders with no fonts installed)."""
    global _font_family
    if _font_family is None:
        font_id = QFontDatabase.addApplicationFont(str(paths.font_file()))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        _font_family = families[0] if families else QFont().family()
    return _font_family


def apply_text_scale(app: QApplication, scale: float) -> None:
    """The text size, everywhere at once: the application's font; tick boxes, radio buttons and spin-box arrows as
    large as the text beside them; and the widgets with a style sheet of their own (banners, headings, the status
    bar's notes), which keep the font they were polished with until they are polished again."""
    font = QFont(register_font())
    font.setPointSizeF(BASE_POINT_SIZE * scale)
    app.setFont(font)
    size = round(QFontMetrics(font).height() * 0.75)
    arrows = round(QFontMetrics(font).height() * 0.9)
    app.setStyleSheet(
        f"QCheckBox::indicator, QRadioButton::indicator, QAbstractItemView::indicator, QGroupBox::indicator "
        f"{{ width: {size}px; height: {size}px; }}"
        f"QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{ width: {arrows}px; }}")
    for widget in app.allWidgets():
        if widget.styleSheet() and not widget.testAttribute(Qt.WidgetAttribute.WA_SetFont):  # (headings set theirs)
            widget.setStyleSheet(widget.styleSheet())


def app_icon() -> QIcon:
    """The application icon in every drawn size (resources/icons/app-N.png), so small ones stay sharp."""
    icon = QIcon()
    for png in sorted((paths.resources_dir() / "icons").glob("app-*.png")):
        icon.addFile(str(png))
    return icon


def window_title(db) -> str:
    """The club's name and the program's, marked 【演示】 on the practice club (the log-in uses it too)."""
    name = get_setting(db, "club_name", "")
    title = (QCoreApplication.translate("MainWindow", "%1 · Club workbench").replace("%1", name) if name
             else QCoreApplication.translate("MainWindow", "Club workbench"))
    if get_setting(db, "demo", False):
        title = QCoreApplication.translate("MainWindow", "[DEMO] %1").replace("%1", title)
    return title
