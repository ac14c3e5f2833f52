"""Your data: upload data files for this session, and see every record kept or left out, and why."""

import streamlit as st

from alliance_atlas import alts, cached, i18n, layout, routing, session, tables, upload, widgets

routing.through_router()
t, lang = session.translator(), session.language()
layout.heading(t("data.title"), t("data.intro"))

# 1. What this session sees, and what was left out.
now = session.loaded()
st.info(t(f"data.now_{session.data_mode()}"))
read, kept, skipped = st.columns(3)
read.metric(t("data.read"), i18n.format_number(now.read, lang))
kept.metric(t("data.kept"), i18n.format_number(now.kept, lang))
skipped.metric(t("data.skipped_count"), i18n.format_number(now.skipped, lang))
st.header(t("data.problems"))
if now.problems:
    st.caption(t("data.problems_intro"))
    problems = tables.problems(now.problems, t)
    st.dataframe(problems, hide_index=True, alt=alts.listing("problems", problems, lang))
else:
    st.caption(t("data.no_problems"))

# 2. Where an imported dataset and the atlas disagree, alliance by alliance.
ds = session.dataset()
suggested = cached.suggested_mapping(ds, ds)
if suggested:
    st.header(t("reconcile.title"))
    st.caption(t("reconcile.intro"))
    pairs = widgets.pairing(st, suggested, cached.alliance_names(ds, lang))
if suggested and not any(pairs.values()):
    st.caption(t("reconcile.pair_first"))
elif suggested:
    found = cached.differences_table(ds, tuple(pairs.items()), lang)
    st.caption(cached.describe_differences(ds, tuple(pairs.items()), lang))
    st.dataframe(found, hide_index=True, alt=alts.listing("differences", found, lang))
    st.download_button(
        t("reconcile.download"), tables.to_csv(found), "alliance-atlas-differences.csv", "text/csv"
    )

# 3. Bring your own.
st.header(t("data.upload"))
st.caption(
    t(
        "data.limits",
        megabytes=upload.MAX_BYTES // 1_000_000,
        files=upload.MAX_FILES,
        records=i18n.format_number(upload.MAX_RECORDS, lang),
    )
)
files = st.file_uploader(
    t("data.files"), type=["zip", "yaml", "yml", "csv"], accept_multiple_files=True, key="files"
)
modes = session.UPLOAD_MODES
mode = st.radio(t("data.mode"), modes, format_func=lambda m: t(f"data.mode.{m}"), horizontal=True)
if st.button(t("data.load"), type="primary", disabled=not files):
    session.use_uploads(files, mode)
if session.uses_uploads() and st.button(t("data.forget")):
    session.forget_uploads()
