"""Club files in tests: copying one with its key file, and opening one bare to play the attacker."""

from __future__ import annotations

import shutil

from app.db import keyfile


def copy_club(source, target):
    """Copy a club file with its key file (a club file alone does not open: it is encrypted)."""
    shutil.copy(source, target)
    if keyfile.exists(source):
        shutil.copy(keyfile.key_path(source), keyfile.key_path(target))
    if keyfile.known(source):
        keyfile.remember(target, keyfile.known(source))
    return target


def key_of(path):
    """The data key of a club file: unlocked in this process, or the key file's own (a club with no account yet);
    None for a plain file."""
    from app.db.connection import is_plain

    if is_plain(path):
        return None
    return keyfile.known(path) or keyfile.open_key(keyfile.read(path))


def raw(path, club=None):
    """A bare connection to a club file (or a backup of ``club``) with its key, for tests that play the attacker:
    no checks, no audit."""
    from app.db.connection import connect

    return connect(path, key_of(club or path))


# ---------------------------------------------------------------- the command line, logged in

LOGIN_FREE = {"demo", "roster-template", "consolidate"}
NO_LOGIN_OPTIONS = {"--recover", "--recovery"}  # the recovery code stands in for the log-in
DEMO_DIRECTOR = ("演示主任", "1234")
TESTER = ("测试主任", "ceshi-2468")


def tester_of(path) -> tuple[str, str]:
    """An account to run commands as on the club at ``path``: the demo's director, else a director made for the
    tests (a club the tests built has no account of its own)."""
    from pathlib import Path

    from app import accounts
    from app.db.connection import open_database

    path = Path(path)
    if keyfile.exists(path) and keyfile.has_slot(path, keyfile.account_slot(DEMO_DIRECTOR[0])):
        return DEMO_DIRECTOR
    if keyfile.exists(path) and keyfile.has_slot(path, keyfile.account_slot(TESTER[0])):
        return TESTER
    db = open_database(path)
    try:
        existing = {a["name"]: a for a in accounts.accounts(db)}
        if TESTER[0] not in existing:
            accounts.create_account(db, TESTER[0], "director", TESTER[1], actor="测试")
        elif DEMO_DIRECTOR[0] in existing:
            return DEMO_DIRECTOR
    finally:
        db.close()
    return TESTER


def cli_main(argv, *, user=None, password=None, then=()):
    """``app.cli.main(argv)`` as a director at the terminal would run it: ``--user`` added, the password (and the
    secrets in ``then``, one per line) on standard input. Commands that need no account run as they are."""
    import io
    import sys
    from pathlib import Path

    from app.cli import main

    argv = [str(a) for a in argv]
    lines = list(then)
    if (argv and argv[0] not in LOGIN_FREE and "--db" in argv[:-1] and "--user" not in argv
            and not NO_LOGIN_OPTIONS & set(argv)):
        path = Path(argv[argv.index("--db") + 1])
        if path.is_file() and path.stat().st_size:
            name, secret = (user, password) if user else tester_of(path)
            argv += ["--user", name]
            lines = [secret, *lines]
    if "--user" in argv and password is not None and user is None:
        lines = [password, *lines]
    saved = sys.stdin
    sys.stdin = io.StringIO("".join(line + "\n" for line in lines))
    try:
        return main(argv)
    finally:
        sys.stdin = saved


def cli_process(argv, *, user=None, password=None, then=(), **kwargs):
    """``python -m app ...`` in its own process, logged in the same way (the password on standard input)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    argv = [str(a) for a in argv]
    lines = list(then)
    if argv and argv[0] not in LOGIN_FREE and "--db" in argv[:-1] and "--user" not in argv:
        path = Path(argv[argv.index("--db") + 1])
        if path.is_file() and path.stat().st_size:
            name, secret = (user, password) if user else tester_of(path)
            argv += ["--user", name]
            lines = [secret, *lines]
    root = Path(__file__).resolve().parent.parent
    return subprocess.run([sys.executable, "-m", "app", *argv], cwd=kwargs.pop("cwd", root), capture_output=True,
                          encoding="utf-8", input="".join(line + "\n" for line in lines),
                          env=kwargs.pop("env", {**os.environ, "PYTHONUTF8": "1"}), timeout=kwargs.pop("timeout", 60),
                          **kwargs)
