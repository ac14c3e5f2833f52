"""Map: who belonged to which alliance on a chosen date, with a play control and changes between dates."""

import streamlit as st

from alliance_atlas import cached, charts, state

cached.through_router()
t, lang = cached.translator(), cached.language()
st.title(t("map.title"))
st.caption(t("map.intro"))

# 1. The date and the kind of map, kept in the URL.
day = cached.linked_date(st, t("map.date"), cached.today(), "date")
views = list(state.MAP_VIEWS)
view = cached.linked_selectbox(
    st, t("map.view"), views, lambda v: t(f"map.view.{v}"), "view", views[0], as_radio=True
)

# 2. The map, its sentence, and its table.
if view == "years":
    st.plotly_chart(cached.years_figure(lang), key="map_years", config=charts.MAP_CONFIG)
    st.caption(t("map.frames"))
else:
    st.plotly_chart(cached.map_figure(day, lang), key="map", config=charts.MAP_CONFIG)
st.caption(cached.map_sentence(day, lang))
with st.expander(t("map.table")):
    st.dataframe(cached.map_members(day, lang), hide_index=True)

# 3. What changed between two dates.
st.subheader(t("map.changes"))
since = cached.linked_date(st, t("map.changes_from"), cached.ten_years_before(day), "since")
changes = cached.changes_table(since, day, lang)
st.caption(
    t(
        "map.changes_count",
        count=len(changes),
        start=cached.date_text(since),
        end=cached.date_text(day),
    )
)
st.dataframe(changes, hide_index=True)
st.caption(cached.caption(cached.membership_sources(), lang))
