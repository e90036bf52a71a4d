"""Month end (月末): choose a month, write its good-news items (and correct or void them), preview the bulletin, save
or print it, and export the branch return.

The preview shows the very PDF that is saved and printed: the bulletin is rendered in the background, its pages
drawn to pictures with PDFium (pypdfium2: the Essentials wheel of Qt has no PDF module), and printing paints
those pages at the printer's resolution through the system print dialog.
"""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QRect, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFileDialog, QGroupBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMessageBox,
    QPushButton, QScrollArea, QVBoxLayout, QWidget,
)

from app import good_news
from app.db.settings import get_setting
from app.errors import KnownError
from app.ui.messages import show_failure, show_problem
from app.ui.dialogs.good_news import GoodNewsDialog
from app.ui.dialogs.good_news_correction import GoodNewsCorrectionDialog
from app.ui.dialogs.void_entry import VoidDialog
from app.ui import session as ui_session
from app.ui.operations import BackgroundJob
from app.db.changes import Changes, Register
from app.ui.signals import follow
from app.ui.write import write
from app.ui.text import fill

MONTHS_OFFERED = 24
PREVIEW_WIDTH = 720  # pixels of a page in the preview at 100% text
PRINT_DPI = 300


def recent_months(today: datetime.date, count: int = MONTHS_OFFERED) -> list[str]:
    """This month and the ones before it, newest first, as "YYYY-MM"."""
    months, year, month = [], today.year, today.month
    for _ in range(count):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months


def default_month(today: datetime.date) -> str:
    """The month a director means: this one from the 20th (the release meeting is at the month's end), else the last."""
    if today.day >= 20:
        return today.strftime("%Y-%m")
    return (today.replace(day=1) - datetime.timedelta(days=1)).strftime("%Y-%m")


def render_pages(pdf: bytes, scale: float) -> list[QImage]:
    """Every page of a PDF as a picture, ``scale`` pixels per point (runs on any thread)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        return [_picture(document[index], scale * 72.0) for index in range(len(document))]
    finally:
        document.close()


def make_bulletin(db, month: str) -> bytes:
    """The month's bulletin as PDF bytes (written through a temporary file, as the CLI writes it)."""
    from app.reports.bulletin import save_bulletin  # reportlab loads when first needed

    with tempfile.TemporaryDirectory(prefix="fuwushe-bulletin-") as folder:
        path = Path(folder) / "bulletin.pdf"
        save_bulletin(db, month, path)
        return path.read_bytes()


def print_pdf(printer: QPrinter, pdf: bytes, dpi: float, first: int = 0, last: int = 0,
              progress: Callable[[int, int], None] | None = None) -> int:
    """Each page of ``pdf`` (``first``..``last``, counted from 1; 0 for all) on its own sheet, filling the paper.

    A page is drawn at ``dpi`` and handed to the printer as it is, into the paper's rectangle: the printer's own
    engine scales it, so no picture is ever made at the printer's resolution (a 1200-dpi printer would need
    100 million pixels a page). Painting on a printer works on any thread: the dialog runs this off the UI thread.
    Returns the pages printed.
    """
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    painter = QPainter()
    try:
        numbers = range(max(1, first) - 1, min(last or len(document), len(document)))
        if not painter.begin(printer):
            raise KnownError("打印机无法开始打印，请检查打印机是否已连接并开机")
        for done, index in enumerate(numbers):
            if done:
                printer.newPage()
            page = _picture(document[index], dpi)
            paper = printer.paperRect(QPrinter.Unit.DevicePixel).toRect()
            size = page.size().scaled(paper.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(paper.topLeft(), size), page)
            if progress is not None:
                progress(done + 1, len(numbers))
        return len(numbers)
    finally:
        if painter.isActive():
            painter.end()
        document.close()


def _picture(page, dpi: float) -> QImage:
    bitmap = page.render(scale=dpi / 72.0, rev_byteorder=True)
    image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB888)
    return image.copy()  # copy: the picture must outlive the bitmap's buffer


class MonthEndDialog(QDialog):
    """The month's bulletin and return, and the good-news items that go into the bulletin."""

    preview_ready = Signal(int)  # pages

    def __init__(self, db, db_path: Path, actor: str, parent=None, *, today: datetime.date | None = None):
        super().__init__(parent)
        self._db = db
        self._db_path = Path(db_path)
        self._actor = actor
        self._today = today or datetime.date.today()
        self._pdf: bytes | None = None
        self._pages: list[QImage] = []
        self._jobs: list[BackgroundJob] = []
        self._generation = 0
        self.return_written: Path | None = None
        self.setWindowTitle(self.tr("Month end: bulletin and return"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)

        self.month = QComboBox()
        self.month.setObjectName("monthChoice")
        this_month = self._today.strftime("%Y-%m")
        for month in recent_months(self._today):
            year, number = (int(part) for part in month.split("-"))
            label = fill(self.tr("%1-%2"), year, number)
            if month == this_month:
                label = fill(self.tr("%1 (this month, not over yet)"), label)
            self.month.addItem(label, month)
        self.month.setCurrentIndex(max(0, self.month.findData(default_month(self._today))))
        month_label = QLabel(self.tr("Month"))
        month_label.setBuddy(self.month)

        self.items = QListWidget()
        self.items.setObjectName("goodNewsList")
        self.items.setWordWrap(True)
        self.add_button = QPushButton(self.tr("Add…"))
        self.edit_button = QPushButton(self.tr("Correct…"))
        self.remove_button = QPushButton(self.tr("Void…"))
        self.up_button = QPushButton(self.tr("Move up"))
        self.down_button = QPushButton(self.tr("Move down"))
        item_buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            item_buttons.addWidget(button)
        order_buttons = QHBoxLayout()
        order_buttons.addWidget(self.up_button)
        order_buttons.addWidget(self.down_button)
        news_box = QGroupBox(self.tr("Good news for the bulletin"))
        news_layout = QVBoxLayout(news_box)
        hint = QLabel(self.tr("What the club's people did well this month: a title, a few sentences, a photo if you "
                              "have one. They are printed in this order."))
        hint.setWordWrap(True)
        news_layout.addWidget(hint)
        news_layout.addWidget(self.items, 1)
        news_layout.addLayout(item_buttons)
        news_layout.addLayout(order_buttons)

        self.save_pdf_button = QPushButton(self.tr("Save the bulletin as PDF…"))
        self.print_button = QPushButton(self.tr("Print the bulletin…"))
        self.return_button = QPushButton(self.tr("Export the monthly return (Excel)…"))
        self.close_button = QPushButton(self.tr("Close"))
        outputs = QGroupBox(self.tr("Bulletin and return"))
        outputs_layout = QVBoxLayout(outputs)
        for button in (self.save_pdf_button, self.print_button, self.return_button):
            outputs_layout.addWidget(button)

        left = QVBoxLayout()
        month_row = QHBoxLayout()
        month_row.addWidget(month_label)
        month_row.addWidget(self.month, 1)
        left.addLayout(month_row)
        left.addWidget(news_box, 1)
        left.addWidget(outputs)
        left.addWidget(self.close_button)
        left_widget = QWidget()
        left_widget.setLayout(left)
        em = self.fontMetrics().horizontalAdvance("国")
        left_widget.setFixedWidth(em * 24)

        self.status = QLabel()
        self.status.setObjectName("previewStatus")
        self.status.setWordWrap(True)
        self.pages_widget = QWidget()
        self.pages_widget.setObjectName("previewPages")
        self.pages_layout = QVBoxLayout(self.pages_widget)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.pages_layout.setSpacing(16)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.pages_widget)
        self.scroll.setStyleSheet("QScrollArea { background: #8a8a8a; } #previewPages { background: #8a8a8a; }")
        right = QVBoxLayout()
        right.addWidget(self.status)
        right.addWidget(self.scroll, 1)

        layout = QHBoxLayout(self)
        layout.addWidget(left_widget)
        layout.addLayout(right, 1)

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(250)  # several changes in a row make one preview
        self._refresh_timer.timeout.connect(self._make_preview)

        self.month.currentIndexChanged.connect(self._month_changed)
        self.items.currentRowChanged.connect(self._update_buttons)
        self.items.itemDoubleClicked.connect(lambda _item: self.edit_item())
        self.add_button.clicked.connect(self.add_item)
        self.edit_button.clicked.connect(self.edit_item)
        self.remove_button.clicked.connect(self.remove_item)
        self.up_button.clicked.connect(lambda: self.move_item(-1))
        self.down_button.clicked.connect(lambda: self.move_item(1))
        self.save_pdf_button.clicked.connect(self.save_pdf)
        self.print_button.clicked.connect(self.print_bulletin)
        self.return_button.clicked.connect(self.export_return)
        self.close_button.clicked.connect(self.accept)
        self._follower = follow(self, tuple(Register), self._data_changed)  # anything the bulletin shows
        self._listening = True
        self.resize(em * 80, em * 52)
        self._month_changed()

    # -- the month and its items
    def current_month(self) -> str:
        return self.month.currentData()

    def _month_changed(self) -> None:
        self._load_items()
        self.refresh_preview()

    def _load_items(self) -> None:
        keep = self.items.currentItem().data(Qt.ItemDataRole.UserRole) if self.items.currentItem() else None
        self.items.clear()
        for number, item in enumerate(good_news.list_items(self._db, self.current_month()), start=1):
            text = fill(self.tr("%1. %2"), number, item.title)
            if item.photo:
                text = fill(self.tr("%1 (with photo)"), text)
            entry = QListWidgetItem(text)
            entry.setData(Qt.ItemDataRole.UserRole, item.id)
            self.items.addItem(entry)
            if item.id == keep:
                self.items.setCurrentItem(entry)
        if not self.items.count():
            placeholder = QListWidgetItem(self.tr("No good news yet for this month."))
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.items.addItem(placeholder)
        self._update_buttons()

    def selected_item_id(self) -> int | None:
        item = self.items.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _update_buttons(self, *_args) -> None:
        chosen = self.selected_item_id() is not None
        row = self.items.currentRow()
        count = sum(1 for i in range(self.items.count()) if self.items.item(i).data(Qt.ItemDataRole.UserRole))
        why = good_news.may_change_item(self._db, self.selected_item_id(), ui_session.current()) if chosen else None
        for button in (self.edit_button, self.remove_button):
            button.setEnabled(chosen and why is None)
            button.setToolTip(why or "")
        self.up_button.setEnabled(chosen and row > 0)
        self.down_button.setEnabled(chosen and row < count - 1)

    def _item(self, item_id: int) -> good_news.GoodNews | None:
        return next((n for n in good_news.list_items(self._db, self.current_month()) if n.id == item_id), None)

    def add_item(self) -> None:
        dialog = GoodNewsDialog(self._db, self._actor, self.current_month(), parent=self)
        if dialog.exec():
            self._select(dialog.item_id)

    def edit_item(self) -> None:
        """Correct the chosen item, with the reason (its earlier wording stays in its history)."""
        item_id = self.selected_item_id()
        item = self._item(item_id) if item_id is not None else None
        if item is None or not self.edit_button.isEnabled():
            return
        if GoodNewsCorrectionDialog(self._db, ui_session.current(), self.current_month(), item, parent=self).exec():
            self._select(item_id)

    def remove_item(self) -> None:
        """Void the chosen item, with the reason: out of the bulletin, kept in the file."""
        item_id = self.selected_item_id()
        if item_id is None or self._item(item_id) is None or not self.remove_button.isEnabled():
            return
        by = ui_session.current()
        VoidDialog(self._db, good_news.describe_item(self._db, item_id), self.tr("It is taken out of the bulletin."),
                   lambda db, reason: good_news.void_item(db, item_id, reason=reason, by=by), parent=self).exec()

    def move_item(self, step: int) -> None:
        item_id = self.selected_item_id()
        if item_id is not None and write(self, self._db,
                                         lambda db: good_news.move_item(db, item_id, step, actor=self._actor)).value:
            self._select(item_id)

    def _select(self, item_id: int | None) -> None:
        self._load_items()
        for row in range(self.items.count()):
            if self.items.item(row).data(Qt.ItemDataRole.UserRole) == item_id:
                self.items.setCurrentRow(row)

    def _data_changed(self, changes: Changes) -> None:
        if changes.touches(Register.GOOD_NEWS):
            self._load_items()
        self.refresh_preview()

    # -- the preview
    def refresh_preview(self) -> None:
        self._pdf = None
        self._set_ready(False)
        self.status.setText(self.tr("Making the preview…"))
        self._refresh_timer.start()

    def _make_preview(self) -> None:
        self._generation += 1
        generation, month = self._generation, self.current_month()
        ratio = self.devicePixelRatioF()
        scale = PREVIEW_WIDTH * max(1.0, self.fontMetrics().height() / 20) / 595.0 * ratio

        def work(db, _progress, _cancelled):
            pdf = make_bulletin(db, month)
            return pdf, render_pages(pdf, scale)

        job = BackgroundJob(self._db_path, work, self)
        job.finished.connect(lambda result: self._preview_done(generation, result, ratio))
        job.failed.connect(lambda text, exc: self._preview_failed(generation, text, exc))
        self._jobs.append(job)
        job.start()

    def _preview_done(self, generation: int, result, ratio: float) -> None:
        if generation != self._generation:
            return  # a newer preview is on its way
        self._pdf, self._pages = result
        while self.pages_layout.count():
            widget = self.pages_layout.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        for page in self._pages:
            picture = QPixmap.fromImage(page)
            picture.setDevicePixelRatio(ratio)
            label = QLabel()
            label.setPixmap(picture)
            label.setStyleSheet("background: white; border: 1px solid #444;")
            self.pages_layout.addWidget(label)
        self.status.setText(fill(self.tr("Preview of the bulletin for %1: %n pages, exactly as it prints.", "",
                                         len(self._pages)), self.month.currentText()))
        self._set_ready(True)
        self.preview_ready.emit(len(self._pages))

    def _preview_failed(self, generation: int, text: str, exc) -> None:
        if generation != self._generation:
            return
        self.status.setText(self.tr("The preview could not be made."))
        self._show_failure(text, exc)

    def _show_failure(self, text: str, exc) -> None:
        show_failure(self, text, exc)

    def _set_ready(self, ready: bool) -> None:
        self.save_pdf_button.setEnabled(ready)
        self.print_button.setEnabled(ready)

    # -- the outputs
    def _suggested(self, kind: str, suffix: str) -> str:
        club = get_setting(self._db, "club_name", "") or ""
        return str(Path.home() / f"{club}{self.current_month()}{kind}{suffix}")

    def save_pdf_to(self, path: Path) -> None:
        """Write the previewed bulletin to ``path`` (the very bytes shown)."""
        try:
            Path(path).write_bytes(self._pdf)
        except OSError as exc:
            show_problem(self, fill(self.tr("The bulletin could not be saved to %1: %2"), path, exc.strerror or exc))
            return
        answer = QMessageBox.question(self, self.tr("Bulletin saved"),
                                      fill(self.tr("The bulletin was saved to %1. Open it now?"), Path(path).name))
        if answer == QMessageBox.StandardButton.Yes:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def save_pdf(self) -> None:
        if self._pdf is None:
            return
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save the bulletin"), self._suggested("月度通报", ".pdf"),
                                                self.tr("PDF files (*.pdf)"))
        if chosen:
            self.save_pdf_to(Path(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf"))

    def print_bulletin(self) -> None:
        if self._pdf is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(Path(self._suggested("月度通报", "")).name)
        printer.setFullPage(True)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, len(self._pages))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer, printer.fromPage(), printer.toPage())

    def print_to(self, printer: QPrinter, first: int = 0, last: int = 0) -> BackgroundJob:
        """Print the previewed bulletin off the UI thread, saying which page is on its way."""
        pdf, dpi = self._pdf, min(PRINT_DPI, max(150, printer.resolution()))
        self.print_button.setEnabled(False)
        self.status.setText(self.tr("Sending the bulletin to the printer…"))
        job = BackgroundJob(self._db_path, lambda _db, progress, _cancelled: print_pdf(
            printer, pdf, dpi, first, last, lambda done, total: progress("print", done, total)), self)
        job.progress.connect(lambda _stage, done, total: self.status.setText(
            fill(self.tr("Printing page %1 of %2…"), done, total)))
        job.finished.connect(self._printed)
        job.failed.connect(lambda text, exc: (self.print_button.setEnabled(self._pdf is not None),
                                              self._show_failure(text, exc)))
        self._jobs.append(job)
        job.start()
        return job

    def _printed(self, _pages: int) -> None:
        self.status.setText(self.tr("The bulletin was sent to the printer."))
        self.print_button.setEnabled(self._pdf is not None)

    def export_return_to(self, path: Path) -> BackgroundJob:
        from app.reports.returns import save_return  # openpyxl loads when first needed

        month = self.current_month()
        self.return_button.setEnabled(False)
        self.status.setText(self.tr("Writing the monthly return…"))
        job = BackgroundJob(self._db_path, lambda db, _p, _c: save_return(db, month, path), self)
        job.finished.connect(lambda report: self._return_done(path, report))
        job.failed.connect(lambda text, exc: (self.return_button.setEnabled(True), self._show_failure(text, exc)))
        self._jobs.append(job)
        job.start()
        return job

    def export_return(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Export the monthly return"),
                                                self._suggested("月报表", ".xlsx"), self.tr("Excel workbooks (*.xlsx)"))
        if chosen:
            self.export_return_to(Path(chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx"))

    def _return_done(self, path: Path, report) -> None:
        self.return_button.setEnabled(True)
        self.status.setText(fill(self.tr("The monthly return was saved to %1."), Path(path).name))
        self.return_written = path
        QMessageBox.information(self, self.tr("Monthly return saved"),
                                fill(self.tr("The monthly return for %1 was saved to %2. Send this file to the branch."),
                                     report.label, path))

    def done(self, result: int) -> None:
        self._refresh_timer.stop()
        for job in self._jobs:
            job.wait()
        if self._listening:  # done() runs again when a closed dialog is closed once more
            self._follower.stop()
            self._listening = False
        super().done(result)
