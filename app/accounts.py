"""Accounts and roles: who is on duty, what each role may do, and the passwords that unlock the club file.

Two roles. The director (主任) may do everything. A duty volunteer (值班志愿者) looks people up and records visits,
must-reports, services and activities, sees ID numbers masked, and may not do what ``DIRECTOR_ONLY`` names.
Repeated wrong passwords lock the account for a while, longer each time: a guess a second is not possible.

Each account's password unlocks its own sealed copy of the club's data key (``app.db.keyfile``); the password is
checked by opening that copy. An account made before the file was encrypted has no copy yet: its password is
checked against its stored hash and the copy is made at that log-in. Names are normalised (NFKC, no invisible
characters) and a name that looks like an existing one is refused, so nobody can pass for someone else.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from app.db import accounts as accounts_db
from app.db import keyfile
from app.errors import DatabaseError, InvalidRecord, KnownError, NotFound

ROLES = {"director": "主任", "duty": "值班志愿者"}
# What only the director may do, each worded to finish "只有主任可以…".
DIRECTOR_ONLY = {
    "full_ids": "查看或导出完整的身份证号",
    "accounts": "管理账户和角色",
    "settings": "修改设置",
    "audit": "查看审计日志",
    "import": "导入花名册",
    "restore": "从备份恢复数据",
    "awards": "确认年度评选",
    "confirm": "确认活动并记入时长",
    "rota": "生成或修补值班表、安排固定人员、修改班次和节假日",
}
MIN_PASSWORD = {"duty": 6, "director": 8}  # six digits a volunteer remembers; the director holds more
PRACTICE_MIN_PASSWORD = 4  # the practice club's made-up people need no more than its printed 1234
# Passwords that every guesser tries first (beyond runs and repeats, which are refused by rule).
COMMON = {"123123", "321321", "112233", "11223344", "123321", "12344321", "520520", "5201314", "147258",
          "147258369", "159357", "159753", "258369", "369258", "741852", "963852", "1314520", "20082008",
          "password", "passw0rd", "qwerty", "qwertyui", "asdfgh", "1qaz2wsx", "abc123", "abcd1234", "a123456",
          "woaini", "iloveyou", "zhangwei", "wangwei", "aaaaaa11", "12341234", "88888888", "11111111"}
FREE_TRIES = 3  # wrong passwords before the account locks for a while
LOCK_SECONDS = 15  # the first lock; each further wrong password doubles it …
MAX_LOCK_SECONDS = 600  # … up to ten minutes
_SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1}


@dataclass(frozen=True)
class Session:
    """Who is at the desk: the name every write is recorded under, and what the role allows."""
    account_id: int | None
    name: str
    role: str

    def can(self, action: str) -> bool:
        return can(self.role, action)

    @property
    def role_label(self) -> str:
        return ROLES.get(self.role, self.role)


def can(role: str, action: str) -> bool:
    return role == "director" or action not in DIRECTOR_ONLY


def require(session: Session, action: str) -> None:
    """Raise a KnownError saying only the director may, when the session's role may not."""
    if not session.can(action):
        raise KnownError(f"只有主任可以{DIRECTOR_ONLY[action]}")


# ---------------------------------------------------------------- passwords

def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=32, maxmem=64 * 1024 * 1024, **_SCRYPT)
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${salt.hex()}${digest.hex()}"


def password_matches(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        found = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                               dklen=len(digest) // 2, maxmem=64 * 1024 * 1024)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(found.hex(), digest)


def _is_run(text: str) -> bool:
    """A straight run up or down (123456, 654321, abcdef), also wrapping (890123)."""
    if len(text) < 3 or not (text.isdigit() or text.isalpha()):
        return False
    steps = {(ord(b) - ord(a)) % (10 if text.isdigit() else 26) for a, b in zip(text, text[1:])}
    return steps in ({1}, {9}, {25})


def min_password(role: str, practice: bool = False) -> int:
    return PRACTICE_MIN_PASSWORD if practice else MIN_PASSWORD.get(role, MIN_PASSWORD["director"])


def password_problem(password: str, role: str, *, name: str = "", practice: bool = False) -> str | None:
    """Why a new password is refused, in words an elderly volunteer can act on; None when it will do."""
    shortest = min_password(role, practice)
    if len(password) < shortest:
        who = "主任" if role == "director" else "值班志愿者"
        return f"{who}的密码至少 {shortest} 位"
    if len(password) > 200:
        return "密码太长了（最多 200 位）"
    if practice:
        return None
    lowered = password.lower()
    if len(set(lowered)) == 1:
        return "不能全是同一个字（如 888888），请换一个"
    if _is_run(lowered):
        return "不能是顺着数的（如 123456、654321），请换一个"
    if lowered in COMMON:
        return "这个密码太常见了，人人都会先猜它，请换一个"
    if name and (name.lower() in lowered or lowered in name.lower()):
        return "密码里不能有自己的名字"
    return None


def _check_password(password: Any, field: str = "password", *, role: str = "director", name: str = "",
                    practice: bool = False) -> str:
    password = "" if password is None else str(password)
    problem = password_problem(password, role, name=name, practice=practice)
    if problem:
        raise InvalidRecord({field: problem})
    return password


def is_practice(db: sqlite_utils.Database) -> bool:
    from app.db.settings import get_setting

    try:
        return bool(get_setting(db, "demo", False))
    except Exception:
        return False


# ---------------------------------------------------------------- names

# Letters from other alphabets that look like Latin ones: "Аdmin" (Cyrillic А) must not pass for "Admin".
_CONFUSABLE = str.maketrans({"а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i",
                             "ј": "j", "ѕ": "s", "ԁ": "d", "ɡ": "g", "һ": "h", "ӏ": "l", "α": "a", "ο": "o",
                             "ν": "v", "τ": "t", "ι": "i", "κ": "k", "ρ": "p", "Ο": "o", "〇": "0", "丨": "1",
                             "一": "-", "—": "-", "－": "-", "·": ".", "•": "."})


def normalise_name(name: Any) -> str:
    """An account name as it is kept: NFKC (full-width letters become ordinary ones), invisible and control
    characters removed (a zero-width space must not make a second "刘主任"), runs of spaces made one."""
    text = unicodedata.normalize("NFKC", str(name or ""))
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cf", "Cc", "Co", "Cs", "Cn"))
    return " ".join(text.split())


def name_skeleton(name: Any) -> str:
    """What a name looks like: no spaces, no case, look-alike letters folded together."""
    text = normalise_name(name).casefold().translate(_CONFUSABLE)
    return "".join(text.split())


def _looks_like(db: sqlite_utils.Database, name: str) -> str | None:
    skeleton = name_skeleton(name)
    for account in accounts_db.accounts(db):
        if name_skeleton(account["name"]) == skeleton:
            return account["name"]
    return None


# ---------------------------------------------------------------- accounts

def has_accounts(db: sqlite_utils.Database) -> bool:
    from app.db.connection import driver

    try:
        return bool(accounts_db.accounts(db))
    except driver.OperationalError:  # a file from before accounts (schema version 9 or older), not yet upgraded
        return False


def accounts(db: sqlite_utils.Database, *, active_only: bool = False) -> list[dict[str, Any]]:
    rows = accounts_db.accounts(db, active_only=active_only)
    for row in rows:
        row["role_label"] = ROLES[row["role"]]
    return rows


def create_account(db: sqlite_utils.Database, name: Any, role: str, password: Any, *, actor: str) -> int:
    """Add an account; returns its id. Refused with a reason per field. Its password seals its own copy of the
    club's data key."""
    errors: dict[str, str] = {}
    name = normalise_name(name)
    if not name:
        errors["name"] = "请填写姓名"
    elif len(name) > 20:
        errors["name"] = "姓名太长了（最多 20 个字）"
    else:
        existing = _looks_like(db, name)
        if existing == name:
            errors["name"] = f"已经有名为“{name}”的账户"
        elif existing is not None:
            errors["name"] = f"“{name}”看起来和已有的账户“{existing}”一样，请换一个能分清的名字"
    if role not in ROLES:
        errors["role"] = "请选择角色（主任或值班志愿者）"
    try:
        password = _check_password(password, role=role if role in ROLES else "duty", name=name,
                                   practice=is_practice(db))
    except InvalidRecord as exc:
        errors.update(exc.errors)
    if errors:
        raise InvalidRecord(errors)
    account_id = accounts_db.insert_account(db, {"name": name, "role": role, "password_hash": hash_password(password)},
                                            actor=actor)
    _seal(db, name, password, role)
    return account_id


def _club(db: sqlite_utils.Database) -> tuple[Path, bytes] | None:
    path, key = getattr(db, "path", None), getattr(db, "key", None)
    if path is None or key is None or not keyfile.exists(path):
        return None
    return path, key


def _seal(db: sqlite_utils.Database, name: str, password: str, role: str) -> None:
    club = _club(db)
    if club is not None:
        keyfile.put_slot(club[0], club[1], keyfile.account_slot(name), password, role=role)


def _account(db: sqlite_utils.Database, account_id: Any) -> dict[str, Any]:
    try:
        return accounts_db.get_account(db, int(account_id))
    except (NotFound, TypeError, ValueError):
        raise InvalidRecord({"account_id": f"没有编号为 {account_id} 的账户"}) from None


def _keeps_a_director(db: sqlite_utils.Database, account: dict[str, Any]) -> None:
    if account["role"] == "director" and account["active"] and accounts_db.count_directors(db) <= 1:
        raise InvalidRecord({"role": "这是唯一的主任账户：先给另一个人主任角色，再改这个账户"})


def set_role(db: sqlite_utils.Database, account_id: Any, role: str, *, actor: str) -> None:
    account = _account(db, account_id)
    if role not in ROLES:
        raise InvalidRecord({"role": "请选择角色（主任或值班志愿者）"})
    if role != account["role"]:
        _keeps_a_director(db, account)
        accounts_db.update_account(db, account["id"], {"role": role}, actor=actor)
        club = _club(db)
        if club is not None:
            keyfile.set_shown(club[0], club[1], keyfile.account_slot(account["name"]), role=role)


def set_active(db: sqlite_utils.Database, account_id: Any, active: bool, *, actor: str) -> None:
    """Switch an account off (or on again); accounts are never deleted, so the log keeps meaning. A switched-off
    account's copy of the data key is thrown away: its password opens nothing any more. Switched on again, it
    needs a new password from the director."""
    account = _account(db, account_id)
    if not active:
        _keeps_a_director(db, account)
    accounts_db.update_account(db, account["id"], {"active": int(bool(active))}, actor=actor)
    club = _club(db)
    if club is not None and not active:
        keyfile.drop_slot(club[0], club[1], keyfile.account_slot(account["name"]))


def set_password(db: sqlite_utils.Database, account_id: Any, password: Any, *, actor: str) -> None:
    account = _account(db, account_id)
    password = _check_password(password, role=account["role"], name=account["name"], practice=is_practice(db))
    accounts_db.update_account(db, account["id"], {"password_hash": hash_password(password),
                                                   "failed_attempts": 0, "locked_until": None}, actor=actor)
    if account["active"]:
        _seal(db, account["name"], password, account["role"])


# ---------------------------------------------------------------- logging in


class LockedOut(KnownError):
    """Too many wrong passwords: the account waits ``seconds`` before the next try (``tried``: this password was
    the wrong one that started the wait; otherwise it was not even tried)."""

    def __init__(self, before: str, seconds: int, *, tried: bool):
        self.before, self.seconds, self.tried = before, seconds, tried
        super().__init__(self.say(seconds))

    def say(self, seconds: int) -> str:
        return f"{self.before}请 {seconds} 秒后再试"


def _check_wait(locked_until: str | None, now: datetime.datetime) -> None:
    if locked_until and now < datetime.datetime.fromisoformat(locked_until):
        wait = int((datetime.datetime.fromisoformat(locked_until) - now).total_seconds()) + 1
        raise LockedOut("密码连续输错，", wait, tried=False)


def _failed(count: int, now: datetime.datetime) -> tuple[dict[str, Any], KnownError]:
    failed = count + 1
    changes: dict[str, Any] = {"failed_attempts": failed, "locked_until": None}
    message = f"密码不对（已连续输错 {failed} 次）"
    if failed < FREE_TRIES:
        return changes, KnownError(message)
    seconds = min(LOCK_SECONDS * 2 ** (failed - FREE_TRIES), MAX_LOCK_SECONDS)
    changes["locked_until"] = (now + datetime.timedelta(seconds=seconds)).isoformat(timespec="seconds")
    return changes, LockedOut(message + "，", seconds, tried=True)


def try_slot(path: Path, name: str, password: str, now: datetime.datetime | None = None) -> bytes:
    """The data key from ``name``'s sealed copy, counting wrong passwords in the key file. Raises KnownError."""
    now = now or datetime.datetime.now()
    slot_id = keyfile.account_slot(name)
    guard = keyfile.guard(path, slot_id)
    _check_wait(guard.get("locked_until"), now)
    try:
        key = keyfile.unlock(path, slot_id, password)
    except keyfile.WrongSecret:
        changes, refusal = _failed(int(guard.get("failed_attempts") or 0), now)
        keyfile.set_guard(path, slot_id, changes)
        raise refusal from None
    if guard:
        keyfile.set_guard(path, slot_id, None)
    return key


def log_in(db: sqlite_utils.Database, name: Any, password: Any, *,
           now: datetime.datetime | None = None) -> Session:
    """The session for a right name and password on an open club file (the change of duty). A wrong one is
    counted; after FREE_TRIES the account locks for LOCK_SECONDS, doubling with each further wrong password; the
    message says how long to wait."""
    now = now or datetime.datetime.now()
    if not has_accounts(db):
        raise KnownError("这个数据库还没有账户：请先在窗口里打开它，建立主任的账户")
    account = accounts_db.find_account(db, normalise_name(name))
    if account is None or not account["active"]:
        raise KnownError("没有这个账户，或账户已停用")
    password = str(password or "")
    club = _club(db)
    if club is not None and keyfile.has_slot(club[0], keyfile.account_slot(account["name"])):
        key = try_slot(club[0], account["name"], password, now)
        if key != club[1]:
            raise DatabaseError("这个账户的钥匙打不开这个数据库：钥匙文件不是这个数据库的")
        _reseal_if_cheap(db, account, password)
        return Session(account["id"], account["name"], account["role"])
    # No sealed copy yet (made before the file was encrypted): the stored hash decides, and the copy is made now.
    _check_wait(account["locked_until"], now)
    if not password_matches(password, account["password_hash"]):
        changes, refusal = _failed(account["failed_attempts"], now)
        accounts_db.update_account(db, account["id"], changes, actor=account["name"])
        raise refusal
    if account["failed_attempts"] or account["locked_until"]:
        accounts_db.update_account(db, account["id"], {"failed_attempts": 0, "locked_until": None},
                                   actor=account["name"])
    _seal(db, account["name"], password, account["role"])
    return Session(account["id"], account["name"], account["role"])


def _reseal_if_cheap(db, account: dict, password: str) -> None:
    """A copy sealed at a lower cost than today's (by an older version, or in a test) is sealed again."""
    club = _club(db)
    if club is None:
        return
    try:
        slot = keyfile.read(club[0])["slots"].get(keyfile.account_slot(account["name"]))
    except DatabaseError:
        return
    cost = keyfile.slot_cost(slot or {})
    if cost is not None and cost.log_n < keyfile.KDF.log_n:
        _seal(db, account["name"], password, account["role"])


def log_in_names(db_path: Path) -> list[dict[str, str]]:
    """Who can log in at start-up, before the file is open: the accounts whose sealed copies are in the key file
    (name, role and its Chinese label), directors first, then in the order they were made."""
    content = keyfile.read(db_path)
    rows = keyfile.slot_names(content)
    for row in rows:
        row["role_label"] = ROLES.get(row["role"], row["role"])
    return rows


def unlock(db_path: Path | str, name: Any, password: Any, *, now: datetime.datetime | None = None,
           migrate: bool = True):
    """Open the encrypted club file with an account's password: (database, session). The account must still be
    active and its role is read from the file, not the key file. Raises KnownError (wrong password, locked,
    switched off) or DatabaseError."""
    from app.db.connection import open_database

    now = now or datetime.datetime.now()
    db_path = Path(db_path)
    name = normalise_name(name)
    if not keyfile.has_slot(db_path, keyfile.account_slot(name)):
        content = keyfile.read(db_path)
        if keyfile.open_key(content) is None:
            known = "、".join(row["name"] for row in keyfile.slot_names(content)) or "（还没有）"
            raise KnownError(f"没有能在开机时登录的账户“{name}”，能登录的是：{known}。如果您的账户是早先建的，"
                             "请主任先在窗口里登录，再按 Ctrl+L 换您值班（只需一次），或请主任给您重设密码")
        db = open_database(db_path, migrate=migrate)
        return db, log_in(db, name, password, now=now)
    key = try_slot(db_path, name, str(password or ""), now)
    keyfile.remember(db_path, key)
    return open_unlocked(db_path, key, name, str(password or ""), migrate=migrate)


def slot_role(db_path: Path, name: str) -> str:
    """The role the key file shows beside a name (sealed with the data key: only a key holder could change it)."""
    try:
        return str(keyfile.read(db_path)["slots"].get(keyfile.account_slot(name), {}).get("role", "duty"))
    except DatabaseError:
        return "duty"


def open_unlocked(db_path: Path, key: bytes, name: str, password: str, *, migrate: bool = True):
    """Open the club file with a data key just unlocked by ``name``'s password: (database, session)."""
    from app.db.connection import open_database

    db = open_database(db_path, key=key, migrate=migrate)
    account = accounts_db.find_account(db, name)
    if account is None or not account["active"]:
        keyfile.forget(db_path)
        db.close()
        raise KnownError("没有这个账户，或账户已停用")
    _reseal_if_cheap(db, account, password)
    return db, Session(account["id"], account["name"], account["role"])


# ---------------------------------------------------------------- the recovery code


def make_recovery_code(db: sqlite_utils.Database, session: Session, *, folder: Path | None = None) -> str:
    """A new recovery code for the club (the old one stops working), to be printed and kept in the office safe.
    Only a director may; the code is shown once and never kept in clear."""
    require(session, "accounts")
    club = _club(db)
    if club is None:
        raise KnownError("数据库没有加密，不能设恢复码")
    code = keyfile.new_recovery_code()
    keyfile.set_recovery(club[0], club[1], code)
    from app.db import backup

    target = folder or backup.usable_folder(db.conn, club[0])[0]
    keyfile.write_recovery_file(club[0], club[1], target)
    return code


def has_recovery_code(db_path: Path) -> bool:
    return keyfile.has_recovery(db_path)


def recover(db_path: Path | str, code: str, name: Any, new_password: Any):
    """A forgotten director password (or a club whose key file was lost): the recovery code opens the club, and the
    director ``name`` gets ``new_password``. Returns (database, session). Without a key file the code is tried on
    the recovery file in the backup folder beside the database, and a new key file is made."""
    from app.db import backup
    from app.db.connection import open_database, opens_with

    db_path = Path(db_path)
    if keyfile.exists(db_path):
        key, _ = keyfile.unlock_with_recovery(keyfile.key_path(db_path), code)
    else:
        source = keyfile.recovery_file(backup.default_folder(db_path), db_path)
        if not source.is_file():
            raise KnownError(f"钥匙文件不在，备份文件夹里也没有恢复码文件（{source.name}）：请从 U 盘上的备份恢复")
        key, _ = keyfile.unlock_with_recovery(source, code)
        if not opens_with(db_path, key):
            raise KnownError("恢复码打开的不是这个数据库的钥匙")
        keyfile.create(db_path, key, open_key=False)
        keyfile.set_recovery(db_path, key, code)
    keyfile.remember(db_path, key)
    db = open_database(db_path, key=key)
    account = accounts_db.find_account(db, normalise_name(name))
    if account is None or not account["active"] or account["role"] != "director":
        raise KnownError("恢复码只能用来给主任账户重设密码：请写主任的名字")
    set_password(db, account["id"], new_password, actor=account["name"])
    return db, Session(account["id"], account["name"], account["role"])
