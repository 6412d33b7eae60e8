"""The workshop's file model: objectives, programme, sequences, ATIS, offers.

``data/workshop.yaml`` describes the day itself. There is no separate domain
object: the validated, frozen model is what notebooks read
(``load_workshop().atis.vision``). ``data/schema/workshop.schema.json`` is
generated from it.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from .fields import Id, Prose, Text, check_unique
from .validation import PATTERNS, FileModel, LocatedError

__all__ = [
    "Offer",
    "ProgrammeEntry",
    "Resource",
    "Sequence",
    "Workshop",
    "minutes_of",
]

Time = Annotated[str, StringConstraints(pattern=PATTERNS["time"])]


def minutes_of(time: str) -> int:
    """Minutes since midnight of an ``HH:MM`` time.

    >>> minutes_of("09:40")
    580
    """
    hours, minutes = time.split(":")
    return int(hours) * 60 + int(minutes)


class Contact(FileModel):
    name: Text
    organisation: Prose = ""
    email: str = ""


class ProgrammeEntry(FileModel):
    start: Time = Field(description="Start time, HH:MM.")
    label: Text
    sequence: int | None = Field(default=None, description="Number of the sequence; none for a break.")
    note: Prose = ""


class Programme(FileModel):
    title: Text
    end: Time
    entries: list[ProgrammeEntry] = Field(min_length=1)

    def minutes(self, index: int) -> int:
        """Duration of entry ``index``: until the next entry, or the end."""
        following = self.entries[index + 1].start if index + 1 < len(self.entries) else self.end
        return minutes_of(following) - minutes_of(self.entries[index].start)


class Step(FileModel):
    label: Text
    minutes: int = Field(gt=0)


class OutlinePart(FileModel):
    id: Text
    label: Text


class Pitch(FileModel):
    minutes: int = Field(gt=0)
    outline: list[OutlinePart] = Field(min_length=1)


class Exchange(FileModel):
    minutes: int = Field(gt=0)
    label: Text
    topics: list[Text] = Field(min_length=1)


class Sequence(FileModel):
    number: int = Field(gt=0)
    id: Id
    title: Text
    tools_title: Prose = ""
    tools: list[Text] = []
    exercise_title: Prose = ""
    instructions: list[Text] = []
    steps: list[Step] = []
    pitch: Pitch | None = None
    exchange: Exchange | None = None
    speakers: list[Text] = []


class Atis(FileModel):
    name: Text
    tagline: Prose = ""
    vision: Text
    mission: Text
    figures: list[Text] = []
    territory: Text


class Stage(FileModel):
    id: Id
    label: Text


class Offer(FileModel):
    id: Id
    name: Text
    stage: Id = Field(description="Id of one of the workshop's stages.")
    description: Text


class Resource(FileModel):
    title: Text
    author: Prose = ""
    date: str = ""
    url: Annotated[str, StringConstraints(pattern=PATTERNS["url"])] | None = None


class Workshop(FileModel):
    """The workshop: its programme, sequences, ATIS, its offers and resources."""

    kind: Literal["workshop"] = "workshop"
    title: Text
    date: str = ""
    organisation: Prose = ""
    contact: Contact | None = None
    license: str = ""
    adaptation: Prose = Field(
        "",
        description="How this content differs from its source (French; empty when taken as it is): shown "
        "in every attribution.",
    )
    derived_from: Prose = Field(
        "",
        description="The work this workshop is adapted from, with its author, year and licence (French; empty "
        "for an original work): a content pack made from the shipped one names it, in every "
        "attribution.",
    )
    objectives: list[Text] = Field(min_length=1)
    programme: Programme
    sequences: list[Sequence] = Field(min_length=1)
    atis: Atis
    stages: list[Stage] = Field(min_length=1)
    offers: list[Offer] = []
    resources: list[Resource] = []

    @model_validator(mode="after")
    def _coherent(self) -> Workshop:
        check_unique([s.id for s in self.sequences], ("sequences",), "identifiant de séquence", field="id")
        check_unique([str(s.number) for s in self.sequences], ("sequences",), "numéro de séquence", field="number")
        check_unique([s.id for s in self.stages], ("stages",), "identifiant d'étape", field="id")
        check_unique([o.id for o in self.offers], ("offers",), "identifiant d'offre", field="id")
        numbers = {s.number for s in self.sequences}
        entries = self.programme.entries
        for index, entry in enumerate(entries):
            if entry.sequence is not None and entry.sequence not in numbers:
                raise LocatedError(
                    f"séquence {entry.sequence} inconnue (attendu\u00a0: {', '.join(map(str, sorted(numbers)))})",
                    ("programme", "entries", index, "sequence"),
                )
            following = entries[index + 1].start if index + 1 < len(entries) else self.programme.end
            if minutes_of(following) <= minutes_of(entry.start):
                raise LocatedError(
                    f"horaire {entry.start} suivi de {following}\u00a0: les horaires doivent être croissants",
                    ("programme", "entries", index, "start"),
                )
        stage_ids = [s.id for s in self.stages]
        for index, offer in enumerate(self.offers):
            if offer.stage not in stage_ids:
                raise LocatedError(
                    f"étape '{offer.stage}' inconnue (attendu\u00a0: {', '.join(stage_ids)})",
                    ("offers", index, "stage"),
                )
        return self

    def sequence(self, number: int) -> Sequence:
        """The sequence with this number."""
        for seq in self.sequences:
            if seq.number == number:
                return seq
        raise KeyError(f"séquence {number} inconnue")

    def sequence_minutes(self, number: int) -> int:
        """Minutes the programme gives to a sequence (sum of its entries).

        The default workshop gives 40 minutes to sequence 2 (09:50 to 10:30).
        """
        return sum(
            self.programme.minutes(i) for i, entry in enumerate(self.programme.entries) if entry.sequence == number
        )

    def offers_for(self, stage: str) -> list[Offer]:
        """ATIS's offers serving a project at this stage (``inventer``, ``incuber``…)."""
        return [o for o in self.offers if o.stage == stage]
