"""The month-end dialog as the director uses it: the month's good news, the preview, saving, and the return."""

from __future__ import annotations

import datetime

import month_club
import openpyxl
import pdf_text
import pytest

from app import good_news
from app.db.connection import open_database
from app.ui.application import make_application
from app.ui.dialogs import month_end
from app.ui.dialogs.void_entry import VoidDialog
from app.ui.dialogs.good_news import GoodNewsDialog
from app.ui.dialogs.month_end import MonthEndDialog

from test_visits_ui import when_open


@pytest.fixture
def dialog(month_club_path, qtbot, monkeypatch):
    make_application()
    monkeypatch.setattr(month_end.QMessageBox, "question",
                        staticmethod(lambda *a, **k: month_end.QMessageBox.StandardButton.No))
    monkeypatch.setattr(month_end.QMessageBox, "information", staticmethod(lambda *a, **k: None))
    db = open_database(month_club_path)
    window = MonthEndDialog(db, month_club_path, "主任", today=month_club.TODAY)
    qtbot.addWidget(window)
    window.show()
    yield window
    window.done(0)
    db.close()


def item_texts(window) -> list[str]:
    return [window.items.item(row).text() for row in range(window.items.count())]


def test_the_month_before_is_chosen_and_its_good_news_listed(dialog):
    assert dialog.current_month() == "2026-10"  # on 5 November the director means October
    assert dialog.month.itemData(0) == "2026-11"
    texts = item_texts(dialog)
    assert len(texts) == 2 and month_club.NEWS[0][0] in texts[0] and "照片" in texts[0]


def test_month_choice_defaults():
    assert month_end.default_month(datetime.date(2026, 11, 25)) == "2026-11"
    assert month_end.default_month(datetime.date(2026, 1, 3)) == "2025-12"
    assert month_end.recent_months(datetime.date(2026, 2, 1), 3) == ["2026-02", "2026-01", "2025-12"]


def test_the_preview_shows_the_bulletin_that_is_saved(dialog, qtbot, tmp_path):
    with qtbot.waitSignal(dialog.preview_ready, timeout=20000) as ready:
        pass
    pages = ready.args[0]
    assert pages >= 3 and dialog.pages_layout.count() == pages
    assert dialog.save_pdf_button.isEnabled() and dialog.print_button.isEnabled()
    out = tmp_path / "通报.pdf"
    dialog.save_pdf_to(out)
    assert out.read_bytes() == dialog._pdf
    text = pdf_text.squeezed(out)
    assert "一、走访慰问" in text and "2026年10月" in text


def test_good_news_added_with_a_photo_is_listed_and_previewed(dialog, qtbot, tmp_path):
    qtbot.waitSignal(dialog.preview_ready, timeout=20000).wait()
    photo = tmp_path / "汇演.png"
    photo.write_bytes(month_club.photo_png(640, 480))
    form = GoodNewsDialog(dialog._db, "主任", dialog.current_month(), parent=dialog)
    qtbot.addWidget(form)
    form.title.setText("王大爷捡到钱包交还失主")
    form.body.setPlainText("三号楼王大爷在小区捡到钱包，当天交到服务社，找到了失主。")
    assert form.set_photo_file(photo)
    assert not form.photo_preview.pixmap().isNull()
    with qtbot.waitSignal(dialog.preview_ready, timeout=20000):
        form.save()
    texts = item_texts(dialog)
    assert len(texts) == 3 and "王大爷捡到钱包交还失主" in texts[2]
    stored = good_news.list_items(dialog._db, "2026-10")[2]
    assert stored.photo and stored.body.startswith("三号楼")


def test_a_file_that_is_not_a_photo_is_refused_beside_the_field(dialog, qtbot, tmp_path):
    fake = tmp_path / "不是照片.png"
    fake.write_text("hello")
    form = GoodNewsDialog(dialog._db, "主任", dialog.current_month(), parent=dialog)
    qtbot.addWidget(form)
    form.show()
    assert not form.set_photo_file(fake)
    assert "不是能打开的照片" in form._errors["photo"].text() and form._errors["photo"].text()
    form.save()  # no title: refused inline, nothing stored
    assert form._errors["title"].text()
    assert len(good_news.list_items(dialog._db, "2026-10")) == 2


def test_items_are_reordered_and_voided_with_a_reason(dialog, qtbot):
    dialog.items.setCurrentRow(1)
    dialog.move_item(-1)
    assert month_club.NEWS[1][0] in item_texts(dialog)[0]
    dialog.items.setCurrentRow(0)
    assert dialog.remove_button.text() == "作废…"

    def answer(void: VoidDialog):
        void.reason.insert("汇演延期了")
        void.save_button.click()

    failures = when_open(qtbot, dialog, VoidDialog, answer)
    dialog.remove_button.click()
    assert not failures, failures
    assert [n.title for n in good_news.list_items(dialog._db, "2026-10")] == [month_club.NEWS[0][0]]
    qtbot.waitUntil(lambda: len(item_texts(dialog)) == 1)
    steps = good_news.item_history(dialog._db, dialog._db.execute(
        "SELECT id FROM bulletin_item WHERE title = ?", [month_club.NEWS[1][0]]).fetchone()[0])
    assert [(s.action, s.reason) for s in steps][-1] == ("void", "汇演延期了")


def test_the_return_is_exported_in_the_background(dialog, qtbot, tmp_path):
    out = tmp_path / "月报表.xlsx"
    job = dialog.export_return_to(out)
    with qtbot.waitSignal(job.finished, timeout=20000):
        pass
    assert dialog.return_written == out
    assert openpyxl.load_workbook(out).sheetnames[0] == "汇总"


def test_printing_to_a_1200_dpi_printer_puts_every_page_on_its_sheet_within_seconds(dialog, qtbot, tmp_path):
    """The pages go to the printer off the UI thread, drawn into the paper's rectangle: no picture is made at the
    printer's resolution (that took half a minute for four pages and froze the window)."""
    import time

    import pypdfium2

    qtbot.waitSignal(dialog.preview_ready, timeout=20000).wait()
    printer = month_end.QPrinter(month_end.QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(month_end.QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(1200)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setFullPage(True)
    started = time.monotonic()
    job = dialog.print_to(printer)
    assert not dialog.print_button.isEnabled()  # the window stays live meanwhile; printing twice is not offered
    with qtbot.waitSignal(job.finished, timeout=20000):
        pass
    took = time.monotonic() - started
    printed = pypdfium2.PdfDocument(str(tmp_path / "printed.pdf"))
    expected = len(pypdfium2.PdfDocument(dialog._pdf))
    assert expected >= 4 and len(printed) == expected
    width, height = printed[0].get_size()
    assert abs(width - 595) < 3 and abs(height - 842) < 3  # A4, in points
    assert took < 15, f"printing {expected} pages took {took:.1f} s"
    assert dialog.status.text() in ("The bulletin was sent to the printer.", "通报已送到打印机。")
    assert dialog.print_button.isEnabled()


