"""AppTest: a session brings its own data; every page shows them, and no other session sees them."""

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from alliance_atlas import navigation
from alliance_atlas import session as visitor
from alliance_atlas.loader import load_partial
from alliance_atlas.paths import ROOT
from tests.conftest import GOOD

pytestmark = pytest.mark.app
PAGES = [page.name for page in navigation.PAGES]
HOSTILE_TITLE = "<script>alert(1)</script> **bold** [x](javascript:alert(1)) <b>tag</b>"


def zipped_folder(replace: dict[str, bytes] | None = None) -> bytes:
    """The good fixture folder as a zip, with some files' contents replaced."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(GOOD.rglob("*")):
            if path.is_file():
                name = path.relative_to(GOOD).as_posix()
                archive.writestr(f"mydata/{name}", (replace or {}).get(name, path.read_bytes()))
    return buffer.getvalue()


def session(page: str = "data") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def upload(at: AppTest, data: bytes, mode: str = "instead") -> AppTest:
    file = ("mydata.zip", data, "application/zip")
    at.file_uploader(key="files").set_value(file)
    at.run()  # the button is enabled once a file is there
    # AppTest keeps an upload for one run only, where a browser keeps it: give it again.
    at.file_uploader(key="files").set_value(file)
    at.radio[0].set_value(mode)
    at.button[0].click().run()  # "Check and load"; the page reruns with the data loaded
    assert not at.exception, at.exception
    return at


def metrics(at: AppTest) -> list[str]:
    return [m.value for m in at.metric]


def test_an_uploaded_folder_replaces_the_data_for_this_session_only():
    at = upload(session(), zipped_folder())
    assert metrics(at) == ["20", "20", "0"]
    assert any("data you uploaded" in i.value for i in at.sidebar.info)
    at.switch_page("pages/timeline.py").run()
    titles = set(at.dataframe[0].value["Title"])
    assert titles == {"The treaty is signed", "Carpania asks for help", "Troops land in Carpania"}
    other = session("timeline")  # a second visitor still sees the shipped data
    assert "Carpania asks for help" not in set(other.dataframe[0].value["Title"])
    assert len(other.dataframe[0].value) > 50


def test_a_broken_upload_lists_every_problem_and_keeps_the_valid_records():
    broken = (
        GOOD / "memberships.csv"
    ).read_bytes() + b"pact,ZZZ,,1999-01-01,,acceded,,treaty-text\n"
    at = upload(session(), zipped_folder({"memberships.csv": broken}))
    assert metrics(at) == ["21", "20", "1"]
    rows = at.dataframe[0].value
    assert list(rows[["File", "Line", "Rule"]].itertuples(index=False, name=None)) == [
        ("upload/memberships.csv", 6, "unknown-country")
    ]
    assert any("left out" in w.value for w in at.sidebar.warning)


def test_files_added_beside_the_shipped_data_join_them():
    at = upload(session(), zipped_folder(), mode="beside")
    assert "beside" in at.info[0].value
    kept = int(at.metric[1].value.replace(",", ""))
    shipped = load_partial(ROOT / "data").kept
    assert kept == shipped + 20  # the fixture's ids, URLs and state numbers are all new here
    at.button[1].click().run()  # back to the shipped data
    assert metrics(at)[1] == f"{shipped:,}"


def hostile_data(folder: Path) -> None:
    """An event title that tries HTML, a script, a javascript: link and markdown."""
    events = folder / "events" / "pact.yaml"
    text = events.read_text(encoding="utf-8")
    events.write_text(text.replace("The treaty is signed", f'"{HOSTILE_TITLE}"'), encoding="utf-8")


def bare_data(folder: Path) -> None:
    """No events, no disputes, no statuses: only alliances, states and memberships."""
    shutil.rmtree(folder / "events")
    (folder / "disputes.yaml").unlink()
    (folder / "statuses.csv").unlink()
    sources = (folder / "sources.yaml").read_text(encoding="utf-8")
    (folder / "sources.yaml").write_text(sources.split("- id: news-story")[0], encoding="utf-8")
    memberships = (
        (folder / "memberships.csv").read_text(encoding="utf-8").replace(";news-story", "")
    )
    (folder / "memberships.csv").write_text(
        "\n".join(line for line in memberships.splitlines() if not line.endswith("news-story"))
        + "\n",
        encoding="utf-8",
    )


def empty_data(folder: Path) -> None:
    """Every required file, with no record in any."""
    bare_data(folder)
    for name in ("sources.yaml", "alliances.yaml"):
        (folder / name).write_text("[]\n", encoding="utf-8")
    for name in ("countries.csv", "memberships.csv", "state_codes.csv"):
        header = (folder / name).read_text(encoding="utf-8").splitlines()[0]
        (folder / name).write_text(header + "\n", encoding="utf-8")


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    "shape", [hostile_data, bare_data, empty_data], ids=["hostile", "bare", "empty"]
)
def test_every_page_works_on_other_data_and_shows_data_text_as_text(page, shape, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(GOOD, folder)
    shape(folder)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state[visitor.UPLOADED] = load_partial(folder)
    at.session_state[visitor.UPLOAD_MODE] = "instead"
    at.query_params["event"] = "pact-1950-treaty"
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    assert not at.sidebar.warning  # every record of these data was kept
    # Markdown elements escape data text: no raw tag or link syntax reaches them unescaped.
    for element in [*at.markdown, *at.caption, *at.header, *at.title]:
        assert "<script>" not in element.value
        assert "](javascript:" not in element.value
