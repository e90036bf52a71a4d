"""The command line: argparse subcommands calling the same domain functions as the window.

Expected problems print one line and exit 1; usage errors exit 2 (argparse); the window starts when no
subcommand is given.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path

from app import __version__, paths
from app.errors import KnownError


def _actor() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some service accounts): still record something honest
        return "unknown"


def _db_arg(parser: argparse.ArgumentParser, required: bool = True) -> None:
    parser.add_argument("--db", type=Path, required=required, metavar="PATH", help="数据库文件路径")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m app", description="服务社工作台：党员服务社的花名册与台账。不带子命令时打开窗口。"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--db", type=Path, metavar="PATH", help="打开的数据库文件（默认在用户数据目录）")
    parser.add_argument("--demo", action="store_true", help="打开演示服务社（单独的文件，首次使用时生成）")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="生成演示服务社数据", description="在空数据库里生成一个演示服务社；同一种子得到相同的人员。")
    _db_arg(demo)
    demo.add_argument("--people", type=int, default=600, metavar="N", help="人数，1 到 200000（默认 600）")
    demo.add_argument("--seed", type=int, default=1, metavar="S", help="随机种子（默认 1）")

    check = sub.add_parser("check", help="检查数据库完整性与结构版本", description="完整性检查；健康时退出码为 0。")
    _db_arg(check)

    people = sub.add_parser("people", help="列出花名册", description="按与窗口相同的搜索列出花名册；身份证号已遮盖。")
    _db_arg(people)
    people.add_argument("--query", "-q", default="", metavar="Q", help="姓名、拼音首字母、身份证或电话尾号、楼号")
    people.add_argument("--members", action="store_true", help="只列党员")
    people.add_argument("--volunteers", action="store_true", help="只列志愿者")
    people.add_argument("--hardship", action="store_true", help="只列有困难情况的人")
    people.add_argument("--tag", metavar="TAG", help="只列带此人才库标签的人")
    people.add_argument("--all", action="store_true", help="包括已迁出和已去世的人")
    people.add_argument("--json", action="store_true", help="输出 JSON 列表")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return _run_gui(args)
        return {"demo": _demo, "check": _check, "people": _people}[args.command](args)
    except KnownError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1


def _run_gui(args: argparse.Namespace) -> int:
    from app.ui.application import run

    return run(db_path=args.db, demo=args.demo)


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


def _people(args: argparse.Namespace) -> int:
    from app.db.connection import open_database
    from app.ids import mask_id
    from app.people import TALENT_TAGS, RosterFilter, search_people

    if args.tag and args.tag not in TALENT_TAGS:
        raise KnownError(f"未知的人才库标签：{args.tag}（可选：{'、'.join(TALENT_TAGS)}）")
    db = open_database(args.db, must_exist=True)
    flt = RosterFilter(text=args.query, members=args.members, volunteers=args.volunteers, hardship=args.hardship,
                       tag=args.tag, include_inactive=args.all)
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
