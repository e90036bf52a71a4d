"""Proposing helpers for the uncovered: one minimum-cost flow, so no one's proposal takes the only helper another could have."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

import numpy as np

NEAR = 3   # buildings within this many numbers count as the same neighbourhood

# Pair cost weights (see _pairs): distance per building, per person already helped,
# per year over 70, and a sex difference.
_PER_BUILDING = 10
_PER_LOAD = 5
_PER_YEAR_OVER = 2
_OLD_AGE = 70
_SEX_DIFFERS = 3

# OR-Tools scales every unit cost by a factor growing with the number of nodes (measured: about 2.4 × nodes,
# up to 12 on tiny graphs) and answers BAD_COST_RANGE when that could overflow int64; _solve stays below
# 4 × (nodes + 2) × the largest cost <= 2**62, and keeps the objective itself below 2**62.
_INT64_HEADROOM = 2 ** 62


@dataclass(frozen=True)
class Needy:
    person_id: int
    name: str
    building: int | None     # building number (楼号) when numeric, else None
    age: int | None
    sex: str | None          # "男" / "女"
    slots: int               # helpers wanted: 1 for one-on-one, 2 or 3 for many-help-one
    existing_helpers: tuple[int, ...] = ()   # helpers already in this person's (partly staffed) group: never proposed again for them


@dataclass(frozen=True)
class Helper:
    person_id: int
    name: str
    building: int | None
    age: int | None
    sex: str | None
    free: int                # remaining capacity (capacity minus current groups), >= 0
    load: int                # current number of people helped
    same_sex_only: bool = False   # stated preference
    in_hardship: bool = False


@dataclass(frozen=True)
class Proposal:
    person_id: int
    helper_ids: tuple[int, ...]   # first = the lead for many-help-one
    mode: str                     # "one_on_one" if the person's slots == 1 else "many_help_one"
    why: tuple[str, ...]          # one Chinese explanation per helper


@dataclass(frozen=True)
class Uncovered:
    person_id: int
    name: str
    missing: int                  # slots left unfilled
    reason: str                   # in terms of the area


@dataclass(frozen=True)
class Suggestion:
    proposals: tuple[Proposal, ...]
    uncovered: tuple[Uncovered, ...]


def propose(needy: Sequence[Needy], helpers: Sequence[Helper], *, near: int = NEAR,
            allow_hardship_helpers: bool = False) -> Suggestion:
    """Helpers for everyone in ``needy`` at once: most people get a first helper, then most a second, then a
    third, and among equal coverage the nearest, least loaded, younger, same-sex helpers.

    The flow network (node 0 = source, node 1 = sink):

      source ─1─▶ slot (person, k) ─1─▶ person ─1, pair cost─▶ helper ─free─▶ sink
                  slot (person, k) ─1, penalty R_k─────────────────────────▶ sink

    Every slot may drain straight to the sink at a penalty, so the problem is always feasible; a slot filled
    through a helper saves its penalty. The person→helper arc has capacity 1, so a helper serves a person at
    most once; the helper→sink arc caps a helper's total at ``free``. R_1 > R_2 > R_3 are lexicographic tiers
    (see _tier_penalties, and _cycle_penalties for clubs too big for those in int64): one more filled first
    slot beats any number of second/third slots and any pair costs, and likewise second over third; among
    equal coverage the total pair cost is minimal.
    """
    if near < 0:
        raise ValueError("near must be >= 0")
    needy = sorted(needy, key=lambda n: n.person_id)
    helpers = sorted(helpers, key=lambda h: h.person_id)
    _check_unique([n.person_id for n in needy], "needy")
    _check_unique([h.person_id for h in helpers], "helpers")
    wanting = [n for n in needy if n.slots > 0]

    # Helpers anyone could use: free, with a building number, and not themselves in hardship (unless allowed).
    usable = [h for h in helpers if h.free > 0 and h.building is not None
              and (allow_hardship_helpers or not h.in_hardship)]
    usable.sort(key=lambda h: (h.building, h.person_id))
    placed = [n for n in wanting if n.building is not None]

    pair_n, pair_h, pair_cost = _pairs(placed, usable, near)
    per_person = np.bincount(pair_n, minlength=len(placed))
    # A person can never use more slots than they have distinct helpers in reach.
    slots = [min(n.slots, int(c)) for n, c in zip(placed, per_person)]

    filled: dict[int, list[tuple[int, int]]] = {}   # index in placed -> [(pair cost, index in usable)]
    if sum(slots):
        for i, j, c in _solve(placed, usable, slots, pair_n, pair_h, pair_cost):
            filled.setdefault(i, []).append((c, j))

    proposals = []
    for i, chosen in sorted(filled.items()):
        person = placed[i]
        chosen.sort(key=lambda cj: (cj[0], usable[cj[1]].person_id))
        picked = [usable[j] for _, j in chosen]
        proposals.append(Proposal(person.person_id, tuple(h.person_id for h in picked),
                                  "one_on_one" if person.slots == 1 else "many_help_one",
                                  tuple(_why(person, h) for h in picked)))

    got = {placed[i].person_id: len(chosen) for i, chosen in filled.items()}
    reach = {n.person_id: int(c) for n, c in zip(placed, per_person)}
    area = _Area(wanting, usable)
    uncovered = []
    for person in wanting:
        missing = person.slots - got.get(person.person_id, 0)
        if missing <= 0:
            continue
        if person.building is None:
            reason = "住址没有楼号，无法就近安排"
        elif reach[person.person_id] == 0:
            reason = f"附近（{person.building}号楼前后 {near} 栋）没有可用的志愿者"
        else:
            reason = area.shortfall(person.building, near)
        uncovered.append(Uncovered(person.person_id, person.name, missing, reason))
    return Suggestion(tuple(proposals), tuple(uncovered))


def _check_unique(ids: list[int], what: str) -> None:
    if len(set(ids)) != len(ids):
        raise ValueError(f"duplicate person_id in {what}")


def _sex_codes(values: list[str | None]) -> np.ndarray:
    """0 for unknown, a positive code per distinct known sex."""
    codes: dict[str, int] = {}
    return np.array([0 if not v else codes.setdefault(v, len(codes) + 1) for v in values], dtype=np.int64)


def _pairs(placed: list[Needy], usable: list[Helper], near: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every allowed (person, helper) pair, with its cost; only pairs within reach are ever built.

    ``usable`` is sorted by building, so the helpers in reach of a person are one contiguous run."""
    empty = np.zeros(0, dtype=np.int64)
    if not placed or not usable:
        return empty, empty, empty
    sexes = _sex_codes([n.sex for n in placed] + [h.sex for h in usable])
    n_sex, h_sex = sexes[:len(placed)], sexes[len(placed):]
    n_bld = np.array([n.building for n in placed], dtype=np.int64)
    n_id = np.array([n.person_id for n in placed], dtype=np.int64)
    h_bld = np.array([h.building for h in usable], dtype=np.int64)
    h_id = np.array([h.person_id for h in usable], dtype=np.int64)
    h_only = np.array([h.same_sex_only for h in usable], dtype=bool)
    h_base = np.array([_PER_LOAD * max(0, h.load)
                       + (_PER_YEAR_OVER * max(0, h.age - _OLD_AGE) if h.age is not None else 0)
                       for h in usable], dtype=np.int64)

    lo = np.searchsorted(h_bld, n_bld - near, side="left")
    hi = np.searchsorted(h_bld, n_bld + near, side="right")
    counts = hi - lo
    total = int(counts.sum())
    if total == 0:
        return empty, empty, empty
    pn = np.repeat(np.arange(len(placed), dtype=np.int64), counts)
    starts = np.cumsum(counts) - counts
    ph = np.repeat(lo, counts) + (np.arange(total, dtype=np.int64) - np.repeat(starts, counts))

    keep = h_id[ph] != n_id[pn]                                          # never oneself
    same_sex = (n_sex[pn] == h_sex[ph]) & (h_sex[ph] != 0)
    keep &= ~h_only[ph] | same_sex                                       # stated same-sex preference
    existing = [(i, hid) for i, n in enumerate(placed) for hid in n.existing_helpers]
    if existing:                                                         # already in this person's group
        index = {h.person_id: j for j, h in enumerate(usable)}
        taken = np.array([i * len(usable) + index[hid] for i, hid in existing if hid in index], dtype=np.int64)
        keep &= ~np.isin(pn * len(usable) + ph, taken)
    pn, ph = pn[keep], ph[keep]

    differ = (n_sex[pn] != h_sex[ph]) & (n_sex[pn] != 0) & (h_sex[ph] != 0)
    cost = _PER_BUILDING * np.abs(n_bld[pn] - h_bld[ph]) + h_base[ph] + _SEX_DIFFERS * differ
    return pn, ph, cost.astype(np.int64)


def _tier_penalties(slots: list[int], max_filled: int, max_pair_cost: int) -> list[int]:
    """Penalties R_1 > R_2 > ... for leaving a person's k-th slot empty, as lexicographic tiers.

    With B = max_filled × max_pair_cost (no assignment's pair costs can exceed it) and n_k the number of
    k-th slots, R_last = B + 1 and R_k = B + Σ_{j>k} n_j·R_j + 1. Two flows with equal tiers before k that
    differ by one filled k-th slot differ in objective by at least R_k − Σ_{j>k} n_j·R_j − B > 0: one more
    filled k-th slot always wins, whatever happens to later slots and pair costs."""
    tiers = max(slots)
    n = [sum(1 for s in slots if s >= k) for k in range(1, tiers + 1)]
    bound = max_filled * max_pair_cost
    penalties = [0] * tiers
    later = 0
    for k in reversed(range(tiers)):
        penalties[k] = bound + later + 1
        later += n[k] * penalties[k]
    return penalties


def _cycle_penalties(slots: list[int], longest_cycle: int, max_pair_cost: int) -> list[int]:
    """Smaller tiers, still exact, for clubs too big for _tier_penalties in int64: R_k = (K − k + 1)(L·C + 1).

    Why they suffice: an optimal flow has no negative residual cycle, and a flow with better tiers differs
    from it by residual cycles, one of which must itself improve the tiers. Every source arc is always full,
    so a simple residual cycle meets only the sink, once: it fills at most one slot and empties at most one.
    Improving means filling a k-th slot, perhaps emptying a j-th with j > k; the cycle's cost is then at most
    −R_k + R_j + L·C (L = pair arcs a simple cycle can hold, C = the dearest pair) < 0: not optimal."""
    step = longest_cycle * max_pair_cost + 1
    tiers = max(slots)
    return [(tiers - k) * step for k in range(tiers)]


def _solve(placed: list[Needy], usable: list[Helper], slots: list[int], pair_n: np.ndarray, pair_h: np.ndarray,
           pair_cost: np.ndarray) -> list[tuple[int, int, int]]:
    """The filled (person index, helper index, pair cost) triples of the optimal flow."""
    from ortools.graph.python import min_cost_flow  # imported when used: OR-Tools is slow to load

    used_h = np.unique(pair_h)
    free = np.array([usable[j].free for j in used_h], dtype=np.int64)
    total_slots = sum(slots)
    max_filled = min(total_slots, int(free.sum()))

    source, sink = 0, 1
    person_node = 2 + np.arange(len(placed), dtype=np.int64)
    helper_node = np.full(len(usable), -1, dtype=np.int64)
    helper_node[used_h] = 2 + len(placed) + np.arange(len(used_h), dtype=np.int64)
    first_slot = 2 + len(placed) + len(used_h)
    num_nodes = first_slot + total_slots
    limit = _INT64_HEADROOM // max(4 * (num_nodes + 2), total_slots + 1)
    penalties = _tier_penalties(slots, max_filled, int(pair_cost.max()))
    if penalties[0] > limit:
        penalties = _cycle_penalties(slots, min(len(placed), len(used_h)), int(pair_cost.max()))
        if penalties[0] > limit:
            raise ValueError("too many people to rank their first, second and third helpers in one flow")

    slot_person = np.repeat(person_node, slots)
    slot_rank = np.concatenate([np.arange(s, dtype=np.int64) for s in slots])
    slot_node = first_slot + np.arange(total_slots, dtype=np.int64)
    penalty = np.array(penalties, dtype=np.int64)[slot_rank]
    ones_s = np.ones(total_slots, dtype=np.int64)
    zeros_s = np.zeros(total_slots, dtype=np.int64)

    tails = [np.full(total_slots, source), slot_node, slot_node, person_node[pair_n], helper_node[used_h]]
    heads = [slot_node, np.full(total_slots, sink), slot_person, helper_node[pair_h], np.full(len(used_h), sink)]
    caps = [ones_s, ones_s, ones_s, np.ones(len(pair_n), dtype=np.int64), free]
    costs = [zeros_s, penalty, zeros_s, pair_cost, np.zeros(len(used_h), dtype=np.int64)]
    pair_arc0 = 3 * total_slots

    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(np.concatenate(tails).astype(np.int32),
                                              np.concatenate(heads).astype(np.int32),
                                              np.concatenate(caps).astype(np.int64),
                                              np.concatenate(costs).astype(np.int64))
    flow.set_node_supply(source, total_slots)
    flow.set_node_supply(sink, -total_slots)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow not solved: {status.name}")
    used = flow.flows(np.arange(pair_arc0, pair_arc0 + len(pair_n), dtype=np.int32)) > 0
    return [(int(i), int(j), int(c)) for i, j, c in zip(pair_n[used], pair_h[used], pair_cost[used])]


def _why(person: Needy, helper: Helper) -> str:
    where = "同楼" if helper.building == person.building else f"邻近楼（{helper.building}号楼）"
    load = f" · 已帮扶 {helper.load} 人" if helper.load > 0 else " · 未帮扶他人"
    age = f" · {helper.age} 岁" if helper.age is not None else ""
    return f"{helper.name}：{where}{load}{age}"


class _Area:
    """Needs and free places per building window, for explaining a shortfall in terms of the area.

    This is an explanation, not an exact cut: the window around one person overlaps other windows, and the
    flow's real bottleneck may be a different set of people and helpers (a same-sex preference, a helper
    already in the group, or a person wanting more distinct helpers than live nearby)."""

    def __init__(self, wanting: list[Needy], usable: list[Helper]):
        needs = sorted((n.building, n.slots) for n in wanting if n.building is not None)
        self._need_bld = [b for b, _ in needs]
        self._need_sum = [0, *accumulate(s for _, s in needs)]
        self._help_bld = [h.building for h in usable]                 # usable is sorted by building
        self._free_sum = [0, *accumulate(h.free for h in usable)]

    def shortfall(self, building: int, near: int) -> str:
        a = bisect_left(self._need_bld, building - near)
        b = bisect_right(self._need_bld, building + near)
        c = bisect_left(self._help_bld, building - near)
        d = bisect_right(self._help_bld, building + near)
        need = self._need_sum[b] - self._need_sum[a]
        avail = self._free_sum[d] - self._free_sum[c]
        return f"{building}号楼一带：{b - a} 人需要 {need} 个帮扶名额，可用志愿者名额 {avail}"
