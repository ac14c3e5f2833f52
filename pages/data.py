"""Your data: upload data files for this session, and see every record kept or left out, and why."""

import streamlit as st

from alliance_atlas import cached, upload

cached.through_router()
t, lang = cached.translator(), cached.language()
st.title(t("data.title"))
st.caption(t("data.intro"))

# 1. What this session sees, and what was left out.
now = cached.loaded()
st.info(t(f"data.now_{cached.data_mode()}"))
read, kept, skipped = st.columns(3)
read.metric(t("data.read"), cached.number(now.read))
kept.metric(t("data.kept"), cached.number(now.kept))
skipped.metric(t("data.skipped_count"), cached.number(now.skipped))
st.subheader(t("data.problems"))
if now.problems:
    st.caption(t("data.problems_intro"))
    st.dataframe(cached.problem_table(lang), hide_index=True)
else:
    st.caption(t("data.no_problems"))

# 2. Bring your own.
st.subheader(t("data.upload"))
st.caption(
    t(
        "data.limits",
        megabytes=upload.MAX_BYTES // 1_000_000,
        files=upload.MAX_FILES,
        records=cached.number(upload.MAX_RECORDS),
    )
)
files = st.file_uploader(
    t("data.files"), type=["zip", "yaml", "yml", "csv"], accept_multiple_files=True, key="files"
)
modes = ["beside", "instead"]
mode = st.radio(t("data.mode"), modes, format_func=lambda m: t(f"data.mode.{m}"), horizontal=True)
if st.button(t("data.load"), type="primary", disabled=not files):
    cached.use_uploads(files, beside=mode == "beside")
if cached.uses_uploads() and st.button(t("data.forget")):
    cached.forget_uploads()
