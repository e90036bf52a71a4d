"""The window's one way to write: every form and page runs a domain write through ``write()``.

It runs ``work(db)`` and sorts what can go wrong by kind (as Anki's CollectionOp does): a value the rules refuse
goes beside its field in the form (or into one message where there is no form), a known problem of the
environment or the request into one plain message, a bug on to the excepthook's error dialog with its traceback. What the
write changed (app.db.changes, from the audited path) is announced once to every page.

Writes here are the quick ones a click makes (milliseconds on the club's file); long jobs (imports, the rota
solver, backups) run in app.ui.operations.BackgroundJob, which announces its changes the same way.

A form names what its save wrote (``said``: "12月3日 住院看望 韦芳玉") and what it did to it (``verb``: recorded,
corrected, voided…); the main window says so ("已记录：12月3日 住院看望 韦芳玉", app.ui.confirm) with 撤销 for a minute
where the new entry can be voided (``undo``): the undo is a void with the reason 撤销, through this same path.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.accounts import Session
from app.db.changes import Changes, Register, recording
from app.errors import InvalidRecord, KnownError, ValidationError
from app.ui.messages import show_problem
from app.ui.signals import announce, tell
from app.ui.text import fill

# undo(db, reason, by): void what a save made.
Undo = Callable[[Any, str, Session], Any]


# What a save did to the entry it names, as the confirmation says it.
VERBS = {
    "record": QT_TRANSLATE_NOOP("Saved", "Saved: %1"),
    "correct": QT_TRANSLATE_NOOP("Saved", "Corrected: %1"),
    "void": QT_TRANSLATE_NOOP("Saved", "Voided: %1"),
    "undo": QT_TRANSLATE_NOOP("Saved", "Undone: %1"),
    "swap": QT_TRANSLATE_NOOP("Saved", "Swapped: %1"),
    "attendance": QT_TRANSLATE_NOOP("Saved", "Attendance recorded: %1"),
    "credit": QT_TRANSLATE_NOOP("Saved", "Hours credited: %1"),
}


@dataclass(frozen=True)
class Saved:
    """What a save did: the entry it names (``what``), the sentence for the person at the desk, and how to undo it
    (None: it cannot be undone)."""

    what: str
    verb: str = "record"
    undo: Undo | None = None
    db: Any = None

    @property
    def text(self) -> str:
        return fill(QCoreApplication.translate("Saved", VERBS[self.verb]), self.what)


def _voids() -> dict[Register, Callable[..., Any]]:
    """Each register whose new entries 撤销 can void, with its void (db, id, *, reason, by)."""
    from app import activities, awards, good_news, meetings, timebank, visits

    def reverse(db, entry_id: int, *, reason: str, by: Session) -> int:
        return timebank.correct(db, entry_id, reason=reason, actor=by.name, by=by)

    return {Register.VISIT: visits.void_visit, Register.MUST_REPORT: visits.void_report,
            Register.MEETING: meetings.void_meeting, Register.ACTIVITY: activities.void_activity,
            Register.FEEDBACK: awards.void_feedback, Register.GOOD_NEWS: good_news.void_item,
            Register.TIMEBANK: reverse}


def undo_of(changes: Changes) -> Undo | None:
    """How to undo a save that made one new entry of a register that can void it; None for anything else."""
    voids = _voids()
    made = [(register, ids) for register, ids in changes.created.items() if register in voids and ids]
    if len(made) != 1 or len(made[0][1]) != 1:
        return None
    register, (row_id,) = made[0][0], tuple(made[0][1])
    return lambda db, reason, by: voids[register](db, row_id, reason=reason, by=by)


@dataclass(frozen=True)
class Written:
    """A write that went through: what ``work`` returned and what it changed. False when it did not."""

    ok: bool
    value: Any = None
    changes: Changes = Changes()

    def __bool__(self) -> bool:
        return self.ok


FAILED = Written(False)


def write(parent, db, work: Callable[[Any], Any], *, form=None, title: str | None = None,
          said: str | Callable[[Any], str] | None = None, verb: str = "record",
          undo: bool | Callable[[Any], Undo | None] = False) -> Written:
    """Run ``work(db)``; on success announce its changes and return them with its value, else ``FAILED``.

    ``form`` (a FormDialog) takes the refusals beside its fields; without one they are shown in a message
    (titled ``title``, or "Problem"). ``said`` names the entry the write saved (or makes the name from ``work``'s
    value), ``verb`` (a key of VERBS) what it did; ``undo`` offers 撤销 with the confirmation: True for the new entry
    the write made, or a function of the value giving the undo.
    """
    try:
        with recording(db) as recorder:
            value = work(db)
    except ValidationError as exc:
        errors = exc.errors if isinstance(exc, InvalidRecord) else {exc.field or "status": exc.reason}
        if form is not None:
            form.show_errors(errors)
        else:
            show_problem(parent, "；".join(errors.values()), title)
        return FAILED
    except KnownError as exc:
        show_problem(parent, str(exc), title)
        return FAILED
    # Anything else is a bug: it goes on to the application's excepthook, which shows the error dialog with the
    # traceback (and makes a test fail), after the write's transaction has been rolled back.
    changes = recorder.value
    announce(changes)
    if said is not None:
        how = (undo(value) if callable(undo) else undo_of(changes)) if undo else None
        tell(Saved(said(value) if callable(said) else said, verb, how, db))
    return Written(True, value, changes)
