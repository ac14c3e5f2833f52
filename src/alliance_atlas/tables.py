"""Display tables and sentences for the pages: query results with translated labels and dates."""

import csv
import io
import json
from collections.abc import Callable, Iterable

import pandas as pd

from alliance_atlas.dataset import Dataset
from alliance_atlas.i18n import (
    format_date,
    format_number,
    localise,
    translated_headers,
    typeset_each,
)
from alliance_atlas.names import country_name
from alliance_atlas.problems import NOTICES, Problem
from alliance_atlas.provenance import event_name, source_links
from alliance_atlas.vocab import MEMBER, compare_order

Translate = Callable[..., str]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet would run as a formula
MARKDOWN_SPECIALS = "\\`*_{}[]()#+-.!|<>~$:"


def literal(text: str) -> str:
    """Data text made safe for a markdown element (a title or caption): it shows as typed."""
    return "".join(f"\\{c}" if c in MARKDOWN_SPECIALS else c for c in text)


def events(shown: pd.DataFrame, names: dict[str, str], t: Translate, lang: str) -> pd.DataFrame:
    """The events shown, one row each, in the reader's language."""
    return pd.DataFrame(
        {
            "id": shown["id"],
            "date": shown["date"].map(lambda d: format_date(d, lang)),
            "alliance": shown["alliance"].map(names),
            "kind": shown["kind"].map(lambda k: t(f"kind.{k}")),
            "title": typeset_each(shown[f"title_{lang}"], lang),
            "outcome": shown["outcome"].map(
                lambda o: t(f"outcome.{o}") if isinstance(o, str) else ""
            ),
        }
    ).pipe(translated_headers, t)


def event_label(ds: Dataset, lang: str) -> Callable[[str], str]:
    """A function naming an event by its id, for a select box: `7 October 2002 · title`."""
    return lambda event_id: event_name(ds.event_by_id[event_id], lang)


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
                "figure": localise(f.label, lang),
                "value": ("≈ " if f.approximate else "") + format_number(f.value, lang),
                "source": ", ".join(sources[s].publisher for s in f.sources),
                "note": localise(f.note, lang) if f.note else "",
            }
            for f in event.figures
        ],
        columns=["figure", "value", "source", "note"],
    ).pipe(translated_headers, t)
    cited = source_links(ds, event.sources, t)
    line = [format_date(event.date, lang), t(f"kind.{event.kind}")]
    if event.outcome:
        line.append(t(f"outcome.{event.outcome}"))
    names = [country_name(ds, code, lang) for code in event.countries]
    return {
        "title": localise(event.title, lang),
        "line": " · ".join(line),
        "summary": localise(event.summary, lang),
        "uncertain": event.uncertain,
        "countries": ", ".join(names) or "—",
        "figures": figures,
        "sources": cited,
    }


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
            "joined": rows["joined_as_given"],  # as precise as the data: 1955-05-06, 1955-05
            "left": rows["left_as_given"],
            # blank for the atlas's rule (the day it took effect); said where it is not
            "joined_basis": rows["joined_basis"].map(
                lambda b: t("joined_basis.signature") if b == "signature" else ""
            ),
            "joined_as": rows["joined_as"].map(lambda j: t(f"joined_as.{j}")),
            "status": rows["status"].map(lambda s: t(f"status.{s}")),
            "editor_note": rows["note"],
            "source": rows["source_url"],
            "sources": rows["sources"].map(lambda ids: "; ".join(ids)),
        }
    ).pipe(translated_headers, t)


def csv_text(columns: tuple[str, ...], rows: list[dict]) -> str:
    """CSV with these columns in this order (other keys of a row ignored; None as empty)."""
    out = io.StringIO()
    writer = csv.DictWriter(
        out, fieldnames=list(columns), lineterminator="\n", extrasaction="ignore"
    )
    writer.writeheader()
    writer.writerows({c: "" if row.get(c) is None else row[c] for c in columns} for row in rows)
    return out.getvalue()


def defuse(value: object) -> object:
    """A cell that is safe to open in a spreadsheet: text that would run as a formula is
    quoted out."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(frame: pd.DataFrame) -> bytes:
    """CSV that is safe to open in a spreadsheet (`defuse`)."""
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
    every = [a for r in members.itertuples() for a in (r.alliance, *r.also)]  # all memberships
    counts = pd.Series(every).value_counts()
    parts = ", ".join(f"{names.get(a, a)} {n}" for a, n in counts.items())
    partial = members[members["status"] != MEMBER]
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
                "also_in": members["also"].map(lambda ids: ", ".join(names.get(a, a) for a in ids)),
            }
        )
        .sort_values(["alliance", "country"], ignore_index=True)
        .pipe(translated_headers, t)
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
    ).pipe(translated_headers, t)


def comparison(
    answers: dict,
    names: dict[str, str],
    t: Translate,
    lang: str,
    shown: Iterable[str] | None = None,
) -> pd.DataFrame:
    """The alliances (those `shown`, or all) side by side: one row per question, one column per
    alliance."""

    def word(key: str, value: object) -> str:
        if value is None:
            return "—"
        match key:
            case "type":
                return t(f"alliance_type.{value}")
            case "treaty" | "defence_article" | "defence_paraphrase":
                return localise(value, lang)
            case "signed":
                day, place = value
                where = f", {localise(place, lang)}" if place else ""
                return format_date(day, lang) + where
            case "in_force" | "dissolved":
                return format_date(value, lang)
            case "headquarters":
                return (
                    t("list.semicolon").join(
                        t(
                            "compare.seat",
                            city=localise(city, lang),
                            start=format_date(start, lang) if start else t("compare.undated"),
                            end=format_date(end, lang) if end else t("date.now"),
                        )
                        for city, start, end in value
                    )
                    or "—"
                )
            case "obligations":
                return ", ".join(t(f"obligation.{o}") for o in value) or "—"
            case "members_now":
                count, successor, day = value
                return handover(successor, day, names, t, lang) or str(count)
            case "peak":
                count, since = value
                return t("compare.peak_value", count=count, date=format_date(since, lang))
            case "requests":
                return t("compare.requests_value", **value)
        return str(value)

    shown = set(answers if shown is None else shown)
    order = [a for a in compare_order(answers) if a in names and a in shown]
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
            "title": typeset_each(shown[f"title_{lang}"], lang),
            "outcome": shown["outcome"].map(
                lambda o: t(f"outcome.{o}") if isinstance(o, str) else ""
            ),
        }
    ).pipe(translated_headers, t)


def overview_figures(
    summary: pd.DataFrame, featured: list[str], names: dict[str, str], t: Translate, lang: str
) -> list[dict]:
    """The featured alliances in figures, from `queries.alliance_summary`, worded."""
    summary = summary.set_index("alliance")
    return [
        {
            "name": names[a],
            "members_now": int(summary.at[a, "members_now"]),
            "peak": int(summary.at[a, "peak"]),
            "peak_help": t(
                "overview.peak_help", date=format_date(summary.at[a, "peak_since"], lang)
            ),
            "founded": t(
                "overview.founded",
                signed=format_date(summary.at[a, "signed"], lang),
                in_force=format_date(summary.at[a, "in_force"], lang),
            ),
        }
        for a in featured
    ]


def arrow_to(successor: str, names: dict[str, str], t: Translate) -> str:
    """ "→ CSTO": how a chart ends the line of an alliance that handed its members on."""
    return t("chart.handed_over", name=names.get(successor, successor))


def handover(successor, day, names: dict[str, str], t: Translate, lang: str) -> str | None:
    """ "Successor from 18 September 2003: CSTO", where an alliance handed its members on, so
    that a reader does not take the CST's 0 since 2003 for a collapse; else None."""
    if successor is None or pd.isna(successor):
        return None
    date = format_date(pd.Timestamp(day).date(), lang)
    return t("compare.handed_over", name=names.get(successor, successor), date=date)


def describe_counts(summary: pd.DataFrame, names: dict[str, str], t: Translate, lang: str) -> str:
    """The counts chart's text alternative: each alliance's members today (or the successor it
    handed them to) and at its peak."""

    def part(r) -> str:
        if r.handed_to is None or pd.isna(r.handed_to):
            return t("members.count_part", name=names[r.alliance], now=r.members_now, peak=r.peak)
        date = format_date(pd.Timestamp(r.handed_on).date(), lang)
        successor = names.get(r.handed_to, r.handed_to)
        name = names[r.alliance]
        return t(
            "members.count_part_handed", name=name, peak=r.peak, successor=successor, date=date
        )

    parts = t("list.semicolon").join(part(r) for r in summary.itertuples())
    return t("members.counts_text", parts=parts)


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
    return frame.astype({"line": "Int64"}).pipe(translated_headers, t)
