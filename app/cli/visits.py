"""Visits (五必访) and what is due: the due list and logging a visit."""

from __future__ import annotations

import argparse
import json
import sys

from app.cli.common import actor, db_arg, open_club
from app.errors import KnownError
from app.visits import VISIT_KINDS


def register(sub: argparse._SubParsersAction) -> None:
    due = sub.add_parser("due", help="列出待办走访与逾期事项", description="列出某日起若干天内应办的走访（含已逾期的）和逾期未上报的必报事项。")
    db_arg(due)
    due.add_argument("--on", metavar="YYYY-MM-DD", help="从哪天算起（默认今天；也可写 12月2日、昨天）")
    due.add_argument("--days", type=int, default=14, metavar="N", help="往后看几天（默认 14）")
    due.add_argument("--json", action="store_true", help="输出 JSON 列表")
    due.set_defaults(run=_due)

    visit = sub.add_parser("log-visit", help="记录一次走访", description="记录一次五必访走访，检查规则与窗口中的表单相同。")
    db_arg(visit)
    visit.add_argument("--person", required=True, metavar="ID", help="被走访人的编号")
    visit.add_argument("--kind", required=True, choices=list(VISIT_KINDS), help="走访类别")
    visit.add_argument("--date", metavar="D", help="走访日期（默认今天）")
    visit.add_argument("--by", required=True, metavar="ID[,ID…]", help="走访的志愿者编号，多人用逗号分隔")
    visit.add_argument("--done", default="", metavar="T", help="带去的东西或做的事")
    visit.add_argument("--note", default="", metavar="T", help="备注")
    visit.add_argument("--follow-up", metavar="D", help="约定回访的日期")
    visit.set_defaults(run=_log_visit)


def _due(args: argparse.Namespace) -> int:
    import datetime

    from app.ids import event_date
    from app.visits import DUE_KINDS, due_items

    if not 0 <= args.days <= 366:
        raise KnownError("天数应在 0 到 366 之间")
    on = event_date(args.on, "on") if args.on else datetime.date.today()  # the forms' date, refused as they refuse it
    items = due_items(open_club(args), on, args.days)
    if args.json:
        print(json.dumps([item.as_json() for item in items], ensure_ascii=False, indent=1))
    else:
        for item in items:
            late = item.overdue_days(on)
            state = f"已逾期 {late} 天" if late else ("今天" if item.due == on else "")
            print("\t".join([item.due.isoformat(), item.name, DUE_KINDS[item.kind], item.reason, state]))
        print(f"共 {len(items)} 项", file=sys.stderr)
    return 0


def _log_visit(args: argparse.Namespace) -> int:
    from app.visits import log_visit

    visitors = [part.strip() for part in args.by.replace("，", ",").split(",") if part.strip()]
    db = open_club(args)
    visit_id = log_visit(db, {"person_id": args.person, "kind": args.kind, "visit_date": args.date,
                              "visitor_ids": visitors, "done": args.done, "notes": args.note,
                              "follow_up_on": args.follow_up}, actor=actor())
    print(f"已记录走访，编号 {visit_id}")
    return 0
