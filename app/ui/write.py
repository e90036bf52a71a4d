"""The window's one way to write: every form and page runs a domain write through ``write()``.

It runs ``work(db)`` and sorts what can go wrong by kind (as Anki's CollectionOp does): a value the rules refuse
goes beside its field in the form (or into one message where there is no form), a known problem of the
environment or the request into one plain message, a bug on to the excepthook's error dialog with its traceback. What the
write changed (app.db.changes, from the audited path) is announced once to every page.

Writes here are the quick ones a click makes (milliseconds on the club's file); long jobs (imports, the rota
solver, backups) run in app.ui.operations.BackgroundJob, which announces its changes the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from app.db.changes import Changes, recording
from app.errors import InvalidRecord, KnownError, ValidationError
from app.ui.messages import show_problem
from app.ui.signals import announce


@dataclass(frozen=True)
class Written:
    """A write that went through: what ``work`` returned and what it changed. False when it did not."""

    ok: bool
    value: Any = None
    changes: Changes = Changes()

    def __bool__(self) -> bool:
        return self.ok


FAILED = Written(False)


def write(parent, db, work: Callable[[Any], Any], *, form=None, title: str | None = None) -> Written:
    """Run ``work(db)``; on success announce its changes and return them with its value, else ``FAILED``.

    ``form`` (a FormDialog) takes the refusals beside its fields; without one they are shown in a message
    (titled ``title``, or "Problem").
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
    return Written(True, value, changes)
