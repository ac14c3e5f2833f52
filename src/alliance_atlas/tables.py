"""Display tables and sentences for the pages: query results with translated labels and dates."""

import io
import json
import re
from collections.abc import Callable

import pandas as pd

from alliance_atlas.checks import DATE_FIELDS
from alliance_atlas.dataset import Dataset
from alliance_atlas.i18n import DEFAULT_LANGUAGE, format_date, format_number, language_name
from alliance_atlas.loader import NOTICES
from alliance_atlas.problems import Problem
from alliance_atlas.queries import country_name

Translate = Callable[..., str]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet would run as a formula
COMPARE_ORDER = ("csto", "nato", "warsaw_pact", "cst")  # the "counter-NATO" first, then others
MARKDOWN_SPECIALS = "\\`*_{}[]()#+-.!|<>~$:"
DISPUTED_DATES = DATE_FIELDS | {"start", "end"}  # disputed fields whose values are dates
# Disputed fields with a label of their own (`field.<name>`); others are figures, seats or raw.
LABELLED_FIELDS = (*sorted(DISPUTED_DATES), "countries", "actor")


def literal(text: str) -> str:
    """Data text made safe for a markdown element (a title or caption): it shows as typed."""
    return "".join(f"\\{c}" if c in MARKDOWN_SPECIALS else c for c in text)


def _headers(frame: pd.DataFrame, t: Translate) -> pd.DataFrame:
    """Column names in the reader's language; `id` stays, for the page to hide."""
    return frame.rename(columns={c: t(f"column.{c}") for c in frame.columns if c != "id"})


def events(shown: pd.DataFrame, names: dict[str, str], t: Translate, lang: str) -> pd.DataFrame:
    """The events shown, one row each, in the reader's language."""
    return pd.DataFrame(
        {
            "id": shown["id"],
            "date": shown["date"].map(lambda d: format_date(d, lang)),
            "alliance": shown["alliance"].map(names),
            "kind": shown["kind"].map(lambda k: t(f"kind.{k}")),
            "title": shown[f"title_{lang}"],
            "outcome": shown["outcome"].map(
                lambda o: t(f"outcome.{o}") if isinstance(o, str) else ""
            ),
        }
    ).pipe(_headers, t)


def describe_events(shown: pd.DataFrame, names: dict[str, str], t: Translate) -> str:
    """One sentence saying what the timeline shows: its text alternative."""
    if shown.empty:
        return t("timeline.none")
    per_alliance = shown["alliance"].value_counts()
    parts = ", ".join(f"{names.get(a, a)} {n}" for a, n in per_alliance.items())
    first, last = shown["when"].min().year, shown["when"].max().year
    if len(shown) == 1:
        return t("timeline.describe_one", first=first, parts=parts)
    return t("timeline.describe", count=len(shown), first=first, last=last, parts=parts)


def event_details(ds: Dataset, event_id: str, t: Translate, lang: str) -> dict | None:
    """Everything the details panel shows about one event, or None if there is no such event."""
    event = ds.event_by_id.get(event_id)
    if event is None:
        return None
    sources = ds.source_by_id
    figures = pd.DataFrame(
        [
            {
                "figure": f.label.get(lang),
                "value": ("≈ " if f.approximate else "") + format_number(f.value, lang),
                "source": ", ".join(sources[s].publisher for s in f.sources),
                "note": f.note.get(lang) if f.note else "",
            }
            for f in event.figures
        ],
        columns=["figure", "value", "source", "note"],
    ).pipe(_headers, t)
    cited = source_links(ds, event.sources, t)
    line = [format_date(event.date, lang), t(f"kind.{event.kind}")]
    if event.outcome:
        line.append(t(f"outcome.{event.outcome}"))
    names = [country_name(ds, code, lang) for code in event.countries]
    return {
        "title": event.title.get(lang),
        "line": " · ".join(line),
        "summary": event.summary.get(lang),
        "uncertain": event.uncertain,
        "countries": ", ".join(names) or "—",
        "figures": figures,
        "sources": cited,
    }


def source_links(ds: Dataset, source_ids: list[str], t: Translate) -> pd.DataFrame:
    """Sources as rows of title, publisher and link."""
    sources = ds.source_by_id
    return pd.DataFrame(
        [
            (sources[s].title, sources[s].publisher, sources[s].url)
            for s in source_ids
            if s in sources
        ],
        columns=["title", "publisher", "url"],
    ).pipe(_headers, t)


def members(
    rows: pd.DataFrame, names: dict[str, str], countries: dict[str, str], t: Translate
) -> pd.DataFrame:
    """Membership episodes for reading and download, with translated labels."""
    return pd.DataFrame(
        {
            "alliance": rows["alliance"].map(names),
            "country": rows["country"].map(countries),
            "code": rows["country"],
            "signed": rows["signed"],
            "joined": rows["joined"].dt.date,
            "left": rows["left"].dt.date,
            "how": rows["how"].map(lambda h: t(f"how.{h}")),
            "status": rows["status"].map(lambda s: t(f"status.{s}")),
            "editor_note": rows["note"],
            "source": rows["source_url"],
            "sources": rows["sources"].map(lambda ids: "; ".join(ids)),
        }
    ).pipe(_headers, t)


def to_csv(frame: pd.DataFrame) -> bytes:
    """CSV that is safe to open in a spreadsheet: text that would run as a formula is quoted out."""

    def defuse(value: object) -> object:
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            return "'" + value
        return value

    safe = frame.map(defuse)
    return safe.to_csv(index=False).encode("utf-8")


def blank_missing(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with empty cells where a value is missing, which Streamlit would show as None;
    a column with gaps becomes text (meant for text and date columns: dates as YYYY-MM-DD)."""
    gaps = [column for column in frame.columns if frame[column].isna().any()]
    return frame.assign(**{c: frame[c].astype(str).where(frame[c].notna(), "") for c in gaps})


def to_json(frame: pd.DataFrame) -> bytes:
    """JSON records, dates as ISO text."""
    records = json.loads(frame.to_json(orient="records", date_format="iso"))
    buffer = io.StringIO()
    json.dump(records, buffer, ensure_ascii=False, indent=1)
    return buffer.getvalue().encode("utf-8")


def map_sentence(rows: pd.DataFrame, names: dict[str, str], t: Translate, day: str) -> str:
    """What the map shows, in one sentence: its text alternative."""
    members = rows[rows["alliance"].notna()]
    if members.empty:
        return t("map.describe_none", date=day)
    counts = members["alliance"].value_counts()
    parts = ", ".join(f"{names.get(a, a)} {n}" for a, n in counts.items())
    partial = members[members["status"] != "member"]
    notes = t("list.semicolon").join(
        t("map.partial_state", name=r.name, status=t(f"status_phrase.{r.status}"))
        for r in partial.itertuples()
    )
    sentence = t("map.describe", date=day, parts=parts)
    return f"{sentence} {t('map.describe_partial', notes=notes)}" if notes else sentence


def map_members(rows: pd.DataFrame, names: dict[str, str], t: Translate, lang: str) -> pd.DataFrame:
    """The map's members as a table."""
    members = rows[rows["alliance"].notna()]
    return (
        pd.DataFrame(
            {
                "country": members["name"],
                "alliance": members["alliance"].map(names),
                "status": members["status"].map(lambda s: t(f"status.{s}")),
                "since": members["since"].map(lambda d: format_date(d, lang)),
            }
        )
        .sort_values(["alliance", "country"], ignore_index=True)
        .pipe(_headers, t)
    )


def changes(
    frame: pd.DataFrame, names: dict[str, str], countries: dict[str, str], t: Translate
) -> pd.DataFrame:
    """Changes between two dates, worded."""
    status = lambda s: t(f"status.{s}") if isinstance(s, str) else ""  # noqa: E731
    return pd.DataFrame(
        {
            "change": frame["change"].map(lambda c: t(f"change.{c}")),
            "alliance": frame["alliance"].map(names),
            "country": frame["country"].map(countries),
            "before": frame["before"].map(status),
            "after": frame["after"].map(status),
        }
    ).pipe(_headers, t)


def comparison(answers: dict, names: dict[str, str], t: Translate, lang: str) -> pd.DataFrame:
    """The alliances side by side: one row per question, one column per alliance."""

    def word(key: str, value: object) -> str:
        if value is None:
            return "—"
        match key:
            case "treaty" | "defence_article" | "defence_paraphrase":
                return value.get(lang)
            case "signed":
                day, place = value
                return f"{format_date(day, lang)}, {place.get(lang)}"
            case "in_force" | "dissolved":
                return format_date(value, lang)
            case "headquarters":
                return (
                    t("list.semicolon").join(
                        t(
                            "compare.seat",
                            city=city.get(lang),
                            start=format_date(start, lang) if start else t("compare.undated"),
                            end=format_date(end, lang) if end else t("date.now"),
                        )
                        for city, start, end in value
                    )
                    or "—"
                )
            case "obligations":
                return ", ".join(t(f"obligation.{o}") for o in value) or "—"
            case "peak":
                count, since = value
                return t("compare.peak_value", count=count, date=format_date(since, lang))
            case "requests":
                return t("compare.requests_value", **value)
        return str(value)

    known = [a for a in COMPARE_ORDER if a in answers]
    others = [a for a in answers if a not in COMPARE_ORDER]  # e.g. an uploaded alliance
    order = [a for a in known + others if a in names]
    questions = next(iter(answers.values()), {})
    rows = {
        t(f"compare.{key}"): {names[a]: word(key, answers[a][key]) for a in order}
        for key in questions
    }
    return pd.DataFrame(rows).T


def requests(
    shown: pd.DataFrame, names: dict[str, str], countries: dict[str, str], t: Translate, lang: str
) -> pd.DataFrame:
    """Requests for help and interventions, with their outcomes."""
    return pd.DataFrame(
        {
            "date": shown["date"].map(lambda d: format_date(d, lang)),
            "alliance": shown["alliance"].map(names),
            "kind": shown["kind"].map(lambda k: t(f"kind.{k}")),
            "countries": shown["countries"].map(
                lambda codes: ", ".join(countries.get(c, c) for c in codes)
            ),
            "title": shown[f"title_{lang}"],
            "outcome": shown["outcome"].map(
                lambda o: t(f"outcome.{o}") if isinstance(o, str) else ""
            ),
        }
    ).pipe(_headers, t)


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
    ).pipe(_headers, t)


def disputes(
    frame: pd.DataFrame, ds: Dataset, names: dict[str, str], t: Translate, lang: str
) -> pd.DataFrame:
    """Disagreements between sources, with each record, field and value worded for readers."""
    return pd.DataFrame(
        {
            "record": frame["record"].map(lambda key: record_label(ds, key, names, t, lang)),
            "field": [field_label(ds, r.record, r.field, t, lang) for r in frame.itertuples()],
            "shown": [disputed_value(r.shown, r.field, lang) for r in frame.itertuples()],
            "values": [
                [f"{disputed_value(value, r.field, lang)} ({who})" for value, who in r.values]
                for r in frame.itertuples()
            ],
            "reason": frame["reason"],
        }
    ).pipe(_headers, t)


def disputed_value(value: str, field: str, lang: str) -> str:
    """A disputed value as readers read it: a date in words (`1961-12` is `December 1961`), a
    figure's number grouped; any other value as the sources word it."""
    is_date = field in DISPUTED_DATES or re.fullmatch(r"headquarters\[.+\]\.(start|end)", field)
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
        event = ds.event_by_id[rest]
        return f"{format_date(event.date, lang)} · {event.title.get(lang)}"
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
        label = next((f.label.get(lang) for f in event.figures if f.key == figure[1]), None)
        return label or field
    seat = re.fullmatch(r"headquarters\[(.+)\]\.(start|end)", field)
    alliance = ds.alliance_by_id.get(record)
    if seat and alliance:
        cities = {h.city.get(DEFAULT_LANGUAGE): h.city.get(lang) for h in alliance.headquarters}
        city = cities.get(seat[1], seat[1])
        return t(f"field.seat_{seat[2]}", city=city)
    return field


def problems(found: list[Problem], t: Translate) -> pd.DataFrame:
    """Problems found in the data, one row each: file, line, rule and what is wrong."""
    rows = [
        {
            "file": p.file,
            "line": p.line,
            "rule": p.rule,
            "message": p.message,
            "effect": t("data.notice") if p.rule in NOTICES else t("data.skipped"),
        }
        for p in found
    ]
    frame = pd.DataFrame(rows, columns=["file", "line", "rule", "effect", "message"])
    return frame.astype({"line": "Int64"}).pipe(_headers, t)
