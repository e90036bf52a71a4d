"""Benchmark of the roster export: 100,000 synthetic rows through write_roster, timed, with peak memory.

    python bench/roster_export.py [--rows 100000]

The export runs in a fresh child process so its peak RSS is its own (interpreter and imports included);
``measure()`` returns the figures for the main harness. Nothing here is asserted.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "秀英华玉兰桂芳淑珍凤金春梅丽明国建军志强伟平德文海光荣永庆福兴振东红霞云贵"
AREAS = ("370502", "370503", "370521", "370522", "370523", "370105", "110101", "440304")
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
BRANCHES = ("第一党支部", "第二党支部", "第三党支部", "离退休党支部")
SITUATIONS = ("独居", "空巢", "孤寡", "残疾", "重病", "特困")
TAGS = ("五老志愿者", "注册志愿者", "讲师", "顾问", "文体骨干")
POSTS = ("巡逻队长", "志愿队长", "文体队长", "宣传员", "治安员", "环境员", "调解员", "联络员", "教育员")
NOTES = ("", "", "", "子女在外地，每周电话联系", "行动不便，需上门服务", "=老党员", "腿脚不好，住一楼",
         "爱人已去世，独自居住，社区网格员每周探访两次")


def _id_number(rng: random.Random, birth: datetime.date, male: bool) -> str:
    seq = rng.randrange(0, 50) * 2 + (1 if male else 0)
    first17 = f"{rng.choice(AREAS)}{birth:%Y%m%d}{rng.randrange(10, 99)}{seq % 10}"
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, WEIGHTS)) % 11]


def synthetic_rows(count: int, seed: int = 1) -> Iterator[dict]:
    """Roster rows as the export receives them, made one at a time."""
    rng = random.Random(seed)
    start = datetime.date(1925, 1, 1)
    for _ in range(count):
        male = rng.random() < 0.48
        birth = start + datetime.timedelta(days=rng.randrange(0, 365 * 80))
        member = rng.random() < 0.35
        status = rng.choices(("active", "moved_away", "deceased"), (90, 6, 4))[0]
        yield {
            "name": rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2)))),
            "sex": "男" if male else "女",
            "id_number": _id_number(rng, birth, male) if rng.random() < 0.95 else None,
            "birth_date": birth,
            "phone": f"1{rng.choice('3578')}{rng.randrange(0, 10**9):09d}" if rng.random() < 0.9 else "",
            "building": str(rng.randrange(1, 40)), "unit": str(rng.randrange(1, 7)),
            "room": f"{rng.randrange(1, 19)}0{rng.randrange(1, 5)}",
            "categories": [w for w, p in (("党员", member), ("志愿者", rng.random() < 0.2), ("居民", True)) if p],
            "party_joined": birth + datetime.timedelta(days=365 * rng.randrange(19, 50)) if member else None,
            "party_branch": rng.choice(BRANCHES) if member else "",
            "situations": rng.sample(SITUATIONS, rng.choice((0, 0, 0, 1, 2))),
            "tags": rng.sample(TAGS, rng.choice((0, 0, 0, 0, 1))),
            "posts": rng.sample(POSTS, 1) if rng.random() < 0.05 else [],
            "status": status,
            "status_date": datetime.date(2023, 1, 1) + datetime.timedelta(days=rng.randrange(0, 700))
            if status != "active" else None,
            "notes": rng.choice(NOTES),
        }


def _rss_mb() -> float | None:
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB elsewhere


def _child(rows: int, path: str) -> None:
    """Run in the child process: time the export and print the figures as JSON."""
    from app.reports.roster import write_roster

    started = time.perf_counter()
    for _ in synthetic_rows(rows):
        pass
    generating = time.perf_counter() - started
    baseline = _rss_mb()
    started = time.perf_counter()
    written = write_roster(path, synthetic_rows(rows), club_name="幸福里社区服务社",
                           on=datetime.date(2025, 1, 1), full_ids=False)
    seconds = time.perf_counter() - started
    print(json.dumps({"rows": written, "seconds": seconds, "generating_seconds": generating,
                      "writing_seconds": max(0.0, seconds - generating),
                      "peak_rss_mb": _rss_mb(), "baseline_rss_mb": baseline,
                      "file_mb": os.path.getsize(path) / 1024 / 1024}))


def measure(rows: int = 100_000) -> dict:
    """Export ``rows`` synthetic rows in a fresh process: {"seconds", "peak_rss_mb", ...}.

    ``seconds`` is the write_roster call, row generation included (``generating_seconds`` is that part alone,
    timed separately, ``writing_seconds`` the rest); ``peak_rss_mb`` is the child's peak resident memory,
    ``baseline_rss_mb`` its peak just before the export (the interpreter and the app's imports).
    """
    with tempfile.TemporaryDirectory() as folder:
        out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", str(rows),
                              os.path.join(folder, "roster.xlsx")],
                             cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--child", nargs=2, metavar=("ROWS", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(int(args.child[0]), args.child[1])
        return 0
    result = measure(args.rows)
    rss = "n/a" if result["peak_rss_mb"] is None else f"{result['peak_rss_mb']:.0f} MB"
    base = "n/a" if result["baseline_rss_mb"] is None else f"{result['baseline_rss_mb']:.0f} MB"
    print(f"export {result['rows']:,} rows: {result['seconds']:.1f} s, peak RSS {rss} "
          f"(of which generating the rows {result['generating_seconds']:.1f} s; RSS before the export {base}; "
          f"file {result['file_mb']:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
