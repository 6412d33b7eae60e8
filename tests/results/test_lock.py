"""Tests of isgrille.results.lock: one holder at a time, a timeout, and a dead holder's lock recovered."""

from __future__ import annotations

import re
import threading

import pytest

from isgrille.results.lock import LockBusy, ResultsLock, lock_path

from .workers import kill, running, wait_for


def test_the_lock_file_is_hidden_beside_the_results(tmp_path):
    target = tmp_path / "mes_resultats.json"
    assert lock_path(target) == tmp_path / ".mes_resultats.json.lock"
    with ResultsLock(target):
        assert lock_path(target).exists()
    assert not target.exists()


def test_two_locks_on_one_file_exclude_each_other_even_in_one_process(tmp_path):
    target = tmp_path / "r.json"
    first, second = ResultsLock(target), ResultsLock(target, timeout=0.05)
    with first, pytest.raises(LockBusy, match=re.escape("lock held by another process for more than 0.05 s")), second:
        pass
    with second:  # free again once released
        pass


def test_a_waiter_gets_the_lock_when_the_holder_releases_it(tmp_path):
    target = tmp_path / "r.json"
    holding, release = threading.Event(), threading.Event()
    order = []

    def holder():
        with ResultsLock(target):
            holding.set()
            release.wait(10)
            order.append("holder done")

    thread = threading.Thread(target=holder)
    thread.start()
    holding.wait(10)
    release.set()
    with ResultsLock(target, timeout=10):
        order.append("waiter in")
    thread.join(10)
    assert order == ["holder done", "waiter in"]


def test_a_dead_holders_lock_is_free(tmp_path):
    target, sync = tmp_path / "r.json", tmp_path / "sync"
    sync.mkdir()
    with running("hold", target, sync) as holder:
        wait_for(lambda: (sync / "ready-hold").exists() or holder.poll() is not None, "the lock holder")
        with pytest.raises(LockBusy), ResultsLock(target, timeout=0.05):
            pass
        kill(holder)
    with ResultsLock(target, timeout=5):
        pass
