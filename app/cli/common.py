"""What the command groups share: the argument types, the output-file checks, and the account behind every command.

Every command that opens a club file logs in first (``open_club``): ``--user NAME`` and the password, read from
the terminal (not echoed) or, when standard input is not a terminal, from its first line; a command that needs a
second secret (a new password) reads it from the next line. Never from the command line or the environment, which
other users of the PC can read. The actor recorded for every write is that account, never the OS user, and the
window's role rules hold here too.
"""

from __future__ import annotations

import argparse
import getpass
import re
import sys
from pathlib import Path

from app.errors import KnownError


_session = None  # who logged in for this command (one command per process)


def actor() -> str:
    """The logged-in account's name: what every write of the command is recorded under."""
    if _session is None:
        raise KnownError("这个命令需要先登录：请加上 --user 账户名")
    return _session.name


def session():
    return _session


def secret(prompt: str) -> str:
    """The next secret: asked at the terminal (not echoed), or the next line of standard input."""
    from app.console import stdin_is_console

    if stdin_is_console():
        return getpass.getpass(prompt)
    line = sys.stdin.readline() if sys.stdin is not None else ""
    if not line:
        raise KnownError(f"标准输入里没有{prompt.rstrip('：:')}（每个密码一行）")
    return line.rstrip("\r\n")


def open_club(args: argparse.Namespace, need: str | None = None, *, migrate: bool = True):
    """Log in as ``--user`` with the password (see the module's docstring) and open the club file; the role must
    allow ``need`` (an ``accounts.DIRECTOR_ONLY`` key) when given. Returns the database."""
    global _session
    from app import accounts
    from app.db import keyfile
    from app.db.connection import is_plain, open_database

    path = Path(args.db)
    if not path.exists():
        raise KnownError(f"数据库文件不存在：{path}")
    name = getattr(args, "user", None)
    if not name:
        raise KnownError("请用 --user 写明以哪个账户的身份操作（密码在终端里输入，或从标准输入读第一行）")
    password = secret(f"{name} 的密码：")
    if is_plain(path) or (keyfile.exists(path) and keyfile.open_key(keyfile.read(path)) is not None):
        db = open_database(path, migrate=migrate)  # not sealed yet: the account's stored password decides
        _session = accounts.log_in(db, name, password)
    else:
        db, _session = accounts.unlock(path, name, password, migrate=migrate)
    if need is not None:
        accounts.require(_session, need)
    return db


def db_arg(parser: argparse.ArgumentParser, required: bool = True, *, account: bool = True) -> None:
    parser.add_argument("--db", type=Path, required=required, metavar="PATH", help="数据库文件路径")
    if account:
        parser.add_argument("--user", metavar="NAME",
                            help="以哪个账户的身份操作；密码在终端里输入，或从标准输入读第一行（不写在命令行里）")


def id_list(text: str) -> list[str]:
    """"3,5，7" (commas of either width) as ["3", "5", "7"]."""
    return [part.strip() for part in (text or "").replace("，", ",").split(",") if part.strip()]


def out_file(path: Path, suffix: str | None = None) -> Path:
    """An output file the command may write: in a folder that exists, not a folder itself, ending in ``suffix``."""
    if suffix is not None and path.suffix.lower() != suffix:
        raise KnownError(f"输出文件应以 {suffix} 结尾：{path}")
    if path.is_dir():
        raise KnownError(f"{path} 是一个文件夹")
    if not path.parent.exists():
        raise KnownError(f"文件夹不存在：{path.parent}")
    return path


def one_line(text: str) -> str:
    """An error as one printable line: the value it quotes may hold line breaks or a terminal's escape codes."""
    return re.sub("[\x00-\x1f\x7f\x85\u2028\u2029]", " ", text)


def read_password(prompt: str = "新密码：") -> str:
    """A new password: at the terminal asked twice (not echoed), else the next line of standard input."""
    from app.console import stdin_is_console

    if stdin_is_console():
        first = getpass.getpass(prompt)
        if getpass.getpass("再输一遍：") != first:
            raise KnownError("两次输入的密码不一样")
        return first
    return secret(prompt)
