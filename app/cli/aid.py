"""Mutual-aid groups (互助组): coverage of everyone in hardship and proposals for the uncovered."""

from __future__ import annotations

import argparse
import json
import sys

from app.cli.common import actor, db_arg, open_club


def register(sub: argparse._SubParsersAction) -> None:
    cov = sub.add_parser("aid-coverage", help="互助组覆盖情况", description="应覆盖的困难群众有多少、已覆盖多少、谁没有覆盖及原因。")
    db_arg(cov)
    cov.add_argument("--json", action="store_true", help="输出 JSON 对象")
    cov.set_defaults(run=_aid_coverage)

    sug = sub.add_parser("aid-suggest", help="为未覆盖的人推荐帮扶人",
                         description="为所有未覆盖的人一起推荐帮扶人（最小费用流）；加 --apply 按推荐成立互助组。")
    db_arg(sug)
    sug.add_argument("--json", action="store_true", help="输出 JSON 列表")
    sug.add_argument("--apply", action="store_true", help="按推荐成立互助组（或给已有的组增加帮扶人）")
    sug.set_defaults(run=_aid_suggest)


def _aid_coverage(args: argparse.Namespace) -> int:
    from app.aid_groups import coverage

    result = coverage(open_club(args))
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=1))
    else:
        print(f"应覆盖 {result.must_cover} 人，已覆盖 {result.covered} 人，未覆盖 {len(result.uncovered)} 人")
        for gap in result.uncovered:
            print(f"{gap.person_id}\t{gap.name}\t{gap.reason}")
    return 0


def _aid_suggest(args: argparse.Namespace) -> int:
    from app.aid_groups import apply_proposals, suggest

    db = open_club(args)
    result = suggest(db)
    if args.apply and result.proposals:
        apply_proposals(db, list(result.proposals), actor=actor())
    if args.json:
        print(json.dumps([{"person_id": p.person_id, "helper_ids": list(p.helper_ids), "mode": p.mode,
                           "why": "；".join(p.why)} for p in result.proposals], ensure_ascii=False, indent=1))
    else:
        for p in result.proposals:
            print(f"{p.person_id}\t{p.mode}\t{'；'.join(p.why)}")
        for gap in result.uncovered:
            print(f"{gap.person_id}\t{gap.name}\t仍未覆盖：{gap.reason}")
        verb = "已成立或补充" if args.apply else "推荐"
        print(f"{verb} {len(result.proposals)} 个互助组，仍有 {len(result.uncovered)} 人缺帮扶人", file=sys.stderr)
    return 0
