"""The roster workbooks as a user opens them: reloaded with openpyxl and checked cell by cell."""

from __future__ import annotations

import datetime
import tempfile
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from app.people import POSTS, SITUATIONS, TALENT_TAGS
from app.reports.roster import write_error_workbook, write_roster, write_template
from app.roster_layout import EXPORTED

HEADERS = [c.header for c in EXPORTED]
LETTER = {c.field: openpyxl.utils.get_column_letter(i + 1) for i, c in enumerate(EXPORTED)}
ON = datetime.date(2025, 3, 7)
FULL_ID = "370502194503121234"
FORMULA_LOOKING = ["=1+1", "+86 138", "-", "@foo", '=HYPERLINK("http://x")']


def person(**changes) -> dict:
    row = {
        "name": "王秀英", "sex": "女", "id_number": FULL_ID, "birth_date": datetime.date(1945, 3, 12),
        "phone": "13805461234", "building": "12", "unit": "3", "room": "401",
        "categories": ["党员", "志愿者"], "party_joined": datetime.date(1965, 7, 1), "party_branch": "第一党支部",
        "situations": ["独居", "残疾"], "tags": ["五老志愿者"], "posts": ["巡逻队长", "宣传员"],
        "status": "moved_away", "status_date": datetime.date(2024, 5, 20), "notes": "子女在外地",
    }
    row.update(changes)
    return row


def export(tmp_path, rows, *, full_ids=False, club_name="幸福里社区服务社", name="roster.xlsx"):
    path = tmp_path / name
    count = write_roster(path, rows, club_name=club_name, on=ON, full_ids=full_ids)
    return count, openpyxl.load_workbook(path)["花名册"]


def cell(ws, field, row=3):
    return ws[f"{LETTER[field]}{row}"]


def test_title_names_the_club_the_date_and_the_masking(tmp_path):
    _, ws = export(tmp_path, [person()])
    assert ws["A1"].value == "幸福里社区服务社花名册（2025年3月7日导出，身份证号已遮盖）"
    assert ws["A1"].font.b and ws["A1"].font.sz == 16
    _, ws = export(tmp_path, [person()], full_ids=True, name="full.xlsx")
    assert ws["A1"].value == "幸福里社区服务社花名册（2025年3月7日导出）"


def test_header_row_is_the_layout_bold_filled_and_bordered(tmp_path):
    _, ws = export(tmp_path, [person()])
    assert [c.value for c in ws[2]] == HEADERS
    for header in ws[2]:
        assert header.font.b
        assert header.fill.fill_type == "solid"
        assert header.border.left.style == header.border.bottom.style == "thin"


def test_a_data_row_as_the_user_sees_it(tmp_path):
    count, ws = export(tmp_path, [person()])
    assert count == 1
    values = {c.field: cell(ws, c.field).value for c in EXPORTED}
    assert values["name"] == "王秀英" and values["sex"] == "女"
    assert values["id_number"] == "37**************34"
    assert values["birth_date"] == datetime.datetime(1945, 3, 12)
    assert values["party_joined"] == datetime.datetime(1965, 7, 1)
    assert values["status_date"] == datetime.datetime(2024, 5, 20)
    for field in ("birth_date", "party_joined", "status_date"):
        assert cell(ws, field).is_date and cell(ws, field).number_format == "yyyy-mm-dd"
    assert values["phone"] == "13805461234"
    for field in ("id_number", "phone"):
        assert isinstance(cell(ws, field).value, str)
        assert cell(ws, field).data_type == "s" and cell(ws, field).number_format == "@"
    assert (values["building"], values["unit"], values["room"]) == (12, 3, 401)  # numbers: they sort as numbers
    assert values["categories"] == "党员、志愿者"
    assert values["situations"] == "独居、残疾"
    assert values["tags"] == "五老志愿者"
    assert values["posts"] == "巡逻队长、宣传员"
    assert values["party_branch"] == "第一党支部"
    assert values["status"] == "已迁出"
    assert values["notes"] == "子女在外地"


def test_lists_are_in_the_clubs_order_whatever_order_they_come_in(tmp_path):
    row = person(categories=["居民", "党员"], situations=["残疾", "独居"], tags=["注册志愿者", "五老志愿者"],
                 posts=["宣传员", "未知岗位", "巡逻队长"])
    _, ws = export(tmp_path, [row])
    assert cell(ws, "categories").value == "党员、居民"
    assert cell(ws, "situations").value == "独居、残疾"
    assert cell(ws, "tags").value == "五老志愿者、注册志愿者"
    assert cell(ws, "posts").value == "巡逻队长、宣传员、未知岗位"


def test_full_ids_only_when_asked(tmp_path):
    _, ws = export(tmp_path, [person()], full_ids=True)
    assert cell(ws, "id_number").value == FULL_ID
    assert cell(ws, "id_number").number_format == "@"


def test_statuses_and_empty_values(tmp_path):
    rows = [person(status="active", status_date=None), person(status="deceased"),
            person(id_number=None, birth_date=None, phone="", categories=[], party_joined=None, party_branch="",
                   situations=[], tags=[], posts=[], notes="", building="", unit="", room="")]
    _, ws = export(tmp_path, rows)
    assert [cell(ws, "status", r).value for r in (3, 4, 5)] == ["在册", "已去世", "已迁出"]
    assert cell(ws, "status_date", 3).value is None
    blank = [c.field for c in EXPORTED if c.field not in ("name", "sex", "status", "status_date")]
    assert [cell(ws, f, 5).value for f in blank] == [None] * len(blank)


def test_addresses_that_are_not_plain_numbers_stay_text(tmp_path):
    _, ws = export(tmp_path, [person(building="12A", unit="03", room="甲1")])
    assert (cell(ws, "building").value, cell(ws, "unit").value, cell(ws, "room").value) == ("12A", "03", "甲1")


def test_dates_accept_iso_text_and_datetimes(tmp_path):
    _, ws = export(tmp_path, [person(birth_date="1945-03-12", party_joined=datetime.datetime(1965, 7, 1, 9, 30))])
    assert cell(ws, "birth_date").value == datetime.datetime(1945, 3, 12)
    assert cell(ws, "party_joined").value == datetime.datetime(1965, 7, 1)


def test_dates_around_excels_phantom_leap_day(tmp_path):
    days = [datetime.date(1900, 1, 1), datetime.date(1900, 2, 28), datetime.date(1900, 3, 1), datetime.date(2000, 2, 29)]
    _, ws = export(tmp_path, [person(birth_date=d) for d in days] + [person(birth_date=datetime.date(1899, 12, 31))])
    assert [cell(ws, "birth_date", r).value.date() for r in range(3, 7)] == days
    assert cell(ws, "birth_date", 7).value == "1899-12-31"  # before Excel's calendar: kept, as text


def test_frozen_filtered_and_set_up_for_printing(tmp_path):
    _, ws = export(tmp_path, [person() for _ in range(5)])
    assert ws.freeze_panes == "A3"
    assert ws.auto_filter.ref == "A2:Q7"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == int(ws.PAPERSIZE_A4)  # the constant is the string "9"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$2:$2"


def test_column_widths_fit_chinese_text(tmp_path):
    _, ws = export(tmp_path, [person()])
    widths = {c.field: ws.column_dimensions[LETTER[c.field]].width for c in EXPORTED}
    assert widths["id_number"] >= 20 and widths["notes"] >= 30
    for c in EXPORTED:  # a CJK character takes about 2 units, and the filter arrow needs room
        assert widths[c.field] >= 2 * len(c.header) + 2, c.header


@pytest.mark.parametrize("text", FORMULA_LOOKING)
def test_formula_looking_text_stays_text(tmp_path, text):
    fields = ("name", "party_branch", "notes", "phone", "building")
    _, ws = export(tmp_path, [person(**{f: text for f in fields}, id_number=text)], full_ids=True)
    for field in (*fields, "id_number"):
        loaded = cell(ws, field)
        assert loaded.data_type == "s" and loaded.value == text, field


def test_a_generator_is_consumed_once_and_counted(tmp_path):
    seen = []

    def rows():
        for i in range(3):
            seen.append(i)
            yield person(name=f"人{i}")

    count, ws = export(tmp_path, rows())
    assert count == 3 and seen == [0, 1, 2]
    assert [ws.cell(r, 1).value for r in range(3, 6)] == ["人0", "人1", "人2"]
    assert ws.max_row == 5 and ws.auto_filter.ref == "A2:Q5"


def test_no_rows_gives_title_and_header_only(tmp_path):
    count, ws = export(tmp_path, iter(()))
    assert count == 0
    assert ws.max_row == 2
    assert [c.value for c in ws[2]] == HEADERS
    assert ws.auto_filter.ref == "A2:Q2"


def test_control_characters_are_dropped_and_line_ends_become_lf(tmp_path):
    _, ws = export(tmp_path, [person(name="张\x01三\x1f", notes="第一行\r\n第二行\r第三行\x0b\ufffe\ud800", party_branch="\x00")])
    assert cell(ws, "name").value == "张三"
    assert cell(ws, "notes").value == "第一行\n第二行\n第三行"
    assert cell(ws, "party_branch").value is None


def test_markup_characters_and_edge_spaces_survive(tmp_path):
    text = '  <b>&amp;</b> "x" \t'
    _, ws = export(tmp_path, [person(notes=text, name=" ")])
    assert cell(ws, "notes").value == text
    assert cell(ws, "name").value == " "


def test_overlong_text_is_cut_to_excels_cell_limit(tmp_path):
    _, ws = export(tmp_path, [person(notes="字" * 40000)])
    assert cell(ws, "notes").value == "字" * 32767


def test_a_failed_export_leaves_the_previous_file_alone(tmp_path):
    export(tmp_path, [person()])
    before = (tmp_path / "roster.xlsx").read_bytes()

    def broken():
        yield person()
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        write_roster(tmp_path / "roster.xlsx", broken(), club_name="", on=ON, full_ids=False)
    assert (tmp_path / "roster.xlsx").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["roster.xlsx"]


def test_rows_are_streamed_not_held(tmp_path):
    rows = (person(name=f"人{i}", notes="备注" * 20) for i in range(10_000))
    tracemalloc.start()
    try:
        count = write_roster(tmp_path / "big.xlsx", rows, club_name="", on=ON, full_ids=False)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 10_000
    # About 2.5 MB (the openpyxl frame); a list of the 10,000 row dicts alone would take over 9 MB.
    assert peak < 6 * 1024 * 1024
    with zipfile.ZipFile(tmp_path / "big.xlsx") as z:
        assert z.testzip() is None


@settings(max_examples=80, deadline=None)
@given(name=st.text(), notes=st.text())
def test_any_text_round_trips(name, notes):
    def stored(text):
        text = ILLEGAL_CHARACTERS_RE.sub("", text)
        text = "".join(ch for ch in text if ch not in "\ufffe\uffff" and not "\ud800" <= ch <= "\udfff")
        return text.replace("\r\n", "\n").replace("\r", "\n") or None

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.xlsx"
        write_roster(path, [person(name=name, notes=notes)], club_name=name, on=ON, full_ids=False)
        ws = openpyxl.load_workbook(path)["花名册"]
        assert cell(ws, "name").value == stored(name)
        assert cell(ws, "notes").value == stored(notes)
        for field in ("name", "notes"):
            if cell(ws, field).value is not None:
                assert cell(ws, field).data_type == "s"


# ---------------------------------------------------------------- the template

def template(tmp_path, **kwargs):
    write_template(tmp_path / "template.xlsx", **kwargs)
    return openpyxl.load_workbook(tmp_path / "template.xlsx")


def test_template_layout(tmp_path):
    wb = template(tmp_path, club_name="幸福里社区服务社")
    assert wb.sheetnames == ["花名册", "填写说明"]
    ws = wb["花名册"]
    assert ws["A1"].value == "幸福里社区服务社花名册"
    assert [c.value for c in ws[2]] == HEADERS
    assert ws.max_row == 2  # no empty formatted rows for an import to trip over
    assert ws.freeze_panes == "A3"
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$2:$2"
    assert ws.column_dimensions[LETTER["id_number"]].width >= 20
    assert template(tmp_path)["花名册"]["A1"].value == "花名册"


def test_template_id_and_phone_columns_are_text(tmp_path):
    ws = template(tmp_path)["花名册"]
    for field in ("id_number", "phone"):
        assert ws.column_dimensions[LETTER[field]].number_format == "@"
    assert ws.column_dimensions[LETTER["name"]].number_format == "General"


def test_template_drop_down_lists(tmp_path):
    ws = template(tmp_path)["花名册"]
    by_column = {}
    for dv in ws.data_validations.dataValidation:
        assert dv.type == "list" and dv.allow_blank and dv.showErrorMessage and dv.error and dv.errorTitle
        (ref,) = str(dv.sqref).split()
        by_column[ref] = dv.formula1.strip('"').split(",")
    expected = {
        "sex": ["男", "女"], "categories": ["党员", "志愿者", "居民", "党员、志愿者"], "status": ["在册", "已迁出", "已去世"],
        "situations": list(SITUATIONS), "tags": list(TALENT_TAGS), "posts": list(POSTS),
    }
    assert by_column == {f"{LETTER[f]}3:{LETTER[f]}1002": choices for f, choices in expected.items()}
    for dv in ws.data_validations.dataValidation:
        assert not dv.showDropDown  # in the file format, True would hide the arrow


def test_template_guide_sheet(tmp_path):
    guide = template(tmp_path)["填写说明"]
    text = "\n".join(str(v) for row in guide.iter_rows(values_only=True) for v in row if v)
    for phrase in ("1945-03-12", "1945/3/12", "1945年3月12日", "、", "文本"):
        assert phrase in text
    listed = [row[0] for row in guide.iter_rows(values_only=True)]
    assert all(header in listed for header in HEADERS)


# ---------------------------------------------------------------- the error workbook

def test_error_workbook_layout(tmp_path):
    headers = ["序号", "姓名", "身份证号", "出生日期", "联系电话"]
    rows = [
        (4, [1, "张三", "=1+1", datetime.datetime(1945, 3, 12), "+86 138"], "身份证号含有非法字符"),
        (7, [2, "@李四", 3.70502e17, "1945年3月", None], "身份证号被Excel存成了数字，末几位已丢失，请从原件重新录入"),
        (9, [3, "王五\x01", None, None, None, None, "多出的一格"], "姓名不能为空"),
    ]
    write_error_workbook(tmp_path / "errors.xlsx", headers, rows)
    wb = openpyxl.load_workbook(tmp_path / "errors.xlsx")
    assert wb.sheetnames == ["错误行"]
    ws = wb["错误行"]
    header = [c.value for c in ws[1]]
    assert header == ["原行号", *headers, None, None, "错误原因"]  # room for the cell beyond the header
    reason_head = ws.cell(1, len(header))
    assert reason_head.font.b and reason_head.fill.fill_type == "solid" and reason_head.fill.fgColor.rgb.endswith("FFC7CE")
    assert all(c.font.b for c in ws[1])
    assert [ws.cell(r, 1).value for r in (2, 3, 4)] == [4, 7, 9]
    assert [c.value for c in ws[2]][1:6] == [1, "张三", "=1+1", datetime.datetime(1945, 3, 12), "+86 138"]
    assert ws["D2"].data_type == "s" and ws["D2"].number_format == "@"  # an ID column stays text when edited
    assert ws["F2"].data_type == "s" and ws["C3"].data_type == "s" and ws["C3"].value == "@李四"
    assert ws["D3"].value == 3.70502e17  # what the file held, to be put right
    assert ws["C4"].value == "王五" and ws["H4"].value == "多出的一格"
    assert [ws.cell(r, len(header)).value for r in (2, 3, 4)] == [reason for *_, reason in rows]
    assert ws.freeze_panes == "B2"
    assert ws.column_dimensions[openpyxl.utils.get_column_letter(len(header))].width == 50
    assert ws.column_dimensions["B"].width >= 8


def test_error_workbook_with_no_rows(tmp_path):
    write_error_workbook(tmp_path / "errors.xlsx", ["姓名"], [])
    ws = openpyxl.load_workbook(tmp_path / "errors.xlsx")["错误行"]
    assert [c.value for c in ws[1]] == ["原行号", "姓名", "错误原因"] and ws.max_row == 1
