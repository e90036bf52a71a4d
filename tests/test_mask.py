"""A mask that cannot be undone: whatever a duty volunteer can see or export about one person (the masked ID, the
birth date, the sex, the address) leaves at least 1,000 ID numbers that fit, counted over every region code of
the province (GB/T 2260, Shandong) with the check digit. Every surface that shows IDs is read back as a user
would get it and must show no more of any ID than the mask does; searching by digits the mask hides finds nobody.
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import numpy as np
import pypdfium2
import pytest
from openpyxl import load_workbook

from app import audit_log, certificates, people, timebank
from app.ids import MASK_HEAD, MASK_TAIL, mask_id
from app.reports.returns import save_return
from app.reports.certificate import save_service_certificates
from app.reports.statement import save_statement
from app.reports.roster import export_roster

REGIONS = [line.split("\t")[0] for line in
           (Path(__file__).parent / "data" / "gb2260_shandong.tsv").read_text(encoding="utf-8").splitlines()
           if line and not line.startswith("#")]
WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2])
CHECK = "10X98765432"
TOKEN = re.compile(r"[0-9X*]{15,18}")
AT_LEAST = 1000


SEQUENCES = np.array([[int(c) for c in f"{n:03d}"] for n in range(1000)])


def candidates(masked: str, birth: str, sex: str) -> int:
    """How many 18-character IDs pass the check digit and agree with the masked form, the birth date and the sex,
    over every region code of the province (every region x every sequence number, at once)."""
    assert len(masked) == 18
    regions = np.array([[int(c) for c in r] for r in REGIONS if all(m in ("*", c) for m, c in zip(masked[:6], r))])
    fits = (SEQUENCES[:, 2] % 2) == (1 if sex == "男" else 0)
    for i, m in enumerate(masked[14:17]):
        if m != "*":
            fits &= SEQUENCES[:, i] == int(m)
    sequences = SEQUENCES[fits]
    date = np.array([int(c) for c in birth.replace("-", "")])
    sums = (regions @ WEIGHTS[:6])[:, None] + int(date @ WEIGHTS[6:14]) + (sequences @ WEIGHTS[14:])[None, :]
    if masked[17] == "*":
        return int(sums.size)
    return int((np.array(list(CHECK))[sums % 11] == masked[17]).sum())


def shown_positions(token: str) -> set[int]:
    return {i for i, ch in enumerate(token) if ch != "*"}


def assert_masked_as_the_mask_says(text: str, people_rows: list[dict], surface: str) -> int:
    """No full ID in the text, and every masked ID shows no position the mask hides; returns how many were seen."""
    full = {p["id_number"] for p in people_rows if p["id_number"]}
    allowed = set(range(MASK_HEAD)) | set(range(18 - MASK_TAIL, 18))
    seen = 0
    for token in TOKEN.findall(text):
        assert token not in full, f"{surface} shows a whole ID number"
        if "*" in token and len(token) == 18:
            assert shown_positions(token) <= allowed, f"{surface} shows {token}"
            seen += 1
    return seen


@pytest.fixture
def everyone(demo_db):
    return [dict(p) for p in people.search_people(demo_db, people.RosterFilter(include_inactive=True))]


def test_every_person_of_the_demo_club_keeps_at_least_1000_candidates(everyone):
    counted = [candidates(mask_id(p["id_number"]), p["birth_date"], p["sex"])
               for p in everyone if p["id_number"] and len(p["id_number"]) == 18 and p["birth_date"]]
    assert len(counted) > 200
    assert min(counted) >= AT_LEAST, min(counted)
    # and the old mask (region and the last 4) gave each one back
    p = next(p for p in everyone if p["id_number"] and len(p["id_number"]) == 18)
    old = p["id_number"][:6] + "*" * 8 + p["id_number"][-4:]
    assert candidates(old, p["birth_date"], p["sex"]) == 1


def _pdf_text(path: Path) -> str:
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()


def _xlsx_text(path: Path) -> str:
    book = load_workbook(path, read_only=True)
    return "\n".join(str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                     for cell in row if cell is not None)


def test_no_surface_shows_more_of_an_id_than_the_mask(demo_db, demo_path, everyone, tmp_path, capsys, qtbot):
    from clubfile import cli_main as main
    from app.ui.models.roster import RosterModel

    seen: dict[str, int] = {}
    # the roster page's table, every column of every row
    model = RosterModel(demo_db)
    model.set_ids([p["id"] for p in everyone])
    text = "\n".join(str(model.data(model.index(r, c)) or "") for r in range(model.rowCount())
                     for c in range(model.columnCount()))
    seen["roster page"] = assert_masked_as_the_mask_says(text, everyone, "the roster page")
    # people --json
    main(["people", "--db", str(demo_path), "--all", "--json"])
    out = json.loads(capsys.readouterr().out)
    seen["people --json"] = assert_masked_as_the_mask_says(json.dumps(out, ensure_ascii=False), everyone, "people --json")
    # the masked roster export
    export_roster(demo_db, tmp_path / "名单.xlsx", actor="演示值班员甲")
    seen["roster export"] = assert_masked_as_the_mask_says(_xlsx_text(tmp_path / "名单.xlsx"), everyone, "the export")
    # the branch return, this month and the last
    today = datetime.date.today()
    text = ""
    for month in (today.strftime("%Y-%m"), (today.replace(day=1) - datetime.timedelta(days=1)).strftime("%Y-%m")):
        save_return(demo_db, month, tmp_path / f"{month}.xlsx")
        text += _xlsx_text(tmp_path / f"{month}.xlsx")
    seen["branch return"] = assert_masked_as_the_mask_says(text, everyone, "the branch return")
    # statements and certificates of the volunteers with hours
    earned = {row[0] for row in demo_db.execute("SELECT person_id FROM hours_entry WHERE kind = 'deposit'")}
    volunteers = [p for p in everyone if p["id"] in earned and p["id_number"]][:8]
    text = ""
    for p in volunteers:
        save_statement(demo_db, p["id"], tmp_path / f"s{p['id']}.pdf")
        text += _pdf_text(tmp_path / f"s{p['id']}.pdf")
    seen["statements"] = assert_masked_as_the_mask_says(text, everyone, "a statement")
    text = ""
    for p in volunteers:
        row = certificates.issue(demo_db, p["id"], f"{today.year - 1}-01-01", today.isoformat(), actor="演示主任")
        save_service_certificates(demo_db, [row["number"]], tmp_path / f"c{p['id']}.pdf")
        text += _pdf_text(tmp_path / f"c{p['id']}.pdf")
    seen["certificates"] = assert_masked_as_the_mask_says(text, everyone, "a certificate")
    # the audit viewer, every person row as the director reads it
    rows = audit_log.read(demo_db, table="person", limit=100000)
    text = "\n".join(audit_log.describe_change(row) for row in rows)
    seen["audit viewer"] = assert_masked_as_the_mask_says(text, everyone, "the audit viewer")
    assert all(count > 0 for count in seen.values()), seen  # each surface did show masked IDs


def test_the_detail_pane_shows_the_mask(qtbot, demo_db, demo_path, everyone):
    from app.accounts import Session
    from app.ui import session
    from app.ui.main_window import MainWindow

    session.set_current(Session(None, "演示值班员甲", "duty"))
    window = MainWindow(demo_db, demo_path, session=session.current())
    qtbot.addWidget(window)
    page = window.roster
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10000)
    shown = 0
    for row in range(0, page.model.rowCount(), 37):
        page.table.selectRow(row)
        shown += assert_masked_as_the_mask_says(page.details.text(), everyone, "the detail pane")
    assert shown > 0
    window.close()


def test_searching_by_hidden_digits_tells_a_duty_volunteer_nothing(demo_db, everyone):
    p = next(p for p in everyone if p["id_number"] and len(p["id_number"]) == 18 and p["status"] == "active")
    duty = people.RosterFilter(text=p["id_number"], include_inactive=True)
    director = people.RosterFilter(text=p["id_number"], include_inactive=True, full_ids=True)
    assert people.search_ids(demo_db, duty) == []
    assert people.search_ids(demo_db, director) == [p["id"]]
    tail = p["id_number"][-4:]
    found = people.search_ids(demo_db, people.RosterFilter(text=tail, include_inactive=True))
    by_id_alone = [q["id"] for q in everyone if (q["id_number"] or "").endswith(tail)
                   and tail not in (q["phone"] or "") and q["building"] != tail]
    assert not set(found) & set(by_id_alone)
