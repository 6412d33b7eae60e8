"""The word cloud of « mon projet en 2 mots »: sized by count, the counts in text too, the words escaped."""

from __future__ import annotations

import re

from isgrille.analysis.room_live import word_counts
from isgrille.widgets.room_words import LARGEST, SMALLEST, RoomWords, words_html

from .reading import table_rows, text_of

HOSTILE = "<img src=x onerror=alert(1)>"


def sizes(html: str) -> list[float]:
    return [float(size) for size in re.findall(r'<li style="font-size: ([0-9.]+)em', html)]


def test_words_are_sized_by_count_and_each_says_its_count():
    page = words_html([("recyclerie", 5), ("solidaire", 3), ("local", 1)], projects=6)
    assert sizes(page) == [LARGEST, (SMALLEST + LARGEST) / 2, SMALLEST]
    text = text_of(page)
    assert "recyclerie (5)" in text and "solidaire (3)" in text and "local (1)" in text
    assert "Mon projet en 2 mots (6 projets)" in text


def test_a_table_lists_every_word_and_its_count():
    page = words_html([("recyclerie", 5), ("local", 1)])
    assert table_rows(page) == [["Mot", "Nombre"], ["recyclerie", "5"], ["local", "1"]]
    assert "<summary>Les mots et leur nombre (2 mots)</summary>" in page
    assert 'aria-label="Nuage de mots' in page


def test_learner_text_is_escaped():
    page = words_html([(HOSTILE, 2), ('"><script>x</script>', 1)])
    assert "<img" not in page and "<script>" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_words_counted_from_hostile_pitches_stay_text():
    page = words_html(word_counts([HOSTILE, "Épicerie <b>solidaire</b>"]))
    assert "<img" not in page and "<b>" not in page and "Épicerie" in text_of(page)


def test_equal_counts_share_one_size_and_no_words_says_where_they_come_from():
    assert len(set(sizes(words_html([("un", 2), ("deux", 2)])))) == 1
    empty = words_html([])
    assert "Pas encore de mots" in text_of(empty) and "<li" not in empty


def test_the_screen_shows_what_it_is_given():
    screen = RoomWords()
    assert "Pas encore de mots" in text_of(screen.cloud.value)
    screen.show([("tiers-lieu", 2)], projects=2)
    assert "tiers-lieu (2)" in text_of(screen.cloud.value)
