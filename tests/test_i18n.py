"""The translation layer: every key the code asks for exists, and no key is left unused."""

import re

import pytest

from alliance_atlas import charts, i18n, queries, state, tables
from alliance_atlas.paths import ROOT
from alliance_atlas.schema import EVENT_KINDS, STATUSES

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
    "status.": (queries.MEMBER, *STATUSES, "former"),
    "group.": tuple(charts.KIND_GROUPS),
    "outcome.": ("granted", "refused", "partial"),
    "how.": ("founder", "acceded"),
    "change.": ("joined", "left", "status"),
    "obligation.": queries.OBLIGATIONS,
    "compare.": queries.COMPARED,
    "month.": tuple(str(m) for m in range(1, 13)),
    "language.": tuple(i18n.languages()),
    "overview.link.": ("timeline", "map", "members", "compare", "sources"),
    "map.view.": state.MAP_VIEWS,
}


def used_in_code() -> tuple[set[str], set[str]]:
    text = "\n".join(path.read_text() for path in CODE)
    return set(LITERAL.findall(text)), set(DYNAMIC.findall(text))


def test_the_code_was_scanned():
    literal, dynamic = used_in_code()
    assert len(literal) > 80
    assert dynamic >= {"kind.", "status.", "column."}


@pytest.mark.parametrize("lang", i18n.languages())
def test_every_literal_key_exists(lang):
    literal, _ = used_in_code()
    missing = sorted(literal - set(i18n.catalogue(lang)))
    assert missing == []


@pytest.mark.parametrize("lang", i18n.languages())
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


def test_dates_read_naturally_at_each_precision():
    assert i18n.format_date("2002-10-07", "en") == "7 October 2002"
    assert i18n.format_date("2010-06", "en") == "June 2010"
    assert i18n.format_date("1961", "en") == "1961"


def test_data_text_is_escaped_for_markdown_and_csv_cells_cannot_run():
    assert tables.literal("[click](javascript:alert(1))") == r"\[click\]\(javascript\:alert\(1\)\)"
    frame = tables.pd.DataFrame({"a": ["=HYPERLINK(1)", "+1", "-2", "@x", "plain"]})
    cells = tables.to_csv(frame).decode().splitlines()[1:]
    assert cells == ["'=HYPERLINK(1)", "'+1", "'-2", "'@x", "plain"]
