"""The club's keys: the random key that encrypts the club file, kept only wrapped, in a small key file beside it.

``club.sqlite`` is encrypted (SQLCipher) with a random 256-bit data key. Nobody types that key: each account's
password unlocks a wrapped copy of it in ``club.sqlite.key``, and so does the recovery code printed when the club
is set up. A password is stretched with scrypt (slow and memory-hard, so guessing costs seconds per try even on a
graphics card) and the data key is sealed with AES-GCM under the result, so a wrong password is known, never
silently turned into a wrong key. The key file never goes to the backup folder: a USB stick alone holds only
encrypted backups and the data key sealed under the recovery code (``club.recovery-key``, see ``recovery_file``).

The key file also keeps what must live outside the club file to be trusted: the newest link of the audit chain
(so a cut tail of the log is seen) and a record of each backup the app made (its digest and newest link). These
are sealed with a MAC under a key derived from the data key, so only someone who holds the data key can change
them. The count of wrong passwords per account is outside the MAC (it must be written before anyone is known).

``KDF`` is the cost used for new wrappings. Tests lower it; production never does. Every wrapping records its own
cost, so a file made by the tests opens anywhere, and a wrapping made at a lower cost is re-made at the current
cost the next time its password is typed.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import json
import os
import secrets
import sys
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from app.errors import DatabaseError, KnownError

SUFFIX = ".key"
RECOVERY_SUFFIX = ".recovery-key"
FORMAT = 1
KEY_BYTES = 32


@dataclass(frozen=True)
class KdfCost:
    """scrypt's cost: 2**log_n iterations over r * 128 * 2**log_n bytes of memory."""

    log_n: int
    r: int = 8
    p: int = 1

    def as_json(self) -> dict:
        return {"name": "scrypt", "log_n": self.log_n, "r": self.r, "p": self.p}

    @classmethod
    def from_json(cls, data: dict) -> "KdfCost":
        if data.get("name") != "scrypt":
            raise ValueError("unknown KDF")
        cost = cls(int(data["log_n"]), int(data["r"]), int(data["p"]))
        if not (1 <= cost.log_n <= 22 and 1 <= cost.r <= 32 and 1 <= cost.p <= 4):
            raise ValueError("KDF cost out of range")
        return cost

    @property
    def memory_mb(self) -> int:
        return 128 * self.r * 2 ** self.log_n // (1024 * 1024)


# 2**17 x 8: 128 MB of memory and about half a second per try on an office PC (docs/security.md has the figures).
PRODUCTION_KDF = KdfCost(17, 8, 1)
KDF = PRODUCTION_KDF

# Crockford's base32 without the letters that look like digits: the recovery code is typed by hand from paper.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECOVERY_GROUPS = 6  # 6 groups of 4: 24 characters, 120 bits


class WrongSecret(KnownError):
    """The password or recovery code does not open this club's key."""


class KeyFileMissing(DatabaseError):
    """The club file is encrypted and its key file is not beside it (copied alone, or a new PC)."""


# ---------------------------------------------------------------- the process's unlocked keys

_known: dict[str, bytes] = {}


def _where(db_path: Path | str) -> str:
    return os.path.normcase(os.path.realpath(db_path))


def remember(db_path: Path | str, key: bytes) -> None:
    """Keep the unlocked data key of ``db_path`` for this process: background readers and jobs open with it."""
    _known[_where(db_path)] = key


def known(db_path: Path | str) -> bytes | None:
    return _known.get(_where(db_path))


def forget(db_path: Path | str) -> None:
    """Drop the data key from this process (the desk locked, the window closed)."""
    _known.pop(_where(db_path), None)


# ---------------------------------------------------------------- primitives


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def stretch(secret: str, salt: bytes, cost: KdfCost) -> bytes:
    return Scrypt(salt=salt, length=32, n=2 ** cost.log_n, r=cost.r, p=cost.p).derive(secret.encode("utf-8"))


def derived(key: bytes, purpose: str) -> bytes:
    """A key for one purpose (the key file's MAC, the audit chain), derived from the data key."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=f"fuwushe {purpose}".encode()).derive(key)


def seal(key: bytes, secret: str, aad: str, cost: KdfCost | None = None) -> dict:
    """The data key wrapped under ``secret``: a slot of the key file."""
    cost = cost or KDF
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    wrapped = AESGCM(stretch(secret, salt, cost)).encrypt(nonce, key, aad.encode("utf-8"))
    return {"kdf": cost.as_json(), "salt": _b64(salt), "nonce": _b64(nonce), "wrapped": _b64(wrapped)}


def open_slot(slot: dict, secret: str, aad: str) -> bytes | None:
    """The data key from a slot, or None when ``secret`` is not the one it was sealed under."""
    try:
        cost = KdfCost.from_json(slot["kdf"])
        kek = stretch(secret, _unb64(slot["salt"]), cost)
        key = AESGCM(kek).decrypt(_unb64(slot["nonce"]), _unb64(slot["wrapped"]), aad.encode("utf-8"))
    except InvalidTag:
        return None
    except (KeyError, TypeError, ValueError) as exc:
        raise DatabaseError(f"钥匙文件里有一项无法读取（{exc}）") from exc
    return key if len(key) == KEY_BYTES else None


def slot_cost(slot: dict) -> KdfCost | None:
    try:
        return KdfCost.from_json(slot["kdf"])
    except (KeyError, TypeError, ValueError):
        return None


# ---------------------------------------------------------------- names and the recovery code


def account_slot(name: str) -> str:
    return "account:" + name


def new_recovery_code() -> str:
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(4 * RECOVERY_GROUPS))
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def normalise_recovery_code(text: str) -> str:
    """What was typed from the paper, as it was printed: case, spaces, dashes and look-alikes forgiven."""
    text = unicodedata.normalize("NFKC", str(text or "")).upper()
    text = text.translate(str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"}))
    raw = "".join(ch for ch in text if ch in _ALPHABET)
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


# ---------------------------------------------------------------- the key file


def key_path(db_path: Path | str) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + SUFFIX)


def recovery_file(folder: Path | str, db_path: Path | str) -> Path:
    """The data key sealed under the recovery code, kept in the backup folder so that a new PC can restore."""
    return Path(folder) / f"{Path(db_path).stem}{RECOVERY_SUFFIX}"


def _mac(content: dict, key: bytes) -> str:
    body = {k: v for k, v in content.items() if k not in ("mac", "guard")}
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hmac.new(derived(key, "key file"), text, hashlib.sha256).hexdigest()


def exists(db_path: Path | str) -> bool:
    return key_path(db_path).is_file()


def read(db_path: Path | str) -> dict:
    """The key file's content as it is on disk (not yet checked against a key). Raises KeyFileMissing."""
    path = key_path(db_path)
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        db_name = Path(db_path).name
        raise KeyFileMissing(f"{db_name} 不是数据库文件，或是加密的服务社数据库而它的钥匙文件 {path.name} 不在旁边"
                             "（它应当在数据库文件旁边；用恢复码可以重新打开这个数据库）") from None
    except (OSError, ValueError) as exc:
        raise DatabaseError(f"钥匙文件 {path.name} 无法读取（{exc}）。用恢复码可以重新打开这个数据库。") from exc
    if not isinstance(content, dict) or content.get("format") != FORMAT or not isinstance(content.get("slots"), dict):
        raise DatabaseError(f"{path.name} 不是服务社工作台的钥匙文件，或由更新版本的程序写成")
    return content


def verify(content: dict, key: bytes, db_path: Path | str) -> None:
    """Refuse a key file whose sealed parts were changed by anyone without the data key."""
    if not hmac.compare_digest(str(content.get("mac", "")), _mac(content, key)):
        raise DatabaseError(f"钥匙文件 {key_path(db_path).name} 在程序之外被改动过，为安全起见没有打开。"
                            "用恢复码可以重新打开这个数据库。")


def _write(db_path: Path | str, content: dict, key: bytes | None, *, durable: bool = True) -> None:
    if key is not None:
        content["mac"] = _mac(content, key)
    path = key_path(db_path)
    temp = path.with_name(path.name + ".new")
    data = json.dumps(content, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    try:
        with open(temp, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as exc:
        try:
            temp.unlink()
        except OSError:
            pass
        if getattr(exc, "errno", None) == 28:
            raise DatabaseError("磁盘空间不足，钥匙文件没有写成，数据没有改动") from exc
        raise DatabaseError(f"无法写入钥匙文件 {path.name}（{exc}）") from exc


if sys.platform == "win32":
    import msvcrt

    def _lock_fd(fd: int) -> None:
        import time

        for _ in range(200):  # Windows has no blocking byte lock: a short wait, as SQLite's busy timeout does
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
                return
            except OSError:
                time.sleep(0.025)
        raise DatabaseError("钥匙文件正被另一个程序写入，请稍后再试")

    def _unlock_fd(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)

    def _unlock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


@contextmanager
def _locked(db_path: Path | str) -> Iterator[None]:
    """One writer of the key file at a time: the window and a command-line job may both write it."""
    lock = key_path(db_path).with_name(key_path(db_path).name + ".lock")
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise DatabaseError(f"无法写入钥匙文件旁的锁文件（{exc}）") from exc
    try:
        _lock_fd(fd)
        try:
            yield
        finally:
            _unlock_fd(fd)
    finally:
        os.close(fd)


@contextmanager
def editing(db_path: Path | str, key: bytes | None, *, durable: bool = True) -> Iterator[dict]:
    """Read, change and write back the key file under its lock; sealed again with ``key`` (None: only the
    unsealed counts of wrong passwords may change)."""
    with _locked(db_path):
        content = read(db_path)
        if key is not None:
            verify(content, key, db_path)
        yield content
        _write(db_path, content, key, durable=durable)


def create(db_path: Path | str, key: bytes, *, open_key: bool, practice: bool = False, keyed_from: int = 1) -> dict:
    """A new key file for a new (or newly encrypted) club. ``open_key`` keeps the data key unwrapped until the
    first account is made: a fresh file has nobody to seal it for yet, and holds no personal data either."""
    content: dict[str, Any] = {"format": FORMAT, "club": secrets.token_hex(16), "practice": bool(practice),
                               "created": datetime.datetime.now().isoformat(timespec="seconds"), "slots": {},
                               "guard": {}, "backups": {}, "anchor": None, "chain": {"keyed_from": int(keyed_from)},
                               "changes": 0, "display": {}}
    if open_key:
        content["open"] = key.hex()
    with _locked(db_path):
        _write(db_path, content, key)
    return content


def open_key(content: dict) -> bytes | None:
    """The data key of a club that has no account yet (see ``create``), else None."""
    text = content.get("open")
    if not text:
        return None
    try:
        key = bytes.fromhex(text)
    except ValueError:
        return None
    return key if len(key) == KEY_BYTES else None


def club_id(content: dict) -> str:
    return str(content.get("club", ""))


def slot_names(content: dict) -> list[dict]:
    """The accounts that can unlock the club, as the log-in lists them (name and role, in the order made)."""
    rows = []
    for slot_id, slot in content["slots"].items():
        if slot_id.startswith("account:"):
            rows.append({"name": slot_id[len("account:"):], "role": slot.get("role", "duty"),
                         "made": slot.get("made", "")})
    return sorted(rows, key=lambda r: (r["role"] != "director", r["made"]))


def unlock(db_path: Path | str, slot_id: str, secret: str) -> bytes:
    """The data key from one slot. Raises WrongSecret, KeyFileMissing, DatabaseError."""
    content = read(db_path)
    slot = content["slots"].get(slot_id)
    if slot is None:
        raise WrongSecret("这个账户还不能打开数据库")
    key = open_slot(slot, secret, f"{club_id(content)}|{slot_id}")
    if key is None:
        raise WrongSecret("密码不对")
    verify(content, key, db_path)
    return key


def put_slot(db_path: Path | str, key: bytes, slot_id: str, secret: str, **shown: Any) -> None:
    """Seal the data key under ``secret`` for ``slot_id`` (new, or replacing the old one). The first account
    sealed also removes the unwrapped key a new club starts with."""
    with editing(db_path, key) as content:
        slot = seal(key, secret, f"{club_id(content)}|{slot_id}")
        slot.update(shown)
        slot.setdefault("made", datetime.datetime.now().isoformat(timespec="microseconds"))
        old = content["slots"].get(slot_id)
        if old and "made" in old:
            slot["made"] = old["made"]
        content["slots"][slot_id] = slot
        if slot_id.startswith("account:"):
            content.pop("open", None)
        content.get("guard", {}).pop(slot_id, None)


def drop_slot(db_path: Path | str, key: bytes, slot_id: str) -> None:
    with editing(db_path, key) as content:
        content["slots"].pop(slot_id, None)
        content.get("guard", {}).pop(slot_id, None)


def has_slot(db_path: Path | str, slot_id: str) -> bool:
    try:
        return slot_id in read(db_path)["slots"]
    except DatabaseError:
        return False


def set_shown(db_path: Path | str, key: bytes, slot_id: str, **shown: Any) -> None:
    """Change what the log-in shows of a slot (the role beside the name)."""
    with editing(db_path, key) as content:
        if slot_id in content["slots"]:
            content["slots"][slot_id].update(shown)


# ---------------------------------------------------------------- wrong passwords


def guard(db_path: Path | str, slot_id: str) -> dict:
    try:
        return dict(read(db_path).get("guard", {}).get(slot_id, {}))
    except DatabaseError:
        return {}


def set_guard(db_path: Path | str, slot_id: str, value: dict | None) -> None:
    """Count wrong passwords (unsealed: nobody is known yet when one is typed)."""
    with _locked(db_path):
        content = read(db_path)
        guards = content.setdefault("guard", {})
        if value:
            guards[slot_id] = value
        else:
            guards.pop(slot_id, None)
        # Written as it is: the MAC does not cover the guard, so the sealed parts stay valid.
        _write(db_path, content, None)


# ---------------------------------------------------------------- the audit anchor and the backups' record


def update(db_path: Path | str, key: bytes, **changes: Any) -> None:
    with editing(db_path, key) as content:
        content.update(changes)


def anchor(db_path: Path | str, key: bytes) -> dict | None:
    content = read(db_path)
    verify(content, key, db_path)
    return content.get("anchor")


def advance_anchor(db_path: Path | str, key: bytes, newest: dict | None) -> None:
    """After a write: count it, and record the newest audit link (an older one never replaces a newer: two
    processes may both write). Not synced to disk: after a power cut the anchor is a little behind, never ahead."""
    with editing(db_path, key, durable=False) as content:
        content["changes"] = int(content.get("changes") or 0) + 1
        old = content.get("anchor") or {}
        if newest and int(newest.get("id", 0)) >= int(old.get("id", 0)):
            content["anchor"] = newest


def changes(db_path: Path | str) -> int:
    """How many writes the club has seen: a counter that only grows (a restore counts as one)."""
    try:
        return int(read(db_path).get("changes") or 0)
    except (DatabaseError, ValueError, TypeError):
        return 0


def record_backup(db_path: Path | str, key: bytes, name: str, record: dict) -> None:
    with editing(db_path, key) as content:
        content.setdefault("backups", {})[name] = record


def backup_record(content: dict, name: str) -> dict | None:
    return content.get("backups", {}).get(name)


def forget_records(db_path: Path | str, key: bytes, names: set[str]) -> None:
    """Forget the records of backups the rotation deleted."""
    with editing(db_path, key) as content:
        records = content.setdefault("backups", {})
        for name in names:
            records.pop(name, None)


def file_digest(path: Path | str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# ---------------------------------------------------------------- the recovery code and the backup folder


def set_recovery(db_path: Path | str, key: bytes, code: str) -> None:
    put_slot(db_path, key, "recovery", normalise_recovery_code(code))


def has_recovery(db_path: Path | str) -> bool:
    return has_slot(db_path, "recovery")


def write_recovery_file(db_path: Path | str, key: bytes, folder: Path | str) -> Path | None:
    """Put the recovery slot (the data key sealed under the recovery code, nothing else) in the backup folder,
    so that the backups there can be restored on a new PC with the code; None when the club has no code yet."""
    content = read(db_path)
    verify(content, key, db_path)
    slot = content["slots"].get("recovery")
    if slot is None:
        return None
    target = recovery_file(folder, db_path)
    data = {"format": FORMAT, "club": club_id(content), "slot": slot}
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    try:
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            return target
        temp = target.with_name(target.name + ".new")
        temp.write_text(text, encoding="utf-8")
        os.replace(temp, target)
    except OSError:
        return None  # a read-only stick: the backups are still there, the code file is written next time
    return target


def unlock_with_recovery(source: Path | str, code: str) -> tuple[bytes, str]:
    """(data key, club id) from a key file or a backup folder's recovery file and the recovery code."""
    source = Path(source)
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DatabaseError(f"无法读取 {source.name}（{exc}）") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DatabaseError(f"{source.name} 不是服务社工作台的恢复码文件")
    slot = data.get("slot") or data.get("slots", {}).get("recovery")
    if not slot:
        raise DatabaseError("这个数据库还没有设置恢复码")
    club = str(data.get("club", ""))
    key = open_slot(slot, normalise_recovery_code(code), f"{club}|recovery")
    if key is None:
        raise WrongSecret("恢复码不对：请对照打印的恢复码逐个字符核对")
    return key, club


def display(db_path: Path | str) -> dict:
    """What the log-in may show before anyone is known: text size and whether it is the practice club."""
    try:
        content = read(db_path)
    except DatabaseError:
        return {}
    shown = dict(content.get("display") or {})
    shown["practice"] = bool(content.get("practice"))
    return shown


def set_display(db_path: Path | str, key: bytes, **values: Any) -> None:
    try:
        with editing(db_path, key) as content:
            content.setdefault("display", {}).update(values)
    except DatabaseError:
        pass  # only a convenience for the next log-in
