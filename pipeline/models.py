"""The records that stages exchange: extracted articles, events and tallies."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class ExtractedArticle:
    """One page's article: clean text for display, normalized text for matching."""

    title: str | None
    published: datetime | None
    text: str
    normalized: str
    language: str
    canonical_url: str | None = None


@dataclass(frozen=True)
class Event:
    """One attack, in the schema of shared/eval/FORMAT.md, with the sentence it came from."""

    type: str
    perpetrator: str
    target: str | None
    governorate: str | None
    place: str | None
    date: date | None
    date_precision: str | None
    killed: int | None
    wounded: int | None
    evidence: str

    def to_json(self) -> dict:
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        return data

    @classmethod
    def from_json(cls, data: dict) -> Event:
        """The event of a to_json() record (an extract record, a gold event made concrete)."""
        when = data.get("date")
        return cls(data["type"], data.get("perpetrator") or "unknown", data.get("target"),
                   data.get("governorate"), data.get("place"),
                   date.fromisoformat(when) if isinstance(when, str) else when,
                   data.get("date_precision"), data.get("killed"), data.get("wounded"),
                   data.get("evidence") or "")


@dataclass(frozen=True)
class Tally:
    """A figure summed over a period ("37 killed during February"): never an event."""

    period: str
    perpetrator: str | None
    target: str | None
    governorate: str | None
    killed: int | None
    wounded: int | None
    evidence: str

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Extraction:
    events: list[Event] = field(default_factory=list)
    tallies: list[Tally] = field(default_factory=list)
