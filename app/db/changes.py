"""What a write changed, as a typed value: the registers it touched and the rows in each.

Every write goes through the audited path (app.db.audit), and that path notes each row it writes here, so
what a write changed is never hand-reported and cannot be forgotten: ``with recording(db) as changes:``
around any domain write, then ``changes.value`` says which registers changed. The window's one write path
(app.ui.write) does this and announces the value to every page; each page follows the registers it shows.
"""

from __future__ import annotations

import enum
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator, Mapping


class Register(enum.Enum):
    """The club's registers, as a page or a report sees them (one may span several tables)."""

    PERSON = "person"
    VISIT = "visit"
    MUST_REPORT = "must_report"
    AID_GROUP = "aid_group"
    ROTA = "rota"
    TIMEBANK = "timebank"
    ACTIVITY = "activity"
    MEETING = "meeting"
    CERTIFICATE = "certificate"
    AWARD = "award"
    FEEDBACK = "feedback"
    GOOD_NEWS = "good_news"
    SETTING = "setting"
    ACCOUNT = "account"
    ACCESS = "access"
    CORRECTION = "correction"  # the corrections and voids of every register's entries (the entry's own register
    # changes too: its row's state)
    SESSION = "session"  # who is on duty: no table, announced by the window when the desk changes hands


# Each table of the schema and the register it belongs to (a test keeps this in step with the migrations).
TABLE_REGISTER: Mapping[str, Register] = {
    "person": Register.PERSON,
    # The roster search's index, made from the person rows (never written apart from them).
    "person_key": Register.PERSON, "search_index": Register.PERSON,
    "visit": Register.VISIT,
    "must_report": Register.MUST_REPORT, "must_report_event": Register.MUST_REPORT,
    "aid_group": Register.AID_GROUP, "aid_helper": Register.AID_GROUP,
    "shift_slot": Register.ROTA, "holiday": Register.ROTA, "rota_absence": Register.ROTA,
    "rota_assignment": Register.ROTA, "rota_month": Register.ROTA, "rota_swap": Register.ROTA,
    "hours_entry": Register.TIMEBANK, "reward": Register.TIMEBANK,
    "activity": Register.ACTIVITY,
    "meeting": Register.MEETING,
    "certificate": Register.CERTIFICATE,
    "award": Register.AWARD,
    "feedback": Register.FEEDBACK,
    "bulletin_item": Register.GOOD_NEWS,
    "setting": Register.SETTING,
    "account": Register.ACCOUNT,
    "access_log": Register.ACCESS,
    "correction": Register.CORRECTION,
}

# The table whose row ids a register's changes carry, where it is not the register's own name.
MAIN_TABLE: Mapping[Register, str] = {
    Register.ROTA: "rota_assignment", Register.TIMEBANK: "hours_entry", Register.GOOD_NEWS: "bulletin_item",
}


def main_table(register: Register) -> str:
    return MAIN_TABLE.get(register, register.value)


@dataclass(frozen=True)
class Changes:
    """The registers a write changed, each with the ids of the rows written in its main table (empty when the
    write touched only its side tables); ``created`` holds those of them the write inserted (a new entry, which
    the window offers to undo)."""

    rows: Mapping[Register, frozenset[int]] = field(default_factory=dict)
    created: Mapping[Register, frozenset[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, *registers: Register) -> Changes:
        return cls({register: frozenset() for register in registers})

    @property
    def registers(self) -> frozenset[Register]:
        return frozenset(self.rows)

    def touches(self, *registers: Register) -> bool:
        return any(register in self.rows for register in registers)

    def ids(self, register: Register) -> frozenset[int]:
        return self.rows.get(register, frozenset())

    def new_ids(self, register: Register) -> frozenset[int]:
        """The rows of the register's main table the write inserted."""
        return self.created.get(register, frozenset())

    def __bool__(self) -> bool:
        return bool(self.rows)

    def __or__(self, other: Changes) -> Changes:
        def merge(a, b):
            merged = dict(a)
            for register, ids in b.items():
                merged[register] = merged.get(register, frozenset()) | ids
            return merged

        return Changes(merge(self.rows, other.rows), merge(self.created, other.created))


class Recorder:
    """Collects the rows written while it is active; ``value`` is what they add up to."""

    def __init__(self) -> None:
        self._rows: dict[Register, set[int]] = {}
        self._created: dict[Register, set[int]] = {}

    def note(self, table: str, row_id: int | None, created: bool = False) -> None:
        register = TABLE_REGISTER.get(table)
        if register is None:
            return
        ids = self._rows.setdefault(register, set())
        if row_id is not None and table == main_table(register):
            ids.add(int(row_id))
            if created:
                self._created.setdefault(register, set()).add(int(row_id))

    @property
    def value(self) -> Changes:
        return Changes({register: frozenset(ids) for register, ids in self._rows.items()},
                       {register: frozenset(ids) for register, ids in self._created.items()})


_active: dict[int, list[Recorder]] = {}  # id of a connection -> the recorders listening to it, innermost last


def noted(db, table: str, row_id: int | None, created: bool = False) -> None:
    """Called by the audited write path for each row it writes (``created``: inserted)."""
    for recorder in _active.get(id(db.conn), ()):
        recorder.note(table, row_id, created)


@contextmanager
def recording(db) -> Iterator[Recorder]:
    """Record the rows written through ``db`` inside the block (a write that fails is rolled back, and then
    its recorder is simply not read)."""
    recorder = Recorder()
    stack = _active.setdefault(id(db.conn), [])
    stack.append(recorder)
    try:
        yield recorder
    finally:
        stack.remove(recorder)
        if not stack:
            del _active[id(db.conn)]
