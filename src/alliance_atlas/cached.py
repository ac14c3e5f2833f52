"""Streamlit's caches over the library: one wrapper per costly answer, and nothing else.

Every entry is keyed by its arguments, the data's version among them (`hash_funcs` names a
Dataset by its version), so sessions that see different data are never served each other's
results, and a day passed in is part of the key, so a new day is a new entry.
"""

import streamlit as st

from alliance_atlas import alts, dataset, exporters, loader, names, queries, reconcile, views
from alliance_atlas.dataset import Dataset

BY_VERSION = {Dataset: lambda ds: ds.version}  # a dataset is its version, for a cache key


def _data(function, entries: int = 256):
    """A data cache (each caller gets a copy) keyed by the data's version and the arguments."""
    return st.cache_data(function, show_spinner=False, max_entries=entries, hash_funcs=BY_VERSION)


def _shared(function, entries: int = 256):
    """A resource cache for figures: shared, never copied, never changed once built."""
    return st.cache_resource(
        function, show_spinner=False, max_entries=entries, hash_funcs=BY_VERSION
    )


folder_data = st.cache_resource(loader.load_partial, show_spinner=False)  # once per process
pacts_only = _shared(dataset.pacts_only, entries=16)

alliance_names = _data(names.alliance_names)
country_names = _data(names.country_names)
event_kinds = _data(queries.event_kinds)
event_ids = _data(queries.event_ids)
first_event_day = _data(queries.first_event_day)

overview_figures = _data(views.overview_figures)
story = _data(queries.story)
events = _data(queries.filter_events)
timeline_figure = _shared(views.timeline_figure)
event_table = _data(views.event_table)
describe_events = _data(views.describe_events)
event_details = _data(views.event_details)
caption = _data(views.caption)

map_figure = _shared(views.map_figure, entries=64)
years_figure = _shared(views.years_figure, entries=16)
years_alt = _data(alts.years_chart, entries=16)
map_rows = _data(queries.map_rows, entries=512)
presets = _data(queries.presets)
changes_table = _data(views.changes_table)

memberships = _data(queries.membership_table)
member_table = _data(views.member_table)
counts_figure = _shared(views.counts_figure)
pacts_figure = _shared(views.pacts_figure)
describe_counts = _data(views.describe_counts)
counts_alt = _data(alts.counts_chart)
pacts_alt = _data(alts.pacts_chart)
gantt_figure = _shared(views.gantt_figure)
gantt_alt = _data(alts.gantt_chart)
comparison = _data(views.comparison)
requests = _data(queries.requests_and_interventions)
requests_table = _data(views.requests_table)
source_table = _data(views.source_table)

atop_rows = _data(exporters.atop, entries=32)
cow_rows = _data(exporters.cow, entries=32)
wikidata_rows = _data(exporters.wikidata, entries=32)
timelinejs_rows = _data(exporters.timelinejs_rows, entries=32)
timelinejs_json = _data(exporters.timelinejs_json, entries=32)
datawrapper_rows = _data(exporters.datawrapper, entries=32)
suggested_mapping = _data(reconcile.suggested_mapping, entries=16)
differences_table = _data(views.differences_table, entries=32)
describe_differences = _data(views.describe_differences, entries=32)
dispute_table = _data(views.dispute_table)
