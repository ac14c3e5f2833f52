"""Widgets kept in the URL, each bound to a parameter of state.PARAMS, and the link's notices.

Streamlit's own `bind="query-params"` writes a widget's label to the URL; these write stable
ids, so a link reads the same in every language.
"""

import datetime as dt
from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st

from alliance_atlas import alts, i18n, layout, session, state
from alliance_atlas.vocab import ALLIANCES, FIRST_DAY, MOST_CHARTED


def url_notices() -> list[str]:
    """Names of URL parameters that could not be used (the view fell back to defaults); read
    before any widget tidies the URL."""
    allowed = state.allowed(session.dataset(), session.today())
    return state.unusable_params(st.query_params, allowed)


def _seed(key: str, value: object) -> None:
    if key not in st.session_state:
        st.session_state[key] = value


def _follow(key: str, default: object) -> None:
    """A date still at its default moves with it, for every linked date: the map's changes
    start ten years before its date and stay so when the date moves, unless the reader chose
    another start; the timeline's range follows its data the same way."""
    previous = st.session_state.get(f"default.{key}")
    if previous is not None and st.session_state[key] == previous != default:
        st.session_state[key] = default
    st.session_state[f"default.{key}"] = default


def _keep(key: str, value: object, default: object) -> None:
    """Write the widget's value to the URL, leaving defaults out."""
    if value == default or value in (None, "", []):
        if key in st.query_params:
            del st.query_params[key]
    elif isinstance(value, list):
        st.query_params[key] = [str(v) for v in value]
    else:
        st.query_params[key] = value.isoformat() if isinstance(value, dt.date) else str(value)


def linked_multiselect(
    where,
    label: str,
    options: list[str],
    format_func: Callable,
    key: str,
    default: list[str] | None = None,
    most: int | None = None,
    param: str | None = None,
) -> list[str]:
    """A multiselect whose choice is the URL parameter `param` (repeated ids; `key` unless
    given), the `default` left out of the URL; with no default, none chosen is all. `most` caps
    the choice. A page whose choice means something else than the others' takes its own `key`
    for the same `param`, so that a choice made on another page never stands in for its own."""
    param = param or key
    state.param(param, "many")
    wanted = [v for v in dict.fromkeys(st.query_params.get_all(param)) if v in options]
    t = session.translator()  # Streamlit's own placeholder is in English
    if most and len(wanted) > most and key not in st.session_state:  # said once, as it opens
        dropped = ", ".join(format_func(v) for v in wanted[most:])
        where.warning(t("notice.too_many", most=most, dropped=dropped), icon="↩️")
    _seed(key, wanted[:most] or list(default or []))
    value = where.multiselect(
        label,
        options,
        format_func=format_func,
        key=key,
        placeholder=t("filter.any") if default is None else t("filter.choose"),
        max_selections=most,
    )
    _keep(param, value, list(default or []))
    if value and value != list(default or []):
        layout.summarise(label, ", ".join(format_func(v) for v in value))
    return value


def alliance_presets(where, names: dict[str, str], presets: dict[str, tuple[str, ...]]) -> None:
    """Buttons that fill the alliance choice (the URL's `alliance`) with a preset, as a start
    a reader can then change: "Cold War blocs", "Today", "Russia's commitments", "Everything".
    Call it before the alliance multiselect."""
    t = session.translator()

    def fill() -> None:
        picked = st.session_state.get("alliance_preset")
        if picked in presets:
            st.session_state["alliance"] = [a for a in presets[picked] if a in names]
        st.session_state["alliance_preset"] = None  # a start, not a state: the choice is the URL

    where.pills(
        t("filter.presets"),
        list(presets),
        format_func=lambda preset: t(f"preset.{preset}"),
        key="alliance_preset",
        on_change=fill,
    )


def charted(where, names: dict[str, str], chosen: list[str]) -> tuple[str, ...]:
    """The alliances the charts draw: those chosen or, with none chosen, the atlas's own (or,
    in data that have none of them, the first MOST_CHARTED); a caption says so where that
    leaves some out, such as the hundreds of an imported dataset."""
    if chosen:
        return tuple(chosen)
    shown = tuple(a for a in names if a in ALLIANCES) or tuple(names)[:MOST_CHARTED]
    if len(names) > len(shown):
        t = session.translator()
        where.caption(t("charts.first", shown=len(shown), total=len(names)))
    return shown


def pairing(
    where, suggested: dict[str, str | None], names: dict[str, str]
) -> dict[str, str | None]:
    """The imported alliances and their counterparts in the atlas, as suggested, in a table
    whose second column a reader corrects; the pairs as the table now stands."""
    t = session.translator()
    none, theirs, ours = t("reconcile.none"), t("reconcile.theirs"), t("reconcile.ours")
    candidates = {names[a]: a for a in names if a not in suggested}
    frame = pd.DataFrame(
        {
            theirs: [names.get(a, a) for a in suggested],
            ours: [names.get(a, none) if a else none for a in suggested.values()],
        }
    )
    edited = where.data_editor(
        frame,
        hide_index=True,
        disabled=[theirs],
        column_config={ours: st.column_config.SelectboxColumn(options=[none, *candidates])},
        key="reconcile_pairs",
        alt=alts.listing("pairs", frame, session.language()),
    )
    return {a: candidates.get(name) for a, name in zip(suggested, edited[ours], strict=True)}


def downloads(where, title: str, files: list[tuple[str, Callable[[], bytes], str, str]]) -> None:
    """The rows shown in other tools' formats: (label, a function that writes the file, file
    name, MIME type) each, as download buttons in a closed expander. A file is written when
    its button is pressed, not on every run: a filter change does not pay for five formats."""
    with where.expander(title):
        for label, data, name, mime in files:
            st.download_button(label, data, name, mime, key=f"download-{name}", on_click="ignore")


def linked_selectbox(
    where,
    label: str,
    options: Sequence[str],
    format_func: Callable,
    key: str,
    default: str | None = None,
    placeholder: str = "",
    as_radio: bool = False,
) -> str | None:
    """A select box (or a row of radio buttons) whose choice is the URL parameter `key`, the
    default left out of the URL."""
    state.param(key, "one")
    wanted = st.query_params.get(key)
    _seed(key, wanted if wanted in options else default)
    if as_radio:
        value = where.radio(label, options, format_func=format_func, key=key, horizontal=True)
    else:
        value = where.selectbox(
            label, options, format_func=format_func, key=key, placeholder=placeholder or None
        )
    _keep(key, value, default)
    if value is not None and value != default:
        layout.summarise(label, format_func(value))
    return value


def stepper(where, ids: list[str], key: str, previous: str, following: str) -> None:
    """Buttons that move the choice `key` to the previous or the next of `ids` (the events
    shown, in date order): the keyboard's way through the chart's events."""
    current = st.session_state.get(key)
    at = ids.index(current) if current in ids else None

    def step(by: int) -> None:
        st.session_state[key] = ids[0 if at is None else at + by]

    before, after = where.columns(2)
    before.button(
        previous,
        key=f"{key}_previous",
        on_click=step,
        args=(-1,),
        disabled=not at,
        width="stretch",
    )
    after.button(
        following,
        key=f"{key}_next",
        on_click=step,
        args=(1,),
        disabled=not ids or at == len(ids) - 1,
        width="stretch",
    )


def linked_date(where, label: str, default: dt.date | None, key: str) -> dt.date | None:
    """A date input whose value is the URL parameter `key` (YYYY-MM-DD), the default left out."""
    state.param(key, "day")
    today = session.today()
    _seed(key, state.parse_day(st.query_params.get(key, ""), FIRST_DAY, today) or default)
    _follow(key, default)
    t = session.translator()
    shown_as = t("date.input")  # the reader's order of day, month and year
    value = where.date_input(label, min_value=FIRST_DAY, max_value=today, format=shown_as, key=key)
    _keep(key, value, default)
    if value is not None and value != default:
        layout.summarise(label, i18n.format_date(value, session.language()))
    return value


def linked_checkbox(where, label: str, key: str, help: str | None = None) -> bool:
    """A checkbox whose ticked state is the URL parameter `key` (`1`), unticked left out."""
    state.param(key, "flag")
    _seed(key, st.query_params.get(key) == state.FLAG_ON)
    value = where.checkbox(label, key=key, help=help)
    _keep(key, state.FLAG_ON if value else "", "")
    return value


def linked_text(where, label: str, key: str) -> str:
    """A text input whose value is the URL parameter `key`."""
    state.param(key, "text")
    wanted = st.query_params.get(key, "")
    _seed(key, wanted if len(wanted) <= state.MAX_TEXT else "")
    value = where.text_input(label, max_chars=state.MAX_TEXT, key=key)
    _keep(key, value, "")
    if value:
        layout.summarise(label, value)
    return value
