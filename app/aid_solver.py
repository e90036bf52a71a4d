"""Proposing helpers for the uncovered: one minimum-cost flow, so no one's proposal takes the only helper another could have.

The flow is exact on the whole club, and it stays small however many people the file holds, for two reasons
(both proved where they are made):

* **Kinds, not people.** People in need who live in the same building, are of the same sex and want the same
  number of helpers are interchangeable, and so are helpers with the same building, sex, preference, load, age
  and free places. The flow runs between these kinds (_kinds) and the result is dealt back to people (_deal)
  with the same coverage and the same total cost as the flow over every person and helper. A club of 300,000
  in 60 buildings has about 30,000 people in need and 60,000 helpers, 168 million pairs within three
  buildings, but only a few hundred kinds of people and about ten thousand kinds of helpers.
* **Only the cheapest helpers a person could ever get.** A kind of helper is left out for a person when the
  strictly cheaper helpers within reach have more free places than every person who could reach them wants,
  with room to spare (_cheapest): no optimal proposal can give that person the dearer helper, so the result is
  the optimum of the whole graph, not an approximation.

numpy and OR-Tools are imported when a proposal is asked for, not when the window starts.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

NEAR = 3   # buildings within this many numbers count as the same neighbourhood

# Pair cost weights (see _arcs): distance per building, per person already helped,
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

    The result is what this flow over every person and helper gives (node 0 = source, node 1 = sink):

      source ─1─▶ slot (person, k) ─1─▶ person ─1, pair cost─▶ helper ─free─▶ sink
                  slot (person, k) ─1, penalty R_k─────────────────────────▶ sink

    Every slot may drain straight to the sink at a penalty, so the problem is always feasible; a slot filled
    through a helper saves its penalty. The person→helper arc has capacity 1, so a helper serves a person at
    most once; the helper→sink arc caps a helper's total at ``free``. R_1 > R_2 > R_3 are lexicographic tiers
    (see _tier_penalties, and _cycle_penalties for clubs too big for those in int64): one more filled first
    slot beats any number of second/third slots and any pair costs, and likewise second over third; among
    equal coverage the total pair cost is minimal. It is solved on kinds of people and helpers (_kinds), with
    the arcs no optimum can use left out (_cheapest); the optimum is the same.
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

    filled: dict[int, list[tuple[int, int]]] = {}   # index in placed -> [(pair cost, index in usable)]
    reach: dict[int, int] = {}
    if placed and usable:
        kinds = _kinds(placed, usable)
        net = _arcs(kinds, near)
        reach = {placed[i].person_id: int(net.reach[t]) for t, members in enumerate(kinds.members) for i in members}
        if len(net.cost):
            kept = _cheapest(kinds, net, near)
            flows = _solve(kinds, net, kept)
            filled = _deal(kinds, net, kept, flows)

    proposals = []
    for i, chosen in sorted(filled.items()):
        person = placed[i]
        chosen.sort(key=lambda cj: (cj[0], usable[cj[1]].person_id))
        picked = [usable[j] for _, j in chosen]
        proposals.append(Proposal(person.person_id, tuple(h.person_id for h in picked),
                                  "one_on_one" if person.slots == 1 else "many_help_one",
                                  tuple(_why(person, h) for h in picked)))

    got = {placed[i].person_id: len(chosen) for i, chosen in filled.items()}
    area = _Area(wanting, usable)
    uncovered = []
    for person in wanting:
        missing = person.slots - got.get(person.person_id, 0)
        if missing <= 0:
            continue
        if person.building is None:
            reason = "住址没有楼号，无法就近安排"
        elif reach.get(person.person_id, 0) == 0:
            reason = f"附近（{person.building}号楼前后 {near} 栋）没有可用的志愿者"
        else:
            reason = area.shortfall(person.building, near)
        uncovered.append(Uncovered(person.person_id, person.name, missing, reason))
    return Suggestion(tuple(proposals), tuple(uncovered))


def _check_unique(ids: list[int], what: str) -> None:
    if len(set(ids)) != len(ids):
        raise ValueError(f"duplicate person_id in {what}")


@dataclass
class _Kinds:
    """People in need grouped into kinds, helpers into kinds, as arrays (index = kind).

    A kind of people: the same building, sex and slots, and no helper barred to any of them; a person with a
    barred helper (one already in their group, or themselves) is a kind alone. A kind of helpers: the same
    building, sex, same-sex preference, cost base and free places; a helper barred to anyone is a kind alone.
    """
    members: list[list[int]]            # kind of people -> indices in placed, by person_id
    building: np.ndarray
    sex: np.ndarray
    slots: np.ndarray
    count: np.ndarray                   # people of the kind
    barred: list[tuple[int, ...]]       # kind of people -> kinds of helpers barred to it (kinds alone)
    helpers: list[list[int]]            # kind of helpers -> indices in usable, by person_id
    h_building: np.ndarray
    h_sex: np.ndarray
    h_only: np.ndarray
    h_base: np.ndarray
    h_free: np.ndarray
    h_count: np.ndarray                 # helpers of the kind
    max_free: int


def _kinds(placed: list[Needy], usable: list[Helper]) -> _Kinds:
    import numpy as np

    codes: dict[str, int] = {}

    def sex_code(value: str | None) -> int:   # 0 for unknown, a positive code per distinct known sex
        return 0 if not value else codes.setdefault(value, len(codes) + 1)

    index = {h.person_id: j for j, h in enumerate(usable)}
    bars = []
    for n in placed:
        barred = {hid for hid in n.existing_helpers if hid in index}
        if n.person_id in index:
            barred.add(n.person_id)                                  # never oneself
        bars.append(sorted(barred))
    alone = {hid for barred in bars for hid in barred}

    h_groups: dict[tuple, list[int]] = {}
    for j, h in enumerate(usable):
        key = (h.building, -1, h.person_id) if h.person_id in alone else \
            (h.building, sex_code(h.sex), bool(h.same_sex_only), _base(h), h.free)
        h_groups.setdefault(key, []).append(j)
    h_order = sorted(h_groups.items(), key=lambda kv: (kv[0][0], usable[kv[1][0]].person_id))
    kind_of_helper = {}
    for k, (_, js) in enumerate(h_order):
        for j in js:
            kind_of_helper[usable[j].person_id] = k

    def helper_array(get) -> np.ndarray:
        return np.array([get(usable[js[0]]) for _, js in h_order], dtype=np.int64)

    p_groups: dict[tuple, list[int]] = {}
    for i, n in enumerate(placed):
        key = (n.building, -1, n.person_id) if bars[i] else (n.building, sex_code(n.sex), n.slots)
        p_groups.setdefault(key, []).append(i)
    p_order = sorted(p_groups.values(), key=lambda iss: (placed[iss[0]].building, placed[iss[0]].person_id))
    return _Kinds(
        members=p_order,
        building=np.array([placed[iss[0]].building for iss in p_order], dtype=np.int64),
        sex=np.array([sex_code(placed[iss[0]].sex) for iss in p_order], dtype=np.int64),
        slots=np.array([placed[iss[0]].slots for iss in p_order], dtype=np.int64),
        count=np.array([len(iss) for iss in p_order], dtype=np.int64),
        barred=[tuple(kind_of_helper[hid] for hid in bars[iss[0]]) if len(iss) == 1 else () for iss in p_order],
        helpers=[js for _, js in h_order],
        h_building=helper_array(lambda h: h.building),
        h_sex=np.array([sex_code(usable[js[0]].sex) for _, js in h_order], dtype=np.int64),
        h_only=np.array([usable[js[0]].same_sex_only for _, js in h_order], dtype=bool),
        h_base=helper_array(_base),
        h_free=helper_array(lambda h: h.free),
        h_count=np.array([len(js) for _, js in h_order], dtype=np.int64),
        max_free=max(h.free for h in usable),
    )


def _base(h: Helper) -> int:
    """The part of a pair's cost that depends on the helper alone: load and age."""
    return _PER_LOAD * max(0, h.load) + (_PER_YEAR_OVER * max(0, h.age - _OLD_AGE) if h.age is not None else 0)


@dataclass
class _Net:
    """Every allowed (kind of people, kind of helpers) arc with its pair cost and capacity."""
    kind: np.ndarray       # kind of people
    helper: np.ndarray     # kind of helpers
    cost: np.ndarray
    cap: np.ndarray        # count × min(slots, helpers of the kind): each person takes a helper at most once
    slots: np.ndarray      # per kind of people: slots it can use (no more than distinct helpers in reach)
    reach: np.ndarray      # per kind of people: distinct helpers in reach


def _arcs(kinds: _Kinds, near: int) -> _Net:
    """Arcs within ``near`` buildings; the kinds of helpers are sorted by building, so those in reach of a kind
    of people are one contiguous run."""
    import numpy as np

    lo = np.searchsorted(kinds.h_building, kinds.building - near, side="left")
    hi = np.searchsorted(kinds.h_building, kinds.building + near, side="right")
    counts = hi - lo
    total = int(counts.sum())
    pk = np.repeat(np.arange(len(kinds.members), dtype=np.int64), counts)
    starts = np.cumsum(counts) - counts
    ph = np.repeat(lo, counts) + (np.arange(total, dtype=np.int64) - np.repeat(starts, counts))

    same_sex = (kinds.sex[pk] == kinds.h_sex[ph]) & (kinds.h_sex[ph] != 0)
    keep = ~kinds.h_only[ph] | same_sex                                   # stated same-sex preference
    barred = [(k, h) for k, hs in enumerate(kinds.barred) for h in hs]
    if barred:                                                            # oneself, or already in the group
        taken = np.array([k * len(kinds.helpers) + h for k, h in barred], dtype=np.int64)
        keep &= ~np.isin(pk * len(kinds.helpers) + ph, taken)
    pk, ph = pk[keep], ph[keep]

    differ = (kinds.sex[pk] != kinds.h_sex[ph]) & (kinds.sex[pk] != 0) & (kinds.h_sex[ph] != 0)
    cost = _PER_BUILDING * np.abs(kinds.building[pk] - kinds.h_building[ph]) + kinds.h_base[ph] + _SEX_DIFFERS * differ
    reach = np.bincount(pk, weights=kinds.h_count[ph], minlength=len(kinds.members)).astype(np.int64)
    slots = np.minimum(kinds.slots, reach)
    cap = kinds.count[pk] * np.minimum(slots[pk], kinds.h_count[ph])
    return _Net(pk, ph, cost.astype(np.int64), cap, slots, reach)


def _cheapest(kinds: _Kinds, net: _Net, near: int) -> np.ndarray:
    """Indices of the arcs worth keeping: for each kind of people, its arcs by cost up to the first cost at which
    the strictly cheaper helpers within reach have at least W + (s − 1) × f free places, where W is every slot
    of everyone living within 2 × ``near`` buildings (all who could reach those helpers), s the kind's slots
    and f the most free places any helper has.

    Why no optimum loses anything: suppose an optimal proposal gives person p (of the kind) a helper h at that
    cost or dearer, and let A be the strictly cheaper helpers p could have. At most W − 1 slots are filled from
    A (p's slot filled by h is not), so A keeps more than (s − 1) × f places free, and p's other helpers hold at
    most (s − 1) × f of them: some helper in A with a free place is not yet p's. Taking that one instead of h
    fills the same slots at a lower cost, which contradicts optimality. So every optimum of the whole graph
    uses only kept arcs, and the optimum over the kept arcs is the optimum of the whole graph."""
    import numpy as np

    per_kind = net.slots * kinds.count
    by_building = np.argsort(kinds.building, kind="stable")
    b_sorted = kinds.building[by_building]
    prefix = np.concatenate([[0], np.cumsum(per_kind[by_building])])
    wanting = (prefix[np.searchsorted(b_sorted, kinds.building + 2 * near, side="right")]
               - prefix[np.searchsorted(b_sorted, kinds.building - 2 * near, side="left")])
    enough = wanting + (net.slots - 1) * kinds.max_free

    order = np.lexsort((net.helper, net.cost, net.kind))
    k, c = net.kind[order], net.cost[order]
    places = (kinds.h_count * kinds.h_free)[net.helper[order]]
    before = np.cumsum(places) - places                      # places of the arcs before, in all kinds so far
    first_of_kind = np.ones(len(order), dtype=bool)
    first_of_kind[1:] = k[1:] != k[:-1]
    first_of_cost = first_of_kind.copy()
    first_of_cost[1:] |= c[1:] != c[:-1]
    positions = np.arange(len(order))
    kind_start = np.maximum.accumulate(np.where(first_of_kind, positions, 0))
    cost_start = np.maximum.accumulate(np.where(first_of_cost, positions, 0))
    cheaper = before[cost_start] - before[kind_start]        # places strictly cheaper, within the kind
    return np.sort(order[cheaper < enough[k]])


def _tier_penalties(counts: list[int], max_filled: int, max_pair_cost: int) -> list[int]:
    """Penalties R_1 > R_2 > ... for leaving a person's k-th slot empty, as lexicographic tiers; ``counts[k-1]``
    is the number of k-th slots (people wanting at least k helpers).

    With B = max_filled × max_pair_cost (no assignment's pair costs can exceed it) and n_k the number of
    k-th slots, R_last = B + 1 and R_k = B + Σ_{j>k} n_j·R_j + 1. Two flows with equal tiers before k that
    differ by one filled k-th slot differ in objective by at least R_k − Σ_{j>k} n_j·R_j − B > 0: one more
    filled k-th slot always wins, whatever happens to later slots and pair costs."""
    bound = max_filled * max_pair_cost
    penalties = [0] * len(counts)
    later = 0
    for k in reversed(range(len(counts))):
        penalties[k] = bound + later + 1
        later += counts[k] * penalties[k]
    return penalties


def _cycle_penalties(tiers: int, longest_cycle: int, max_pair_cost: int) -> list[int]:
    """Smaller tiers, still exact, for clubs too big for _tier_penalties in int64: R_k = (K − k + 1)(L·C + 1).

    Why they suffice: an optimal flow has no negative residual cycle, and a flow with better tiers differs
    from it by residual cycles, one of which must itself improve the tiers. Every source arc is always full,
    so a simple residual cycle meets only the sink, once: it fills at most one slot and empties at most one.
    Improving means filling a k-th slot, perhaps emptying a j-th with j > k; the cycle's cost is then at most
    −R_k + R_j + L·C (L = forward pair arcs a simple cycle can hold: no more than the kinds of people or of
    helpers it passes, C = the dearest pair) < 0: not optimal."""
    step = longest_cycle * max_pair_cost + 1
    return [(tiers - k) * step for k in range(tiers)]


def _solve(kinds: _Kinds, net: _Net, kept: np.ndarray) -> np.ndarray:
    """The optimal flow on each kept arc (units of the kind of people served by the kind of helpers)."""
    import numpy as np
    from ortools.graph.python import min_cost_flow  # imported when used: OR-Tools is slow to load

    pk, ph, cost, cap = net.kind[kept], net.helper[kept], net.cost[kept], net.cap[kept]
    used_k = np.unique(pk)
    used_h = np.unique(ph)
    slots = net.slots[used_k]
    count = kinds.count[used_k]
    places = (kinds.h_count * kinds.h_free)[used_h]
    total_slots = int((slots * count).sum())
    max_filled = min(total_slots, int(places.sum()))

    source, sink = 0, 1
    kind_node = np.full(len(kinds.members), -1, dtype=np.int64)
    kind_node[used_k] = 2 + np.arange(len(used_k), dtype=np.int64)
    helper_node = np.full(len(kinds.helpers), -1, dtype=np.int64)
    helper_node[used_h] = 2 + len(used_k) + np.arange(len(used_h), dtype=np.int64)
    tiers = int(slots.max())
    # One tier node per (kind, k): its capacity is the kind's count, its penalty R_k.
    tier_kind = np.repeat(np.arange(len(used_k), dtype=np.int64), slots)
    tier_rank = np.concatenate([np.arange(s, dtype=np.int64) for s in slots])
    tier_node = 2 + len(used_k) + len(used_h) + np.arange(len(tier_kind), dtype=np.int64)
    tier_cap = count[tier_kind]
    num_nodes = 2 + len(used_k) + len(used_h) + len(tier_kind)
    counts = [int(count[slots > k].sum()) for k in range(tiers)]
    limit = _INT64_HEADROOM // max(4 * (num_nodes + 2), total_slots + 1)
    penalties = _tier_penalties(counts, max_filled, int(cost.max()))
    if penalties[0] > limit:
        penalties = _cycle_penalties(tiers, min(len(used_k), len(used_h)), int(cost.max()))
        if penalties[0] > limit:
            raise ValueError("too many people to rank their first, second and third helpers in one flow")
    penalty = np.array(penalties, dtype=np.int64)[tier_rank]
    zeros = np.zeros(len(tier_kind), dtype=np.int64)

    tails = [np.full(len(tier_kind), source), tier_node, tier_node, kind_node[pk], helper_node[used_h]]
    heads = [tier_node, np.full(len(tier_kind), sink), 2 + tier_kind, helper_node[ph], np.full(len(used_h), sink)]
    caps = [tier_cap, tier_cap, tier_cap, cap, places]
    costs = [zeros, penalty, zeros, cost, np.zeros(len(used_h), dtype=np.int64)]
    pair_arc0 = 3 * len(tier_kind)

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
    return np.asarray(flow.flows(np.arange(pair_arc0, pair_arc0 + len(pk), dtype=np.int32)), dtype=np.int64)


def _deal(kinds: _Kinds, net: _Net, kept: np.ndarray, flows: np.ndarray) -> dict[int, list[tuple[int, int]]]:
    """The flow between kinds dealt out to people and helpers: {index in placed: [(pair cost, index in usable)]}.

    Within a kind of people, the units are laid out kind of helpers by kind of helpers and dealt round the
    people in turn: each person gets ⌊U/n⌋ or ⌈U/n⌉ of the kind's U units (so as many people get a first, a
    second, a third helper as the flow's tiers say), and from a kind of helpers that sent y units at most ⌈y/n⌉,
    no more than the arc's capacity n × min(slots, helpers of the kind) allows. Within a kind of helpers, each
    person's units go to consecutive helpers in turn: a person never gets the same helper twice (they take at
    most as many units as the kind has helpers), and no helper gets more than ⌈Y/m⌉ ≤ free of the kind's Y units.
    Nothing is barred inside a kind (a barred helper is a kind alone, and its arc is not there)."""
    used = flows > 0
    pk, ph, cost = (a[kept][used] for a in (net.kind, net.helper, net.cost))
    y = flows[used]
    by_helper_kind: dict[int, list[tuple[int, int, int]]] = {}   # kind of helpers -> [(person, units, cost)]
    dealt: dict[int, int] = {}
    for k, h, c, units in sorted(zip(pk.tolist(), ph.tolist(), cost.tolist(), y.tolist()),
                                 key=lambda a: (a[0], a[2], a[1])):
        members = kinds.members[k]
        start = dealt.get(k, 0)
        dealt[k] = start + units
        share: dict[int, int] = {}
        for u in range(start, start + units):
            person = members[u % len(members)]
            share[person] = share.get(person, 0) + 1
        by_helper_kind.setdefault(h, []).extend((person, n, c) for person, n in share.items())
    filled: dict[int, list[tuple[int, int]]] = {}
    for h, wants in by_helper_kind.items():
        helpers = kinds.helpers[h]
        turn = 0
        for person, n, c in sorted(wants):
            for _ in range(n):
                filled.setdefault(person, []).append((c, helpers[turn % len(helpers)]))
                turn += 1
    return filled


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
