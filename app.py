"""Alliance Atlas: the router. It sets up the page, the shared sidebar, and runs the page the URL names."""

import streamlit as st

from alliance_atlas import cached, i18n

st.set_page_config(page_title="Alliance Atlas", page_icon="🗺️", layout="wide")
cached.adopt_browser_language()
t = cached.translator()
unusable = cached.url_notices()  # read before any widget tidies the URL
page = st.navigation(
    [
        st.Page(
            "pages/overview.py",
            title=t("nav.overview"),
            icon="🏠",
            url_path="overview",
            default=True,
        ),
        st.Page("pages/timeline.py", title=t("nav.timeline"), icon="🕰️", url_path="timeline"),
        st.Page("pages/map.py", title=t("nav.map"), icon="🗺️", url_path="map"),
        st.Page("pages/members.py", title=t("nav.members"), icon="📋", url_path="members"),
        st.Page("pages/compare.py", title=t("nav.compare"), icon="⚖️", url_path="compare"),
        st.Page("pages/sources.py", title=t("nav.sources"), icon="📚", url_path="sources"),
        st.Page("pages/data.py", title=t("nav.data"), icon="📂", url_path="data"),
    ]
)
with st.sidebar:
    cached.linked_selectbox(
        st,
        t("sidebar.language"),
        i18n.languages(),
        i18n.language_name,
        "lang",
        i18n.DEFAULT_LANGUAGE,
    )
    st.caption(t("sidebar.about", version=cached.dataset().version))
    if cached.uses_uploads():
        st.info(t("sidebar.uploaded", kept=cached.number(cached.loaded().kept)), icon="📂")
    if cached.loaded().skipped:
        st.warning(t("sidebar.skipped", skipped=cached.number(cached.loaded().skipped)), icon="⚠️")
for name in unusable:
    st.warning(t("notice.param", name=name), icon="↩️")
page.run()
with st.sidebar:  # after the page, so the citation names the view as it now stands
    st.caption(t("sidebar.cite"))
    st.code(cached.citation(cached.language()), language=None, wrap_lines=True)
