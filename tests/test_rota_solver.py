"""The month's duty rota: what a director sees — rules kept, places filled or explained, fair counts, small repairs."""

from __future__ import annotations

import datetime
import itertools
import random
from collections import Counter, defaultdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ortools.sat.python import cp_model

from app.rota_solver import Assignment, Plan, Slot, Volunteer, greedy, solve

DEC = [datetime.date(2026, 12, d) for d in range(1, 32)]


def desk_month(need: int = 1, days: list[datetime.date] = DEC) -> list[Slot]:
    """A morning and an afternoon desk shift every day."""
    return [s for day in days for s in (Slot(f"{day}/desk_am", day, "上午值班", "morning", need),
                                        Slot(f"{day}/desk_pm", day, "下午值班", "afternoon", need))]


def vol(pid, *, skills=(), away=(), max_shifts=None, prefers=None):
    return Volunteer(pid, f"志{pid}", frozenset(skills), frozenset(away), max_shifts, prefers)


def club_month(volunteers: int, seed: int) -> tuple[list[Slot], list[Volunteer]]:
    """Like bench/rota.py: desk twice a day (2 each), four weekly projects, two of them skilled."""
    rng = random.Random(seed)
    slots = desk_month(need=2)
    for day in DEC:
        for key, name, weekday, part, need, skill in (("clinic", "义诊", 2, "morning", 2, "医护"),
                                                      ("haircut", "理发", 1, "afternoon", 2, "理发"),
                                                      ("knives", "磨刀", 5, "morning", 1, None),
                                                      ("repair", "便民维修", 5, "afternoon", 1, None)):
            if day.weekday() == weekday:
                slots.append(Slot(f"{day}/{key}", day, name, part, need, skill))
    people = []
    for i in range(volunteers):
        skills = {s for s in ("理发", "医护") if rng.random() < 0.12}
        people.append(vol(i + 1, skills=skills, away=rng.sample(DEC, rng.randint(0, 6)),
                          max_shifts=rng.randint(2, 4) if rng.random() < 0.15 else None,
                          prefers=rng.choice(["morning", "afternoon", None])))
    return slots, people


# The rules and the tiers, written again independently of the module.

def broken_rules(plan: Plan, slots, volunteers, fixed=()) -> list[str]:
    """Every hard rule a non-fixed assignment of ``plan`` breaks (fixed ones are the director's decision)."""
    by_key = {s.key: s for s in slots}
    people = {v.person_id: v for v in volunteers}
    fixed = {(a.slot_key, a.person_id) for a in fixed}
    problems = []
    pairs = [(a.slot_key, a.person_id) for a in plan.assignments]
    if len(set(pairs)) != len(pairs):
        problems.append("someone twice in one slot")
    per_part = Counter((pid, by_key[key].day, by_key[key].part) for key, pid in pairs)
    per_slot = Counter(key for key, _ in pairs)
    per_person = Counter(pid for _, pid in pairs)
    for key, pid in set(pairs) - fixed:
        slot, v = by_key[key], people[pid]
        if slot.day in v.unavailable:
            problems.append(f"{pid} away on {slot.day}")
        if slot.skill is not None and slot.skill not in v.skills:
            problems.append(f"{pid} lacks {slot.skill}")
        if per_part[pid, slot.day, slot.part] > 1:
            problems.append(f"{pid} twice in {slot.day} {slot.part}")
        if v.max_shifts is not None and per_person[pid] > v.max_shifts:
            problems.append(f"{pid} over {v.max_shifts}")
        if per_slot[key] > slot.need:
            problems.append(f"{key} over its need")
    return problems


def filled(plan: Plan, slots) -> int:
    return sum(s.need for s in slots) - sum(missing for _, missing, _ in plan.unfilled)


def squares(plan: Plan) -> int:
    return sum(c * c for c in plan.counts.values())


def tiers(pairs: set, slots, volunteers, previous: set) -> tuple[int, int, int, int]:
    """(−places filled, changes, sum of squares, preferences broken): smaller is better, in this order."""
    by_key = {s.key: s for s in slots}
    counts = Counter({v.person_id: 0 for v in volunteers})
    counts.update(pid for _, pid in pairs)
    places = sum(min(s.need, sum(1 for key, _ in pairs if key == s.key)) for s in slots)
    people = {v.person_id: v for v in volunteers}
    off = sum(1 for key, pid in pairs if people[pid].prefers and people[pid].prefers != by_key[key].part)
    return -places, len(pairs ^ previous), sum(c * c for c in counts.values()), off


def best_by_brute_force(slots, volunteers, fixed: set, previous: set) -> tuple[int, int, int, int]:
    """The lexicographic optimum over every plan the rules allow (tiny instances only)."""
    choices = []
    for s in slots:
        taken = [pid for key, pid in fixed if key == s.key]
        able = [v.person_id for v in volunteers if s.day not in v.unavailable
                and (s.skill is None or s.skill in v.skills) and v.person_id not in taken]
        room = max(0, s.need - len(taken))
        choices.append([(s, combo) for r in range(min(room, len(able)) + 1)
                        for combo in itertools.combinations(able, r)])
    by_key = {s.key: s for s in slots}
    caps = {v.person_id: v.max_shifts for v in volunteers}
    best = None
    for pick in itertools.product(*choices):
        pairs = set(fixed) | {(s.key, pid) for s, combo in pick for pid in combo}
        chosen = [(s, pid) for s, combo in pick for pid in combo]
        parts = Counter((pid, by_key[key].day, by_key[key].part) for key, pid in pairs)
        if any(parts[pid, s.day, s.part] > 1 for s, pid in chosen):
            continue
        per = Counter(pid for _, pid in pairs)
        if any(caps[pid] is not None and per[pid] > caps[pid] for _, pid in chosen):
            continue
        key = tiers(pairs, slots, volunteers, previous)
        best = key if best is None or key < best else best
    return best


def pairs_of(plan: Plan) -> set[tuple[str, int]]:
    return {(a.slot_key, a.person_id) for a in plan.assignments}


# Random small months for the properties.

@st.composite
def small_months(draw, max_slots=6, max_volunteers=5, days=3, with_fixed=True, with_previous=True):
    dates = DEC[:days]
    slots = []
    for i in range(draw(st.integers(0, max_slots))):
        slots.append(Slot(f"s{i}", draw(st.sampled_from(dates)), f"班{i}",
                          draw(st.sampled_from(["morning", "afternoon", "evening"])), draw(st.integers(0, 3)),
                          draw(st.sampled_from([None, None, "理发"]))))
    people = []
    for pid in range(1, draw(st.integers(0, max_volunteers)) + 1):
        people.append(vol(pid, skills=draw(st.sets(st.sampled_from(["理发", "医护"]))),
                          away=draw(st.sets(st.sampled_from(dates))),
                          max_shifts=draw(st.one_of(st.none(), st.integers(0, 3))),
                          prefers=draw(st.sampled_from([None, "morning", "afternoon"]))))
    every = [Assignment(s.key, v.person_id) for s in slots for v in people]
    fixed = draw(st.sets(st.sampled_from(every), max_size=3)) if with_fixed and every else set()
    previous = draw(st.sets(st.sampled_from(every), max_size=6)) if with_previous and every else set()
    return slots, people, fixed, previous


# --- the hard rules -----------------------------------------------------------------------------------------

def test_hand_case_keeps_every_rule():
    day = DEC[0]
    slots = [Slot("am", day, "上午值班", "morning", 2), Slot("knives", day, "磨刀", "morning", 1),
             Slot("hair", day, "理发", "afternoon", 2, "理发"), Slot("pm", day, "下午值班", "afternoon", 3)]
    people = [vol(1, skills={"理发"}), vol(2, away={day}), vol(3, max_shifts=1), vol(4), vol(5, skills={"理发"})]
    plan = solve(slots, people)
    assert broken_rules(plan, slots, people) == []
    got = defaultdict(set)
    for a in plan.assignments:
        got[a.slot_key].add(a.person_id)
    assert got["hair"] == {1, 5}                       # only the two barbers, and both
    assert got["pm"] == {3, 4}                         # 3's one shift goes where only 3 and 4 can go
    assert len(got["am"]) == 2 and len(got["knives"]) == 1 and got["am"] | got["knives"] == {1, 4, 5}
    assert plan.counts == {1: 2, 2: 0, 3: 1, 4: 2, 5: 2}
    assert plan.unfilled == (("pm", 1, "当天能来的志愿者都已排满（2 人已在本班，2 人同一时段已有班，1 人当天请假）"),)
    day_of = {s.key: s.day for s in slots}
    assert list(plan.assignments) == sorted(plan.assignments, key=lambda a: (day_of[a.slot_key], a.slot_key,
                                                                            a.person_id))


def test_morning_and_afternoon_of_one_day_are_separate_parts():
    day = DEC[0]
    slots = [Slot("am", day, "上午值班", "morning", 1), Slot("pm", day, "下午值班", "afternoon", 1),
             Slot("eve", day, "晚班", "evening", 1)]
    plan = solve(slots, [vol(1)])
    assert plan.counts == {1: 3} and plan.unfilled == ()


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_months(max_slots=8, max_volunteers=6))
def test_random_months_keep_the_rules_and_report_honestly(month):
    slots, people, fixed, previous = month
    plan = solve(slots, people, fixed=fixed, previous=previous)
    assert broken_rules(plan, slots, people, fixed) == []
    assert {(a.slot_key, a.person_id) for a in fixed} <= pairs_of(plan)
    counted = Counter({v.person_id: 0 for v in people})
    counted.update(a.person_id for a in plan.assignments)
    assert plan.counts == dict(counted)
    per_slot = Counter(a.slot_key for a in plan.assignments)
    assert {key: missing for key, missing, _ in plan.unfilled} == {
        s.key: s.need - per_slot[s.key] for s in slots if per_slot[s.key] < s.need}
    assert all(reason and "求解" not in reason for _, _, reason in plan.unfilled)   # proven, never "timed out"
    prev = {(a.slot_key, a.person_id) for a in previous}
    assert plan.changed == len(prev ^ pairs_of(plan))
    baseline = greedy(slots, people, fixed=fixed, previous=previous)
    assert broken_rules(baseline, slots, people, fixed) == []
    assert filled(plan, slots) >= filled(baseline, slots)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_months(max_slots=4, max_volunteers=3, days=2))
def test_tiny_months_reach_the_lexicographic_optimum(month):
    slots, people, fixed, previous = month
    fixed = {(a.slot_key, a.person_id) for a in fixed}
    previous = {(a.slot_key, a.person_id) for a in previous}
    plan = solve(slots, people, fixed=[Assignment(*p) for p in fixed], previous=[Assignment(*p) for p in previous])
    assert tiers(pairs_of(plan), slots, people, previous) == best_by_brute_force(slots, people, fixed, previous)


def test_a_month_with_nobody_is_all_explained_not_an_error():
    slots = desk_month(days=DEC[:2])
    plan = solve(slots, [])
    assert plan.assignments == () and plan.counts == {}
    assert [(key, missing) for key, missing, _ in plan.unfilled] == [(s.key, 1) for s in slots]
    assert {reason for _, _, reason in plan.unfilled} == {"值班名单上没有志愿者"}


def test_bad_input_is_refused():
    day = DEC[0]
    with pytest.raises(ValueError):
        solve([Slot("a", day, "班", "morning", 1), Slot("a", day, "班", "afternoon", 1)], [])
    with pytest.raises(ValueError):
        solve([Slot("a", day, "班", "noon", 1)], [])
    with pytest.raises(ValueError):
        solve([Slot("a", day, "班", "morning", 1)], [vol(1)], fixed=[Assignment("nope", 1)])
    with pytest.raises(ValueError):
        solve([], [vol(1), vol(1)])


# --- fairness -----------------------------------------------------------------------------------------------

def test_six_alike_share_a_month_within_one_shift():
    slots = desk_month(need=1)
    people = [vol(pid) for pid in range(1, 7)]
    plan = solve(slots, people)
    assert plan.unfilled == ()
    assert sum(plan.counts.values()) == 62
    assert max(plan.counts.values()) - min(plan.counts.values()) <= 1
    assert sorted(plan.counts.values()) == [10, 10, 10, 10, 11, 11]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_volunteers_with_the_same_availability_differ_by_at_most_one(data):
    days = DEC[:data.draw(st.integers(1, 5))]
    slots = desk_month(need=data.draw(st.integers(1, 3)), days=days)
    kinds = [(frozenset(data.draw(st.sets(st.sampled_from(days), max_size=2))),
              frozenset(data.draw(st.sets(st.sampled_from(["理发"]))))) for _ in range(data.draw(st.integers(1, 3)))]
    people = []
    for pid in range(1, data.draw(st.integers(2, 9)) + 1):
        away, skills = data.draw(st.sampled_from(kinds))
        people.append(vol(pid, away=away, skills=skills, prefers=data.draw(st.sampled_from([None, "morning"]))))
    plan = solve(slots, people)
    groups = defaultdict(list)
    for v in people:
        groups[v.unavailable, v.skills].append(plan.counts[v.person_id])
    assert all(max(c) - min(c) <= 1 for c in groups.values())


def test_unequal_availability_is_no_less_fair_than_greedy():
    slots, people = club_month(40, seed=3)
    plan, baseline = solve(slots, people), greedy(slots, people)
    assert filled(plan, slots) == filled(baseline, slots) == sum(s.need for s in slots)
    assert squares(plan) <= squares(baseline)
    assert plan.preferences_broken <= baseline.preferences_broken


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_months(max_slots=8, max_volunteers=6, with_fixed=False, with_previous=False))
def test_as_many_places_as_greedy_and_then_never_less_fair(month):
    slots, people, _, _ = month
    plan, baseline = solve(slots, people), greedy(slots, people)
    assert filled(plan, slots) >= filled(baseline, slots)
    if filled(plan, slots) == filled(baseline, slots):
        assert squares(plan) <= squares(baseline)


# --- what cannot be filled, and why -------------------------------------------------------------------------

def test_nobody_with_the_skill():
    day = DEC[1]
    slots = [Slot("hair", day, "理发", "afternoon", 2, "理发")]
    plan = solve(slots, [vol(1), vol(2, skills={"医护"})])
    assert plan.assignments == ()
    assert plan.unfilled == (("hair", 2, "没有会“理发”的志愿者"),)


def test_every_barber_away():
    day = DEC[1]
    slots = [Slot("hair", day, "理发", "afternoon", 1, "理发")]
    plan = solve(slots, [vol(1, skills={"理发"}, away={day}), vol(2, skills={"理发"}, away={day}), vol(3)])
    assert plan.unfilled == (("hair", 1, "需要“理发”技能的志愿者都不能来（2 人当天请假）"),)


def test_everyone_away_from_the_desk():
    day = DEC[1]
    plan = solve([Slot("am", day, "上午值班", "morning", 2)], [vol(1, away={day}), vol(2, away={day})])
    assert plan.unfilled == (("am", 2, "志愿者当天都不能来（2 人当天请假）"),)


def test_every_barber_at_the_monthly_maximum():
    slots = [Slot(f"hair{d}", DEC[d], "理发", "afternoon", 1, "理发") for d in range(3)]
    people = [vol(1, skills={"理发"}, max_shifts=1), vol(2, skills={"理发"}, max_shifts=1), vol(3)]
    plan = solve(slots, people)
    assert plan.counts == {1: 1, 2: 1, 3: 0}
    assert len(plan.unfilled) == 1
    _, missing, reason = plan.unfilled[0]
    assert missing == 1
    assert reason == "当天能来的会“理发”的志愿者都已排满（2 人已到本月上限）"


def test_full_because_busy_at_the_same_time_or_capped_or_away():
    day = DEC[4]
    slots = [Slot("clinic", day, "义诊", "morning", 2, "医护"), Slot("am", day, "上午值班", "morning", 4)]
    people = [vol(1, skills={"医护"}), vol(2, skills={"医护"}), vol(3, max_shifts=0), vol(4, away={day}), vol(5)]
    plan = solve(slots, people, fixed=[Assignment("clinic", 1), Assignment("clinic", 2)])
    assert pairs_of(plan) == {("clinic", 1), ("clinic", 2), ("am", 5)}
    assert plan.unfilled == (("am", 3, "当天能来的志愿者都已排满（1 人已在本班，2 人同一时段已有班，1 人已到本月上限，1 人当天请假）"),)


def test_fewer_able_than_places():
    day = DEC[4]
    plan = solve([Slot("am", day, "上午值班", "morning", 3)], [vol(1), vol(2), vol(3, away={day})])
    assert plan.unfilled == (("am", 1, "当天能来的志愿者只有 2 位，已全部排在本班（另有 1 人当天请假）"),)


# --- fixed assignments --------------------------------------------------------------------------------------

def test_fixed_assignments_are_kept_even_when_unfair_or_against_the_rules():
    slots = desk_month(need=1, days=DEC[:10])
    people = [vol(1, away={DEC[0]}, max_shifts=3, prefers="afternoon"), vol(2), vol(3)]
    fixed = [Assignment(f"{DEC[d]}/desk_am", 1) for d in range(5)]          # 5 > max 3, one on a day away
    fixed += [Assignment(f"{DEC[0]}/desk_am", 2)]                            # over the desk's need of 1
    plan = solve(slots, people, fixed=fixed)
    assert {(a.slot_key, a.person_id) for a in fixed} <= pairs_of(plan)
    assert plan.counts[1] == 5                                               # nothing added to the overloaded
    assert plan.counts[2] + plan.counts[3] == 15 + 1                          # the 15 places left, and 2's fixed
    assert abs(plan.counts[2] - plan.counts[3]) <= 1                          # and shared fairly around them
    assert plan.unfilled == ()
    assert broken_rules(plan, slots, people, fixed) == []
    assert plan.preferences_broken >= 5                                       # the director's choice counts too


def test_a_fixed_volunteer_is_busy_for_that_part_of_the_day():
    day = DEC[0]
    slots = [Slot("am", day, "上午值班", "morning", 1), Slot("knives", day, "磨刀", "morning", 1)]
    plan = solve(slots, [vol(1)], fixed=[Assignment("knives", 1)])
    assert pairs_of(plan) == {("knives", 1)}
    assert plan.unfilled == (("am", 1, "当天能来的志愿者都已排满（1 人同一时段已有班）"),)


# --- repairs ------------------------------------------------------------------------------------------------

def drop_from_the_15th(people: list[Volunteer], pid: int) -> list[Volunteer]:
    later = frozenset(DEC[14:])
    return [Volunteer(v.person_id, v.name, v.skills, v.unavailable | later, v.max_shifts, v.prefers)
            if v.person_id == pid else v for v in people]


def test_repair_moves_only_the_places_of_the_one_who_dropped_out():
    slots, people = club_month(40, seed=1)
    first = solve(slots, people)
    pid = max(first.counts, key=lambda p: (first.counts[p], -p))
    lost = {(key, p) for key, p in pairs_of(first) if p == pid and key >= str(DEC[14])}
    assert lost
    later = drop_from_the_15th(people, pid)
    repaired = solve(slots, later, previous=first.assignments)
    assert pairs_of(first) - pairs_of(repaired) == lost                # every still-valid assignment kept
    assert len(pairs_of(repaired) - pairs_of(first)) == len(lost)      # one replacement each
    assert repaired.changed == 2 * len(lost)
    assert repaired.unfilled == () and broken_rules(repaired, slots, later) == []

    g_first = greedy(slots, people)
    g_pid = max(g_first.counts, key=lambda p: (g_first.counts[p], -p))
    g_repaired = greedy(slots, drop_from_the_15th(people, g_pid), previous=g_first.assignments)
    assert g_repaired.changed > repaired.changed                       # greedy starts afresh and reshuffles
    assert g_repaired.changed > 2 * len(lost)


def test_repair_keeps_the_previous_plan_when_nothing_changed():
    slots, people = club_month(25, seed=2)
    first = solve(slots, people)
    again = solve(slots, people, previous=first.assignments)
    assert again.assignments == first.assignments and again.changed == 0


def test_repair_prefers_keeping_over_fairness():
    slots = desk_month(need=1, days=DEC[:4])
    people = [vol(1), vol(2)]
    previous = [Assignment(s.key, 1) for s in slots]                    # all eight to volunteer 1
    plan = solve(slots, people, previous=previous)
    assert plan.changed == 0 and plan.counts == {1: 8, 2: 0}


# --- preferences --------------------------------------------------------------------------------------------

def test_morning_people_get_mornings_when_mornings_have_room():
    slots = desk_month(need=1, days=DEC[:7])
    people = [vol(1, prefers="morning"), vol(2, prefers="afternoon")]
    plan = solve(slots, people)
    assert plan.preferences_broken == 0
    assert all(a.slot_key.endswith("desk_am") == (a.person_id == 1) for a in plan.assignments)


def test_preferences_yield_to_fairness():
    slots = desk_month(need=1, days=DEC[:4])
    people = [vol(1, prefers="morning"), vol(2, prefers="morning"), vol(3, prefers="morning")]
    plan = solve(slots, people)
    assert sorted(plan.counts.values()) == [2, 3, 3]                   # fair first
    assert plan.preferences_broken == 4                                # then 4 afternoons nobody wants


# --- determinism and speed ----------------------------------------------------------------------------------

def test_same_month_same_plan_whatever_the_input_order():
    slots, people = club_month(40, seed=5)
    first = solve(slots, people)
    rng = random.Random(0)
    shuffled_slots, shuffled_people = slots[:], people[:]
    rng.shuffle(shuffled_slots)
    rng.shuffle(shuffled_people)
    for again in (solve(slots, people), solve(shuffled_slots, shuffled_people)):
        assert (again.assignments, again.unfilled, again.counts) == (first.assignments, first.unfilled, first.counts)


def test_a_club_month_is_proven_optimal_quickly(monkeypatch):
    statuses = []
    real = cp_model.CpSolver.solve

    def recording(self, model, *args, **kwargs):
        statuses.append(real(self, model, *args, **kwargs))
        return statuses[-1]

    monkeypatch.setattr(cp_model.CpSolver, "solve", recording)
    slots, people = club_month(40, seed=1)
    plan = solve(slots, people)
    assert statuses and all(s == cp_model.OPTIMAL for s in statuses)
    assert plan.seconds < 2.0          # about 0.25 s on the 2-core build machine; slack for a loaded CI
    repaired = solve(slots, drop_from_the_15th(people, 1), previous=plan.assignments)
    assert all(s == cp_model.OPTIMAL for s in statuses) and repaired.seconds < 2.0


def test_out_of_time_still_gives_a_plan_that_keeps_the_rules():
    slots, people = club_month(40, seed=1)
    plan = solve(slots, people, time_limit=0.0)
    assert broken_rules(plan, slots, people) == []
    assert filled(plan, slots) == filled(greedy(slots, people), slots)
