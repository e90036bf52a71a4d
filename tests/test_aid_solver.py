"""Proposals for the uncovered: what a director sees, and that one flow beats first-come greedy."""

from __future__ import annotations

import contextlib
import itertools
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import aid_full_graph
import app.aid_solver as aid_solver
from aid_full_graph import cost, eligible
from app.aid_solver import NEAR, Helper, Needy, Proposal, Suggestion, Uncovered, propose


def needy(pid, building, slots=1, *, name=None, age=80, sex="女", existing=()):
    return Needy(pid, name or f"困{pid}", building, age, sex, slots, tuple(existing))


def helper(pid, building, free=1, *, name=None, age=60, sex="女", load=0, same_sex_only=False, in_hardship=False):
    return Helper(pid, name or f"志{pid}", building, age, sex, free, load, same_sex_only, in_hardship)


# The rules, written again independently of the module (aid_full_graph), for the greedy baseline and the brute force.


def greedy(people, helpers, near=NEAR):
    """First come, first served: each person in id order takes their cheapest helper still free."""
    left = {h.person_id: h.free for h in helpers}
    chosen = {}
    for n in sorted(people, key=lambda p: p.person_id):
        options = [h for h in helpers if eligible(n, h, near) and left[h.person_id] > 0]
        if options:
            best = min(options, key=lambda h: (cost(n, h), h.person_id))
            left[best.person_id] -= 1
            chosen[n.person_id] = best.person_id
    return chosen


def assigned(result: Suggestion) -> dict[int, tuple[int, ...]]:
    return {p.person_id: p.helper_ids for p in result.proposals}


def test_one_flow_covers_more_people_than_first_come_greedy():
    # A (10号楼) could use H1 (same building) or H2 (12号楼); B (8号楼) reaches only H1.
    people = [needy(1, 10, name="甲"), needy(2, 8, name="乙")]
    helpers = [helper(101, 10, name="一号"), helper(102, 12, name="二号")]
    first_come = greedy(people, helpers)
    assert first_come == {1: 101}                       # A took H1, B is left with no one

    result = propose(people, helpers)
    assert result == Suggestion(
        proposals=(Proposal(1, (102,), "one_on_one", ("二号：邻近楼（12号楼） · 未帮扶他人 · 60 岁",)),
                   Proposal(2, (101,), "one_on_one", ("一号：邻近楼（10号楼） · 未帮扶他人 · 60 岁",))),
        uncovered=())
    assert len(result.proposals) > len(first_come)


def test_everyone_gets_a_first_helper_before_anyone_gets_a_second():
    # Two many-help-one people, two helpers of capacity 1 in reach of both: one each, not both to one.
    people = [needy(1, 5, slots=2), needy(2, 6, slots=2)]
    helpers = [helper(101, 5), helper(102, 6)]
    result = propose(people, helpers)
    assert assigned(result) == {1: (101,), 2: (102,)}
    assert [p.mode for p in result.proposals] == ["many_help_one", "many_help_one"]
    assert result.uncovered == (
        Uncovered(1, "困1", 1, "5号楼一带：2 人需要 4 个帮扶名额，可用志愿者名额 2"),
        Uncovered(2, "困2", 1, "6号楼一带：2 人需要 4 个帮扶名额，可用志愿者名额 2"))


def test_a_first_helper_beats_a_much_cheaper_second_and_a_second_a_cheaper_third():
    # 困1 (7号楼) reaches only 志101 (10号楼, cost 30); 困2 has 志102 (11号楼) and would take 志101 as a free second.
    people = [needy(1, 7), needy(2, 10, slots=2)]
    helpers = [helper(101, 10), helper(102, 11)]
    assert assigned(propose(people, helpers)) == {1: (101,), 2: (102,)}
    # 困1's second helper (30 away) beats 困2's third (same building).
    people = [needy(1, 7, slots=2), needy(2, 10, slots=3)]
    helpers = [helper(100, 7), helper(101, 10), helper(102, 11), helper(103, 11)]
    assert assigned(propose(people, helpers)) == {1: (100, 101), 2: (102, 103)}


def test_a_second_helper_beats_cheaper_pairs_and_the_cheapest_leads():
    # Cheapest would be H1 for both people (cost 0); filling 困1's second slot with the far, busy H2 wins.
    people = [needy(1, 10, slots=2), needy(2, 10)]
    helpers = [helper(101, 10, free=2), helper(102, 13, load=5)]
    result = propose(people, helpers)
    assert assigned(result) == {1: (101, 102), 2: (101,)}
    assert result.proposals[0].why == ("志101：同楼 · 未帮扶他人 · 60 岁", "志102：邻近楼（13号楼） · 已帮扶 5 人 · 60 岁")
    assert result.uncovered == ()


def test_a_helper_is_never_proposed_twice_for_the_same_person():
    result = propose([needy(1, 10, slots=2)], [helper(101, 10, free=2)])
    assert assigned(result) == {1: (101,)}
    # The area explanation is not a cut: the area has the places, but only one distinct helper.
    assert result.uncovered == (Uncovered(1, "困1", 1, "10号楼一带：1 人需要 2 个帮扶名额，可用志愿者名额 2"),)


def test_capacity_is_shared_across_people():
    people = [needy(1, 10), needy(2, 10), needy(3, 12)]
    result = propose(people, [helper(101, 10, free=2)])
    assert assigned(result) == {1: (101,), 2: (101,)}
    assert result.uncovered == (Uncovered(3, "困3", 1, "12号楼一带：3 人需要 3 个帮扶名额，可用志愿者名额 2"),)


def test_helpers_in_hardship_only_when_allowed():
    people, helpers = [needy(1, 10)], [helper(101, 10, in_hardship=True)]
    assert propose(people, helpers) == Suggestion(
        (), (Uncovered(1, "困1", 1, "附近（10号楼前后 3 栋）没有可用的志愿者"),))
    assert assigned(propose(people, helpers, allow_hardship_helpers=True)) == {1: (101,)}


def test_same_sex_only_is_respected():
    helpers = [helper(101, 10, sex="女", same_sex_only=True)]
    assert assigned(propose([needy(1, 10, sex="女")], helpers)) == {1: (101,)}
    assert assigned(propose([needy(1, 10, sex="男")], helpers)) == {}
    assert assigned(propose([needy(1, 10, sex=None)], helpers)) == {}
    assert assigned(propose([needy(1, 10, sex="女")], [helper(101, 10, sex=None, same_sex_only=True)])) == {}


def test_nobody_is_proposed_to_help_themselves():
    # 7 is both in hardship and a volunteer (allowed here): 7 helps 8, 8 helps 7, never 7 helps 7.
    people = [needy(7, 10), needy(8, 10)]
    helpers = [helper(7, 10, in_hardship=True), helper(8, 11)]
    result = propose(people, helpers, allow_hardship_helpers=True)
    assert assigned(result) == {7: (8,), 8: (7,)}


def test_existing_helpers_are_not_proposed_again():
    result = propose([needy(1, 10, existing=(101,))], [helper(101, 10), helper(102, 11)])
    assert assigned(result) == {1: (102,)}


def test_same_building_preferred_and_beyond_near_never():
    assert assigned(propose([needy(1, 10)], [helper(101, 11), helper(102, 10)])) == {1: (102,)}
    far = [helper(101, 14)]
    assert propose([needy(1, 10)], far).uncovered == (
        Uncovered(1, "困1", 1, "附近（10号楼前后 3 栋）没有可用的志愿者"),)
    assert assigned(propose([needy(1, 10)], far, near=4)) == {1: (101,)}
    assert propose([needy(1, 10)], far, near=2).uncovered[0].reason == "附近（10号楼前后 2 栋）没有可用的志愿者"


def test_why_strings_for_a_small_case():
    people = [needy(1, 5, slots=3, name="张阿姨", sex="女")]
    helpers = [helper(101, 5, name="王志愿", load=1, age=62, sex="女"),      # cost 5
               helper(102, 6, name="李四", age=58, sex="女"),                # cost 10
               helper(103, 5, name="赵五", age=None, sex="男")]              # cost 3: the lead
    assert propose(people, helpers) == Suggestion(
        proposals=(Proposal(1, (103, 101, 102), "many_help_one",
                            ("赵五：同楼 · 未帮扶他人",
                             "王志愿：同楼 · 已帮扶 1 人 · 62 岁",
                             "李四：邻近楼（6号楼） · 未帮扶他人 · 58 岁")),),
        uncovered=())


def test_the_three_kinds_of_uncovered_reason():
    people = [needy(1, 3, slots=2), needy(2, 5), needy(3, 9), needy(4, None, name="无楼号"), needy(5, 40)]
    helpers = [helper(101, 3), helper(102, 9),
               helper(103, 4, in_hardship=True),      # neither proposed nor counted as available
               helper(104, None, free=3)]             # no building: nowhere near anyone
    result = propose(people, helpers)
    assert assigned(result) == {1: (101,), 3: (102,)}
    assert result.uncovered == (
        Uncovered(1, "困1", 1, "3号楼一带：2 人需要 3 个帮扶名额，可用志愿者名额 1"),
        Uncovered(2, "困2", 1, "5号楼一带：2 人需要 3 个帮扶名额，可用志愿者名额 1"),
        Uncovered(4, "无楼号", 1, "住址没有楼号，无法就近安排"),
        Uncovered(5, "困5", 1, "附近（40号楼前后 3 栋）没有可用的志愿者"))


def test_nothing_to_do():
    assert propose([], []) == Suggestion((), ())
    assert propose([needy(1, 10, slots=0)], [helper(101, 10)]) == Suggestion((), ())
    assert propose([], [helper(101, 10)]) == Suggestion((), ())


def test_duplicate_ids_are_refused():
    with pytest.raises(ValueError):
        propose([needy(1, 10), needy(1, 11)], [])
    with pytest.raises(ValueError):
        propose([], [helper(1, 10), helper(1, 11)])


def random_club(rng: random.Random, n_needy: int, n_helpers: int, buildings: int):
    people = [needy(i, rng.choice([None, *range(1, buildings + 1)]), rng.choice([1, 1, 2, 3]),
                    sex=rng.choice(["男", "女", None]), age=rng.choice([None, 75, 85]),
                    existing=rng.sample(range(1000, 1000 + n_helpers), rng.choice([0, 0, 1])))
              for i in range(1, n_needy + 1)]
    helpers = [helper(1000 + j, rng.randint(1, buildings), rng.randint(0, 3), sex=rng.choice(["男", "女"]),
                      load=rng.randint(0, 2), age=rng.choice([None, 50, 72]), same_sex_only=rng.random() < 0.2,
                      in_hardship=rng.random() < 0.1)
               for j in range(n_helpers)]
    return people, helpers


def test_same_input_in_any_order_gives_the_same_result():
    rng = random.Random(7)
    people, helpers = random_club(rng, 80, 60, 8)       # few buildings: many equal-cost ties
    expected = propose(people, helpers)
    assert expected.proposals and expected.uncovered
    for _ in range(5):
        rng.shuffle(people)
        rng.shuffle(helpers)
        assert propose(people, helpers) == expected


def test_a_solver_failure_is_an_error(monkeypatch):
    from ortools.graph.python import min_cost_flow

    real = min_cost_flow.SimpleMinCostFlow

    class Failing:
        OPTIMAL = real.OPTIMAL

        def __getattr__(self, name):
            return lambda *args, **kwargs: None

        def solve(self):
            return real.INFEASIBLE

    monkeypatch.setattr(min_cost_flow, "SimpleMinCostFlow", Failing)
    with pytest.raises(RuntimeError, match="INFEASIBLE"):
        propose([needy(1, 10)], [helper(101, 10)])


def test_a_large_club_is_solved_quickly():
    import time
    rng = random.Random(3)
    people, helpers = random_club(rng, 2000, 3000, 60)
    start = time.perf_counter()
    result = propose(people, helpers)
    assert time.perf_counter() - start < 5          # the benchmark quotes the real figure; this catches blow-ups
    assert len(result.proposals) > 1000


# Random small clubs, checked against the rules and against exhaustive search.

@st.composite
def clubs(draw, max_needy=6, max_helpers=5, max_slots=3):
    helper_ids = draw(st.lists(st.integers(1, 9), unique=True, max_size=max_helpers))
    needy_ids = draw(st.lists(st.integers(1, 9), unique=True, max_size=max_needy))   # may also be helpers
    building = st.one_of(st.none(), st.integers(1, 8))
    sex = st.sampled_from([None, "男", "女"])
    people = [Needy(pid, f"困{pid}", draw(building), draw(st.one_of(st.none(), st.integers(60, 90))), draw(sex),
                    draw(st.integers(1, max_slots)),
                    tuple(draw(st.lists(st.sampled_from(helper_ids), unique=True, max_size=1)) if helper_ids else ()))
              for pid in needy_ids]
    helpers = [Helper(pid, f"志{pid}", draw(building), draw(st.one_of(st.none(), st.integers(40, 80))), draw(sex),
                      draw(st.integers(0, 3)), draw(st.integers(0, 3)), draw(st.booleans()), draw(st.booleans()))
               for pid in helper_ids]
    return people, helpers, draw(st.integers(0, 3)), draw(st.booleans())


def check_rules(people, helpers, near, allow, result):
    by_id = {h.person_id: h for h in helpers}
    use = {h.person_id: 0 for h in helpers}
    got = {}
    for p in result.proposals:
        n = next(x for x in people if x.person_id == p.person_id)
        assert p.helper_ids and len(set(p.helper_ids)) == len(p.helper_ids) <= n.slots
        assert all(eligible(n, by_id[hid], near, allow) for hid in p.helper_ids)
        assert p.mode == ("one_on_one" if n.slots == 1 else "many_help_one")
        costs = [cost(n, by_id[hid]) for hid in p.helper_ids]
        assert costs == sorted(costs)                              # the cheapest leads
        for hid in p.helper_ids:
            use[hid] += 1
        got[n.person_id] = len(p.helper_ids)
    assert all(use[h.person_id] <= max(h.free, 0) for h in helpers)
    assert [(u.person_id, u.missing) for u in result.uncovered] == \
        [(n.person_id, n.slots - got.get(n.person_id, 0)) for n in sorted(people, key=lambda x: x.person_id)
         if n.slots > got.get(n.person_id, 0)]
    for u in result.uncovered:
        n = next(x for x in people if x.person_id == u.person_id)
        if n.building is None:
            assert u.reason == "住址没有楼号，无法就近安排"
        elif not any(eligible(n, h, near, allow) for h in helpers):
            assert u.reason == f"附近（{n.building}号楼前后 {near} 栋）没有可用的志愿者"
        else:
            assert u.reason.startswith(f"{n.building}号楼一带：")
    return got


def max_people_covered(people, helpers, near, allow) -> int:
    """Maximum matching of people to helper places (a helper with free f is f places), by augmenting paths."""
    places = [h for h in helpers for _ in range(max(h.free, 0))]
    owner = [None] * len(places)

    def augment(n, seen):
        for k, h in enumerate(places):
            if k not in seen and eligible(n, h, near, allow):
                seen.add(k)
                if owner[k] is None or augment(owner[k], seen):
                    owner[k] = n
                    return True
        return False

    # Two places of the same helper never go to one person here: each person takes one place only.
    return sum(augment(n, set()) for n in people)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(clubs(max_needy=8, max_helpers=6))
def test_random_clubs_keep_the_rules_and_cover_as_many_as_possible(club):
    people, helpers, near, allow = club
    result = propose(people, helpers, near=near, allow_hardship_helpers=allow)
    check_rules(people, helpers, near, allow, result)
    assert len(result.proposals) == max_people_covered(people, helpers, near, allow)


def objective(people, helpers, assignment: dict[int, tuple[int, ...]]):
    """(people with a 1st helper, with a 2nd, with a 3rd, minus total pair cost): larger is better."""
    by_id = {h.person_id: h for h in helpers}
    by_n = {n.person_id: n for n in people}
    tiers = tuple(sum(1 for hs in assignment.values() if len(hs) >= k) for k in (1, 2, 3))
    return (*tiers, -sum(cost(by_n[pid], by_id[hid]) for pid, hs in assignment.items() for hid in hs))


def best_objective(people, helpers, near, allow):
    options = []
    for n in people:
        mine = [h.person_id for h in helpers if eligible(n, h, near, allow)]
        options.append([c for k in range(min(n.slots, len(mine)) + 1) for c in itertools.combinations(mine, k)])
    free = {h.person_id: h.free for h in helpers}
    best = None
    for choice in itertools.product(*options):
        use = {}
        for hs in choice:
            for hid in hs:
                use[hid] = use.get(hid, 0) + 1
        if all(use[hid] <= free[hid] for hid in use):
            value = objective(people, helpers, {n.person_id: hs for n, hs in zip(people, choice) if hs})
            best = value if best is None else max(best, value)
    return best


@contextlib.contextmanager
def tiers(kind: str):
    """The module's tiers as they are, or with the too-big-for-int64 fallback to the smaller cycle tiers forced;
    yields the list of times the cycle tiers were used."""
    used = []
    with pytest.MonkeyPatch.context() as mp:
        if kind == "cycle":
            cycle = aid_solver._cycle_penalties
            mp.setattr(aid_solver, "_tier_penalties", lambda counts, *args: [2 ** 62] * len(counts))
            mp.setattr(aid_solver, "_cycle_penalties", lambda *args: used.append(args) or cycle(*args))
        yield used


@pytest.mark.parametrize("kind", ["lexicographic", "cycle"])
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(clubs(max_needy=4, max_helpers=3))
def test_random_clubs_are_lexicographically_optimal(kind, club):
    people, helpers, near, allow = club
    with tiers(kind):
        result = propose(people, helpers, near=near, allow_hardship_helpers=allow)
    check_rules(people, helpers, near, allow, result)
    assert objective(people, helpers, assigned(result)) == best_objective(people, helpers, near, allow)


def test_the_cycle_tiers_rank_first_second_third_too():
    with tiers("cycle") as used:
        test_a_first_helper_beats_a_much_cheaper_second_and_a_second_a_cheaper_third()
        test_a_second_helper_beats_cheaper_pairs_and_the_cheapest_leads()
        test_everyone_gets_a_first_helper_before_anyone_gets_a_second()
        test_one_flow_covers_more_people_than_first_come_greedy()
    assert len(used) == 5                           # the fallback was in force in all five


def test_cycle_tiers_keep_a_huge_club_in_int64():
    # 10,000 people wanting 3 helpers each: the product tiers would overflow, the cycle tiers do not.
    counts = [10_000] * 3
    assert aid_solver._tier_penalties(counts, 30_000, 200)[0] > 2 ** 62 // (4 * 60_000)
    assert aid_solver._cycle_penalties(3, 10_000, 200) == [6_000_003, 4_000_002, 2_000_001]


# Against the whole graph: the kinds and the arcs left out change nothing.

def dense_club(rng: random.Random, n_needy: int, n_helpers: int, buildings: int, *, allow: bool):
    """Few buildings and few distinct ages and loads, so many people and helpers are alike (kinds of many) and
    many helpers are in reach of each person (arcs to leave out); some people are volunteers themselves."""
    people = [needy(i, rng.choice([None, *range(1, buildings + 1)] if rng.random() < 0.05 else range(1, buildings + 1)),
                    rng.choice([1, 1, 1, 2, 3]), sex=rng.choice(["男", "女", "女", None]), age=80,
                    existing=rng.sample(range(1000, 1000 + n_helpers), 1) if rng.random() < 0.05 else ())
              for i in range(1, n_needy + 1)]
    helpers = [helper(1000 + j, rng.randint(1, buildings), rng.choice([0, 1, 1, 2, 3]), sex=rng.choice(["男", "女"]),
                      load=rng.choice([0, 0, 1]), age=rng.choice([None, 60, 72, 75]),
                      same_sex_only=rng.random() < 0.15, in_hardship=rng.random() < 0.1)
               for j in range(n_helpers)]
    if allow:   # a few people in need are volunteers too: never proposed to help themselves
        helpers += [helper(n.person_id, n.building, 1, sex=n.sex or "女", in_hardship=True)
                    for n in rng.sample(people, len(people) // 10) if n.building is not None]
    return people, helpers


def outcome(people, helpers, result) -> tuple[int, int, int, int]:
    """What aid_full_graph.optimum measures, for the solver's answer."""
    by_n, by_h = {n.person_id: n for n in people}, {h.person_id: h for h in helpers}
    return (*(sum(1 for p in result.proposals if len(p.helper_ids) > k) for k in range(3)),
            sum(cost(by_n[p.person_id], by_h[h]) for p in result.proposals for h in p.helper_ids))


def test_random_clubs_match_the_whole_graph():
    rng = random.Random(19)
    compared = pruned = merged = 0
    for _ in range(250):
        allow = rng.random() < 0.4
        people, helpers = dense_club(rng, rng.randint(1, 40), rng.randint(1, 70), rng.randint(1, 6), allow=allow)
        near = rng.choice([0, 1, 3, 3])
        result = propose(people, helpers, near=near, allow_hardship_helpers=allow)
        check_rules(people, helpers, near, allow, result)
        assert outcome(people, helpers, result) == aid_full_graph.optimum(people, helpers, near, allow)
        compared += 1
        placed = sorted((n for n in people if n.building is not None and n.slots), key=lambda n: n.person_id)
        usable = sorted((h for h in helpers if h.free > 0 and (allow or not h.in_hardship)),
                        key=lambda h: (h.building, h.person_id))
        if placed and usable:
            kinds = aid_solver._kinds(placed, usable)
            net = aid_solver._arcs(kinds, near)
            merged += len(kinds.members) < len(placed)
            pruned += len(aid_solver._cheapest(kinds, net, near)) < len(net.cost)
    # The two reductions were at work in many of the clubs compared, not just allowed for.
    assert compared == 250 and merged > 100 and pruned > 50


def test_a_crowded_area_keeps_few_arcs_and_the_same_optimum():
    # 400 people in need and 900 helpers in 5 buildings: every helper is within reach of every person.
    rng = random.Random(5)
    people, helpers = dense_club(rng, 400, 900, 5, allow=False)
    placed = sorted((n for n in people if n.building is not None), key=lambda n: n.person_id)
    usable = sorted((h for h in helpers if h.free > 0 and not h.in_hardship), key=lambda h: (h.building, h.person_id))
    kinds = aid_solver._kinds(placed, usable)
    net = aid_solver._arcs(kinds, NEAR)
    kept = aid_solver._cheapest(kinds, net, NEAR)
    pairs = sum(eligible(n, h) for n in placed for h in usable)
    assert len(kinds.members) < len(placed) / 5 and len(kinds.helpers) < len(usable) / 2
    assert len(kept) < 0.8 * len(net.cost) and len(net.cost) < pairs / 10
    result = propose(people, helpers)
    assert outcome(people, helpers, result) == aid_full_graph.optimum(people, helpers)
    check_rules(people, helpers, NEAR, False, result)
