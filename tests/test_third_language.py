"""A third language is its code in vocab.LANGUAGES, a catalogue and the data's translations."""

import csv
import shutil
from pathlib import Path

import pytest
import yaml

from alliance_atlas import i18n, vocab
from alliance_atlas.loader import load_with_problems
from alliance_atlas.paths import SHIPPED_DATA_DIR
from alliance_atlas.schema import country_columns
from tests.conftest import GOOD
from tests.test_pages import run

MARK = "DE "  # stands in for German: every German text is the English one behind this mark
PATTERNS = {
    "date.day",
    "date.first",
    "date.input",
    "typography.nbsp_before",
    "typography.nbsp_after",
}
# (formats and marks, not prose: they stay as they are)


@pytest.fixture
def german(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """German declared beside English and French, with a `de.yaml` as a translator would add it."""
    locales = tmp_path / "locales"
    shutil.copytree(i18n.LOCALES, locales)
    catalogue = {
        key: text if key in PATTERNS else MARK + text for key, text in i18n.catalogue("en").items()
    }
    (locales / "de.yaml").write_text(yaml.safe_dump(catalogue, allow_unicode=True))
    monkeypatch.setattr(i18n, "LOCALES", locales)
    monkeypatch.setattr(vocab, "LANGUAGES", ("en", "de", "fr"))
    i18n.reload()
    yield
    i18n.reload()


def with_german(value):
    """`value` with a German text beside every English one."""
    if isinstance(value, dict):
        if "en" in value and "fr" in value:
            return {**value, "de": MARK + value["en"]}
        return {key: with_german(item) for key, item in value.items()}
    if isinstance(value, list):
        return [with_german(item) for item in value]
    return value


def translated(source: Path, target: Path) -> Path:
    """A copy of a data folder with the German translations added."""
    shutil.copytree(source, target)
    for path in target.rglob("*.yaml"):
        path.write_text(yaml.safe_dump(with_german(yaml.safe_load(path.read_text()))))
    countries = target / "countries.csv"
    with countries.open(newline="") as rows:
        records = [{**row, "name_de": MARK + row["name_en"]} for row in csv.DictReader(rows)]
    with countries.open("w", newline="") as out:
        writer = csv.DictWriter(out, country_columns())
        writer.writeheader()
        writer.writerows(records)
    return target


@pytest.mark.usefixtures("german")
def test_a_new_catalogue_turns_every_missing_translation_into_a_problem():
    _, problems = load_with_problems(SHIPPED_DATA_DIR)
    missing = [p for p in problems if p.rule == "translation-missing"]
    assert len(missing) > 100
    assert all(p.line and p.message.endswith("no text in de") for p in missing)
    assert any(p.rule == "csv-header" and p.file.endswith("countries.csv") for p in problems)


@pytest.mark.usefixtures("german")
def test_translated_data_loads_and_the_app_speaks_the_new_language(tmp_path, monkeypatch):
    folder = translated(GOOD, tmp_path / "data")
    dataset, problems = load_with_problems(folder)
    assert problems == []
    assert dataset.events_frame["title_de"].str.startswith(MARK).all()
    monkeypatch.setenv("ALLIANCE_ATLAS_DATA", str(folder))
    at = run("timeline", lang="de")
    assert at.title[0].value == MARK + i18n.catalogue("en")["timeline.title"]
    assert "Deutsch" in at.selectbox(key="lang").options
    titles = at.dataframe[0].value[MARK + i18n.catalogue("en")["column.title"]]
    assert len(titles) > 0 and titles.str.startswith(MARK).all()
