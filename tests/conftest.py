"""Tiny shared fixtures: a fresh database file per test, and a demo club built once and copied per test."""

from __future__ import annotations

import os
import shutil

# Qt's offscreen platform, with the screen of a common office PC: 1366×768 at 96 dpi.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen:configfile=" + os.path.join(os.path.dirname(__file__), "data",
                                                                             "office-screen.json"))
# Never touch the real data folder, whatever a test does.
os.environ["FUWUSHE_DATA_DIR"] = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"fuwushe-tests-{os.getpid()}")

import pytest

from app.db import keyfile
from app.db.connection import open_database
from clubfile import copy_club  # noqa: F401  (the fixtures below use it)

# Sealing the data key under a password costs about a second at the production cost; the tests seal hundreds.
# Each sealed copy records its cost, so files made here open anywhere (and are sealed again at full cost there).
keyfile.KDF = keyfile.KdfCost(4, 8, 1)

DEMO_PEOPLE = 300


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "club.sqlite"


@pytest.fixture
def fresh_db(db_path):
    db = open_database(db_path)
    yield db
    db.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    from app.demo import make_demo

    path = tmp_path_factory.mktemp("template") / "demo.sqlite"
    db = open_database(path)
    make_demo(db, count=DEMO_PEOPLE, seed=7)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


@pytest.fixture
def demo_path(demo_template, tmp_path):
    path = tmp_path / "demo.sqlite"
    copy_club(demo_template, path)
    return path


@pytest.fixture
def demo_db(demo_path):
    db = open_database(demo_path)
    yield db
    db.close()


@pytest.fixture(scope="session")
def month_club_template(tmp_path_factory):
    """The small club whose October 2026 is known by heart (tests/month_club.py), built once."""
    import month_club

    path = tmp_path_factory.mktemp("month") / "month-club.sqlite"
    db = open_database(path)
    month_club.build(db)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


@pytest.fixture
def month_club_path(month_club_template, tmp_path):
    path = tmp_path / "month-club.sqlite"
    copy_club(month_club_template, path)
    return path


@pytest.fixture(autouse=True)
def _session_restored():
    """A test that logs someone in (a duty volunteer, say) leaves the next test the default session."""
    from app.ui import session

    before = session.current()
    yield
    session.set_current(before)


@pytest.fixture(autouse=True)
def _no_error_dialog_waits_for_ever(monkeypatch):
    """An error dialog would wait for a click that never comes: a test that reaches one fails, saying what it said
    (a test that expects one patches ``show_error`` itself)."""
    def fail(parent, title, message, details=None):
        raise AssertionError(f"an error dialog opened: {title}: {message}\n{details or ''}")

    monkeypatch.setattr("app.ui.messages.show_error", fail)


@pytest.fixture(autouse=True)
def _closing_a_typed_form_is_answered(monkeypatch):
    """Closing a form with typed content asks first; in a test that is not about it, the answer is "throw it away"
    (tests/ui/test_forgiving.py asks the real question)."""
    monkeypatch.setattr("app.ui.messages.confirm_discard", lambda parent: True)


@pytest.fixture(autouse=True)
def _questions_are_answered_go_ahead(monkeypatch):
    """A question before an unusual step (app.ui.messages.ask) is answered "go ahead" in a test not about it."""
    monkeypatch.setattr("app.ui.messages.ask", lambda parent, title, text, go, stop: True)


@pytest.fixture(autouse=True)
def _done_messages_do_not_wait(monkeypatch):
    """A "done" message box would wait for its OK: in a test it is passed by (tests that read it patch it again)."""
    monkeypatch.setattr("app.ui.messages.show_done", lambda parent, title, text, details="": None)
