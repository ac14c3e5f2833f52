"""One visitor's session: its data (shipped or uploaded, and the upload actions), its language,
its day, and the address and citation of the view it shows."""

import datetime as dt
import urllib.parse
from collections.abc import Callable

import streamlit as st

from alliance_atlas import cached, i18n, provenance, state, upload, vocab
from alliance_atlas.dataset import Dataset
from alliance_atlas.loader import Loaded
from alliance_atlas.paths import data_dir
from alliance_atlas.vocab import DEFAULT_LANGUAGE

UPLOADED = "uploaded_data"  # session state: the Loaded data this session brought
UPLOAD_MODE = "uploaded_mode"  # session state: one of UPLOAD_MODES
UPLOAD_MODES = ("beside", "instead")  # uploaded data beside the data folder, or instead of it


def today() -> dt.date:
    """The day the view is computed for: read on every run, never inside a cache, so a server
    that runs past midnight shows the new day (tests replace this clock)."""
    return dt.date.today()


def scheme() -> str:
    """The theme the reader's browser shows, "light" or "dark", so that charts are drawn in its
    colours; light until the browser has said (Streamlit reads it from the page's background)."""
    return "dark" if st.context.theme.type == "dark" else "light"


def loaded() -> Loaded:
    """The data this session sees: what it uploaded, else the data folder, read once per
    process; records that break a rule are left out and named in `problems`."""
    return st.session_state.get(UPLOADED) or cached.folder_data(data_dir())


def dataset() -> Dataset:
    """The records this session sees: without the security organisations (the SCO) unless the
    reader asked for them (`orgs=1` in the link)."""
    everything = loaded().dataset
    return everything if includes_organisations() else cached.pacts_only(everything)


def includes_organisations() -> bool:
    """Whether the reader asked to see security organisations beside the pacts."""
    return st.query_params.get("orgs") == state.FLAG_ON


def has_organisations() -> bool:
    """Whether the data hold a security organisation, so that the choice is worth offering."""
    everything = loaded().dataset
    return cached.pacts_only(everything).version != everything.version  # it left some out


def use_uploads(files: list, mode: str) -> None:
    """Load uploaded files (Streamlit UploadedFiles) for this session only, in a mode of
    UPLOAD_MODES, and rerun every page with them."""
    uploads = [upload.Upload(f.name, f.getvalue()) for f in files]
    beside = data_dir() if mode == UPLOAD_MODES[0] else None
    st.session_state[UPLOADED] = upload.load_uploads(uploads, beside)
    st.session_state[UPLOAD_MODE] = mode
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


def adopt_browser_language() -> None:
    """On a session's first run with no `lang` in the link, take the browser's language if
    the atlas speaks it; the link then carries it, so a French link opens in French."""
    if "lang_adopted" in st.session_state:
        return
    st.session_state["lang_adopted"] = True
    browser = (st.context.locale or "").split("-")[0].lower()
    if browser in vocab.LANGUAGES and browser != DEFAULT_LANGUAGE and "lang" not in st.query_params:
        st.query_params["lang"] = browser


def language() -> str:
    """The language the sidebar's choice holds, which it then writes to the URL; on a session's
    first run, the language in the URL; else the default. (A rerun asking for a view without
    `lang` in a French session would otherwise be drawn in English under a URL saying French.)"""
    lang = st.session_state.get("lang") or st.query_params.get("lang", DEFAULT_LANGUAGE)
    return lang if lang in vocab.LANGUAGES else DEFAULT_LANGUAGE


def translator() -> Callable[..., str]:
    """`t(key, **values)` in the session's language."""
    return i18n.translator(language())


def view_url() -> str:
    """The address of the view as it stands: the page's URL and its parameters."""
    query = urllib.parse.urlencode(
        [(key, value) for key in st.query_params for value in st.query_params.get_all(key)]
    )
    base = st.context.url or ""
    return f"{base}?{query}" if query else base


def embed_snippet(page_title: str) -> str:
    """The <iframe> that embeds the view as it stands, named after its page."""
    t = translator()
    title = t("embed.title", page=page_title)
    return provenance.embed_snippet(view_url(), title)


def citation() -> str:
    """How to cite the view as it stands: its address, the data's version and today's date."""
    lang = language()
    version = loaded().dataset.version  # the files read, whichever alliances the view shows
    return provenance.citation(view_url(), version, today(), i18n.translator(lang), lang)
