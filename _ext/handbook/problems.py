"""One way to describe bad input, shared by the Sphinx build and ``make check``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sphinx.util import logging

logger = logging.getLogger(__name__)

#: The warning type every handbook warning carries (``suppress_warnings`` key).
WARNING_TYPE = "handbook"


@dataclass(frozen=True, order=True)
class Problem:
    """A problem found in a source file: where it is, what is wrong, how to fix it."""

    path: str  # relative to the source directory, with forward slashes
    line: int  # 1-based; 0 when the problem is about the whole file
    subtype: str  # the warning subtype, e.g. "frontmatter", "topic", "cite"
    message: str
    fix: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message} — {self.fix}"


def warn(rule: tuple[str, str, str], location: Any) -> None:
    """Report a rule (``rules.py``) as a build warning of type ``handbook`` at ``location``."""
    subtype, message, fix = rule
    logger.warning(f"{message} — {fix}", type=WARNING_TYPE, subtype=subtype, location=location)
