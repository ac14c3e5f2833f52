"""Accessible names (`alt`) of charts and tables, made from their data, in the reader's language."""

import datetime as dt
from collections.abc import Iterable

import pandas as pd
from babel.lists import format_list

from alliance_atlas import provenance, views
from alliance_atlas.dataset import Dataset
from alliance_atlas.i18n import format_date, format_number, translator
from alliance_atlas.names import alliance_names
from alliance_atlas.vocab import FIRST_DAY

NAMED = 4  # up to this many alliances are named in a text; more are counted

# --- charts: what kind of chart, then the sentence the page already writes beside it ---------


def timeline_chart(ds: Dataset, shown: pd.DataFrame, lang: str) -> str:
    """The timeline chart of the events `shown`."""
    t = translator(lang)
    return t("alt.timeline", sentence=views.describe_events(ds, shown, lang))


def map_chart(ds: Dataset, rows: pd.DataFrame, day: dt.date, lang: str) -> str:
    """The map on `day`, from its rows (`queries.map_rows`)."""
    t = translator(lang)
    return t("alt.map", sentence=views.map_sentence(ds, rows, day, lang))


def years_chart(
    ds: Dataset, this_year: int, lang: str, alliances: tuple[str, ...] | None = None
) -> str:
    """The year-by-year map of `alliances` (or all), from 1945 to the year before `this_year`."""
    t, shown = translator(lang), views.shown_names(ds, alliances, lang)
    years = views.year_span(FIRST_DAY.year, this_year - 1)
    return t("alt.years", years=years, alliances=_alliances(ds, shown, lang))


def counts_chart(ds: Dataset, alliances: tuple[str, ...], today: dt.date, lang: str) -> str:
    """The member counts of `alliances` over time, to `today`."""
    t, sentence = translator(lang), views.describe_counts(ds, alliances, today, lang)
    return t("alt.counts", years=_span(ds, alliances, today), sentence=sentence)


def pacts_chart(ds: Dataset, alliances: tuple[str, ...], today: dt.date, lang: str) -> str:
    """The `alliances` on one page, a lane each, to `today`."""
    t, sentence = translator(lang), views.describe_counts(ds, alliances, today, lang)
    return t("alt.pacts", years=_span(ds, alliances, today), sentence=sentence)


def gantt_chart(ds: Dataset, alliances: tuple[str, ...], today: dt.date, lang: str) -> str:
    """Each membership of `alliances` as a bar, to `today`."""
    t, named = translator(lang), _alliances(ds, alliances, lang)
    return t("alt.gantt", years=_span(ds, alliances, today), alliances=named)


# --- tables: what the rows are, and how many ------------------------------------------------


def events_table(ds: Dataset, shown: pd.DataFrame, table: pd.DataFrame, lang: str) -> str:
    """The `table` of the events `shown` (`queries.filter_events`)."""
    t = translator(lang)
    if shown.empty:
        return _table(t("alt.events_none"), table, lang)
    years = views.year_span(shown["when"].min().year, shown["when"].max().year)
    named = _alliances(ds, shown["alliance"], lang)
    return _table(t("alt.events", alliances=named, years=years), table, lang)


def event_figures(ds: Dataset, event_id: str, table: pd.DataFrame, lang: str) -> str:
    """The `table` of an event's figures."""
    t, event = translator(lang), provenance.event_name(ds.event_by_id[event_id], lang)
    return _table(t("alt.event_figures", event=event), table, lang)


def event_sources(ds: Dataset, event_id: str, table: pd.DataFrame, lang: str) -> str:
    """The `table` of an event's sources."""
    t, event = translator(lang), provenance.event_name(ds.event_by_id[event_id], lang)
    return _table(t("alt.event_sources", event=event), table, lang)


def map_members(table: pd.DataFrame, day: dt.date, lang: str) -> str:
    """The `table` of the map's members on `day`."""
    t = translator(lang)
    return _table(t("alt.map_members", date=format_date(day, lang)), table, lang)


def changes(table: pd.DataFrame, start: dt.date, end: dt.date, lang: str) -> str:
    """The `table` of the changes between two dates."""
    t = translator(lang)
    subject = t("alt.changes", start=format_date(start, lang), end=format_date(end, lang))
    return _table(subject, table, lang)


def members(ds: Dataset, episodes: pd.DataFrame, table: pd.DataFrame, lang: str) -> str:
    """The `table` of membership episodes (`queries.membership_table`)."""
    t = translator(lang)
    if episodes.empty:
        return _table(t("alt.members_none"), table, lang)
    named = _alliances(ds, episodes["alliance"], lang)
    return _table(t("alt.members", alliances=named), table, lang)


def row_sources(
    ds: Dataset, episodes: pd.DataFrame, picked: list[int], table: pd.DataFrame, lang: str
) -> str:
    """The `table` of the sources of the picked episode."""
    row, t = episodes.iloc[picked[0]], translator(lang)
    key = f"membership:{row['alliance']}:{row['country']}:{row['joined_as_given']}"
    record = provenance.record_label(ds, key, alliance_names(ds, lang), t, lang)
    return _table(t("alt.row_sources", record=record), table, lang)


def comparison(table: pd.DataFrame, lang: str) -> str:
    """The `table` of alliances side by side, one column each (`views.comparison`)."""
    t, named = translator(lang), format_list([str(c) for c in table.columns], locale=lang)
    return _table(t("alt.comparison", alliances=named), table, lang)


def requests(ds: Dataset, alliances: tuple[str, ...], table: pd.DataFrame, lang: str) -> str:
    """The `table` of requests for help and interventions in `alliances`."""
    t, named = translator(lang), _alliances(ds, alliances, lang)
    return _table(t("alt.requests", alliances=named), table, lang)


def listing(kind: str, table: pd.DataFrame, lang: str) -> str:
    """The `table` of a whole listing, by its `kind`: `sources`, `disputes` (between sources),
    `problems` (found in the data), `differences` (between an imported file and the atlas) or
    `pairs` (an imported file's alliances and their counterparts, which the reader corrects)."""
    t = translator(lang)
    subjects = {
        "sources": t("alt.sources"),
        "disputes": t("alt.disputes"),
        "problems": t("alt.problems"),
        "differences": t("alt.differences"),
        "pairs": t("alt.pairs"),
    }
    return _table(subjects[kind], table, lang)


def state_memberships(name: str, table: pd.DataFrame, lang: str) -> str:
    """The table of every membership of the state `name`, chosen on the map."""
    t = translator(lang)
    return _table(t("alt.state", name=name), table, lang)


# --- the parts ------------------------------------------------------------------------------


def _table(subject: str, table: pd.DataFrame, lang: str) -> str:
    """`Table of <subject>: 8 rows.` Short, as Streamlit repeats a table's alt in the name of
    each button of its toolbar; the grid gives its columns to a screen reader itself."""
    t, count = translator(lang), len(table)
    if count == 0:
        rows = t("alt.rows_none")
    elif count == 1:
        rows = t("alt.rows_one")
    else:
        rows = t("alt.rows", count=format_number(count, lang))
    return t("alt.table", subject=subject, rows=rows)


def _alliances(ds: Dataset, ids: Iterable[str], lang: str) -> str:
    """The alliances among `ids`, named in the atlas's order (`NATO and CSTO`), or counted when
    there are more than NAMED."""
    wanted = set(ids)
    named = [name for alliance, name in alliance_names(ds, lang).items() if alliance in wanted]
    if len(named) > NAMED:
        t = translator(lang)
        return t("alt.alliances", count=len(named))
    return format_list(named, locale=lang)


def _span(ds: Dataset, alliances: Iterable[str], today: dt.date) -> str:
    """The years from the first membership of `alliances` to `today`."""
    episodes = ds.memberships_frame
    first = episodes.loc[episodes["alliance"].isin(list(alliances)), "joined"].min()
    return views.year_span(today.year if pd.isna(first) else first.year, today.year)
