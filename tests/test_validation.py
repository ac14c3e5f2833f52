"""Every rule of the loader is broken once by a tiny file and reported as file:line: rule."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from alliance_atlas.loader import load, load_with_problems
from alliance_atlas.paths import SHIPPED_DATA_DIR, data_dir
from alliance_atlas.problems import DataError
from tests.conftest import BAD, GOOD, build_case

CASES = sorted(p for p in BAD.iterdir() if p.is_dir())


def test_there_are_bad_cases_to_check():
    assert len(CASES) >= 20


def test_the_good_fixture_is_valid(good_dir):
    dataset, problems = load_with_problems(good_dir)
    assert problems == []
    assert dataset.counts()["memberships"] == 4


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_each_broken_rule_is_reported_at_its_file_and_line(case: Path, tmp_path: Path):
    folder = build_case(case, tmp_path / "data")
    expected = (case / "expected.txt").read_text().strip()
    with pytest.raises(DataError) as raised:
        load(folder)
    reported = [str(p).removeprefix(f"{folder}/") for p in raised.value.problems]
    assert any(line.startswith(expected + ":") for line in reported), reported


def test_a_memberships_file_with_the_old_status_column_is_told_its_new_name(tmp_path):
    folder = build_case(BAD / "renamed-column", tmp_path / "data")
    _, problems = load_with_problems(folder)
    headers = [p for p in problems if p.rule == "csv-header"]
    assert len(headers) == 1
    assert headers[0].file.endswith("memberships.csv")
    assert "'status' is now called 'joined_as'" in headers[0].message


def test_a_statuses_file_is_not_told_of_the_memberships_rename(tmp_path):
    folder = build_case(BAD / "csv-header", tmp_path / "data")
    _, problems = load_with_problems(folder)
    assert [p.rule for p in problems] == ["csv-header"]
    assert "renamed" not in problems[0].message


EMPTY_LEFT_DISPUTE = """
- record: membership:pact:AAA:1950-06-01
  field: left
  shown: {shown}
  reason: One source says the state left; the other that it never gave notice.
  values:
    - value: ''
      sources: [treaty-text]
    - value: '1990-01-01'
      sources: [news-story]
"""


@pytest.mark.parametrize(
    ("shown", "valid"), [("''", True), ("'1990-01-01'", False), ("None", False)]
)
def test_a_dispute_on_a_date_the_record_leaves_empty_shows_it_as_empty(tmp_path, shown, valid):
    folder = Path(shutil.copytree(GOOD, tmp_path / "data"))
    with (folder / "disputes.yaml").open("a") as out:
        out.write(EMPTY_LEFT_DISPUTE.format(shown=shown))
    _, problems = load_with_problems(folder)
    assert [p.rule for p in problems] == ([] if valid else ["dispute-shown"])


def test_a_missing_folder_is_one_clear_problem(tmp_path):
    _, problems = load_with_problems(tmp_path / "nowhere")
    assert [p.rule for p in problems] == ["missing-folder"]


def test_every_problem_is_listed_not_just_the_first(tmp_path):
    folder = build_case(BAD / "overlap", tmp_path / "data")
    with (folder / "memberships.csv").open("a") as out:
        out.write("pact,ZZZ,,1994-01-01,,acceded,,no-such-source\n")
    _, problems = load_with_problems(folder)
    assert {"overlap", "unknown-country", "unknown-source"} <= {p.rule for p in problems}


def run_cli(*args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "alliance_atlas", "validate", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


def test_the_command_line_accepts_good_data_with_a_one_line_summary(good_dir):
    result = run_cli(str(good_dir))
    assert result.returncode == 0
    assert result.stdout.startswith("OK: ")
    assert len(result.stdout.strip().splitlines()) == 1


@pytest.mark.parametrize("case", ["yaml-syntax", "python-tag", "overlap", "not-utf8"])
def test_the_command_line_lists_problems_without_a_traceback(case, tmp_path):
    folder = build_case(BAD / case, tmp_path / "data")
    result = run_cli(str(folder))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert (BAD / case / "expected.txt").read_text().strip() in result.stdout


def test_a_python_tag_runs_no_code(tmp_path):
    folder = build_case(BAD / "python-tag", tmp_path / "data")
    marker = tmp_path / "data" / "pwned"
    (folder / "disputes.yaml").write_text(f'- !!python/object/apply:os.system ["touch {marker}"]\n')
    _, problems = load_with_problems(folder)
    assert problems
    assert not marker.exists()


def test_the_data_folder_comes_from_the_environment_variable(monkeypatch, tmp_path):
    monkeypatch.delenv("ALLIANCE_ATLAS_DATA", raising=False)
    assert data_dir() == SHIPPED_DATA_DIR
    monkeypatch.setenv("ALLIANCE_ATLAS_DATA", str(tmp_path))
    assert data_dir() == tmp_path


def test_the_command_line_reads_the_folder_named_by_the_environment(good_dir):
    env = {**os.environ, "ALLIANCE_ATLAS_DATA": str(good_dir)}
    command = [sys.executable, "-m", "alliance_atlas", "validate"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0
    assert str(good_dir) in result.stdout
