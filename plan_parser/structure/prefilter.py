"""The characters a compiled pattern's match can start with, read off the pattern itself, so a
loop can skip `pattern.match` on lines whose first character rules it out (`re` tries every
alternative of a large alternation at a line's start even when none can match there).

Touches only `re`'s own pattern parser; used by the outline loop (`outline.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

MAX_RANGE = 2000  # a character range wider than this is not expanded: no prefilter


@dataclass(frozen=True)
class FirstChars:
    """A match of the pattern can only start with one of `chars`, a decimal digit (`\\d`, which
    is `str.isdecimal`) when `digits`, or whitespace (`\\s`, `str.isspace`) when `spaces`."""

    chars: frozenset[str]
    digits: bool
    spaces: bool

    def may_start(self, s: str) -> bool:
        """Can a match start `s`? False only when none can (an empty `s` may match)."""
        if not s:
            return True
        c = s[0]
        return c in self.chars or (self.digits and c.isdecimal()) or (self.spaces and c.isspace())


def first_chars(pattern: re.Pattern[str]) -> FirstChars | None:
    """The first characters of any match of `pattern` at a string's start; None when the
    pattern is not of a shape read here (a back reference or `.` first, a negated class, case
    folding, a pattern that may match the empty string…): the caller then always runs it."""
    if pattern.flags & re.IGNORECASE or not pattern.flags & re.UNICODE:
        return None
    try:
        first = _First()
        nullable = first.sequence(list(sre_parse.parse(pattern.pattern, pattern.flags)))
    except (_Unknown, TypeError, ValueError, AttributeError):
        return None
    if nullable:
        return None
    return FirstChars(frozenset(first.chars), first.digits, first.spaces)


class _Unknown(Exception):
    """A pattern element the reading does not handle."""


class _First:
    """Collects the possible first characters; each method returns whether what it read may
    match the empty string (then what follows it may start the match too)."""

    def __init__(self) -> None:
        self.chars: set[str] = set()
        self.digits = False
        self.spaces = False

    def sequence(self, items: list[tuple[Any, Any]]) -> bool:
        return all(self.item(op, av) for op, av in items)  # stops at one that is not empty

    def item(self, op: Any, av: Any) -> bool:
        if op is sre.AT or op is sre.ASSERT or op is sre.ASSERT_NOT:
            return True  # zero width: `^`, `$`, lookarounds only narrow what follows
        if op is sre.LITERAL:
            self.chars.add(chr(av))
            return False
        if op is sre.IN:
            self.charset(av)
            return False
        if op is sre.SUBPATTERN:
            if av[1] & re.IGNORECASE:
                raise _Unknown
            return self.sequence(list(av[-1]))
        if op is sre.BRANCH:
            return any([self.sequence(list(branch)) for branch in av[1]])
        if op is sre.MAX_REPEAT or op is sre.MIN_REPEAT:
            return self.sequence(list(av[2])) or av[0] == 0
        raise _Unknown

    def charset(self, av: list[tuple[Any, Any]]) -> None:
        for op, arg in av:
            if op is sre.LITERAL:
                self.chars.add(chr(arg))
            elif op is sre.RANGE and arg[1] - arg[0] <= MAX_RANGE:
                self.chars.update(chr(c) for c in range(arg[0], arg[1] + 1))
            elif op is sre.CATEGORY and arg is sre.CATEGORY_DIGIT:
                self.digits = True
            elif op is sre.CATEGORY and arg is sre.CATEGORY_SPACE:
                self.spaces = True
            else:
                raise _Unknown
