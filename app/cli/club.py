"""The club file as a whole: a demo club, the integrity check, backups and restore."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.common import db_arg
from app.errors import KnownError


def register(sub: argparse._SubParsersAction) -> None:
    demo = sub.add_parser("demo", help="生成演示服务社数据", description="在空数据库里生成一个演示服务社；同一种子得到相同的人员。")
    db_arg(demo)
    demo.add_argument("--people", type=int, default=600, metavar="N", help="人数，1 到 300000（默认 600）")
    demo.add_argument("--seed", type=int, default=1, metavar="S", help="随机种子（默认 1）")
    demo.set_defaults(run=_demo)

    check = sub.add_parser("check", help="检查数据库完整性与结构版本", description="完整性检查；健康时退出码为 0。")
    db_arg(check)
    check.set_defaults(run=_check)

    bak = sub.add_parser("backup", help="备份数据库（可用于计划任务）",
                         description="用 SQLite 在线备份复制数据库，校验完整性后按保留规则（当天全部、12 天、10 周、9 个月）"
                                     "清理该文件夹里的旧备份；打印备份文件的路径。窗口开着时也可以备份。")
    db_arg(bak)
    bak.add_argument("--to", type=Path, metavar="DIR", help="备份文件夹（默认：设置里的备份文件夹，或数据库旁的“备份”文件夹）")
    bak.set_defaults(run=_backup)

    rst = sub.add_parser("restore", help="从备份恢复数据库",
                         description="先检查备份文件；当前数据先备份一份，当前文件另存为 NAME.before-restore-时间.sqlite，"
                                     "然后换成备份。窗口开着这个数据库时拒绝恢复。")
    db_arg(rst)
    rst.add_argument("--from", dest="source", type=Path, required=True, metavar="BACKUP", help="备份文件")
    rst.set_defaults(run=_restore)


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
    from concurrent.futures import ThreadPoolExecutor

    from app.db import migrations
    from app.db.connection import integrity_problems, open_database, schema_version
    from app.db.people import count_people

    db = open_database(args.db, migrate=False, must_exist=True)
    version, latest = schema_version(db), migrations.latest_version()
    with ThreadPoolExecutor(1) as pool:
        # The audit log's hash chain (it began with schema version 10) is verified on a connection of its own
        # while SQLite checks the file: SQLite's check runs without Python's lock, so on two cores the wait is
        # the longer of the two, not their sum (300,000 people: about 3 s each).
        chain = pool.submit(_chain_problems, args.db) if version >= 10 else None
        problems = integrity_problems(db)
        if not problems and chain is not None:
            problems = chain.result()
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


def _chain_problems(path: Path) -> list[str]:
    from app.db.audit import chain_problems
    from app.db.connection import open_database

    db = open_database(path, readonly=True)
    try:
        return chain_problems(db)
    finally:
        db.close()


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
