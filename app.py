"""Alliance Atlas: the router. It sets up the page, the shared sidebar, and runs the page the URL names."""

import streamlit as st

from alliance_atlas import i18n, layout, routing, session, vocab, widgets
from alliance_atlas.navigation import PAGES
from alliance_atlas.paths import STYLE_SHEET, TOUCH_SCRIPT

st.set_page_config(page_title="Alliance Atlas", page_icon="🗺️", layout="wide")
st.html(STYLE_SHEET)  # a style sheet alone takes no room on the page
session.adopt_browser_language()
t, lang = session.translator(), session.language()
unusable = widgets.url_notices()  # read before any widget tidies the URL
page = st.navigation(
    [
        st.Page(p.script, title=t(f"nav.{p.name}"), icon=p.icon, url_path=p.name, default=p.default)
        for p in PAGES
    ]
)
loaded = session.loaded()
with st.sidebar:
    widgets.linked_selectbox(
        st,
        t("sidebar.language"),
        vocab.LANGUAGES,
        i18n.language_name,
        "lang",
        vocab.DEFAULT_LANGUAGE,
    )
    if session.has_organisations():
        widgets.linked_checkbox(
            st, t("sidebar.organisations"), "orgs", t("sidebar.organisations_help")
        )
    st.caption(t("sidebar.about", version=loaded.dataset.version))
    if session.uses_uploads():
        st.info(t("sidebar.uploaded", kept=i18n.format_number(loaded.kept, lang)), icon="📂")
    if loaded.skipped:
        skipped = i18n.format_number(loaded.skipped, lang)
        st.warning(t("sidebar.skipped", skipped=skipped), icon="⚠️")
if loaded.unread:  # e.g. the folder is missing or too large: say so, not just show nothing
    st.error(t("notice.unread"), icon="⛔")
for name in unusable:
    st.warning(t("notice.param", name=name), icon="↩️")
if loaded.unread and page.url_path != "data":  # no empty charts: the Your data page says why
    st.page_link("pages/data.py", label=t("nav.data"), icon="📂")
else:
    with routing.routed():
        page.run()
layout.link_to_atlas()  # after the page, as the citation: the view as it now stands
with st.sidebar:  # after the page, so the citation names the view as it now stands
    st.caption(t("sidebar.cite"))
    st.code(session.citation(), language=None, wrap_lines=True)
    st.caption(t("sidebar.embed"))
    # Plain, not highlighted as HTML: the highlighter's blue is 3.5:1 on the code's grey.
    st.code(session.embed_snippet(page.title), language=None, wrap_lines=True)
    st.html(TOUCH_SCRIPT, unsafe_allow_javascript=True)  # in the sidebar: it takes no room there
