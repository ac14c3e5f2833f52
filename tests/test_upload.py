"""Uploads: hostile archives and files are refused with a named reason; nothing escapes the folder."""

import io
import stat
import tomllib
import zipfile

import pytest

from alliance_atlas import upload
from alliance_atlas.paths import ROOT
from alliance_atlas.upload import Upload, load_uploads, place_of, unpack
from tests.conftest import GOOD

GOOD_RECORDS = 20  # as tests/test_partial.py counts them


def zipped(*entries: tuple[str, bytes], link: str | None = None) -> bytes:
    """A zip archive of (name, content) entries, and optionally a symbolic link entry."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries:
            archive.writestr(name, content)
        if link:
            info = zipfile.ZipInfo(link)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
    return buffer.getvalue()


def good_files(prefix: str = "") -> list[tuple[str, bytes]]:
    return [
        (prefix + path.relative_to(GOOD).as_posix(), path.read_bytes())
        for path in sorted(GOOD.rglob("*"))
        if path.is_file()
    ]


def test_data_files_go_to_their_place():
    assert place_of("sources.yaml") == "sources.yaml"
    assert place_of("csto.yaml") == "events/csto.yaml"
    assert place_of("events/csto.yml") == "events/csto.yaml"
    assert place_of("notes.txt") is None
    assert place_of("deep/sources.yaml") is None


def test_a_zipped_folder_loads_as_data_instead_of_the_shipped_ones():
    loaded = load_uploads([Upload("mydata.zip", zipped(*good_files("mydata/")))], beside=None)
    assert loaded.problems == []
    assert (loaded.read, loaded.kept) == (GOOD_RECORDS, GOOD_RECORDS)
    assert set(loaded.dataset.alliance_by_id) == {"pact"}


def test_single_files_load_beside_the_shipped_data(tmp_path):
    event = (GOOD / "events" / "pact.yaml").read_bytes()
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    for name, content in good_files():
        (shipped / name).parent.mkdir(parents=True, exist_ok=True)
        (shipped / name).write_bytes(
            content.replace(b"pact-", b"old-") if "events" in name else content
        )
    loaded = load_uploads([Upload("pact.yaml", event)], beside=shipped)
    assert loaded.problems == []
    assert loaded.kept == GOOD_RECORDS + 3  # the three events again, under new ids
    files = {item.file for item in loaded.dataset.events}
    assert files == {"data/events/pact.yaml", "upload/events/pact.yaml"}


HOSTILE = {
    "zip-slip": (lambda: zipped(("../../evil.yaml", b"- x: 1\n")), "unsafe-zip-entry"),
    "absolute": (lambda: zipped(("/tmp/evil.yaml", b"- x: 1\n")), "unsafe-zip-entry"),
    "windows-absolute": (lambda: zipped(("C:/evil.yaml", b"- x: 1\n")), "unsafe-zip-entry"),
    "symlink": (lambda: zipped(link="sources.yaml"), "unsafe-zip-entry"),
    "not-data": (lambda: zipped(("run.sh", b"rm -rf /\n")), "not-a-data-file"),
    "bomb": (lambda: zipped(("sources.yaml", b"0" * (upload.MAX_BYTES + 1))), "too-large"),
    "many-files": (
        lambda: zipped(*((f"events/e{i}.yaml", b"- a\n") for i in range(upload.MAX_FILES + 1))),
        "too-many-files",
    ),
    "not-a-zip": (lambda: b"PK\x03\x04 this is not an archive", "bad-zip"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_archive_is_refused_with_its_reason(case, tmp_path):
    build, rule = HOSTILE[case]
    folder = tmp_path / "unpacked"
    folder.mkdir()
    problems = unpack([Upload(f"{case}.zip", build())], folder)
    assert rule in {p.rule for p in problems}, problems
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert all(folder in p.parents for p in written)
    assert not any(p.is_symlink() for p in folder.rglob("*"))
    assert not (tmp_path.parent / "evil.yaml").exists()


def test_a_bomb_is_refused_by_its_declared_size_before_it_is_inflated(tmp_path, monkeypatch):
    bomb = HOSTILE["bomb"][0]()
    inflated = []
    original = zipfile.ZipFile.open
    monkeypatch.setattr(
        zipfile.ZipFile, "open", lambda *a, **k: inflated.append(1) or original(*a, **k)
    )
    problems = unpack([Upload("bomb.zip", bomb)], tmp_path)
    assert [p.rule for p in problems] == ["too-large"]
    assert inflated == []


def test_an_upload_past_the_record_cap_keeps_nothing(monkeypatch):
    monkeypatch.setattr(upload, "MAX_RECORDS", 10)
    loaded = load_uploads([Upload("data.zip", zipped(*good_files()))], beside=None)
    assert [p.rule for p in loaded.problems] == ["too-many-records"]
    assert loaded.kept == 0
    assert loaded.skipped == GOOD_RECORDS


def test_a_browser_supplied_path_is_reduced_to_its_name(tmp_path):
    folder = tmp_path / "unpacked"
    folder.mkdir()
    assert unpack([Upload("../../sources.yaml", b"- id: x\n")], folder) == []
    assert (folder / "sources.yaml").exists()
    assert not (tmp_path.parent / "sources.yaml").exists()


def test_an_upload_that_breaks_every_rule_still_lists_every_problem():
    broken = [("sources.yaml", b"- id: [unclosed\n"), ("events/x.yaml", b"- {id: 1}\n")]
    loaded = load_uploads([Upload("broken.zip", zipped(*broken))], beside=None)
    shown = {str(p) for p in loaded.problems}
    assert any(s.startswith("upload/sources.yaml:2: yaml-syntax") for s in shown), shown
    assert "upload/events/x.yaml:1: wrong-type: id: Input should be a valid string" in shown
    assert any(s.startswith("upload/alliances.yaml: missing-file") for s in shown), shown
    assert loaded.kept == 0


def test_the_browser_refuses_a_file_past_the_same_cap():
    with (ROOT / ".streamlit" / "config.toml").open("rb") as config:
        megabytes = tomllib.load(config)["server"]["maxUploadSize"]
    assert megabytes * 1_000_000 == upload.MAX_BYTES
