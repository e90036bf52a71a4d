"""Month end: the bulletin PDF, the branch return .xlsx, and the branch's consolidation of returns."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.common import db_arg, open_club, out_file
from app.errors import KnownError


def register(sub: argparse._SubParsersAction) -> None:
    blt = sub.add_parser("bulletin", help="月度通报：打印用的 PDF",
                         description="某月的月度通报（A4 纵向 PDF）：走访、必报事项、互助组、志愿时长、服务、活动和会议、"
                                     "好人好事和下月安排。")
    db_arg(blt)
    blt.add_argument("--month", required=True, metavar="YYYY-MM", help="月份")
    blt.add_argument("--out", type=Path, required=True, metavar="FILE.pdf", help="输出文件")
    blt.set_defaults(run=_bulletin)

    ret = sub.add_parser("returns", help="月报表：报给党支部的 Excel",
                         description="某月报给党支部的月报表 .xlsx（汇总和六张明细表，格式见 docs/branch-return.md；"
                                     "身份证号已遮盖）。")
    db_arg(ret)
    ret.add_argument("--month", required=True, metavar="YYYY-MM", help="月份")
    ret.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx", help="输出文件")
    ret.set_defaults(run=_returns)

    con = sub.add_parser("consolidate", help="党支部：汇总各服务社的月报表",
                         description="把各服务社同一个月的月报表汇总成一个工作簿（每个服务社一行，另有合计）。"
                                     "别的月份、不认识的格式版本或读不了的文件逐个说明原因并跳过；"
                                     "有文件被跳过时退出码为 1。")
    con.add_argument("files", type=Path, nargs="+", metavar="RETURN.xlsx", help="各服务社的月报表")
    con.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx", help="输出文件")
    con.add_argument("--month", metavar="YYYY-MM", help="汇总哪个月（默认第一份能读的报表的月份）")
    con.set_defaults(run=_consolidate)


def _bulletin(args: argparse.Namespace) -> int:
    from app.reports.bulletin import save_bulletin

    out = out_file(args.out, ".pdf")
    pages = save_bulletin(open_club(args), args.month, out)
    print(f"已保存 {args.month} 月度通报，共 {pages} 页 → {out}")
    return 0


def _returns(args: argparse.Namespace) -> int:
    from app.reports.returns import save_return

    out = out_file(args.out, ".xlsx")
    report = save_return(open_club(args), args.month, out)
    f = report.figures()
    print(f"已保存 {args.month} 月报表（走访 {f['visits']:g} 次，志愿服务 {f['hours']:g} 小时，身份证号已遮盖）→ {out}")
    return 0


def _consolidate(args: argparse.Namespace) -> int:
    from app.reports.consolidation import consolidate, save_consolidation

    out = out_file(args.out, ".xlsx")
    if out.resolve() in {path.resolve() for path in args.files}:
        raise KnownError(f"输出文件不能是要汇总的报表之一：{out}")
    result = consolidate(args.files, month=args.month)
    for name, why in result.refused:
        print(f"错误：{name}：{why}", file=sys.stderr)
    if not result.accepted:
        print(f"错误：没有可以汇总的月报表，没有写出 {out}", file=sys.stderr)
        return 1
    save_consolidation(result, out)
    skipped = f"，跳过 {len(result.refused)} 份" if result.refused else ""
    print(f"已汇总 {len(result.accepted)} 个服务社的 {result.month} 月报表{skipped} → {out}")
    return 1 if result.refused else 0
