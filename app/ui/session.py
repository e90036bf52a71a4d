"""Who is at the desk in this window: the session every form records its writes under and checks its role against.

One per process (one window per database file); the main window sets it at start-up and on a change of duty.
Before anyone has logged in (tests, tools) it is the operating-system user as director.
"""

from __future__ import annotations

import getpass

from app.accounts import Session


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "unknown"


_current = Session(None, _os_user(), "director")


def current() -> Session:
    return _current


def set_current(session: Session) -> None:
    global _current
    _current = session
