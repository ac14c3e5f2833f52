"""The translation layer: every key the code asks for exists, and no key is left unused."""

import re

import pytest

from alliance_atlas import charts, i18n, provenance, queries, state, tables
from alliance_atlas.navigation import PAGES
from alliance_atlas.paths import ROOT
from alliance_atlas.vocab import (
    ALLIANCE_TYPES,
    EVENT_KINDS,
    JOINED_AS,
    LANGUAGES,
    OUTCOMES,
    PARTIAL_STATUSES,
    SOURCE_KINDS,
    STATUSES,
)

CODE = [
    ROOT / "app.py",
    *sorted((ROOT / "pages").glob("*.py")),
    *sorted((ROOT / "src").rglob("*.py")),
]
LITERAL = re.compile(r"""\bt\(\s*["']([a-z_.0-9]+)["']""")
DYNAMIC = re.compile(r"""\bt\(\s*f"([a-z_.]+)\{""")

# Families of keys built at run time, and every value they take.
FAMILIES = {
    "kind.": EVENT_KINDS,
    "alliance_type.": ALLIANCE_TYPES,
    "status.": STATUSES,
    "group.": tuple(charts.KIND_GROUPS),
    "outcome.": OUTCOMES,
    "joined_as.": JOINED_AS,
    "change.": ("joined", "left", "status"),
    "obligation.": queries.OBLIGATIONS,
    "compare.": queries.COMPARED,
    "overview.link.": tuple(page.name for page in PAGES[1:]),
    "nav.": tuple(page.name for page in PAGES),
    "map.view.": state.MAP_VIEWS,
    "source_kind.": SOURCE_KINDS,
    "field.": (*provenance.LABELLED_FIELDS, "seat_start", "seat_end"),
    "status_phrase.": PARTIAL_STATUSES,
}


def used_in_code() -> tuple[set[str], set[str]]:
    text = "\n".join(path.read_text() for path in CODE)
    return set(LITERAL.findall(text)), set(DYNAMIC.findall(text))


def test_the_code_was_scanned():
    literal, dynamic = used_in_code()
    assert len(literal) > 80
    assert dynamic >= {"kind.", "status.", "column."}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_literal_key_exists(lang):
    literal, _ = used_in_code()
    missing = sorted(literal - set(i18n.catalogue(lang)))
    assert missing == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_key_of_every_family_exists(lang):
    keys = set(i18n.catalogue(lang))
    missing = [
        prefix + value
        for prefix, values in FAMILIES.items()
        for value in values
        if prefix + value not in keys
    ]
    assert missing == []


def test_no_catalogue_key_is_unused():
    literal, dynamic = used_in_code()
    prefixes = tuple(dynamic | set(FAMILIES))
    unused = [
        key for key in i18n.catalogue("en") if key not in literal and not key.startswith(prefixes)
    ]
    assert unused == []


def test_there_are_two_languages_at_least():
    assert LANGUAGES[:1] == ("en",)
    assert "fr" in LANGUAGES


def test_each_language_of_the_atlas_has_a_catalogue_and_no_other_catalogue_exists():
    catalogues = sorted(path.stem for path in i18n.LOCALES.glob("*.yaml"))
    assert catalogues == sorted(LANGUAGES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_catalogue_has_every_key_and_the_same_placeholders(lang):
    english, other = i18n.catalogue("en"), i18n.catalogue(lang)
    assert set(other) == set(english)
    fields = re.compile(r"\{(\w+)\}")
    differ = [
        k for k in english if sorted(fields.findall(english[k])) != sorted(fields.findall(other[k]))
    ]
    assert differ == []


@pytest.mark.parametrize(
    ("value", "lang", "shown"),
    [
        ("2002-10-07", "en", "7 October 2002"),
        ("2002-10-07", "fr", "7 octobre 2002"),
        ("1993-01-01", "en", "1 January 1993"),
        ("1993-01-01", "fr", "1er janvier 1993"),
        ("2010-06", "en", "June 2010"),
        ("2010-06", "fr", "juin 2010"),
        ("1961", "fr", "1961"),
    ],
)
def test_dates_read_naturally_at_each_precision_in_each_language(value, lang, shown):
    assert i18n.format_date(value, lang) == shown


def test_numbers_follow_the_language():
    assert i18n.format_number(2500, "en") == "2,500"
    assert i18n.format_number(2500, "fr") == "2\u202f500"  # a narrow no-break space


def test_data_text_is_escaped_for_markdown_and_csv_cells_cannot_run():
    assert tables.literal("[click](javascript:alert(1))") == r"\[click\]\(javascript\:alert\(1\)\)"
    frame = tables.pd.DataFrame({"a": ["=HYPERLINK(1)", "+1", "-2", "@x", "plain"]})
    cells = tables.to_csv(frame).decode().splitlines()[1:]
    assert cells == ["'=HYPERLINK(1)", "'+1", "'-2", "'@x", "plain"]


@pytest.mark.parametrize(
    ("key", "field", "lang", "record", "field_shown"),
    [
        ("membership:csto:ARM:2003-09-18", "joined", "fr",
         "OTSC · Arménie (entrée\u00a0: 18 septembre 2003)", "Entrée"),
        ("membership:csto:ARM:2003-09-18", "joined", "en",
         "CSTO · Armenia (joined 18 September 2003)", "Joined"),
        ("status:warsaw_pact:ALB:1961-12", "start", "fr",
         "Pacte de Varsovie · Albanie (début du statut\u00a0: décembre 1961)", "Début"),
        ("alliance:nato", "headquarters[Brussels].start", "fr", "OTAN",
         "Siège à Bruxelles\u00a0: début"),
        ("country:DEU", "exists_from", "fr", "Allemagne", "Existe depuis"),
        ("event:csto-2022-01-kazakhstan-deployment", "figures.troops", "en",
         "6 January 2022 · CSTO peacekeepers deploy to Kazakhstan", "Troops deployed"),
        ("event:no-such-event", "anything", "fr", "event:no-such-event", "anything"),
    ],
)  # fmt: skip
def test_disputed_records_and_fields_are_named_for_readers(
    real_ds, key, field, lang, record, field_shown
):
    names = {a.id: a.short_name.get(lang) for a in real_ds.alliance_by_id.values()}
    t = i18n.translator(lang)
    assert provenance.record_label(real_ds, key, names, t, lang) == record
    assert provenance.field_label(real_ds, key, field, t, lang) == field_shown


@pytest.mark.parametrize(
    ("value", "field", "lang", "shown"),
    [
        ("1961-12", "start", "fr", "décembre 1961"),
        ("1993-12-09", "signed", "en", "9 December 1993"),
        ("1950", "headquarters[London].start", "en", "1950"),
        ("2030", "figures.troops", "fr", "2\u202f030"),  # a number of troops, not a year
        ("2500", "figures.troops", "en", "2,500"),
        ("Soviet intervention", "actor", "fr", "Soviet intervention"),
        ("", "left", "en", "no date (still going on)"),
        ("", "dissolved", "fr", "aucune date (toujours en cours)"),
    ],
)
def test_disputed_values_read_as_dates_or_numbers_only_where_they_are(value, field, lang, shown):
    assert provenance.disputed_value(value, field, i18n.translator(lang), lang) == shown


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_catalogue_gives_date_inputs_a_format_streamlit_accepts(lang):
    accepted = r"YYYY([/.-])MM\1DD|DD([/.-])MM\2YYYY|MM([/.-])DD\3YYYY"
    assert re.fullmatch(accepted, i18n.catalogue(lang)["date.input"])


def test_missing_values_show_as_empty_cells_not_none():
    frame = tables.pd.DataFrame(
        {"left": [None, tables.pd.Timestamp("2003-09-18").date()], "n": [1, 2]}
    )
    shown = tables.blank_missing(frame)
    assert shown["left"].tolist() == ["", "2003-09-18"]
    assert shown["n"].tolist() == [1, 2]


def test_french_data_text_gets_no_break_spaces_and_english_none():
    text = "Sommet de Bichkek : Poutine « arme » 2 500 soldats ; et ?"
    assert i18n.typeset(text, "fr") == (
        "Sommet de Bichkek\u00a0: Poutine «\u00a0arme\u00a0» 2\u202f500 soldats\u00a0; et\u00a0?"
    )
    assert i18n.typeset("Summit: 2 500 « x »", "en") == "Summit: 2 500 « x »"


def test_a_search_typed_with_plain_spaces_finds_a_french_title(real_ds):
    found = queries.filter_events(real_ds, text="Bichkek : Poutine")
    assert "csto-2025-11-27-bishkek-summit" in set(found["id"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_key_is_written_twice_in_a_catalogue(lang):
    text = (i18n.LOCALES / f"{lang}.yaml").read_text(encoding="utf-8")
    keys = [line.split(":", 1)[0] for line in text.splitlines() if line and line[0] not in " #"]
    assert len(keys) > 300
    assert sorted(k for k in set(keys) if keys.count(k) > 1) == []  # YAML keeps the last silently


def test_names_sort_as_the_reader_s_alphabet_does():
    names = ["Zambie", "États-Unis", "Estonie", "Équateur", "allemagne"]
    assert sorted(names, key=i18n.alphabetical) == [
        "allemagne",
        "Équateur",
        "Estonie",
        "États-Unis",
        "Zambie",
    ]
