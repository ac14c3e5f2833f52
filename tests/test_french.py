"""AppTest in French: no English interface text on any page, and switching keeps the view."""

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from alliance_atlas import i18n, navigation
from tests.test_pages import run

pytestmark = pytest.mark.app
PAGES = [*(page.name for page in navigation.PAGES), "map?view=years"]


def english_only() -> tuple[set[str], set[str]]:
    """English interface strings that French says otherwise: whole ones, and long fragments
    of those with placeholders (the text between them)."""
    english, french = i18n.catalogue("en"), i18n.catalogue("fr")
    whole, fragments = set(), set()
    for key, text in english.items():
        if text == french[key]:
            continue
        parts = [p.strip() for p in re.split(r"\{\w+\}", text)]
        if len(parts) == 1:
            whole.add(text.strip())
        fragments |= {p for p in parts if len(p) >= 15 and p not in french[key]}
    return whole, fragments


def shown_texts(at: AppTest) -> list[str]:
    """Every piece of interface text on the page: headings, captions, labels, options, headers."""
    texts = [e.value for kind in ("title", "subheader", "caption", "markdown", "info", "warning")
             for e in getattr(at, kind)]  # fmt: skip
    for kind in ("selectbox", "multiselect", "date_input", "text_input", "radio", "button"):
        texts += [w.label for w in getattr(at, kind)]
    for kind in ("selectbox", "multiselect", "radio"):
        texts += [str(o) for w in getattr(at, kind) for o in w.options[:30]]
    texts += [m.label for m in at.metric] + [e.label for e in at.expander]
    texts += [str(c) for frame in at.dataframe for c in frame.value.columns]
    texts += [t for spec in chart_specs(at) for t in strings_in(spec)]
    return [t for t in texts if t]


def chart_specs(at: AppTest) -> list[dict]:
    """The Plotly figures on the page, as the browser receives them."""
    return [json.loads(e.proto.spec) for e in at.main if getattr(e.proto, "spec", None)]


def strings_in(value) -> list[str]:
    """Every text in a figure: titles, legend names, hover templates and texts, button labels."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for item in value.values() for t in strings_in(item)]
    if isinstance(value, list):
        return [t for item in value for t in strings_in(item)]
    return []


@pytest.mark.parametrize("page", PAGES)
def test_a_french_page_shows_no_english_interface_text(page):
    page, _, view = page.partition("?view=")
    params = {"view": view} if view else {}
    at = run(page, lang="fr", event="csto-2022-01-kazakhstan-deployment", **params)
    whole, fragments = english_only()
    texts = shown_texts(at)
    assert len(texts) > 5, "too little text read to judge the page"
    if page in {"overview", "timeline", "map", "members", "compare"}:
        assert chart_specs(at), "a page with charts showed none"
    assert [t for t in texts if t.strip() in whole] == []
    assert [(f, t) for t in texts for f in fragments if f in t] == []


def test_switching_the_language_keeps_the_view():
    at = run("timeline", alliance="csto", q="Kazakh", event="csto-2022-01-kazakhstan-deployment")
    at.selectbox(key="lang").set_value("fr").run()
    assert not at.exception, at.exception
    kept = {key: at.query_params[key] for key in ("lang", "alliance", "q", "event")}
    assert {key: value if isinstance(value, str) else value[0] for key, value in kept.items()} == {
        "lang": "fr",
        "alliance": "csto",
        "q": "Kazakh",
        "event": "csto-2022-01-kazakhstan-deployment",
    }
    assert at.title[0].value == i18n.catalogue("fr")["timeline.title"]
    assert at.multiselect(key="alliance").value == ["csto"]
