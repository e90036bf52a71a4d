"""Activities, certificates and awards as the director uses them: record and confirm an activity on its page,
issue a certificate and print it again from the register, confirm the proposed awards and print them."""

from __future__ import annotations

import datetime

import pytest
from pdf_text import squeezed
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app import activities, awards, certificates, timebank
from app.db import people as people_db
from app.people import clean_person
from app.accounts import Session
from app.ui import session as ui_session
from app.ui.application import make_application
from app.ui.dialogs.activity import ActivityDialog
from app.ui.dialogs.awards import AwardsDialog
from app.ui.dialogs.note_feedback import FeedbackDialog
from app.ui.dialogs.certificate import IssueCertificateDialog
from app.ui.dialogs.certificate_register import CertificateRegisterDialog
from app.ui.models.activities import ActivityModel
from app.ui.operations import BackgroundReader
from app.ui.pages.activities import ActivitiesPage

TODAY = datetime.date.today()


def add(db, **values) -> int:
    return people_db.insert_person(db, clean_person(values).values, actor="test")


@pytest.fixture
def club(fresh_db):
    make_application()
    ids = {"lxy": add(fresh_db, name="李秀英", sex="女", is_volunteer=True),
           "wjg": add(fresh_db, name="王建国", is_volunteer=True)}
    return fresh_db, ids


@pytest.fixture
def reader(db_path, qtbot):
    reader = BackgroundReader(db_path)
    yield reader
    reader.stop()


@pytest.fixture
def answers(monkeypatch):
    """Every question answered Yes (or No when told), every save dialog answered with a file in tmp."""
    asked: list[str] = []
    reply = {"value": QMessageBox.StandardButton.Yes}

    def question(_parent, _title, text, *args, **kwargs):
        asked.append(text)
        return reply["value"]

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: asked.append("warning:" + text))
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a, **k: asked.append("info:" + text))
    return asked, reply


def pdf_text(path) -> str:
    return squeezed(path)


def test_an_activity_recorded_in_the_dialog_is_listed_then_confirmed_into_the_time_bank(qtbot, club, reader, answers):
    db, ids = club
    asked, reply = answers
    page = ActivitiesPage(db, reader, "主任")
    qtbot.addWidget(page)
    page.show()
    dialog = ActivityDialog(db, "主任")
    qtbot.addWidget(dialog)
    dialog.project.setCurrentText("")
    dialog.hours.setValue(0)
    dialog.save_button.click()  # no name and no hours: both explained beside their fields
    assert dialog._errors["title"].text() == "请填写活动名称"
    assert dialog._errors["hours"].text() == "实际服务时长应大于 0 小时"
    dialog.project.setCurrentText("义诊")
    dialog.hours.setValue(2.5)
    dialog.place.setText("社区卫生站")
    dialog.participants.set_ids([ids["lxy"], ids["wjg"]])
    dialog.served.setValue(40)
    dialog.save_button.click()
    assert dialog.result() == ActivityDialog.DialogCode.Accepted
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.data(page.model.index(0, 2)) == "义诊"
    assert page.model.data(page.model.index(0, 7)) == "待确认"
    assert page.count.text() == "1 次活动，1 次待确认"
    page.table.selectRow(0)
    assert "李秀英（2.5）、王建国（2.5）" in page.detail.text() and page.confirm_button.isEnabled()

    ui_session.set_current(Session(2, "王建国", "duty"))  # a duty volunteer records but does not credit
    page._chosen_changed(page.chosen.row())
    assert not page.confirm_button.isEnabled()
    assert not page.correct_button.isEnabled() and "这条是主任记录的" in page.correct_button.toolTip()
    ui_session.set_current(Session(1, "主任", "director"))
    page._chosen_changed(page.chosen.row())
    reply["value"] = QMessageBox.StandardButton.No
    page.confirm_button.click()
    assert timebank.statement(db, ids["lxy"]).balance == 0
    reply["value"] = QMessageBox.StandardButton.Yes
    page.confirm_button.click()
    assert asked[-1].startswith("给“义诊”的 2 位参加人每人记入 2.5 小时吗？")
    assert timebank.statement(db, ids["lxy"]).balance == 2.5
    qtbot.waitUntil(lambda: page.model.data(page.model.index(0, 7)) == "已记入")
    page.table.selectRow(0)
    assert not page.confirm_button.isEnabled()
    assert page.correct_button.isEnabled() and page.void_button.isEnabled()  # its hours would follow a correction
    assert "时长已记入时间银行" in page.detail.text()


def test_the_activity_model_passes_the_qt_model_tester(qtmodeltester, club):
    db, ids = club
    activities.record_activity(db, {"kind": "class", "title": "剪纸课", "held_on": TODAY.isoformat(), "hours": 2,
                                    "participants": [ids["lxy"]]}, actor="test")
    model = ActivityModel()
    model.set_rows(activities.list_activities(db))
    assert model.data(model.index(0, 1)) == "课堂" and model.data(model.index(0, 4)) == "1"
    qtmodeltester.check(model)


def test_a_certificate_is_issued_saved_and_printed_again_from_the_register(qtbot, club, answers, monkeypatch,
                                                                            tmp_path):
    db, ids = club
    asked, _ = answers
    timebank.deposit(db, ids["lxy"], 12, on=f"{TODAY.year}-01-05", source="manual", note="春节慰问", actor="主任")
    saved = iter([tmp_path / "证明", tmp_path / "again.pdf"])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(next(saved)), ""))
    dialog = IssueCertificateDialog(db, "主任", ids["wjg"])
    qtbot.addWidget(dialog)
    assert "0 小时" in dialog.preview.text()
    dialog.save_button.click()
    assert "王建国在这段时间没有记入服务时长" in dialog._errors["period_start"].text()
    dialog.person.set_person(ids["lxy"])
    dialog._update_preview()
    assert dialog.preview.text() == "12 小时：其他志愿服务 1 次"
    dialog.purpose.setText("评优")
    dialog.save_button.click()
    assert dialog.issued["number"] == f"{TODAY.year}-0001"
    text = pdf_text(tmp_path / "证明.pdf")  # ".pdf" added to the name typed
    assert f"编号：{TODAY.year}-0001" in text and "李秀英" in text and "用途：评优" in text
    assert asked[-1] == "已保存到 证明.pdf。现在打开并打印吗？"  # the file's name, no folder path

    register = CertificateRegisterDialog(db, "主任")
    qtbot.addWidget(register)
    assert register.model.rowCount() == 1 and register.count.text() == "1 份证明"
    assert register.model.data(register.model.index(0, 2)) == "李秀英"
    assert not register.reprint_button.isEnabled()
    register.table.selectRow(0)
    register.reprint_button.click()
    assert f"编号：{TODAY.year}-0001" in pdf_text(tmp_path / "again.pdf")
    assert len(certificates.register(db)) == 1  # a reprint registers nothing new


def test_a_long_list_of_services_shows_every_line_in_the_certificate_dialog(qtbot, club):
    # The form's estimate of the preview's height fell a line short for a volunteer with four kinds of activity,
    # and the last line of what the certificate will say was cut off.
    from app.ui.fit import cut_off_text

    db, ids = club
    day = datetime.date(TODAY.year, 1, 10)
    for title in ("学雷锋志愿服务日", "社区卫生站义诊服务", "老年活动中心剪纸课", "服务社门口磨刀服务"):
        activity_id = activities.record_activity(db, {"kind": "service", "title": title, "held_on": day.isoformat(),
                                                      "hours": 2, "participants": [ids["lxy"]]}, actor="主任")
        activities.confirm_activity(db, activity_id, actor="主任")
    timebank.deposit(db, ids["lxy"], 3, on=day.isoformat(), source="manual", note="春节慰问", actor="主任")
    dialog = IssueCertificateDialog(db, "主任", ids["lxy"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.preview.height() >= dialog.preview.heightForWidth(dialog.preview.width()))
    assert dialog.preview.text().endswith("老年活动中心剪纸课）；其他志愿服务 1 次")
    assert cut_off_text(dialog) == []


def test_the_awards_dialog_confirms_the_proposal_and_prints_certificates(qtbot, club, answers, monkeypatch, tmp_path):
    db, ids = club
    asked, _ = answers
    timebank.deposit(db, ids["lxy"], 30, on=TODAY.isoformat(), source="manual", note="值班", actor="主任")
    timebank.deposit(db, ids["wjg"], 20, on=TODAY.isoformat(), source="manual", note="值班", actor="主任")
    feedback = FeedbackDialog(db, "主任", ids["wjg"])
    qtbot.addWidget(feedback)
    feedback.kind.setCurrentIndex(feedback.kind.findData("complaint"))
    feedback.note.setPlainText("值班时不耐烦")
    feedback.save_button.click()
    assert feedback.result() == FeedbackDialog.DialogCode.Accepted

    dialog = AwardsDialog(db, "主任")
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    assert [dialog.table.item(r, 0).text() for r in range(2)] == ["李秀英", "王建国"]
    assert dialog.table.item(1, 5).text() == "1"  # the complaint counted
    assert dialog.table.cellWidget(0, 7).currentText() == "最美志愿者"
    assert dialog.table.cellWidget(1, 7).currentData() is None  # held back by the complaint
    assert not dialog.print_button.isEnabled()
    dialog.confirm_button.click()
    assert [(a["name"], a["kind"]) for a in awards.awards(db, TODAY.year)] == [("李秀英", "most_beautiful")]
    assert "李秀英（最美志愿者）" in dialog.confirmed.text()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "荣誉.pdf"), ""))
    dialog.print_button.click()
    text = pdf_text(tmp_path / "荣誉.pdf")
    assert "荣誉证书" in text and "李秀英同志" in text and "“最美志愿者”" in text
