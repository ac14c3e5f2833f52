"""Typed records of the data files; each rule within one record lives here."""

import datetime as dt
import re
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    RootModel,
    model_validator,
)
from pydantic_core import PydanticCustomError

from alliance_atlas import vocab
from alliance_atlas.dates import Day, PartialDate, last_of, start_of
from alliance_atlas.vocab import (
    ALLIANCE_TYPES,
    DEFENCE_PACT,
    EVENT_KINDS,
    JOINED_AS,
    JOINED_BASES,
    OUTCOMES,
    PARTIAL_STATUSES,
    REQUEST_KINDS,
    SOURCE_KINDS,
)


def _split_list(value: Any) -> Any:
    """CSV cells hold lists as `a;b`; YAML holds real lists."""
    if value is None:
        return []
    if isinstance(value, str):
        return [item.strip() for item in value.split(";") if item.strip()]
    return value


_HTTP_URL = re.compile(r"https?://[^\s/]+\S*")


def _http_url(value: str) -> str:
    if not _HTTP_URL.fullmatch(value):
        raise ValueError("must be an http:// or https:// address with no spaces")
    return value


def _parse_bool(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lower() in {"true", "false"}:
        return value.strip().lower() == "true"
    return value


NonEmpty = Annotated[str, Field(min_length=1)]
SourceId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
AllianceId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
SourceIds = Annotated[list[SourceId], BeforeValidator(_split_list), Field(min_length=1)]
CountryCodes = Annotated[list[CountryCode], BeforeValidator(_split_list)]
CsvBool = Annotated[bool, BeforeValidator(_parse_bool)]


class Record(BaseModel):
    """Base of every record: unknown fields are refused and records are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _order_error(later: str, later_value: Any, earlier: str, earlier_value: Any) -> Exception:
    return PydanticCustomError(
        "dates-order",
        "{later} {later_value} is before {earlier} {earlier_value}",
        {
            "later": later,
            "later_value": str(later_value),
            "earlier": earlier,
            "earlier_value": str(earlier_value),
        },
    )


class Text(RootModel[dict[str, NonEmpty]]):
    """A text in every language of the atlas, keyed by its code: `{en: ..., fr: ...}`."""

    model_config = ConfigDict(frozen=True, str_strip_whitespace=True)

    @model_validator(mode="after")
    def _every_language(self) -> "Text":
        known = vocab.LANGUAGES  # read when validating, so a test may add a language
        unknown = [code for code in self.root if code not in known]
        if unknown:
            raise PydanticCustomError(
                "unknown-language",
                "{codes}: not a language of the atlas, which speaks {known}",
                {"codes": ", ".join(unknown), "known": ", ".join(known)},
            )
        missing = [code for code in known if code not in self.root]
        if missing:
            raise PydanticCustomError(
                "translation-missing", "no text in {codes}", {"codes": ", ".join(missing)}
            )
        return self

    def get(self, lang: str) -> str:
        """The text in `lang`, or in the default language if there is no such language."""
        return self.root.get(lang) or self.root[vocab.DEFAULT_LANGUAGE]

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.root.items())))


MAX_LABEL = 36  # characters of a label written on a chart beside its marker


class Label(Text):
    """A text of a few words, in every language, short enough to write on a chart."""

    @model_validator(mode="after")
    def _short(self) -> "Label":
        long = {code: text for code, text in self.root.items() if len(text) > MAX_LABEL}
        if long:
            raise PydanticCustomError(
                "too-long",
                "label longer than {most} characters: {texts}",
                {"most": MAX_LABEL, "texts": "; ".join(f"{c}: {t!r}" for c, t in long.items())},
            )
        return self


class Source(Record):
    """A document that records cite by id."""

    id: SourceId  # stable id, lowercase with hyphens
    title: NonEmpty  # the document's own title
    publisher: NonEmpty  # organisation or outlet that published it
    url: Annotated[str, AfterValidator(_http_url)]  # http(s) only
    published: PartialDate | None = None  # publication date, if the document gives one
    accessed: Day  # when we read it
    language: Annotated[str, Field(pattern=r"^[a-z]{2}$")]  # ISO 639-1 code
    kind: Literal[SOURCE_KINDS] | None = None  # what sort of document it is
    note: str | None = None  # editors' remark, e.g. that a page is an archived copy


class Headquarters(Record):
    """A seat of the alliance and the period it was used."""

    city: Text  # city name in both languages
    start: PartialDate | None = None  # first use, if known
    end: PartialDate | None = None  # last use; None while in use
    note: str | None = None  # editors' remark, e.g. why a date is missing
    sources: SourceIds  # where this is stated


class DefenceClause(Record):
    """The mutual-defence article, named and paraphrased."""

    article: Text  # e.g. "Article 5 of the North Atlantic Treaty"
    paraphrase: Text  # our own words, one or two sentences
    sources: SourceIds  # the treaty text or a faithful summary of it


class Obligations(Record):
    """ATOP-style promises the members make to each other."""

    defence: bool  # to defend a member that is attacked
    offence: bool  # to join in offensive action
    neutrality: bool  # to stay out of a conflict involving a member
    non_aggression: bool  # not to attack one another
    consultation: bool  # to consult in a crisis
    note: str | None = None  # how they were coded, article by article
    sources: list[SourceId] = []  # the treaty text the coding rests on


class Alliance(Record):
    """An alliance or the treaty regime behind it."""

    id: AllianceId  # e.g. nato, csto, seato
    type: Literal[ALLIANCE_TYPES]  # defence_pact, consultation_pact or security_organisation
    name: Text  # full name
    short_name: Text  # acronym, e.g. CSTO / OTSC
    treaty: Text  # name of the founding document
    signed: Day  # signature of the founding document
    signed_at: Text | None = None  # place of signature; None where the data do not give it
    in_force: Day  # entry into force
    dissolved: Day | None = None  # end of the alliance; None while it exists
    predecessor: AllianceId | None = None  # alliance it grew from
    successor: AllianceId | None = None  # alliance that took over from it
    headquarters: list[Headquarters] = []  # seats over time
    defence_clause: DefenceClause | None = None  # the mutual-defence article; a defence pact's
    obligations: Obligations  # ATOP-style coding
    note: str | None = None  # editors' remark in English
    sources: SourceIds  # sources for the record as a whole
    # The dataset an imported alliance comes from (e.g. "ATOP"), whose records give no clause
    # text or place; None for the atlas's own records, which must give them.
    origin: str | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> "Alliance":
        if self.signed_at is None and self.origin is None:
            raise PydanticCustomError(
                "missing-field", "the place of signature (signed_at) is missing", {}
            )
        if self.type == DEFENCE_PACT and self.defence_clause is None and self.origin is None:
            raise PydanticCustomError(
                "defence-clause-missing", "a defence pact needs its defence_clause", {}
            )
        if self.in_force < self.signed:
            raise _order_error("in_force", self.in_force, "signed", self.signed)
        if self.dissolved and self.dissolved < self.in_force:
            raise _order_error("dissolved", self.dissolved, "in_force", self.in_force)
        return self


class Membership(Record):
    """One episode of one state's membership in one alliance (a row of memberships.csv)."""

    alliance: AllianceId  # which alliance
    country: CountryCode  # ISO 3166-1 alpha-3, or SUN, DDR, CSK
    signed: PartialDate | None = None  # signature of the treaty or accession protocol
    # When membership took effect (entry into force, deposit of instrument), as precisely as
    # the source gives it: a month or a year where it gives no day (imported datasets).
    joined: PartialDate
    left: PartialDate | None = None  # when it ended; None while the state is a member
    joined_as: Literal[JOINED_AS]  # founder (an original party) or acceded (joined later)
    note: str | None = None  # context in English, e.g. how the episode ended
    sources: SourceIds  # where the dates are stated
    # "signature" where `joined` is the signature's date (ATOP's convention), not the day
    # membership took effect; an optional last column of memberships.csv.
    joined_basis: Literal[JOINED_BASES] = "effect"

    @model_validator(mode="after")
    def _dates_in_order(self) -> "Membership":
        # A month or a year is any of its days: refused only where it cannot be in order.
        if self.signed and last_of(self.joined) < start_of(self.signed):
            raise _order_error("joined", self.joined, "signed", self.signed)
        if self.left and last_of(self.left) <= start_of(self.joined):
            raise _order_error("left", self.left, "joined", self.joined)
        return self

    @property
    def joined_day(self) -> dt.date:
        """The first day `joined` can mean."""
        return start_of(self.joined)

    @property
    def left_day(self) -> dt.date | None:
        """The first day `left` can mean; None while the state is a member."""
        return start_of(self.left) if self.left else None


class StatusPeriod(Record):
    """A period of partial participation inside a membership (a row of statuses.csv)."""

    alliance: AllianceId  # which alliance
    country: CountryCode  # which state
    status: Literal[PARTIAL_STATUSES]  # frozen, suspended, outside_integrated_command or inactive
    start: PartialDate  # when the period began
    end: PartialDate | None = None  # when it ended; None while it lasts
    note: str | None = None  # context in English
    sources: SourceIds  # where this is stated

    @model_validator(mode="after")
    def _dates_in_order(self) -> "StatusPeriod":
        if self.end and start_of(self.end) < start_of(self.start):
            raise _order_error("end", self.end, "start", self.start)
        return self


class Figure(Record):
    """A number stated by a source, such as troops deployed."""

    key: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]  # what is counted; repeats per source
    label: Text  # what the number counts
    value: int | float  # the number as the source gives it
    approximate: bool = False  # the source says "about"
    sources: SourceIds  # the source that gives this number
    note: Text | None = None  # why it differs from others, or which one is shown


class Event(Record):
    """A dated event in an alliance's history (an item of events/<alliance>.yaml)."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]  # unique across all events
    date: PartialDate  # YYYY-MM-DD, YYYY-MM or YYYY: the length is the precision
    alliance: AllianceId  # the alliance concerned; must match the file name
    kind: Literal[EVENT_KINDS]  # what sort of event
    countries: CountryCodes = []  # states involved
    title: Text  # a headline
    summary: Text  # one to three sentences in our words
    outcome: Literal[OUTCOMES] | None = None  # only for requests
    figures: list[Figure] = []  # numbers with their sources; the first of a key is shown
    sources: SourceIds  # where the event is described
    uncertain: bool = False  # sources are thin or hedge
    highlight: bool = False  # a key moment: on the overview, and labelled on the timeline
    label: Label | None = None  # a few words written beside a highlighted event on the timeline
    note: str | None = None  # editors' remark

    @model_validator(mode="after")
    def _outcome_only_for_requests(self) -> "Event":
        if self.outcome and self.kind not in REQUEST_KINDS:
            raise PydanticCustomError(
                "outcome-not-request",
                "outcome is only for requests, not for kind {kind}",
                {"kind": self.kind},
            )
        return self


def _as_text(value: Any) -> Any:
    return value if value is None or isinstance(value, str) else str(value)


class DisputedValue(Record):
    """One value of a disputed field, with the sources that give it."""

    value: Annotated[str, BeforeValidator(_as_text)]  # as text, e.g. "2022-01-06" or "2030"
    sources: SourceIds  # who gives this value


class Dispute(Record):
    """A field on which sources disagree, every value kept, and the one the app shows."""

    record: Annotated[str, Field(pattern=r"^(alliance|event|membership|status|country):\S+$")]
    field: NonEmpty  # the disputed field, e.g. date or joined
    shown: Annotated[str, BeforeValidator(_as_text)]  # the value the app shows
    reason: NonEmpty  # why that one
    values: Annotated[list[DisputedValue], Field(min_length=2)]  # every value with its sources

    @model_validator(mode="after")
    def _shown_is_a_value(self) -> "Dispute":
        if self.shown not in {v.value for v in self.values}:
            raise PydanticCustomError(
                "dispute-shown",
                "shown value {shown} is not among the values",
                {"shown": self.shown},
            )
        return self


class Country(Record):
    """A state, present or historical (a row of countries.csv)."""

    code: CountryCode  # ISO 3166-1 alpha-3; SUN, DDR and CSK for the historical states
    name: Text  # short name; in the file, a name_<code> column per language (name_en, name_fr)
    historical: CsvBool  # the state no longer exists
    successors: CountryCodes = []  # states that took its place, e.g. CSK -> CZE;SVK
    exists_from: Day | None = None  # when it became independent, where that matters
    exists_until: Day | None = None  # when it ceased to exist
    shape: NonEmpty  # id of its outline in the map shapes
    sources: SourceIds  # where the code, names and dates are stated

    @model_validator(mode="before")
    @classmethod
    def _names_by_language(cls, data: Any) -> Any:
        """A CSV row's `name_en`, `name_fr`... columns become one `name` text."""
        if not isinstance(data, dict) or "name" in data:
            return data
        names = {
            key.removeprefix("name_"): value
            for key, value in data.items()
            if key.startswith("name_")
        }
        return {key: value for key, value in data.items() if not key.startswith("name_")} | {
            "name": names
        }

    @model_validator(mode="after")
    def _historical_has_an_end(self) -> "Country":
        if self.historical and not self.exists_until:
            raise PydanticCustomError("historical-end", "a historical state needs exists_until", {})
        if self.exists_from and self.exists_until and self.exists_until <= self.exists_from:
            raise _order_error("exists_until", self.exists_until, "exists_from", self.exists_from)
        return self


StateNumber = Annotated[int, Field(ge=1, le=999)]


class StateCode(Record):
    """The numbers the research datasets give a state over a span of its life (a row of
    state_codes.csv): Correlates of War's `ccode`, and Gleditsch and Ward's where it differs."""

    country: CountryCode  # which state of countries.csv
    start: Day | None = None  # the first day the numbers stand for it; None: from its beginning
    end: Day | None = None  # the first day they no longer do; None: they still do
    cow: StateNumber  # the Correlates of War state number (ccode)
    gw: StateNumber | None = None  # the Gleditsch-Ward number; None where it is `cow`
    note: str | None = None  # why the span, in English
    sources: SourceIds  # the state lists that give the numbers

    @model_validator(mode="after")
    def _dates_in_order(self) -> "StateCode":
        if self.start and self.end and self.end <= self.start:
            raise _order_error("end", self.end, "start", self.start)
        return self

    def number(self, scheme: str) -> int:
        """The state's number in `scheme` ("cow" or "gw") over this span."""
        return self.cow if scheme == "cow" or self.gw is None else self.gw


def country_columns() -> tuple[str, ...]:
    """The header of countries.csv: the fields, with a `name_<code>` column per language."""
    names = tuple(f"name_{code}" for code in vocab.LANGUAGES)
    fields = tuple(Country.model_fields)
    at = fields.index("name")
    return (*fields[:at], *names, *fields[at + 1 :])


def cited_ids(record: BaseModel) -> Iterator[str]:
    """Every source id a record cites, at any depth."""
    for name, value in record.__dict__.items():  # the fields' values, without pydantic's overhead
        if name == "sources":
            yield from value
        elif isinstance(value, BaseModel):
            yield from cited_ids(value)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, BaseModel):
                    yield from cited_ids(item)
