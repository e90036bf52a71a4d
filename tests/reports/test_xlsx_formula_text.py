"""Every export writes text that begins with =, +, - or @ as text, never as a formula: a name or a note typed as
"=HYPERLINK(…)" must not run when the director or the branch opens the workbook. Read from the file's XML, which is
what Excel reads."""

from __future__ import annotations

import datetime
import re
import zipfile
from pathlib import Path

from app import people
from app.reports.roster import write_error_workbook
from app.reports.rota import RotaColumn, RotaDay, write_rota_xlsx
from app.reports.roster import export_roster

NASTY = ["=HYPERLINK(\"http://example.com\",\"点我\")", "+1+2", "-3+4", "@SUM(A1:A2)", "=cmd|' /C calc'!A0"]


def cells(path: Path) -> tuple[list[str], list[str]]:
    """(the texts of every string cell, the formulas) in every worksheet of an .xlsx."""
    with zipfile.ZipFile(path) as book:
        shared = []
        if "xl/sharedStrings.xml" in book.namelist():
            xml = book.read("xl/sharedStrings.xml").decode("utf-8")
            shared = [re.sub(r"<[^>]+>", "", si) for si in re.findall(r"<si>(.*?)</si>", xml, re.S)]
        texts, formulas = [], []
        for name in book.namelist():
            if not name.startswith("xl/worksheets/sheet"):
                continue
            xml = book.read(name).decode("utf-8")
            formulas += re.findall(r"<f[ >](.*?)</f>", xml, re.S)
            for attrs, body in re.findall(r"<c ([^>]*)>(.*?)</c>", xml, re.S):
                kind = re.search(r'\bt="(\w+)"', attrs)
                if kind and kind.group(1) == "s":
                    texts.append(shared[int(re.search(r"<v>(\d+)</v>", body).group(1))])
                elif kind and kind.group(1) in ("inlineStr", "str"):
                    texts.append(re.sub(r"<[^>]+>", "", body))
    unescape = lambda t: t.replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    return [unescape(t) for t in texts], formulas


def test_the_roster_export_keeps_formula_like_text_as_text(fresh_db, tmp_path):
    for text in NASTY:
        people.add_person(fresh_db, {"name": text[:30], "building": "1", "notes": text}, actor="主任")
    out = tmp_path / "花名册.xlsx"
    export_roster(fresh_db, out, actor="主任")
    texts, formulas = cells(out)
    assert formulas == []
    for text in NASTY:
        assert text in texts and text[:30] in texts


def test_the_rota_workbook_keeps_formula_like_names_and_notes_as_text(tmp_path):
    columns = [RotaColumn("desk_am", "上午值班", "08:30–11:30")]
    days = [RotaDay(datetime.date(2026, 3, 2), NASTY[3], {"desk_am": (NASTY[0], NASTY[1])}, {}),
            RotaDay(datetime.date(2026, 3, 3), "", {"desk_am": ()}, {"desk_am": NASTY[2]}, {"desk_am": 1})]
    out = tmp_path / "值班表.xlsx"
    write_rota_xlsx(out, club_name=NASTY[4], month=datetime.date(2026, 3, 1), columns=columns, days=days,
                    counts=[(NASTY[0], 1), (NASTY[1], 1)])
    texts, formulas = cells(out)
    assert formulas == []
    joined = "\n".join(texts)
    for text in NASTY:
        assert text in joined
    assert NASTY[3] in texts  # the day's note, a cell of its own


def test_the_import_error_workbook_gives_back_formula_like_values_as_text(tmp_path):
    out = tmp_path / "名单_错误行.xlsx"
    write_error_workbook(out, ["姓名", "备注"], [(3, [NASTY[0], NASTY[2]], "身份证号有误"),
                                                 (4, [NASTY[3], NASTY[1]], "姓名不能为空")])
    texts, formulas = cells(out)
    assert formulas == []
    for text in (NASTY[0], NASTY[1], NASTY[2], NASTY[3]):
        assert text in texts


def test_the_check_can_fail(tmp_path):
    import openpyxl

    out = tmp_path / "bad.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"] = NASTY[1]  # openpyxl's default: a leading = + - @ … makes it a formula when it starts with =
    book.active["A2"] = NASTY[0]
    book.save(out)
    assert cells(out)[1]  # written the naive way, the formula is there
