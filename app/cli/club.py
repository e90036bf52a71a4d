"""The club file as a whole: a demo club, the integrity check, backups and restore."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.common import db_arg, open_club, secret
from app.errors import KnownError


def register(sub: argparse._SubParsersAction) -> None:
    demo = sub.add_parser("demo", help="生成演示服务社数据",
                          description="在一个新文件里生成一个演示服务社（三个账户的密码都是 1234）；同一种子得到相同的人员。"
                                      "已有的文件（哪怕只是空的服务社）一律拒绝，不会写进真正的台账。")
    db_arg(demo, account=False)
    demo.add_argument("--people", type=int, default=600, metavar="N", help="人数，1 到 300000（默认 600）")
    demo.add_argument("--seed", type=int, default=1, metavar="S", help="随机种子（默认 1）")
    demo.set_defaults(run=_demo)

    check = sub.add_parser("check", help="检查数据库完整性、结构和审计日志",
                           description="完整性检查；结构与程序的迁移步骤逐项对照；审计日志的校验链（含钥匙文件里记下的最新一环）"
                                       "和每一行登记与审计记录是否相符。健康时退出码为 0。")
    db_arg(check)
    check.set_defaults(run=_check)

    bak = sub.add_parser("backup", help="备份数据库（可用于计划任务）",
                         description="用 SQLite 在线备份复制数据库，校验完整性后按保留规则（当天全部、12 天、10 周、9 个月）"
                                     "清理该文件夹里的旧备份；打印备份文件的路径。窗口开着时也可以备份。"
                                     "不写 --user 时不需要密码：把加密的文件原样复制一份（计划任务用；要求此时没有程序在写这个文件，"
                                     "窗口开着时窗口自己每 30 分钟备份）。")
    db_arg(bak)
    bak.add_argument("--to", type=Path, metavar="DIR", help="备份文件夹（默认：设置里的备份文件夹，或数据库旁的“备份”文件夹）")
    bak.set_defaults(run=_backup)

    rst = sub.add_parser("restore", help="从备份恢复数据库",
                         description="先检查备份文件；当前数据先备份一份，当前文件另存为 NAME.before-restore-时间.sqlite，"
                                     "然后换成备份。窗口开着这个数据库时拒绝恢复。")
    db_arg(rst)
    rst.add_argument("--from", dest="source", type=Path, required=True, metavar="BACKUP", help="备份文件")
    rst.add_argument("--recovery", action="store_true",
                     help="在新电脑上恢复：不登录，改为输入恢复码（从终端输入，或标准输入的第一行）")
    rst.set_defaults(run=_restore)


def _demo(args: argparse.Namespace) -> int:
    from app.demo import MAX_PEOPLE, make_demo
    from app.db.connection import open_database

    if not 1 <= args.people <= MAX_PEOPLE:
        raise KnownError(f"人数应在 1 到 {MAX_PEOPLE} 之间")
    if args.db.exists() and args.db.stat().st_size > 0:
        raise KnownError(f"{args.db} 已经存在：演示服务社只生成在新文件里，不会写进已有的台账，文件没有改动")
    db = open_database(args.db)
    made = make_demo(db, count=args.people, seed=args.seed)
    print(f"已生成演示服务社：{made} 人 → {args.db}（演示主任、演示值班员甲、演示值班员乙，密码都是 1234）")
    return 0


def _check(args: argparse.Namespace) -> int:
    from app.db import migrations
    from app.db.audit import tamper_problems
    from app.db.connection import integrity_problems, schema_version
    from app.db.people import count_people

    db = open_club(args, migrate=False)
    version, latest = schema_version(db), migrations.latest_version()
    problems = integrity_problems(db)
    if not problems:
        problems = tamper_problems(db)
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
    from app.backups import back_up, copy_sealed

    if args.to is not None and args.to.exists() and not args.to.is_dir():
        raise KnownError(f"{args.to} 不是文件夹")
    if not args.user:  # a scheduled task: no password stored anywhere, the encrypted file copied as it is
        if not args.db.exists():
            raise KnownError(f"数据库文件不存在：{args.db}")
        result = copy_sealed(args.db, folder=args.to)
    else:
        db = open_club(args, migrate=False)  # a backup never changes the file
        try:
            result = back_up(db, args.db, reason="manual", folder=args.to)
        finally:
            db.close()
    if result.backup is not None:
        print(result.backup.path)
    print(result.message(), file=sys.stderr)
    return 0


def _restore(args: argparse.Namespace) -> int:
    from app.backups import restore
    from app.db import filelock

    code = None
    if args.recovery:
        code = secret("恢复码：")
    else:
        open_club(args, "restore", migrate=False).close()  # a director's log-in; the key stays for the restore
    lock = filelock.acquire(args.db)  # refused while a window has the file open
    try:
        result = restore(args.db, args.source, recovery_code=code)
        if result.safety_backup is not None and result.safety_backup.backup is not None:
            print(f"恢复前已备份当前数据 → {result.safety_backup.backup.path}", file=sys.stderr)
    finally:
        lock.release()
    print(result.message())
    if code is not None:
        print("这台电脑上还没有人能登录：请用 accounts --recover 主任名 给主任设新密码（恢复码一行，新密码一行）",
              file=sys.stderr)
    return 0
