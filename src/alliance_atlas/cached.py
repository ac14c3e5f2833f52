"""The only module that imports streamlit: cached wrappers the pages call, one per step."""

import datetime as dt
import functools
import runpy
import urllib.parse
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from alliance_atlas import charts, i18n, queries, shapes, state, tables, upload
from alliance_atlas.dataset import Dataset
from alliance_atlas.loader import Loaded, load_partial
from alliance_atlas.paths import ROOT, data_dir
from alliance_atlas.schema import EVENT_KINDS

FIRST_DAY = dt.date(1949, 1, 1)  # the earliest date a view can ask for
STATUSES = [
    queries.MEMBER,
    "frozen",
    "suspended",
    "outside_integrated_command",
    "inactive",
    "former",
]


def through_router() -> None:
    """Make sure app.py routes this run, even on a server's first visit by deep link.

    Until st.navigation has run once in a server process, Streamlit treats a `pages/`
    folder as legacy multipage routing and runs the page script on its own, without
    app.py (no sidebar, no page config). The router then runs in this same run, so that
    nothing the visitor did (a button's click) is lost to a rerun.
    """
    from streamlit.runtime.pages_manager import PagesManager  # no public switch for this

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        runpy.run_path(str(ROOT / "app.py"), run_name="__main__")
        st.stop()


UPLOADED = "uploaded_data"  # session state: the Loaded data this session brought
UPLOAD_MODE = "uploaded_mode"  # session state: "beside" or "instead" of the data folder


@st.cache_resource(show_spinner=False)
def _folder_data(folder: Path) -> Loaded:
    return load_partial(folder)


def loaded() -> Loaded:
    """The data this session sees: what it uploaded, else the data folder, read once per
    process; records that break a rule are left out and named in `problems`."""
    return st.session_state.get(UPLOADED) or _folder_data(data_dir())


def dataset() -> Dataset:
    """The records this session sees."""
    return loaded().dataset


def _per_data(cache: Callable) -> Callable:
    """A Streamlit cache decorator whose entries are also keyed by the data's version: sessions
    may see different data (an upload), and must never be served each other's results."""

    def decorate(func: Callable) -> Callable:
        def keyed(data_version: str, *args, **kwargs):
            return func(*args, **kwargs)

        # Streamlit names a cache by the function's module, qualified name and source.
        keyed.__module__, keyed.__qualname__ = func.__module__, func.__qualname__
        keyed.__wrapped__ = func  # whose source inspect.getsource then reads
        cached = cache(keyed)

        @functools.wraps(func)
        def call(*args, **kwargs):
            return cached(dataset().version, *args, **kwargs)

        call.clear = cached.clear
        return call

    return decorate


def today() -> dt.date:
    """The date the view is computed for."""
    return dt.date.today()


def adopt_browser_language() -> None:
    """On a session's first run with no `lang` in the link, take the browser's language if
    there is a catalogue for it; the link then carries it, so a French link opens in French."""
    if "lang_adopted" in st.session_state:
        return
    st.session_state["lang_adopted"] = True
    browser = (st.context.locale or "").split("-")[0].lower()
    other = browser in i18n.languages() and browser != i18n.DEFAULT_LANGUAGE
    if other and "lang" not in st.query_params:
        st.query_params["lang"] = browser


def date_text(day: dt.date) -> str:
    """A date in the reader's language: `7 October 2002`, `1er janvier 1993`."""
    return i18n.format_date(day, language())


def number(value: float) -> str:
    """A number in the reader's language: `2,500` or `2 500`."""
    return i18n.format_number(value, language())


def language() -> str:
    """The language in the URL, or the default."""
    lang = st.query_params.get("lang", i18n.DEFAULT_LANGUAGE)
    return lang if lang in i18n.languages() else i18n.DEFAULT_LANGUAGE


def translator() -> Callable[..., str]:
    """`t(key, **values)` in the current language."""
    return i18n.translator(language())


def url_notices() -> list[str]:
    """Names of URL parameters that could not be used (the view fell back to defaults)."""
    ds = dataset()
    allowed = state.Allowed(
        alliances=frozenset(ds.alliance_by_id),
        kinds=frozenset(EVENT_KINDS),
        events=frozenset(e.record.id for e in ds.events),
        countries=frozenset(ds.country_by_code),
        statuses=frozenset(STATUSES),
        languages=frozenset(i18n.languages()),
        first_day=FIRST_DAY,
        today=today(),
    )
    return state.unusable_params(st.query_params, allowed)


# --- widgets kept in the URL --------------------------------------------------------------
# Streamlit's own binding writes a widget's *label* to the URL; these write stable ids.


def _seed(key: str, value: object) -> None:
    if key not in st.session_state:
        st.session_state[key] = value


def _keep(key: str, value: object, default: object) -> None:
    if value == default or value in (None, "", []):
        if key in st.query_params:
            del st.query_params[key]
    elif isinstance(value, list):
        st.query_params[key] = [str(v) for v in value]
    else:
        st.query_params[key] = value.isoformat() if isinstance(value, dt.date) else str(value)


def linked_multiselect(where, label: str, options: list[str], format_func, key: str) -> list[str]:
    """A multiselect whose choice is the URL parameter `key` (repeated ids)."""
    _seed(key, [v for v in dict.fromkeys(st.query_params.get_all(key)) if v in options])
    t = translator()  # Streamlit's own placeholder is in English
    value = where.multiselect(
        label, options, format_func=format_func, key=key, placeholder=t("filter.any")
    )
    _keep(key, value, [])
    return value


def linked_selectbox(
    where,
    label: str,
    options: Sequence[str],
    format_func,
    key: str,
    default=None,
    placeholder: str = "",
    as_radio: bool = False,
):
    """A select box (or a row of radio buttons) whose choice is the URL parameter `key`, the
    default left out of the URL."""
    wanted = st.query_params.get(key)
    _seed(key, wanted if wanted in options else default)
    if as_radio:
        value = where.radio(label, options, format_func=format_func, key=key, horizontal=True)
    else:
        value = where.selectbox(
            label, options, format_func=format_func, key=key, placeholder=placeholder or None
        )
    _keep(key, value, default)
    return value


def linked_date(where, label: str, default: dt.date | None, key: str) -> dt.date | None:
    """A date input whose value is the URL parameter `key` (YYYY-MM-DD), defaults left out."""
    wanted = state.parse_day(st.query_params.get(key, ""), FIRST_DAY, today())
    _seed(key, wanted or default)
    t = translator()
    shown_as = t("date.input")  # the reader's order of day, month and year
    value = where.date_input(
        label, min_value=FIRST_DAY, max_value=today(), format=shown_as, key=key
    )
    _keep(key, value, default)
    return value


def linked_text(where, label: str, key: str) -> str:
    """A text input whose value is the URL parameter `key`."""
    wanted = st.query_params.get(key, "")
    _seed(key, wanted if len(wanted) <= state.MAX_TEXT else "")
    value = where.text_input(label, max_chars=state.MAX_TEXT, key=key)
    _keep(key, value, "")
    return value


# --- names -----------------------------------------------------------------------------


def alliance_names(lang: str) -> dict[str, str]:
    """Each alliance's short name in `lang`, in display order."""
    by_id = dataset().alliance_by_id
    order = [a for a in charts.ALLIANCES if a in by_id] + sorted(set(by_id) - set(charts.ALLIANCES))
    return {a: by_id[a].short_name.get(lang) for a in order}


def country_names(lang: str) -> dict[str, str]:
    """Each state's name in `lang`, sorted by name."""
    ds = dataset()
    names = {code: queries.country_name(ds, code, lang) for code in ds.country_by_code}
    return dict(sorted(names.items(), key=lambda item: item[1]))


def event_kinds() -> list[str]:
    """Every kind of event that occurs in the data."""
    return sorted(set(dataset().events_frame["kind"]), key=EVENT_KINDS.index)


def event_ids() -> list[str]:
    """Every event id, oldest first."""
    return dataset().events_frame["id"].tolist()


def event_label(lang: str) -> Callable[[str], str]:
    """A function naming an event by its date and title, for a select box."""
    frame = dataset().events_frame.set_index("id")
    return lambda event_id: " · ".join(
        [i18n.format_date(frame.at[event_id, "date"], lang), frame.at[event_id, f"title_{lang}"]]
    )


def ten_years_before(day: dt.date) -> dt.date:
    """The default start of the changes view: 1 January, ten years earlier."""
    return max(dt.date(day.year - 10, 1, 1), FIRST_DAY)


def first_event_day() -> dt.date:
    """The date of the oldest event (the first day the atlas covers, when there is none)."""
    first = dataset().events_frame["when"].min()
    return FIRST_DAY if pd.isna(first) else first.date()


# --- overview ---------------------------------------------------------------------------


@_per_data(st.cache_data(show_spinner=False, max_entries=256))
def overview_figures(day: dt.date, lang: str) -> list[dict]:
    """The CSTO and NATO in figures on `day`."""
    summary = alliance_summary(day).set_index("alliance")
    t = i18n.translator(lang)
    return [
        {
            "name": alliance_names(lang)[a],
            "members_now": int(summary.at[a, "members_now"]),
            "peak": int(summary.at[a, "peak"]),
            "peak_help": t(
                "overview.peak_help", date=i18n.format_date(summary.at[a, "peak_since"], lang)
            ),
            "founded": t(
                "overview.founded",
                signed=i18n.format_date(summary.at[a, "signed"], lang),
                in_force=i18n.format_date(summary.at[a, "in_force"], lang),
            ),
        }
        for a in _featured(summary.index, lang)
    ]


def _featured(present: Iterable[str], lang: str) -> list[str]:
    """The CSTO and NATO; in other data, their first two alliances."""
    present = set(present)
    return [a for a in ("csto", "nato") if a in present] or [
        a for a in alliance_names(lang) if a in present
    ][:2]


@_per_data(st.cache_data(show_spinner=False, max_entries=256))
def csto_story() -> pd.DataFrame:
    """The highlighted events of the CSTO and its 1992 treaty; in other data, all of theirs."""
    frame = queries.filter_events(dataset(), alliances=("cst", "csto"))
    if not frame["highlight"].any():
        frame = queries.filter_events(dataset())
    return frame[frame["highlight"]].reset_index(drop=True)


# --- timeline ---------------------------------------------------------------------------


@_per_data(st.cache_data(show_spinner=False, max_entries=256))
def events(
    alliances: tuple[str, ...] | None,
    kinds: tuple[str, ...] | None,
    countries: tuple[str, ...] | None,
    start: dt.date | None,
    end: dt.date | None,
    text: str,
) -> pd.DataFrame:
    """Events matching the filters."""
    return queries.filter_events(dataset(), alliances, kinds, countries, start, end, text or None)


@_per_data(st.cache_resource(show_spinner=False, max_entries=256))
def timeline_figure(shown: pd.DataFrame, lang: str) -> go.Figure:
    """The timeline chart of the events shown."""
    return charts.timeline(shown, alliance_names(lang), i18n.translator(lang), lang)


@_per_data(st.cache_data(show_spinner=False, max_entries=256))
def event_table(shown: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The events shown, as a table."""
    return tables.events(shown, alliance_names(lang), i18n.translator(lang), lang)


def describe_events(shown: pd.DataFrame, lang: str) -> str:
    """The timeline's text alternative."""
    return tables.describe_events(shown, alliance_names(lang), i18n.translator(lang))


def event_details(event_id: str, lang: str) -> dict | None:
    """Everything the details panel shows about one event."""
    return tables.event_details(dataset(), event_id, i18n.translator(lang), lang)


def literal(text: str) -> str:
    """Data text made safe to show in a markdown element."""
    return tables.literal(text)


def sources_in(frame: pd.DataFrame) -> list[str]:
    """The source ids cited by the rows of an events or memberships frame."""
    return [source for ids in frame["sources"] for source in ids] if len(frame) else []


def membership_sources() -> list[str]:
    """The source ids behind every membership and status period."""
    ds = dataset()
    return sources_in(ds.memberships_frame) + [
        s for item in ds.statuses for s in item.record.sources
    ]


def caption(source_ids: Iterable[str], lang: str) -> str:
    """A caption naming who published the sources behind a chart."""
    return charts.sources_caption(list(source_ids), dataset().source_by_id, i18n.translator(lang))


# --- map --------------------------------------------------------------------------------


def _other_outlines() -> list[str]:
    """Every shape in the map file that is not one of our states, drawn as plain land."""
    ours = set(dataset().country_by_code)  # drawn by date, with their history
    return [code for code in shapes.world_ids() if code not in ours]


# Figures are cached as resources: shared, never copied, never changed after they are built.
@_per_data(st.cache_resource(show_spinner=False, max_entries=64))
def map_figure(day: dt.date, lang: str) -> go.Figure:
    """The membership map on `day`."""
    rows, names, t = _map_rows(day, lang), alliance_names(lang), i18n.translator(lang)
    return charts.membership_map(rows, names, t, lang, _other_outlines())


@_per_data(st.cache_resource(show_spinner=False, max_entries=16))
def years_figure(lang: str) -> go.Figure:
    """The map year by year, one frame per year-end from 1949; the same for every date, so it
    is built once per language (and data)."""
    frames = {y: _map_rows(dt.date(y, 12, 31), lang) for y in range(1949, today().year)}
    names, t = alliance_names(lang), i18n.translator(lang)
    return charts.membership_years(frames, names, t, lang, _other_outlines())


@_per_data(st.cache_data(show_spinner=False, max_entries=512))
def _map_rows(day: dt.date, lang: str) -> pd.DataFrame:
    return queries.map_rows(dataset(), day, lang)


def map_sentence(day: dt.date, lang: str) -> str:
    """The map's text alternative."""
    t = i18n.translator(lang)
    return tables.map_sentence(
        _map_rows(day, lang), alliance_names(lang), t, i18n.format_date(day, lang)
    )


def map_members(day: dt.date, lang: str) -> pd.DataFrame:
    """The map's members as a table."""
    return tables.map_members(
        _map_rows(day, lang), alliance_names(lang), i18n.translator(lang), lang
    )


@_per_data(st.cache_data(show_spinner=False, max_entries=256))
def changes_table(start: dt.date, end: dt.date, lang: str) -> pd.DataFrame:
    """Who joined, left or changed status between two dates."""
    frame = queries.changes_between(dataset(), start, end)
    return tables.changes(frame, alliance_names(lang), country_names(lang), i18n.translator(lang))


# --- members ----------------------------------------------------------------------------


@_per_data(st.cache_data(show_spinner=False, max_entries=256))
def member_table(
    alliances: tuple[str, ...] | None,
    countries: tuple[str, ...] | None,
    statuses: tuple[str, ...] | None,
    on: dt.date | None,
    lang: str,
) -> pd.DataFrame:
    """Membership episodes matching the filters, worded for reading and download."""
    rows = queries.membership_table(dataset(), alliances, countries, statuses, on)
    return tables.members(rows, alliance_names(lang), country_names(lang), i18n.translator(lang))


def row_sources(rows: pd.DataFrame, picked: list[int], lang: str) -> pd.DataFrame | None:
    """Every source of the picked row, as links; None when no row is picked."""
    if not picked:
        return None
    ids = rows[i18n.translator(lang)("column.sources")].iloc[picked[0]].split("; ")
    return tables.source_links(dataset(), ids, i18n.translator(lang))


def for_reading(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows to show: a missing value is an empty cell, not None."""
    return tables.blank_missing(frame)


def as_csv(frame: pd.DataFrame) -> bytes:
    """The rows as spreadsheet-safe CSV."""
    return tables.to_csv(frame)


def as_json(frame: pd.DataFrame) -> bytes:
    """The rows as JSON."""
    return tables.to_json(frame)


@_per_data(st.cache_resource(show_spinner=False, max_entries=256))
def counts_figure(lang: str) -> go.Figure:
    """Member counts over time."""
    counts = queries.membership_counts(dataset())
    return charts.membership_counts(counts, alliance_names(lang), today(), i18n.translator(lang))


@_per_data(st.cache_data(show_spinner=False, max_entries=256))
def alliance_summary(day: dt.date) -> pd.DataFrame:
    """Each alliance in figures on `day`."""
    return queries.alliance_summary(dataset(), day)


def describe_counts(lang: str) -> str:
    """The counts chart's text alternative."""
    answers = alliance_summary(today())  # cached: not recomputed on every rerun
    t, names = i18n.translator(lang), alliance_names(lang)
    parts = t("list.semicolon").join(
        t("members.count_part", name=names[r.alliance], now=r.members_now, peak=r.peak)
        for r in answers.itertuples()
    )
    return t("members.counts_text", parts=parts)


@_per_data(st.cache_resource(show_spinner=False, max_entries=256))
def gantt_figure(alliances: tuple[str, ...], lang: str) -> go.Figure:
    """Membership episodes as bars, patterned by status."""
    segments = queries.status_segments(dataset(), today())
    segments = segments[segments["alliance"].isin(alliances)]
    t = i18n.translator(lang)
    return charts.gantt(segments, country_names(lang), alliance_names(lang), t, lang)


# --- compare and sources ----------------------------------------------------------------


@_per_data(st.cache_data(show_spinner=False, max_entries=256))
def comparison(lang: str) -> pd.DataFrame:
    """The alliances side by side."""
    answers = queries.comparison(dataset(), today())
    return tables.comparison(answers, alliance_names(lang), i18n.translator(lang), lang)


@_per_data(st.cache_data(show_spinner=False, max_entries=256))
def requests_and_interventions() -> pd.DataFrame:
    """Every request for help and every intervention or invocation."""
    kinds = ("request", "request_refused", "request_granted", "intervention", "invocation")
    return queries.filter_events(dataset(), kinds=kinds)


@_per_data(st.cache_data(show_spinner=False, max_entries=256))
def requests_table(lang: str) -> pd.DataFrame:
    """Requests and interventions, worded."""
    shown = requests_and_interventions()
    return tables.requests(
        shown, alliance_names(lang), country_names(lang), i18n.translator(lang), lang
    )


@_per_data(st.cache_data(show_spinner=False, max_entries=256))
def source_table(lang: str) -> pd.DataFrame:
    """Every source with the records that cite it."""
    frame = queries.source_table(dataset())
    return tables.sources(frame, dataset(), alliance_names(lang), i18n.translator(lang), lang)


@_per_data(st.cache_data(show_spinner=False, max_entries=256))
def dispute_table(lang: str) -> pd.DataFrame:
    """Every disagreement between sources, and the value shown."""
    frame = queries.dispute_table(dataset())
    return tables.disputes(frame, dataset(), alliance_names(lang), i18n.translator(lang), lang)


# --- data brought by the session ----------------------------------------------------------


def use_uploads(files: list, beside: bool) -> None:
    """Load uploaded files (Streamlit UploadedFiles) for this session only, beside the data
    folder or instead of it, and rerun every page with them."""
    uploads = [upload.Upload(f.name, f.getvalue()) for f in files]
    st.session_state[UPLOADED] = upload.load_uploads(uploads, data_dir() if beside else None)
    st.session_state[UPLOAD_MODE] = "beside" if beside else "instead"
    st.rerun()


def forget_uploads() -> None:
    """Go back to the data folder."""
    st.session_state.pop(UPLOADED, None)
    st.rerun()


def uses_uploads() -> bool:
    """Whether this session sees data it uploaded."""
    return UPLOADED in st.session_state


def data_mode() -> str:
    """`shipped`, or where this session's upload stands: `beside` or `instead` of them."""
    return st.session_state[UPLOAD_MODE] if uses_uploads() else "shipped"


def problem_table(lang: str) -> pd.DataFrame:
    """Every problem found in the data this session sees, one row each."""
    return tables.problems(loaded().problems, i18n.translator(lang))


def view_url() -> str:
    """The address of the view as it stands: the page's URL and its parameters."""
    query = urllib.parse.urlencode(
        [(key, value) for key in st.query_params for value in st.query_params.get_all(key)]
    )
    base = st.context.url or ""
    return f"{base}?{query}" if query else base


def citation(lang: str) -> str:
    """How to cite the current view: its address, the data version and today's date."""
    t = i18n.translator(lang)
    version, date = dataset().version, i18n.format_date(today(), lang)
    return t("sources.citation", url=view_url(), version=version, date=date)
