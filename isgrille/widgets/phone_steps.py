"""The live room's welcome on a phone: the workshop, « Mon projet », and the download of one's results.

:class:`PhoneWelcome` is the room's first step: the workshop's title and
organisation, the project's name (saved as typed; never required to follow
the trainer) and a link that downloads the learner's results file — a
``data:`` URI renewed after every save on any step, as in the session panel
(:mod:`~isgrille.widgets.session`), but without the panel's resume from a
file (in the room, the work is found again by reopening the room's link).

:data:`PHONE_CSS` fits the kit's widgets to a phone's width (360–414 px),
inside an element of class ``isg-room``: nothing past the edge, cut or
ellipsised; buttons and toggle buttons wrap their whole text, full width,
answers and ratings at least 44 px tall; body text 16 px in the kit's fonts;
tables reflow; colours with WCAG AA contrast.
"""

from __future__ import annotations

import ipywidgets as w

from ..content.model import NB
from ..content.typography import french
from ..results.learner import LearnerResults
from ..results.store import ResultsStore, results_data_uri
from .session import ROOM_NOTE
from .status import SaveStatus
from .text import STYLE, escape
from .welcome import attribution_html

__all__ = ["PHONE_CSS", "PhoneWelcome", "phone_welcome"]


class PhoneWelcome(w.VBox):
    """``project`` names the project (saved in ``store``); ``download`` links the results file."""

    def __init__(
        self, workshop, store: ResultsStore, filename: str = "mes_resultats.json", licence_href: str | None = None
    ):
        self.store, self.filename = store, filename
        results = store.load()
        organisation = f"<p>{escape(workshop.organisation)}</p>" if workshop.organisation else ""
        self.heading = w.HTML(f"{STYLE}<h2>{escape(workshop.title)}</h2>{organisation}")
        self.project = w.Text(
            value=results.project,
            description=f"Mon projet{NB}:",
            placeholder="Le nom de votre projet",
            continuous_update=True,
            style={"description_width": "initial"},
            layout=w.Layout(width="100%"),
        )
        self.project.add_class("isg-field")
        self.project.observe(lambda change: self._rename(change["new"]), names="value")
        self.status = SaveStatus(store)
        self.hint = w.HTML(
            "<p><small>Vous pouvez le nommer plus tard : vous suivez le formateur dès maintenant.</small></p>"
        )
        self.download = w.HTML()
        self.note = w.HTML(f"<p><small>{french(ROOM_NOTE)}</small></p>")
        notice = w.HTML(f'<div class="isg-notice">{escape(store.notice)}</div>' if store.notice else "")
        credit = w.HTML(attribution_html(workshop, store.grid, href=licence_href))  # whose work, and its licence
        super().__init__([self.heading, self.project, self.status, self.hint, notice, self.download, self.note, credit])
        self.add_class("isg-phone-welcome")
        self.refresh(results)
        store.subscribe(self.refresh)  # a save on any step renews the link

    def refresh(self, results: LearnerResults | None = None) -> None:
        """Renew the download link with the current results."""
        results = results if results is not None else self.store.load()
        self.download.value = (
            f'<p><a class="isg-download" download="{escape(self.filename)}" '
            f'href="{results_data_uri(results, self.store.grid)}">⬇ Télécharger mes résultats</a></p>'
        )

    def _rename(self, name: str) -> None:
        self.status.save(lambda r: setattr(r, "project", name))


def phone_welcome(workshop, store: ResultsStore, licence_href: str | None = None) -> PhoneWelcome:
    """The room's welcome step for the learner whose results are in ``store`` (``licence_href``: where
    LICENSE-CONTENT is served, cited by the attribution at the step's foot)."""
    return PhoneWelcome(workshop, store, licence_href=licence_href)


_FONT = '"DejaVu Sans", Verdana, Arial, sans-serif'
#: The phone's CSS for the room's page (scoped to ``.isg-room``).
PHONE_CSS = """
.isg-room { --jp-widgets-font-size: 16px; --jp-widgets-inline-width: 100%; --jp-widgets-inline-width-short: 100%;
  --jp-widgets-inline-label-width: auto; font-family: FONT; font-size: 16px; line-height: 1.45; color: #1f1f1f;
  background: #fff; width: 100%; max-width: 46em; margin: 0 auto; padding: 8px 12px 40px; box-sizing: border-box;
  overflow-wrap: anywhere; }
.isg-room *, .isg-room *::before, .isg-room *::after { box-sizing: border-box; max-width: 100%; }
.isg-room .jupyter-widgets, .isg-room .widget-html-content, .isg-room .jupyter-widget-html-content,
.isg-room input, .isg-room textarea, .isg-room button { font-family: FONT; font-size: 16px; }
.isg-room .widget-html-content, .isg-room .jupyter-widget-html-content { line-height: 1.45; }
.isg-room .widget-box, .isg-room .widget-vbox, .isg-room .widget-hbox, .isg-room .jupyter-widgets { min-width: 0; }
.isg-room .widget-hbox { flex-wrap: wrap; }
.isg-room h2 { font-size: 1.4em; margin: 0.4em 0; line-height: 1.25; }
.isg-room h3 { font-size: 1.2em; margin: 0.8em 0 0.3em; line-height: 1.3; }
.isg-room h4 { font-size: 1.05em; margin: 0.6em 0 0.3em; line-height: 1.3; }
.isg-room small { font-size: 16px; }
.isg-room .isg-steps { flex-wrap: wrap; gap: 8px; margin: 0; }
.isg-room .isg-step.v-btn { min-height: 44px; height: auto !important; min-width: 44px; padding: 8px 12px;
  text-transform: none; letter-spacing: normal; font-size: 16px; white-space: normal; }
.isg-room .isg-step.v-btn.v-btn--disabled { color: #5f5f5f !important; border: 1px dashed #767676; }
.isg-room .jupyter-button { white-space: normal; height: auto; min-height: 44px; line-height: 1.35;
  overflow: visible; text-overflow: clip; padding: 8px 12px; width: auto; max-width: 100%; }
.isg-room .isg-choices, .isg-room .isg-choices > div { display: flex; flex-direction: column; align-items: stretch;
  width: 100%; gap: 8px; line-height: 1.35; }
.isg-room .isg-choices .jupyter-button { width: 100% !important; margin: 0 !important; text-align: left;
  border: 2px solid #595959; border-radius: 6px; background: #fff; color: #1f1f1f; }
.isg-room .isg-choices .jupyter-button.mod-active { background: #0b4f9c; border-color: #0b4f9c; color: #fff; }
.isg-room .isg-choices .jupyter-button.mod-active::before { content: "✔ "; }
.isg-room .isg-choices .jupyter-button:disabled { opacity: 1; cursor: default; }
.isg-room .widget-label, .isg-room .jupyter-widget-label, .isg-room .widget-label-basic,
.isg-room .jupyter-widget-label-basic { white-space: normal; overflow: visible; text-overflow: clip; width: auto;
  height: auto; text-align: left; line-height: 1.35; font-size: 16px; color: #1f1f1f; }
.isg-room .widget-text, .isg-room .jupyter-widget-text, .isg-room .widget-textarea,
.isg-room .jupyter-widget-textarea { display: flex; flex-direction: column; align-items: stretch; width: 100%;
  height: auto; gap: 4px; }
.isg-room input[type="text"] { min-height: 44px; height: 44px; width: 100%; font-size: 16px; }
.isg-room textarea { width: 100%; min-height: 5em; font-size: 16px; }
.isg-room .widget-checkbox, .isg-room .jupyter-widget-checkbox { width: 100%; height: auto; }
.isg-room .widget-checkbox label, .isg-room .jupyter-widget-checkbox label { display: flex; align-items: center;
  gap: 10px; min-height: 44px; white-space: normal; overflow: visible; text-overflow: clip; line-height: 1.35; }
.isg-room input[type="checkbox"] { width: 24px; height: 24px; min-width: 24px; margin: 0; flex: 0 0 24px; }
.isg-room table { width: 100%; table-layout: fixed; border-collapse: collapse; }
.isg-room th, .isg-room td { overflow-wrap: anywhere; hyphens: auto; }
.isg-room img { max-width: 100%; height: auto; }
.isg-room .isg-examples { grid-template-columns: 1fr !important; }
.isg-room .isg-statement { font-size: 1.2em; }
.isg-room a.isg-download, .isg-room a.jupyter-button { display: inline-block; min-height: 44px;
  padding: 10px 14px !important; margin: 4px 8px 4px 0; border: 2px solid #0b4f9c; border-radius: 6px;
  color: #0b4f9c; background: #fff; text-decoration: none; white-space: normal; line-height: 1.35; }
.isg-room .isg-good { color: #005a32; } .isg-room .isg-bad { color: #8c1c13; }
.isg-room .isg-away { gap: 8px; padding: 8px; border-left: 6px solid #0b4f9c; background: #eef3fb; }
.isg-room .isg-phone-welcome, .isg-room .isg-phone-quiz, .isg-room .isg-phone-grid, .isg-room .isg-phone-rating,
.isg-room .isg-rating-cards, .isg-room .isg-field { width: 100%; min-width: 0; }
.isg-room .isg-criterion { margin: 1em 0 0.4em; }
""".replace("FONT", _FONT)
