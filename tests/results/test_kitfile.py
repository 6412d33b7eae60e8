"""Tests of isgrille.results.kitfile: reading a results file safely, recognising the kit's, set-aside and copies."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from isgrille import load_grid
from isgrille.content.errors import ContentError
from isgrille.results.kitfile import (
    Unreadable,
    dated_name,
    is_kept_copy,
    is_kit_text,
    keep_copy,
    parse_results,
    read_if_changed,
    set_aside,
    unwritable,
)
from isgrille.results.learner import LearnerResults
from isgrille.results.store import save_results

KIT_BROKEN = b'{"format": "isgrille-results", "version": 1, "quiz": 3}'


@pytest.fixture(scope="module")
def grid():
    return load_grid()


def test_the_kits_files_are_recognised_by_their_beginning():
    assert is_kit_text(b'{\n  "format": "isgrille-results",')
    assert not is_kit_text(b'{"format": "autre"}')
    assert not is_kit_text(b" " * 4096 + b'"isgrille-results"')  # too far in: not a file the kit wrote


def test_read_if_changed_reads_once_then_skips_an_unchanged_file(grid, tmp_path):
    path = tmp_path / "r.json"
    assert read_if_changed(path, grid, None) == (None, None)  # missing
    save_results(LearnerResults(project="Un"), path, grid)
    results, seen = read_if_changed(path, grid, None)
    assert results.project == "Un" and seen == (path.stat().st_ino, path.stat().st_mtime_ns, path.stat().st_size)
    assert read_if_changed(path, grid, seen) == (None, seen)
    save_results(LearnerResults(project="Deux"), path, grid)
    results, again = read_if_changed(path, grid, seen)
    assert results.project == "Deux" and again != seen


@pytest.mark.parametrize(
    "content, message",
    [
        (KIT_BROKEN, "champ 'quiz'"),
        (b'{"format": "isgrille-results", \xff}', "n'est pas encodé en UTF-8 (octet 32)"),
        (
            b'{"format": "isgrille-results", "pitch": {"a": "' + b"x" * 2_000_001 + b'"}}',
            "fichier trop volumineux (plus de 2 Mo, la limite d'un fichier de résultats)",
        ),
    ],
)
def test_a_kit_file_that_cannot_be_read_is_unreadable(grid, tmp_path, content, message):
    path = tmp_path / "r.json"
    path.write_bytes(content)
    with pytest.raises(Unreadable) as caught:
        read_if_changed(path, grid, None, shown=tmp_path / "montré.json")
    assert message in str(caught.value.error) and str(caught.value.error).startswith(str(tmp_path / "montré.json"))


@pytest.mark.parametrize("content", [b"# ~/.bashrc\n", b'{"autre": 1}', b"", b"\x00" * 10])
def test_a_foreign_file_is_refused(grid, tmp_path, content):
    path = tmp_path / "r.json"
    path.write_bytes(content)
    with pytest.raises(ContentError, match="ce n'est pas un fichier de résultats du kit") as caught:
        read_if_changed(path, grid, None)
    assert not isinstance(caught.value, Unreadable)
    assert path.read_bytes() == content


def test_parse_results_accepts_a_bom(grid, tmp_path):
    text = LearnerResults(project="Bom").to_json(grid).encode("utf-8-sig")
    assert parse_results(text, grid, tmp_path / "r.json").project == "Bom"


def test_set_aside_moves_the_file_and_never_overwrites(tmp_path):
    target = tmp_path / "r.json"
    target.write_bytes(b"premier")
    first = set_aside(target)
    target.write_bytes(b"second")
    second = set_aside(target)
    assert first != second and not target.exists()
    assert (first.read_bytes(), second.read_bytes()) == (b"premier", b"second")
    assert set_aside(target) is None  # gone already: nothing to do


def test_keep_copy_copies_when_hard_links_are_refused(tmp_path, monkeypatch):
    target = tmp_path / "r.json"
    target.write_bytes(b"contenu")
    target.chmod(0o640)

    def no_links(*args, **kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr("isgrille.results.kitfile.os.link", no_links)
    copy = keep_copy(target, "avant-reprise")
    assert copy.read_bytes() == b"contenu" and target.read_bytes() == b"contenu"
    assert copy.stat().st_ino != target.stat().st_ino and oct(copy.stat().st_mode & 0o777) == "0o640"
    assert keep_copy(target, "avant-reprise") != copy


def test_names_of_the_kits_copies():
    target = Path("r/mes_resultats.json")
    assert dated_name(target, "avant-reprise", "20261129-141500") == Path(
        "r/mes_resultats.avant-reprise-20261129-141500.json"
    )
    assert (
        dated_name(target, "illisible", "20261129-141500", 3).name == "mes_resultats.illisible-20261129-141500-3.json"
    )
    assert is_kept_copy(dated_name(target, "illisible", "x")) and not is_kept_copy(target)


def test_unwritable_says_why(tmp_path, monkeypatch):
    target = tmp_path / "nouveau" / "dossier" / "r.json"
    assert unwritable(target) is None  # the nearest existing folder is writable
    monkeypatch.setattr("isgrille.results.kitfile.os.access", lambda path, mode: False)
    assert unwritable(target) == f"dossier {tmp_path} en lecture seule"
    target.parent.mkdir(parents=True)
    target.write_text("x")
    monkeypatch.setattr("isgrille.results.kitfile.os.access", lambda path, mode: Path(path).is_dir())
    assert unwritable(target) == "fichier en lecture seule"


def test_quick_text_reads_a_plain_file_and_leaves_anything_unusual_to_read_text(tmp_path):
    from isgrille.content.limits import MAX_BYTES
    from isgrille.results.kitfile import quick_text

    (tmp_path / "r.json").write_bytes(b'\xef\xbb\xbf{"a": "\xc3\xa9"}')
    assert quick_text(tmp_path / "r.json") == '{"a": "é"}'  # the BOM left out, as read_text does
    os.mkfifo(tmp_path / "tube.json")
    (tmp_path / "latin1.json").write_bytes(b'{"a": "\xe9"}')
    (tmp_path / "vide.json").write_bytes(b" \n\t")
    (tmp_path / "gros.json").write_bytes(b" " * (MAX_BYTES["results"] + 1))
    (tmp_path / "lien.json").symlink_to(tmp_path / "r.json")
    for name in ("tube.json", "latin1.json", "vide.json", "gros.json", "absent.json", "."):
        assert quick_text(tmp_path / name) is None, name
    assert quick_text(tmp_path / "lien.json") == '{"a": "é"}'
