"""How a page lays out on a phone or in an embed: its heading, its controls in one compact place."""

import contextlib
from collections.abc import Iterator

import streamlit as st

from alliance_atlas import session, tables
from alliance_atlas.paths import EMBED_STYLE_SHEET

SUMMARY = "filters.summary"  # session state: (label, value) of each control off its default
LINK_SLOT = "embed.link"  # session state: the place under an embed's title for its link


def embedded() -> bool:
    """Whether the view is inside another page's frame (`embed=true`, which Streamlit keeps out
    of st.query_params)."""
    return bool(st.context.is_embedded)


def phone() -> bool:
    """Whether the browser says it is a phone: its client hint, or the "Mobi" token that every
    phone browser's user agent carries (a tablet's does not). The server never sees the screen's
    width, and asking the page for it would cost every new session a second run."""
    headers = st.context.headers
    return headers.get("Sec-CH-UA-Mobile") == "?1" or "Mobi" in headers.get("User-Agent", "")


def compact() -> bool:
    """Whether the page puts its content before its controls: on a phone, or in an embed."""
    return phone() or embedded()


def heading(title: str, intro: str | None = None) -> None:
    """The page's title and the line that introduces it; in an embed, a slim title without the
    introduction, no sidebar, and a place for link_to_atlas."""
    st.title(title)
    if not embedded():
        if intro:
            st.caption(intro)
        return
    st.html(EMBED_STYLE_SHEET)
    st.session_state[LINK_SLOT] = st.empty()


def link_to_atlas() -> None:
    """In an embed, the link under the title that opens the same view in the atlas, in a new
    tab: made once the page has run and its widgets have written their choices to the URL."""
    slot = st.session_state.pop(LINK_SLOT, None)
    if slot is not None:
        t = session.translator()
        slot.link_button(t("embed.open"), session.view_url(), icon="↗️")


@contextlib.contextmanager
def filters() -> Iterator[None]:
    """The page's controls, written inside this block: where they are on a wide screen; on a
    phone or in an embed, in one closed "Filters" expander after a line saying what is
    filtered, so that the chart comes first."""
    if not compact():
        yield
        return
    t = session.translator()
    line = st.empty()  # filled once the controls have said what they hold
    st.session_state[SUMMARY] = []
    try:
        with st.expander(t("filters.title")):
            yield
        noted = st.session_state[SUMMARY]
    finally:
        del st.session_state[SUMMARY]
    parts = [t("filters.part", label=label, value=value) for label, value in noted]
    # Literal: a value may be anything a link carries, such as the timeline's search text.
    line.caption(tables.literal(" · ".join(parts)) if parts else t("filters.none"))


def summarise(label: str, value: str) -> None:
    """Note a control that is not at its default, for the line over a compact page's filters."""
    if SUMMARY in st.session_state:
        st.session_state[SUMMARY].append((label, value))
