"""The validated contents of a data folder, as records and as pandas frames."""

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Generic, TypeVar

import pandas as pd

from alliance_atlas import vocab
from alliance_atlas.dates import precision_of, start_of
from alliance_atlas.schema import (
    Alliance,
    Country,
    Dispute,
    Event,
    Membership,
    Source,
    StateCode,
    StatusPeriod,
    cited_ids,
)
from alliance_atlas.vocab import SECURITY_ORGANISATION

T = TypeVar("T")


def event_columns() -> list[str]:
    """The columns of `events_frame`: a `title_<code>`, a `summary_<code>` and a `label_<code>`
    (None where the event has no label) per language."""
    fields = ("title", "summary", "label")
    texts = [f"{field}_{code}" for field in fields for code in vocab.LANGUAGES]
    first = ["id", "date", "when", "precision", "alliance", "kind", "countries"]
    return [*first, *texts, "outcome", "sources", "uncertain", "highlight"]


def record_key(record: object) -> str:
    """A stable reference to a record, as used in disputes.yaml, e.g. `event:<id>`."""
    match record:
        case Alliance():
            return f"alliance:{record.id}"
        case Event():
            return f"event:{record.id}"
        case Country():
            return f"country:{record.code}"
        case Membership():
            return f"membership:{record.alliance}:{record.country}:{record.joined}"
        case StatusPeriod():
            return f"status:{record.alliance}:{record.country}:{record.start}"
        case Dispute():
            return f"dispute:{record.record}:{record.field}"
        case StateCode():
            return f"code:{record.country}:{record.start or ''}"
    raise TypeError(f"no key for {type(record).__name__}")


@dataclass(frozen=True)
class Located(Generic[T]):
    """A record and the place it was read from."""

    record: T
    file: str
    line: int | None


@dataclass
class Dataset:
    """Every record of one data folder; frames are built once, on first use."""

    folder: Path
    version: str = ""  # digest of the files read and of the selection made, to key caches
    files_version: str = ""  # digest of the files read alone, to cite; "" where it is `version`
    sources: list[Located[Source]] = field(default_factory=list)
    alliances: list[Located[Alliance]] = field(default_factory=list)
    countries: list[Located[Country]] = field(default_factory=list)
    memberships: list[Located[Membership]] = field(default_factory=list)
    statuses: list[Located[StatusPeriod]] = field(default_factory=list)
    events: list[Located[Event]] = field(default_factory=list)
    disputes: list[Located[Dispute]] = field(default_factory=list)
    codes: list[Located[StateCode]] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """How many records of each kind were read."""
        names = ("sources", "alliances", "countries", "memberships", "statuses", "events")
        return {name: len(getattr(self, name)) for name in (*names, "disputes", "codes")}

    def without(self, items: list[Located], version: str | None = None) -> "Dataset":
        """A copy without these records (a different selection of the same files takes another
        `version`, so that caches keep the two apart)."""
        left_out = {id(item) for item in items}
        kept = Dataset(folder=self.folder, version=version or self.version)
        kept.files_version = self.cited_version
        for name in self.counts():
            setattr(kept, name, [item for item in getattr(self, name) if id(item) not in left_out])
        return kept

    @property
    def cited_version(self) -> str:
        """The data version a reader cites: the digest of the files read."""
        return self.files_version or self.version

    def citing_items(self) -> list[Located]:
        """Every record that may cite sources, with its place."""
        names = ("alliances", "countries", "memberships", "statuses", "events", "disputes", "codes")
        return [item for name in names for item in getattr(self, name)]

    @cached_property
    def citations(self) -> dict[str, list[str]]:
        """For each source id, the keys of the records that cite it."""
        found: dict[str, list[str]] = {}
        for item in self.citing_items():
            for source_id in dict.fromkeys(cited_ids(item.record)):
                found.setdefault(source_id, []).append(record_key(item.record))
        return found

    @cached_property
    def alliance_by_id(self) -> dict[str, Alliance]:
        return {item.record.id: item.record for item in self.alliances}

    @cached_property
    def event_by_id(self) -> dict[str, Event]:
        return {item.record.id: item.record for item in self.events}

    @cached_property
    def country_by_code(self) -> dict[str, Country]:
        return {item.record.code: item.record for item in self.countries}

    @cached_property
    def source_by_id(self) -> dict[str, Source]:
        return {item.record.id: item.record for item in self.sources}

    @cached_property
    def memberships_frame(self) -> pd.DataFrame:
        """One row per membership episode, `joined` and `left` as the first day they can mean
        (`left` NaT while the state is a member), and `joined_as_given`, `left_as_given` at the
        precision of the data (`1955-05-06`, `1955-05`, `1955`)."""
        rows = [
            {
                **item.record.model_dump(),
                "joined": item.record.joined_day,
                "left": item.record.left_day,
                "joined_as_given": item.record.joined,
                "left_as_given": item.record.left,
            }
            for item in self.memberships
        ]
        given = ["joined_as_given", "left_as_given"]
        frame = pd.DataFrame(rows, columns=[*Membership.model_fields, *given])
        for column in ("joined", "left"):
            frame[column] = pd.to_datetime(frame[column])
        frame["sources"] = frame["sources"].map(tuple)
        return frame

    @cached_property
    def statuses_frame(self) -> pd.DataFrame:
        """One row per period of partial participation, with `start` and `end` as dates, and
        `start_as_given`, `end_as_given` at the precision of the data (`1998`, `1961-12`)."""
        rows = [
            {
                **item.record.model_dump(),
                "start": start_of(item.record.start),
                "end": start_of(item.record.end) if item.record.end else None,
                "start_as_given": item.record.start,
                "end_as_given": item.record.end,
            }
            for item in self.statuses
        ]
        given = ["start_as_given", "end_as_given"]
        frame = pd.DataFrame(rows, columns=[*StatusPeriod.model_fields, *given])
        for column in ("start", "end"):
            frame[column] = pd.to_datetime(frame[column])
        return frame

    @cached_property
    def events_frame(self) -> pd.DataFrame:
        """One row per event, with `when` (first day of the date) and its `precision`; texts as
        written (the tables and charts typeset them for reading)."""
        rows = [
            {
                "id": e.id,
                "date": e.date,
                "when": start_of(e.date),
                "precision": precision_of(e.date),
                "alliance": e.alliance,
                "kind": e.kind,
                "countries": tuple(e.countries),
                **{f"title_{code}": e.title.get(code) for code in vocab.LANGUAGES},
                **{f"summary_{code}": e.summary.get(code) for code in vocab.LANGUAGES},
                **{
                    f"label_{code}": e.label.get(code) if e.label else None
                    for code in vocab.LANGUAGES
                },
                "outcome": e.outcome,
                "sources": tuple(e.sources),
                "uncertain": e.uncertain,
                "highlight": e.highlight,
            }
            for e in (item.record for item in self.events)
        ]
        frame = pd.DataFrame(rows, columns=event_columns())
        frame = frame.astype({"uncertain": bool, "highlight": bool})  # even with no rows
        frame["when"] = pd.to_datetime(frame["when"])
        return frame.sort_values(["when", "id"], ignore_index=True)


def pacts_only(ds: Dataset) -> Dataset:
    """The data without the security organisations (such as the SCO), which have no mutual
    defence promise and are counted as alliances only when a reader asks: their records, and
    the disputes about those records, are left out."""
    orgs = {a.id for a in ds.alliance_by_id.values() if a.type == SECURITY_ORGANISATION}
    if not orgs:
        return ds
    theirs = [
        item
        for name in ("alliances", "memberships", "statuses", "events")
        for item in getattr(ds, name)
        if getattr(item.record, "alliance", getattr(item.record, "id", None)) in orgs
    ]
    keys = {record_key(item.record) for item in theirs}
    theirs += [item for item in ds.disputes if item.record.record in keys]
    return ds.without(theirs, version=f"{ds.version}-pacts")
