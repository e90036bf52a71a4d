"""The volunteer statement as a volunteer reads it: rendered to PDF and read back with poppler."""

from __future__ import annotations

import datetime
import re

import pdf_text
import pytest
from clubfile import cli_main

from app import cli, people, timebank
from app.db.settings import set_setting
from app.ids import mask_id
from app.reports.statement import write_statement


CLUB = "幸福里社区服务社"
ON = datetime.date(2026, 11, 22)
FULL_ID = "11010519491231002X"
ENTRIES = [
    ("2026-10-03", "存入", 3.0, "值班", "重阳节值班"),
    ("2026-10-15", "存入", 2.5, "活动", "义诊帮忙登记"),
    ("2026-11-02", "支取", -1.5, "求助", "代买降压药"),
]


def text(path, page=None) -> str:
    return pdf_text.text(path, page, page)


def squeezed(s: str) -> str:
    return re.sub(r"\s+", "", s)


page_count = pdf_text.page_count


def render(tmp_path, entries=ENTRIES, name="statement.pdf", **kw):
    path = tmp_path / name
    fields = dict(club_name=CLUB, on=ON, name="王秀英", masked_id=mask_id(FULL_ID), level="白金", balance=104.0,
                  earned_total=105.5, hours_this_year=5.5, next_level=("黄金", 194.5), entries=entries)
    fields.update(kw)
    return path, write_statement(path, **fields)


def assert_fonts_embedded(path) -> None:
    used = pdf_text.fonts(path)
    assert used and all(used.values()), used


def test_the_statement_shows_heading_person_figures_and_entries(tmp_path):
    path, pages = render(tmp_path)
    assert pages == page_count(path) == 1
    flat = squeezed(text(path))
    assert f"{CLUB}志愿服务时长明细" in flat
    assert "王秀英" in flat
    assert "11**************2X" in flat and FULL_ID not in flat
    assert "白金" in flat
    assert "104小时" in flat and "105.5小时" in flat and "5.5小时" in flat
    assert "再得194.5小时升为黄金" in flat
    assert "代买降压药" in flat and "义诊帮忙登记" in flat
    assert "+2.5" in flat and "−1.5" in flat
    assert "第1页，共1页" in flat and "打印日期：2026年11月22日" in flat
    assert_fonts_embedded(path)


def test_no_level_no_entries_and_top_level_still_print(tmp_path):
    path, pages = render(tmp_path, entries=[], level=None, next_level=None, balance=0, earned_total=0,
                         hours_this_year=0)
    assert pages == 1
    flat = squeezed(text(path))
    assert "未定级" in flat and "已是最高等级" in flat and "还没有时长记录" in flat
    assert_fonts_embedded(path)


def test_a_long_statement_paginates_with_header_and_footer_on_every_page(tmp_path):
    entries = [(f"2026-{1 + i // 20:02d}-{1 + i % 20:02d}", "存入", 1.0, "走访", f"第{i:03d}次走访")
               for i in range(200)]
    entries[57] = ("2026-03-18", "存入", 2.0, "活动", "很长的说明：" + "社区义诊和助老活动，" * 120)
    path, pages = render(tmp_path, entries=entries)
    assert pages == page_count(path) > 3
    for page in range(1, pages + 1):
        flat = squeezed(text(path, page))
        assert f"第{page}页，共{pages}页" in flat, page
        assert "打印日期" in flat, page
        assert "日期类别时长来源说明" in flat, page  # the header row repeats
    whole = squeezed(text(path))
    assert "（续）" in whole
    for i in (0, 56, 58, 199):
        assert f"第{i:03d}次走访" in whole
    assert_fonts_embedded(path)


def test_the_hours_command_writes_the_statement_pdf(fresh_db, db_path, tmp_path):
    db = fresh_db
    pid = people.add_person(db, {"name": "李志愿", "id_number": FULL_ID, "is_volunteer": True}, actor="主任")[0]
    set_setting(db, "club_name", CLUB, actor="主任")
    timebank.deposit(db, pid, 2, on="2026-11-01", source="activity", note="磨刀", actor="主任")
    timebank.withdraw(db, pid, 0.5, on="2026-11-03", note="代买药", actor="主任")
    db.close()

    out = tmp_path / "李志愿.pdf"
    assert cli_main(["hours", "--db", str(db_path), "--person", str(pid), "--pdf", str(out)]) == 0
    flat = squeezed(text(out))
    assert f"{CLUB}志愿服务时长明细" in flat
    assert "李志愿" in flat and "11**************2X" in flat and FULL_ID not in flat
    assert "1.5小时" in flat and "磨刀" in flat and "代买药" in flat and "−0.5" in flat
    assert "再得98小时升为白金" in flat
    assert "第1页，共1页" in flat
    assert_fonts_embedded(out)

    missing = tmp_path / "no-such-folder" / "x.pdf"
    assert cli_main(["hours", "--db", str(db_path), "--person", str(pid), "--pdf", str(missing)]) == 1
