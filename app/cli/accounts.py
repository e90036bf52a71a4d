"""Accounts (账户): list, add, set a new password, the recovery code and a forgotten director password."""

from __future__ import annotations

import argparse
import json
import sys

from app.cli.common import actor, db_arg, open_club, read_password, secret
from app.errors import KnownError


def register(sub: argparse._SubParsersAction) -> None:
    acc = sub.add_parser("accounts", help="账户：列出、添加、重设密码、恢复码",
                         description="主任登录后：列出账户；--add 添加账户；--set-password 给账户设新密码；--recovery-code "
                                     "生成新的恢复码（旧的作废）。主任忘了密码：--recover 主任名，先输恢复码再输新密码，不用登录。"
                                     "密码在终端里输入，或从标准输入按行读（先是登录密码，再是新密码），不出现在命令行里。")
    db_arg(acc)
    acc_do = acc.add_mutually_exclusive_group()
    acc_do.add_argument("--add", metavar="NAME", help="添加这个账户")
    acc_do.add_argument("--set-password", metavar="NAME", help="给这个账户设新密码（并解除锁定）")
    acc_do.add_argument("--recovery-code", action="store_true", help="生成新的恢复码，只显示这一次：请打印出来锁进保险柜")
    acc_do.add_argument("--recover", metavar="NAME", help="主任忘了密码：用恢复码给这个主任账户设新密码（不用登录）")
    acc.add_argument("--role", choices=["director", "duty"], default="duty", help="添加时的角色：director 主任、duty 值班志愿者")
    acc.add_argument("--json", action="store_true", help="输出 JSON 列表")
    acc.set_defaults(run=_accounts)


def _accounts(args: argparse.Namespace) -> int:
    from app import accounts

    if args.recover:
        if not args.db.exists():
            raise KnownError(f"数据库文件不存在：{args.db}")
        code = secret("恢复码：")
        db, who = accounts.recover(args.db, code, args.recover, read_password())
        db.close()
        print(f"已用恢复码给 {who.name} 设了新密码")
        return 0
    db = open_club(args, "accounts")
    if args.add:
        accounts.create_account(db, args.add, args.role, read_password(), actor=actor())
        print(f"已添加账户：{accounts.normalise_name(args.add)}（{accounts.ROLES[args.role]}）")
        return 0
    if args.set_password:
        found = [a for a in accounts.accounts(db) if a["name"] == accounts.normalise_name(args.set_password)]
        if not found:
            raise KnownError(f"没有名为“{accounts.normalise_name(args.set_password)}”的账户")
        accounts.set_password(db, found[0]["id"], read_password(), actor=actor())
        print(f"已给 {found[0]['name']} 设了新密码，锁定已解除")
        return 0
    if args.recovery_code:
        from app.cli.common import session

        code = accounts.make_recovery_code(db, session())
        print(code)
        print("这是新的恢复码，只显示这一次：请抄下或打印出来锁进办公室的保险柜。旧的恢复码已经作废。", file=sys.stderr)
        return 0
    rows = accounts.accounts(db)
    if args.json:
        print(json.dumps([{"name": a["name"], "role": a["role"], "active": bool(a["active"])} for a in rows],
                         ensure_ascii=False, indent=1))
    else:
        for a in rows:
            print("\t".join([a["name"], a["role_label"], "使用中" if a["active"] else "已停用"]))
    return 0
