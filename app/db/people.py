"""The SQL of the roster: store and change people, search and page through them.

The search reads the words stored with each person (``search_text``, made by ``app.names``), the phone and the
ID number. ``person_key`` holds the same words one per row, with the phone from each digit on and the ID's last
digits: a typed term that begins few words is looked up there, and only those people are read; a term that
begins many (``z``, ``王``) is served by walking the roster in name order, which finds a screenful at once. Both
ways apply the same conditions, so they give the same people; the index only chooses where to look. It is plain
SQL on an ordinary table, so it works the same with every SQLite build (no FTS5 tokenizer needed).
"""

from __future__ import annotations

import json
from app.db.connection import driver as sqlite3  # SQLCipher's DB-API: its exceptions are the ones raised
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Sequence

import sqlite_utils

from app.db import audit
from app.db.connection import transaction
from app.errors import InvalidRecord

_LIST_COLUMNS = ("situations", "tags", "posts", "skills", "rota_weekdays_off")
# Sort orders the roster offers; ``id`` last makes every order total, so paging is stable.
SORTS = {
    "name": "sort_key",
    "sex": "sex",
    "birth_date": "birth_date",
    "building": "CAST(building AS INTEGER), building, CAST(unit AS INTEGER), CAST(room AS INTEGER)",
    "phone": "phone",
    "status": "status",
    "id": "id",
}


def _encode(values: dict[str, Any]) -> dict[str, Any]:
    row = dict(values)
    for key in _LIST_COLUMNS:
        if key in row:
            row[key] = json.dumps(list(row[key]), ensure_ascii=False) if row[key] else "[]"  # most lists are empty
    return row


def _decode(row: dict[str, Any]) -> dict[str, Any]:
    for key in _LIST_COLUMNS:
        if key in row:
            row[key] = json.loads(row[key])
    return row


# ---------------------------------------------------------------- the search index

# Phone numbers are found by any part of three digits or more; ID numbers by their last three to six digits (a
# longer tail is looked up by its last six, then checked in full). Shorter digit terms match too many people for
# an index to help.
_MIN_DIGITS = 3
_ID_TAIL = 6


def index_keys(search_text: str | None, phone: str | None, id_number: str | None) -> set[tuple[str, str]]:
    """The (kind, key) rows of ``person_key`` for one person's stored columns."""
    keys = {("n", word) for word in (search_text or "").split()}
    phone = phone or ""
    keys.update(("p", phone[start:]) for start in range(len(phone) - _MIN_DIGITS + 1))
    number = id_number or ""
    keys.update(("i", number[-size:]) for size in range(_MIN_DIGITS, _ID_TAIL + 1) if len(number) >= size)
    return keys


def _keys_of(row: dict[str, Any]) -> set[tuple[str, str]]:
    return index_keys(row.get("search_text"), row.get("phone"), row.get("id_number"))


def _add_keys(db: sqlite_utils.Database, rows: Iterable[tuple[int, set[tuple[str, str]]]]) -> None:
    db.conn.executemany("INSERT OR IGNORE INTO person_key (kind, key, person_id) VALUES (?, ?, ?)",
                        ((kind, key, person_id) for person_id, keys in rows for kind, key in keys))


def _drop_keys(db: sqlite_utils.Database, rows: Iterable[tuple[int, set[tuple[str, str]]]]) -> None:
    db.conn.executemany("DELETE FROM person_key WHERE kind = ? AND key = ? AND person_id = ?",
                        ((kind, key, person_id) for person_id, keys in rows for kind, key in keys))


def index_ready(db: sqlite_utils.Database) -> bool:
    """Whether ``person_key`` and the words in ``search_text`` have been made for every person (see
    ``app.people.ensure_search_index``); until then the search reads the older words without the index."""
    row = db.execute("SELECT rules FROM search_index").fetchone()
    return bool(row and row[0])


def index_rules(db: sqlite_utils.Database) -> int:
    """The version of ``app.names``' rules the stored words were made with (0: never made)."""
    row = db.execute("SELECT rules FROM search_index").fetchone()
    return row[0] if row else 0


def people_names(db: sqlite_utils.Database, after: int = 0, limit: int = 5000) -> list[tuple[int, str]]:
    """(id, name) of the people after ``after`` in id order: a rebuild of the words reads them a chunk at a time."""
    return db.execute("SELECT id, name FROM person WHERE id > ? ORDER BY id LIMIT ?", [after, limit]).fetchall()


def store_search_words(db: sqlite_utils.Database, words: Sequence[tuple[int, str, str, str]]) -> None:
    """Store recomputed (id, name, sort_key, search_text), in one transaction; ``fill_index`` adds the index rows.

    These columns are made from the name alone, so they are not audited: the audit log keeps the name itself.
    A person whose name changed since it was read (``name`` differs) is left alone: the edit made its own words.
    """
    with transaction(db):
        db.conn.executemany("UPDATE person SET sort_key = ?, search_text = ? WHERE id = ? AND name = ?",
                            ((sort, text, person_id, name) for person_id, name, sort, text in words))


def set_index_rules(db: sqlite_utils.Database, rules: int) -> None:
    """Record the rules the stored words follow; 0 while they are being made again (the search then scans)."""
    with transaction(db):
        db.execute("UPDATE search_index SET rules = ?", [rules])


def _keys_sql(people: str) -> str:
    """The rows ``index_keys`` gives, for every person of ``people`` at once, in SQL: a rebuild of 300,000 people in
    seconds, and an import's new people in half the time of handing SQLite each row from Python."""
    return f"""
WITH RECURSIVE
  words(person_id, rest, word) AS (
    SELECT id, ltrim(search_text) || ' ', NULL FROM {people}
    UNION ALL
    SELECT person_id, substr(rest, instr(rest, ' ') + 1), substr(rest, 1, instr(rest, ' ') - 1)
    FROM words WHERE rest != ''),
  phones(person_id, rest) AS (
    SELECT id, phone FROM {people} WHERE length(phone) >= {_MIN_DIGITS}
    UNION ALL
    SELECT person_id, substr(rest, 2) FROM phones WHERE length(rest) > {_MIN_DIGITS})
SELECT 'n', word, person_id FROM words WHERE word != ''
UNION ALL SELECT 'p', rest, person_id FROM phones
UNION ALL {" UNION ALL ".join(f"SELECT 'i', substr(id_number, -{size}), id FROM {people} WHERE length(id_number) >= {size}"
                             for size in range(_MIN_DIGITS, _ID_TAIL + 1))}
"""


_ALL_KEYS = _keys_sql("person")
_KEYS_FROM = _keys_sql("(SELECT id, search_text, phone, id_number FROM person WHERE id >= :first)")


def fill_index(db: sqlite_utils.Database, rules: int) -> None:
    """Make ``person_key`` again from every person's stored words, phone and ID, and record ``rules``."""
    with transaction(db):
        db.execute("DELETE FROM person_key")
        db.execute(f"INSERT OR IGNORE INTO person_key (kind, key, person_id) {_ALL_KEYS} ORDER BY 1, 2, 3")
        db.execute("UPDATE search_index SET rules = ?", [rules])


def _check_unique_id(db: sqlite_utils.Database, id_number: str | None, person_id: int | None) -> None:
    if not id_number:
        return
    other = db.execute(
        "SELECT id, name FROM person WHERE id_number = ? AND id IS NOT ?", [id_number, person_id]
    ).fetchone()
    if other:
        raise InvalidRecord({"id_number": f"此身份证号已登记给 {other[1]}（编号 {other[0]}）"})


def insert_person(db: sqlite_utils.Database, values: dict[str, Any], *, actor: str) -> int:
    """Store a checked person (see ``people.clean_person``); returns the new person's id."""
    stamp = audit.now()
    with transaction(db):
        _check_unique_id(db, values.get("id_number"), None)
        person_id = audit.insert(db, "person", {**_encode(values), "created_at": stamp, "updated_at": stamp},
                                 actor=actor)
        _add_keys(db, [(person_id, _keys_of(values))])
        return person_id


def update_person(db: sqlite_utils.Database, person_id: int, values: dict[str, Any], *, actor: str) -> dict:
    """Change a person's checked fields; returns what changed."""
    with transaction(db):
        _check_unique_id(db, values.get("id_number"), person_id)
        changes = _encode(values)
        current = audit.get_row(db, "person", person_id)
        if any(current.get(key) != value for key, value in changes.items()):
            changes["updated_at"] = audit.now()
        changed = audit.update(db, "person", person_id, changes, actor=actor)
        if changed.keys() & {"search_text", "phone", "id_number"}:
            old, new = _keys_of(current), _keys_of({**current, **changed})
            _drop_keys(db, [(person_id, old - new)])
            _add_keys(db, [(person_id, new - old)])
        return changed


def set_status(db: sqlite_utils.Database, person_id: int, status: str, on: str | None, *, actor: str) -> dict:
    """Mark a person active again, moved away or deceased, from a date; people are never deleted."""
    changes = {"status": status, "status_date": on if status != "active" else None, "updated_at": audit.now()}
    return audit.update(db, "person", person_id, changes, actor=actor)


def get_person(db: sqlite_utils.Database, person_id: int) -> dict[str, Any]:
    return _decode(audit.get_row(db, "person", person_id))


def count_people(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT count(*) FROM person").fetchone()[0]


@dataclass(frozen=True)
class RosterQuery:
    """Which people to list and in what order; ``terms`` are (kind, value) pairs that must all match.

    Kinds: "text" (a name, or pinyin in ``search_text``), "building" (a building number),
    "digits" (the tail of an ID number, part of a phone number, or a building number).
    """

    terms: tuple[tuple[str, str], ...] = ()
    members: bool = False
    volunteers: bool = False
    hardship: bool = False
    tag: str | None = None
    include_inactive: bool = False
    sort: str = "name"
    descending: bool = False
    only_ids: tuple[int, ...] | None = None  # restrict to these people (e.g. the uncovered of the aid groups)
    id_tail: int | None = None  # the longest ID tail a search may match (what the mask shows); None: any


# The index is used for a term when it names fewer people than this; a term naming more is served by walking the
# roster in name order, where the first screenful comes almost at once (about one person in CAP/N matches).
INDEX_LIMIT = 5000
_TOP = "\U0010ffff"  # sorts after every character: key >= t AND key < t || _TOP is "key begins with t"


def _where(flt: RosterQuery, *, legacy: bool = False) -> tuple[list[str], list[Any]]:
    """The conditions every listed person meets, whichever way the people are found.

    ``legacy``: the stored words are still those of an older version (each word may match anywhere inside).
    """
    clauses: list[str] = []
    params: list[Any] = []
    if not flt.include_inactive:
        clauses.append("status = 'active'")
    if flt.members:
        clauses.append("is_member = 1")
    if flt.volunteers:
        clauses.append("is_volunteer = 1")
    if flt.hardship:
        clauses.append("situations != '[]'")
    if flt.only_ids is not None:
        clauses.append("id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(list(flt.only_ids)))
    if flt.tag:
        clauses.append("instr(tags, ?) > 0")
        params.append(json.dumps(flt.tag, ensure_ascii=False))
    for kind, value in flt.terms:
        if kind == "text":
            # A term matches when it begins one of the words, each of which follows a space.
            clauses.append("instr(search_text, ?) > 0")
            params.append(value if legacy else " " + value)
        elif kind == "building":
            clauses.append("building = ?")
            params.append(value)
        else:
            # Digits are the tail of an ID number, part of a phone number, or a building number.
            # Only the tail of an ID is searched: the middle is a birth date, and should not find people. Someone
            # who sees IDs masked may match no more of the tail than the mask shows: a search must not tell them
            # whether a number they hold belongs to someone on the roster.
            if flt.id_tail is None or len(value) <= flt.id_tail:
                clauses.append("(substr(id_number, -length(?)) = ? OR instr(phone, ?) > 0 OR building = ?)")
                params.extend([value, value, value, value])
            else:
                clauses.append("(instr(phone, ?) > 0 OR building = ?)")
                params.extend([value, value])
    return clauses, params


def _term_keys(kind: str, value: str, id_tail: int | None = None) -> tuple[str, list[Any]] | None:
    """A query for the ids of a set of people that holds everyone the term matches, or None when the index does
    not serve the term (one or two digits: part of nearly every phone number)."""
    if kind == "text":
        return "SELECT person_id FROM person_key WHERE kind = 'n' AND key >= ? AND key < ?", [value, value + _TOP]
    if kind == "building":
        return "SELECT id FROM person WHERE building = ?", [value]
    if len(value) < _MIN_DIGITS:
        return None
    if id_tail is not None and len(value) > id_tail:  # not the ID: the searcher sees it masked
        return ("SELECT person_id FROM person_key WHERE kind = 'p' AND key >= ? AND key < ? "
                "UNION SELECT id FROM person WHERE building = ?", [value, value + _TOP, value])
    return ("SELECT person_id FROM person_key WHERE kind = 'p' AND key >= ? AND key < ? "
            "UNION SELECT person_id FROM person_key WHERE kind = 'i' AND key = ? "
            "UNION SELECT id FROM person WHERE building = ?", [value, value + _TOP, value[-_ID_TAIL:], value])


def _narrowest(db: sqlite_utils.Database, flt: RosterQuery) -> tuple[str, list[Any]] | None:
    """The smallest candidate set the index offers for the filter, when it is small enough to be worth it."""
    if not index_ready(db):
        return None
    best: tuple[int, str, list[Any]] | None = None
    if flt.only_ids is not None and len(flt.only_ids) < INDEX_LIMIT:
        best = (len(flt.only_ids), "SELECT value FROM json_each(?)", [json.dumps(list(flt.only_ids))])
    for kind, value in flt.terms:
        keys = _term_keys(kind, value, flt.id_tail)
        if keys is None:
            continue
        sql, params = keys
        limit = best[0] if best else INDEX_LIMIT
        found = db.execute(f"SELECT count(*) FROM (SELECT 1 FROM ({sql}) LIMIT ?)", [*params, limit]).fetchone()[0]
        if found < limit:
            best = (found, sql, params)
    return (best[1], best[2]) if best else None


def _order(flt: RosterQuery) -> str:
    order = SORTS.get(flt.sort, SORTS["name"])
    direction = " DESC" if flt.descending else ""
    return ", ".join(f"{part}{direction}" for part in order.split(", ")) + f", id{direction}"


@dataclass(frozen=True)
class Page:
    """The first (or next) people of a search, in its order.

    ``complete``: these are all the people it lists; otherwise ``cursor`` says where the next page starts.
    """

    ids: list[int]
    complete: bool
    cursor: tuple[str, int] | None = None


def search_page(db: sqlite_utils.Database, flt: RosterQuery, *, after: tuple[str, int] | None = None,
                limit: int = 200, until: int | None = None) -> Page:
    """The people of a search a page at a time: everyone at once when the index narrows the search, else the first
    ``limit`` in name order after ``after`` (any other order lists everyone at once too). ``until``: a person the
    page must reach when the search lists them (the chosen row, kept after an edit), however far down."""
    legacy = not index_ready(db)
    clauses, params = _where(flt, legacy=legacy)
    narrow = _narrowest(db, flt)
    if narrow is not None or flt.sort != "name":
        if narrow is not None:
            clauses.insert(0, f"id IN ({narrow[0]})")
            params[:0] = narrow[1]
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        ids = [row[0] for row in db.execute(f"SELECT id FROM person{where} ORDER BY {_order(flt)}", params)]
        return Page(ids, True)
    op = "<" if flt.descending else ">"
    if after is not None:
        # The next page: after the last person shown in name order (never OFFSET, which walks from the start).
        clauses.append(f"sort_key {op}= ? AND (sort_key {op} ? OR id {op} ?)")
        params.extend([after[0], after[0], after[1]])
    if until is not None:
        where = " AND ".join(["id = ?", *clauses])
        last = db.execute(f"SELECT sort_key, id FROM person WHERE {where}", [until, *params]).fetchone()
        if last is not None:
            back = "<" if op == ">" else ">"
            clauses.append(f"sort_key {back}= ? AND (sort_key {back} ? OR id {back}= ?)")
            params.extend([last[0], last[0], last[1]])
            limit = 1_000_000_000
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    rows = db.execute(f"SELECT id, sort_key FROM person{where} ORDER BY {_order(flt)} LIMIT ?",
                      [*params, limit + 1]).fetchall()
    if until is not None and rows and rows[-1][0] == until:
        return Page([row[0] for row in rows], False, (rows[-1][1], rows[-1][0]))
    if len(rows) <= limit:
        return Page([row[0] for row in rows], True)
    rows = rows[:limit]
    return Page([row[0] for row in rows], False, (rows[-1][1], rows[-1][0]))


def count_matches(db: sqlite_utils.Database, flt: RosterQuery,
                  cancelled: Callable[[], bool] | None = None) -> int | None:
    """How many people a search lists; None when ``cancelled()`` turned true first (a newer search was typed)."""
    clauses, params = _where(flt, legacy=not index_ready(db))
    narrow = _narrowest(db, flt)
    if narrow is not None:
        clauses.insert(0, f"id IN ({narrow[0]})")
        params[:0] = narrow[1]
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    if cancelled is not None:
        db.conn.set_progress_handler(lambda: 1 if cancelled() else 0, 1000)
    try:
        return db.execute(f"SELECT count(*) FROM person{where}", params).fetchone()[0]
    except sqlite3.OperationalError:
        if cancelled is not None and cancelled():
            return None
        raise
    finally:
        if cancelled is not None:
            db.conn.set_progress_handler(None, 0)


def search_ids(db: sqlite_utils.Database, flt: RosterQuery) -> list[int]:
    """The ids of all the people the filter shows, in the filter's order."""
    page = search_page(db, flt, limit=1_000_000_000)
    return page.ids


_ROW_COLUMNS = ("id, name, sex, birth_date, birth_month_only, id_number, id_legacy, phone, building, unit, room, is_resident, "
                "is_member, party_joined, party_branch, is_volunteer, situations, tags, posts, status, status_date, notes, "
                "registered_on, lunar_birth_month, lunar_birth_day, lunar_birth_leap, aid_capacity, helper_unavailable, "
                "same_sex_only, on_rota, skills, rota_weekdays_off, rota_max_month, rota_prefers")


def people_by_ids(db: sqlite_utils.Database, person_ids: Sequence[int]) -> list[dict[str, Any]]:
    """The roster rows of these people, in the order given."""
    if not person_ids:
        return []
    found: dict[int, dict] = {}
    for start in range(0, len(person_ids), 500):
        chunk = list(person_ids[start:start + 500])
        marks = ",".join("?" * len(chunk))
        for row in db.query(f"SELECT {_ROW_COLUMNS} FROM person WHERE id IN ({marks})", chunk):
            found[row["id"]] = _decode(row)
    return [found[pid] for pid in person_ids if pid in found]


def insert_many(db: sqlite_utils.Database, rows: Iterable[dict[str, Any]], *, actor: str) -> list[int]:
    """Store many checked people in one transaction (demo club, imports); each still gets its audit row."""
    stamp = audit.now()
    encoded = [{**_encode(values), "created_at": stamp, "updated_at": stamp} for values in rows]
    try:
        with transaction(db):
            person_ids = audit.insert_many(db, "person", encoded, actor=actor)
            if person_ids:  # the newest ids: the index rows of everyone from the first of them on
                db.execute(f"INSERT OR IGNORE INTO person_key (kind, key, person_id) {_KEYS_FROM}",
                           {"first": person_ids[0]})
            return person_ids
    except sqlite3.IntegrityError as exc:
        if "id_number" in str(exc):
            raise InvalidRecord({"id_number": "有重复的身份证号，未保存任何人"}) from exc
        raise InvalidRecord({"name": f"有不合格的记录，未保存任何人（{exc}）"}) from exc


def find_existing(db: sqlite_utils.Database, id_numbers: Sequence[str],
                  name_births: Sequence[tuple[str, str]]) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    """People already on the roster, matched by ID number, and by (name, birth date) for rows without one."""
    by_id: dict[str, int] = {}
    for start in range(0, len(id_numbers), 500):
        chunk = list(id_numbers[start:start + 500])
        marks = ",".join("?" * len(chunk))
        for pid, number in db.execute(f"SELECT id, id_number FROM person WHERE id_number IN ({marks})", chunk):
            by_id[number] = pid
    by_name: dict[tuple[str, str], int] = {}
    wanted = set(name_births)
    names = sorted({name for name, _ in wanted})
    for start in range(0, len(names), 500):
        chunk = names[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for pid, name, birth in db.execute(
                f"SELECT id, name, birth_date FROM person WHERE name IN ({marks}) ORDER BY id", chunk):
            if (name, birth) in wanted:
                by_name.setdefault((name, birth), pid)
    return by_id, by_name


def iter_people(db: sqlite_utils.Database) -> Iterator[dict[str, Any]]:
    """Every person on the roster, all statuses, in name order, one at a time (exports of 100,000 people)."""
    cursor = db.conn.execute(f"SELECT {_ROW_COLUMNS} FROM person ORDER BY sort_key, id")
    names = [d[0] for d in cursor.description]
    for values in cursor:
        yield _decode(dict(zip(names, values)))


# The `people --json` listing's fields, each as JSON text from SQL: the ID number as ids.mask_id shows it (its first
# and last characters; 10 or fewer all masked; stored numbers are already compact), whether only the year and month
# of the birth are known (birth_date then holds the 1st of the month), the lists as they are stored
# (JSON arrays written by _encode). One printf() per row: json_object() parses every stored list again, and a
# chain of || copies the row once per field; either costs a third more at 300,000 people.
# The mask of app.ids.mask_id, its head and tail given by the caller (the database floor keeps no masking rule).
_MASKED_ID = ("CASE WHEN length(p.id_number) > :head + :tail + 6 THEN substr(p.id_number, 1, :head) || "
              "substr('********************', 1, length(p.id_number) - :head - :tail) || substr(p.id_number, -:tail) "
              "ELSE substr('********************', 1, length(coalesce(p.id_number, ''))) END")
_LISTING = (("person_id", "%d", "p.id"), ("name", "%s", "json_quote(p.name)"), ("sex", "%s", "json_quote(p.sex)"),
            ("birth_date", "%s", "json_quote(p.birth_date)"),
            ("birth_month_only", "%s", "CASE WHEN p.birth_month_only THEN 'true' ELSE 'false' END"),
            ("building", "%s", "json_quote(p.building)"),
            ("status", "%s", "json_quote(p.status)"),
            ("is_member", "%s", "CASE WHEN p.is_member THEN 'true' ELSE 'false' END"),
            ("is_volunteer", "%s", "CASE WHEN p.is_volunteer THEN 'true' ELSE 'false' END"),
            ("situations", "%s", "p.situations"), ("tags", "%s", "p.tags"),
            ("id_number", "%s", f"json_quote({_MASKED_ID})"))
_LISTING_JSON = ("printf('{" + ",".join(f'"{key}":{spec}' for key, spec, _ in _LISTING) + "}', "
                 + ", ".join(sql for _, _, sql in _LISTING) + ")")


def listing_json(db: sqlite_utils.Database, person_ids: Sequence[int], *, head: int, tail: int,
                 slice_size: int = 10_000) -> Iterator[str]:
    """The roster rows of these people, in the order given, each as one JSON object (the `people --json` listing:
    the fields of _LISTING, the ID number masked to its first ``head`` and last ``tail`` characters), built by
    SQLite a slice of ids at a time so that 300,000 people stream out in flat memory."""
    sql = (f"SELECT {_LISTING_JSON} FROM json_each(:ids) AS j CROSS JOIN person AS p ON p.id = j.value "
           "ORDER BY j.key")
    for start in range(0, len(person_ids), slice_size):
        chosen = json.dumps(list(person_ids[start:start + slice_size]))
        for (line,) in db.execute(sql, {"ids": chosen, "head": head, "tail": tail}):
            yield line
