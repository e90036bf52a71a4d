"""The month's rota as the club prints and opens it: the PDF read back with poppler, the workbook with openpyxl."""

from __future__ import annotations

import datetime
import html
import re
import subprocess

import openpyxl
import pytest

from app.reports.rota import (
    MARGIN, MIN_NAME_SIZE, RotaColumn, RotaDay, is_day_off, write_rota_pdf, write_rota_xlsx,
)



def needs_poppler(test):
    """The layout and word boxes are read with poppler's pdftotext -layout/-bbox (test.sh installs poppler-utils):
    without it such a test fails, it is never skipped."""
    return test


CLUB = "幸福里社区服务社"
MONTH = datetime.date(2026, 12, 1)
COLUMNS = [
    RotaColumn("desk_am", "上午值班", "08:30–11:30"),
    RotaColumn("desk_pm", "下午值班", "14:30–17:30"),
    RotaColumn("knife", "磨刀", "09:00–11:00"),
    RotaColumn("repair", "小家电维修", "14:30–16:30"),
    RotaColumn("haircut", "义务理发", "08:30–11:00"),
    RotaColumn("clinic", "义诊", "08:30–11:30"),
]
NEED = {"desk_am": 2, "desk_pm": 2, "knife": 1, "repair": 1, "haircut": 2, "clinic": 2}
SURNAMES = "王李张刘陈杨赵黄周吴徐孙"
ROTATION = [f"{s}志愿" for s in SURNAMES] + [f"{s}红梅" for s in SURNAMES[:10]] + ["欧阳淑珍"]
HOSTILE = "=HYPERLINK(1)"  # a name that would be a formula, on one shift
NAMES = ROTATION + [HOSTILE]  # 24 people
LONG_REASON = "会理发的两位志愿者这周都回老家了，另一位腿脚不便，本周六再联系社区卫生站看看能否请人来帮忙"
HOLIDAY = datetime.date(2026, 12, 31)  # a day off in this made-up month
MAKE_UP = datetime.date(2026, 12, 27)  # a Sunday worked in its place


def december() -> tuple[list[RotaDay], list[tuple[str, int]]]:
    days, tally, turn = [], {}, 0
    for n in range(1, 32):
        day = datetime.date(2026, 12, n)
        note, cells, unfilled = "", {}, {}
        weekday = day.isoweekday()
        scheduled = {"desk_am", "desk_pm"}
        if weekday == 2:
            scheduled.add("knife")
        if weekday == 4:
            scheduled.add("repair")
        if weekday == 5:
            scheduled.add("haircut")
        if n == 15:
            scheduled.add("clinic")
        if day == HOLIDAY:
            note, scheduled = "元旦前一天 放假", set()
        if day == MAKE_UP:
            note = "调休上班"
        for column in COLUMNS:
            if column.key not in scheduled:
                cells[column.key] = None
                continue
            names = []
            for _ in range(NEED[column.key]):
                names.append(ROTATION[turn % len(ROTATION)])
                turn += 1
            cells[column.key] = tuple(names)
        # The gaps, each with its reason.
        if n == 3:
            cells["desk_pm"] = cells["desk_pm"][:1]
            unfilled["desk_pm"] = "可排的人都请假了"
        if n == 4:
            cells["haircut"] = ()
            unfilled["haircut"] = LONG_REASON
        if n == 15:
            cells["clinic"] = cells["clinic"][:1]
            unfilled["clinic"] = "医护志愿者只有一位有空"
        if n == 22:
            cells["knife"] = (HOSTILE,)
        days.append(RotaDay(day, note, cells, unfilled, need=dict(NEED)))
        for names in cells.values():
            for name in names or ():
                tally[name] = tally.get(name, 0) + 1
    counts = sorted(tally.items(), key=lambda item: (-item[1], NAMES.index(item[0]) if item[0] in NAMES else 99))
    return days, counts


DAYS, COUNTS = december()


def run(*args) -> str:
    return subprocess.run([str(a) for a in args], check=True, capture_output=True, text=True,
                          encoding="utf-8").stdout


def text(path, page=None, *, mode="-layout") -> str:
    args = ["pdftotext", mode]
    if page is not None:
        args += ["-f", page, "-l", page]
    return run(*args, path, "-")


def squeezed(s: str) -> str:
    return re.sub(r"\s+", "", s)


def info(path) -> dict[str, str]:
    return dict(re.match(r"([^:]+):\s*(.*)", line).groups() for line in run("pdfinfo", path).splitlines()
                if re.match(r"[^:]+:", line))


def words(path) -> list[list[tuple[float, float, float, float, str]]]:
    """The word boxes of ``pdftotext -bbox``, page by page: (xMin, yMin, xMax, yMax, word), y from the top."""
    out = run("pdftotext", "-bbox", path, "-")
    pages = []
    for page in re.findall(r"<page [^>]*>(.*?)</page>", out, re.S):
        pages.append([(float(a), float(b), float(c), float(d), html.unescape(w)) for a, b, c, d, w in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page)])
    return pages


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    path = tmp_path_factory.mktemp("rota") / "rota.pdf"
    pages = write_rota_pdf(path, club_name=CLUB, month=MONTH, columns=COLUMNS, days=DAYS, counts=COUNTS)
    return path, pages


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    path = tmp_path_factory.mktemp("rota") / "rota.xlsx"
    write_rota_xlsx(path, club_name=CLUB, month=MONTH, columns=COLUMNS, days=DAYS, counts=COUNTS)
    return openpyxl.load_workbook(path)


def test_the_made_up_month_is_what_the_tests_think():
    assert len(DAYS) == 31 and len(COUNTS) == 24 and MONTH.weekday() == 1  # 1 December 2026 is a Tuesday
    assert is_day_off(DAYS[4]) and is_day_off(DAYS[HOLIDAY.day - 1])  # Saturday 5th; the day off
    assert not is_day_off(DAYS[0]) and not is_day_off(DAYS[MAKE_UP.day - 1])  # Tuesday 1st; the make-up Sunday


# ---------------------------------------------------------------- the PDF


@needs_poppler
def test_pdf_reads_as_printed(pdf):
    path, pages = pdf
    page = text(path)
    assert f"{CLUB}2026年12月值班表" in page
    for n in (1, 2, 15, 31):
        day = datetime.date(2026, 12, n)
        assert f"12月{n}日 {'周一 周二 周三 周四 周五 周六 周日'.split()[day.weekday()]}" in page
    assert "12月1日 周二" in page and "12月31日 周四" in page
    for column in COLUMNS:
        assert column.name in page and column.time in page
    for name in NAMES:
        assert name in page, name
    assert HOSTILE in page
    assert "王志愿、李志愿" in page  # names joined with 、 on one line
    assert "元旦前一天 放假" in page and "调休上班" in page
    assert page.count("（缺 1 人）") == 2 and "（缺 2 人）" in page
    assert "可排的人都请假了" in page and "医护志愿者只有一位有空" in page
    assert "—" in page
    # A long reason wraps inside its cell and reads whole (cells are drawn one after another).
    assert LONG_REASON in squeezed(text(path, mode="-raw"))


@needs_poppler
def test_pdf_counts_every_volunteer(pdf):
    path, _ = pdf
    raw = squeezed(text(path, mode="-raw"))
    assert "本月值班次数：" in raw
    listed = "、".join(f"{name}{times}次" for name, times in COUNTS)
    assert listed in raw
    page = text(path)
    name, times = COUNTS[0]
    assert f"本月值班次数：{name} {times} 次、" in page


@needs_poppler
def test_pdf_is_a4_landscape_in_two_pages_with_every_font_embedded(pdf):
    path, pages = pdf
    meta = info(path)
    assert re.match(r"841\.\d+ x 595\.\d+ pts", meta["Page size"])
    assert int(meta["Pages"]) == pages <= 2
    rows = [line.split() for line in run("pdffonts", path).splitlines()[2:]]
    assert rows
    for row in rows:  # name type encoding emb sub uni object ID
        assert row[-5] == "yes", row  # "emb"


@needs_poppler
def test_pdf_every_page_has_a_footer_and_the_header_row(pdf):
    path, pages = pdf
    for number in range(1, pages + 1):
        page = text(path, number)
        assert f"第 {number} 页，共 {pages} 页" in page
        footer = [line for line in page.splitlines() if f"第 {number} 页" in line][0]
        assert footer.strip().startswith(CLUB) and footer.strip().endswith("2026年12月值班表")
        assert "日期" in page and "上午值班" in page and "08:30–11:30" in page and "义诊" in page


@needs_poppler
def test_pdf_nothing_is_cut_off_and_names_are_large(pdf):
    path, _ = pdf
    width, height = 841.89, 595.28
    margin = MARGIN - 1
    for page in words(path):
        assert page
        for x0, y0, x1, y1, word in page:
            assert margin <= x0 and x1 <= width - margin, word
            assert margin <= y0 and y1 <= height - 5, word
        # A name's box is as tall as its type: at least 12 pt.
        boxes = [y1 - y0 for _, y0, _, y1, word in page if word.startswith(("王志愿", "李志愿"))]
        assert boxes and min(boxes) >= MIN_NAME_SIZE - 0.5
    # Every day is there, once.
    page = text(path)
    for n in range(1, 32):
        assert len(re.findall(rf"(?<!\d)12月{n}日 周", page)) == 1, n


def name_heights(path) -> set[float]:
    return {round(y1 - y0) for page in words(path) for _, y0, _, y1, word in page if word.startswith("王志愿")}


@needs_poppler
def test_pdf_sets_names_larger_when_the_pages_allow(pdf):
    path, _ = pdf
    assert name_heights(path) == {13}


@needs_poppler
def test_pdf_a_crowded_month_still_fits_two_pages_at_12_pt(tmp_path):
    crowded = []
    for day in DAYS:  # three on each desk shift, a note every third day
        cells = {key: names + ("欧阳淑珍",) if key.startswith("desk") and names else names
                 for key, names in day.cells.items()}
        crowded.append(RotaDay(day.day, day.note or ("冬至" if day.day.day % 3 == 0 else ""), cells, day.unfilled,
                               need={**day.need, "desk_am": 3, "desk_pm": 3}))
    path = tmp_path / "crowded.pdf"
    pages = write_rota_pdf(path, club_name=CLUB, month=MONTH, columns=COLUMNS, days=crowded, counts=COUNTS)
    assert pages == 2
    assert name_heights(path) == {12}
    page = text(path)
    assert "王志愿、李志愿、欧阳淑珍" in page  # still one line
    assert "第 2 页，共 2 页" in page and "本月值班次数：" in page


@needs_poppler
def test_pdf_absurd_input_still_renders(tmp_path):
    day = RotaDay(datetime.date(2026, 12, 1), "很长的备注" * 50,
                  {"desk_am": tuple(f"人{i:03d}" for i in range(300)), "desk_pm": ("欧" * 80,), "knife": ()},
                  {"knife": "理由" * 500, "desk_am": "<b>&"}, need={"desk_am": 400})
    path = tmp_path / "absurd.pdf"
    pages = write_rota_pdf(path, club_name="俱乐部" * 60 + "\x00", month=MONTH, columns=COLUMNS[:3], days=[day],
                           counts=[(f"人{i:03d}", i) for i in range(300)])
    assert pages == int(info(path)["Pages"]) <= 3
    page = text(path)
    assert "…等 300 人" in page and "（缺 100 人）" in page and "<b>&" in page and "人299 299 次" in page


@needs_poppler
def test_pdf_with_few_people_and_no_days(tmp_path):
    path = tmp_path / "empty.pdf"
    pages = write_rota_pdf(path, club_name="", month=MONTH, columns=COLUMNS, days=[], counts=[])
    assert pages == 1
    page = text(path)
    assert "2026年12月值班表" in page and "本月没有排班" in page and "本月值班次数：无" in page


@needs_poppler
def test_pdf_gap_without_a_known_need(tmp_path):
    day = RotaDay(datetime.date(2026, 12, 1), "", {"desk_am": (), "desk_pm": ("王志愿",)}, {"desk_pm": "有人请假"})
    path = tmp_path / "one.pdf"
    write_rota_pdf(path, club_name=CLUB, month=MONTH, columns=COLUMNS[:2], days=[day], counts=[("王志愿", 1)])
    page = text(path)
    assert page.count("（缺人）") == 2 and "有人请假" in page and "王志愿" in page


def test_pdf_replaces_an_old_file_whole(tmp_path):
    path = tmp_path / "rota.pdf"
    path.write_bytes(b"old")
    write_rota_pdf(path, club_name=CLUB, month=MONTH, columns=COLUMNS, days=DAYS[:3], counts=COUNTS[:3])
    assert path.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["rota.pdf"]


# ---------------------------------------------------------------- the workbook


def test_xlsx_title_header_and_days(book):
    ws = book["值班表"]
    assert book.sheetnames == ["值班表", "值班次数"]
    assert ws["A1"].value == f"{CLUB}2026年12月值班表"
    assert [c.value for c in ws[2]] == ["日期", "星期", "上午值班 08:30–11:30", "下午值班 14:30–17:30",
                                        "磨刀 09:00–11:00", "小家电维修 14:30–16:30", "义务理发 08:30–11:00",
                                        "义诊 08:30–11:30", "备注"]
    assert ws.max_row == 2 + 31
    first = ws["A3"]
    assert first.is_date and first.value.date() == datetime.date(2026, 12, 1)
    assert "月" in first.number_format and "日" in first.number_format
    assert ws["B3"].value == "周二"
    assert ws["C3"].value == "、".join(DAYS[0].cells["desk_am"])
    assert ws["F3"].value == "—"  # no repair on a Tuesday
    assert ws["E3"].value == DAYS[0].cells["knife"][0]
    assert ws["I33"].value == "元旦前一天 放假" and ws["C33"].value == "—"


def test_xlsx_gaps_say_how_many_and_why(book):
    ws = book["值班表"]
    assert ws["D5"].value == f"{DAYS[2].cells['desk_pm'][0]}\n缺 1 人：可排的人都请假了"  # 3 December
    assert ws["G6"].value == f"缺 2 人：{LONG_REASON}"  # 4 December, the haircut
    assert ws["H17"].value.endswith("缺 1 人：医护志愿者只有一位有空")  # the clinic on the 15th
    assert ws["G6"].alignment.wrap_text


def test_xlsx_formula_looking_names_stay_text(book):
    ws = book["值班表"]
    cell = ws["E24"]  # the knife on Tuesday 22 December
    assert cell.value == HOSTILE and cell.data_type == "s"
    names = {row[0].value: row[0] for row in book["值班次数"].iter_rows(min_row=2)}
    assert names[HOSTILE].data_type == "s"


def test_xlsx_frozen_and_printable(book):
    ws = book["值班表"]
    assert ws.freeze_panes == "C3"
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$2:$2"
    assert ws.column_dimensions["C"].width >= 16  # two names, 、 between
    assert ws.column_dimensions["A"].width >= 9


def test_xlsx_counts_sheet(book):
    ws = book["值班次数"]
    assert [c.value for c in ws[1]] == ["姓名", "次数"]
    assert [(a.value, b.value) for a, b in ws.iter_rows(min_row=2)] == COUNTS
    assert ws.freeze_panes == "A2"


def test_xlsx_replaces_an_old_file_whole(tmp_path):
    path = tmp_path / "rota.xlsx"
    path.write_bytes(b"old")
    write_rota_xlsx(path, club_name=CLUB, month=MONTH, columns=COLUMNS, days=[], counts=[])
    wb = openpyxl.load_workbook(path)
    assert wb["值班表"].max_row == 2 and wb["值班次数"].max_row == 1
    assert [p.name for p in tmp_path.iterdir()] == ["rota.xlsx"]
