"""The volunteer time bank as the duty desk and the director use it: credits, withdrawals, rewards, corrections, levels."""

from __future__ import annotations

import datetime
import json
from app.db.connection import driver as sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from clubfile import cli_process
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import people, rota, timebank, visits
from app.db.connection import open_database
from app.db.settings import set_setting
from app.errors import InvalidRecord

ROOT = Path(__file__).resolve().parent.parent
D = datetime.date


def add(db, name, **values) -> int:
    return people.add_person(db, {"name": name, **values}, actor="主任")[0]


@pytest.fixture
def club(fresh_db):
    db = fresh_db
    ids = {"王": add(db, "王志愿", is_volunteer=True, on_rota=True), "李": add(db, "李志愿", is_volunteer=True),
           "张": add(db, "张老", is_member=True)}
    return db, ids


def balance(db, pid) -> float:
    return timebank.statement(db, pid).balance


# ---------------------------------------------------------------- the ledger

def test_deposits_withdrawals_exchanges_and_corrections_give_exact_balances(club):
    db, ids = club
    wang = ids["王"]
    first = timebank.deposit(db, wang, 2.5, on="2026-11-01", source="activity", note="义诊", actor="主任")
    timebank.deposit(db, wang, 10, on="2026-11-02", source="manual", note="补记十月", actor="主任")
    assert balance(db, wang) == 12.5
    timebank.withdraw(db, wang, 1.25, on="2026-11-03", note="请人代买药", actor="值班员")
    assert balance(db, wang) == 11.25
    reward = timebank.add_reward(db, "理发券", 5, 3, actor="主任")
    timebank.exchange(db, wang, reward, on="2026-11-04", actor="值班员")
    assert balance(db, wang) == 6.25
    timebank.correct(db, first, reason="义诊记错了人", actor="主任", on="2026-11-05")
    result = timebank.statement(db, wang, year=2026)
    assert (result.balance, result.earned_total, result.hours_this_year) == (3.75, 10.0, 10.0)
    assert result.entries == [
        ("2026-11-01", "deposit", 2.5, "activity", "义诊"),
        ("2026-11-02", "deposit", 10.0, "manual", "补记十月"),
        ("2026-11-03", "withdrawal", -1.25, "help", "请人代买药"),
        ("2026-11-04", "exchange", -5.0, "reward", "理发券"),
        ("2026-11-05", "correction", -2.5, "activity", f"更正第 {first} 条：义诊记错了人"),
    ]
    with pytest.raises(InvalidRecord, match="已经更正过了"):
        timebank.correct(db, first, reason="再来一次", actor="主任")


def test_a_short_balance_is_refused_in_chinese_and_nothing_is_written(club):
    db, ids = club
    timebank.deposit(db, ids["李"], 3, on="2026-11-01", source="manual", note="", actor="主任")
    with pytest.raises(InvalidRecord) as caught:
        timebank.withdraw(db, ids["李"], 4.5, on="2026-11-02", note="请人打扫", actor="值班员")
    assert str(caught.value) == "余额不足：现有 3 小时，要支取 4.5 小时"
    with pytest.raises(InvalidRecord) as caught:
        timebank.withdraw(db, ids["李"], 1, on="2026-11-02", note=" ", actor="值班员")
    assert caught.value.errors == {"note": "请写明支取时长换来的帮助"}
    with pytest.raises(InvalidRecord) as caught:
        timebank.deposit(db, ids["李"], -2, on="2026-11-02", source="manual", note="", actor="主任")
    assert caught.value.errors == {"hours": "时长应大于 0"}
    assert len(timebank.statement(db, ids["李"]).entries) == 1


def test_an_exchange_takes_one_from_stock_and_is_refused_at_zero_or_when_short(club):
    db, ids = club
    timebank.deposit(db, ids["王"], 20, on="2026-11-01", source="manual", note="", actor="主任")
    towel = timebank.add_reward(db, "毛巾", 4, 2, actor="主任")
    rice = timebank.add_reward(db, "大米", 50, 5, actor="主任")
    timebank.exchange(db, ids["王"], towel, on="2026-11-02", actor="值班员")
    assert [(r["name"], r["stock"]) for r in timebank.rewards(db)] == [("毛巾", 1), ("大米", 5)]
    with pytest.raises(InvalidRecord, match="余额不足：现有 16 小时，要兑换 50 小时"):
        timebank.exchange(db, ids["王"], rice, on="2026-11-02", actor="值班员")
    last = timebank.exchange(db, ids["王"], towel, on="2026-11-02", actor="值班员")
    with pytest.raises(InvalidRecord, match="“毛巾”已兑完，没有库存了"):
        timebank.exchange(db, ids["王"], towel, on="2026-11-03", actor="值班员")
    assert balance(db, ids["王"]) == 12
    # Reversing an exchange returns the hours and the towel.
    timebank.correct(db, last, reason="没领走", actor="主任")
    assert balance(db, ids["王"]) == 16
    assert timebank.rewards(db)[0]["stock"] == 1
    with pytest.raises(InvalidRecord) as caught:
        timebank.add_reward(db, "", 0, -1, actor="主任")
    assert caught.value.errors == {"name": "请填写奖品名称", "hours": "时长应大于 0", "stock": "库存应是不小于 0 的整数"}


def test_reversing_a_deposit_already_spent_is_refused(club):
    db, ids = club
    entry = timebank.deposit(db, ids["王"], 5, on="2026-11-01", source="manual", note="", actor="主任")
    timebank.withdraw(db, ids["王"], 4, on="2026-11-02", note="代办", actor="主任")
    with pytest.raises(InvalidRecord, match="余额不足：现有 1 小时，要冲回 5 小时"):
        timebank.correct(db, entry, reason="记错", actor="主任")


def test_level_follows_earned_hours_and_a_withdrawal_never_lowers_it(club):
    db, ids = club
    assert timebank.level_of(99.99) is None and timebank.level_of(100) == "白金"
    assert timebank.level_of(1499) == "钻石" and timebank.level_of(5000) == "皇冠"
    timebank.deposit(db, ids["王"], 320, on="2026-11-01", source="manual", note="往年累计", actor="主任")
    assert timebank.statement(db, ids["王"]).level == "黄金"
    timebank.withdraw(db, ids["王"], 300, on="2026-11-02", note="家中请护工", actor="主任")
    result = timebank.statement(db, ids["王"])
    assert (result.balance, result.earned_total, result.level) == (20, 320, "黄金")
    set_setting(db, "timebank_levels", [["一星", 20], ["五星", 400]], actor="主任")
    assert timebank.statement(db, ids["王"]).level == "一星"


def test_level_ups_name_who_reached_a_new_level_in_the_month(club):
    db, ids = club
    timebank.deposit(db, ids["王"], 90, on="2026-10-15", source="manual", note="", actor="主任")
    timebank.deposit(db, ids["王"], 15, on="2026-11-03", source="manual", note="", actor="主任")
    timebank.deposit(db, ids["李"], 5, on="2026-11-03", source="manual", note="", actor="主任")
    ups = timebank.level_ups(db, "2026-11-01", "2026-11-30")
    assert [(u.name, u.old_level, u.new_level, u.earned) for u in ups] == [("王志愿", None, "白金", 105)]
    assert timebank.level_ups(db, "2026-12-01", "2026-12-31") == []


def test_the_ledger_is_append_only(club):
    db, ids = club
    timebank.deposit(db, ids["王"], 1, on="2026-11-01", source="manual", note="", actor="主任")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("UPDATE hours_entry SET hours = 100")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("DELETE FROM hours_entry")
    assert balance(db, ids["王"]) == 1


# ---------------------------------------------------------------- crediting visits and shifts

def test_visits_and_attended_shifts_are_credited_once_each(club):
    db, ids = club
    visits.log_visit(db, {"person_id": ids["张"], "kind": "festival", "visit_date": "2026-09-25",
                          "visitor_ids": [ids["王"], ids["李"]]}, actor="值班员", today=D(2026, 11, 22))
    rota.ensure_defaults(db, actor="主任", today=D(2026, 11, 22))
    shift = rota.assign(db, "2026-11-02", "desk_am", ids["王"], actor="主任")
    absent = rota.assign(db, "2026-11-03", "desk_pm", ids["王"], actor="主任")
    rota.confirm(db, shift, True, actor="主任", today=D(2026, 11, 22))
    rota.confirm(db, absent, False, actor="主任", today=D(2026, 11, 22))

    assert timebank.credit_visits_and_shifts(db, actor="主任") == 3
    assert timebank.credit_visits_and_shifts(db, actor="主任") == 0
    wang = timebank.statement(db, ids["王"])
    assert wang.entries == [("2026-09-25", "deposit", 1.0, "visit", "走访"),
                            ("2026-11-02", "deposit", 3.0, "shift", "上午值班")]
    assert balance(db, ids["李"]) == 1.0
    # A later visit is credited at the club's own rate; the earlier ones are not credited again.
    set_setting(db, "visit_hours", 1.5, actor="主任")
    visits.log_visit(db, {"person_id": ids["张"], "kind": "special", "visit_date": "2026-11-10",
                          "visitor_ids": [ids["李"]]}, actor="值班员", today=D(2026, 11, 22))
    assert timebank.credit_visits_and_shifts(db, actor="主任") == 1
    assert balance(db, ids["李"]) == 2.5
    # The unique index refuses a second credit of the same shift however it is attempted.
    with pytest.raises(InvalidRecord, match="已经给王志愿记过时长了"):
        timebank.deposit(db, ids["王"], 3, on="2026-11-02", source="shift", source_id=shift, note="", actor="主任")


def test_statements_cover_every_volunteer_in_roster_order(club):
    db, ids = club
    timebank.deposit(db, ids["李"], 2, on="2026-11-01", source="manual", note="", actor="主任")
    rows = {s.person_id: s for s in timebank.statements(db, year=2026)}
    assert set(rows) == {ids["王"], ids["李"]}
    assert (rows[ids["李"]].balance, rows[ids["王"]].balance, rows[ids["王"]].entries) == (2, 0, [])
    assert rows[ids["李"]] == timebank.statement(db, ids["李"], year=2026)


# ---------------------------------------------------------------- the command line

def run_cli(*args):
    return cli_process(args)


def test_cli_prints_the_statement_as_json_and_refuses_a_short_withdrawal(club, db_path):
    db, ids = club
    timebank.deposit(db, ids["王"], 2, on="2026-11-01", source="activity", note="磨刀", actor="主任")
    reward = timebank.add_reward(db, "大米", 10, 1, actor="主任")
    db.close()

    done = run_cli("hours", "--db", db_path, "--person", ids["王"], "--withdraw", "0.5", "--note", "代买药", "--json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert set(out) == {"person_id", "balance", "earned_total", "level", "entries"}
    assert (out["person_id"], out["balance"], out["earned_total"], out["level"]) == (ids["王"], 1.5, 2, None)
    assert out["entries"][0] == {"date": "2026-11-01", "kind": "deposit", "hours": 2, "source": "activity", "note": "磨刀"}
    assert set(out["entries"][1]) == {"date", "kind", "hours", "source", "note"}

    for refused in (("--withdraw", "5", "--note", "请护工"), ("--exchange", reward)):
        bad = run_cli("hours", "--db", db_path, "--person", ids["王"], *refused)
        assert bad.returncode == 1
        assert bad.stderr.strip().splitlines() == [f"错误：余额不足：现有 1.5 小时，要{'支取 5' if refused[0] == '--withdraw' else '兑换 10'} 小时"]
        assert "Traceback" not in bad.stderr

    credit = run_cli("hours", "--db", db_path, "--credit")
    assert credit.returncode == 0 and "已记入 0 笔" in credit.stdout
    text = run_cli("hours", "--db", db_path, "--person", ids["王"])
    assert "余额 1.5 小时" in text.stdout and "支取" in text.stdout


def test_cli_without_a_person_says_so(db_path):
    open_database(db_path).close()
    done = run_cli("hours", "--db", db_path)
    assert (done.returncode, done.stderr.strip()) == (1, "错误：请用 --person 指定志愿者编号")


# ---------------------------------------------------------------- a property over random use

OPS = st.lists(st.one_of(
    st.tuples(st.just("deposit"), st.integers(1, 400).map(lambda n: n / 4)),
    st.tuples(st.just("withdraw"), st.integers(1, 400).map(lambda n: n / 4)),
    st.tuples(st.just("exchange"), st.integers(0, 1)),
    st.tuples(st.just("correct"), st.integers(0, 30)),
), max_size=25)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(OPS)
def test_any_sequence_keeps_balance_equal_to_the_entries_never_negative_and_levels_rising(ops):
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "club.sqlite")
        try:
            pid = add(db, "志愿者", is_volunteer=True)
            rewards = [timebank.add_reward(db, "毛巾", 7.5, 3, actor="t"), timebank.add_reward(db, "大米", 60, 1, actor="t")]
            made: list[tuple[int, str]] = []
            rank = {name: i for i, (name, _) in enumerate(timebank.LEVELS)}
            last_rank = -1
            for op, value in ops:
                before = balance(db, pid)
                lowers = False
                try:
                    if op == "deposit":
                        made.append((timebank.deposit(db, pid, value, on="2026-11-01", source="manual", note="",
                                                      actor="t"), "deposit"))
                    elif op == "withdraw":
                        made.append((timebank.withdraw(db, pid, value, on="2026-11-02", note="代办", actor="t"), "w"))
                        assert before >= value
                    elif op == "exchange":
                        made.append((timebank.exchange(db, pid, rewards[value], on="2026-11-03", actor="t"), "x"))
                    elif made:
                        entry_id, kind = made[value % len(made)]
                        timebank.correct(db, entry_id, reason="更正", actor="t")
                        lowers = kind == "deposit"  # reversing a mistaken deposit may rightly lower the level
                except InvalidRecord as exc:
                    assert "余额不足" in str(exc) or "已兑完" in str(exc) or "已经更正过了" in str(exc)
                    if op == "withdraw":
                        assert before < value
                result = timebank.statement(db, pid)
                assert result.balance == round(sum(e.hours for e in result.entries), 2)
                assert result.balance >= 0
                now = rank.get(result.level, -1)
                assert now >= last_rank or lowers
                last_rank = now
            assert [r["stock"] >= 0 for r in timebank.rewards(db)] == [True, True]
            # the page's one-query listing agrees with the statements, figure for figure
            figures = lambda s: (s.person_id, s.name, s.balance, s.earned_total, s.level, s.hours_this_year)  # noqa: E731
            assert [figures(s) for s in timebank.summaries(db)] == [figures(s) for s in timebank.statements(db)]
        finally:
            db.close()


def test_the_listing_agrees_with_every_statement_of_the_demo_club(demo_db):
    figures = lambda s: (s.person_id, s.name, s.balance, s.earned_total, s.level, s.hours_this_year)  # noqa: E731
    listed = timebank.summaries(demo_db)
    assert len(listed) > 20 and any(s.level for s in listed)
    assert [figures(s) for s in listed] == [figures(s) for s in timebank.statements(demo_db)]


def test_a_withdrawal_is_linked_to_the_visit_in_which_the_help_was_given(club):
    from app import visits

    db, ids = club[0], club[1]
    volunteer, other = list(ids.values())[:2]
    timebank.deposit(db, volunteer, 10, on="2026-01-05", source="manual", note="往年", actor="主任")
    visit = visits.log_visit(db, {"person_id": volunteer, "kind": "hospital", "visit_date": "2026-03-01",
                                  "visitor_ids": [other], "notes": "住院期间代购"}, actor="主任",
                             today=datetime.date(2026, 3, 2))
    entry = timebank.withdraw(db, volunteer, 2, on="2026-03-01", note="住院期间代购", visit_id=visit, actor="主任")
    stored = [r for r in timebank.ledger(db, volunteer) if r[5] == entry][0]
    assert stored[3] == "help" and db.execute("SELECT source_id FROM hours_entry WHERE id = ?",
                                               [entry]).fetchone()[0] == visit
    with pytest.raises(InvalidRecord) as caught:
        timebank.withdraw(db, other, 1, note="x", visit_id=visit, actor="主任")
    assert "看望的不是" in caught.value.errors["visit_id"]
    with pytest.raises(InvalidRecord) as caught:
        timebank.withdraw(db, volunteer, 1, note="x", visit_id=9999, actor="主任")
    assert caught.value.errors == {"visit_id": "没有编号为 9999 的走访记录"}
