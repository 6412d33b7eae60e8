"""Project cards as files: PNG, one PDF for a whole class, self-contained HTML; and the notebooks' button.

:func:`card_png`, :func:`card_pdf` and :func:`card_html` turn
:class:`~isgrille.analysis.card.ProfileCard` s into bytes or text;
:func:`write_cards` writes them to a folder, one file per card and format,
named from the project (:func:`card_filename`: accents dropped, anything
but letters, digits, ``-`` and ``_`` replaced, at most 60 characters, always
starting ``fiche_`` — never a hidden file, a path or a name Windows
reserves; two projects of one name get ``-2``, ``-3``…). Each file is
written to a temporary file beside it and renamed: a failed write leaves the
previous file of that name as it was. :func:`card_button` is the cell of
notebooks 02 and 04: « Télécharger ma fiche projet ».

Every card carries ``attribution`` (``attribution_of(workshop, grid)``; by default the shipped workshop's,
:func:`~.card_html.default_attribution`): a visible footer, the PNG's text chunks, the PDF's document information.

>>> card_filename("../../Ma recyclerie ♻ été", "pdf")
'fiche_Ma_recyclerie_ete.pdf'
>>> taken = set()
>>> [card_filename("CON", "png", taken), card_filename("con", "png", taken)]
['fiche_CON.png', 'fiche_con-2.png']
"""

from __future__ import annotations

import io
import math
import multiprocessing
import os
import pickle
import re
import threading
import traceback
import unicodedata
import warnings
from collections.abc import Callable, Generator, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from ..analysis.card import ProfileCard, card_from_results
from ..content.attribution import Attribution, attribution_of
from ..content.errors import ContentError, os_error_text
from ..content.model import Grid
from ..results.atomic import write_atomic
from ..results.learner import LearnerResults
from .card_html import card_html, default_attribution

__all__ = [
    "FORMATS",
    "card_button",
    "card_downloads",
    "card_filename",
    "card_html",
    "card_pdf",
    "card_png",
    "class_downloads",
    "default_attribution",
    "results_card_files",
    "write_cards",
]

#: The formats :func:`write_cards` knows, by file extension.
FORMATS = ("png", "pdf", "html")
#: From this many cards on, :func:`write_cards` draws them in worker processes (one per core).
POOL_THRESHOLD = 8
_CHUNK = 4  # most cards a worker draws per task: the progress bar moves, the grid is not sent again
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


_SHEETS = threading.local()


def _sheet():
    """This thread's :class:`~isgrille.plots.card.CardSheet`: the cards of a grid drawn one after the other on it."""
    from ..plots.card import CardSheet

    if not hasattr(_SHEETS, "sheet"):
        _SHEETS.sheet = CardSheet()
    return _SHEETS.sheet


def card_png(card: ProfileCard, grid: Grid, dpi: int = 100, attribution: Attribution | None = None) -> bytes:
    """The card as a PNG of an A4 page (827 × 1169 pixels at 100 dpi), its attribution in its text chunks."""
    attribution = attribution or default_attribution(grid)
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from")
        _sheet().draw(card, grid, attribution).savefig(
            buffer, format="png", dpi=dpi, facecolor="white", metadata=attribution.png_metadata()
        )
    return buffer.getvalue()


def card_pdf(
    cards: Sequence[ProfileCard],
    grid: Grid,
    progress: Callable[[Iterable], Iterable] | None = None,
    attribution: Attribution | None = None,
) -> bytes:
    """One PDF, one A4 page per card (a whole class in one file), each signed; ValueError for no card at all."""
    from matplotlib.backends.backend_pdf import PdfPages

    if not cards:
        raise ValueError("aucune fiche à mettre dans le PDF (attendu\u00a0: au moins un projet)")
    attribution = attribution or default_attribution(grid)
    title = f"Fiche projet — {cards[0].project}" if len(cards) == 1 else f"Fiches projet ({len(cards)} projets)"
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from")
        with PdfPages(buffer, metadata={**attribution.pdf_metadata(), "Title": title, "Creator": "isgrille"}) as pdf:
            for card in progress(cards) if progress else cards:
                pdf.savefig(_sheet().draw(card, grid, attribution), facecolor="white")
    return buffer.getvalue()


def card_filename(project: str, extension: str, taken: set[str] | None = None) -> str:
    """A safe file name for a project's card, unique among ``taken`` (compared case-insensitively; updated)."""
    ascii_name = unicodedata.normalize("NFKD", project).encode("ascii", "ignore").decode("ascii")
    stem = _UNSAFE.sub("_", ascii_name).strip("_-")[:60].strip("_-") or "projet"
    name, n = f"fiche_{stem}.{extension}", 1
    while taken is not None and name.casefold() in taken:
        n += 1
        name = f"fiche_{stem}-{n}.{extension}"
    if taken is not None:
        taken.add(name.casefold())
    return name


def write_cards(
    cards: Sequence[ProfileCard],
    grid: Grid,
    out_dir: str | Path,
    formats: Sequence[str] = ("png",),
    progress: Callable[[Iterable], Iterable] | None = None,
    workers: int | None = None,
    attribution: Attribution | None = None,
) -> list[Path]:
    """Write each card in each format to ``out_dir`` (created if need be); return the files written.

    Names come from :func:`card_filename`, unique within the call; a file of
    the same name from an earlier run is replaced (atomically). ``progress``
    wraps the iteration over the cards (e.g. ``tqdm.tqdm``). From
    :data:`POOL_THRESHOLD` cards on, they are drawn by one spawned process
    per core (``workers`` sets how many; 1 draws here); files are written
    here, in order, and a worker's error is raised as it would be here, after
    the cards before it are written; if no worker can start (a script that
    calls this outside ``if __name__ == "__main__":``, as multiprocessing's
    spawn requires), the cards are drawn here. A format that
    is not one of :data:`FORMATS` raises ValueError; a folder or file that
    cannot be written, :class:`~isgrille.content.errors.ContentError` in French.
    Each card carries ``attribution`` (by default :func:`default_attribution`).
    """
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"format de fiche '{unknown[0]}' inconnu (attendu\u00a0: {', '.join(FORMATS)})")
    folder = Path(out_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ContentError.single(
            folder, f"dossier des fiches impossible à créer\u00a0: {os_error_text(exc)}"
        ) from None
    taken: set[str] = set()
    written: list[Path] = []
    attribution = attribution or default_attribution(grid)
    rendered = _rendered(cards, (grid, attribution), tuple(formats), _workers(len(cards), workers))
    try:
        for card, files in zip(progress(cards) if progress else cards, rendered, strict=True):
            for extension, data in zip(formats, files, strict=True):
                path = folder / card_filename(card.project, extension, taken)
                try:
                    write_atomic(path, data)
                except OSError as exc:
                    raise ContentError.single(path, f"fiche non écrite\u00a0: {os_error_text(exc)}") from None
                written.append(path)
    finally:
        rendered.close()  # stops the workers at once if a write failed
    return written


def _render(card: ProfileCard, signed: tuple[Grid, Attribution], formats: Sequence[str]) -> list[bytes]:
    """The card's bytes in each format, in order (``signed``: the grid and the attribution)."""
    grid, attribution = signed
    draw = {
        "png": lambda: card_png(card, grid, attribution=attribution),
        "pdf": lambda: card_pdf([card], grid, attribution=attribution),
        "html": lambda: card_html(card, grid, attribution=attribution).encode("utf-8"),
    }
    return [draw[extension]() for extension in formats]


def _workers(cards: int, asked: int | None) -> int:
    """How many processes draw ``cards`` cards: ``asked`` if given, else one per core from POOL_THRESHOLD cards."""
    if asked is not None:
        return max(1, asked)
    if cards < POOL_THRESHOLD:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return min(cores, cards)


def _rendered(
    cards: Sequence[ProfileCard], signed: tuple[Grid, Attribution], formats: tuple[str, ...], workers: int
) -> Generator[list[bytes], None, None]:
    """Each card's files, in the cards' order: here, or drawn by ``workers`` spawned processes.

    A worker's error is raised here as it was raised there, once the cards
    before it are yielded (as a serial run would); if the pool cannot start
    or a worker dies, the cards not yet yielded are drawn here.
    """
    done, error = 0, None
    if workers > 1 and len(cards) > 1:
        size = max(1, min(_CHUNK, math.ceil(len(cards) / (workers * 4))))
        chunks = [cards[i : i + size] for i in range(0, len(cards), size)]
        pool = None
        try:
            pool = ProcessPoolExecutor(
                min(workers, len(chunks)),
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(signed,),
            )
            futures = [pool.submit(_render_chunk, chunk, formats) for chunk in chunks]
            for future in futures:
                files, failure = future.result()
                for item in files:
                    yield item
                    done += 1
                if failure is not None:
                    error = _rebuilt(failure)
                    break
        except (BrokenProcessPool, OSError, NotImplementedError):
            pass  # no pool here, or a worker killed (memory?): the rest is drawn in this process
        finally:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
    if error is not None:
        raise error
    for card in cards[done:]:
        yield _render(card, signed, formats)


#: The grid and the attribution of a worker process (sent once, when it starts).
_GRID: tuple[Grid, Attribution] | None = None


def _start_worker(signed: tuple[Grid, Attribution]) -> None:
    global _GRID
    _GRID = signed


def _render_chunk(cards: Sequence[ProfileCard], formats: tuple[str, ...]) -> tuple[list[list[bytes]], tuple | None]:
    """In a worker: the files of the cards, up to the first that fails, and that failure (see :func:`_portable`)."""
    signed = _GRID
    if signed is None:  # set when the worker starts (_start_worker, the pool's initializer)
        raise RuntimeError("processus de rendu des fiches démarré sans sa grille")
    files = []
    for card in cards:
        try:
            files.append(_render(card, signed, formats))
        except Exception as exc:  # noqa: BLE001 — any error of one card is handed back to the parent, which raises it
            return files, _portable(exc)
    return files, None


def _portable(exc: Exception) -> tuple:
    """An error as it can cross to the parent: itself if pickling keeps it, else its class, message and problems."""
    trace = traceback.format_exc()
    if isinstance(exc, ContentError):  # rebuilt from its problems: pickling would read its message as problems
        return None, type(exc), str(exc), (exc.problems, exc.count), trace
    try:
        copy = pickle.loads(pickle.dumps(exc))
        if type(copy) is type(exc) and str(copy) == str(exc):
            return exc, type(exc), str(exc), None, trace
    except Exception:  # noqa: BLE001 — an error that cannot be pickled is sent as a RuntimeError
        pass
    return None, RuntimeError, str(exc), None, trace


def _rebuilt(failure: tuple) -> BaseException:
    """The worker's error, same class and message (a ContentError with its problems), its trace in a note."""
    error, kind, message, problems, trace = failure
    if error is None and problems is not None:  # a ContentError: its problems set again, its message kept
        error = kind.__new__(kind)
        Exception.__init__(error, message)
        error.problems, error.count = problems
    elif error is None:
        error = RuntimeError(message)
    error.add_note(f"(dans un processus de rendu des fiches)\n{trace}")
    return error


def results_card_files(
    grid: Grid, results: LearnerResults, outline: Sequence | None = None, attribution: Attribution | None = None
) -> list:
    """The learner's card as downloads: the PDF, then the web page (for :mod:`isgrille.widgets.card_download`)."""
    return card_downloads(card_from_results(grid, results, outline), grid, attribution=attribution)


def card_downloads(
    card: ProfileCard, grid: Grid, label: str = "Fiche projet", attribution: Attribution | None = None
) -> list:
    """One card as downloads: the PDF, then the web page, their links' words starting with ``label``."""
    from ..widgets.card_download import Download

    attribution = attribution or default_attribution(grid)
    return [
        Download(
            f"{label} (PDF)",
            card_filename(card.project, "pdf"),
            "application/pdf",
            card_pdf([card], grid, attribution=attribution),
        ),
        Download(
            f"{label} (page web)",
            card_filename(card.project, "html"),
            "text/html",
            card_html(card, grid, attribution=attribution).encode("utf-8"),
        ),
    ]


def class_downloads(grid: Grid, records: Sequence, outline=None, attribution: Attribution | None = None) -> list:
    """A room's or a class's projects (:class:`~isgrille.analysis.tidy.ProjectRecord`): every card in one PDF."""
    from ..analysis.card import card_from_record
    from ..widgets.card_download import Download

    cards = [card_from_record(grid, record, outline) for record in records]
    return [
        Download(
            f"Toutes les fiches ({len(cards)} projets, PDF)",
            "fiches_salle.pdf",
            "application/pdf",
            card_pdf(cards, grid, attribution=attribution),
        )
    ]


def card_button(kit, sequence: int):
    """« Télécharger ma fiche projet » for a notebook: the kit's grid and store, the sequence's pitch outline."""
    from ..widgets.card_download import card_download

    pitch = kit.workshop.sequence(sequence).pitch
    outline = pitch.outline if pitch is not None else None
    return card_download(
        kit.grid,
        kit.store,
        lambda grid, results: results_card_files(grid, results, outline, attribution_of(kit.workshop, grid)),
    )
