"""The proposals' optimum computed the plain way, for the tests: one minimum-cost flow over every (person, helper)
pair in reach, no kinds and nothing left out. Written again from the rules, independently of app.aid_solver."""

from __future__ import annotations

from ortools.graph.python import min_cost_flow

from app.aid_solver import NEAR, Helper, Needy


def eligible(n: Needy, h: Helper, near: int = NEAR, allow_hardship: bool = False) -> bool:
    if h.person_id == n.person_id or h.person_id in n.existing_helpers or h.free <= 0:
        return False
    if h.in_hardship and not allow_hardship:
        return False
    if h.same_sex_only and not (h.sex and n.sex and h.sex == n.sex):
        return False
    return n.building is not None and h.building is not None and abs(n.building - h.building) <= near


def cost(n: Needy, h: Helper) -> int:
    c = 10 * abs(n.building - h.building) + 5 * h.load
    if h.age is not None:
        c += 2 * max(0, h.age - 70)
    if n.sex and h.sex and n.sex != h.sex:
        c += 3
    return c


def optimum(people, helpers, near: int = NEAR, allow: bool = False) -> tuple[int, int, int, int]:
    """(people with a 1st helper, with a 2nd, with a 3rd, total pair cost) of the best proposals: the most first
    helpers, then second, then third, then the lowest cost."""
    pairs = [(i, j, cost(n, h)) for i, n in enumerate(people) for j, h in enumerate(helpers)
             if n.slots > 0 and eligible(n, h, near, allow)]
    slots = [min(n.slots, sum(1 for i2, _, _ in pairs if i2 == i)) for i, n in enumerate(people)]
    # Penalties as lexicographic tiers, big enough in plain integers for a small club.
    bound = sum(slots) * max([c for _, _, c in pairs] + [1]) + 1
    penalties, later = [0, 0, 0], 0
    for k in (2, 1, 0):
        penalties[k] = bound + later
        later += sum(1 for s in slots if s > k) * penalties[k]
    flow = min_cost_flow.SimpleMinCostFlow()
    source, sink = 0, 1
    person = lambda i: 2 + i                                       # noqa: E731
    helper = lambda j: 2 + len(people) + j                         # noqa: E731
    slot_node = 2 + len(people) + len(helpers)
    for i, s in enumerate(slots):
        for k in range(s):
            flow.add_arc_with_capacity_and_unit_cost(source, slot_node, 1, 0)
            flow.add_arc_with_capacity_and_unit_cost(slot_node, sink, 1, penalties[k])
            flow.add_arc_with_capacity_and_unit_cost(slot_node, person(i), 1, 0)
            slot_node += 1
    first_pair = flow.num_arcs()
    for i, j, c in pairs:
        flow.add_arc_with_capacity_and_unit_cost(person(i), helper(j), 1, c)
    for j, h in enumerate(helpers):
        flow.add_arc_with_capacity_and_unit_cost(helper(j), sink, max(h.free, 0), 0)
    flow.set_node_supply(source, sum(slots))
    flow.set_node_supply(sink, -sum(slots))
    assert flow.solve() == flow.OPTIMAL
    got = [0] * len(people)
    total = 0
    for a, (i, _, c) in enumerate(pairs):
        if flow.flow(first_pair + a):
            got[i] += 1
            total += c
    return (*(sum(1 for g in got if g > k) for k in range(3)), total)
