"""The YAML reader: fast parsing, record lines in any list style, tags and aliases refused."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from alliance_atlas.limits import FILE
from alliance_atlas.readers import YamlNodes, item_lines, read_csv, read_yaml_list


def read(tmp_path: Path, text: str):
    path = tmp_path / "records.yaml"
    path.write_text(text, encoding="utf-8")
    return read_yaml_list(path, "records.yaml")


def test_each_record_starts_at_its_dash(tmp_path):
    records, problems = read(tmp_path, "# header\n- id: a\n  title: A\n\n- id: b\n")
    assert problems == []
    assert [(r.line, r.data["id"]) for r in records] == [(2, "a"), (5, "b")]


def test_a_list_in_flow_style_takes_its_lines_from_the_nodes(tmp_path):
    records, problems = read(tmp_path, "[\n  {id: a},\n  {id: b}\n]\n")
    assert problems == []
    assert [r.line for r in records] == [2, 3]


def test_a_dash_inside_a_block_text_is_not_a_record():
    text = "- id: a\n  summary: |\n    - not a record\n- id: b\n"
    assert item_lines(text, YamlNodes(text), 2) == [1, 4]


def test_a_nested_field_is_found_on_its_own_line(tmp_path):
    records, _ = read(tmp_path, "- id: a\n  figures:\n    - value: 1\n      unit: troops\n")
    assert records[0].line_of(("figures", 0, "unit")) == 4


def test_dates_stay_text_for_the_schema_to_read(tmp_path):
    records, _ = read(tmp_path, "- id: a\n  date: 2002-10-07\n")
    assert records[0].data["date"] == "2002-10-07"


@pytest.mark.parametrize(
    "text",
    [
        "- !!python/object/apply:os.system ['true']\n",
        "- id: a\n  title: !!python/name:os.system\n",
        "- !custom {id: a}\n",
    ],
)
def test_a_tag_is_refused_not_ignored(tmp_path, text):
    records, problems = read(tmp_path, text)
    assert records == []
    assert [p.rule for p in problems] == ["yaml-syntax"]
    assert problems[0].line is not None


def test_punctuation_in_text_is_only_text(tmp_path):
    text = '- id: a\n  title: "Attention !"\n  note: wow ! & more, 5 * 3\n'
    records, problems = read(tmp_path, text)
    assert problems == []
    assert records[0].data["title"] == "Attention !"


def test_a_repeated_key_is_reported_at_its_second_line(tmp_path):
    _, problems = read(tmp_path, "- id: a\n  title: A\n  title: B\n")
    assert [(p.line, p.rule) for p in problems] == [(3, "duplicate-key")]


def test_an_alias_bomb_is_refused_before_it_is_expanded(tmp_path):
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    records, problems = read(tmp_path, "- " + "\n  ".join(lines) + "\n")
    assert records == []
    assert [(p.line, p.rule) for p in problems] == [(1, "yaml-alias")]


@pytest.mark.parametrize(
    "text",
    ["- " * 100_000 + "x\n", "a:\n" + "".join(" " * (i + 1) + "a:\n" for i in range(20_000))],
    ids=["inline", "indented"],
)
def test_a_deeply_nested_file_is_refused_without_crashing_the_process(tmp_path, text):
    # Run in a child process: should a parser overflow its stack on such a file, removing
    # the guard fails this test instead of killing pytest.
    path = tmp_path / "deep.yaml"
    path.write_text(text, encoding="utf-8")
    code = (
        "import sys; from pathlib import Path; from alliance_atlas.readers import read_yaml_list;"
        "records, problems = read_yaml_list(Path(sys.argv[1]), 'deep.yaml');"
        "print(*(p.rule for p in problems))"
    )
    # The indented file holds 200 MB: the limit per file, raised, lets the nesting guard act.
    env = {**os.environ, FILE.variable: "1000"}
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60, env=env
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["too-deep"]


def test_a_comment_that_looks_like_a_tag_is_an_empty_file_not_a_crash(tmp_path):
    records, problems = read(tmp_path, "# !!\n")  # found by fuzzing
    assert records == []
    assert [p.rule for p in problems] == ["not-a-list"]


def test_a_broken_csv_header_is_a_syntax_problem(tmp_path):
    path = tmp_path / "countries.csv"
    path.write_text('"', encoding="utf-8")  # found by fuzzing
    assert [p.rule for p in read_csv(path, "countries.csv", ("code",))[1]] == ["csv-syntax"]
