"""Tests of isgrille.results.store: saving and reading a learner's results, and the ResultsStore.

What the store promises, each tested on real files in ``tmp_path``: no update
lost when notebooks in other processes save at once, no file destroyed (a
writer killed mid-save, two stores setting aside one file), no file that is
not the kit's ever touched, and a failed save (disk full, read-only folder,
lock held too long) turned into a French message with the work kept in
memory. Failures the machine cannot produce on demand (a full disk; a
read-only folder when the tests run as root) are simulated by making the
system call fail with the errno it would give.
"""

from __future__ import annotations

import base64
import errno
import json
import os
import stat
from datetime import datetime

import pytest

from isgrille import load_grid
from isgrille.content.errors import ContentError
from isgrille.results.learner import LearnerResults
from isgrille.results.store import (
    ResultsStore,
    SaveError,
    default_results_path,
    read_results,
    results_data_uri,
    save_results,
)

from .samples import sample
from .workers import finish, kill, release, running, start, wait_for


@pytest.fixture(scope="module")
def grid():
    return load_grid()


def names(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def kit_file(path, grid, **pitch) -> bytes:
    """Save results with ``pitch`` to ``path``; return the file's bytes."""
    save_results(LearnerResults(pitch=pitch), path, grid)
    return path.read_bytes()


def fail_with(monkeypatch, code: int, call: str = "isgrille.results.atomic.os.replace") -> None:
    def broken(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(call, broken)


def test_save_is_atomic_and_stamped(grid, tmp_path, monkeypatch):
    path = tmp_path / "sub" / "r.json"
    save_results(sample(grid), path, grid)
    before = path.read_text(encoding="utf-8")
    assert json.loads(before)["saved_at"]
    fail_with(monkeypatch, errno.ENOSPC)
    with pytest.raises(OSError):
        save_results(LearnerResults(project="autre"), path, grid)
    assert path.read_text(encoding="utf-8") == before
    assert names(path.parent) == [".r.json.lock", "r.json"]


def test_data_uri_holds_the_file(grid):
    uri = results_data_uri(sample(grid), grid)
    assert uri.startswith("data:application/json;base64,")
    decoded = base64.b64decode(uri.split(",", 1)[1]).decode("utf-8")
    assert json.loads(decoded)["project"]["name"] == "Ma recyclerie <b>"


def test_default_path(monkeypatch, tmp_path):
    monkeypatch.delenv("ISGRILLE_RESULTS", raising=False)
    assert default_results_path().as_posix() == "resultats/mes_resultats.json"
    monkeypatch.setenv("ISGRILLE_RESULTS", str(tmp_path / "x.json"))
    assert default_results_path() == tmp_path / "x.json"


class TestStore:
    def test_in_memory(self, grid):
        store = ResultsStore(grid)
        store.update(lambda r: r.rate("caractere_collectif", 2))
        assert store.load().assessment().ratings == {"caractere_collectif": 2}

    def test_two_notebooks_do_not_undo_each_other(self, grid, tmp_path):
        path = tmp_path / "r.json"
        quiz_notebook, grid_notebook = ResultsStore(grid, path), ResultsStore(grid, path)
        quiz_notebook.update(lambda r: r.quiz.update(publics_fragiles="FAUX"))
        grid_notebook.update(lambda r: r.rate("caractere_collectif", 1))
        quiz_notebook.update(lambda r: r.quiz.update(tous_secteurs="VRAI"))
        final = read_results(path, grid)
        assert final.quiz == {"publics_fragiles": "FAUX", "tous_secteurs": "VRAI"}
        assert final.assessment().ratings == {"caractere_collectif": 1}

    def test_resumes_from_an_existing_file(self, grid, tmp_path):
        path = tmp_path / "r.json"
        save_results(sample(grid), path, grid)
        assert ResultsStore(grid, path).load().project == "Ma recyclerie <b>"

    def test_unreadable_file_is_set_aside_not_overwritten(self, grid, tmp_path):
        path = tmp_path / "r.json"
        path.write_text('{"format": "isgrille-results", "version": 1, "quiz": 3}', encoding="utf-8")
        store = ResultsStore(grid, path)
        [aside] = list(tmp_path.glob("r.illisible-*.json"))
        assert aside.read_text(encoding="utf-8").endswith('"quiz": 3}')
        assert "n'a pas pu être lu" in store.notice and aside.name in store.notice
        store.update(lambda r: r.rate("caractere_collectif", 0))
        assert read_results(path, grid).assessment().ratings == {"caractere_collectif": 0}
        assert aside.exists()

    def test_replace_with_an_uploaded_file(self, grid, tmp_path):
        store = ResultsStore(grid, tmp_path / "r.json")
        uploaded = LearnerResults.from_json(sample(grid).to_json(grid), grid)
        store.replace(uploaded)
        assert read_results(tmp_path / "r.json", grid).learner == "Camille"


def test_store_tells_subscribers_of_every_save(grid, tmp_path):
    store = ResultsStore(grid, tmp_path / "r.json")
    heard = []
    store.subscribe(lambda results: heard.append(dict(results.quiz)))
    store.update(lambda r: r.quiz.update(publics_fragiles="FAUX"))
    store.replace(LearnerResults(quiz={"tous_secteurs": "VRAI"}))
    assert heard == [{"publics_fragiles": "FAUX"}, {"tous_secteurs": "VRAI"}]


# --- several processes -------------------------------------------------------------


def test_four_processes_saving_at_once_lose_no_update(grid, tmp_path):
    path, sync = tmp_path / "r.json", tmp_path / "sync"
    sync.mkdir()
    workers = [f"w{i}" for i in range(4)]
    processes = [start("updates", path, name, 50, sync) for name in workers]
    release(sync, workers, processes)
    for process in processes:
        finish(process)
    saved = read_results(path, grid).pitch
    assert len(saved) == 200
    assert saved == {f"{name}-{k}": "x" for name in workers for k in range(50)}
    assert names(tmp_path) == [".r.json.lock", "r.json", "sync"]


def test_a_writer_killed_before_its_rename_leaves_the_file_and_its_temp_is_removed(grid, tmp_path):
    path, sync = tmp_path / "r.json", tmp_path / "sync"
    sync.mkdir()
    with running("stuck", path, sync) as writer:
        wait_for(lambda: (sync / "ready-stuck").exists() or writer.poll() is not None, "the stuck writer")
        kill(writer)
    assert [n for n in names(tmp_path) if n.endswith(".tmp")]  # the killed writer's temporary file
    assert read_results(path, grid).pitch == {"a": "saved"}
    store = ResultsStore(grid, path)
    store.update(lambda r: r.pitch.__setitem__("b", "after"))  # waits for no one: the dead writer's lock is free
    assert names(tmp_path) == [".r.json.lock", "r.json", "sync"]
    assert read_results(path, grid).pitch == {"a": "saved", "b": "after"}


def test_a_writer_killed_at_any_moment_leaves_a_valid_file(grid, tmp_path):
    path, sync = tmp_path / "r.json", tmp_path / "sync"
    sync.mkdir()
    with running("endless", path, sync) as writer:
        wait_for(
            lambda: (
                writer.poll() is not None
                or (
                    path.exists()
                    and path.stat().st_size > 0
                    and int(read_results(path, grid).pitch["a"].split()[0]) >= 5
                )
            ),
            "five saves",
        )
        kill(writer)
    assert read_results(path, grid).pitch["a"].endswith("x" * 1000)
    ResultsStore(grid, path).update(lambda r: r.pitch.__setitem__("b", "après"))
    assert not [n for n in names(tmp_path) if n.endswith(".tmp")]


def test_two_processes_opening_one_unreadable_file_keep_it_once(grid, tmp_path):
    path, sync = tmp_path / "r.json", tmp_path / "sync"
    sync.mkdir()
    broken = b'{"format": "isgrille-results", "version": 1, cut short'
    path.write_bytes(broken)
    processes = [start("opener", path, name, sync) for name in ("a", "b")]
    release(sync, ["a", "b"], processes)
    notices = [finish(process) for process in processes]  # neither raised (no FileNotFoundError)
    asides = sorted(tmp_path.glob("r.illisible-*.json"))
    assert [aside.read_bytes() for aside in asides] == [broken]
    assert sum(asides[0].name in notice for notice in notices) == 1
    assert not path.exists()


class FixedClock:
    """Every set-aside and copy in the same second."""

    @staticmethod
    def now():
        return datetime(2026, 11, 29, 14, 15, 0)


def test_set_asides_in_the_same_second_never_overwrite_each_other(grid, tmp_path, monkeypatch):
    monkeypatch.setattr("isgrille.results.kitfile.datetime", FixedClock)
    path = tmp_path / "r.json"
    contents = [f'{{"format": "isgrille-results", "version": 1, "cassé": {i}'.encode() for i in range(3)]
    notices = []
    for content in contents:
        path.write_bytes(content)
        notices.append(ResultsStore(grid, path).notice)
    stamp = "r.illisible-20261129-141500"
    asides = [tmp_path / f"{stamp}.json", tmp_path / f"{stamp}-2.json", tmp_path / f"{stamp}-3.json"]
    assert [a.read_bytes() for a in asides] == contents  # each kept, in order, none overwritten
    assert [a.name in notice for a, notice in zip(asides, notices, strict=True)] == [True, True, True]


def test_a_lock_held_too_long_is_a_french_message_and_nothing_is_lost(grid, tmp_path):
    path, sync = tmp_path / "r.json", tmp_path / "sync"
    sync.mkdir()
    kit_file(path, grid, a="avant")
    with running("hold", path, sync) as holder:
        wait_for(lambda: (sync / "ready-hold").exists() or holder.poll() is not None, "the lock holder")
        store = ResultsStore(grid, path, lock_timeout=0.2)
        with pytest.raises(SaveError) as caught:
            store.update(lambda r: r.pitch.__setitem__("b", "tapé pendant l'attente"))
        message = str(caught.value)
        assert message.startswith(f"{path}: vos résultats n'ont pas pu être enregistrés (fichier occupé")
        assert "Télécharger mes résultats" in message and "seconde" in message
        assert caught.value.results.pitch == {"a": "avant", "b": "tapé pendant l'attente"}
        assert store.load().pitch["b"] == "tapé pendant l'attente" and store.unsaved
        kill(holder)
    store.update(lambda r: r.pitch.__setitem__("c", "après"))  # the dead holder's lock is free
    assert read_results(path, grid).pitch == {"a": "avant", "b": "tapé pendant l'attente", "c": "après"}
    assert not store.unsaved


# --- failed saves ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "code, words",
    [
        (errno.ENOSPC, "disque plein"),
        (errno.EROFS, "système de fichiers en lecture seule"),
        (errno.EACCES, "permission refusée"),
        (errno.EDQUOT, "quota dépassé"),
    ],
)
def test_a_failed_write_keeps_the_change_in_memory_and_says_why(grid, tmp_path, monkeypatch, code, words):
    path = tmp_path / "r.json"
    before = kit_file(path, grid, a="avant")
    store = ResultsStore(grid, path)
    heard = []
    store.subscribe(lambda results: heard.append(dict(results.pitch)))
    fail_with(monkeypatch, code)
    with pytest.raises(SaveError) as caught:
        store.update(lambda r: r.pitch.__setitem__("b", "pas encore sur disque"))
    assert str(caught.value) == (
        f"{path}: vos résultats n'ont pas pu être enregistrés ({words})\u202f; ce que vous avez saisi est gardé "
        "dans cette page\u00a0: téléchargez vos résultats avec le bouton «\u00a0Télécharger mes résultats\u00a0»"
    )
    assert isinstance(caught.value, ContentError)
    assert heard == [{"a": "avant", "b": "pas encore sur disque"}]  # the download link hears of it
    assert path.read_bytes() == before
    assert store.load().pitch == {"a": "avant", "b": "pas encore sur disque"}  # memory, not the older file
    assert not [n for n in names(tmp_path) if n.endswith(".tmp")]


def test_changes_kept_during_a_failure_are_written_by_the_next_save_with_others_work(grid, tmp_path, monkeypatch):
    path = tmp_path / "r.json"
    kit_file(path, grid, a="avant")
    store, other = ResultsStore(grid, path), ResultsStore(grid, path)
    with monkeypatch.context() as patch:
        fail_with(patch, errno.ENOSPC)
        for part in ("b", "c"):
            with pytest.raises(SaveError):
                store.update(lambda r, part=part: r.pitch.__setitem__(part, "gardé"))
    other.update(lambda r: r.quiz.__setitem__("publics_fragiles", "FAUX"))  # another notebook, meanwhile
    store.update(lambda r: r.pitch.__setitem__("d", "enfin"))
    saved = read_results(path, grid)
    assert saved.pitch == {"a": "avant", "b": "gardé", "c": "gardé", "d": "enfin"}
    assert saved.quiz == {"publics_fragiles": "FAUX"}


def test_an_unchanged_file_is_not_parsed_again(grid, tmp_path, monkeypatch):
    path = tmp_path / "r.json"
    store, other = ResultsStore(grid, path), ResultsStore(grid, path)
    store.update(lambda r: r.pitch.__setitem__("a", "un"))
    parsed = []
    real = LearnerResults.from_json
    monkeypatch.setattr(LearnerResults, "from_json", lambda *a, **k: parsed.append(1) or real(*a, **k))
    for k in range(5):
        store.update(lambda r, k=k: r.pitch.__setitem__("a", str(k)))
        store.load()
    assert parsed == []
    other.update(lambda r: r.pitch.__setitem__("b", "autre"))
    assert parsed == [1]  # the other store had not seen the file yet
    assert store.load().pitch == {"a": "4", "b": "autre"} and parsed == [1, 1]


# --- files and folders ---------------------------------------------------------------


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_a_new_file_follows_the_umask_and_an_existing_one_keeps_its_mode(grid, tmp_path, umask):
    path = tmp_path / "r.json"
    old = os.umask(umask)
    try:
        store = ResultsStore(grid, path)
        store.update(lambda r: r.pitch.__setitem__("a", "un"))
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask
        path.chmod(0o640)
        store.update(lambda r: r.pitch.__setitem__("a", "deux"))
        assert stat.S_IMODE(path.stat().st_mode) == 0o640
    finally:
        os.umask(old)


def test_a_symlinked_file_is_written_through(grid, tmp_path):
    real = tmp_path / "ailleurs" / "vrai.json"
    real.parent.mkdir()
    kit_file(real, grid, a="avant")
    link = tmp_path / "r.json"
    link.symlink_to(real)
    store = ResultsStore(grid, link)
    assert store.path == link and store.target == real
    store.update(lambda r: r.pitch.__setitem__("b", "après"))
    assert link.is_symlink() and link.readlink() == real
    assert read_results(real, grid).pitch == {"a": "avant", "b": "après"}
    assert names(real.parent) == [".vrai.json.lock", "vrai.json"]
    assert names(tmp_path) == ["ailleurs", "r.json"]


FOREIGN = {
    "bashrc": b"# ~/.bashrc\nexport PATH=$HOME/bin:$PATH\n",
    "other_json": b'{"name": "un autre outil", "version": 3}\n',
    "binary": bytes(range(256)) * 40,
    "empty": b"",
}


@pytest.mark.parametrize("kind", list(FOREIGN))
def test_a_file_the_kit_did_not_write_is_refused_and_left_untouched(grid, tmp_path, kind):
    path = tmp_path / "r.json"
    path.write_bytes(FOREIGN[kind])
    path.chmod(0o604)
    before = (path.read_bytes(), path.stat().st_mtime_ns, path.stat().st_ino, path.stat().st_mode)
    with pytest.raises(ContentError) as caught:
        ResultsStore(grid, path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ce n'est pas un fichier de résultats du kit")
    assert "il n'a pas été modifié" in message and "ISGRILLE_RESULTS" in message
    after = (path.read_bytes(), path.stat().st_mtime_ns, path.stat().st_ino, path.stat().st_mode)
    assert after == before
    assert names(tmp_path) == ["r.json"]  # no lock file, no copy beside it


def test_a_folder_is_refused_and_left_untouched(grid, tmp_path):
    folder = tmp_path / "r.json"
    folder.mkdir()
    (folder / "x").write_text("x")
    with pytest.raises(ContentError, match="c'est un dossier, pas un fichier de résultats"):
        ResultsStore(grid, folder)
    assert names(tmp_path) == ["r.json"] and names(folder) == ["x"]


def test_a_pipe_is_refused_without_waiting(grid, tmp_path):
    path = tmp_path / "r.json"
    os.mkfifo(path)
    with pytest.raises(ContentError, match="ce n'est pas un fichier ordinaire"):
        ResultsStore(grid, path)


def test_a_file_that_becomes_foreign_is_never_overwritten(grid, tmp_path):
    path = tmp_path / "r.json"
    store = ResultsStore(grid, path)
    store.update(lambda r: r.pitch.__setitem__("a", "un"))
    path.write_bytes(FOREIGN["bashrc"])
    with pytest.raises(SaveError, match="ce n'est pas un fichier de résultats du kit") as caught:
        store.update(lambda r: r.pitch.__setitem__("a", "deux"))
    assert caught.value.results.pitch == {"a": "deux"}
    assert path.read_bytes() == FOREIGN["bashrc"]
    assert not list(tmp_path.glob("*illisible*"))


def test_a_kit_file_too_large_to_read_is_set_aside(grid, tmp_path):
    path = tmp_path / "r.json"
    big = b'{"format": "isgrille-results", "version": 1, "pitch": {"a": "' + b"x" * 2_100_000 + b'"}}'
    path.write_bytes(big)
    store = ResultsStore(grid, path)
    assert "fichier trop volumineux (plus de 2 Mo" in store.notice
    [aside] = tmp_path.glob("r.illisible-*.json")
    assert aside.read_bytes() == big


def test_a_read_only_folder_makes_a_read_only_store(grid, tmp_path, monkeypatch):
    path = tmp_path / "lecture" / "r.json"
    path.parent.mkdir()
    before = kit_file(path, grid, a="avant")
    path.parent.chmod(0o555)
    try:
        if os.access(path.parent, os.W_OK):  # root writes anyway: the folder says it is read-only instead
            real_access = os.access
            monkeypatch.setattr(
                "isgrille.results.kitfile.os.access",
                lambda p, mode: False if str(p) == str(path.parent) else real_access(p, mode),
            )
        store = ResultsStore(grid, path)
        assert store.readonly and store.load().pitch == {"a": "avant"}
        assert store.notice.startswith(
            f"Vos résultats ne pourront pas être enregistrés dans {path} (dossier {path.parent} en lecture seule)"
        )
        with pytest.raises(SaveError, match="ouvert en lecture seule") as caught:
            store.update(lambda r: r.pitch.__setitem__("b", "gardé"))
        assert caught.value.results.pitch == {"a": "avant", "b": "gardé"}
        assert store.load().pitch == {"a": "avant", "b": "gardé"}
        assert path.read_bytes() == before and names(path.parent) == [".r.json.lock", "r.json"]
    finally:
        path.parent.chmod(0o755)


def test_an_unreadable_file_that_cannot_be_set_aside_makes_a_read_only_store(grid, tmp_path, monkeypatch):
    path = tmp_path / "r.json"
    broken = b'{"format": "isgrille-results", "version": 1, "quiz": 3}'
    path.write_bytes(broken)
    fail_with(monkeypatch, errno.EROFS, "isgrille.results.store.ResultsLock.__enter__")
    store = ResultsStore(grid, path)
    assert store.readonly
    assert "n'a pas pu être mis de côté (système de fichiers en lecture seule)" in store.notice
    with pytest.raises(SaveError):
        store.update(lambda r: r.pitch.__setitem__("a", "gardé"))
    assert path.read_bytes() == broken and names(tmp_path) == ["r.json"]


def test_keep_copy_never_overwrites_another_copy(grid, tmp_path, monkeypatch):
    monkeypatch.setattr("isgrille.results.kitfile.datetime", FixedClock)
    path = tmp_path / "r.json"
    store = ResultsStore(grid, path)
    assert store.keep_copy("avant-reprise") is None  # nothing to keep yet
    versions = []
    for k in range(3):
        store.update(lambda r, k=k: r.pitch.__setitem__("a", str(k)))
        versions.append(path.read_bytes())
        copy = store.keep_copy("avant-reprise")
        assert copy.parent == tmp_path and copy.name.startswith("r.avant-reprise-")
    store.update(lambda r: r.pitch.__setitem__("a", "après"))
    copies = sorted(tmp_path.glob("r.avant-reprise-*.json"), key=lambda p: p.name)
    assert [c.name for c in copies] == [
        "r.avant-reprise-20261129-141500-2.json",
        "r.avant-reprise-20261129-141500-3.json",
        "r.avant-reprise-20261129-141500.json",
    ]
    assert sorted(c.read_bytes() for c in copies) == sorted(versions)
    assert ResultsStore(grid).keep_copy("x") is None
