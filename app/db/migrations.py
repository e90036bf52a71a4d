"""The schema, built by numbered steps recorded in ``PRAGMA user_version``.

A step that has been released is never edited: change the schema by appending a new step. All the steps an
upgrade needs run in one ``BEGIN IMMEDIATE`` transaction together with the ``user_version`` bumps, so an upgrade
that fails or is killed half-way leaves the file exactly as it was before it (and ``open_database`` backs the
file up first). Statements run one at a time because ``executescript`` would commit the open transaction first.
"""

from __future__ import annotations

import sqlite_utils

# Step 1: the settings and the audit log every later write goes through.
_STEP_1 = [
    """CREATE TABLE setting (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        value TEXT NOT NULL
    )""",
    """CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('insert', 'update')),
        table_name TEXT NOT NULL,
        row_id INTEGER NOT NULL,
        before TEXT,
        after TEXT
    )""",
    "CREATE INDEX audit_log_row ON audit_log(table_name, row_id)",
    # The log is append-only: history that can be rewritten is not history.
    """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""",
    """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""",
]

# Step 2: the roster. Situations, talent tags and posts are JSON arrays of their Chinese words, so one
# audited row holds a person's whole record; searching them is a plain instr() over the row.
_STEP_2 = [
    """CREATE TABLE person (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        sex TEXT CHECK (sex IN ('男', '女')),
        birth_date TEXT,
        id_number TEXT,
        id_legacy INTEGER NOT NULL DEFAULT 0,
        phone TEXT NOT NULL DEFAULT '',
        building TEXT NOT NULL DEFAULT '',
        unit TEXT NOT NULL DEFAULT '',
        room TEXT NOT NULL DEFAULT '',
        is_resident INTEGER NOT NULL DEFAULT 1,
        is_member INTEGER NOT NULL DEFAULT 0,
        party_joined TEXT,
        party_branch TEXT NOT NULL DEFAULT '',
        is_volunteer INTEGER NOT NULL DEFAULT 0,
        situations TEXT NOT NULL DEFAULT '[]',
        tags TEXT NOT NULL DEFAULT '[]',
        posts TEXT NOT NULL DEFAULT '[]',
        notes TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'moved_away', 'deceased')),
        status_date TEXT,
        sort_key TEXT NOT NULL DEFAULT '',
        search_text TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )""",
    "CREATE UNIQUE INDEX person_id_number ON person(id_number) WHERE id_number IS NOT NULL",
    # The roster search reads only this index: in name order, with every column a filter looks at, so a
    # search over 100,000 people is one ordered index scan (~20 ms) instead of 100,000 table lookups.
    """CREATE INDEX person_roster ON person(sort_key, id, status, is_member, is_volunteer, situations, tags,
                                            search_text, phone, building, id_number)""",
    # People are never deleted: they move away or die, and their history stays.
    """CREATE TRIGGER person_no_delete BEFORE DELETE ON person
       BEGIN SELECT RAISE(ABORT, 'people are never deleted; change their status'); END""",
]

# Step 3: disclosures of personal data (a full-ID export, say). Each is written through the audited path, so it
# shows in the audit log too; this table keeps what was disclosed in a form the director can read.
_STEP_3 = [
    """CREATE TABLE access_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT ''
    )""",
    """CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
       BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END""",
    """CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
       BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END""",
]

# Step 4: the five must-visits and the five must-reports, and what the due list needs to know of a person:
# when they registered with the club (报到), and a birthday kept by the lunar calendar.
_STEP_4 = [
    "ALTER TABLE person ADD COLUMN registered_on TEXT",
    "ALTER TABLE person ADD COLUMN lunar_birth_month INTEGER CHECK (lunar_birth_month BETWEEN 1 AND 12)",
    "ALTER TABLE person ADD COLUMN lunar_birth_day INTEGER CHECK (lunar_birth_day BETWEEN 1 AND 30)",
    "ALTER TABLE person ADD COLUMN lunar_birth_leap INTEGER NOT NULL DEFAULT 0",
    """CREATE TABLE must_report (
        id INTEGER PRIMARY KEY,
        person_id INTEGER NOT NULL REFERENCES person(id),
        kind TEXT NOT NULL CHECK (kind IN ('concern', 'cadre_event', 'emergency', 'wide_impact', 'serious_illness')),
        summary TEXT NOT NULL CHECK (length(trim(summary)) > 0),
        learnt_on TEXT NOT NULL,
        reported_to TEXT NOT NULL DEFAULT '',
        reported_on TEXT,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'reported', 'closed')),
        closed_on TEXT,
        notes TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX must_report_person ON must_report(person_id)",
    "CREATE INDEX must_report_status ON must_report(status, learnt_on)",
    """CREATE TABLE must_report_event (
        id INTEGER PRIMARY KEY,
        report_id INTEGER NOT NULL REFERENCES must_report(id),
        on_date TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'reported', 'closed')),
        note TEXT NOT NULL DEFAULT '',
        actor TEXT NOT NULL,
        at TEXT NOT NULL
    )""",
    "CREATE INDEX must_report_event_report ON must_report_event(report_id)",
    """CREATE TABLE visit (
        id INTEGER PRIMARY KEY,
        person_id INTEGER NOT NULL REFERENCES person(id),
        kind TEXT NOT NULL CHECK (kind IN ('registration', 'hospital', 'special', 'festival', 'supporter')),
        visit_date TEXT NOT NULL,
        done TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        follow_up_on TEXT,
        report_id INTEGER REFERENCES must_report(id),
        visitor_ids TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX visit_person ON visit(person_id, visit_date)",
    "CREATE INDEX visit_date ON visit(visit_date)",
    "CREATE INDEX visit_follow_up ON visit(follow_up_on) WHERE follow_up_on IS NOT NULL",
]

# Step 5: mutual-aid groups. A group helps one person; its helpers join and leave on dates and the group
# ends on a date with a reason, so who helped whom, and when, is never lost. Helpers' capacity and stated
# preferences live on the person.
_STEP_5 = [
    "ALTER TABLE person ADD COLUMN aid_capacity INTEGER NOT NULL DEFAULT 2 CHECK (aid_capacity BETWEEN 0 AND 20)",
    "ALTER TABLE person ADD COLUMN helper_unavailable INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE person ADD COLUMN same_sex_only INTEGER NOT NULL DEFAULT 0",
    """CREATE TABLE aid_group (
        id INTEGER PRIMARY KEY,
        person_id INTEGER NOT NULL REFERENCES person(id),
        mode TEXT NOT NULL CHECK (mode IN ('one_on_one', 'many_help_one')),
        started_on TEXT NOT NULL,
        ended_on TEXT,
        end_reason TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX aid_group_person ON aid_group(person_id, ended_on)",
    """CREATE TABLE aid_helper (
        id INTEGER PRIMARY KEY,
        group_id INTEGER NOT NULL REFERENCES aid_group(id),
        helper_id INTEGER NOT NULL REFERENCES person(id),
        is_lead INTEGER NOT NULL DEFAULT 0,
        joined_on TEXT NOT NULL,
        left_on TEXT,
        left_reason TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX aid_helper_group ON aid_helper(group_id)",
    "CREATE INDEX aid_helper_helper ON aid_helper(helper_id, left_on)",
]

# Step 6: duty rotas. Slots (the desk's shifts, the service projects) repeat by weekday or monthly date;
# official holidays and make-up workdays are the app's own table, seeded from a package and editable;
# assignments are never deleted: a repaired or swapped place keeps its old row, marked removed, with why.
_STEP_6 = [
    "ALTER TABLE person ADD COLUMN on_rota INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE person ADD COLUMN skills TEXT NOT NULL DEFAULT '[]'",
    "ALTER TABLE person ADD COLUMN rota_weekdays_off TEXT NOT NULL DEFAULT '[]'",
    "ALTER TABLE person ADD COLUMN rota_max_month INTEGER CHECK (rota_max_month BETWEEN 0 AND 62)",
    "ALTER TABLE person ADD COLUMN rota_prefers TEXT NOT NULL DEFAULT '' CHECK (rota_prefers IN ('', 'morning', 'afternoon'))",
    """CREATE TABLE rota_absence (
        id INTEGER PRIMARY KEY,
        person_id INTEGER NOT NULL REFERENCES person(id),
        start_on TEXT NOT NULL,
        end_on TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        cancelled INTEGER NOT NULL DEFAULT 0,
        CHECK (end_on >= start_on)
    )""",
    "CREATE INDEX rota_absence_person ON rota_absence(person_id, start_on)",
    """CREATE TABLE shift_slot (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('desk', 'project')),
        part TEXT NOT NULL CHECK (part IN ('morning', 'afternoon', 'evening')),
        start_time TEXT NOT NULL DEFAULT '',
        end_time TEXT NOT NULL DEFAULT '',
        need INTEGER NOT NULL CHECK (need BETWEEN 1 AND 20),
        weekdays TEXT NOT NULL DEFAULT '[1,2,3,4,5,6,7]',
        monthly_day INTEGER CHECK (monthly_day BETWEEN 1 AND 31),
        place TEXT NOT NULL DEFAULT '',
        skill TEXT NOT NULL DEFAULT '',
        active INTEGER NOT NULL DEFAULT 1,
        sort INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE holiday (
        id INTEGER PRIMARY KEY,
        day TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('off', 'workday')),
        name TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT ''
    )""",
    """CREATE TABLE rota_month (
        id INTEGER PRIMARY KEY,
        month TEXT NOT NULL UNIQUE,
        generated_at TEXT,
        published INTEGER NOT NULL DEFAULT 0,
        unfilled TEXT NOT NULL DEFAULT '{}'
    )""",
    """CREATE TABLE rota_assignment (
        id INTEGER PRIMARY KEY,
        day TEXT NOT NULL,
        slot_id INTEGER NOT NULL REFERENCES shift_slot(id),
        person_id INTEGER NOT NULL REFERENCES person(id),
        fixed INTEGER NOT NULL DEFAULT 0,
        confirmed TEXT CHECK (confirmed IN ('attended', 'absent')),
        removed_at TEXT,
        removed_reason TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX rota_assignment_day ON rota_assignment(day, slot_id) WHERE removed_at IS NULL",
    "CREATE INDEX rota_assignment_person ON rota_assignment(person_id, day)",
    """CREATE TABLE rota_swap (
        id INTEGER PRIMARY KEY,
        day TEXT NOT NULL,
        slot_id INTEGER NOT NULL REFERENCES shift_slot(id),
        from_person INTEGER NOT NULL REFERENCES person(id),
        to_person INTEGER NOT NULL REFERENCES person(id),
        reason TEXT NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL
    )""",
]

# Step 7: the volunteer time bank (时间银行). The ledger is append-only like the audit log: a balance is the sum
# of its entries, and a mistake is put right by a reversing entry (corrects_id names the entry it reverses,
# at most once). A visit credits each of its visitors once and a shift its volunteer once: the partial unique
# index makes a second credit impossible, however often the crediting runs.
_STEP_7 = [
    """CREATE TABLE hours_entry (
        id INTEGER PRIMARY KEY,
        person_id INTEGER NOT NULL REFERENCES person(id),
        on_date TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('deposit', 'withdrawal', 'exchange', 'correction')),
        hours REAL NOT NULL CHECK (hours != 0 AND (kind != 'deposit' OR hours > 0)
                                   AND (kind NOT IN ('withdrawal', 'exchange') OR hours < 0)),
        source TEXT NOT NULL CHECK (source IN ('visit', 'shift', 'activity', 'manual', 'reward', 'help')),
        source_id INTEGER,
        corrects_id INTEGER REFERENCES hours_entry(id),
        note TEXT NOT NULL DEFAULT '',
        recorded_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        CHECK ((kind = 'correction') = (corrects_id IS NOT NULL))
    )""",
    "CREATE INDEX hours_entry_person ON hours_entry(person_id, on_date)",
    "CREATE INDEX hours_entry_date ON hours_entry(on_date)",
    """CREATE UNIQUE INDEX hours_entry_credited ON hours_entry(source, source_id, person_id)
       WHERE source IN ('visit', 'shift') AND kind = 'deposit'""",
    "CREATE UNIQUE INDEX hours_entry_corrects ON hours_entry(corrects_id) WHERE corrects_id IS NOT NULL",
    """CREATE TRIGGER hours_entry_no_update BEFORE UPDATE ON hours_entry
       BEGIN SELECT RAISE(ABORT, 'hours_entry is append-only'); END""",
    """CREATE TRIGGER hours_entry_no_delete BEFORE DELETE ON hours_entry
       BEGIN SELECT RAISE(ABORT, 'hours_entry is append-only'); END""",
    """CREATE TABLE reward (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        hours REAL NOT NULL CHECK (hours > 0),
        stock INTEGER NOT NULL CHECK (stock >= 0),
        active INTEGER NOT NULL DEFAULT 1
    )""",
]

# Step 8: the meetings register (会议): 议事会, 发布会, 党建联席会, 社务会. Attendees are a JSON array of person
# ids on the meeting row, like a visit's visitors, so one audited row holds the whole meeting.
_STEP_8 = [
    """CREATE TABLE meeting (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('council', 'release', 'joint', 'affairs')),
        held_on TEXT NOT NULL,
        place TEXT NOT NULL DEFAULT '',
        topics TEXT NOT NULL CHECK (length(trim(topics)) > 0),
        decisions TEXT NOT NULL DEFAULT '',
        follow_ups TEXT NOT NULL DEFAULT '',
        attendee_ids TEXT NOT NULL DEFAULT '[]',
        notes TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX meeting_held_on ON meeting(held_on, kind)",
]

# Step 9: activities, the certificates register, the yearly awards with the feedback they draw on, and the
# bulletin's good-news items. An activity's participants are a JSON array of [person id, hours] on its row
# (one audited row holds the whole session, like a meeting's attendees); confirming it credits each participant
# once, which the partial unique index guarantees as it does for visits and shifts. Certificates are numbered
# per year ("2026-0001") and never edited: the register is what was handed out. Award rows are the director's
# confirmed choice; withdrawing one stamps ``withdrawn_at`` so the register keeps it.
_STEP_9 = [
    """CREATE TABLE activity (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('service', 'event', 'class')),
        title TEXT NOT NULL CHECK (length(trim(title)) > 0),
        project TEXT NOT NULL DEFAULT '',
        held_on TEXT NOT NULL,
        place TEXT NOT NULL DEFAULT '',
        hours REAL NOT NULL CHECK (hours > 0 AND hours <= 24),
        participants TEXT NOT NULL DEFAULT '[]',
        served_count INTEGER NOT NULL DEFAULT 0 CHECK (served_count >= 0),
        notes TEXT NOT NULL DEFAULT '',
        confirmed_at TEXT,
        confirmed_by TEXT,
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX activity_held_on ON activity(held_on, kind)",
    """CREATE UNIQUE INDEX hours_entry_activity ON hours_entry(source, source_id, person_id)
       WHERE source = 'activity' AND kind = 'deposit' AND source_id IS NOT NULL""",
    """CREATE TABLE certificate (
        id INTEGER PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        person_id INTEGER NOT NULL REFERENCES person(id),
        issued_on TEXT NOT NULL,
        period_start TEXT NOT NULL,
        period_end TEXT NOT NULL,
        hours REAL NOT NULL CHECK (hours >= 0),
        content TEXT NOT NULL,
        purpose TEXT NOT NULL DEFAULT '',
        issued_by TEXT NOT NULL,
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX certificate_person ON certificate(person_id, issued_on)",
    """CREATE TRIGGER certificate_no_update BEFORE UPDATE ON certificate
       BEGIN SELECT RAISE(ABORT, 'certificate is append-only'); END""",
    """CREATE TRIGGER certificate_no_delete BEFORE DELETE ON certificate
       BEGIN SELECT RAISE(ABORT, 'certificate is append-only'); END""",
    """CREATE TABLE feedback (
        id INTEGER PRIMARY KEY,
        person_id INTEGER NOT NULL REFERENCES person(id),
        on_date TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('praise', 'complaint')),
        given_by TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL CHECK (length(trim(note)) > 0),
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX feedback_person ON feedback(person_id, on_date)",
    """CREATE TABLE award (
        id INTEGER PRIMARY KEY,
        year INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('most_beautiful', 'meritorious')),
        person_id INTEGER NOT NULL REFERENCES person(id),
        hours REAL NOT NULL,
        activities INTEGER NOT NULL,
        praise INTEGER NOT NULL,
        citation TEXT NOT NULL DEFAULT '',
        confirmed_at TEXT NOT NULL,
        confirmed_by TEXT NOT NULL,
        withdrawn_at TEXT,
        withdrawn_reason TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE UNIQUE INDEX award_once ON award(year, kind, person_id) WHERE withdrawn_at IS NULL",
    """CREATE TABLE bulletin_item (
        id INTEGER PRIMARY KEY,
        month TEXT NOT NULL,
        title TEXT NOT NULL CHECK (length(trim(title)) > 0),
        body TEXT NOT NULL DEFAULT '',
        photo BLOB,
        photo_name TEXT NOT NULL DEFAULT '',
        sort INTEGER NOT NULL DEFAULT 0,
        removed_at TEXT,
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX bulletin_item_month ON bulletin_item(month, sort)",
]

# Step 10: accounts and roles, and a hash chain through the audit log. Passwords are kept only as slow salted
# hashes; an account is never deleted, only switched off. Each audit row written from now on carries the hash
# of the previous row's hash and its own contents (the rows before the chain are folded into its first link),
# so ``check`` finds a row changed or removed behind the app's back.
_STEP_10 = [
    """CREATE TABLE account (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
        role TEXT NOT NULL CHECK (role IN ('director', 'duty')),
        password_hash TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        created_at TEXT NOT NULL
    )""",
    """CREATE TRIGGER account_no_delete BEFORE DELETE ON account
       BEGIN SELECT RAISE(ABORT, 'accounts are switched off, never deleted'); END""",
    "ALTER TABLE audit_log ADD COLUMN hash TEXT",
    "CREATE INDEX audit_log_actor ON audit_log(actor, at)",
    "CREATE INDEX audit_log_at ON audit_log(at)",
]

# Step 11: a birth known only by year and month (出生年月 1950年3月, with no ID number to give the day). The date
# column keeps the 1st of the month so ages and sorting still work; the flag says the day is not known, so the
# form and the roster show 1950年3月 and the birthday greeting falls in the month, not on an invented day.
_STEP_11 = [
    "ALTER TABLE person ADD COLUMN birth_month_only INTEGER NOT NULL DEFAULT 0 CHECK (birth_month_only IN (0, 1))",
]

# Step 12: the roster search's index. ``person_key`` holds, one per row, each word a person is found by (the
# words of ``search_text``: the name from each character on, the pinyin from each syllable on, the initials),
# their phone from each digit on and their ID's last three to six digits; a typed term is looked up by range
# ("begins with"), so a keystroke reads the few people it names instead of scanning everyone. A plain table, not
# an FTS5 index: the same results with every SQLite build (FTS5's trigram tokenizer finds nothing for one or two
# Chinese characters before SQLite 3.41). ``search_index.rules`` is the version of app.names' rules the words
# follow: 0 for a file with people, whose words are made again (app.people.ensure_search_index) when it is next
# opened; 1, the rules this step was written with, for a file without anybody yet.
_STEP_12 = [
    """CREATE TABLE person_key (
        kind TEXT NOT NULL CHECK (kind IN ('n', 'p', 'i')),
        key TEXT NOT NULL,
        person_id INTEGER NOT NULL,
        PRIMARY KEY (kind, key, person_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX person_building ON person(building)",
    # One row; no id column: it is not a register row, and has no audit rows (nor do the index's rows).
    "CREATE TABLE search_index (rules INTEGER NOT NULL)",
    "INSERT INTO search_index (rules) SELECT CASE WHEN EXISTS (SELECT 1 FROM person) THEN 0 ELSE 1 END",
]

# Step 13: corrections (更正、作废). An entry of a register is corrected or voided, never deleted: ``state`` says which
# (``valid``, ``corrected``, ``void``; a must-report's ``status`` stays its progress upward), and the correction
# register keeps each change with its reason, who and when, and the values before and after, so an entry shows its
# earlier values beside its current ones. A voided entry counts nowhere (the due list, the month's figures, the
# awards). Hours credited from a visit, a shift or an activity that is corrected are reversed and, where still
# due, credited again: ``credit_no`` numbers the credits of one source and person, so the unique indexes still
# allow one live credit each. Good news taken out of the bulletin before this step is void.
_STEP_13 = [
    *(f"ALTER TABLE {table} ADD COLUMN state TEXT NOT NULL DEFAULT 'valid' "
      "CHECK (state IN ('valid', 'corrected', 'void'))"
      for table in ("visit", "must_report", "meeting", "activity", "feedback", "bulletin_item", "rota_swap")),
    """CREATE TABLE correction (
        id INTEGER PRIMARY KEY,
        table_name TEXT NOT NULL,
        row_id INTEGER NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('correct', 'void')),
        reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
        before TEXT NOT NULL DEFAULT '{}',
        after TEXT NOT NULL DEFAULT '{}',
        actor TEXT NOT NULL,
        at TEXT NOT NULL
    )""",
    "CREATE INDEX correction_row ON correction(table_name, row_id)",
    """CREATE TRIGGER correction_no_update BEFORE UPDATE ON correction
       BEGIN SELECT RAISE(ABORT, 'correction is append-only'); END""",
    """CREATE TRIGGER correction_no_delete BEFORE DELETE ON correction
       BEGIN SELECT RAISE(ABORT, 'correction is append-only'); END""",
    "ALTER TABLE hours_entry ADD COLUMN credit_no INTEGER NOT NULL DEFAULT 0 CHECK (credit_no >= 0)",
    "DROP INDEX hours_entry_credited",
    """CREATE UNIQUE INDEX hours_entry_credited ON hours_entry(source, source_id, person_id, credit_no)
       WHERE source IN ('visit', 'shift') AND kind = 'deposit'""",
    "DROP INDEX hours_entry_activity",
    """CREATE UNIQUE INDEX hours_entry_activity ON hours_entry(source, source_id, person_id, credit_no)
       WHERE source = 'activity' AND kind = 'deposit' AND source_id IS NOT NULL""",
    "CREATE INDEX hours_entry_source ON hours_entry(source, source_id) WHERE source_id IS NOT NULL",
    "UPDATE bulletin_item SET state = 'void' WHERE removed_at IS NOT NULL",
]

STEPS: list[list[str]] = [_STEP_1, _STEP_2, _STEP_3, _STEP_4, _STEP_5, _STEP_6, _STEP_7, _STEP_8, _STEP_9,
                          _STEP_10, _STEP_11, _STEP_12, _STEP_13]


def latest_version() -> int:
    return len(STEPS)


def migrate(db: sqlite_utils.Database, application_id: int, *, target: int | None = None) -> int:
    """Apply every step after the file's ``user_version`` (up to ``target``); returns the new version."""
    conn = db.conn
    target = latest_version() if target is None else target
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version >= target:
        return version
    # One transaction for the whole upgrade: a failing or killed step leaves the file at the version it had.
    conn.execute("BEGIN IMMEDIATE")
    try:
        while version < target:
            for statement in STEPS[version]:
                conn.execute(statement)
            version += 1
            conn.execute(f"PRAGMA user_version = {version}")
        conn.execute(f"PRAGMA application_id = {int(application_id)}")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return version
