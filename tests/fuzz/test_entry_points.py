"""Fuzzing what a person starts: the command line and « Reprendre un fichier ».

Whatever the file, ``python -m isgrille validate`` answers with exit 0 or 1
and French sentences, never a traceback; the session panel's resume shows a
message and either takes the file or leaves the learner's work as it was.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from isgrille import ResultsStore, load_grid
from isgrille.delivery.cli import main
from isgrille.widgets.session import SessionPanel

from .strategies import any_input

GRID = load_grid()
SUFFIXES = {"grid": ".yaml", "quiz": ".yaml", "results": ".json", "cohort": ".csv"}


@pytest.mark.parametrize("kind", list(SUFFIXES))
def test_validate_command_answers_0_or_1_in_french(kind, capsys):
    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(content=any_input(kind))
    def check(content):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"fichier{SUFFIXES[kind]}"
            path.write_bytes(content)
            code = main(["validate", str(path)])
        out, err = capsys.readouterr()
        assert code in (0, 1)
        assert "Traceback" not in out + err
        if code == 0:
            assert out.strip().endswith(")") and "valide" in out
        else:
            assert err.startswith(str(path)) and "invalide" in err

    check()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=any_input("results"))
def test_resume_takes_the_file_or_leaves_the_work_untouched(content):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mes_resultats.json"
        store = ResultsStore(GRID, path)
        store.update(lambda r: setattr(r, "project", "Mon travail"))
        before = path.read_bytes()
        panel = SessionPanel(store)
        panel.upload.value = (
            {
                "name": "repris.json",
                "type": "application/json",
                "size": len(content),
                "content": memoryview(content),
                "last_modified": datetime.now(UTC),
            },
        )
        message = panel.message.value
        if "Fichier non repris" in message:  # refused: the learner's work is exactly as it was
            assert path.read_bytes() == before and store.load().project == "Mon travail"
            assert sorted(p.name for p in Path(folder).iterdir() if not p.name.startswith(".")) == [path.name]
        else:  # taken: the previous work is kept beside it, and the screen says where
            assert "✔ Résultats repris" in message
            copies = [p for p in Path(folder).iterdir() if ".avant-reprise-" in p.name]
            assert len(copies) == 1 and copies[0].read_bytes() == before and copies[0].name in message
