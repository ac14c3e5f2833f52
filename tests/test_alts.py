"""Every chart and table has an accessible name (`alt`), made from its data, in the reader's
language: the texts themselves, then every page under AppTest in English and French."""

import datetime as dt
import re

import pytest
from streamlit.testing.v1 import AppTest

from alliance_atlas import alts, i18n, provenance, queries, views
from alliance_atlas.vocab import FIRST_DAY, LANGUAGES
from tests.test_french import english_only
from tests.test_imports import page_with_upload
from tests.test_pages import run
from tests.test_reconcile import HEADER, WARSAW

SAME_IN_FRENCH = {"alt.alliances"}  # "{count} alliances" in both languages
DAY = dt.date(1985, 6, 1)
TODAY = dt.date(2025, 3, 1)  # a fixed day, so the texts do not move with the clock
DASH = "\N{EN DASH}"


def span(first: int, last: int) -> str:
    return f"{first}{DASH}{last}"


# --- the texts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "nato", "warsaw", "date"),
    [("en", "NATO", "Warsaw Pact", "On 1 June 1985"),
     ("fr", "OTAN", "Pacte de Varsovie", "Au 1er juin 1985")],
)  # fmt: skip
def test_the_maps_alt_names_each_alliance_with_its_count_of_members_on_the_day(
    real_ds, lang, nato, warsaw, date
):
    rows = queries.map_rows(real_ds, DAY, lang)
    alt = alts.map_chart(real_ds, rows, DAY, lang)
    assert date in alt
    for alliance, name in (("nato", nato), ("warsaw_pact", warsaw)):
        members = len(queries.members_on(real_ds, DAY, [alliance]))
        assert f"{name} {members}," in alt, (name, members, alt)
    assert alt.endswith(views.map_sentence(real_ds, rows, DAY, lang))  # the caption's numbers


def test_the_maps_alt_names_only_the_alliances_shown(real_ds):
    rows = queries.map_rows(real_ds, DAY, "en", ("warsaw_pact",))
    alt = alts.map_chart(real_ds, rows, DAY, "en")
    members = len(queries.members_on(real_ds, DAY, ["warsaw_pact"]))
    assert f"Warsaw Pact {members}" in alt
    assert "NATO" not in alt


def test_the_year_by_year_maps_alt_gives_its_years_and_its_alliances(real_ds):
    alt = alts.years_chart(real_ds, 2025, "en", ("rio", "anzus"))
    years = span(FIRST_DAY.year, 2024)
    assert alt == f"Animated map, one frame a year, {years}: ANZUS and Rio Treaty (TIAR)."
    assert span(FIRST_DAY.year, 2030) in alts.years_chart(real_ds, 2031, "en", ("rio",))


def test_an_events_table_is_named_by_its_alliances_years_and_rows(real_ds):
    shown = queries.filter_events(real_ds, alliances=["csto"])
    table = views.event_table(real_ds, shown, "en")
    alt = alts.events_table(real_ds, shown, table, "en")
    years = span(shown["when"].min().year, shown["when"].max().year)
    assert alt == f"Table of the events of CSTO, {years}: {len(shown)} rows."


def test_an_events_table_of_many_alliances_counts_them(real_ds):
    shown = queries.filter_events(real_ds)
    alt = alts.events_table(real_ds, shown, views.event_table(real_ds, shown, "fr"), "fr")
    assert f"({shown['alliance'].nunique()} alliances)" in alt
    assert f"{i18n.format_number(len(shown), 'fr')} lignes" in alt


def test_a_table_of_one_row_or_none_says_so(real_ds):
    one = queries.filter_events(real_ds, alliances=["csto"]).iloc[:1]
    table = views.event_table(real_ds, one, "en")
    year = str(one["when"].iloc[0].year)
    assert alts.events_table(real_ds, one, table, "en").endswith(f"CSTO, {year}: one row.")
    none = queries.filter_events(real_ds, text="no such event anywhere")
    table = views.event_table(real_ds, none, "en")
    alt = alts.events_table(real_ds, none, table, "en")
    assert alt == "Table of the events matching these filters: no rows."


def test_the_counts_charts_alt_spans_the_data_to_today_and_reuses_the_caption(real_ds):
    shown = ("nato", "csto")
    first = real_ds.memberships_frame.query("alliance in @shown")["joined"].min().year
    sentence = views.describe_counts(real_ds, shown, TODAY, "en")
    assert alts.counts_chart(real_ds, shown, TODAY, "en") == (
        f"Line chart, {span(first, TODAY.year)}. {sentence}"
    )
    assert alts.pacts_chart(real_ds, shown, TODAY, "en").endswith(sentence)
    first = real_ds.memberships_frame.query("alliance == 'csto'")["joined"].min().year
    gantt = alts.gantt_chart(real_ds, ("csto",), TODAY, "en")
    assert gantt.startswith(f"Bar chart, {span(first, TODAY.year)}: ") and "(CSTO)" in gantt


def test_the_comparison_names_its_row_header_and_its_alliances(real_ds):
    for lang in LANGUAGES:
        table = views.comparison(real_ds, ("csto", "nato"), TODAY, lang)
        headers = [table.index.name, *table.columns]
        assert all(isinstance(h, str) and h.strip() for h in headers), headers  # no empty <th>
    table = views.comparison(real_ds, ("csto", "nato"), TODAY, "en")
    alt = alts.comparison(table, "en")
    assert alt == f"Table of CSTO and NATO side by side: {len(table)} rows."


def test_the_picked_rows_sources_are_named_by_their_membership(real_ds):
    episodes = queries.membership_table(real_ds, ["warsaw_pact"], today=TODAY)
    picked = episodes.index.get_loc(episodes.index[episodes["country"] == "ALB"][0])
    cited = provenance.row_sources(real_ds, episodes, [picked], i18n.translator("fr"))
    alt = alts.row_sources(real_ds, episodes, [picked], cited, "fr")
    assert alt.startswith(
        "Tableau des sources de la ligne «\u00a0Pacte de Varsovie · Albanie (entrée\u00a0: "
    )
    assert alt.endswith(f"\u00a0: {len(cited)} lignes.") and len(cited) > 1


def test_the_french_texts_keep_french_typography():
    # Every French text, not only the alts: a no-break space before : ; ! ? and », and curly apostrophes.
    pattern_keys = {"typography.nbsp_before", "date.first", "date.input"}
    french = {k: v for k, v in i18n.catalogue("fr").items() if k not in pattern_keys}
    assert len(french) > 300
    assert [k for k, v in french.items() if re.search(r"[^\u00a0\u202f][:;!?]", v)] == []
    assert [k for k, v in french.items() if "'" in v] == []
    assert [
        k for k, v in french.items() if re.search(r"[^\u00a0\u202f]»|«[^\u00a0\u202f]", v)
    ] == []


# --- every page ---------------------------------------------------------------------------


def english_alt_words() -> set[str]:
    """The English words of the alt texts, between their placeholders (`Map.`, `Table of`):
    none may stand in a French alt."""
    english = i18n.catalogue("en")
    keys = [key for key in english if key.startswith("alt.") and key not in SAME_IN_FRENCH]
    parts = {part.strip() for key in keys for part in re.split(r"\{\w+\}", english[key])}
    return {part for part in parts if len(part) >= 4}


ELEMENTS = ("plotly_chart", "table", "dataframe")


def names(at: AppTest) -> list[tuple[str, str]]:
    """Every chart and read-only table on the page, as (kind, alt); the data editor, a widget,
    is left to `test_the_pairing_editor_is_named`."""
    return [
        (kind, element.proto.alt)
        for kind in ELEMENTS
        for element in at.get(kind)
        if kind != "dataframe" or not element.proto.editing_mode
    ]


def with_a_row_picked(lang: str) -> AppTest:
    at = run("members", lang=lang, alliance="csto")
    at.session_state["members_table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    return at.run()


def with_an_import(lang: str) -> AppTest:
    """Your data after an ATOP file beside the shipped data, with a row that cannot be read:
    the problems, the pairing, and the differences."""
    at = page_with_upload(HEADER, [*WARSAW, "3285,999,1955,5,14,1991,7,1"], "data")
    return at.selectbox(key="lang").set_value(lang).run() if lang != "en" else at


VIEWS = {  # each view, and how many charts and tables it shows at least
    "overview": (lambda lang: run("overview", lang=lang), 3),
    "timeline with an event": (
        lambda lang: run("timeline", lang=lang, event="csto-2022-01-kazakhstan-deployment"),
        4,
    ),
    "map on a date": (lambda lang: run("map", lang=lang, date="1985-06-01"), 3),
    "map year by year": (lambda lang: run("map", lang=lang, date="1985-06-01", view="years"), 3),
    "members with a row picked": (with_a_row_picked, 4),
    "compare": (lambda lang: run("compare", lang=lang), 3),
    "sources": (lambda lang: run("sources", lang=lang), 2),
    "your data with problems and differences": (with_an_import, 2),
}


@pytest.mark.app
@pytest.mark.parametrize("view", VIEWS)
def test_every_chart_and_table_has_an_alt_in_the_readers_language(view):
    opened, least = VIEWS[view]
    english, french = names(opened("en")), names(opened("fr"))
    assert len(english) >= least, english  # what was checked, so that a check of nothing fails
    assert [kind for kind, alt in english + french if not alt.strip()] == []
    assert [kind for kind, _ in french] == [kind for kind, _ in english]
    assert [alt for (_, alt), (_, other) in zip(english, french, strict=True) if alt == other] == []
    whole, fragments = english_only()
    fragments |= english_alt_words()
    assert [(f, alt) for _, alt in french for f in fragments if f in alt] == []
    assert [alt for _, alt in french if alt in whole] == []


@pytest.mark.app
def test_the_pairing_editor_is_named_in_the_readers_language():
    named = {}
    for lang in ("en", "fr"):
        editors = [e for e in with_an_import(lang).get("dataframe") if e.proto.editing_mode]
        assert editors and all(e.proto.alt.strip() for e in editors)
        named[lang] = editors[0].proto.alt
    assert named["en"] != named["fr"]
