"""The roster (花名册): listing and searching, import from spreadsheets, export and the empty template."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.cli.common import actor, db_arg, open_club, out_file, session
from app.errors import KnownError


def register(sub: argparse._SubParsersAction) -> None:
    people = sub.add_parser("people", help="列出花名册", description="按与窗口相同的搜索列出花名册；身份证号已遮盖。")
    db_arg(people)
    people.add_argument("--query", "-q", default="", metavar="Q", help="姓名、拼音首字母、身份证或电话尾号、楼号")
    people.add_argument("--members", action="store_true", help="只列党员")
    people.add_argument("--volunteers", action="store_true", help="只列志愿者")
    people.add_argument("--hardship", action="store_true", help="只列有困难情况的人")
    people.add_argument("--tag", metavar="TAG", help="只列带此人才库标签的人")
    people.add_argument("--uncovered", action="store_true", help="只列应由互助组覆盖却没有覆盖的人")
    people.add_argument("--all", action="store_true", help="包括已迁出和已去世的人")
    people.add_argument("--json", action="store_true", help="输出 JSON 列表")
    people.set_defaults(run=_people)

    imp = sub.add_parser("import-roster", help="从 Excel 花名册导入",
                         description="导入花名册（.xlsx、.xls、.ods 或 .csv）。默认全部成功才导入；有错误行时一行也不导入，并在原文件旁写出错误行工作簿。")
    imp.add_argument("file", type=Path, metavar="FILE", help="花名册文件：.xlsx、.xls、.ods 或 .csv")
    db_arg(imp)
    imp.add_argument("--sheet", metavar="NAME", help="工作表名称（默认自动找花名册所在的表）")
    imp.add_argument("--dry-run", action="store_true", help="只检查，不导入")
    imp.add_argument("--skip-invalid", action="store_true", help="跳过有错误的行，导入其余的行")
    imp.add_argument("--update", action="store_true", help="已在花名册里的人（身份证号相同，或姓名和出生日期相同）用文件里的内容更新")
    imp.add_argument("--json", action="store_true", help="输出一个 JSON 对象")
    imp.set_defaults(run=_import_roster)

    exp = sub.add_parser("export-roster", help="把花名册导出为 Excel", description="导出花名册 .xlsx；身份证号默认遮盖。")
    db_arg(exp)
    exp.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx", help="输出文件")
    exp.add_argument("--full-ids", action="store_true", help="导出完整身份证号（会记入审计日志）")
    exp.set_defaults(run=_export_roster)

    tpl = sub.add_parser("roster-template", help="保存空白花名册模板", description="保存可直接导入的空白花名册，带下拉选项。")
    tpl.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx", help="输出文件")
    db_arg(tpl, required=False)
    tpl.set_defaults(run=_roster_template)


def _people(args: argparse.Namespace) -> int:
    from app.db.people import listing_json
    from app.ids import MASK_HEAD, MASK_TAIL, mask_id
    from app.people import TALENT_TAGS, RosterFilter, birth_text, ensure_search_index, people_by_ids, search_ids
    from app.roster_layout import STATUS_LABELS

    if args.tag and args.tag not in TALENT_TAGS:
        raise KnownError(f"未知的人才库标签：{args.tag}（可选：{'、'.join(TALENT_TAGS)}）")
    db = open_club(args)
    ensure_search_index(db)  # a file from an older version has its search words made again, once
    flt = RosterFilter(text=args.query, members=args.members, volunteers=args.volunteers, hardship=args.hardship,
                       tag=args.tag, include_inactive=args.all, uncovered=args.uncovered,
                       full_ids=session().can("full_ids"))
    ids = search_ids(db, flt)
    out = sys.stdout
    # Both outputs are written as the rows are read, a slice at a time: the whole roster never sits in memory.
    if args.json:
        out.write("[")
        for index, line in enumerate(listing_json(db, ids, head=MASK_HEAD, tail=MASK_TAIL)):
            out.write(",\n" if index else "\n")
            out.write(line)
        out.write("\n]\n" if ids else "]\n")
    else:
        for start in range(0, len(ids), 2000):
            for r in people_by_ids(db, ids[start:start + 2000]):
                out.write("\t".join([str(r["id"]), r["name"], r["sex"] or "", birth_text(r), r["building"],
                                     mask_id(r["id_number"]), STATUS_LABELS[r["status"]]]) + "\n")
        print(f"共 {len(ids)} 人", file=sys.stderr)
    return 0


def _import_roster(args: argparse.Namespace) -> int:
    from app.reports.roster import import_roster
    from app.workbook_safety import is_text_list

    if not args.file.exists():
        raise KnownError(f"找不到文件：{args.file}")
    db = open_club(args, "import")

    def back_up_first() -> None:
        from app.backups import back_up

        print(f"导入前备份：{back_up(db, args.db, reason='before-import', only_if_changed=True).message()}",
              file=sys.stderr)

    report = import_roster(db, args.file, actor=actor(), sheet=args.sheet, dry_run=args.dry_run,
                           skip_invalid=args.skip_invalid, update=args.update, before_store=back_up_first)
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False))
    else:
        layout = report.layout
        verb = "可导入" if args.dry_run else "导入"
        where = "" if is_text_list(args.file) else f"工作表“{layout.sheet}”，"  # a CSV has no sheets
        print(f"{where}表头在第 {layout.header_row} 行；读取 {report.read} 行：{verb} {report.imported}，"
              f"更新 {report.updated}，跳过重复 {report.skipped_duplicates}，有错误 {len({r.row for r in report.rejected})} 行")
        if layout.ignored:
            print(f"未导入的列：{'、'.join(layout.ignored)}")
        for row, why in report.duplicates[:20]:
            print(f"第 {row} 行跳过：{why}")
        for item in report.rejected[:50]:
            who = f"（{item.name}）" if item.name else " "
            print(f"第 {item.row} 行{who}{item.column}“{item.value}”：{item.reason}")
        if len(report.rejected) > 50:
            print(f"……另有 {len(report.rejected) - 50} 处错误，见错误行工作簿")
        if report.rejected and not report.stored and not args.dry_run:
            print("有错误行，本次没有导入任何人（全部正确才导入；可用 --skip-invalid 只导入正确的行）")
        if report.error_workbook:
            print(f"错误行已写入：{report.error_workbook}")
    return 1 if report.rejected else 0


def _export_roster(args: argparse.Namespace) -> int:
    from app.reports.roster import export_roster

    out = out_file(args.out, ".xlsx")
    db = open_club(args, "full_ids" if args.full_ids else None)
    count = export_roster(db, out, actor=actor(), full_ids=args.full_ids)
    note = "完整身份证号，已记入审计日志" if args.full_ids else "身份证号已遮盖"
    print(f"已导出 {count} 人（{note}）→ {out}")
    return 0


def _roster_template(args: argparse.Namespace) -> int:
    from app.reports.roster import save_template

    out = out_file(args.out, ".xlsx")
    db = open_club(args) if args.db and args.user else None  # the club's name in the title, for those who log in
    save_template(db, out)
    print(f"已保存空白花名册模板 → {out}")
    return 0
