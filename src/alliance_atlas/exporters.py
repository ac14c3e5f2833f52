"""The rows a reader sees, written in the formats of other tools: ATOP, COW, TimelineJS,
Datawrapper and Flourish, Wikidata."""

import html
import json

import pandas as pd

from alliance_atlas import codes
from alliance_atlas.dataset import Dataset
from alliance_atlas.dates import start_of
from alliance_atlas.i18n import format_date, translator, typeset
from alliance_atlas.names import alliance_names, country_name
from alliance_atlas.tables import csv_text, defuse

# TimelineJS's spreadsheet columns, in its order (Knight Lab's template).
TIMELINEJS_COLUMNS = (
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Type",
    "Group",
    "Background",
)
ATOP_COLUMNS = (
    "atopid",
    "member",
    "yrent",
    "moent",
    "dayent",
    "yrexit",
    "moexit",
    "dayexit",
    "phase",
    "defense",
    "offense",
    "neutral",
    "nonagg",
    "consul",
)
COW_COLUMNS = (
    "version4id",
    "ccode",
    "state_name",
    "mem_st_day",
    "mem_st_month",
    "mem_st_year",
    "mem_end_day",
    "mem_end_month",
    "mem_end_year",
    "left_censor",
    "right_censor",
    "defense",
    "neutrality",
    "nonaggression",
    "entente",
    "version",
)
WIKIDATA_COLUMNS = (
    "state",
    "state_iso3",
    "property",
    "alliance",
    "start_time_P580",
    "end_time_P582",
    "reference_url",
    "note",
)


def _csv(columns: tuple[str, ...], rows: list[dict]) -> bytes:
    """CSV whose cells are safe to open in a spreadsheet (`tables.defuse`)."""
    safe = [{c: defuse(row.get(c)) for c in columns} for row in rows]
    return csv_text(columns, safe).encode("utf-8")


def _given(value: object) -> str | None:
    """A date as the data give it, or None for none (a frame holds it as NaN)."""
    return value if isinstance(value, str) and value else None


def _parts(value: object) -> tuple[object, object, object]:
    """Year, month and day of a date at its precision; a part the date does not give is ""."""
    text = _given(value)
    if text is None:
        return "", "", ""
    parts = [int(p) for p in text.split("-")]
    return tuple(parts + [""] * (3 - len(parts)))  # type: ignore[return-value]


# --- research datasets ----------------------------------------------------------------------


def _members(ds: Dataset, episodes: pd.DataFrame):
    """Each episode with its state's COW number on the day it joined, its alliance's promises,
    and its entry and exit as (year, month, day); a state with no number is left out of these
    formats, which key states by it."""
    for e in episodes.itertuples():
        number = codes.number_of(ds, "cow", e.country, start_of(e.joined_as_given))
        if number is not None:
            promises = ds.alliance_by_id[e.alliance].obligations
            yield e, number, promises, _parts(e.joined_as_given), _parts(e.left_as_given)


def _split(columns: tuple[str, str, str], parts: tuple, unknown: object) -> dict:
    """A date's year, month and day under the format's column names."""
    return {c: unknown if p == "" else p for c, p in zip(columns, parts, strict=True)}


def atop(ds: Dataset, episodes: pd.DataFrame) -> bytes:
    """ATOP-style member rows: the alliance's id as `atopid`, the state's COW number as
    `member`, entry and exit as year, month and day (0 for a part not known; an exit of 0 for
    a state still in), one phase, and the alliance's coded obligations."""
    rows = [
        {
            "atopid": e.alliance,
            "member": number,
            **_split(("yrent", "moent", "dayent"), entry, 0),
            **_split(("yrexit", "moexit", "dayexit"), exit_, 0),
            "phase": 0,
            **dict(zip(ATOP_COLUMNS[-5:], (int(v) for v in _promised(promises)), strict=True)),
        }
        for e, number, promises, entry, exit_ in _members(ds, episodes)
    ]
    return _csv(ATOP_COLUMNS, rows)


def _promised(promises) -> tuple[bool, ...]:
    """The five ATOP promises in ATOP's column order."""
    return (
        promises.defence,
        promises.offence,
        promises.neutrality,
        promises.non_aggression,
        promises.consultation,
    )


def cow(ds: Dataset, episodes: pd.DataFrame) -> bytes:
    """COW-style by-member rows: the alliance's id as `version4id`, the state's COW number and
    name, start and end as day, month and year (blank where not known), `right_censor` 1 for a
    state still in, and the alliance's promises in COW's four kinds (no offence column)."""
    rows = [
        {
            "version4id": e.alliance,
            "ccode": number,
            "state_name": country_name(ds, e.country, "en"),
            **_split(("mem_st_year", "mem_st_month", "mem_st_day"), start, ""),
            **_split(("mem_end_year", "mem_end_month", "mem_end_day"), end, ""),
            "left_censor": 0,
            "right_censor": int(_given(e.left_as_given) is None),
            "defense": int(promises.defence),
            "neutrality": int(promises.neutrality),
            "nonaggression": int(promises.non_aggression),
            "entente": int(promises.consultation),
            "version": f"Alliance Atlas {ds.cited_version}",
        }
        for e, number, promises, start, end in _members(ds, episodes)
    ]
    return _csv(COW_COLUMNS, rows)


# --- newsrooms ------------------------------------------------------------------------------


def _event_text(ds: Dataset, event, lang: str) -> str:
    """An event's summary with links to its sources, as HTML: the data's text escaped."""
    t = translator(lang)
    summary = html.escape(typeset(getattr(event, f"summary_{lang}"), lang))
    links = ", ".join(
        f'<a href="{html.escape(ds.source_by_id[s].url)}">'
        f"{html.escape(ds.source_by_id[s].publisher)}</a>"
        for s in event.sources
        if s in ds.source_by_id
    )
    return f"{summary}<br>{t('export.sources')}: {links}"


def _title_slide(ds: Dataset, shown: pd.DataFrame, lang: str) -> tuple[str, str]:
    t = translator(lang)
    first, last = shown["when"].min().year, shown["when"].max().year
    years = str(first) if first == last else f"{first}\N{EN DASH}{last}"
    headline = t("export.timeline_headline", count=len(shown), years=years)
    return headline, t("export.timeline_text", version=ds.cited_version)


def timelinejs_rows(ds: Dataset, shown: pd.DataFrame, lang: str) -> bytes:
    """TimelineJS's spreadsheet, as CSV: a title row, then one row per event shown, dated at
    the data's precision (a month or a year has no day), grouped by alliance."""
    names = alliance_names(ds, lang)
    headline, text = _title_slide(ds, shown, lang)
    rows = [{"Type": "title", "Headline": headline, "Text": text}] if len(shown) else []
    for e in shown.itertuples():
        year, month, day = _parts(e.date)
        rows.append(
            {
                "Year": year,
                "Month": month,
                "Day": day,
                "Display Date": format_date(e.date, lang),
                "Headline": html.escape(typeset(getattr(e, f"title_{lang}"), lang)),
                "Text": _event_text(ds, e, lang),
                "Group": names.get(e.alliance, e.alliance),
            }
        )
    return _csv(TIMELINEJS_COLUMNS, rows)


def timelinejs_json(ds: Dataset, shown: pd.DataFrame, lang: str) -> bytes:
    """TimelineJS's JSON: the same title slide and events as the spreadsheet."""
    names = alliance_names(ds, lang)
    events = []
    for e in shown.itertuples():
        parts = dict(zip(("year", "month", "day"), _parts(e.date), strict=True))
        date = {k: v for k, v in parts.items() if v != ""}
        events.append(
            {
                "start_date": {**date, "display_date": format_date(e.date, lang)},
                "text": {
                    "headline": html.escape(typeset(getattr(e, f"title_{lang}"), lang)),
                    "text": _event_text(ds, e, lang),
                },
                "group": names.get(e.alliance, e.alliance),
                "unique_id": e.id,
            }
        )
    timeline: dict = {"events": events, "scale": "human"}
    if events:
        headline, text = _title_slide(ds, shown, lang)
        timeline["title"] = {"text": {"headline": headline, "text": text}}
    return json.dumps(timeline, ensure_ascii=False, indent=1).encode("utf-8")


def datawrapper(ds: Dataset, rows: pd.DataFrame, alliances: tuple[str, ...], lang: str) -> bytes:
    """A map on one date for Datawrapper or Flourish (`queries.map_rows`): one row per member
    state with its ISO-3 code, name, alliances, and a status column per alliance; a historical
    state is noted, since those tools draw only today's borders."""
    t, names = translator(lang), alliance_names(ds, lang)
    members = rows[rows["alliance"].notna()]
    by_alliance = tuple(names[a] for a in alliances)
    columns = ("ISO3", t("column.country"), t("export.alliances"), *by_alliance, t("export.note"))
    out = []
    for r in members.itertuples():
        held = [(r.alliance, r.status), *((a, s) for a, s, _ in r.also_detail)]
        row = {
            "ISO3": r.country,
            t("column.country"): r.name,
            t("export.alliances"): "; ".join(names[a] for a, _ in held),
            **{names[a]: t(f"status.{s}") for a, s in held if a in alliances},
        }
        country = ds.country_by_code[r.country]
        if country.historical:
            now = ", ".join(country.successors)
            row[t("export.note")] = t("export.historical", name=r.name, successors=now)
        out.append(row)
    return _csv(columns, out)


def wikidata(ds: Dataset, episodes: pd.DataFrame) -> bytes:
    """Statements an editor can hold against Wikidata's "member of" (P463) on each state, with
    its start time (P580) and end time (P582) as precise as the data, and a reference URL.
    Items are named, not numbered: match each to its Q-id on Wikidata itself."""
    names = alliance_names(ds, "en")
    rows = [
        {
            "state": country_name(ds, e.country, "en"),
            "state_iso3": e.country,
            "property": "P463",
            "alliance": names.get(e.alliance, e.alliance),
            "start_time_P580": e.joined_as_given,
            "end_time_P582": _given(e.left_as_given),
            "reference_url": ds.source_by_id[e.sources[0]].url,
            "note": "start is the signature's date" if e.joined_basis == "signature" else None,
        }
        for e in episodes.itertuples()
    ]
    return _csv(WIKIDATA_COLUMNS, rows)
