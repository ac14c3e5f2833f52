"""Fuzzing the loader: whatever bytes a file holds, the answer is problems, never an exception."""

import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alliance_atlas.loader import load, load_partial
from alliance_atlas.problems import DataError
from alliance_atlas.readers import read_csv, read_yaml_list
from alliance_atlas.schema import country_columns
from alliance_atlas.upload import Upload, unpack
from tests.conftest import GOOD

# The rules each reader can break, whatever it is given: a problem naming another is a bug.
TEXT_RULES = {"missing-file", "encoding", "unreadable", "empty-file"}
YAML_RULES = TEXT_RULES | {
    "too-deep",
    "yaml-alias",
    "duplicate-key",
    "yaml-syntax",
    "not-a-list",
    "not-a-mapping",
}
CSV_RULES = TEXT_RULES | {"csv-syntax", "csv-header", "csv-width"}
ZIP_RULES = {
    "bad-zip",
    "unsafe-zip-entry",
    "not-a-data-file",
    "duplicate-file",
    "too-large",
    "too-many-files",
}

FILES = [
    "sources.yaml",
    "alliances.yaml",
    "countries.csv",
    "memberships.csv",
    "statuses.csv",
    "disputes.yaml",
    "events/pact.yaml",
]
# Bytes that look like data more often than noise does: YAML and CSV punctuation, and tags.
YAMLISH = st.lists(
    st.sampled_from(
        ["- ", "id: ", "date: ", "\n", "  ", "[", "]", "{", "}", ",", ":", "&a ", "*a", "!!python/",
         "!x ", "'", '"', "#", "|", ">", "2002-10-07", "1e3", "~", "null", "é", "\x00", "\t", "- - "]
    ),
    max_size=80,
).map("".join)  # fmt: skip
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)
fuzz = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


def written(data: bytes) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="atlas-fuzz-"))
    path = folder / "file"
    path.write_bytes(data)
    return path


@given(st.binary(max_size=2_000) | YAMLISH.map(str.encode))
def test_any_bytes_as_yaml_give_records_or_problems(data):
    path = written(data)
    records, problems = read_yaml_list(path, "f.yaml")
    assert all(isinstance(r.data, dict) for r in records)
    assert all(p.file == "f.yaml" and p.rule in YAML_RULES for p in problems), problems
    shutil.rmtree(path.parent)


@given(st.binary(max_size=2_000) | st.text(alphabet=',"\n\r;ab =+-@', max_size=200).map(str.encode))
def test_any_bytes_as_csv_give_records_or_problems(data):
    path = written(",".join(country_columns()).encode() + b"\n" + data)
    _, problems = read_csv(path, "f.csv", country_columns())
    assert all(p.file == "f.csv" and p.rule in CSV_RULES for p in problems), problems
    shutil.rmtree(path.parent)


@pytest.mark.parametrize("name", FILES)
@given(
    content=st.binary(max_size=1_000)
    | YAMLISH.map(str.encode)
    | VALUES.map(lambda v: yaml.safe_dump([v]).encode())
)
@fuzz
def test_any_file_content_gives_a_settled_load_and_only_data_errors(name, content):
    folder = Path(tempfile.mkdtemp(prefix="atlas-fuzz-")) / "data"
    shutil.copytree(GOOD, folder)
    (folder / name).write_bytes(content)
    loaded = load_partial(folder)
    assert loaded.kept + loaded.skipped == loaded.read
    assert loaded.problems or not loaded.skipped  # a record left out is named
    assert all(p.file.startswith(f"{folder}/") for p in loaded.problems), loaded.problems
    try:
        load(folder)
    except DataError as error:
        assert error.problems
    shutil.rmtree(folder.parent)


@given(st.binary(max_size=3_000))
def test_any_bytes_as_a_zip_are_refused_with_reasons(data):
    folder = Path(tempfile.mkdtemp(prefix="atlas-fuzz-"))
    problems = unpack([Upload("fuzz.zip", b"PK\x03\x04" + data)], folder)
    assert all(p.file.startswith("fuzz.zip") and p.rule in ZIP_RULES for p in problems), problems
    assert all(folder in p.parents for p in folder.rglob("*"))
    shutil.rmtree(folder)
