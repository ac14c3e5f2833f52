"""The validated contents of a data folder, as records and as pandas frames."""

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Generic, TypeVar

import pandas as pd

from alliance_atlas.dates import precision_of, start_of
from alliance_atlas.schema import (
    Alliance,
    Country,
    Dispute,
    Event,
    Membership,
    Source,
    StatusPeriod,
)

T = TypeVar("T")


@dataclass(frozen=True)
class Located(Generic[T]):
    """A record and the place it was read from."""

    record: T
    file: str
    line: int


@dataclass
class Dataset:
    """Every record of one data folder; frames are built once, on first use."""

    folder: Path
    sources: list[Located[Source]] = field(default_factory=list)
    alliances: list[Located[Alliance]] = field(default_factory=list)
    countries: list[Located[Country]] = field(default_factory=list)
    memberships: list[Located[Membership]] = field(default_factory=list)
    statuses: list[Located[StatusPeriod]] = field(default_factory=list)
    events: list[Located[Event]] = field(default_factory=list)
    disputes: list[Located[Dispute]] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """How many records of each kind were read."""
        names = ("sources", "alliances", "countries", "memberships", "statuses", "events")
        return {name: len(getattr(self, name)) for name in (*names, "disputes")}

    @cached_property
    def alliance_by_id(self) -> dict[str, Alliance]:
        return {item.record.id: item.record for item in self.alliances}

    @cached_property
    def country_by_code(self) -> dict[str, Country]:
        return {item.record.code: item.record for item in self.countries}

    @cached_property
    def source_by_id(self) -> dict[str, Source]:
        return {item.record.id: item.record for item in self.sources}

    @cached_property
    def memberships_frame(self) -> pd.DataFrame:
        """One row per membership episode; `left` is NaT while the state is a member."""
        rows = [item.record.model_dump() for item in self.memberships]
        frame = pd.DataFrame(rows, columns=list(Membership.model_fields))
        for column in ("joined", "left"):
            frame[column] = pd.to_datetime(frame[column])
        frame["sources"] = frame["sources"].map(tuple)
        return frame

    @cached_property
    def statuses_frame(self) -> pd.DataFrame:
        """One row per period of partial participation, with `start` and `end` as dates."""
        rows = [
            {
                **item.record.model_dump(),
                "start": start_of(item.record.start),
                "end": start_of(item.record.end) if item.record.end else None,
            }
            for item in self.statuses
        ]
        frame = pd.DataFrame(rows, columns=list(StatusPeriod.model_fields))
        for column in ("start", "end"):
            frame[column] = pd.to_datetime(frame[column])
        return frame

    @cached_property
    def events_frame(self) -> pd.DataFrame:
        """One row per event, with `when` (first day of the date) and its `precision`."""
        rows = [
            {
                "id": e.id,
                "date": e.date,
                "when": start_of(e.date),
                "precision": precision_of(e.date),
                "alliance": e.alliance,
                "kind": e.kind,
                "countries": tuple(e.countries),
                "title_en": e.title.en,
                "title_fr": e.title.fr,
                "summary_en": e.summary.en,
                "summary_fr": e.summary.fr,
                "outcome": e.outcome,
                "sources": tuple(e.sources),
                "uncertain": e.uncertain,
            }
            for e in (item.record for item in self.events)
        ]
        frame = pd.DataFrame(rows)
        if frame.empty:
            return frame
        frame["when"] = pd.to_datetime(frame["when"])
        return frame.sort_values(["when", "id"], ignore_index=True)
