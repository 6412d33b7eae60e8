"""Tests of isgrille.results.atomic: atomic writes that keep the file's mode, stale temporary files, OSError in French."""

from __future__ import annotations

import errno
import os
import stat

import pytest

from isgrille.results.atomic import remove_stale_temps, temp_pattern, write_atomic


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_writes_and_replaces(tmp_path):
    path = tmp_path / "f.txt"
    write_atomic(path, "un")
    write_atomic(path, "deux é")
    assert path.read_text(encoding="utf-8") == "deux é"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]


def test_failed_save_keeps_previous_file(tmp_path, monkeypatch):
    path = tmp_path / "f.txt"
    write_atomic(path, "précieux")

    def broken_replace(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("isgrille.results.atomic.os.replace", broken_replace)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(path, "nouveau")
    assert path.read_text(encoding="utf-8") == "précieux"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]  # no temporary file left behind


def test_unencodable_text_keeps_previous_file(tmp_path):
    path = tmp_path / "f.txt"
    write_atomic(path, "ok")
    with pytest.raises(UnicodeEncodeError):
        write_atomic(path, "\udcff")
    assert path.read_text(encoding="utf-8") == "ok"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o077])
def test_a_new_file_follows_the_umask_never_0600(tmp_path, umask):
    old = os.umask(umask)
    try:
        write_atomic(tmp_path / "f.txt", "un")
    finally:
        os.umask(old)
    assert mode(tmp_path / "f.txt") == 0o666 & ~umask


@pytest.mark.parametrize("kept", [0o644, 0o640, 0o664, 0o400])
def test_an_existing_file_keeps_its_mode(tmp_path, kept):
    path = tmp_path / "f.txt"
    write_atomic(path, "un")
    path.chmod(kept)
    old = os.umask(0o077)
    try:
        write_atomic(path, "deux")
    finally:
        os.umask(old)
    assert mode(path) == kept and path.read_text(encoding="utf-8") == "deux"


def test_a_symlink_is_written_through(tmp_path):
    target = tmp_path / "vrai.txt"
    target.write_text("avant", encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "lien.txt"
    link.symlink_to(target)
    assert write_atomic(link, "après") == target
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "après" and mode(target) == 0o640


def test_stale_temporary_files_are_removed_and_nothing_else(tmp_path):
    path = tmp_path / "r.json"
    prefix, suffix = temp_pattern(path)
    stale = [tmp_path / f"{prefix}abcd1234{suffix}", tmp_path / f"{prefix}x{suffix}"]
    others = ["r.json", ".r.json.lock", f"{prefix}{suffix}", ".autre.json.ab.tmp", "r.json.tmp", "notes.tmp"]
    for p in stale + [tmp_path / name for name in others]:
        p.write_text("x")
    assert remove_stale_temps(path) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(others)
    assert remove_stale_temps(tmp_path / "absent" / "r.json") == 0


def test_bytes_are_written_as_they_are(tmp_path):
    target = tmp_path / "image.png"
    target.write_bytes(b"old")
    data = b"\x89PNG\r\n\x1a\n\x00\xff"
    assert write_atomic(target, data) == target
    assert target.read_bytes() == data
    assert [p.name for p in tmp_path.iterdir()] == ["image.png"]
