"""A problem found in the data, the rules it can name, and the error that carries problems."""

from dataclasses import dataclass, field
from typing import Any

# Every rule a problem can name, with what it means; data/README.md lists the same rules.
RULES: dict[str, str] = {
    # Reading a file (readers.py, loader.py)
    "missing-folder": "the data folder does not exist",
    "missing-file": "a required file is missing",
    "unreadable": "the file cannot be read, e.g. for lack of permission",
    "encoding": "the file is not UTF-8 text",
    "empty-file": "the file is empty",
    "yaml-syntax": "the file is not valid YAML, or uses a tag such as !!python/",
    "too-deep": "the YAML is nested far deeper than any record needs",
    "yaml-alias": "the YAML uses anchors or aliases (& and *), which are not allowed",
    "duplicate-key": "a key appears twice in one YAML mapping",
    "not-a-list": "the YAML file is not a list of records",
    "not-a-mapping": "an item of the YAML list is not a mapping of fields",
    "csv-syntax": "the CSV cannot be parsed, e.g. a quote is never closed",
    "csv-header": "the CSV header is not exactly the expected columns",
    "csv-width": "a CSV row has more or fewer cells than the header",
    # Sizes, checked before a byte is read (limits.py); the limits are raised by variables
    "file-too-large": "a file is larger than the limit per file (ALLIANCE_ATLAS_MAX_FILE_MB)",
    "folder-too-large": "a data folder's files together are larger than the limit per folder "
    "(ALLIANCE_ATLAS_MAX_FOLDER_MB)",
    "limit-setting": "a size limit's environment variable is not a positive number of megabytes",
    "out-of-memory": "memory ran out while the data were read: the size limits are too high",
    # Uploading files (upload.py)
    "not-a-data-file": "an uploaded file is not one of the data files",
    "duplicate-file": "the same data file was uploaded twice",
    "bad-zip": "a zip archive, or an entry in it, cannot be read",
    "unsafe-zip-entry": "a zip entry has an absolute path, climbs out of its folder, or is a link",
    "too-many-files": "the upload holds more files than allowed",
    "too-large": "the upload, unpacked, is larger than allowed",
    "too-many-records": "the upload holds more records than allowed",
    # One record (schema.py, through loader.py)
    "missing-field": "a required field is missing",
    "unknown-field": "a field the format does not have, e.g. a misspelt name",
    "wrong-type": "a value of the wrong kind, e.g. text where a list or a number belongs",
    "not-allowed": "a value that is not one of the allowed choices",
    "bad-format": "a value not written in the required form, e.g. an id with capitals",
    "empty-value": "a text that is empty",
    "too-long": "a value longer than allowed, e.g. a source id of more than 80 characters",
    "too-few": "a list with fewer items than required, e.g. no source",
    "invalid-value": "a value that cannot be accepted, e.g. a date that does not exist",
    "dates-order": "a date comes before the date it must follow, e.g. left before joined",
    "unknown-language": "a text in a language the atlas does not speak",
    "translation-missing": "a text lacks one of the atlas's languages",
    "outcome-not-request": "an event that is not a request has an outcome",
    "historical-end": "a historical state has no exists_until date",
    "defence-clause-missing": "an alliance of type defence_pact has no defence_clause",
    "dispute-shown": "a dispute shows a value that is not among its values, or not the record's",
    # Across records (checks.py)
    "duplicate-id": "an id, a source URL, a membership or a dispute appears twice",
    "unknown-source": "a record cites a source that is not in sources.yaml",
    "unused-source": "a source that no record cites",
    "unknown-alliance": "an alliance id that is not in alliances.yaml",
    "alliance-link": "a successor alliance does not name this one as its predecessor",
    "unknown-country": "a country code that is not in countries.csv",
    "unknown-record": "a dispute names a record that does not exist",
    "event-file": "an event is in the file of another alliance",
    "overlap": "two membership episodes of one state in one alliance overlap",
    "outside-lifetime": "a membership starts before its alliance, or outlasts it",
    "status-outside-membership": "a status period falls outside every membership of that state",
    "code-outside-lifetime": "a state's numbers (state_codes.csv) outlast the state, or start before it",
    "ambiguous-code": "a state number stands for two states on one day, or a state has two at once",
    "unknown-code": "an imported row's state number stands for no state of the atlas on its dates",
}

# Problems that leave the record usable; every other problem leaves out what it names.
NOTICES = frozenset({"unused-source"})


@dataclass(frozen=True, order=True)
class Problem:
    """One broken rule at one place in one file."""

    file: str  # path of the file as the user gave it, e.g. "data/memberships.csv"
    line: int | None  # 1-based line of the offending record or field; None for a whole file
    rule: str  # a name from RULES, e.g. "unknown-source"
    message: str  # what is wrong, in plain words
    # The record read at that place, when a rule across records names one; not compared.
    about: Any = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        # An unregistered name is a bug in the code, not in the data: refuse it loudly, so the
        # test that produces the rule fails before the name reaches a user undocumented.
        if self.rule not in RULES:
            raise ValueError(f"{self.rule!r} is not a rule of alliance_atlas.problems.RULES")

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.rule}: {self.message}"


class DataError(Exception):
    """Raised when a data folder breaks one or more rules; holds every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
