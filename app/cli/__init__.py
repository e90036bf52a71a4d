"""The command line: argparse subcommands calling the same domain functions as the window.

Each command group is a module of this package with a ``register(sub)`` that adds its subcommands, each
with ``run`` set to the function that carries it out; the parser is built from ``GROUPS`` in that order, so a
new command touches its group's module only. Expected problems print one line and exit 1; usage errors exit
2 (argparse); the window starts when no subcommand is given.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from app import __version__, console
from app.cli import accounts, aid, awards, club, hours, month, registers, roster, rota, visits
from app.cli.common import one_line
from app.db.connection import driver
from app.errors import KnownError

GROUPS = (club, roster, visits, aid, rota, hours, registers, awards, month, accounts)


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
    for group in GROUPS:
        group.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    # Before anything prints, --help included: output that never fails on a code page, and a file name that is
    # not UTF-8 (from a USB stick written on a GBK system, say) printed back as the bytes it came as.
    console.setup_output()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _dispatch(args)
    except BrokenPipeError:  # output piped into head and closed early: not an error worth a traceback
        sys.stdout = open(os.devnull, "w")
        return 0


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
        print(one_line(f"错误：参数“{unreadable}”不是 UTF-8 文字（终端的编码是不是设成了 GBK？），请改用 UTF-8 后重新输入"),
              file=sys.stderr)
        return 1
    try:
        if args.command is None:
            return _run_gui(args)
        return args.run(args)
    except KnownError as exc:
        print(f"错误：{one_line(str(exc))}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        raise  # main's quiet exit
    except OSError as exc:  # a path the system refuses (too long, no permission, no such folder): the user's to fix
        if getattr(exc, "errno", None) == 28:
            print(one_line(f"错误：磁盘空间不足，无法写入 {exc.filename or '文件'}，数据没有改动"), file=sys.stderr)
        else:
            print(one_line(f"错误：无法读写 {exc.filename or '文件'}（{exc.strerror or exc}）"), file=sys.stderr)
        return 1
    except driver.OperationalError as exc:  # the file system said no mid-write: the transaction was rolled back
        text = str(exc)
        why = ("磁盘空间不足" if "full" in text else "没有写入权限" if "readonly" in text or "read-only" in text
               else f"数据库无法写入（{text}）")
        print(one_line(f"错误：{why}，这次的改动没有保存，原有数据完好"), file=sys.stderr)
        return 1


def _run_gui(args: argparse.Namespace) -> int:
    from app.ui.application import run

    return run(db_path=args.db, demo=args.demo, quit_after=args.quit_after)
