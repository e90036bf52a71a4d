"""The monthly bulletin as the release meeting reads it: rendered to PDF and read back with PDFium."""

from __future__ import annotations

import re

import month_club
import pdf_text
import pytest
from pdf_text import layout_lines, squeezed
from clubfile import copy_club, cli_main

from app import month_report
from app.db.connection import open_database
from app.reports.bulletin import EMPTY, SECTION_TITLES, write_bulletin

def assert_every_font_embedded(path) -> None:
    used = pdf_text.fonts(path)
    assert used, "the PDF uses no fonts"
    assert all(used.values()), f"fonts not embedded: {[name for name, embedded in used.items() if not embedded]}"


@pytest.fixture(scope="module")
def october(month_club_template, tmp_path_factory):
    path = tmp_path_factory.mktemp("bulletin") / "october.pdf"
    db = open_database(month_club_template, readonly=True)
    report = month_report.gather(db, month_club.MONTH, today=month_club.TODAY)
    pages = write_bulletin(path, report)
    db.close()
    return path, pages


def test_every_section_and_the_cover_are_there(october):
    path, pages = october
    text = squeezed(path)
    for title in SECTION_TITLES:
        assert title in text
    assert "幸福里党员服务社" in text and "月度通报" in text and "2026年10月" in text
    assert "制表日期：2026年11月5日" in text
    width, height = pdf_text.page_size(path)
    assert round(width) == 595 and round(height) == 842  # A4 portrait
    assert pdf_text.page_count(path) == pages
    assert f"第1页，共{pages}页" in text and f"第{pages}页，共{pages}页" in text


def test_the_figures_are_the_months(october):
    text = squeezed(october[0])
    assert "本月走访4次，看望3人。" in text
    assert "本月得知2件，上报1件，结案1件；月末尚未结案2件。" in text
    assert "月末应由互助组覆盖的困难群众3人，已覆盖1人，未覆盖2人。" in text
    assert "覆盖率33%" in text
    assert "本月新成立1个，结束1个" in text
    assert "本月2位志愿者共服务15小时（走访5、其他10小时）。志愿者支取和兑换1小时。" in text
    rows = layout_lines(october[0])
    assert "张建国未定级白金101" in rows  # the level-up row: name, old level, new level, hours
    assert "义诊13524" in rows  # the project row: sessions, people served, volunteers, hours
    assert "合计4" in rows  # the visits table's total
    assert "本月开展志愿服务1场，受益35人次，志愿者2人次参加。" in text
    assert "本月召开会议2次（议事会1次、发布会1次）。" in text and "重阳节文艺汇演" in text
    assert "本月报到1人，迁出1人，去世1人。" in text
    for title, body in month_club.NEWS:
        assert re.sub(r"\s+", "", title) in text and body in text
    assert "11月3日王秀英86岁" in rows  # an elderly member's birthday in the coming month
    assert EMPTY["rota"] in text


def test_the_good_news_photo_is_printed(october):
    assert pdf_text.image_count(october[0]) == 1


def test_every_font_is_embedded(october):
    assert_every_font_embedded(october[0])


def test_a_month_with_nothing_says_so_section_by_section(fresh_db, tmp_path):
    path = tmp_path / "empty.pdf"
    report = month_report.gather(fresh_db, "2026-10", today=month_club.TODAY)
    assert write_bulletin(path, report) >= 1
    text = squeezed(path)
    for title in SECTION_TITLES:
        assert title in text
    for key in ("visits", "reports", "aid", "hours", "level_ups", "services", "meetings", "activities", "good_news",
                "rota", "festivals"):
        assert re.sub(r"\s+", "", EMPTY[key]) in text, key
    assert_every_font_embedded(path)


def test_the_command_line_writes_the_bulletin(month_club_path, tmp_path, capsys):
    out = tmp_path / "通报.pdf"
    assert cli_main(["bulletin", "--db", str(month_club_path), "--month", "2026-10", "--out", str(out)]) == 0
    assert "月度通报" in capsys.readouterr().out
    assert "一、走访慰问" in squeezed(out)
    assert cli_main(["bulletin", "--db", str(month_club_path), "--month", "2026-10", "--out", str(tmp_path / "x.doc")]) == 1
    assert "错误：输出文件应以 .pdf 结尾" in capsys.readouterr().err


def test_table_cells_print_what_was_typed_on_one_line_or_wrapped(month_club_template, tmp_path):
    from app import meetings

    db_path = copy_club(month_club_template, tmp_path / "club.sqlite")
    db = open_database(db_path)
    long_topic = "讨论楼道照明车棚改造老年食堂供餐点和冬季困难群众走访安排逐项明确责任人和完成时间" * 2
    for topics in ("车棚 <改造> & 路灯", long_topic):
        meetings.record_meeting(db, {"kind": "affairs", "held_on": "2026-10-28", "place": "服务社", "topics": topics,
                                     "decisions": "", "attendee_ids": []}, actor=month_club.ACTOR,
                                today=month_club.TODAY)
    path = tmp_path / "october.pdf"
    write_bulletin(path, month_report.gather(db, month_club.MONTH, today=month_club.TODAY))
    db.close()
    assert "10月28日社务会车棚<改造>&路灯" in layout_lines(path)     # one line, the characters as typed
    assert long_topic in squeezed(path)                                 # all of it,
    assert not any(long_topic[:40] in line for line in layout_lines(path))  # wrapped within its column
