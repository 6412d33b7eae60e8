"""A content pack: ``python -m isgrille pack DIR``, then ``ISGRILLE_CONTENT`` / ``--content`` everywhere (issue 17).

A pack is written, edited as a trainer would (a new workshop title, a new
first statement), validated, then read by the loaders, the command line and
notebooks 00 and 01 in a real kernel, which show the edits and not the
shipped text. A pack missing a file or holding a broken one is one French
sentence naming the file, never a traceback, never the shipped content.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from nbclient.exceptions import CellExecutionError

from isgrille.content.errors import ContentError
from isgrille.content.loading import CONTENT_ENV, YAML_KINDS, content_dir, data_dir, load_quiz, load_workshop
from isgrille.delivery.cli import main
from isgrille.delivery.content_pack import README_NAME, write_pack

from ..packs import run_with_pack, shown_html

TITLE = "Atelier «\u00a0Ma Fabrique\u00a0» du test"
STATEMENT = "Une affirmation écrite pour ce test, jamais livrée avec le kit."


@pytest.fixture
def pack(tmp_path, monkeypatch) -> Path:
    """A pack of the shipped content, edited: a new workshop title and a new first statement."""
    monkeypatch.delenv(CONTENT_ENV, raising=False)
    folder = tmp_path / "mon_atelier"
    assert write_pack(folder).written
    for name, edit in (("workshop.yaml", _retitle), ("quiz.yaml", _first_statement)):
        path = folder / name
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        edit(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def _retitle(data: dict) -> None:
    data["title"] = TITLE


def _first_statement(data: dict) -> None:
    data["items"][0]["statement"] = STATEMENT


def test_a_pack_holds_every_content_file_its_schemas_and_a_readme(tmp_path):
    folder = tmp_path / "atelier"
    result = write_pack(folder)
    names = {path.relative_to(folder).as_posix() for path in result.written}
    assert set(YAML_KINDS.values()) | {README_NAME} <= names
    assert {f"schema/{kind}.schema.json" for kind in YAML_KINDS} <= names
    for name in ("quiz.yaml", "concepts.yaml", "grid.yaml"):
        assert (folder / name).read_bytes() == (data_dir() / name).read_bytes()
    shipped, copy = load_workshop(data_dir() / "workshop.yaml"), load_workshop(folder / "workshop.yaml")
    assert copy.model_copy(update={"derived_from": ""}) == shipped  # the same workshop, its source named
    assert copy.derived_from == (f"«\u00a0{shipped.title}\u00a0» ({shipped.organisation}, 2020, CC BY-NC-SA 4.0)")
    readme = (folder / README_NAME).read_text(encoding="utf-8")
    assert "python -m isgrille validate" in readme and CONTENT_ENV in readme and "CC BY-NC-SA 4.0" in readme


def test_a_pack_is_never_written_over_without_force(tmp_path):
    folder = tmp_path / "atelier"
    write_pack(folder)
    (folder / "quiz.yaml").write_text("mes modifications", encoding="utf-8")
    refused = write_pack(folder)
    assert refused.written == () and folder / "quiz.yaml" in refused.existing
    assert (folder / "quiz.yaml").read_text(encoding="utf-8") == "mes modifications"
    assert write_pack(folder, force=True).written
    assert (folder / "quiz.yaml").read_bytes() == (data_dir() / "quiz.yaml").read_bytes()


def test_a_retitled_pack_still_credits_the_work_it_adapts(pack):
    from isgrille.content.attribution import attribution_of
    from isgrille.content.loading import load_grid

    text = attribution_of(load_workshop(pack / "workshop.yaml"), load_grid(pack / "grid.yaml")).text()
    assert TITLE in text and "adapté de «\u00a0Établi – Innovation sociale\u00a0» (ATIS" in text


def test_the_loaders_read_the_pack_named_by_the_environment(pack, monkeypatch):
    monkeypatch.setenv(CONTENT_ENV, str(pack))
    assert content_dir() == pack
    assert load_workshop().title == TITLE
    assert load_quiz().items[0].statement == STATEMENT
    monkeypatch.delenv(CONTENT_ENV)
    assert load_workshop().title != TITLE


def test_a_missing_file_or_folder_is_named_never_the_shipped_content(pack, monkeypatch, tmp_path):
    (pack / "quiz.yaml").unlink()
    monkeypatch.setenv(CONTENT_ENV, str(pack))
    with pytest.raises(ContentError) as raised:
        load_quiz()
    assert str(pack / "quiz.yaml") in str(raised.value) and "fichier manquant" in str(raised.value)
    monkeypatch.setenv(CONTENT_ENV, str(tmp_path / "absent"))
    with pytest.raises(ContentError, match="dossier de contenu introuvable"):
        load_workshop()


def test_the_command_line_writes_validates_and_uses_a_pack(pack, capsys, monkeypatch):
    assert main(["pack", str(pack)]) == 1  # already there: nothing written
    assert "--force" in capsys.readouterr().err
    files = [str(pack / name) for name in YAML_KINDS.values()]
    assert main(["validate", *files]) == 0
    capsys.readouterr()
    monkeypatch.setenv(CONTENT_ENV, "")  # main() sets it: restored after the test
    assert main(["validate", "--content", str(pack), str(pack / "quiz.yaml")]) == 0
    assert os.environ[CONTENT_ENV] == str(pack)
    assert load_workshop().title == TITLE
    monkeypatch.setenv(CONTENT_ENV, "")
    assert main(["--content", str(pack), "validate", str(pack / "workshop.yaml")]) == 0
    assert os.environ[CONTENT_ENV] == str(pack)


def test_a_broken_file_of_a_pack_is_named_by_validate(pack, capsys):
    quiz = pack / "quiz.yaml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("answer:", "reponse:", 1), encoding="utf-8")
    assert main(["validate", str(quiz)]) == 1
    err = capsys.readouterr().err
    assert str(quiz) in err and "Traceback" not in err


def test_notebooks_00_and_01_show_the_pack_not_the_shipped_text(pack, tmp_path, monkeypatch):
    from html import escape

    welcome = shown_html(run_with_pack("00_accueil", pack, tmp_path, monkeypatch))
    assert escape(TITLE) in welcome or TITLE in welcome
    quiz = shown_html(run_with_pack("01_integrer_le_concept", pack, tmp_path, monkeypatch))
    assert STATEMENT in quiz
    shipped = load_quiz(data_dir() / "quiz.yaml").items[0].statement
    assert escape(shipped) not in quiz and shipped not in quiz


def test_a_broken_quiz_stops_01_with_a_french_sentence(pack, tmp_path, monkeypatch):
    quiz = pack / "quiz.yaml"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("answer:", "reponse:", 1), encoding="utf-8")
    with pytest.raises(CellExecutionError) as raised:
        run_with_pack("01_integrer_le_concept", pack, tmp_path, monkeypatch)
    message = str(raised.value)
    assert "Le kit ne s'ouvre pas\u00a0: " in message and str(quiz) in message
    assert "Traceback" not in message


def test_validate_checks_a_pack_as_a_whole(pack, capsys):
    assert main(["validate", str(pack)]) == 0
    assert f"{pack}: dossier de contenu valide" in capsys.readouterr().out
    quiz = pack / "quiz.yaml"
    data = yaml.safe_load(quiz.read_text(encoding="utf-8"))
    data["items"][0]["see"] = "section_absente"
    quiz.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (pack / "grid.yaml").unlink()
    assert main(["validate", str(pack)]) == 1
    err = capsys.readouterr().err
    assert f"{pack / 'grid.yaml'}: fichier manquant du dossier de contenu" in err
    assert f"{quiz}: champ 'items[0].see'" in err and "«\u00a0section_absente\u00a0»" in err
    assert "innovation_dimensions" in err and "Traceback" not in err


def test_validate_says_a_file_of_the_wrong_kind(pack, capsys):
    (pack / "quiz.yaml").write_bytes((pack / "concepts.yaml").read_bytes())
    assert main(["validate", str(pack)]) == 1
    err = capsys.readouterr().err
    assert (
        f"{pack / 'quiz.yaml'}: champ 'kind': ce fichier est de type «\u00a0concepts\u00a0»\u00a0: attendu «\u00a0quiz\u00a0»"
        in err
    )
