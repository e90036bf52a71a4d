"""The command line: argparse subcommands calling the same domain functions as the window.

Expected problems print one line and exit 1; usage errors exit 2 (argparse); the window starts when no
subcommand is given.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import re
import sys
from pathlib import Path

from app import __version__
from app.errors import KnownError
from app.meetings import MEETING_KINDS
from app.visits import VISIT_KINDS


def _actor() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some service accounts): still record something honest
        return "unknown"


def _date_arg(text: str):
    import datetime

    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应写成 YYYY-MM-DD：{text}") from None


def _db_arg(parser: argparse.ArgumentParser, required: bool = True) -> None:
    parser.add_argument("--db", type=Path, required=required, metavar="PATH", help="数据库文件路径")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m app", description="服务社工作台：党员服务社的花名册与台账。不带子命令时打开窗口。"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--db", type=Path, metavar="PATH", help="打开的数据库文件（默认在用户数据目录）")
    parser.add_argument("--demo", action="store_true", help="打开演示服务社（单独的文件，首次使用时生成）")
    parser.add_argument("--quit-after", type=float, metavar="SECONDS",
                        help="打开窗口，SECONDS 秒后自行关闭（检查安装是否完好时用）")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="生成演示服务社数据", description="在空数据库里生成一个演示服务社；同一种子得到相同的人员。")
    _db_arg(demo)
    demo.add_argument("--people", type=int, default=600, metavar="N", help="人数，1 到 200000（默认 600）")
    demo.add_argument("--seed", type=int, default=1, metavar="S", help="随机种子（默认 1）")

    check = sub.add_parser("check", help="检查数据库完整性与结构版本", description="完整性检查；健康时退出码为 0。")
    _db_arg(check)

    bak = sub.add_parser("backup", help="备份数据库（可用于计划任务）",
                         description="用 SQLite 在线备份复制数据库，校验完整性后按保留规则（当天全部、12 天、10 周、9 个月）"
                                     "清理该文件夹里的旧备份；打印备份文件的路径。窗口开着时也可以备份。")
    _db_arg(bak)
    bak.add_argument("--to", type=Path, metavar="DIR", help="备份文件夹（默认：设置里的备份文件夹，或数据库旁的“备份”文件夹）")

    rst = sub.add_parser("restore", help="从备份恢复数据库",
                         description="先检查备份文件；当前数据先备份一份，当前文件另存为 NAME.before-restore-时间.sqlite，"
                                     "然后换成备份。窗口开着这个数据库时拒绝恢复。")
    _db_arg(rst)
    rst.add_argument("--from", dest="source", type=Path, required=True, metavar="BACKUP", help="备份文件")

    people = sub.add_parser("people", help="列出花名册", description="按与窗口相同的搜索列出花名册；身份证号已遮盖。")
    _db_arg(people)
    people.add_argument("--query", "-q", default="", metavar="Q", help="姓名、拼音首字母、身份证或电话尾号、楼号")
    people.add_argument("--members", action="store_true", help="只列党员")
    people.add_argument("--volunteers", action="store_true", help="只列志愿者")
    people.add_argument("--hardship", action="store_true", help="只列有困难情况的人")
    people.add_argument("--tag", metavar="TAG", help="只列带此人才库标签的人")
    people.add_argument("--uncovered", action="store_true", help="只列应由互助组覆盖却没有覆盖的人")
    people.add_argument("--all", action="store_true", help="包括已迁出和已去世的人")
    people.add_argument("--json", action="store_true", help="输出 JSON 列表")

    imp = sub.add_parser("import-roster", help="从 Excel 花名册导入",
                         description="导入 .xlsx 花名册。默认全部成功才导入；有错误行时一行也不导入，并在原文件旁写出错误行工作簿。")
    imp.add_argument("file", type=Path, metavar="FILE", help=".xlsx 文件")
    _db_arg(imp)
    imp.add_argument("--sheet", metavar="NAME", help="工作表名称（默认自动找花名册所在的表）")
    imp.add_argument("--dry-run", action="store_true", help="只检查，不导入")
    imp.add_argument("--skip-invalid", action="store_true", help="跳过有错误的行，导入其余的行")
    imp.add_argument("--update", action="store_true", help="已在花名册里的人（身份证号相同，或姓名和出生日期相同）用文件里的内容更新")
    imp.add_argument("--json", action="store_true", help="输出一个 JSON 对象")

    exp = sub.add_parser("export-roster", help="把花名册导出为 Excel", description="导出花名册 .xlsx；身份证号默认遮盖。")
    _db_arg(exp)
    exp.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx", help="输出文件")
    exp.add_argument("--full-ids", action="store_true", help="导出完整身份证号（会记入审计日志）")

    tpl = sub.add_parser("roster-template", help="保存空白花名册模板", description="保存可直接导入的空白花名册，带下拉选项。")
    tpl.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx", help="输出文件")
    _db_arg(tpl, required=False)

    due = sub.add_parser("due", help="列出待办走访与逾期事项", description="列出某日起若干天内应办的走访（含已逾期的）和逾期未上报的必报事项。")
    _db_arg(due)
    due.add_argument("--on", type=_date_arg, metavar="YYYY-MM-DD", help="从哪天算起（默认今天）")
    due.add_argument("--days", type=int, default=14, metavar="N", help="往后看几天（默认 14）")
    due.add_argument("--json", action="store_true", help="输出 JSON 列表")

    visit = sub.add_parser("log-visit", help="记录一次走访", description="记录一次五必访走访，检查规则与窗口中的表单相同。")
    _db_arg(visit)
    visit.add_argument("--person", required=True, metavar="ID", help="被走访人的编号")
    visit.add_argument("--kind", required=True, choices=list(VISIT_KINDS), help="走访类别")
    visit.add_argument("--date", metavar="D", help="走访日期（默认今天）")
    visit.add_argument("--by", required=True, metavar="ID[,ID…]", help="走访的志愿者编号，多人用逗号分隔")
    visit.add_argument("--done", default="", metavar="T", help="带去的东西或做的事")
    visit.add_argument("--note", default="", metavar="T", help="备注")
    visit.add_argument("--follow-up", metavar="D", help="约定回访的日期")

    cov = sub.add_parser("aid-coverage", help="互助组覆盖情况", description="应覆盖的困难群众有多少、已覆盖多少、谁没有覆盖及原因。")
    _db_arg(cov)
    cov.add_argument("--json", action="store_true", help="输出 JSON 对象")

    sug = sub.add_parser("aid-suggest", help="为未覆盖的人推荐帮扶人",
                         description="为所有未覆盖的人一起推荐帮扶人（最小费用流）；加 --apply 按推荐成立互助组。")
    _db_arg(sug)
    sug.add_argument("--json", action="store_true", help="输出 JSON 列表")
    sug.add_argument("--apply", action="store_true", help="按推荐成立互助组（或给已有的组增加帮扶人）")

    rot = sub.add_parser("rota", help="某月值班表：查看、生成、打印",
                         description="查看某月值班表；--generate 生成或修补（保留仍然有效的安排）；--pdf / --xlsx 输出。")
    _db_arg(rot)
    rot.add_argument("--month", required=True, metavar="YYYY-MM", help="月份")
    rot.add_argument("--generate", action="store_true", help="生成或修补这个月的值班表")
    rot.add_argument("--json", action="store_true", help="输出 JSON 对象")
    rot.add_argument("--pdf", type=Path, metavar="FILE", help="打印用的 PDF（A4 横向）")
    rot.add_argument("--xlsx", type=Path, metavar="FILE", help="Excel 文件")

    hrs = sub.add_parser("hours", help="志愿服务时间银行：查看、支取、兑换、记入时长",
                         description="查看某位志愿者的时长账户；--withdraw 支取、--exchange 兑换奖品（余额不足时拒绝）；"
                                     "--credit 把尚未记入的走访和已出勤的值班记入时长。")
    _db_arg(hrs)
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

    mtg = sub.add_parser("meetings", help="会议台账：查看、记录会议",
                         description="列出议事会、发布会、党建联席会、社务会；--record 记录一次会议，检查规则与窗口中的表单相同。")
    _db_arg(mtg)
    mtg.add_argument("--year", type=int, metavar="Y", help="只列这一年的会议")
    mtg.add_argument("--json", action="store_true", help="输出 JSON 列表")
    mtg.add_argument("--record", action="store_true", help="记录一次会议")
    mtg.add_argument("--kind", choices=list(MEETING_KINDS), help="会议类别（记录时必填）")
    mtg.add_argument("--date", metavar="D", help="开会日期（记录时必填）")
    mtg.add_argument("--place", default="", metavar="T", help="地点")
    mtg.add_argument("--topics", default="", metavar="T", help="议题（记录时必填）")
    mtg.add_argument("--decisions", default="", metavar="T", help="决定事项")
    mtg.add_argument("--follow-ups", default="", metavar="T", help="后续落实")
    mtg.add_argument("--by", default="", metavar="ID[,ID…]", help="参会人编号，多人用逗号分隔")
    act = sub.add_parser("activities", help="活动台账：查看、记录、确认活动",
                         description="列出服务、活动、课堂；--record 记录一次活动（实际服务时长，不含路程）；"
                                     "--confirm 确认活动并给每位参加人记入时长（只记一次）。")
    _db_arg(act)
    act.add_argument("--year", type=int, metavar="Y", help="只列这一年的活动")
    act.add_argument("--json", action="store_true", help="输出 JSON 列表")
    act_do = act.add_mutually_exclusive_group()
    act_do.add_argument("--record", action="store_true", help="记录一次活动")
    act_do.add_argument("--confirm", metavar="ID", help="确认这次活动并记入参加人的时长")
    act.add_argument("--kind", choices=["service", "event", "class"], default="service",
                     help="类别：service 服务、event 活动、class 课堂")
    act.add_argument("--title", default="", metavar="T", help="活动名称（不填则用服务项目）")
    act.add_argument("--project", default="", metavar="T", help="服务项目，如 义诊、磨刀")
    act.add_argument("--date", metavar="D", help="活动日期（记录时必填）")
    act.add_argument("--place", default="", metavar="T", help="地点")
    act.add_argument("--hours", metavar="H", help="每人实际服务时长（小时，不含路程）")
    act.add_argument("--by", default="", metavar="ID[,ID…]", help="参加人编号，多人用逗号分隔")
    act.add_argument("--served", default="0", metavar="N", help="服务人次")

    crt = sub.add_parser("certificate", help="志愿服务证明：开具、补打、查看登记簿",
                         description="按时间银行的记录开具志愿服务证明（身份证号已遮盖），登记编号；"
                                     "--reprint 按登记簿补打；--list 列出登记簿。")
    _db_arg(crt)
    crt.add_argument("--person", metavar="ID", help="志愿者编号（开具时必填）")
    crt.add_argument("--from", dest="start", metavar="D", help="服务起始日期（默认当年 1 月 1 日）")
    crt.add_argument("--to", dest="end", metavar="D", help="服务截止日期（默认今天）")
    crt.add_argument("--purpose", default="", metavar="T", help="用途，如 评优、升学")
    crt.add_argument("--reprint", metavar="NUMBER", help="补打登记簿里这一编号的证明")
    crt.add_argument("--list", action="store_true", help="列出证明登记簿")
    crt.add_argument("--year", type=int, metavar="Y", help="只列这一年开具的证明")
    crt.add_argument("--json", action="store_true", help="登记簿输出为 JSON 列表")
    crt.add_argument("--out", type=Path, metavar="FILE.pdf", help="证明 PDF 保存到这里")

    awd = sub.add_parser("awards", help="年度评选：最美志愿者、功勋志愿者",
                         description="按全年服务时长、参加活动和群众评价排名并给出推荐名单；"
                                     "--confirm-proposed 确认推荐名单；--pdf 打印荣誉证书。")
    _db_arg(awd)
    awd.add_argument("--year", type=int, required=True, metavar="Y", help="评选年度")
    awd.add_argument("--json", action="store_true", help="输出 JSON 对象")
    awd.add_argument("--confirm-proposed", action="store_true", help="按推荐名单确认评选结果")
    awd.add_argument("--pdf", type=Path, metavar="FILE", help="每位获评人一页荣誉证书")

    blt = sub.add_parser("bulletin", help="月度通报：打印用的 PDF",
                         description="某月的月度通报（A4 纵向 PDF）：走访、必报事项、互助组、志愿时长、服务、活动和会议、"
                                     "好人好事和下月安排。")
    _db_arg(blt)
    blt.add_argument("--month", required=True, metavar="YYYY-MM", help="月份")
    blt.add_argument("--out", type=Path, required=True, metavar="FILE.pdf", help="输出文件")

    ret = sub.add_parser("returns", help="月报表：报给党支部的 Excel",
                         description="某月报给党支部的月报表 .xlsx（汇总和六张明细表，格式见 docs/branch-return.md；"
                                     "身份证号已遮盖）。")
    _db_arg(ret)
    ret.add_argument("--month", required=True, metavar="YYYY-MM", help="月份")
    ret.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx", help="输出文件")

    con = sub.add_parser("consolidate", help="党支部：汇总各服务社的月报表",
                         description="把各服务社同一个月的月报表汇总成一个工作簿（每个服务社一行，另有合计）。"
                                     "别的月份、不认识的格式版本或读不了的文件逐个说明原因并跳过；"
                                     "有文件被跳过时退出码为 1。")
    con.add_argument("files", type=Path, nargs="+", metavar="RETURN.xlsx", help="各服务社的月报表")
    con.add_argument("--out", type=Path, required=True, metavar="FILE.xlsx", help="输出文件")
    con.add_argument("--month", metavar="YYYY-MM", help="汇总哪个月（默认第一份能读的报表的月份）")
    acc = sub.add_parser("accounts", help="账户：列出、添加、重设密码",
                         description="列出账户；--add 添加账户；--set-password 给账户设新密码（主任忘了密码时用）。"
                                     "密码从标准输入读一行，或在终端里提示输入，不出现在命令行里。")
    _db_arg(acc)
    acc_do = acc.add_mutually_exclusive_group()
    acc_do.add_argument("--add", metavar="NAME", help="添加这个账户")
    acc_do.add_argument("--set-password", metavar="NAME", help="给这个账户设新密码（并解除锁定）")
    acc.add_argument("--role", choices=["director", "duty"], default="duty", help="添加时的角色：director 主任、duty 值班志愿者")
    acc.add_argument("--json", action="store_true", help="输出 JSON 列表")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    # A file name that is not UTF-8 (from a USB stick written on a GBK system, say) reaches Python as escaped bytes;
    # print it back as those bytes instead of failing with a traceback after the work is done.
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="surrogateescape")
    try:
        return _dispatch(args)
    except BrokenPipeError:  # output piped into head and closed early: not an error worth a traceback
        sys.stdout = open(os.devnull, "w")
        return 0


def _one_line(text: str) -> str:
    """An error as one printable line: the value it quotes may hold line breaks or a terminal's escape codes."""
    return re.sub("[\x00-\x1f\x7f\x85\u2028\u2029]", " ", text)


def _not_utf8(args: argparse.Namespace) -> str | None:
    """The first text argument holding bytes that are not UTF-8 (typed in a terminal set to GBK, say), with those
    bytes shown as \\xNN; None when all are readable. Paths are left alone: the file system takes any bytes."""
    for value in vars(args).values():
        if isinstance(value, str) and any("\ud800" <= char <= "\udfff" for char in value):
            try:
                return value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            except UnicodeEncodeError:  # a lone surrogate that stands for no byte (Windows)
                return value.encode("utf-8", "backslashreplace").decode("utf-8")
    return None


def _dispatch(args: argparse.Namespace) -> int:
    unreadable = _not_utf8(args)
    if unreadable is not None:
        print(_one_line(f"错误：参数“{unreadable}”不是 UTF-8 文字（终端的编码是不是设成了 GBK？），请改用 UTF-8 后重新输入"),
              file=sys.stderr)
        return 1
    try:
        if args.command is None:
            return _run_gui(args)
        return {"demo": _demo, "check": _check, "backup": _backup, "restore": _restore,
                "people": _people, "import-roster": _import_roster,
                "export-roster": _export_roster, "roster-template": _roster_template, "due": _due,
                "log-visit": _log_visit, "aid-coverage": _aid_coverage, "aid-suggest": _aid_suggest,
                "rota": _rota, "hours": _hours, "meetings": _meetings,
                "activities": _activities, "certificate": _certificate, "awards": _awards, "accounts": _accounts,
                "bulletin": _bulletin, "returns": _returns, "consolidate": _consolidate}[args.command](args)
    except KnownError as exc:
        print(f"错误：{_one_line(str(exc))}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        raise  # main's quiet exit
    except OSError as exc:  # a path the system refuses (too long, no permission, no such folder): the user's to fix
        print(_one_line(f"错误：无法读写 {exc.filename or '文件'}（{exc.strerror or exc}）"), file=sys.stderr)
        return 1


def _run_gui(args: argparse.Namespace) -> int:
    from app.ui.application import run

    return run(db_path=args.db, demo=args.demo, quit_after=args.quit_after)


def _demo(args: argparse.Namespace) -> int:
    from app.demo import MAX_PEOPLE, make_demo
    from app.db.connection import open_database

    if not 1 <= args.people <= MAX_PEOPLE:
        raise KnownError(f"人数应在 1 到 {MAX_PEOPLE} 之间")
    db = open_database(args.db)
    made = make_demo(db, count=args.people, seed=args.seed)
    print(f"已生成演示服务社：{made} 人 → {args.db}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from app.db import migrations
    from app.db.connection import integrity_problems, open_database, schema_version
    from app.db.people import count_people

    db = open_database(args.db, migrate=False, must_exist=True)
    version, latest = schema_version(db), migrations.latest_version()
    problems = integrity_problems(db)
    if not problems and version >= 10:  # the audit log's hash chain began with schema version 10
        from app.db.audit import chain_problems

        problems = chain_problems(db)
    if problems:
        for problem in problems:
            print(f"问题：{problem}")
        print(f"数据库有 {len(problems)} 处问题：{args.db}（结构版本 {version}）", file=sys.stderr)
        return 1
    if version < latest:
        print(f"数据库完好：{args.db}，结构版本 {version}，打开时将升级到版本 {latest}")
    else:
        print(f"数据库完好：{args.db}，结构版本 {version}，共 {count_people(db)} 人")
    return 0


def _backup(args: argparse.Namespace) -> int:
    from app.backups import back_up
    from app.db.connection import open_database

    if args.to is not None and args.to.exists() and not args.to.is_dir():
        raise KnownError(f"{args.to} 不是文件夹")
    db = open_database(args.db, migrate=False, must_exist=True)  # a backup never changes the file
    try:
        result = back_up(db, args.db, reason="manual", folder=args.to)
    finally:
        db.close()
    print(result.backup.path)
    print(result.message(), file=sys.stderr)
    return 0


def _restore(args: argparse.Namespace) -> int:
    from app.backups import restore
    from app.db import filelock
    from app.db.connection import open_database

    lock = filelock.acquire(args.db)  # refused while a window has the file open
    try:
        result = restore(args.db, args.source)
        if result.safety_backup is not None and result.safety_backup.backup is not None:
            print(f"恢复前已备份当前数据 → {result.safety_backup.backup.path}", file=sys.stderr)
        open_database(args.db).close()  # an older backup is upgraded now, backed up first
    finally:
        lock.release()
    print(result.message())
    return 0


def _people(args: argparse.Namespace) -> int:
    from app.db.connection import open_database
    from app.ids import mask_id
    from app.people import TALENT_TAGS, RosterFilter, search_people

    if args.tag and args.tag not in TALENT_TAGS:
        raise KnownError(f"未知的人才库标签：{args.tag}（可选：{'、'.join(TALENT_TAGS)}）")
    db = open_database(args.db, must_exist=True)
    flt = RosterFilter(text=args.query, members=args.members, volunteers=args.volunteers, hardship=args.hardship,
                       tag=args.tag, include_inactive=args.all, uncovered=args.uncovered)
    rows = search_people(db, flt)
    if args.json:
        out = [
            {"person_id": r["id"], "name": r["name"], "sex": r["sex"], "birth_date": r["birth_date"],
             "building": r["building"], "status": r["status"], "is_member": bool(r["is_member"]),
             "is_volunteer": bool(r["is_volunteer"]), "situations": r["situations"], "tags": r["tags"],
             "id_number": mask_id(r["id_number"])}
            for r in rows
        ]
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for r in rows:
            print("\t".join([str(r["id"]), r["name"], r["sex"] or "", r["birth_date"] or "", r["building"],
                             mask_id(r["id_number"]), r["status"]]))
        print(f"共 {len(rows)} 人", file=sys.stderr)
    return 0


def _xlsx_out(path: Path) -> Path:
    if path.suffix.lower() != ".xlsx":
        raise KnownError(f"输出文件应以 .xlsx 结尾：{path}")
    if path.is_dir():
        raise KnownError(f"{path} 是一个文件夹")
    if not path.parent.exists():
        raise KnownError(f"文件夹不存在：{path.parent}")
    return path


def _import_roster(args: argparse.Namespace) -> int:
    from app.db.connection import open_database
    from app.roster_import import run_import

    if not args.file.exists():
        raise KnownError(f"找不到文件：{args.file}")
    db = open_database(args.db)

    def back_up_first() -> None:
        from app.backups import back_up

        print(f"导入前备份：{back_up(db, args.db, reason='before-import', only_if_changed=True).message()}",
              file=sys.stderr)

    report = run_import(db, args.file, actor=_actor(), sheet=args.sheet, dry_run=args.dry_run,
                        skip_invalid=args.skip_invalid, update=args.update, before_store=back_up_first)
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False))
    else:
        layout = report.layout
        verb = "可导入" if args.dry_run else "导入"
        print(f"工作表“{layout.sheet}”，表头在第 {layout.header_row} 行；读取 {report.read} 行：{verb} {report.imported}，"
              f"更新 {report.updated}，跳过重复 {report.skipped_duplicates}，有错误 {len({r.row for r in report.rejected})} 行")
        if layout.ignored:
            print(f"未导入的列：{'、'.join(layout.ignored)}")
        for row, why in report.duplicates[:20]:
            print(f"第 {row} 行跳过：{why}")
        for item in report.rejected[:50]:
            print(f"第 {item.row} 行 {item.column}“{item.value}”：{item.reason}")
        if len(report.rejected) > 50:
            print(f"……另有 {len(report.rejected) - 50} 处错误，见错误行工作簿")
        if report.rejected and not report.stored and not args.dry_run:
            print("有错误行，本次没有导入任何人（全部正确才导入；可用 --skip-invalid 只导入正确的行）")
        if report.error_workbook:
            print(f"错误行已写入：{report.error_workbook}")
    return 1 if report.rejected else 0


def _export_roster(args: argparse.Namespace) -> int:
    from app.db.connection import open_database
    from app.roster_export import export_roster

    out = _xlsx_out(args.out)
    db = open_database(args.db, must_exist=True)
    count = export_roster(db, out, actor=_actor(), full_ids=args.full_ids)
    note = "完整身份证号，已记入审计日志" if args.full_ids else "身份证号已遮盖"
    print(f"已导出 {count} 人（{note}）→ {out}")
    return 0


def _roster_template(args: argparse.Namespace) -> int:
    from app.db.connection import open_database
    from app.roster_export import save_template

    out = _xlsx_out(args.out)
    db = open_database(args.db, must_exist=True) if args.db else None
    save_template(db, out)
    print(f"已保存空白花名册模板 → {out}")
    return 0


def _due(args: argparse.Namespace) -> int:
    import datetime

    from app.db.connection import open_database
    from app.visits import DUE_KINDS, due_items

    if not 0 <= args.days <= 366:
        raise KnownError("天数应在 0 到 366 之间")
    on = args.on or datetime.date.today()
    items = due_items(open_database(args.db, must_exist=True), on, args.days)
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
    from app.db.connection import open_database
    from app.visits import log_visit

    visitors = [part.strip() for part in args.by.replace("，", ",").split(",") if part.strip()]
    db = open_database(args.db, must_exist=True)
    visit_id = log_visit(db, {"person_id": args.person, "kind": args.kind, "visit_date": args.date,
                              "visitor_ids": visitors, "done": args.done, "notes": args.note,
                              "follow_up_on": args.follow_up}, actor=_actor())
    print(f"已记录走访，编号 {visit_id}")
    return 0


def _meetings(args: argparse.Namespace) -> int:
    from app.db.connection import open_database
    from app.meetings import list_meetings, record_meeting

    db = open_database(args.db, must_exist=True)
    if args.record:
        attendees = [part.strip() for part in args.by.replace("，", ",").split(",") if part.strip()]
        meeting_id = record_meeting(db, {"kind": args.kind, "held_on": args.date, "place": args.place,
                                         "topics": args.topics, "decisions": args.decisions,
                                         "follow_ups": args.follow_ups, "attendee_ids": attendees}, actor=_actor())
        print(f"已记录会议，编号 {meeting_id}")
        return 0
    rows = list_meetings(db, args.year)
    if args.json:
        keys = ("id", "kind", "held_on", "topics", "decisions", "attendee_ids")
        print(json.dumps([{key: row[key] for key in keys} for row in rows], ensure_ascii=False, indent=1))
    else:
        for row in rows:
            print("\t".join([row["held_on"], row["kind_label"], row["topics"], "、".join(row["attendees"])]))
        print(f"共 {len(rows)} 次会议", file=sys.stderr)
    return 0


def _ids_arg(text: str) -> list[str]:
    return [part.strip() for part in (text or "").replace("，", ",").split(",") if part.strip()]


def _pdf_path(path: Path) -> Path:
    if path.is_dir():
        raise KnownError(f"{path} 是一个文件夹")
    if not path.parent.exists():
        raise KnownError(f"文件夹不存在：{path.parent}")
    return path


def _read_password() -> str:
    """A new password from the terminal (asked twice, not echoed) or one line of standard input (scripts)."""
    if sys.stdin is not None and sys.stdin.isatty():
        first = getpass.getpass("新密码：")
        if getpass.getpass("再输一遍：") != first:
            raise KnownError("两次输入的密码不一样")
        return first
    return (sys.stdin.readline() if sys.stdin is not None else "").rstrip("\r\n")


def _accounts(args: argparse.Namespace) -> int:
    from app import accounts
    from app.db.connection import open_database

    db = open_database(args.db, must_exist=True)
    if args.add:
        accounts.create_account(db, args.add, args.role, _read_password(), actor=_actor())
        print(f"已添加账户：{args.add.strip()}（{accounts.ROLES[args.role]}）")
        return 0
    if args.set_password:
        found = [a for a in accounts.accounts(db) if a["name"] == args.set_password.strip()]
        if not found:
            raise KnownError(f"没有名为“{args.set_password.strip()}”的账户")
        accounts.set_password(db, found[0]["id"], _read_password(), actor=_actor())
        print(f"已给 {found[0]['name']} 设了新密码，锁定已解除")
        return 0
    rows = accounts.accounts(db)
    if args.json:
        print(json.dumps([{"name": a["name"], "role": a["role"], "active": bool(a["active"])} for a in rows],
                         ensure_ascii=False, indent=1))
    else:
        for a in rows:
            print("\t".join([a["name"], a["role_label"], "使用中" if a["active"] else "已停用"]))
    return 0


def _activities(args: argparse.Namespace) -> int:
    from app import activities
    from app.db.connection import open_database

    db = open_database(args.db, must_exist=True)
    if args.record:
        activity_id = activities.record_activity(db, {
            "kind": args.kind, "title": args.title, "project": args.project, "held_on": args.date,
            "place": args.place, "hours": args.hours, "participants": _ids_arg(args.by),
            "served_count": args.served}, actor=_actor())
        print(f"已记录活动，编号 {activity_id}（确认后记入时长：--confirm {activity_id}）")
        return 0
    if args.confirm is not None:
        made = activities.confirm_activity(db, args.confirm, actor=_actor())
        print(f"已确认活动 {args.confirm}，给 {made} 位参加人记入时长")
        return 0
    rows = activities.list_activities(db, args.year)
    if args.json:
        keys = ("id", "kind", "title", "project", "held_on", "place", "hours", "served_count", "confirmed_at")
        print(json.dumps([{**{key: row[key] for key in keys},
                           "participants": [{"person_id": pid, "hours": hours} for pid, hours in row["participants"]]}
                          for row in rows], ensure_ascii=False, indent=1))
    else:
        for row in rows:
            state = "已确认" if row["confirmed_at"] else "待确认"
            print("\t".join([str(row["id"]), row["held_on"], row["kind_label"], row["title"], row["place"],
                             f"{len(row['participants'])} 人", f"{row['total_hours']:g} 小时", state]))
        print(f"共 {len(rows)} 次活动", file=sys.stderr)
    return 0


def _certificate(args: argparse.Namespace) -> int:
    import datetime

    from app import certificates
    from app.db.connection import open_database

    db = open_database(args.db, must_exist=True)
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
    out = _pdf_path(args.out)
    if args.reprint:
        certificates.write_pdf(db, [args.reprint], out)
        print(f"已补打证明 {args.reprint} → {out}")
        return 0
    if args.person is None:
        raise KnownError("请用 --person 指定志愿者编号")
    today = datetime.date.today()
    row = certificates.issue(db, args.person, args.start or f"{today.year}-01-01", args.end or today.isoformat(),
                             purpose=args.purpose, actor=_actor())
    certificates.write_pdf(db, [row["number"]], out)
    print(f"已开具证明 {row['number']}：{row['hours']:g} 小时 → {out}")
    return 0


def _awards(args: argparse.Namespace) -> int:
    from app import awards
    from app.db.connection import open_database

    db = open_database(args.db, must_exist=True)
    if args.confirm_proposed:
        proposed = [(c.person_id, c.proposed) for c in awards.ranking(db, args.year)
                    if c.proposed and c.proposed not in (c.awarded or [])]
        awards.confirm(db, args.year, proposed, actor=_actor())
        print(f"已确认 {len(proposed)} 项评选结果", file=sys.stderr)
    ranked = awards.ranking(db, args.year)
    confirmed = awards.awards(db, args.year)
    if args.pdf:
        pages = awards.write_certificates(db, args.year, _pdf_path(args.pdf))
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


def _aid_coverage(args: argparse.Namespace) -> int:
    from app.aid_groups import coverage
    from app.db.connection import open_database

    result = coverage(open_database(args.db, must_exist=True))
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=1))
    else:
        print(f"应覆盖 {result.must_cover} 人，已覆盖 {result.covered} 人，未覆盖 {len(result.uncovered)} 人")
        for gap in result.uncovered:
            print(f"{gap.person_id}\t{gap.name}\t{gap.reason}")
    return 0


def _aid_suggest(args: argparse.Namespace) -> int:
    from app.aid_groups import apply_proposals, suggest
    from app.db.connection import open_database

    db = open_database(args.db, must_exist=True)
    result = suggest(db)
    if args.apply and result.proposals:
        apply_proposals(db, list(result.proposals), actor=_actor())
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


def _rota(args: argparse.Namespace) -> int:
    from app import rota
    from app.db.connection import open_database
    from app.rota_print import save_rota_pdf, save_rota_xlsx

    db = open_database(args.db, must_exist=True)
    if args.generate:
        plan = rota.generate(db, args.month, actor=_actor())
        print(f"已生成 {args.month} 值班表：安排 {len(plan.assignments)} 人次，缺 {sum(m for _, m, _ in plan.unfilled)} 人次，"
              f"调整 {plan.changed} 处", file=sys.stderr)
    else:
        rota.ensure_defaults(db, actor=_actor())
    if args.pdf:
        save_rota_pdf(db, args.month, args.pdf)
        print(f"已保存 → {args.pdf}", file=sys.stderr)
    if args.xlsx:
        save_rota_xlsx(db, args.month, _xlsx_out(args.xlsx))
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


def _hours(args: argparse.Namespace) -> int:
    from app import timebank
    from app.db.connection import open_database

    db = open_database(args.db, must_exist=True)
    if args.credit:
        made = timebank.credit_visits_and_shifts(db, actor=_actor())
        print(f"已记入 {made} 笔时长（走访和已出勤的值班）")
        if args.person is None:
            return 0
    if args.person is None:
        raise KnownError("请用 --person 指定志愿者编号")
    if args.withdraw is not None:
        timebank.withdraw(db, args.person, args.withdraw, on=args.date, note=args.note, actor=_actor(),
                          visit_id=args.visit)
        print(f"已支取 {timebank.fmt(float(args.withdraw))} 小时", file=sys.stderr)
    elif args.exchange is not None:
        timebank.exchange(db, args.person, args.exchange, on=args.date, actor=_actor())
        print(f"已兑换奖品 {args.exchange}", file=sys.stderr)
    result = timebank.statement(db, args.person)
    if args.pdf:
        _statement_pdf(db, result, args.pdf)
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


def _statement_pdf(db, result, path: Path) -> int:
    from app import timebank

    return timebank.write_statement_pdf(db, result.person_id, _pdf_path(path))


def _out_file(path: Path, suffix: str) -> Path:
    if path.suffix.lower() != suffix:
        raise KnownError(f"输出文件应以 {suffix} 结尾：{path}")
    if path.is_dir():
        raise KnownError(f"{path} 是一个文件夹")
    if not path.parent.exists():
        raise KnownError(f"文件夹不存在：{path.parent}")
    return path


def _bulletin(args: argparse.Namespace) -> int:
    from app.db.connection import open_database
    from app.month_report import save_bulletin

    out = _out_file(args.out, ".pdf")
    pages = save_bulletin(open_database(args.db, must_exist=True), args.month, out)
    print(f"已保存 {args.month} 月度通报，共 {pages} 页 → {out}")
    return 0


def _returns(args: argparse.Namespace) -> int:
    from app.db.connection import open_database
    from app.month_report import save_return

    out = _out_file(args.out, ".xlsx")
    report = save_return(open_database(args.db, must_exist=True), args.month, out)
    f = report.figures()
    print(f"已保存 {args.month} 月报表（走访 {f['visits']:g} 次，志愿服务 {f['hours']:g} 小时，身份证号已遮盖）→ {out}")
    return 0


def _consolidate(args: argparse.Namespace) -> int:
    from app.branch_return import consolidate, save_consolidation

    out = _out_file(args.out, ".xlsx")
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
