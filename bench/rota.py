"""Benchmark: app.rota_solver.solve against the greedy baseline on one month of desk duty and projects; prints a table.

    python bench/rota.py [--volunteers 40] [--seed 1]

The month is December 2026: a morning and an afternoon desk shift every day (2 volunteers each), and four
weekly projects — 义诊 (Wednesday morning, 2, needs 医护), 理发 (Tuesday afternoon, 2, needs 理发), 磨刀
(Saturday morning, 1) and 便民维修 (Saturday afternoon, 1). Volunteers are away 0-6 random days, a few have a
monthly maximum, most prefer mornings or afternoons. The repair scenario: the busiest volunteer drops out from
the 15th and the month is planned again against the first plan.
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ortools.sat.python import cp_model  # noqa: E402

from app.rota_solver import Plan, Slot, Volunteer, greedy, solve  # noqa: E402

SURNAMES = "王李张刘陈杨赵黄周吴"
YEAR, MONTH, DAYS = 2026, 12, 31
PROJECTS = (  # (key, name, weekday Mon=0, part, need, skill)
    ("clinic", "义诊", 2, "morning", 2, "医护"),
    ("haircut", "理发", 1, "afternoon", 2, "理发"),
    ("knives", "磨刀", 5, "morning", 1, None),
    ("repair", "便民维修", 5, "afternoon", 1, None),
)


def month_slots() -> list[Slot]:
    slots = []
    for d in range(1, DAYS + 1):
        day = datetime.date(YEAR, MONTH, d)
        slots.append(Slot(f"{day}/desk_am", day, "上午值班", "morning", 2))
        slots.append(Slot(f"{day}/desk_pm", day, "下午值班", "afternoon", 2))
        for key, name, weekday, part, need, skill in PROJECTS:
            if day.weekday() == weekday:
                slots.append(Slot(f"{day}/{key}", day, name, part, need, skill))
    return slots


def instance(volunteers: int, seed: int) -> tuple[list[Slot], list[Volunteer]]:
    rng = random.Random(seed)
    days = [datetime.date(YEAR, MONTH, d) for d in range(1, DAYS + 1)]
    people = []
    for i in range(volunteers):
        skills = set()
        if rng.random() < 0.12:
            skills.add("理发")
        if rng.random() < 0.12:
            skills.add("医护")
        away = frozenset(rng.sample(days, rng.randint(0, 6)))
        people.append(Volunteer(person_id=i + 1, name=rng.choice(SURNAMES) + f"委{i + 1}", skills=frozenset(skills),
                                unavailable=away, max_shifts=rng.randint(2, 4) if rng.random() < 0.15 else None,
                                prefers=rng.choice(["morning", "morning", "afternoon", "afternoon", None])))
    return month_slots(), people


def spreads(plan: Plan, volunteers: list[Volunteer]) -> tuple[int, int]:
    """(largest max − min among volunteers with the same availability and no maximum, max − min overall)."""
    groups = defaultdict(list)
    for v in volunteers:
        if v.max_shifts is None:
            groups[v.unavailable, v.skills].append(plan.counts[v.person_id])
    same = max((max(c) - min(c) for c in groups.values() if len(c) > 1), default=0)
    counts = [plan.counts[v.person_id] for v in volunteers]
    return same, max(counts) - min(counts)


def drop_out(volunteers: list[Volunteer], plan: Plan) -> tuple[list[Volunteer], int]:
    """The volunteer with the most shifts (lowest id on ties) becomes unavailable from the 15th."""
    pid = min(plan.counts, key=lambda p: (-plan.counts[p], p))
    later = frozenset(datetime.date(YEAR, MONTH, d) for d in range(15, DAYS + 1))
    return [Volunteer(v.person_id, v.name, v.skills, v.unavailable | later, v.max_shifts, v.prefers)
            if v.person_id == pid else v for v in volunteers], pid


class Statuses:
    """Records the status of every CP-SAT stage solved inside the block (to show each one was proven)."""

    def __enter__(self):
        self.seen, self._real = [], cp_model.CpSolver.solve

        def recording(solver, model, *args, **kwargs):
            self.seen.append(self._real(solver, model, *args, **kwargs))
            return self.seen[-1]

        cp_model.CpSolver.solve = recording
        return self

    def __exit__(self, *exc):
        cp_model.CpSolver.solve = self._real

    def proven(self) -> str:
        return "yes" if all(s == cp_model.OPTIMAL for s in self.seen) else "NO"


def measure(volunteers: int = 40, seed: int = 1) -> dict:
    """Median of 3 timed runs of solve and of greedy on one month, then the repair after a drop-out."""
    slots, people = instance(volunteers, seed)
    places = sum(s.need for s in slots)
    figures = {"slots": len(slots), "places": places, "volunteers": volunteers}
    for name, method in (("solve", solve), ("greedy", greedy)):
        times, plan = [], None
        with Statuses() as first:
            for _ in range(3):
                start = time.perf_counter()
                plan = method(slots, people)
                times.append(time.perf_counter() - start)
        second = method(slots, people)
        same, overall = spreads(plan, people)
        changed_people, gone = drop_out(people, plan)
        with Statuses() as again:
            start = time.perf_counter()
            repaired = method(slots, changed_people, previous=plan.assignments)
            repair_seconds = time.perf_counter() - start
        lost = sum(1 for a in plan.assignments if a.person_id == gone and a.slot_key >= f"{YEAR}-{MONTH}-15")
        figures[name] = {
            "seconds": statistics.median(times),
            "proven": first.proven() if name == "solve" else "-",
            "filled": places - sum(m for _, m, _ in plan.unfilled),
            "spread_same": same,
            "spread_all": overall,
            "squares": sum(c * c for c in plan.counts.values()),
            "preferences_broken": plan.preferences_broken,
            "deterministic": second.assignments == plan.assignments,
            "repair_lost": lost,
            "repair_changed": repaired.changed,
            "repair_seconds": repair_seconds,
            "repair_proven": again.proven() if name == "solve" else "-",
            "repair_filled": places - sum(m for _, m, _ in repaired.unfilled),
        }
    rows = [("seconds (median of 3)", "seconds", "{:.3f}"), ("every stage proven optimal", "proven", "{}"),
            ("places filled", "filled", "{}"),
            ("spread, same availability", "spread_same", "{}"), ("spread, all volunteers", "spread_all", "{}"),
            ("sum of squares", "squares", "{}"), ("preferences broken", "preferences_broken", "{}"),
            ("same plan twice", "deterministic", "{}"),
            ("repair: shifts lost by drop-out", "repair_lost", "{}"),
            ("repair: changed", "repair_changed", "{}"), ("repair: places filled", "repair_filled", "{}"),
            ("repair: seconds", "repair_seconds", "{:.3f}"), ("repair: proven optimal", "repair_proven", "{}")]
    print(f"rota: {YEAR}-{MONTH:02d}, {len(slots)} slots / {places} places, {volunteers} volunteers (seed {seed})")
    print(f"{'':34}{'solve':>10}{'greedy':>10}")
    for label, key, fmt in rows:
        print(f"{label:34}{fmt.format(figures['solve'][key]):>10}{fmt.format(figures['greedy'][key]):>10}")
    return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--volunteers", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    measure(args.volunteers, args.seed)
