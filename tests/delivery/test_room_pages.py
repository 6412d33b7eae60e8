"""Tests of isgrille.delivery.room_pages: the room's own French pages, and Solara's page made French."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from isgrille.delivery import room_pages
from isgrille.delivery.room_pages import (
    DEFAULT_TITLE,
    PROGRESS_NAME,
    error_page,
    full_page,
    join_page,
    not_found_page,
    page_title,
    refused_page,
    rewrite_page,
    trainer_only_page,
)
from isgrille.delivery.room_site import RoomSite

HOSTILE = '<img src=x onerror="alert(1)">'
PAGES = {
    "join": lambda w: join_page(w),
    "wrong": lambda w: join_page(w, wrong="mauvais"),
    "full": full_page,
    "trainer": trainer_only_page,
    "missing": not_found_page,
    "refused": refused_page,
    "error": error_page,
}


class Reader(HTMLParser):
    """Tags with their attributes, and the text a reader sees (outside <style>)."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self._style = False
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._style = tag == "style"
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._style = self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self._style:
            self.text.append(data)


def read(html: str) -> Reader:
    reader = Reader()
    reader.feed(html)
    return reader


@pytest.mark.parametrize("name", PAGES)
def test_each_page_is_french_and_self_contained(name):
    html = PAGES[name]("Établi – Innovation sociale")
    reader = read(html)
    assert html.startswith("<!DOCTYPE html>") and ("html", {"lang": "fr"}) in reader.tags
    assert reader.title.endswith("– Établi – Innovation sociale") and len(reader.title) > 30
    assert ("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}) in reader.tags
    assert not [tag for tag, attrs in reader.tags if tag in ("script", "link", "img", "iframe", "object")]
    assert not [attrs for _, attrs in reader.tags if "src" in attrs or "style" in attrs]
    assert not [attrs["href"] for tag, attrs in reader.tags if tag == "a" and attrs["href"] != "/"]
    assert not re.search(r"https?:|//[a-z]|@import|url\(", html)  # nothing loaded from elsewhere
    assert [tag for tag, _ in reader.tags].count("h1") == 1


@pytest.mark.parametrize("name", PAGES)
def test_french_typography(name):
    text = "".join(read(PAGES[name]("Atelier")).text) + read(PAGES[name]("Atelier")).title
    assert not re.search(r" [:;!?»]|« ", text), text  # a no-break space there, never a plain one
    assert "'" not in text  # the typographic apostrophe


def test_the_join_form_is_labelled_and_sent_to_the_room():
    reader = read(join_page())
    assert ("form", {"method": "get", "action": "/"}) in reader.tags
    [field] = [attrs for tag, attrs in reader.tags if tag == "input"]
    assert field["name"] == "code" and field["id"] == "code" and field["type"] == "text" and "required" in field
    assert ("label", {"for": "code"}) in reader.tags
    assert [tag for tag, attrs in reader.tags if tag == "button" and attrs.get("type") == "submit"]
    assert "Code de la salle" in "".join(reader.text)


def test_a_wrong_code_is_said_and_tied_to_the_field():
    reader = read(join_page(wrong="mauvais"))
    [field] = [attrs for tag, attrs in reader.tags if tag == "input"]
    assert field["aria-describedby"] == "erreur"
    assert ("p", {"class": "error", "role": "alert", "id": "erreur"}) in reader.tags
    assert "Le code «\u00a0mauvais\u00a0» n’ouvre pas cette salle" in "".join(reader.text)
    assert "Entrez le code de la salle" in join_page(wrong="   ")


def test_every_echo_is_escaped():
    for html in (join_page(HOSTILE, wrong=HOSTILE), *(make(HOSTILE) for make in PAGES.values())):
        assert "<img" not in html and 'onerror="' not in html
        assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert len(re.search(r"«\u00a0(.*?)\u00a0»", join_page(wrong="x" * 500)).group(1)) == 40  # kept short


def test_without_a_workshop_title_the_default_one():
    assert read(full_page()).title == f"Salle complète – {DEFAULT_TITLE}"
    assert DEFAULT_TITLE == "Atelier\u00a0– salle"


def _luminance(color: str) -> float:
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, two: str) -> float:
    high, low = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_phone_sizes_and_contrast_in_the_style_sheet():
    css = room_pages._CSS
    assert "font-size: 16px" in css
    for rule in ("input[type=text]", "button, .button"):
        block = css[css.index(rule) :]
        height = int(re.search(r"min-height: (\d+)px", block[: block.index("}")]).group(1))
        assert height >= 44
    assert "width: 100%" in css and "overflow-wrap: anywhere" in css and ":focus-visible" in css
    colours = {  # text, background: WCAG AA for normal text is 4.5:1
        "body": ("#1f1f1f", "#f4f4f4"),
        "card": ("#1f1f1f", "#ffffff"),
        "hint": ("#4a4a4a", "#ffffff"),
        "button": ("#ffffff", "#1a56c4"),
        "error": ("#5c120c", "#fdecea"),
        "field border": ("#555555", "#ffffff"),
    }
    for colour in {c for pair in colours.values() for c in pair} - {"#ffffff", "#555555"}:
        assert colour in css
    for name, (text, background) in colours.items():
        assert contrast(text, background) >= 4.5, name


def test_solara_s_page_rewritten():
    solara = (
        '<!doctype html>\n<html>\n<head>\n    <title>Solara ☀️</title>\n    <meta charset="utf-8">\n'
        '    <meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1, '
        'user-scalable=no, minimal-ui">\n</head><body><title>autre</title></body></html>'
    )
    out = rewrite_page(solara, 'Atelier "<b>"')
    assert '<html lang="fr">' in out and "<title>Atelier &quot;&lt;b&gt;&quot;</title>" in out
    assert "user-scalable" not in out and 'content="width=device-width, initial-scale=1">' in out
    assert "<title>autre</title>" in out  # only the page's own title
    assert rewrite_page('<html lang="">x', "t").startswith('<html lang="fr">')


def test_the_page_title_is_the_workshop_s(tmp_path):
    assert page_title(RoomSite(tmp_path, "atelier42", "K" * 43, bytes(32))) == "Établi – Innovation sociale"
    assert page_title(None) == ""

    class Broken:
        @property
        def kit(self):
            raise ValueError("contenu cassé")

    assert page_title(Broken()) == ""  # type: ignore[arg-type]


def test_solaras_own_words_on_a_lost_connection_are_said_in_french():
    from pathlib import Path

    import solara.server

    template = (Path(solara.server.__file__).parent / "templates" / "solara.html.j2").read_text(encoding="utf-8")
    assert "Server" in template and "Could not restore session" in template  # what is rewritten is still there
    french = rewrite_page(template, "Atelier")
    for english in ("disconnected", "Could not restore", "Restoring session", "Please refresh", "Refresh now"):
        assert english not in french
    assert "Connexion perdue" in french and "rechargez la page" in french
    bars = re.findall(r"<v-progress-(?:linear|circular)\b[^>]*>", french)
    assert len(bars) == 3  # the busy bar, the lost connection's circle, the restoring session's circle
    assert all(f'aria-label="{PROGRESS_NAME}"' in bar for bar in bars)
    assert french.count("Chargement de la salle") == 1 and french.index("Chargement de la salle") < french.index(
        "</head>"
    )
