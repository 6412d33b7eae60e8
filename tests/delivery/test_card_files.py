"""Card files: an A4 PNG, one PDF page per card, a self-contained escaped web page, safe names, no overwrite."""

from __future__ import annotations

import dataclasses
import io
import pickle
import re

import pytest
from PIL import Image

from isgrille import load_assessments, load_grid
from isgrille.analysis.card import card_data, cards_by_project
from isgrille.content.errors import ContentError, Problem
from isgrille.delivery import card_files
from isgrille.delivery.card_files import card_filename, card_pdf, card_png, write_cards
from tests.grids import make_grid


@pytest.fixture(scope="module")
def grid():
    return load_grid()


@pytest.fixture(scope="module")
def cards(grid):
    return cards_by_project(grid, load_assessments(grid=grid))[:3]


def pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


def test_png_is_an_a4_page(grid, cards):
    image = Image.open(io.BytesIO(card_png(cards[0], grid)))
    assert image.format == "PNG" and abs(image.height / image.width - 297 / 210) < 0.01


def test_pdf_has_one_page_per_card(grid, cards):
    pdf = card_pdf(cards, grid)
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF") and pages(pdf) == 3
    assert pages(card_pdf(cards[:1], grid)) == 1
    with pytest.raises(ValueError, match="aucune fiche"):
        card_pdf([], grid)


def test_file_names_are_safe_and_unique():
    taken: set[str] = set()
    names = [
        card_filename(p, "png", taken) for p in ["../../x", "CON", "con", "🌱🌱", "é" * 300, "a/b\\c:d", ".cache", "x"]
    ]
    assert names[:4] == ["fiche_x.png", "fiche_CON.png", "fiche_con-2.png", "fiche_projet.png"]
    assert names[-1] == "fiche_x-2.png" and all(len(n) <= 80 for n in names)
    assert all(re.fullmatch(r"fiche_[A-Za-z0-9_-]+\.png", n) for n in names)


def test_write_cards_never_overwrites_within_a_run_nor_escapes(tmp_path, grid):
    cards = [card_data(grid, name, []) for name in ["../../x", "../../x", "CON", "🌱"]]
    calls = []
    written = write_cards(
        cards,
        grid,
        tmp_path / "fiches",
        formats=("png", "html"),
        progress=lambda items: calls.append(len(items)) or items,
    )
    assert calls == [4] and len(written) == len(set(written)) == 8
    assert all(path.parent == tmp_path / "fiches" and path.exists() for path in written)
    assert sorted(p.name for p in (tmp_path / "fiches").iterdir()) == sorted(p.name for p in written)
    assert not list(tmp_path.glob("x*"))


def test_a_failed_write_keeps_the_previous_file(tmp_path, grid, monkeypatch):
    card = card_data(grid, "P", [])
    [path] = write_cards([card], grid, tmp_path, formats=("html",))
    before = path.read_bytes()

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(card_files.os, "replace", broken)
    with pytest.raises(ContentError, match="disque plein"):
        write_cards([card_data(grid, "P", [], learner="autre")], grid, tmp_path, formats=("html",))
    assert path.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == [path.name]


def test_unknown_format_and_unwritable_folder(tmp_path, grid):
    with pytest.raises(ValueError, match="format de fiche 'docx' inconnu"):
        write_cards([], grid, tmp_path, formats=("docx",))
    blocker = tmp_path / "fichier"
    blocker.write_text("x")
    with pytest.raises(ContentError, match="dossier des fiches impossible à créer"):
        write_cards([], grid, blocker / "fiches")


HOSTILE = ["../../x", "CON", "$x^$ <script>", "../../x", "é" * 300, "Projet\x00nul", "🌱", "P"]


def test_the_pool_writes_the_same_files_as_this_process(tmp_path, grid, cards, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # the PDF's date, in the workers too
    many = [dataclasses.replace(cards[i % len(cards)], project=name) for i, name in enumerate(HOSTILE)]
    calls = []
    serial = write_cards(many, grid, tmp_path / "ici", formats=("png", "pdf", "html"), workers=1)
    pooled = write_cards(
        many,
        grid,
        tmp_path / "pool",
        formats=("png", "pdf", "html"),
        workers=2,
        progress=lambda items: calls.append(len(items)) or items,
    )
    assert calls == [8] and [p.name for p in pooled] == [p.name for p in serial] and len(set(serial)) == 24
    assert all(p.parent == tmp_path / "pool" for p in pooled) and not list(tmp_path.glob("x*"))
    assert [p.read_bytes() for p in pooled] == [p.read_bytes() for p in serial]
    assert sorted(p.name for p in (tmp_path / "pool").iterdir()) == sorted(p.name for p in pooled)


def test_a_worker_error_is_raised_after_the_cards_before_it(tmp_path, grid, cards):
    broken = dataclasses.replace(cards[0], project="Cassé", assessors=("a", "b", "c"))  # 3 names, 2 profiles
    many = [dataclasses.replace(cards[0], project=f"P{i}") for i in range(6)] + [broken, cards[1]]
    errors = []
    for workers, folder in ((1, "ici"), (2, "pool")):
        with pytest.raises(ValueError) as caught:
            write_cards(many, grid, tmp_path / folder, workers=workers)
        errors.append(str(caught.value))
    assert errors[0] == errors[1] and "étiquette" in errors[0]
    assert [sorted(p.name for p in (tmp_path / f).iterdir()) for f in ("ici", "pool")] == [
        [f"fiche_P{i}.png" for i in range(6)]
    ] * 2


def test_worker_errors_cross_back_whole():
    error = ContentError([Problem("a.csv", "niveau inconnu", line=3), Problem("a.csv", "vide", line=4)])
    try:
        raise error
    except ContentError as exc:
        rebuilt = card_files._rebuilt(pickle.loads(pickle.dumps(card_files._portable(exc))))
    assert type(rebuilt) is ContentError and str(rebuilt) == str(error) and rebuilt.problems == error.problems
    assert rebuilt.count == 2 and "a.csv" in rebuilt.__notes__[0]
    try:
        raise KeyError("critère 'x'")
    except KeyError as exc:
        rebuilt = card_files._rebuilt(card_files._portable(exc))
    assert type(rebuilt) is KeyError and str(rebuilt) == str(KeyError("critère 'x'"))


def test_workers_are_used_from_the_threshold_on():
    assert card_files._workers(card_files.POOL_THRESHOLD - 1, None) == 1
    assert card_files._workers(3, 2) == 2 and card_files._workers(100, 0) == 1
    assert 1 <= card_files._workers(100, None) <= 100


def unescape(raw: bytes) -> bytes:
    """A PDF literal string's bytes: ``\\n``, ``\\(``, ``\\ddd``… read back."""
    return re.sub(
        rb"\\([0-7]{1,3}|.)",
        lambda m: (
            bytes([int(m.group(1), 8)])
            if m.group(1)[:1].isdigit()
            else {b"n": b"\n", b"r": b"\r", b"t": b"\t"}.get(m.group(1), m.group(1))
        ),
        raw,
        flags=re.S,
    )


def pdf_page_texts(pdf: bytes) -> list[list[str]]:
    """Each page's text lines, read from the uncompressed content streams (no PDF reader is installed).

    Matplotlib writes each line of a text as ``[ (a) 0.5 (b) … ] TJ`` in a
    ``BT … ET`` block, Latin-1 characters as themselves and the others
    (« – », U+202F) from another font, read here as « ? ».
    """
    pages = []
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        blocks = re.findall(rb"\bBT\b(.*?)\bET\b", stream, re.S)
        if not blocks:
            continue  # a font's glyph, not a page
        lines = []
        for block in blocks:
            parts = []
            for shown in re.findall(rb"\[(.*?)\]\s*TJ", block, re.S):
                strings = re.findall(rb"\(((?:\\.|[^\\)])*)\)", shown, re.S)
                parts.append(b"".join(unescape(x) for x in strings).decode("latin-1"))
            lines.append(re.sub("[\x00-\x1f]", "?", "".join(parts)))
        pages.append(lines)
    return pages


def pdf_info(pdf: bytes) -> dict[str, str]:
    """The PDF's document information (``/Info``), its strings decoded (UTF-16 with a BOM, or ASCII)."""
    info = re.search(rb"/Info (\d+) 0 R", pdf).group(1)
    body = re.search(rb"\n" + info + rb" 0 obj\s*<<(.*?)>>\s*endobj", pdf, re.S).group(1)
    found = {}
    for key, raw in re.findall(rb"/(\w+) \(((?:\\.|[^\\)])*)\)", body, re.S):
        raw = unescape(raw)
        found[key.decode()] = raw[2:].decode("utf-16-be") if raw.startswith(b"\xfe\xff") else raw.decode("latin-1")
    return found


def signed_pdf(cards, grid, **kwargs) -> bytes:
    import matplotlib

    with matplotlib.rc_context({"pdf.compression": 0}):
        return card_pdf(cards, grid, **kwargs)


def foreign(grid):
    from isgrille.content.attribution import attribution_of
    from isgrille.content.loading import load_workshop

    mine = dataclasses.replace(grid, id="maison", title="Grille de X", source="Grille maison de X", adaptation="")
    workshop = load_workshop().model_copy(
        update={"title": "Atelier de X", "organisation": "Collectif X", "license": "CC BY 4.0", "adaptation": ""}
    )
    return mine, attribution_of(workshop, mine)


def test_every_page_of_a_class_pdf_says_whose_work_it_is(grid, cards):
    pdf = signed_pdf(cards, grid)
    texts = pdf_page_texts(pdf)
    assert len(texts) == 3
    for page, card in zip(texts, cards, strict=True):
        shown = "\n".join(page)
        assert card.project.split()[0] in shown
        for said in (
            "Innovation sociale",
            "(ATIS",
            "CC BY-NC-SA 4.0, adapt\xe9.",
            "Grille de caract\xe9risation",
            "Avise et le Mouves",
        ):
            assert said in shown, said
    info = pdf_info(pdf)
    assert info["Title"] == "Fiches projet (3 projets)" and info["Author"].startswith("ATIS")
    assert "Établi – Innovation sociale" in info["Subject"] and "adapté" in info["Subject"]
    assert "CC BY-NC-SA 4.0" in info["Keywords"] and "Grille de caractérisation" in info["Subject"]


def test_the_png_holds_the_attribution_in_its_text_chunks(grid, cards):
    chunks = Image.open(io.BytesIO(card_png(cards[0], grid))).text
    assert chunks["Copyright"] == "ATIS – Catalyseur d'Innovation Sociale, CC BY-NC-SA 4.0"
    assert "Établi – Innovation sociale" in chunks["Source"] and "adapté" in chunks["Source"]
    assert "Grille\u00a0: «\u00a0Grille de caractérisation" in chunks["Description"]


def test_a_grid_and_workshop_from_elsewhere_never_say_atis(grid):
    mine, signed = foreign(make_grid([3, 2], 4))
    cards = [card_data(mine, f"P{i}", [], learner="Camille") for i in range(3)]
    png = Image.open(io.BytesIO(card_png(cards[0], mine, attribution=signed))).text
    pdf = signed_pdf(cards, mine, attribution=signed)
    shown = ["\n".join(page) for page in pdf_page_texts(pdf)]
    assert len(shown) == 3 and all("Grille maison de X" in page and "Collectif X" in page for page in shown)
    assert not [text for text in [*png.values(), *pdf_info(pdf).values(), *shown] if "ATIS" in text]
    assert b"ATIS" not in pdf and png["Copyright"] == "Collectif X, CC BY 4.0"


def test_written_cards_carry_the_attribution_given(tmp_path, grid):
    mine, signed = foreign(make_grid([2], 3))
    paths = write_cards([card_data(mine, "P", [])], mine, tmp_path, ("png", "pdf", "html"), attribution=signed)
    png, pdf, html = (path.read_bytes() for path in paths)
    assert Image.open(io.BytesIO(png)).text["Source"] == signed.work_line()
    assert pdf_info(pdf)["Author"] == "Collectif X" and "Grille maison de X" in html.decode("utf-8")
