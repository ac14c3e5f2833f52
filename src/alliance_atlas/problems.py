"""A problem found in the data, named by file, line and rule, and the error that carries them."""

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, order=True)
class Problem:
    """One broken rule at one place in one file."""

    file: str  # path of the file as the user gave it, e.g. "data/memberships.csv"
    line: int | None  # 1-based line of the offending record or field; None for a whole file
    rule: str  # short stable rule name, e.g. "unknown-source"
    message: str  # what is wrong, in plain words
    # The record read at that place, when a rule across records names one; not compared.
    about: Any = field(default=None, compare=False, repr=False)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.rule}: {self.message}"


class DataError(Exception):
    """Raised when a data folder breaks one or more rules; holds every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
