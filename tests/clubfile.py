"""Club files in tests: copying one with its key file, and opening one bare to play the attacker."""

from __future__ import annotations

import shutil

from app.db import keyfile


def copy_club(source, target):
    """Copy a club file with its key file (a club file alone does not open: it is encrypted)."""
    shutil.copy(source, target)
    if keyfile.exists(source):
        shutil.copy(keyfile.key_path(source), keyfile.key_path(target))
    if keyfile.known(source):
        keyfile.remember(target, keyfile.known(source))
    return target


def key_of(path):
    """The data key of a club file: unlocked in this process, or the key file's own (a club with no account yet);
    None for a plain file."""
    from app.db.connection import is_plain

    if is_plain(path):
        return None
    return keyfile.known(path) or keyfile.open_key(keyfile.read(path))


def raw(path, club=None):
    """A bare connection to a club file (or a backup of ``club``) with its key, for tests that play the attacker:
    no checks, no audit."""
    from app.db.connection import connect

    return connect(path, key_of(club or path))
