"""Provenance for readers: sources as links, records and disputed values named, how to cite."""

import html
import re
import urllib.parse
from collections.abc import Callable, Iterable

import pandas as pd

from alliance_atlas.dataset import Dataset
from alliance_atlas.i18n import (
    format_date,
    format_number,
    language_name,
    localise,
    translated_headers,
)
from alliance_atlas.names import country_name
from alliance_atlas.schema import Event
from alliance_atlas.vocab import DATE_FIELDS, DEFAULT_LANGUAGE

Translate = Callable[..., str]
DISPUTED_DATES = DATE_FIELDS | {"start", "end"}  # disputed fields whose values are dates
# Disputed fields with a label of their own (`field.<name>`); others are figures, seats or raw.
LABELLED_FIELDS = (*sorted(DISPUTED_DATES), "countries", "actor")


def event_name(event: Event, lang: str) -> str:
    """An event named by its date and title: `7 October 2002 · title`."""
    return f"{format_date(event.date, lang)} · {localise(event.title, lang)}"


def source_table(ds: Dataset) -> pd.DataFrame:
    """Every source with the records that cite it."""
    citing = ds.citations
    rows = [
        {
            "id": s.id,
            "title": s.title,
            "publisher": s.publisher,
            "url": s.url,
            "published": s.published,
            "language": s.language,
            "kind": s.kind,
            "cited_by": len(citing.get(s.id, [])),
            "records": sorted(citing.get(s.id, [])),
        }
        for s in ds.source_by_id.values()
    ]
    columns = ["id", "title", "publisher", "url", "published", "language", "kind", "cited_by"]
    frame = pd.DataFrame(rows, columns=[*columns, "records"])
    return frame.sort_values(["publisher", "title"], ignore_index=True)


def dispute_table(ds: Dataset) -> pd.DataFrame:
    """Every disagreement between sources: the record, the field, each value with who gives it
    (value, publishers), and the one shown."""
    publishers = {s.id: s.publisher for s in ds.source_by_id.values()}
    rows = [
        {
            "record": d.record,
            "field": d.field,
            "shown": d.shown,
            "values": [
                (v.value, ", ".join(publishers.get(s, s) for s in v.sources)) for v in d.values
            ],
            "reason": d.reason,
        }
        for d in (item.record for item in ds.disputes)
    ]
    return pd.DataFrame(rows, columns=["record", "field", "shown", "values", "reason"])


def row_sources(ds: Dataset, rows: pd.DataFrame, picked: list[int], t: Translate):
    """The sources of the picked row of a query frame, as links; None when no row is picked."""
    return source_links(ds, rows["sources"].iloc[picked[0]], t) if picked else None


def source_links(ds: Dataset, source_ids: Iterable[str], t: Translate) -> pd.DataFrame:
    """Sources as rows of title, publisher and link."""
    sources = ds.source_by_id
    return pd.DataFrame(
        [
            (sources[s].title, sources[s].publisher, sources[s].url)
            for s in source_ids
            if s in sources
        ],
        columns=["title", "publisher", "url"],
    ).pipe(translated_headers, t)


def sources(
    frame: pd.DataFrame, ds: Dataset, names: dict[str, str], t: Translate, lang: str
) -> pd.DataFrame:
    """The source list for reading: who, what, when, in which language, and what cites it."""
    return pd.DataFrame(
        {
            "publisher": frame["publisher"],
            "title": frame["title"],
            "published": frame["published"].fillna(""),
            "language": frame["language"].map(lambda code: language_name(code, lang)),
            "kind": frame["kind"].map(
                lambda k: t(f"source_kind.{k}") if isinstance(k, str) else ""
            ),
            "url": frame["url"],
            "cited_by": frame["cited_by"],
            "records": frame["records"].map(
                lambda keys: [record_label(ds, key, names, t, lang) for key in keys]
            ),
        }
    ).pipe(translated_headers, t)


def disputes(
    frame: pd.DataFrame, ds: Dataset, names: dict[str, str], t: Translate, lang: str
) -> pd.DataFrame:
    """Disagreements between sources, with each record, field and value worded for readers."""
    return pd.DataFrame(
        {
            "record": frame["record"].map(lambda key: record_label(ds, key, names, t, lang)),
            "field": [field_label(ds, r.record, r.field, t, lang) for r in frame.itertuples()],
            "shown": [disputed_value(r.shown, r.field, t, lang) for r in frame.itertuples()],
            "values": [
                [f"{disputed_value(value, r.field, t, lang)} ({who})" for value, who in r.values]
                for r in frame.itertuples()
            ],
            "reason": frame["reason"],
        }
    ).pipe(translated_headers, t)


def disputed_value(value: str, field: str, t: Translate, lang: str) -> str:
    """A disputed value as readers read it: a date in words (`1961-12` is `December 1961`, an
    empty one `no date (still going on)`), a figure's number grouped; any other value as the
    sources word it."""
    is_date = field in DISPUTED_DATES or re.fullmatch(r"headquarters\[.+\]\.(start|end)", field)
    if is_date and not value:
        return t("dispute.no_date")
    if is_date and re.fullmatch(r"\d{4}(-\d{2}){0,2}", value):
        return format_date(value, lang)
    if field.startswith("figures.") and re.fullmatch(r"\d+(\.\d+)?", value):
        return format_number(float(value) if "." in value else int(value), lang)
    return value


def record_label(ds: Dataset, key: str, names: dict[str, str], t: Translate, lang: str) -> str:
    """A record named for readers: `membership:csto:ARM:2003-09-18` is `CSTO · Armenia (joined
    18 September 2003)`, `event:<id>` its date and title; an unknown record keeps its key."""
    kind, _, rest = key.partition(":")
    if kind == "dispute":
        record, _, field = rest.rpartition(":")
        label = record_label(ds, record, names, t, lang)
        return t("record.dispute", record=label, field=field_label(ds, record, field, t, lang))
    parts = rest.split(":")
    countries = ds.country_by_code
    if kind == "alliance" and rest in names:
        return names[rest]
    if kind == "country" and rest in countries:
        return country_name(ds, rest, lang)
    if kind == "event" and rest in ds.event_by_id:
        return event_name(ds.event_by_id[rest], lang)
    if kind in {"membership", "status"} and len(parts) == 3 and parts[1] in countries:
        alliance, code, day = parts
        return t(
            f"record.{kind}",
            alliance=names.get(alliance, alliance),
            country=country_name(ds, code, lang),
            date=format_date(day, lang),
        )
    return key


def field_label(ds: Dataset, key: str, field: str, t: Translate, lang: str) -> str:
    """A disputed field named for readers: `joined` is `Joined`, `figures.troops` the figure's
    label, `headquarters[Paris].start` the start of the seat in Paris; others stay as written."""
    if field in LABELLED_FIELDS:
        return t(f"field.{field}")
    record = key.partition(":")[2]
    figure = re.fullmatch(r"figures\.(\w+)", field)
    event = ds.event_by_id.get(record)
    if figure and event:
        label = next((localise(f.label, lang) for f in event.figures if f.key == figure[1]), None)
        return label or field
    seat = re.fullmatch(r"headquarters\[(.+)\]\.(start|end)", field)
    alliance = ds.alliance_by_id.get(record)
    if seat and alliance:
        cities = {
            h.city.get(DEFAULT_LANGUAGE): localise(h.city, lang) for h in alliance.headquarters
        }
        city = cities.get(seat[1], seat[1])
        return t(f"field.seat_{seat[2]}", city=city)
    return field


def embed_snippet(url: str, title: str) -> str:
    """An <iframe> that shows the view at `url` in Streamlit's embed mode (no sidebar or
    toolbar), named by `title` for screen readers, for a newsroom to paste into an article."""
    parts = urllib.parse.urlsplit(url)
    query = [(k, v) for k, v in urllib.parse.parse_qsl(parts.query) if k != "embed"]
    src = urllib.parse.urlunsplit(
        parts._replace(query=urllib.parse.urlencode([*query, ("embed", "true")]))
    )
    return (
        f'<iframe src="{html.escape(src)}" title="{html.escape(title)}" width="100%" '
        'height="640" style="border:0" loading="lazy"></iframe>'
    )


def citation(url: str, version: str, day: object, t: Translate, lang: str) -> str:
    """How to cite a view: its address, the data's version and the day it was read."""
    return t("sources.citation", url=url, version=version, date=format_date(day, lang))
