"""Accounts (账户): list, add, set a new password."""

from __future__ import annotations

import argparse
import json

from app.cli.common import actor, db_arg, read_password
from app.errors import KnownError


def register(sub: argparse._SubParsersAction) -> None:
    acc = sub.add_parser("accounts", help="账户：列出、添加、重设密码",
                         description="列出账户；--add 添加账户；--set-password 给账户设新密码（主任忘了密码时用）。"
                                     "密码从标准输入读一行，或在终端里提示输入，不出现在命令行里。")
    db_arg(acc)
    acc_do = acc.add_mutually_exclusive_group()
    acc_do.add_argument("--add", metavar="NAME", help="添加这个账户")
    acc_do.add_argument("--set-password", metavar="NAME", help="给这个账户设新密码（并解除锁定）")
    acc.add_argument("--role", choices=["director", "duty"], default="duty", help="添加时的角色：director 主任、duty 值班志愿者")
    acc.add_argument("--json", action="store_true", help="输出 JSON 列表")
    acc.set_defaults(run=_accounts)


def _accounts(args: argparse.Namespace) -> int:
    from app import accounts
    from app.db.connection import open_database

    db = open_database(args.db, must_exist=True)
    if args.add:
        accounts.create_account(db, args.add, args.role, read_password(), actor=actor())
        print(f"已添加账户：{args.add.strip()}（{accounts.ROLES[args.role]}）")
        return 0
    if args.set_password:
        found = [a for a in accounts.accounts(db) if a["name"] == args.set_password.strip()]
        if not found:
            raise KnownError(f"没有名为“{args.set_password.strip()}”的账户")
        accounts.set_password(db, found[0]["id"], read_password(), actor=actor())
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
