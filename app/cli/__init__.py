"""The command line: argparse subcommands calling the same domain functions as the window.

Each command group is a module of this package with a ``register(sub)`` that adds its subcommands, each
with ``run`` set to the function that carries it out; the parser is built from ``GROUPS`` in that order, so a
new command touches its group's module only. Expected problems print one line and exit 1; usage errors exit
2 (argparse); the window starts when no subcommand is given.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import NoReturn

from app import __version__, console
from app.cli import accounts, aid, awards, club, hours, month, registers, roster, rota, visits
from app.cli.common import one_line
from app.db.connection import driver
from app.errors import KnownError

GROUPS = (club, roster, visits, aid, rota, hours, registers, awards, month, accounts)

# argparse's own words (the help's headings, its usage errors), said in Chinese: argparse asks gettext for each, and
# no catalogue of them ships with Python. Only the words a user meets are here; a programmer's mistake stays English.
_ARGPARSE_WORDS = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "show this help message and exit": "显示这段说明",
    "show program's version number and exit": "显示版本号",
    "%(prog)s: error: %(message)s\n": "%(prog)s：%(message)s\n",
    "the following arguments are required: %s": "缺少必填的参数：%s",
    "unrecognized arguments: %s": "看不懂这些参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "没有 %(value)r 这一项（可选：%(choices)s）",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid %(type)s value: %(value)r": "%(value)r 不是这里能填的值",
    "expected one argument": "后面要跟一个值",
    "expected at least one argument": "后面至少要跟一个值",
    "expected at most one argument": "后面最多跟一个值",
    "ambiguous option: %(option)s could match %(matches)s": "%(option)s 不明确，可能是 %(matches)s",
    "not allowed with argument %s": "不能和 %s 一起用",
    "one of the arguments %s is required": "%s 中必须给出一个",
    "ignored explicit argument %r": "%r 是多余的",
    "can't open '%(filename)s': %(error)s": "打不开“%(filename)s”：%(error)s",
}


class _Help(argparse.HelpFormatter):
    def format_help(self) -> str:
        return re.sub(r"^(参数|选项):$", r"\1：", super().format_help(), flags=re.MULTILINE)  # the headings' colon


class _Parser(argparse.ArgumentParser):
    """Help with Chinese headings; a usage error is one Chinese line saying what is wrong and where the usage is,
    exit code 2 (argparse's). Every subcommand's parser is one of these too."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Help)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.exit(2, one_line(f"错误：{message}（用法见 {self.prog} --help）") + "\n")


def build_parser() -> argparse.ArgumentParser:
    argparse._ = lambda text: _ARGPARSE_WORDS.get(text, text)
    argparse.ngettext = lambda one, many, n: (_ARGPARSE_WORDS.get(one, one) if n == 1 else
                                               "后面要跟 %s 个值" if one == "expected %s argument" else many)
    parser = _Parser(
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
