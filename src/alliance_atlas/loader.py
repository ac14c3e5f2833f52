"""Load a data folder into a validated Dataset, collecting every problem before reporting."""

import gc
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from alliance_atlas import checks, limits
from alliance_atlas.dataset import Dataset, Located
from alliance_atlas.problems import NOTICES, RULES, DataError, Problem
from alliance_atlas.readers import RawRecord, read_csv, read_yaml_list
from alliance_atlas.schema import (
    Alliance,
    Country,
    Dispute,
    Event,
    Membership,
    Source,
    StateCode,
    StatusPeriod,
    country_columns,
)

# A CSV file's header is its model's fields, in order (countries.csv: `country_columns()`);
# columns added later come last, and a file may leave them out (OPTIONAL_COLUMNS, by file).
MEMBERSHIP_COLUMNS = tuple(Membership.model_fields)
OPTIONAL_COLUMNS = {"memberships.csv": 1}  # joined_basis, November 2026
# Columns renamed since files were first written, by file: an old file is told the new name.
RENAMED = {"memberships.csv": {"status": "joined_as"}}  # November 2026: no clash with statuses
STATUS_COLUMNS = tuple(StatusPeriod.model_fields)
CODE_COLUMNS = tuple(StateCode.model_fields)

# Pydantic's error types, by the rule each is reported as; the custom errors of schema.py are
# named after their rule. Any other `*_type` or `*_parsing` error is `wrong-type`, and any
# other type at all is `invalid-value`, with pydantic's message, so that the set stays finite.
PYDANTIC_RULES = {
    "missing": "missing-field",
    "extra_forbidden": "unknown-field",
    "literal_error": "not-allowed",
    "string_pattern_mismatch": "bad-format",
    "string_too_short": "empty-value",
    "too_short": "too-few",
    "string_too_long": "too-long",
    "too_long": "too-long",
    "string_unicode": "wrong-type",  # bytes (a YAML !!binary value) that are not text
    "value_error": "invalid-value",
}
_WRONG_TYPE = ("_type", "_parsing")  # string_type, list_type, bool_parsing, int_parsing...
UNREAD = "\N{EM DASH}"  # the version of data that could not be read, as citations show it
_UNREADABLE_ROWS = frozenset({"not-a-mapping", "csv-width"})  # items read, but not as records


@dataclass
class Loaded:
    """What a data folder gave: the records kept, every problem, and how many records it held."""

    dataset: Dataset
    problems: list[Problem]
    read: int  # records in the files, valid or not

    @property
    def kept(self) -> int:
        """Records that passed every rule."""
        return sum(self.dataset.counts().values())

    @property
    def skipped(self) -> int:
        """Records left out because they broke a rule, each named in `problems`."""
        return self.read - self.kept

    @property
    def unread(self) -> bool:
        """Whether no record could be read at all, and the problems say why (a folder missing or
        too large)."""
        return not self.read and bool(self.problems)


def load(folder: Path) -> Dataset:
    """The dataset in `folder`; raises DataError listing every problem if any rule is broken."""
    dataset, problems = load_with_problems(folder)
    if problems:
        raise DataError(problems)
    return dataset


def load_with_problems(folder: Path) -> tuple[Dataset, list[Problem]]:
    """The valid records of `folder`, and every problem found, records skipped included."""
    loaded = load_partial(folder)
    return loaded.dataset, loaded.problems


def load_partial(folder: Path, label: str | None = None, required: bool = True) -> Loaded:
    """The records of `folder` that break no rule, every problem, and the count of records read.

    `label` names the folder in messages (default: its path); without `required`, every file
    may be missing, as when a few files are added beside other data. Memory running out (the
    size limits set too high for the machine) is one problem naming the folder.
    """
    try:
        return settle(read_folder(Path(folder), label, required))
    except MemoryError:
        pass  # made outside the handler, so that what was read can be freed first
    return Loaded(Dataset(Path(folder)), [limits.out_of_memory(label or str(folder))], 0)


def combine(first: Loaded, second: Loaded) -> Loaded:
    """The records of both, to be settled together: the first wins where both use an id. A
    record of the second that is an exact copy of one of the first's (an imported folder's
    copy of a shipped state or source) is that record, and is counted once."""
    merged, copies = Dataset(folder=first.dataset.folder), 0
    for name in merged.counts():
        known = {_same(item.record) for item in getattr(first.dataset, name)}
        new = [item for item in getattr(second.dataset, name) if _same(item.record) not in known]
        copies += len(getattr(second.dataset, name)) - len(new)
        setattr(merged, name, getattr(first.dataset, name) + new)
    merged.version = f"{first.dataset.version}+{second.dataset.version}"
    return Loaded(merged, first.problems + second.problems, first.read + second.read - copies)


def _same(record: BaseModel) -> str:
    """What makes two records the same record: every field's value."""
    return f"{type(record).__name__}:{record.model_dump_json()}"


def settle(loaded: Loaded) -> Loaded:
    """Check the rules across records, and leave out every record that breaks one (and then any
    record that relied on it) until none does; every problem is kept."""
    dataset, found = loaded.dataset, set(loaded.problems)
    with _collector_paused():
        while True:
            problems = checks.check_all(dataset)
            found.update(problems)
            broken = [p.about for p in problems if p.about and p.rule not in NOTICES]
            if not broken:
                break
            dataset = dataset.without(broken)
    return Loaded(dataset, sorted(found), loaded.read)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector: its passes over the growing record lists made loading
    grow faster than the data (34 -> 47 us/record from 10x to 100x); records form no cycles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_folder(folder: Path, label: str | None = None, required: bool = True) -> Loaded:
    """Every record of `folder` that is valid on its own, before the rules across records."""
    if not folder.is_dir():
        problem = Problem(label or str(folder), None, "missing-folder", "no such folder")
        return Loaded(Dataset(folder, version=UNREAD), [problem], 0)

    def shown(name: str) -> str:
        return f"{label}/{name}" if label else str(folder / name)

    files = {shown(name): folder / name for name in data_files(folder)}
    refused = limits.folder_refusals(label or str(folder), files)
    if refused:  # before a byte is read, for the fingerprint too
        return Loaded(Dataset(folder, version=UNREAD), refused, 0)
    problems: list[Problem] = []
    read_count = 0

    def read(name: str, model: type[BaseModel], columns: tuple[str, ...] = ()) -> list[Located]:
        nonlocal read_count
        if not required and not (folder / name).exists():
            return []
        path, where = folder / name, shown(name)
        if columns:
            optional = OPTIONAL_COLUMNS.get(name, 0)
            raws, found = read_csv(path, where, columns, RENAMED.get(name), optional)
        else:
            raws, found = read_yaml_list(path, where)
        problems.extend(found)
        read_count += len(raws) + sum(p.rule in _UNREADABLE_ROWS for p in found)
        return _validate(raws, model, problems)

    def read_optional(name: str, model: type[BaseModel], columns: tuple[str, ...] = ()):
        return read(name, model, columns) if (folder / name).exists() else []

    with _collector_paused():
        dataset = Dataset(
            folder=folder,
            sources=read("sources.yaml", Source),
            alliances=read("alliances.yaml", Alliance),
            countries=read("countries.csv", Country, country_columns()),
            memberships=read("memberships.csv", Membership, MEMBERSHIP_COLUMNS),
            statuses=read_optional("statuses.csv", StatusPeriod, STATUS_COLUMNS),
            disputes=read_optional("disputes.yaml", Dispute),
            codes=read_optional("state_codes.csv", StateCode, CODE_COLUMNS),
        )
        for path in sorted((folder / "events").glob("*.yaml")):
            dataset.events.extend(read(f"events/{path.name}", Event))
    dataset.version = _digest(folder)
    return Loaded(dataset, problems, read_count)


def data_files(folder: Path) -> list[str]:
    """The name of every data file in `folder` (`sources.yaml`, `events/nato.yaml`): what the
    size limits count and the fingerprint covers."""
    paths = [*folder.glob("*.yaml"), *folder.glob("*.csv"), *folder.glob("events/*.yaml")]
    return sorted(path.relative_to(folder).as_posix() for path in paths)


def _digest(folder: Path) -> str:
    """A short fingerprint of every data file, so a citation can name the data it saw."""
    digest = hashlib.sha256()
    for name in data_files(folder):
        digest.update(name.encode())
        try:
            digest.update((folder / name).read_bytes())  # sized by the limits before
        except OSError:
            continue  # the reader names the file it could not read
    return digest.hexdigest()[:12]


@cache
def _many(model: type[BaseModel]) -> TypeAdapter:
    return TypeAdapter(list[model])


def _validate(raws: list[RawRecord], model: type[BaseModel], problems: list[Problem]) -> list:
    """Valid records, located; problems for the others. A whole file at once is faster, and a
    file with a broken record is then validated record by record, to keep the valid ones."""
    try:
        records = _many(model).validate_python([raw.data for raw in raws])
        return [Located(r, raw.file, raw.line) for r, raw in zip(records, raws, strict=True)]
    except ValidationError:
        pass
    valid = []
    for raw in raws:
        try:
            valid.append(Located(model.model_validate(raw.data), raw.file, raw.line))
        except ValidationError as error:
            problems.extend(_problems_of(error, raw))
    return valid


def _problems_of(error: ValidationError, raw: RawRecord) -> list[Problem]:
    found = []
    for detail in error.errors(include_url=False):
        loc = tuple(
            part for i, part in enumerate(detail["loc"]) if not (i and _is_union_branch(part))
        )
        field = ".".join(str(part) for part in loc)
        rule = rule_of(detail["type"])
        message = detail["msg"].removeprefix("Value error, ")
        if detail["type"] == "extra_forbidden":
            message = "unknown field; see data/README.md for the allowed fields"
        text = f"{field}: {message}" if field else message
        found.append(Problem(raw.file, raw.line_of(loc), rule, text))
    return found


def rule_of(error_type: str) -> str:
    """The registered rule a pydantic error type is reported as."""
    if error_type in PYDANTIC_RULES:
        return PYDANTIC_RULES[error_type]
    if error_type in RULES:  # a custom error of schema.py
        return error_type
    if error_type.endswith(_WRONG_TYPE):
        return "wrong-type"
    return "invalid-value"


def _is_union_branch(part: Any) -> bool:
    """Pydantic names the branch of a union (`int`, `float`) after the field; drop it."""
    return isinstance(part, str) and part in {"int", "float", "date", "str", "function-before[]"}
