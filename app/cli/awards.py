"""Service-hours certificates (志愿服务证明) and the yearly awards (最美 / 功勋志愿者)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.cli.common import actor, db_arg, open_club, out_file
from app.errors import KnownError


def register(sub: argparse._SubParsersAction) -> None:
    crt = sub.add_parser("certificate", help="志愿服务证明：开具、补打、查看登记簿",
                         description="按时间银行的记录开具志愿服务证明（身份证号已遮盖），登记编号；"
                                     "--reprint 按登记簿补打；--list 列出登记簿。")
    db_arg(crt)
    crt.add_argument("--person", metavar="ID", help="志愿者编号（开具时必填）")
    crt.add_argument("--from", dest="start", metavar="D", help="服务起始日期（默认当年 1 月 1 日）")
    crt.add_argument("--to", dest="end", metavar="D", help="服务截止日期（默认今天）")
    crt.add_argument("--purpose", default="", metavar="T", help="用途，如 评优、升学")
    crt.add_argument("--reprint", metavar="NUMBER", help="补打登记簿里这一编号的证明")
    crt.add_argument("--list", action="store_true", help="列出证明登记簿")
    crt.add_argument("--year", type=int, metavar="Y", help="只列这一年开具的证明")
    crt.add_argument("--json", action="store_true", help="登记簿输出为 JSON 列表")
    crt.add_argument("--out", type=Path, metavar="FILE.pdf", help="证明 PDF 保存到这里")
    crt.set_defaults(run=_certificate)

    awd = sub.add_parser("awards", help="年度评选：最美志愿者、功勋志愿者",
                         description="按全年服务时长、参加活动和群众评价排名并给出推荐名单；"
                                     "--confirm-proposed 确认推荐名单；--pdf 打印荣誉证书。")
    db_arg(awd)
    awd.add_argument("--year", type=int, required=True, metavar="Y", help="评选年度")
    awd.add_argument("--json", action="store_true", help="输出 JSON 对象")
    awd.add_argument("--confirm-proposed", action="store_true", help="按推荐名单确认评选结果")
    awd.add_argument("--pdf", type=Path, metavar="FILE", help="每位获评人一页荣誉证书")
    awd.set_defaults(run=_awards)


def _certificate(args: argparse.Namespace) -> int:
    import datetime

    from app import certificates
    from app.reports.certificate import save_service_certificates

    db = open_club(args)
    if args.list:
        rows = certificates.register(db, args.year)
        if args.json:
            keys = ("number", "person_id", "name", "issued_on", "period_start", "period_end", "hours", "content",
                    "purpose", "issued_by")
            print(json.dumps([{key: row[key] for key in keys} for row in rows], ensure_ascii=False, indent=1))
        else:
            for row in rows:
                print("\t".join([row["number"], row["issued_on"], row["name"], f"{row['hours']:g} 小时",
                                 f"{row['period_start']} 至 {row['period_end']}", row["purpose"], row["issued_by"]]))
            print(f"共 {len(rows)} 份证明", file=sys.stderr)
        return 0
    if args.out is None:
        raise KnownError("请用 --out 指定证明 PDF 的保存位置")
    out = out_file(args.out)
    if args.reprint:
        save_service_certificates(db, [args.reprint], out)
        print(f"已补打证明 {args.reprint} → {out}")
        return 0
    if args.person is None:
        raise KnownError("请用 --person 指定志愿者编号")
    today = datetime.date.today()
    row = certificates.issue(db, args.person, args.start or f"{today.year}-01-01", args.end or today.isoformat(),
                             purpose=args.purpose, actor=actor())
    save_service_certificates(db, [row["number"]], out)
    print(f"已开具证明 {row['number']}：{row['hours']:g} 小时 → {out}")
    return 0


def _awards(args: argparse.Namespace) -> int:
    from app import awards
    from app.reports.certificate import save_award_certificates

    db = open_club(args, "awards" if args.confirm_proposed else None)
    if args.confirm_proposed:
        proposed = [(c.person_id, c.proposed) for c in awards.ranking(db, args.year)
                    if c.proposed and c.proposed not in (c.awarded or [])]
        awards.confirm(db, args.year, proposed, actor=actor())
        print(f"已确认 {len(proposed)} 项评选结果", file=sys.stderr)
    ranked = awards.ranking(db, args.year)
    confirmed = awards.awards(db, args.year)
    if args.pdf:
        pages = save_award_certificates(db, args.year, out_file(args.pdf))
        print(f"已打印 {pages} 张荣誉证书 → {args.pdf}", file=sys.stderr)
    if args.json:
        print(json.dumps({"year": args.year,
                          "ranking": [{"person_id": c.person_id, "name": c.name, "hours": c.hours,
                                       "earned_total": c.earned_total, "activities": c.activities,
                                       "praise": c.praise, "complaints": c.complaints, "score": c.score,
                                       "proposed": c.proposed} for c in ranked],
                          "awards": [{"person_id": a["person_id"], "name": a["name"], "kind": a["kind"],
                                      "citation": a["citation"]} for a in confirmed]},
                         ensure_ascii=False, indent=1))
        return 0
    for c in ranked:
        mark = awards.AWARD_KINDS.get(c.proposed, "")
        print("\t".join([c.name, f"{c.hours:g} 小时", f"活动 {c.activities}", f"表扬 {c.praise}",
                         f"意见 {c.complaints}", f"得分 {c.score:g}", f"推荐：{mark}" if mark else ""]).rstrip())
    print(f"已确认：{'、'.join(a['name'] + '（' + a['kind_label'] + '）' for a in confirmed) or '无'}", file=sys.stderr)
    return 0
