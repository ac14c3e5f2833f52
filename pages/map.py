"""Map: who belonged to which alliance on a chosen date, with a play control and changes between dates."""

import streamlit as st

from alliance_atlas import (
    alts,
    cached,
    charts,
    framing,
    i18n,
    layout,
    maps,
    queries,
    routing,
    session,
    state,
    tables,
    views,
    widgets,
)

routing.through_router()
ds, t, lang, today = session.dataset(), session.translator(), session.language(), session.today()
layout.heading(t("map.title"), t("map.intro"))

# 1. The alliances, the date, the kind of map and its framing, kept in the URL.
names = cached.alliance_names(ds, lang)
with layout.filters():
    widgets.alliance_presets(st, names, cached.presets(ds, today))
    chosen = widgets.linked_multiselect(
        st, t("filter.alliance"), list(names), names.get, "alliance"
    )
    shown = widgets.charted(st, names, chosen)
    day = widgets.linked_date(st, t("map.date"), today, "date")
    kinds, frames = list(state.MAP_VIEWS), list(framing.FRAMINGS)
    view = widgets.linked_selectbox(
        st, t("map.view"), kinds, lambda v: t(f"map.view.{v}"), "view", kinds[0], as_radio=True
    )
    framed = widgets.linked_selectbox(
        st, t("map.frame"), frames, lambda f: t(f"map.frame.{f}"), "frame", frames[0]
    )

# 2. The map, its sentence, and its table; framed for a phone's or an embed's narrow screen.
narrow = layout.compact()


def choose_from_map() -> None:
    points = st.session_state["map"].selection.points
    if points and len(points[0].get("customdata") or ()) > 2:  # a state, not the plain land
        st.session_state["state"] = points[0]["customdata"][2]


rows = cached.map_rows(ds, day, lang, shown)
sentence = views.map_sentence(ds, rows, day, lang)
if view == "years":
    years = state.map_years(today)
    year = widgets.linked_selectbox(st, t("map.year_shown"), years, str, "year", years[0])
    figure = maps.opened_at(
        cached.years_figure(ds, today.year, lang, shown, session.scheme(), framed, narrow), year
    )
    config = charts.export_config(maps.MAP_CONFIG, "map-year-by-year")
    alt = cached.years_alt(ds, today.year, lang, shown)
    st.plotly_chart(figure, key="map_years", config=config, alt=alt)
    st.caption(t("map.frames"))
else:
    figure = cached.map_figure(ds, day, lang, shown, session.scheme(), framed, narrow)
    config = charts.export_config(maps.MAP_CONFIG, f"map-{day.isoformat()}")
    st.plotly_chart(
        figure,
        key="map",
        config=config,
        alt=alts.map_chart(ds, rows, day, lang),
        on_select=choose_from_map,
        selection_mode="points",
    )
    sentence += " " + views.outside_sentence(ds, rows, framed, narrow, lang)
st.caption(tables.literal(sentence.strip()))  # state and alliance names, as typed

# 3. The state chosen by a tap or a click on the map, or from the list, kept in the URL.
countries = cached.country_names(ds, lang)
code = widgets.linked_selectbox(
    st, t("map.state"), list(countries), countries.get, "state", placeholder=t("map.state_choose")
)
if code:
    details = views.state_details(ds, rows, code, day, lang, today)
    with st.container(border=True, key="chosen"):
        st.header(tables.literal(details["name"]), anchor=False)
        st.caption(tables.literal(details["line"]))
        memberships = details["memberships"]
        st.dataframe(
            memberships,
            hide_index=True,
            column_config={
                t("column.source"): st.column_config.LinkColumn(
                    display_text=t("members.open_source")
                )
            },
            alt=alts.state_memberships(details["name"], memberships, lang),
        )
with st.expander(t("map.table")):
    members = views.map_members(ds, rows, lang)
    st.dataframe(members, hide_index=True, alt=alts.map_members(members, day, lang))
widgets.downloads(
    st,
    t("export.title"),
    [
        (
            t("export.datawrapper"),
            lambda: cached.datawrapper_rows(ds, rows, shown, lang),
            f"alliance-atlas-map-{day.isoformat()}.csv",
            "text/csv",
        )
    ],
)

# 4. What changed between two dates.
st.header(t("map.changes"))
since = widgets.linked_date(st, t("map.changes_from"), queries.ten_years_before(day), "since")
start, end = sorted((since, day))  # from the earlier date to the later, whichever was chosen
changes = cached.changes_table(ds, start, end, lang, shown)
st.caption(
    t(
        "map.changes_count",
        count=len(changes),
        start=i18n.format_date(start, lang),
        end=i18n.format_date(end, lang),
    )
)
st.dataframe(changes, hide_index=True, alt=alts.changes(changes, start, end, lang))
st.caption(cached.caption(ds, queries.membership_sources(ds, shown), lang))
