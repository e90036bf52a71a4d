"""The month's figures: worked out by hand for a small club, history-true for past months, and the good-news items."""

from __future__ import annotations

import datetime
import io

import month_club
import pytest

from app.accounts import Session
from app import aid_groups, good_news, month_report
from app.db.connection import open_database
from app.errors import InvalidRecord, KnownError


@pytest.fixture
def club(month_club_path):
    db = open_database(month_club_path)
    yield db
    db.close()


def test_october_figures_are_the_ones_worked_out_by_hand(club):
    report = month_report.gather(club, month_club.MONTH, today=month_club.TODAY)
    assert report.figures() == month_club.EXPECTED
    assert [code for code, _ in month_report.FIGURES] == list(month_club.EXPECTED)
    assert (report.first, report.last, report.as_of) == (datetime.date(2026, 10, 1), datetime.date(2026, 10, 31),
                                                         datetime.date(2026, 10, 31))


def test_rows_say_what_happened(club):
    report = month_report.gather(club, month_club.MONTH, today=month_club.TODAY)
    assert [(c.change_label, c.name, c.on) for c in report.roster_changes] == [
        ("报到", "陈志军", "2026-10-08"), ("去世", "周永成", "2026-10-15"), ("迁出", "吴玉珍", "2026-10-20")]
    assert [v.kind_label for v in report.visits] == ["报到走访", "高龄党员节日慰问", "特殊情况走访", "住院看望"]
    assert report.visits[1].visitors == "张建国、李桂兰"
    # The serious-illness report was closed on 2 November: at October's end it was still only reported.
    illness = next(r for r in report.reports if r.kind == "serious_illness")
    assert (illness.end_status_label, illness.closed_on, illness.reported_on) == ("已上报", "", "2026-10-25")
    assert [u.name for u in report.level_ups] == ["张建国"]
    assert report.hours_spent == 1
    assert [(g.name, g.state, g.coverage) for g in report.groups] == [
        ("孙丽", "已结束", ""), ("赵德明", "在帮扶", "已覆盖"), ("刘淑梅", "无互助组", "未覆盖"),
        ("孙丽", "无互助组", "未覆盖")]
    assert [n.title for n in report.good_news] == [title for title, _ in month_club.NEWS]
    assert [(b.name, b.age, b.day) for b in report.coming.birthdays] == [("王秀英", 86, datetime.date(2026, 11, 3))]
    assert not report.coming.planned


def test_september_is_read_from_history_not_from_today(club):
    report = month_report.gather(club, "2026-09", today=month_club.TODAY)
    f = report.figures()
    assert (f["visits"], f["visits_supporter"], f["reports_opened"], f["meetings_joint"]) == (1, 1, 1, 1)
    # In September 孙丽's group was still going and 赵德明 had none; 周永成 and 吴玉珍 were still on the roster.
    assert (f["aid_groups"], f["aid_covered"], f["aid_uncovered"]) == (1, 1, 2)
    assert report.people == 9
    assert f["hours"] == 99  # 98 entered for 张建国 and 李桂兰's September visit


def test_coverage_of_the_running_month_equals_the_mutual_aid_page(demo_db):
    today = datetime.date.today()
    report = month_report.gather(demo_db, today.strftime("%Y-%m"), today=today)
    page = aid_groups.coverage(demo_db, today)
    f = report.figures()
    assert (f["aid_must_cover"], f["aid_covered"]) == (page.must_cover, page.covered)
    assert report.as_of == today


def test_an_empty_club_has_every_figure_at_zero(fresh_db):
    report = month_report.gather(fresh_db, "2026-10", today=month_club.TODAY)
    assert set(report.figures().values()) == {0}


@pytest.mark.parametrize("month, why", [("2026-13", "YYYY-MM"), ("十月", "YYYY-MM"), ("2027-01", "还没有开始")])
def test_a_wrong_or_future_month_is_refused(fresh_db, month, why):
    with pytest.raises(KnownError, match=why):
        month_report.gather(fresh_db, month, today=month_club.TODAY)


def test_good_news_items_are_added_corrected_ordered_and_voided(fresh_db):
    first = good_news.add_item(fresh_db, "2026-10", title="  义务理发  ", body="每周三", actor="t")
    second = good_news.add_item(fresh_db, "2026-10", title="文艺汇演", actor="t")
    good_news.add_item(fresh_db, "2026-11", title="下个月的", actor="t")
    assert [n.title for n in good_news.list_items(fresh_db, "2026-10")] == ["义务理发", "文艺汇演"]
    assert good_news.move_item(fresh_db, second, -1, actor="t")
    assert not good_news.move_item(fresh_db, second, -1, actor="t")
    director = Session(None, "t", "director")
    good_news.correct_item(fresh_db, first, title="义务理发进楼栋", body="每周三上门", photo=month_club.photo_png(),
                           photo_name="a.png", reason="补上照片", by=director)
    items = good_news.list_items(fresh_db, "2026-10")
    assert [(n.title, bool(n.photo)) for n in items] == [("文艺汇演", False), ("义务理发进楼栋", True)]
    good_news.correct_item(fresh_db, first, title="义务理发进楼栋", body="每周三上门", photo=None, reason="照片不清楚",
                           by=director)
    assert good_news.list_items(fresh_db, "2026-10")[1].photo is None
    steps = good_news.item_history(fresh_db, first)
    assert [(s.action, [(c.label, c.before, c.after) for c in s.changes]) for s in steps] == [
        ("record", []), ("correct", [("标题", "义务理发", "义务理发进楼栋"), ("内容", "每周三", "每周三上门"),
                                     ("照片", "（无照片）", "a.jpg")]),
        ("correct", [("照片", "a.jpg", "（无照片）")])]
    good_news.void_item(fresh_db, second, reason="不是本月的事", by=director)
    assert [n.id for n in good_news.list_items(fresh_db, "2026-10")] == [first]


def test_good_news_refuses_what_it_cannot_print(fresh_db):
    with pytest.raises(InvalidRecord) as caught:
        good_news.add_item(fresh_db, "2026-10", title="", body="x" * 2000, actor="t")
    assert set(caught.value.errors) == {"title", "body"}
    with pytest.raises(InvalidRecord, match="不是能打开的照片"):
        good_news.add_item(fresh_db, "2026-10", title="照片", photo=b"%PDF-1.4 not a picture", actor="t")


def test_a_big_sideways_photo_is_stored_upright_and_small():
    from PIL import Image

    image = Image.new("RGB", (4000, 3000), (200, 100, 50))
    exif = image.getexif()
    exif[0x0112] = 6  # "rotate 90° clockwise to view": how phones store a portrait photo
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=95)
    data, name = good_news.prepare_photo(out.getvalue(), "IMG_0001.JPG")
    with Image.open(io.BytesIO(data)) as stored:
        assert stored.size == (1200, 1600)
    assert name == "IMG_0001.jpg"
