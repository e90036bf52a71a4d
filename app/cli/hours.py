"""The volunteer time bank (时间银行): statements, withdrawals, exchanges, crediting visits and shifts."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.cli.common import actor, db_arg, open_club, out_file
from app.errors import KnownError


def register(sub: argparse._SubParsersAction) -> None:
    hrs = sub.add_parser("hours", help="志愿服务时间银行：查看、支取、兑换、记入时长",
                         description="查看某位志愿者的时长账户；--withdraw 支取、--exchange 兑换奖品（余额不足时拒绝）；"
                                     "--credit 把尚未记入的走访和已出勤的值班记入时长。")
    db_arg(hrs)
    hrs.add_argument("--person", metavar="ID", help="志愿者编号")
    action = hrs.add_mutually_exclusive_group()
    action.add_argument("--withdraw", metavar="H", help="支取的小时数（需 --note 写明换来的帮助）")
    action.add_argument("--exchange", metavar="REWARD_ID", help="兑换的奖品编号")
    action.add_argument("--credit", action="store_true", help="记入所有尚未记入的走访和值班时长")
    hrs.add_argument("--note", default="", metavar="T", help="支取的说明")
    hrs.add_argument("--visit", metavar="VISIT_ID", help="支取时：在哪次走访（看望这位志愿者的）中得到的帮助")
    hrs.add_argument("--date", metavar="D", help="支取或兑换的日期（默认今天）")
    hrs.add_argument("--json", action="store_true", help="输出 JSON 对象")
    hrs.add_argument("--pdf", type=Path, metavar="FILE", help="打印用的时长明细 PDF（A4 纵向，身份证号已遮盖）")
    hrs.set_defaults(run=_hours)


def _hours(args: argparse.Namespace) -> int:
    from app import timebank
    from app.reports.statement import save_statement

    db = open_club(args)
    if args.credit:
        made = timebank.credit_visits_and_shifts(db, actor=actor())
        print(f"已记入 {made} 笔时长（走访和已出勤的值班）")
        if args.person is None:
            return 0
    if args.person is None:
        raise KnownError("请用 --person 指定志愿者编号")
    if args.withdraw is not None:
        timebank.withdraw(db, args.person, args.withdraw, on=args.date, note=args.note, actor=actor(),
                          visit_id=args.visit)
        print(f"已支取 {timebank.fmt(float(args.withdraw))} 小时", file=sys.stderr)
    elif args.exchange is not None:
        timebank.exchange(db, args.person, args.exchange, on=args.date, actor=actor())
        print(f"已兑换奖品 {args.exchange}", file=sys.stderr)
    result = timebank.statement(db, args.person)
    if args.pdf:
        save_statement(db, result.person_id, out_file(args.pdf))
        print(f"已保存 → {args.pdf}", file=sys.stderr)
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=1))
        return 0
    level = result.level or "未定级"
    ahead = timebank.next_level(result.earned_total, timebank.levels(db))
    hint = f"，再得 {timebank.fmt(ahead[1])} 小时升为{ahead[0]}" if ahead else ""
    print(f"{result.name}（编号 {result.person_id}）：余额 {timebank.fmt(result.balance)} 小时，"
          f"累计获得 {timebank.fmt(result.earned_total)} 小时，今年 {timebank.fmt(result.hours_this_year)} 小时，"
          f"等级：{level}{hint}")
    for e in result.entries:
        print("\t".join([e.date, timebank.KINDS[e.kind], f"{e.hours:+g}", timebank.SOURCES[e.source], e.note]))
    print(f"共 {len(result.entries)} 笔", file=sys.stderr)
    return 0

