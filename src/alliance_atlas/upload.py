"""Unpack uploaded data files into a temporary folder: names, sizes and zip entries checked."""

import io
import stat
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from alliance_atlas import importers, limits
from alliance_atlas.dataset import Dataset
from alliance_atlas.loader import UNREAD, Loaded, combine, read_folder, settle
from alliance_atlas.paths import data_dir
from alliance_atlas.problems import Problem

MAX_BYTES = 10_000_000  # all uploaded files together, unpacked
MAX_FILES = 200  # files in one upload, zip entries included
MAX_RECORDS = 25_000  # records read from one upload, valid or not
TOP_FILES = frozenset(
    {
        "sources.yaml",
        "alliances.yaml",
        "disputes.yaml",
        "countries.csv",
        "memberships.csv",
        "statuses.csv",
        "state_codes.csv",
    }
)
EVENTS = "events"
IMPORTS = "imports"  # where an ATOP or COW member file waits to be turned into data
LABEL = "upload"  # how messages name the uploaded folder


@dataclass(frozen=True)
class Upload:
    """One uploaded file as the browser sent it."""

    name: str  # the file's name on the user's machine; only its last part is used
    data: bytes


def place_of(name: str) -> str | None:
    """Where a data file goes in a data folder: `sources.yaml`, `events/<name>.yaml`, or None."""
    path = PurePosixPath(name)
    if len(path.parts) == 1 and path.name in TOP_FILES:
        return path.name
    if path.suffix in {".yaml", ".yml"} and path.parts[:-1] in ((), (EVENTS,)):
        return f"{EVENTS}/{path.stem}.yaml"
    return None


def unpack(uploads: list[Upload], folder: Path) -> list[Problem]:
    """Write the uploads' data files into `folder`, which must be empty; every file refused is
    named with the reason. Nothing is written outside `folder`."""
    budget = _Budget()
    problems: list[Problem] = []
    for upload in uploads:
        shown = PurePosixPath(upload.name.replace("\\", "/")).name or "(unnamed)"
        if shown.lower().endswith(".zip"):
            problems += _unzip(shown, upload.data, folder, budget)
        else:
            problems += _place(shown, shown, upload.data, folder, budget)
        if budget.exhausted:
            break
    return problems


class _Budget:
    """What is left of the upload's caps on bytes and files."""

    def __init__(self):
        self.bytes, self.files, self.exhausted = MAX_BYTES, MAX_FILES, False

    def refuse(self, shown: str, size: int) -> Problem | None:
        """Why a file of `size` bytes does not fit, or None; a file that fits is counted."""
        if self.files == 0:
            self.exhausted = True
            return Problem(shown, None, "too-many-files", f"more than {MAX_FILES} files")
        if size > self.bytes:
            self.exhausted = True
            limit = f"{MAX_BYTES // 1_000_000} MB"
            return Problem(shown, None, "too-large", f"the upload holds more than {limit}")
        self.files, self.bytes = self.files - 1, self.bytes - size
        return None


def _place(shown: str, name: str, data: bytes, folder: Path, budget: _Budget) -> list[Problem]:
    """Write one data file at its place (an ATOP or COW member file, told by its header, in
    `imports/`), or say why not."""
    place = place_of(name)
    is_csv = name.lower().endswith(".csv")
    kind = importers.format_of(data[:4096]) if place is None and is_csv else None
    if kind:
        place = f"{IMPORTS}/{kind}/{PurePosixPath(name).name}"
    if place is None:
        return [_not_data(shown)]
    refused = budget.refuse(shown, len(data))
    if refused:
        return [refused]
    target = folder / place
    if target.exists():
        return [Problem(shown, None, "duplicate-file", f"{place} was uploaded twice")]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return []


def _not_data(shown: str) -> Problem:
    allowed = ", ".join(sorted(TOP_FILES)) + ", events/<alliance>.yaml"
    allowed += ", or an ATOP or COW member file (.csv)"
    return Problem(shown, None, "not-a-data-file", f"not one of: {allowed}")


def _unzip(shown: str, data: bytes, folder: Path, budget: _Budget) -> list[Problem]:
    """The data files of a zip archive, each entry checked before a byte of it is read."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = [e for e in archive.infolist() if not e.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as error:
        return [Problem(shown, None, "bad-zip", f"not a readable zip archive ({error})")]
    problems: list[Problem] = []
    top = _common_folder([e.filename for e in entries])
    for entry in entries:
        where = f"{shown}:{entry.filename}"
        name = entry.filename.removeprefix(top)
        refused = _refusal(entry)
        if refused:
            problems.append(Problem(where, None, "unsafe-zip-entry", refused))
        elif place_of(name) is None and not name.lower().endswith(".csv"):
            problems.append(_not_data(where))  # a .csv may be a dataset's, told by its header
        elif entry.file_size > budget.bytes:  # a zip bomb is refused by its declared size
            budget.exhausted = True
            return [*problems, *filter(None, [budget.refuse(where, entry.file_size)])]
        else:
            try:  # zipfile reads no more than the declared size, and checks the CRC
                with archive.open(entry) as member:
                    content = member.read(entry.file_size + 1)
            except (
                zipfile.BadZipFile,
                RuntimeError,
                NotImplementedError,
                EOFError,
                OSError,
                zlib.error,
            ) as error:
                problems.append(Problem(where, None, "bad-zip", f"unreadable entry ({error})"))
                continue
            problems += _place(where, name, content, folder, budget)
        if budget.exhausted:
            break
    return problems


def _refusal(entry: zipfile.ZipInfo) -> str | None:
    """Why a zip entry must not be unpacked: absolute, climbing out, or a link."""
    name = entry.filename.replace("\\", "/")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return "an absolute path"
    if ".." in PurePosixPath(name).parts:
        return "a path that climbs out of the folder (..)"
    if stat.S_ISLNK(entry.external_attr >> 16):
        return "a symbolic link"
    return None


def _common_folder(names: list[str]) -> str:
    """`mydata/` when every entry sits in that one folder (a zipped folder), else nothing."""
    tops = {name.split("/", 1)[0] for name in names}
    if len(tops) == 1 and all("/" in name for name in names):
        top = next(iter(tops))
        if top != EVENTS:
            return top + "/"
    return ""


def _has_own_files(folder: Path) -> bool:
    """Whether the upload holds files of the atlas's format, beside any dataset's file."""
    return any(p for p in folder.iterdir() if p.name != IMPORTS)


def _imported(kind: str, path: Path, folder: Path) -> Loaded:
    """A dataset's member file turned into data (placed by the shipped data's state numbers),
    with every row it could not carry over."""
    shown = f"{LABEL}/{path.name}"
    atlas = read_folder(data_dir(), "data").dataset
    imported = importers.read(kind, path, atlas, shown)
    target = folder / f"{path.stem}-{kind}"
    imported.write(target)
    if not imported.files:
        return Loaded(Dataset(target), imported.problems, imported.rows)
    loaded = read_folder(target, shown)  # the rows left out count as records read, not kept
    return Loaded(
        loaded.dataset, imported.problems + loaded.problems, loaded.read + imported.left_out
    )


def load_uploads(uploads: list[Upload], beside: Path | None) -> Loaded:
    """The uploads as data, beside the data in `beside` or (None) instead of any, with every
    problem; the files live in a temporary folder that is gone when this returns. Memory
    running out is one problem, never an internal error."""
    try:
        return _load_uploads(uploads, beside)
    except MemoryError:
        pass  # said outside the handler, so that what was read can be freed first
    return Loaded(Dataset(Path(LABEL), version=UNREAD), [limits.out_of_memory(LABEL)], 0)


def _load_uploads(uploads: list[Upload], beside: Path | None) -> Loaded:
    with tempfile.TemporaryDirectory(prefix="atlas-upload-") as tmp:
        folder = Path(tmp)
        refused = unpack(uploads, folder)
        only_imports = (folder / IMPORTS).exists() and not _has_own_files(folder)
        added = read_folder(folder, LABEL, required=beside is None and not only_imports)
        for kind_folder in sorted((folder / IMPORTS).glob("*")):
            for path in sorted(kind_folder.glob("*.csv")):
                added = combine(added, _imported(kind_folder.name, path, folder))
    if added.read > MAX_RECORDS:
        message = f"{added.read:,} records; an upload may hold at most {MAX_RECORDS:,}"
        problem = Problem(LABEL, None, "too-many-records", message)  # and none of them kept
        added = Loaded(Dataset(folder, version=added.dataset.version), [problem], added.read)
    loaded = settle(combine(read_folder(beside, "data"), added) if beside else added)
    return Loaded(loaded.dataset, sorted(refused + loaded.problems), loaded.read)
