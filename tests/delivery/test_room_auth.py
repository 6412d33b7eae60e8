"""Tests of isgrille.delivery.room_auth: trainer-only paths and token-free redirects (the live server: test_room_server)."""

from __future__ import annotations

import pytest

from isgrille.delivery.room_auth import RoomIdentityProvider, is_trainer_path, without_token


@pytest.mark.parametrize(
    "path",
    [
        "/voila/render/05_salle.ipynb",
        "/voila/render/05_SALLE.ipynb",
        "/voila/render/%305_salle.ipynb",
        "/voila/render/x/../05_salle.ipynb",
        "/voila/render//05_salle.ipynb/",
        "/voila/api/contents/05_salle.ipynb",
    ],
)
def test_the_trainer_notebook_however_spelt(path):
    assert is_trainer_path(path)


@pytest.mark.parametrize(
    "path",
    [
        "/voila/tree/salle",
        "/voila/api/contents/salle/abc",
        "/voila/tree/SALLE/",
        "/voila/render/salle/x/mes_resultats.json",
        "/voila/tree/%73alle",
    ],
)
def test_the_room_folder_is_the_trainers(path):
    assert is_trainer_path(path, folders=["salle"]) and not is_trainer_path(path)


@pytest.mark.parametrize(
    "path",
    [
        "/voila/render/00_accueil.ipynb",
        "/voila/tree",
        "/api/kernels/x/channels",
        "/voila/render/salles_de_classe.ipynb",
    ],
)
def test_other_pages_are_everyones(path):
    assert not is_trainer_path(path, folders=["salle"])


@pytest.mark.parametrize(
    "path, query, expected",
    [
        ("/voila/render/00_accueil.ipynb", "token=abc", "/voila/render/00_accueil.ipynb"),
        ("/voila/render/00_accueil.ipynb", "a=1&token=abc&b=", "/voila/render/00_accueil.ipynb?a=1&b="),
        ("//evil.example/x", "token=abc", "/evil.example/x"),
        ("/\\evil.example", "token=abc", "/evil.example"),
    ],
)
def test_without_token_stays_on_this_server(path, query, expected):
    assert without_token(path, query) == expected


def test_the_trainer_key_is_compared_whole():
    provider = RoomIdentityProvider(trainer_token="K" * 43, token="atelier42")
    assert provider._is_trainer_key("K" * 43)
    assert (
        not provider._is_trainer_key("K" * 42)
        and not provider._is_trainer_key("")
        and not provider._is_trainer_key(None)
    )
    assert not RoomIdentityProvider(token="atelier42")._is_trainer_key("")  # no key set: nobody is the trainer
