"""What correcting and voiding entries share (更正、作废): the reason box, the reason row and title a register's own
form gets when it corrects an entry, and the entry's history as the pages and dialogs show it.

The rules are app.corrections' and each register's (who may, what follows); the dialogs only gather the new values
and the reason and say what was done (app.ui.write: "已更正：…", "已作废：…").
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLineEdit

from app import corrections
from app.ui.dialogs.forms import FormDialog
from app.ui.text import fill


NOTE_STYLE = "color: #555555;"


def history_lines(steps: list[corrections.Step]) -> list[str]:
    """The entry's history as lines of rich text: who recorded it when, then each correction with the earlier and
    the new values, and a void, each with its reason."""
    lines = []
    for step in steps:
        when = step.at[:16].replace("T", " ")
        if step.action == "record":
            line = fill(QCoreApplication.translate("Corrections", "%1 recorded by %2"), when, step.actor)
        elif step.action == "correct":
            changed = "；".join(fill(QCoreApplication.translate("Corrections", "%1: %2 → %3"), c.label, c.before,
                                    c.after) for c in step.changes)
            line = fill(QCoreApplication.translate("Corrections", "%1 corrected by %2: %3 (reason: %4)"), when,
                        step.actor, changed, step.reason)
        else:
            line = fill(QCoreApplication.translate("Corrections", "%1 voided by %2 (reason: %3)"), when, step.actor,
                        step.reason)
        lines.append(html.escape(line))
    return lines


def history_html(steps: list[corrections.Step]) -> str:
    """The history under a heading, for a details panel; empty when the entry was never corrected or voided."""
    if not any(step.action != "record" for step in steps):
        return ""
    title = QCoreApplication.translate("Corrections", "History of corrections")
    return f"<b>{html.escape(title)}</b><br>" + "<br>".join(history_lines(steps))


def reason_box() -> QLineEdit:
    box = QLineEdit()
    box.setMaxLength(200)
    box.setPlaceholderText(QCoreApplication.translate("Corrections",
                                                      "Why, in a few words: e.g. logged to the wrong person"))
    return box


def add_reason(dialog: FormDialog) -> QLineEdit:
    """The reason row of a correction form: the last row of the form's own fields, its label in their column."""
    box = reason_box()
    dialog.add_row(dialog.fields_form, QCoreApplication.translate("Corrections", "Reason for the correction"), box,
                   "reason")
    box.textEdited.connect(lambda: dialog.show_error("reason", None))
    return box


def correcting(dialog: FormDialog, title: str) -> None:
    dialog.setWindowTitle(title)
    dialog.save_button.setText(QCoreApplication.translate("Corrections", "Save the correction (Ctrl+Enter)"))
