"""A database on a network share is refused before it is opened; one on a local disk opens as usual."""

from __future__ import annotations

import pytest

from app.db import location
from app.db.connection import open_database
from app.errors import DatabaseError

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
proc /proc proc rw 0 0
//nas/club /mnt/office\\040share cifs rw,vers=3.0 0 0
nas:/export/home /home/director/nfs nfs4 rw 0 0
/dev/sdb1 /media/director/U盘 vfat rw 0 0
"""


@pytest.mark.parametrize("path, kind", [
    ("/home/director/club.sqlite", "ext4"),
    ("/mnt/office share/club.sqlite", "cifs"),  # the table writes the space as \040
    ("/mnt/office share/sub/dir/club.sqlite", "cifs"),
    ("/mnt/office sharex/club.sqlite", "ext4"),  # a longer name is not inside the mount point
    ("/home/director/nfs/club.sqlite", "nfs4"),
    ("/media/director/U盘/club.sqlite", "vfat"),
])
def test_the_mount_holding_a_path_is_the_longest_mount_point_above_it(path, kind):
    assert location.mount_type(path, MOUNTS) == kind


@pytest.mark.parametrize("path, drive, expected", [
    (r"\\nas\club\club.sqlite", None, "remote"),
    (r"\\?\UNC\nas\club\club.sqlite", None, "remote"),
    (r"Z:\club.sqlite", 4, "remote"),  # a mapped network drive
    (r"C:\Users\主任\Documents\club.sqlite", 3, "local"),
    (r"E:\club.sqlite", 2, "local"),  # a USB stick
])
def test_windows_unc_names_and_mapped_drives_are_network_shares(path, drive, expected):
    asked = []
    kind = location.windows_type(path, lambda root: asked.append(root) or drive)
    assert kind == expected
    if drive is not None:
        assert asked == [path[:2] + "\\"]
    assert (location.network_share(path, lambda _: kind) is not None) == (expected == "remote")


def test_a_database_on_a_share_is_refused_in_one_sentence_and_not_created(tmp_path, monkeypatch):
    monkeypatch.setattr(location, "filesystem_type", lambda path: "cifs")
    path = tmp_path / "club.sqlite"
    with pytest.raises(DatabaseError) as refused:
        open_database(path)
    message = str(refused.value)
    assert "网络共享" in message and "cifs" in message and "复制到这台电脑的硬盘" in message
    assert "\n" not in message
    assert not path.exists()


def test_a_database_on_a_local_disk_opens(tmp_path, monkeypatch):
    seen = []
    monkeypatch.setattr(location, "filesystem_type", lambda path: seen.append(path) or "ext4")
    open_database(tmp_path / "club.sqlite").close()
    assert seen == [tmp_path / "club.sqlite"]


def test_this_machines_own_table_is_read(tmp_path):
    assert location.filesystem_type(tmp_path) not in (None, "cifs", "nfs", "nfs4")
