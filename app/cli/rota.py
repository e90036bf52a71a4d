"""Duty rotas (值班表): show, generate or repair, print a month."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.cli.common import actor, db_arg, open_club, out_file


def register(sub: argparse._SubParsersAction) -> None:
    rot = sub.add_parser("rota", help="某月值班表：查看、生成、打印",
                         description="查看某月值班表；--generate 生成或修补（保留仍然有效的安排）；--pdf / --xlsx 输出。")
    db_arg(rot)
    rot.add_argument("--month", required=True, metavar="YYYY-MM", help="月份")
    rot.add_argument("--generate", action="store_true", help="生成或修补这个月的值班表")
    rot.add_argument("--json", action="store_true", help="输出 JSON 对象")
    rot.add_argument("--pdf", type=Path, metavar="FILE", help="打印用的 PDF（A4 横向）")
    rot.add_argument("--xlsx", type=Path, metavar="FILE", help="Excel 文件")
    rot.set_defaults(run=_rota)


def _rota(args: argparse.Namespace) -> int:
    from app import rota
    from app.reports.rota import save_rota_pdf, save_rota_xlsx

    db = open_club(args)
    if args.generate:
        missing = rota.missing_holidays(db, args.month)
        if missing:
            print(f"提醒：{missing}", file=sys.stderr)
        plan = rota.generate(db, args.month, actor=actor())
        print(f"已生成 {args.month} 值班表：安排 {len(plan.assignments)} 人次，缺 {sum(m for _, m, _ in plan.unfilled)} 人次，"
              f"调整 {plan.changed} 处", file=sys.stderr)
    else:
        rota.ensure_defaults(db, actor=actor())
    if args.pdf:
        save_rota_pdf(db, args.month, args.pdf)
        print(f"已保存 → {args.pdf}", file=sys.stderr)
    if args.xlsx:
        save_rota_xlsx(db, args.month, out_file(args.xlsx, ".xlsx"))
        print(f"已保存 → {args.xlsx}", file=sys.stderr)
    if args.json:
        print(json.dumps(rota.rota_json(db, args.month), ensure_ascii=False, indent=1))
    elif not (args.pdf or args.xlsx):
        for shift in rota.month_rota(db, args.month):
            names = "、".join(name for _, name, _ in shift.people)
            gap = f"（缺 {shift.need - len(shift.people)} 人：{shift.unfilled_reason}）" if shift.unfilled_reason else ""
            print(f"{shift.day.isoformat()}\t{shift.slot_name}\t{names}{gap}")
    warning = rota.holiday_warning(db)
    if warning:
        print(f"提醒：{warning}", file=sys.stderr)
    return 0
