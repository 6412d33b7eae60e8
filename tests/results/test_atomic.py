"""Tests of isgrille.results.atomic: write_atomic, so that a failed save leaves the previous file intact."""

from __future__ import annotations

import pytest

from isgrille.results.atomic import write_atomic


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
        raise OSError("disque plein")

    monkeypatch.setattr("isgrille.results.atomic.os.replace", broken_replace)
    with pytest.raises(OSError, match="disque plein"):
        write_atomic(path, "nouveau")
    assert path.read_text(encoding="utf-8") == "précieux"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]  # no temporary file left behind


def test_unencodable_text_keeps_previous_file(tmp_path):
    path = tmp_path / "f.txt"
    write_atomic(path, "ok")
    with pytest.raises(UnicodeEncodeError):
        write_atomic(path, "\udcff")
    assert path.read_text(encoding="utf-8") == "ok"
