"""Size limits: a file or a folder too large is refused by its size before a byte of it is read,
named with the limit and how to raise it, and memory running out is said, never a traceback."""

import os
import pathlib
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from alliance_atlas import __main__ as main_module
from alliance_atlas import i18n, importers, loader, upload
from alliance_atlas.__main__ import main
from alliance_atlas.limits import FILE, FOLDER, MB
from alliance_atlas.loader import UNREAD, load_partial
from alliance_atlas.upload import Upload, load_uploads
from tests.conftest import GOOD
from tests.test_pages import run

EVENTS = "events/pact.yaml"  # the good data's largest file: 1,175 bytes of 3,427
# An event of the good data, written anew under another id, to make an events file grow.
EVENT = """- id: pact-copy-{n}
  date: 1950-01-01
  alliance: pact
  kind: treaty
  countries: [AAA, BBB]
  title: {{en: The treaty is signed again, fr: Le traité est signé de nouveau}}
  summary: {{en: Two states sign the treaty once more., fr: Deux États signent encore le traité.}}
  sources: [treaty-text]
"""
ATOP_HEADER = "atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase,defense\n"
CAP = 2**30  # the address-space cap of issue 15: 1 GB, as `ulimit -v 1048576` sets it


@pytest.fixture(autouse=True)
def default_limits(monkeypatch):
    """Every test starts from the default limits, whatever the environment of the run says."""
    for variable in (FILE.variable, FOLDER.variable):
        monkeypatch.delenv(variable, raising=False)


@pytest.fixture
def reads(monkeypatch) -> list[Path]:
    """Every file whose bytes are read from now on, as the readers and the fingerprint do."""
    opened: list[Path] = []
    for method in ("read_text", "read_bytes"):
        original = getattr(pathlib.Path, method)

        def spy(path, *args, _original=original, **kwargs):
            opened.append(path)
            return _original(path, *args, **kwargs)

        monkeypatch.setattr(pathlib.Path, method, spy)
    return opened


def good_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(GOOD, tmp_path / "data"))


def grow(path: Path, size: int) -> Path:
    """Add events to the file until it holds at least `size` bytes, every one valid."""
    with path.open("a", encoding="utf-8") as out:
        n = 0
        while out.tell() < size:
            out.write("".join(EVENT.format(n=n + i) for i in range(1000)))
            n += 1000
    return path


def without_limits_set() -> dict[str, str]:
    """The environment of a child process, with no limit or data folder set in it."""
    return {k: v for k, v in os.environ.items() if not k.startswith("ALLIANCE_ATLAS_")}


def cap_address_space() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CAP, CAP))


def validate_under_the_cap(*args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "alliance_atlas", "validate", *args]
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        env=without_limits_set(),
        preexec_fn=cap_address_space,
        timeout=300,  # a guard against a hang, not a measure of time
    )


def test_a_file_over_the_limit_refuses_the_folder_by_name_before_a_byte_is_read(
    tmp_path, monkeypatch, reads
):
    folder = good_copy(tmp_path)
    monkeypatch.setenv(FILE.variable, "0.001")  # 1,000 bytes: only the events file is over
    loaded = load_partial(folder)
    assert [(p.file, p.rule) for p in loaded.problems] == [(str(folder / EVENTS), "file-too-large")]
    message = loaded.problems[0].message
    assert message.startswith("1,175 bytes, over the limit of 0.001 MB per file")
    assert f"{FILE.variable}=1" in message
    assert reads == []  # neither parsed nor fingerprinted: nothing of the folder was read
    assert loaded.read == 0 and loaded.unread


def test_a_folder_over_the_limit_is_refused_before_a_byte_is_read(tmp_path, monkeypatch, reads):
    folder = good_copy(tmp_path)
    monkeypatch.setenv(FOLDER.variable, "0.003")  # 3,000 bytes of 3,427; each file is under
    loaded = load_partial(folder)
    assert [(p.file, p.rule) for p in loaded.problems] == [(str(folder), "folder-too-large")]
    assert "over the limit of 0.003 MB per data folder" in loaded.problems[0].message
    assert f"{FOLDER.variable}=1" in loaded.problems[0].message
    assert reads == []
    assert loaded.dataset.version == UNREAD  # not fingerprinted


def sparse(path: Path, size: int) -> None:
    """Make the file `size` bytes long without writing them: only its size is ever looked at."""
    with path.open("ab") as file:
        file.truncate(size)


def test_the_default_limit_refuses_a_file_one_byte_over_it(tmp_path):
    folder = good_copy(tmp_path)
    sparse(folder / EVENTS, int(FILE.default_mb * MB) + 1)
    found = [(p.file, p.rule) for p in load_partial(folder).problems]
    assert found == [(str(folder / EVENTS), "file-too-large")]


def test_the_default_limit_refuses_a_folder_just_over_it(tmp_path):
    folder = good_copy(tmp_path)
    (folder / EVENTS).unlink()
    share = int(FOLDER.default_mb * MB) // 3 + 1  # three files, each under the limit per file
    for name in ("pact.yaml", "more.yaml", "most.yaml"):
        sparse(folder / "events" / name, share)
    found = [(p.file, p.rule) for p in load_partial(folder).problems]
    assert found == [(str(folder), "folder-too-large")]


@pytest.mark.parametrize("limit", [FILE, FOLDER], ids=lambda limit: limit.variable)
def test_raising_a_limit_by_its_variable_lets_the_data_be_read(tmp_path, monkeypatch, limit):
    folder = good_copy(tmp_path)
    monkeypatch.setenv(limit.variable, "0.001")
    assert load_partial(folder).unread
    monkeypatch.setenv(limit.variable, "0.01")
    loaded = load_partial(folder)
    assert loaded.problems == []
    assert loaded.kept == loaded.read > 0


@pytest.mark.parametrize("value", ["lots", "0", "-5", "nan", "inf", "10MB"])
@pytest.mark.parametrize("limit", [FILE, FOLDER], ids=lambda limit: limit.variable)
def test_a_limit_set_wrong_is_one_clear_problem_not_a_traceback(
    tmp_path, monkeypatch, capsys, limit, value
):
    folder = good_copy(tmp_path)
    monkeypatch.setenv(limit.variable, value)
    assert main(["validate", str(folder)]) == 1
    printed = capsys.readouterr().out.splitlines()
    assert printed == [
        f"{folder}: limit-setting: {limit.variable}={value!r} is not a positive number of "
        f"megabytes; write e.g. {limit.variable}={limit.default_mb:g} (the default), or unset it"
    ]


def test_an_import_file_over_the_limit_is_refused_before_it_is_read(tmp_path, capsys):
    members = tmp_path / "atop.csv"
    with members.open("wb") as file:  # sparse, past its header
        file.write(ATOP_HEADER.encode())
        file.truncate(int(FILE.default_mb * MB) + 1)
    out = tmp_path / "imported"
    assert main(["import", "atop", str(members), "--out", str(out)]) == 1
    said = capsys.readouterr().err.splitlines()
    over = f"{FILE.default_mb + 0.1:.1f} MB, over the limit of {FILE.default_mb:g} MB per file"
    assert said[0].startswith(f"{members}: file-too-large: {over}")  # one byte over, rounded up
    assert said[0].endswith(f"{FILE.variable}={FILE.default_mb + 1:g}")
    assert not out.exists()


def test_an_uploaded_atop_file_over_the_limit_is_refused_by_name(monkeypatch):
    monkeypatch.setenv(FILE.variable, "0.5")  # over the shipped data's largest file, 443 kB
    rows = "3180,2,1949,4,4,0,0,0,1,1\n" * 25_000  # 650 kB
    loaded = load_uploads([Upload("atop.csv", (ATOP_HEADER + rows).encode())], None)
    assert [(p.file, p.rule) for p in loaded.problems] == [("upload/atop.csv", "file-too-large")]
    assert f"{FILE.variable}=1" in loaded.problems[0].message


def test_a_folder_with_a_66_mb_events_file_is_refused_cleanly_under_a_1_gb_memory_cap(tmp_path):
    folder = good_copy(tmp_path)
    grow(folder / EVENTS, 66 * MB)
    result = validate_under_the_cap(str(folder))
    said = result.stdout + result.stderr
    assert result.returncode == 1, said
    named = f"{folder / EVENTS}: file-too-large: 66."  # MB, rounded up
    refusals = [line for line in result.stdout.splitlines() if line.startswith(named)]
    assert len(refusals) == 1, said
    assert f" MB, over the limit of {FILE.default_mb:g} MB per file" in refusals[0]
    assert refusals[0].endswith(f"{FILE.variable}=67")
    assert "internal error" not in said and "Traceback" not in said
    assert "out-of-memory" not in said  # refused, not read until memory ran out


def test_the_shipped_data_validate_at_the_default_limits_under_the_memory_cap():
    result = validate_under_the_cap()
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OK: ")


def exhausted(*args, **kwargs):
    """Stands in for a reader or an importer when memory runs out."""
    raise MemoryError


def test_memory_running_out_while_reading_is_said_with_the_limits_to_lower(
    tmp_path, monkeypatch, capsys
):
    folder = good_copy(tmp_path)
    monkeypatch.setattr(loader, "read_yaml_list", exhausted)
    assert main(["validate", str(folder)]) == 1
    printed = capsys.readouterr()
    assert printed.out.startswith(f"{folder}: out-of-memory: memory ran out while it was read")
    limits_now = f"{FILE.variable} is {FILE.default_mb:g} MB, {FOLDER.variable} is 10 MB"
    assert limits_now in printed.out
    assert "internal error" not in printed.out + printed.err


def test_memory_running_out_in_an_import_is_said_naming_the_file(tmp_path, monkeypatch, capsys):
    members = tmp_path / "atop.csv"
    members.write_text(ATOP_HEADER, encoding="utf-8")
    monkeypatch.setattr(importers, "read_atop", exhausted)
    assert main(["import", "atop", str(members), "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err.startswith(f"{members}: out-of-memory: ")


def test_a_data_folder_refused_under_an_import_is_listed_not_a_traceback(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("ALLIANCE_ATLAS_DATA", str(good_copy(tmp_path)))
    monkeypatch.setenv(FOLDER.variable, "0.001")
    members = tmp_path / "atop.csv"
    members.write_text(ATOP_HEADER, encoding="utf-8")
    assert main(["import", "atop", str(members), "--out", str(tmp_path / "out")]) == 1
    said = capsys.readouterr().err
    assert f"{tmp_path / 'data'}: folder-too-large: " in said


@pytest.mark.app
def test_a_reader_is_told_when_the_data_folder_is_too_large_to_read(tmp_path, monkeypatch):
    monkeypatch.setenv("ALLIANCE_ATLAS_DATA", str(good_copy(tmp_path)))
    monkeypatch.setenv(FOLDER.variable, "0.001")
    at = run("overview")
    assert [e.value for e in at.error] == [i18n.catalogue("en")["notice.unread"]]
    assert not at.title and not at.dataframe, "empty charts and tables drawn beside the notice"
    assert i18n.catalogue("en")["sidebar.about"].format(version="\N{EM DASH}") in [
        c.value for c in at.sidebar.caption
    ], "the version of data that were not read is not a dash"
    problems = run("data").dataframe[0].value
    assert list(problems["Rule"]) == ["folder-too-large"]
    assert FOLDER.variable in problems["What is wrong"][0]


def test_memory_running_out_outside_the_loader_is_said_by_validate_not_internal_error(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.setattr(main_module, "load_with_problems", exhausted)
    assert main(["validate", str(tmp_path)]) == 2
    printed = capsys.readouterr()
    assert printed.err.startswith(f"{tmp_path}: out-of-memory: ")
    assert "internal error" not in printed.out + printed.err


def test_memory_running_out_in_an_upload_is_one_problem(monkeypatch):
    monkeypatch.setattr(upload, "read_folder", exhausted)
    loaded = load_uploads([Upload("sources.yaml", b"[]")], None)
    assert [p.rule for p in loaded.problems] == ["out-of-memory"]
    assert loaded.read == 0
