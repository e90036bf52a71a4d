"""The visit sheet as a volunteer reads it: rendered to PDF and read back with poppler (pdftotext, pdffonts, pdfinfo)."""

from __future__ import annotations

import datetime
import html
import re
import subprocess

import pytest

from app.reports.visit_sheet import (
    BODY_SIZE, BOTTOM_MARGIN, CELL_PAD_RIGHT, COLUMN_WIDTHS, COLUMNS, MARGIN, MIN_ROW_HEIGHT, SheetRow,
    write_visit_sheet,
)

# The layout is read with poppler's pdftotext -layout and its crop (test.sh installs poppler-utils): without it
# these tests fail, they are never skipped.

CLUB = "幸福里社区服务社"
ON = datetime.date(2026, 11, 22)
MM = 72 / 25.4
HANGING = "，。、：；！）”’》」』】"  # punctuation that may hang past the end of a line, inside the right padding


def visit(name="王秀英", **changes) -> SheetRow:
    fields = dict(name=name, address="12号楼 3单元 201室", phone="13805461234", what="住院看望",
                  reason="重病报告：11月18日得知，应到医院看望", due=datetime.date(2026, 11, 20), overdue_days=2)
    fields.update(changes)
    return SheetRow(**fields)


THREE = [
    visit(),
    visit("李建国", address="7号楼 1单元 502室", phone="0546-8321234", what="节日慰问", reason="重阳节慰问高龄党员",
          due=datetime.date(2026, 11, 25), overdue_days=0),
    visit("欧阳淑珍", address="3号楼 2单元 101室", phone="", what="生日看望", reason="九十岁生日，带蛋糕",
          due=datetime.date(2027, 1, 5), overdue_days=0),
]


def sixty() -> list[SheetRow]:
    return [visit(f"张{i:02d}号", address=f"{i}号楼 1单元 101室", what="节日慰问", reason="春节慰问",
                  due=datetime.date(2026, 12, 1), overdue_days=0) for i in range(1, 61)]


def render(tmp_path, rows, name="sheet.pdf", **kw):
    path = tmp_path / name
    pages = write_visit_sheet(path, rows, club_name=kw.pop("club_name", CLUB), on=ON, **kw)
    return path, pages


def run(*args) -> str:
    return subprocess.run([str(a) for a in args], check=True, capture_output=True, text=True,
                          encoding="utf-8").stdout


def text(path, page=None, *crop) -> str:
    """``pdftotext -layout`` of the whole file, or of one page (optionally of an -x -y -W -H crop, in points)."""
    args = ["pdftotext", "-layout"]
    if page is not None:
        args += ["-f", page, "-l", page]
    if crop:
        args += [f for flag, v in zip(("-x", "-y", "-W", "-H"), crop) for f in (flag, int(v))]
    return run(*args, path, "-")


def squeezed(s: str) -> str:
    return re.sub(r"\s+", "", s)


def page_count(path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", path), re.M).group(1))


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


def column_box(index: int) -> tuple[float, float]:
    left = MARGIN + sum(COLUMN_WIDTHS[:index])
    return left, left + COLUMN_WIDTHS[index]


def column_text(path, page: int, header: str) -> str:
    """What one column of the table says on a page, all whitespace removed (wrapped lines join up)."""
    left, right = column_box([h for h, _ in COLUMNS].index(header))
    return squeezed(text(path, page, left, 0, right - left, 842))


# ---------------------------------------------------------------- what a volunteer reads


def test_three_visits_read_as_printed(tmp_path):
    path, pages = render(tmp_path, THREE)
    assert pages == page_count(path) == 1
    page = text(path)
    assert f"{CLUB}走访单" in page
    assert "打印日期：2026年11月22日" in page and "共 3 项" in page
    for header, _ in COLUMNS:
        assert header in page
    for name in ("王秀英", "李建国", "欧阳淑珍"):
        assert name in page
    assert "13805461234" in page and "0546-8321234" in page
    assert "已逾期 2 天" in page
    assert page.count("已逾期") == 1  # only the overdue visit says so
    assert "11月20日" in page and "11月25日" in page
    assert "第 1 页，共 1 页" in page
    # Wrapped text reads whole down its own column.
    assert "12号楼3单元201室" in column_text(path, 1, "住址")
    assert "7号楼1单元502室" in column_text(path, 1, "住址")
    matter = column_text(path, 1, "事由")
    assert "住院看望已逾期2天重病报告：11月18日得知，应到医院看望" in matter
    assert "节日慰问重阳节慰问高龄党员" in matter
    # A due day in another year says the year.
    assert "2027年1月5日" in column_text(path, 1, "应办日期")


def test_club_name_in_footer_and_title_can_change(tmp_path):
    path, _ = render(tmp_path, THREE[:1], title="本周走访单")
    page = text(path)
    assert f"{CLUB}本周走访单" in page
    footer = [line for line in page.splitlines() if "第 1 页，共 1 页" in line]
    assert footer and footer[0].strip().startswith(CLUB)


def test_no_visits_is_one_page_that_says_so(tmp_path):
    path, pages = render(tmp_path, [])
    assert pages == page_count(path) == 1
    page = text(path)
    assert f"{CLUB}走访单" in page
    assert "共 0 项" in page
    assert "目前没有待办的走访。" in page
    assert "签名" not in page  # no empty table
    assert "第 1 页，共 1 页" in page


def test_sixty_visits_run_over_pages_with_the_header_repeated(tmp_path):
    path, pages = render(tmp_path, sixty())
    assert pages == page_count(path) > 1
    for number in range(1, pages + 1):
        page = text(path, number)
        assert f"第 {number} 页，共 {pages} 页" in page
        assert CLUB in page
        assert "签名" in page and "应办日期" in page  # the header row, repeated
    assert f"{CLUB}走访单" not in text(path, 2)  # the heading only once, on page 1
    whole = text(path)
    for i in range(1, 61):
        assert whole.count(f"张{i:02d}号") == 1  # every visit once: none lost, none doubled at a page break


def test_metadata_names_the_sheet_and_the_club(tmp_path):
    path, _ = render(tmp_path, THREE)
    meta = info(path)
    assert meta["Title"] == f"{CLUB}走访单"
    assert meta["Author"] == CLUB
    assert meta["Subject"] == "走访单"
    assert meta["Page size"].startswith("595.2") and "A4" in meta["Page size"]


# ---------------------------------------------------------------- fonts and type size


@pytest.mark.parametrize("rows", [THREE, [], "sixty"], ids=["three", "none", "sixty"])
def test_only_the_bundled_font_and_it_is_embedded(tmp_path, rows):
    path, _ = render(tmp_path, sixty() if rows == "sixty" else rows)
    lines = run("pdffonts", path).splitlines()
    header, fonts = lines[0], lines[2:]
    assert fonts, "no fonts listed"
    emb = header.index("emb")
    for line in fonts:
        assert "WenQuanYi" in line.split()[0], line
        assert line[emb:emb + 3] == "yes", line


def test_body_type_is_large(tmp_path):
    path, _ = render(tmp_path, THREE)
    (page,) = words(path)
    boxes = {w: (y1 - y0) for _, y0, _, y1, w in page}
    for word in ("王秀英", "李建国", "欧阳淑珍", "11月20日", "201室", "已逾期"):
        assert boxes[word] >= 12, (word, boxes[word])  # 13 pt type gives a box about 13 high
    assert boxes[f"{CLUB}走访单"] >= 19  # the heading, 20 pt


def test_rows_are_tall_enough_to_sign_in(tmp_path):
    # One line of text in every cell: the row is still tall enough to write a signature in.
    rows = [visit(f"张{i}", phone="", address=f"{i}-201", what="慰问", reason="", overdue_days=0) for i in range(30)]
    path, _ = render(tmp_path, rows)
    page = words(path)[0]
    left, right = column_box(0)
    numbers = sorted(y0 for x0, y0, x1, _, w in page if w.isdigit() and x0 >= left and x1 <= right)
    steps = [b - a for a, b in zip(numbers, numbers[1:])]
    assert len(steps) > 10
    assert min(steps) >= MIN_ROW_HEIGHT - 0.5


# ---------------------------------------------------------------- long text wraps, never overflows, never cut


LONG_REASON = "九十岁生日：老人独居，子女在外地，需带蛋糕和慰问金；并了解近期身体情况与生活困难！" * 4


def test_long_text_wraps_inside_its_cell_and_is_all_there(tmp_path):
    rows = [visit("司马" + "欧阳" * 12, address="幸福里小区东区" * 5 + "12号楼 3单元 201室",
                  phone="0546-83212345678", what="住院看望和节日慰问" * 2, reason=LONG_REASON, overdue_days=123),
            visit("A" * 60, address="x" * 90, reason="1234567890" * 12, overdue_days=0)]
    path, pages = render(tmp_path, rows)
    assert pages == 1
    (page,) = words(path)
    top = min(y0 for _, y0, _, _, w in page if w == "序号")
    bottom = 842 - BOTTOM_MARGIN
    for x0, y0, x1, y1, w in page:
        if not top <= y0 < bottom:
            continue  # the heading and the footer
        hang = BODY_SIZE - CELL_PAD_RIGHT + 0.5 if w[-1] in HANGING else 0.5
        assert any(left - 0.5 <= x0 and x1 <= right + hang for left, right in map(column_box, range(6))), (w, x0, x1)
    assert f"{'欧阳' * 12}" in column_text(path, 1, "姓名")
    assert "A" * 60 in column_text(path, 1, "姓名")
    assert "幸福里小区东区" * 5 + "12号楼3单元201室" in column_text(path, 1, "住址")
    assert "x" * 90 in column_text(path, 1, "住址")
    matter = column_text(path, 1, "事由")
    assert squeezed(LONG_REASON) in matter
    assert "已逾期123天" in matter
    assert "1234567890" * 12 in matter


def test_no_line_starts_with_a_comma(tmp_path):
    path, _ = render(tmp_path, [visit(reason=LONG_REASON)])
    left, right = column_box(3)
    lines = [line.strip() for line in text(path, 1, left, 0, right - left, 842).splitlines() if line.strip()]
    assert len(lines) > 5
    assert not [line for line in lines if line[0] in "，：；！"]


def test_a_row_longer_than_a_page_goes_on_in_continuation_rows(tmp_path):
    reason = "原因" * 1500
    path, pages = render(tmp_path, [visit(), visit("李建国", reason=reason), visit("赵大妈")])
    assert pages == page_count(path) >= 2
    whole = text(path)
    assert whole.count("原") == 1500 and whole.count("因") == 1500
    assert "（续）" in whole
    assert whole.count("李建国") == 1 and "赵大妈" in whole


def test_markup_and_control_characters_print_as_text(tmp_path):
    path, _ = render(tmp_path, [visit("王<b>秀&英", what="看望 <i>", reason="第一行\n第二行\x00\x07")],
                     club_name="A&B<社>")
    page = text(path)
    assert "王<b>秀&英" in page and "看望 <i>" in page
    assert "A&B<社>走访单" in page
    assert "第一行第二行" in column_text(path, 1, "事由")


def test_writes_over_an_old_file_and_leaves_nothing_beside_it(tmp_path):
    path = tmp_path / "sheet.pdf"
    path.write_bytes(b"old")
    write_visit_sheet(path, THREE, club_name=CLUB, on=ON)
    assert path.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sheet.pdf"]
    write_visit_sheet(str(path), [], club_name=CLUB, on=ON)  # a str path works too
    assert "目前没有待办的走访。" in text(path)
