"""Where the database file may live: on this computer's own disks, never on a network share.

SQLite's WAL mode keeps an index in shared memory beside the file, which only works between processes on one
computer; on a network share (Windows file sharing, NFS) two computers would each think they hold the file and
damage it. So a database on a share is refused before it is opened. Backups, which are plain files written once,
may go to a share or a USB stick.

The filesystem type comes from the mount table on Linux (the longest mount point containing the file), from
``GetDriveTypeW`` and UNC names (``\\\\server\\share``) on Windows. Tests inject ``lookup``.
"""

from __future__ import annotations

import ntpath
import os
import sys
from pathlib import Path
from typing import Callable

from app.errors import DatabaseError

# Filesystem types of network shares, as the Linux mount table names them; "remote" is what Windows answers.
NETWORK_TYPES = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "afs", "coda", "ceph", "glusterfs",
    "fuse.glusterfs", "lustre", "gfs2", "ocfs2", "fuse.sshfs", "sshfs", "davfs", "fuse.davfs2", "fuse.rclone",
    "fuse.s3fs", "9p.remote", "remote",
})

Lookup = Callable[[Path], "str | None"]


def _unescape(field: str) -> str:
    # The mount table writes a space in a path as \040, a tab as \011, a backslash as \134.
    out, i = [], 0
    while i < len(field):
        if field[i] == "\\" and field[i + 1:i + 4].isdigit():
            out.append(chr(int(field[i + 1:i + 4], 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def mount_type(path: Path, mounts: str) -> str | None:
    """The filesystem type of the mount holding ``path``, from the text of /proc/self/mounts (or /proc/mounts)."""
    target = os.path.realpath(path)
    best, best_type = "", None
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point, fstype = _unescape(fields[1]), fields[2]
        inside = target == point or target.startswith(point.rstrip("/") + "/") or point == "/"
        if inside and len(point) >= len(best):
            best, best_type = point, fstype
    return best_type


def windows_type(path: str, drive_type: Callable[[str], int] | None = None) -> str | None:
    """"remote" for a UNC name or a mapped network drive, "local" for a local drive (Windows rules)."""
    full = ntpath.abspath(str(path)) if ntpath.isabs(str(path)) else str(path)
    if full.upper().startswith(("\\\\?\\UNC\\", "//?/UNC/")):
        return "remote"
    if full.startswith(("\\\\", "//")) and not full.startswith(("\\\\?\\", "\\\\.\\")):
        return "remote"  # \\server\share\...
    drive = ntpath.splitdrive(full)[0]
    if not drive:
        return None
    if drive_type is None:
        import ctypes

        drive_type = ctypes.windll.kernel32.GetDriveTypeW
    return "remote" if drive_type(drive.rstrip("\\") + "\\") == 4 else "local"  # 4: DRIVE_REMOTE


def filesystem_type(path: Path) -> str | None:
    """The type of filesystem holding ``path`` ("ext4", "cifs", "remote" …), or None when it cannot be told."""
    if sys.platform == "win32":
        return windows_type(os.path.abspath(path))
    for table in ("/proc/self/mounts", "/proc/mounts"):
        try:
            with open(table, encoding="utf-8", errors="replace") as handle:
                return mount_type(path, handle.read())
        except OSError:
            continue
    return None  # macOS and others: not told, not refused


def network_share(path: Path, lookup: Lookup | None = None) -> str | None:
    """The network filesystem type holding ``path``, or None when it is on a local disk (or cannot be told)."""
    kind = (lookup or filesystem_type)(Path(path))
    return kind if kind and kind.lower() in NETWORK_TYPES else None


def refuse_network_share(path: Path, lookup: Lookup | None = None) -> None:
    """Raise DatabaseError, in one Chinese sentence, when the database file is on a network share."""
    kind = network_share(path, lookup)
    if kind:
        raise DatabaseError(
            f"数据库文件 {path} 在网络共享文件夹上（{kind}），在那里数据可能损坏，所以不打开。"
            "请把它复制到这台电脑的硬盘上（比如“文档”文件夹）再打开；备份可以放在网络共享或U盘上。")
