"""Filling a month of duty slots: CP-SAT, fair by the sum of squares, every slot filled or explained, repairs that move as little as possible."""

from __future__ import annotations

import datetime
import hashlib
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


PARTS = ("morning", "afternoon", "evening")
_PART_ORDER = {part: i for i, part in enumerate(PARTS)}

# CP-SAT settings, the same on every call so that results are reproducible:
#  * one search worker and a fixed seed: one worker is deterministic, so the same month gives the same plan on
#    every run (with several workers whichever finds an optimum first wins, and among the many equally good
#    plans that one differs from run to run). The LP bound closes each tier at once (see solve), so a second
#    worker would only race the first;
#  * no presolve and no probing: the model is already minimal, and presolving it again at every stage took
#    0.1–0.2 s per stage (measured on bench/rota.py: with presolve a 40-volunteer month took 0.3–1.0 s, without
#    it 0.15–0.5 s, every stage proven optimal either way).
_SOLVER_PARAMETERS = {"num_workers": 1, "random_seed": 20261201, "cp_model_presolve": False,
                      "cp_model_probing_level": 0}


@dataclass(frozen=True)
class Slot:
    key: str                 # unique, e.g. "2026-12-01/desk_am"
    day: datetime.date
    name: str                # e.g. "上午值班", "磨刀"
    part: str                # "morning" | "afternoon" | "evening": a volunteer does at most one slot per (day, part)
    need: int                # volunteers needed
    skill: str | None = None  # required skill (e.g. "理发"), None = anyone on the rota


@dataclass(frozen=True)
class Volunteer:
    person_id: int
    name: str
    skills: frozenset[str] = frozenset()
    unavailable: frozenset[datetime.date] = frozenset()   # days away and weekdays they cannot do, as dates
    max_shifts: int | None = None                        # most shifts in the month
    prefers: str | None = None                           # "morning" | "afternoon" | None


@dataclass(frozen=True)
class Assignment:
    slot_key: str
    person_id: int


@dataclass(frozen=True)
class Plan:
    assignments: tuple[Assignment, ...]          # sorted by (slot day, slot key, person_id)
    unfilled: tuple[tuple[str, int, str], ...]   # (slot_key, places missing, Chinese reason)
    counts: dict[int, int]                       # person_id -> shifts in this plan (every volunteer listed, 0 included)
    changed: int                                 # assignments different from `previous` (removed + added)
    preferences_broken: int                      # assignments in a part the volunteer does not prefer
    seconds: float


def solve(slots: Sequence[Slot], volunteers: Sequence[Volunteer], *, fixed: Iterable[Assignment] = (),
          previous: Iterable[Assignment] = (), time_limit: float = 5.0) -> Plan:
    """The best plan for the month, by four tiers in strict order:

      1. as many places filled as possible;
      2. as few changes to ``previous`` as possible (each previous assignment dropped counts 1, each new one 1);
      3. the smallest sum over volunteers of (shifts)², fixed ones included: the busiest as light as possible;
      4. as few assignments outside a volunteer's preferred part as possible;
    and among plans equal on all four, always the same one (tier 5, below), whatever the platform.

    ``fixed`` assignments are kept as given, even when they break a rule (the director decided); they count in
    the totals and make the volunteer busy for that part of the day. Every place may stay empty, so there is
    always a plan; each empty place gets a reason.

    The model: one boolean per (slot, volunteer) pair the hard rules allow, with at most ``open`` places per
    slot, at most one pair per (volunteer, day, part) and at most the volunteer's remaining ``max_shifts``.
    Shift counts are also written as booleans y_k ("at least k shifts", ordered), so a volunteer's square is
    the linear sum of the increments (2k − 1)·y_k. Slots partition the pairs and the (volunteer, day, part)
    groups nest inside the volunteers, so the problem is a min-cost flow in disguise and its LP relaxation is
    tight: CP-SAT's LP bound meets the hinted solution almost at once, and each stage ends proven optimal
    (on bench/rota.py's months, 25 to 60 volunteers, in 0.1–0.7 s for the whole solve).

    How the tiers stay strictly lexicographic — stages, each starting from the previous one's plan as a
    complete hint:
      * stage 1 maximises the places filled; stage 2 (only with a ``previous`` plan; without one, changes
        equal places filled) minimises the changes. After each, its optimum is added as a constraint
        (``tier == optimum``), so later stages cannot trade any of it away. Staging these two costs nothing in
        numbers: a single weighted objective would need weights of places × changes × squares × preferences,
        10⁹–10¹² for a month, which is int64-safe but far too wide for CP-SAT's floating-point LP;
      * stage 3 minimises weight × squares + preferences broken with weight = (number of pairs outside a
        preference) + 1: preferences broken lie in [0, weight − 1], so one square more always costs more than
        all preferences together — strictly lexicographic with one solve. The coefficients, weight × (2k − 1),
        are about 10⁵ for a 40-volunteer month and the objective far inside int64. Before it, every count is
        confined to the range any plan no worse than the incumbent must keep (see _count_range), which leaves
        a handful of y_k per volunteer instead of one per day.
      * stage 5 breaks the remaining ties by fixed pseudo-random weights per pair (see the comment there).
    A stage's incumbent is replaced only by a strictly better plan, so ties keep the (fair, preference-minded)
    starting plan. If the time runs out, the tier reached is held at the best value found (``<=``/``>=``) and
    the best plan so far is returned; at worst that is the starting plan: the previous assignments that still
    fit, topped up by the greedy round robin — it keeps every hard rule too.

    ``time_limit`` bounds the whole solve, all stages together.
    """
    # Imported here: OR-Tools brings pandas, and the window should not pay for it before a rota is planned.
    from ortools.sat.python import cp_model

    started = time.perf_counter()
    month = _Month(slots, volunteers, fixed, previous)
    incumbent = month.fill(keep=month.previous)    # always a valid plan: what is returned if time runs out
    model = cp_model.CpModel()
    x: dict[tuple[str, int], cp_model.IntVar] = {}
    for slot in month.slots:
        for vol in month.volunteers:
            if month.allowed(slot, vol):
                x[slot.key, vol.person_id] = model.new_bool_var(f"x[{slot.key},{vol.person_id}]")
    if not x:
        return month.plan(set(), started)

    per_slot: dict[str, list] = defaultdict(list)
    per_volunteer: dict[int, list] = defaultdict(list)
    per_part: dict[tuple[int, datetime.date, str], list] = defaultdict(list)
    for (key, pid), var in x.items():
        slot = month.by_key[key]
        per_slot[key].append(var)
        per_volunteer[pid].append(var)
        per_part[pid, slot.day, slot.part].append(var)
    for key, group in per_slot.items():
        if len(group) > month.open[key]:
            model.add(cp_model.LinearExpr.sum(group) <= month.open[key])
    for group in per_part.values():
        if len(group) > 1:
            model.add(cp_model.LinearExpr.sum(group) <= 1)
    for pid, group in per_volunteer.items():
        cap = month.cap[pid]
        if cap is not None and cap < len(group):
            model.add(cp_model.LinearExpr.sum(group) <= cap)

    solver = cp_model.CpSolver()
    for name, value in _SOLVER_PARAMETERS.items():
        setattr(solver.parameters, name, value)
    steps: dict[int, list] = {}     # person_id -> y_k, "at least base + k shifts" (stage 3 on)
    base: dict[int, int] = {}

    def counts_of(chosen: set[tuple[str, int]]) -> dict[int, int]:
        counts = {v.person_id: month.fixed_count[v.person_id] for v in month.volunteers}
        for _, pid in chosen:
            counts[pid] += 1
        return counts

    def stage(objective, maximise: bool, value_of) -> bool:
        """Optimise one tier from the incumbent, then hold it there; False once the time is up."""
        nonlocal incumbent
        remaining = time_limit - (time.perf_counter() - started)
        if remaining > 0:
            solver.parameters.max_time_in_seconds = remaining
            model.clear_hints()
            for pair, var in x.items():
                model.add_hint(var, pair in incumbent)
            counts = counts_of(incumbent)
            for pid, ys in steps.items():
                for k, y in enumerate(ys, start=1):
                    model.add_hint(y, counts[pid] >= base[pid] + k)
            if maximise:
                model.maximize(objective)
            else:
                model.minimize(objective)
            status = solver.solve(model)
            if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                found = {pair for pair, var in x.items() if solver.boolean_value(var)}
                gain = value_of(found) - value_of(incumbent)
                if gain > 0 if maximise else gain < 0:   # on a tie keep the incumbent: it is good at later tiers
                    incumbent = found
            if status == cp_model.OPTIMAL:
                model.add(objective == value_of(incumbent))
                return True
        # Out of time, or a stage cut short: hold the tier at the incumbent's value and stop there.
        model.add(objective >= value_of(incumbent) if maximise else objective <= value_of(incumbent))
        return False

    # Tier 1: places filled.
    if not stage(cp_model.LinearExpr.sum(list(x.values())), True, len):
        return month.plan(incumbent, started)
    # Tier 2: changes = previous assignments dropped + new ones. Its constant parts (fixed pairs, previous
    # pairs that no longer fit) do not move the optimum and are counted in month.plan; without a previous
    # plan it equals the number filled, already settled by tier 1.
    if month.previous:
        kept = [var for pair, var in x.items() if pair in month.previous]
        added = [var for pair, var in x.items() if pair not in month.previous]
        if not stage(cp_model.LinearExpr.sum(added) - cp_model.LinearExpr.sum(kept), False,
                     lambda chosen: len(chosen - month.previous) - len(chosen & month.previous)):
            return month.plan(incumbent, started)
    # Tier 3: the sum of squares, over the shift counts the incumbent leaves possible (see _count_range).
    counts = counts_of(incumbent)
    square = sum(c * c for c in counts.values())
    total = sum(counts.values())
    reach: dict[int, int] = defaultdict(int)   # distinct (day, part) a volunteer could still take
    for pid, _, _ in per_part:
        reach[pid] += 1
    fewest, most = _count_range(total, len(counts), square)
    square_terms = []
    for pid, group in per_volunteer.items():
        low = max(fewest, month.fixed_count[pid])
        high = min(most, month.fixed_count[pid] + reach[pid])
        if low > month.fixed_count[pid]:
            model.add(cp_model.LinearExpr.sum(group) >= low - month.fixed_count[pid])
        if high < month.fixed_count[pid] + len(group):
            model.add(cp_model.LinearExpr.sum(group) <= high - month.fixed_count[pid])
        base[pid] = low
        steps[pid] = [model.new_bool_var(f"y[{pid},{k}]") for k in range(low + 1, high + 1)]
        model.add(cp_model.LinearExpr.sum(group) + month.fixed_count[pid] == low + cp_model.LinearExpr.sum(steps[pid]))
        for later, earlier in zip(steps[pid][1:], steps[pid]):
            model.add_implication(later, earlier)
        square_terms += [(2 * k - 1) * y for k, y in enumerate(steps[pid], start=low + 1)]
    # Tier 4, assignments outside the preferred part, in the same solve: weight × squares + off, strictly
    # lexicographic because off lies in [0, len(off)] and weight = len(off) + 1.
    off = [var for (key, pid), var in x.items() if month.off_preference(month.by_key[key], pid)]
    weight = len(off) + 1
    if square_terms or off:
        if not stage(weight * cp_model.LinearExpr.sum(square_terms) + cp_model.LinearExpr.sum(off), False,
                     lambda chosen: weight * sum(counts_of(chosen)[pid] ** 2 - base[pid] ** 2 for pid in steps)
                     + sum(1 for key, pid in chosen if month.off_preference(month.by_key[key], pid))):
            return month.plan(incumbent, started)
    # Tier 5, no rule of the club's: among the plans equal on every tier above (there are many), the one with
    # the least sum of fixed pseudo-random weights of its pairs. Which of the equal plans CP-SAT lands on
    # depends on the platform it was built for (the same input gave 124 of 288 places differently on Windows
    # and Linux). With weights drawn from 2³⁰ values for m pairs, the lightest plan is unique except with
    # probability at most m / 2³⁰ (the isolation lemma: about 10⁻⁵ for a month), so the same month gives the
    # same plan everywhere, as long as no stage was cut short by the time limit.
    ties = {pair: _tie_weight(*pair) for pair in x}
    stage(cp_model.LinearExpr.weighted_sum([x[pair] for pair in ties], list(ties.values())), False,
          lambda chosen: sum(ties[pair] for pair in chosen))
    return month.plan(incumbent, started)


def _tie_weight(slot_key: str, person_id: int) -> int:
    """A weight in 1..2³⁰ for a (slot, volunteer) pair, the same on every platform and in every process (a
    digest, not Python's salted hash())."""
    digest = hashlib.blake2b(f"{slot_key}|{person_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") % 2**30 + 1


def _count_range(total: int, people: int, square: int) -> tuple[int, int]:
    """The shift counts c a volunteer can have in any plan with ``total`` shifts among ``people`` and a sum of
    squares at most ``square``: c² plus the least sum of squares of the others (their ``total − c`` shifts
    spread evenly) must not exceed ``square``. More shifts in all only raises that least sum, so the range
    also holds for plans with a larger total."""
    def least(c: int) -> int:
        if people == 1:
            return c * c if c == total else square + 1
        q, r = divmod(total - c, people - 1)
        return c * c + q * q * (people - 1 - r) + (q + 1) * (q + 1) * r
    fits = [c for c in range(total + 1) if least(c) <= square]
    return (fits[0], fits[-1]) if fits else (0, total)


def greedy(slots: Sequence[Slot], volunteers: Sequence[Volunteer], *, fixed: Iterable[Assignment] = (),
           previous: Iterable[Assignment] = ()) -> Plan:
    """The baseline: slots in day order (morning first), each place to the volunteer the hard rules allow
    with the fewest shifts so far (then one who prefers that part, then the lowest id: a round robin).

    It starts afresh every time: ``previous`` is only compared against, so a repair reshuffles."""
    started = time.perf_counter()
    month = _Month(slots, volunteers, fixed, previous)
    return month.plan(month.fill(), started)


class _Month:
    """The input checked and indexed once: what the fixed assignments already take, who may go where."""

    def __init__(self, slots: Sequence[Slot], volunteers: Sequence[Volunteer], fixed: Iterable[Assignment],
                 previous: Iterable[Assignment]):
        self.slots = sorted(slots, key=lambda s: (s.day, _PART_ORDER.get(s.part, len(PARTS)), s.key))
        self.by_key = {s.key: s for s in self.slots}
        if len(self.by_key) != len(self.slots):
            raise ValueError("duplicate slot key")
        for slot in self.slots:
            if slot.part not in _PART_ORDER:
                raise ValueError(f"slot {slot.key}: part must be one of {PARTS}, not {slot.part!r}")
            if slot.need < 0:
                raise ValueError(f"slot {slot.key}: need must be >= 0")
        self.volunteers = sorted(volunteers, key=lambda v: v.person_id)
        self.by_id = {v.person_id: v for v in self.volunteers}
        if len(self.by_id) != len(self.volunteers):
            raise ValueError("duplicate person_id in volunteers")
        self.fixed = {(a.slot_key, a.person_id) for a in fixed}
        unknown = sorted(key for key, _ in self.fixed if key not in self.by_key)
        if unknown:
            raise ValueError(f"fixed assignment to an unknown slot: {unknown[0]}")
        self.previous = {(a.slot_key, a.person_id) for a in previous}

        self.fixed_in: dict[str, set[int]] = defaultdict(set)
        self.fixed_count: dict[int, int] = defaultdict(int)
        self.fixed_busy: set[tuple[int, datetime.date, str]] = set()
        for key, pid in self.fixed:
            slot = self.by_key[key]
            self.fixed_in[key].add(pid)
            self.fixed_count[pid] += 1
            self.fixed_busy.add((pid, slot.day, slot.part))
        self.open = {s.key: max(0, s.need - len(self.fixed_in[s.key])) for s in self.slots}
        self.cap = {v.person_id: None if v.max_shifts is None else max(0, v.max_shifts - self.fixed_count[v.person_id])
                    for v in self.volunteers}

    def fill(self, keep: set[tuple[str, int]] = frozenset()) -> set[tuple[str, int]]:
        """A plan by the hard rules: first the pairs of ``keep`` that still fit (in day order), then the
        greedy round robin for the places left. ``greedy`` keeps nothing; ``solve`` starts from it."""
        counts = {v.person_id: self.fixed_count[v.person_id] for v in self.volunteers}
        taken = {v.person_id: 0 for v in self.volunteers}
        busy: set[tuple[int, datetime.date, str]] = set()
        chosen: set[tuple[str, int]] = set()

        def fits(slot: Slot, vol: Volunteer) -> bool:
            cap = self.cap[vol.person_id]
            return (self.allowed(slot, vol) and (vol.person_id, slot.day, slot.part) not in busy
                    and (cap is None or taken[vol.person_id] < cap))

        def take(slot: Slot, vol: Volunteer) -> None:
            chosen.add((slot.key, vol.person_id))
            busy.add((vol.person_id, slot.day, slot.part))
            counts[vol.person_id] += 1
            taken[vol.person_id] += 1

        placed = defaultdict(int)
        for slot in self.slots:
            for vol in self.volunteers:
                if ((slot.key, vol.person_id) in keep and placed[slot.key] < self.open[slot.key]
                        and fits(slot, vol)):
                    take(slot, vol)
                    placed[slot.key] += 1
        for slot in self.slots:
            for _ in range(self.open[slot.key] - placed[slot.key]):
                options = [vol for vol in self.volunteers if fits(slot, vol)]
                if not options:
                    break
                take(slot, min(options, key=lambda v: (counts[v.person_id], self.off_preference(slot, v.person_id),
                                                       v.person_id)))
        return chosen

    def allowed(self, slot: Slot, vol: Volunteer) -> bool:
        """Whether the solver may put ``vol`` in ``slot``: the hard rules, and what the fixed ones already took."""
        return (self.open[slot.key] > 0
                and slot.day not in vol.unavailable
                and (slot.skill is None or slot.skill in vol.skills)
                and (vol.person_id, slot.day, slot.part) not in self.fixed_busy
                and self.cap[vol.person_id] != 0)

    def off_preference(self, slot: Slot, pid: int) -> bool:
        vol = self.by_id.get(pid)
        return vol is not None and vol.prefers is not None and slot.part != vol.prefers

    def plan(self, chosen: set[tuple[str, int]], started: float) -> Plan:
        pairs = self.fixed | chosen
        assignments = tuple(Assignment(key, pid) for key, pid in
                            sorted(pairs, key=lambda p: (self.by_key[p[0]].day, p[0], p[1])))
        counts = {v.person_id: 0 for v in self.volunteers}
        in_slot: dict[str, set[int]] = defaultdict(set)
        busy: dict[tuple[int, datetime.date, str], int] = defaultdict(int)
        for key, pid in pairs:
            slot = self.by_key[key]
            counts[pid] = counts.get(pid, 0) + 1
            in_slot[key].add(pid)
            busy[pid, slot.day, slot.part] += 1
        unfilled = []
        for slot in sorted(self.slots, key=lambda s: (s.day, s.key)):
            missing = slot.need - len(in_slot[slot.key])
            if missing > 0:
                unfilled.append((slot.key, missing, self._reason(slot, counts, in_slot[slot.key], busy)))
        broken = sum(1 for key, pid in pairs if self.off_preference(self.by_key[key], pid))
        return Plan(assignments=assignments, unfilled=tuple(unfilled), counts=counts,
                    changed=len(self.previous ^ pairs), preferences_broken=broken,
                    seconds=time.perf_counter() - started)

    def _reason(self, slot: Slot, counts: dict[int, int], here: set[int],
                busy: dict[tuple[int, datetime.date, str], int]) -> str:
        """Why nobody else could take a place of ``slot`` in the finished plan, in the director's words."""
        if slot.skill is None:
            pool, who = self.volunteers, "志愿者"
            if not pool:
                return "值班名单上没有志愿者"
        else:
            pool, who = [v for v in self.volunteers if slot.skill in v.skills], f"会“{slot.skill}”的志愿者"
            if not pool:
                return f"没有会“{slot.skill}”的志愿者"
        away = [v for v in pool if slot.day in v.unavailable]
        if len(away) == len(pool):
            if slot.skill is None:
                return f"志愿者当天都不能来（{len(away)} 人当天请假）"
            return f"需要“{slot.skill}”技能的志愿者都不能来（{len(away)} 人当天请假）"
        already = booked = full = free = 0
        for vol in pool:
            if slot.day in vol.unavailable:
                continue
            if vol.person_id in here:
                already += 1
            elif busy.get((vol.person_id, slot.day, slot.part)):
                booked += 1
            elif vol.max_shifts is not None and counts[vol.person_id] >= vol.max_shifts:
                full += 1
            else:
                free += 1
        away_text = f"{len(away)} 人当天请假"
        if free:     # only when the time limit cut the search short
            return f"还有 {free} 位能来的{who}未排入：求解在时限内未完成"
        if already == len(pool) - len(away):
            return f"当天能来的{who}只有 {already} 位，已全部排在本班" + (f"（另有 {away_text}）" if away else "")
        details = [text for n, text in ((already, f"{already} 人已在本班"), (booked, f"{booked} 人同一时段已有班"),
                                        (full, f"{full} 人已到本月上限"), (len(away), away_text)) if n]
        return f"当天能来的{who}都已排满（{'，'.join(details)}）"
