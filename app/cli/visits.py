"""Visits (五必访) and what is due: the due list, logging a visit, the visit log, and correcting or voiding a visit."""

from __future__ import annotations

import argparse
import json
import sys

from app.cli.common import actor, db_arg, open_club, session
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
    visit.add_argument("--json", action="store_true", help='输出 JSON：{"visit_id": N}')
    visit.set_defaults(run=_log_visit)

    log = sub.add_parser("visits", help="列出、更正或作废走访记录",
                         description="列出走访记录（含已更正、已作废的）；或更正、作废一条走访，须写明原因。"
                                     "作废的走访不再算数：它消掉的待办回来，记入的时长冲回。")
    db_arg(log)
    log.add_argument("--person", metavar="ID", help="只列出这个人的走访")
    log.add_argument("--json", action="store_true", help="输出 JSON 列表")
    change = log.add_mutually_exclusive_group()
    change.add_argument("--void", type=int, metavar="ID", help="作废这条走访")
    change.add_argument("--correct", type=int, metavar="ID", help="更正这条走访（用下面的选项给出正确的值）")
    log.add_argument("--date", metavar="D", help="更正：正确的走访日期")
    log.add_argument("--kind", choices=list(VISIT_KINDS), help="更正：正确的走访类别")
    log.add_argument("--note", metavar="T", help="更正：正确的备注")
    log.add_argument("--reason", metavar="TEXT", help="更正或作废的原因（必填）")
    log.set_defaults(run=_visits)


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
    if args.json:
        print(json.dumps({"visit_id": visit_id}))
    else:
        print(f"已记录走访，编号 {visit_id}")
    return 0


def _visits(args: argparse.Namespace) -> int:
    from app import visits

    changing = args.void is not None or args.correct is not None
    given = {"person_id": args.person, "visit_date": args.date, "kind": args.kind, "notes": args.note}
    if not changing:
        stray = [f"--{name}" for name, value in (("date", args.date), ("kind", args.kind), ("note", args.note),
                                                  ("reason", args.reason)) if value is not None]
        if stray:
            raise KnownError(f"{'、'.join(stray)} 只在 --correct 或 --void 时使用")
    elif args.reason is None:
        raise KnownError("请用 --reason 写明更正或作废的原因")
    db = open_club(args)
    if args.void is not None:
        if any(value is not None for value in given.values()):
            raise KnownError("作废时只需 --reason；要改正某一项，请用 --correct")
        visits.void_visit(db, args.void, reason=args.reason, by=session())
        print(f"已作废走访，编号 {args.void}")
        return 0
    if args.correct is not None:
        changes = {key: value for key, value in given.items() if value is not None}
        if not changes:
            raise KnownError("请给出要更正的项：--person、--date、--kind 或 --note")
        after = visits.correct_visit(db, args.correct, changes, reason=args.reason, by=session())
        print(f"已更正走访，编号 {args.correct}：{'、'.join(visits.VISIT_FIELDS[key] for key in after)}")
        return 0
    if args.person is not None:
        try:
            person = int(args.person)
        except ValueError:
            raise KnownError(f"人员编号应是数字：{args.person}") from None
    else:
        person = None
    if args.json:
        print(json.dumps(visits.visits_json(db, person), ensure_ascii=False, indent=1))
        return 0
    rows = visits.list_visits(db, person_id=person)
    for row in rows:
        print("\t".join([str(row["id"]), row["visit_date"], row["name"], row["kind_label"], "、".join(row["visitors"]),
                         row["notes"], row["state_label"]]))
    print(f"共 {len(rows)} 条", file=sys.stderr)
    return 0
