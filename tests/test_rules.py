"""One registry of rule names: each documented, each made by the code, none made up."""

import ast
import re
import shutil
from pathlib import Path
from typing import get_args

import pytest
from pydantic_core.core_schema import ErrorType

from alliance_atlas.loader import load_partial, read_folder, rule_of
from alliance_atlas.paths import ROOT
from alliance_atlas.problems import NOTICES, RULES, Problem
from alliance_atlas.readers import read_yaml_list
from alliance_atlas.upload import Upload, unpack
from tests.conftest import GOOD

README = ROOT / "data" / "README.md"
SOURCE = ROOT / "src" / "alliance_atlas"
ROW = re.compile(r"\| `([^`]+)` \| (.+?) \| (.+?) \|")  # | `rule` | what it means | effect |
# Where each call that makes a problem takes the rule's name: (position, keyword).
RULE_ARGUMENT = {"Problem": (2, "rule"), "_at": (1, "rule"), "PydanticCustomError": (0, None)}


def documented() -> dict[str, tuple[str, str]]:
    """The rows of the README's rules table: rule -> (what it means, effect)."""
    _, heading, rest = README.read_text().partition("\n## Rules\n")
    assert heading, "data/README.md has no Rules section"
    section = rest.split("\n## ", 1)[0]
    return {m[1]: (m[2], m[3]) for m in map(ROW.fullmatch, section.splitlines()) if m}


def written_rules() -> set[str]:
    """Every rule name the package's code passes, as a literal, to a call that makes a problem."""
    found = set()
    for path in SOURCE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            if name not in RULE_ARGUMENT:
                continue
            at, keyword = RULE_ARGUMENT[name]
            given = [k.value for k in node.keywords if keyword and k.arg == keyword]
            given += node.args[at : at + 1]
            found |= {g.value for g in given if isinstance(g, ast.Constant)}
    return found


def good_folder_with(tmp_path: Path, name: str, appended: str) -> Path:
    """A copy of the good data with `appended` added to the file `name`."""
    folder = tmp_path / "data"
    shutil.copytree(GOOD, folder)
    with (folder / name).open("a", encoding="utf-8") as out:
        out.write(appended)
    return folder


def test_the_readme_documents_every_rule_and_no_other():
    table = documented()
    assert len(table) >= 40  # the table was found and read
    assert sorted(set(RULES) - set(table)) == [], "registered but not in data/README.md"
    assert sorted(set(table) - set(RULES)) == [], "in data/README.md but not registered"


def test_the_readme_says_what_each_rule_means_in_the_registrys_words():
    table = documented()
    assert table
    assert {rule: meaning for rule, (meaning, _) in table.items()} == RULES


def test_the_readme_calls_a_rule_a_notice_exactly_when_it_leaves_the_record_usable():
    table = documented()
    assert table
    assert {rule for rule, (_, effect) in table.items() if effect.startswith("notice")} == NOTICES


def test_every_rule_name_the_code_writes_is_registered():
    written = written_rules()
    assert len(written) >= 30  # the calls were found
    assert sorted(written - set(RULES)) == []


def test_every_registered_rule_is_written_by_the_code_or_mapped_from_pydantic():
    produced = written_rules() | {rule_of(error_type) for error_type in get_args(ErrorType)}
    assert sorted(set(RULES) - produced) == []


@pytest.mark.parametrize(
    ("rule", "accepted"),
    [
        ("unknown-source", True),
        ("unused-source", True),
        ("list-type", False),  # made up from a pydantic error type, before the registry
        ("Unknown-Source", False),
        ("", False),
    ],
)
def test_a_problem_is_made_only_with_a_registered_rule(rule, accepted):
    if accepted:
        assert Problem("f.yaml", 1, rule, "message").rule == rule
    else:
        with pytest.raises(ValueError, match="not a rule"):
            Problem("f.yaml", 1, rule, "message")


@pytest.mark.parametrize(
    ("error_type", "rule"),
    [
        ("missing", "missing-field"),
        ("extra_forbidden", "unknown-field"),
        ("string_type", "wrong-type"),
        ("list_type", "wrong-type"),
        ("model_type", "wrong-type"),
        ("bool_parsing", "wrong-type"),
        ("int_parsing", "wrong-type"),
        ("string_too_long", "too-long"),
        ("too_long", "too-long"),
        ("value_error", "invalid-value"),
        ("greater_than", "invalid-value"),  # no mapping: the fallback
        ("url_scheme", "invalid-value"),
        ("dates-order", "dates-order"),  # a custom error of schema.py keeps its name
        ("no-such-custom-error", "invalid-value"),
    ],
)
def test_a_pydantic_error_type_is_reported_as_a_registered_rule(error_type, rule):
    assert rule_of(error_type) == rule


def test_no_pydantic_error_type_escapes_the_registry():
    types = get_args(ErrorType)
    assert len(types) > 50
    assert sorted({rule_of(t) for t in types} - set(RULES)) == []


LONG_ID = "a" * 81
# A record of the good data given one bad field: the file, the text appended, the rule expected
# and the field the message names.
BAD_FIELDS = {
    "a list where a text is expected": (
        "sources.yaml",
        "- {id: x, title: [a, b], publisher: P, url: https://e.org, accessed: 2026-01-01, language: en}\n",
        "wrong-type",
        "title",
    ),
    "a yes/no column that says maybe": (
        "countries.csv",
        "EEE,Eland,Élande,maybe,,,,EEE,treaty-text\n",
        "wrong-type",
        "historical",
    ),
    "a figure that is not a number": (
        "events/pact.yaml",
        "- {id: pact-2001-x, date: '2001', alliance: pact, kind: other, title: {en: A, fr: A},"
        " summary: {en: S, fr: S}, sources: [treaty-text],"
        " figures: [{key: troops, label: {en: T, fr: T}, value: many, sources: [treaty-text]}]}\n",
        "wrong-type",
        "figures.0.value",
    ),
    "a mapping where a text in each language is expected": (
        "events/pact.yaml",
        "- {id: pact-2001-y, date: '2001', alliance: pact, kind: other, title: A title,"
        " summary: {en: S, fr: S}, sources: [treaty-text]}\n",
        "wrong-type",
        "title",
    ),
    "an id longer than allowed": (
        "sources.yaml",
        f"- {{id: {LONG_ID}, title: T, publisher: P, url: https://e.org, accessed: 2026-01-01, language: en}}\n",
        "too-long",
        "id",
    ),
    "a kind that is not one of the kinds": (
        "events/pact.yaml",
        "- {id: pact-2001-z, date: '2001', alliance: pact, kind: party, title: {en: A, fr: A},"
        " summary: {en: S, fr: S}, sources: [treaty-text]}\n",
        "not-allowed",
        "kind",
    ),
    "an id with capitals": (
        "sources.yaml",
        "- {id: Big, title: T, publisher: P, url: https://e.org, accessed: 2026-01-01, language: en}\n",
        "bad-format",
        "id",
    ),
    "a record that cites no source": (
        "events/pact.yaml",
        "- {id: pact-2001-w, date: '2001', alliance: pact, kind: other, title: {en: A, fr: A},"
        " summary: {en: S, fr: S}, sources: []}\n",
        "too-few",
        "sources",
    ),
}


@pytest.mark.parametrize("case", BAD_FIELDS)
def test_a_bad_field_is_reported_with_its_registered_rule(case, tmp_path: Path):
    name, appended, rule, field = BAD_FIELDS[case]
    folder = good_folder_with(tmp_path, name, appended)
    problems = [p for p in read_folder(folder).problems if p.file == str(folder / name)]
    assert problems, "the bad record was accepted"
    assert {p.rule for p in problems} == {rule}, problems
    assert all(p.message.startswith(f"{field}: ") for p in problems), problems


def an_unlinked_successor(tmp_path: Path) -> list[Problem]:
    ghost = (
        "- {id: ghost, type: defence_pact, name: {en: G, fr: G}, short_name: {en: G, fr: G}, treaty: {en: T, fr: T},"
        " signed: 1940-01-01, signed_at: {en: P, fr: P}, in_force: 1940-01-01, successor: pact,"
        " defence_clause: {article: {en: A, fr: A}, paraphrase: {en: P, fr: P}, sources: [treaty-text]},"
        " obligations: {defence: true, offence: false, neutrality: false, non_aggression: false,"
        " consultation: true}, sources: [treaty-text]}\n"
    )
    folder = good_folder_with(tmp_path, "alliances.yaml", ghost)
    return [p for p in load_partial(folder).problems if p.file == str(folder / "alliances.yaml")]


def a_file_uploaded_twice(tmp_path: Path) -> list[Problem]:
    return unpack([Upload("sources.yaml", b"- a\n"), Upload("sources.yaml", b"- b\n")], tmp_path)


def a_folder_where_a_file_belongs(tmp_path: Path) -> list[Problem]:
    (tmp_path / "sources.yaml").mkdir()
    return read_yaml_list(tmp_path / "sources.yaml", "sources.yaml")[1]


# The rules that no bad fixture and no other test module produces, each by its smallest case.
RARE_RULES = {
    "alliance-link": an_unlinked_successor,
    "duplicate-file": a_file_uploaded_twice,
    "unreadable": a_folder_where_a_file_belongs,
}


@pytest.mark.parametrize("rule", RARE_RULES)
def test_a_rule_no_fixture_breaks_is_still_produced_by_its_case(rule, tmp_path: Path):
    assert [p.rule for p in RARE_RULES[rule](tmp_path)] == [rule]
