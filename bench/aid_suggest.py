"""Benchmark: app.aid_solver.propose on a large random club (graph building included); prints one line.

    python bench/aid_suggest.py [--needy 2000] [--helpers 3000] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.aid_solver import Helper, Needy, propose  # noqa: E402

SURNAMES = "王李张刘陈杨赵黄周吴"


def instance(needy: int, helpers: int, seed: int) -> tuple[list[Needy], list[Helper]]:
    """Random buildings 1..60, helpers' capacities 1..3, slots mostly 1 and some 2; a few without a building,
    a few preferring the same sex, a few in hardship themselves."""
    rng = random.Random(seed)
    people = []
    for i in range(needy):
        people.append(Needy(person_id=i + 1, name=rng.choice(SURNAMES) + f"困{i}",
                            building=rng.randint(1, 60) if rng.random() > 0.02 else None,
                            age=rng.randint(60, 95), sex=rng.choice(["男", "女"]),
                            slots=1 if rng.random() < 0.8 else 2))
    volunteers = []
    for j in range(helpers):
        capacity = rng.randint(1, 3)
        load = rng.randint(0, capacity - 1)
        volunteers.append(Helper(person_id=100_000 + j, name=rng.choice(SURNAMES) + f"志{j}",
                                 building=rng.randint(1, 60) if rng.random() > 0.02 else None,
                                 age=rng.randint(25, 85), sex=rng.choice(["男", "女"]), free=capacity - load,
                                 load=load, same_sex_only=rng.random() < 0.1, in_hardship=rng.random() < 0.05))
    return people, volunteers


def measure(needy: int = 2000, helpers: int = 3000, seed: int = 1) -> dict:
    """Median of 3 timed runs of propose on one random instance."""
    people, volunteers = instance(needy, helpers, seed)
    times, result = [], None
    for _ in range(3):
        start = time.perf_counter()
        result = propose(people, volunteers)
        times.append(time.perf_counter() - start)
    figures = {"seconds": statistics.median(times), "covered": len(result.proposals),
               "uncovered": len(result.uncovered)}
    print(f"aid_suggest: {needy} needy × {helpers} helpers (seed {seed}): {figures['seconds']:.3f} s median of 3, "
          f"{figures['covered']} covered, {figures['uncovered']} with slots left unfilled")
    return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--needy", type=int, default=2000)
    parser.add_argument("--helpers", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    measure(args.needy, args.helpers, args.seed)
