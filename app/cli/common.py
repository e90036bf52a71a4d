"""What the command groups share: the argument types, the output-file checks, the actor and the password prompt."""

from __future__ import annotations

import argparse
import getpass
import re
import sys
from pathlib import Path

from app.errors import KnownError


def actor() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some service accounts): still record something honest
        return "unknown"


def session():
    """Who a command acts as: the login name, with the director's rights (the command line is the office PC's
    own administration, as the window is before anyone has logged in)."""
    from app.accounts import Session

    return Session(None, actor(), "director")


def db_arg(parser: argparse.ArgumentParser, required: bool = True) -> None:
    parser.add_argument("--db", type=Path, required=required, metavar="PATH", help="数据库文件路径")


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


def read_password() -> str:
    """A new password from the terminal (asked twice, not echoed) or one line of standard input (scripts)."""
    if sys.stdin is not None and sys.stdin.isatty():
        first = getpass.getpass("新密码：")
        if getpass.getpass("再输一遍：") != first:
            raise KnownError("两次输入的密码不一样")
        return first
    return (sys.stdin.readline() if sys.stdin is not None else "").rstrip("\r\n")
