"""Regex alternations of words and word patterns, written so that `re` finds them fast. Touches
nothing but `re`: the lexicons (projects, places) build their patterns with it.

`re` tries the alternatives of `a|b|…` one after another at every position where some of them can
start. With some hundred alternatives (place names, facility words) that is most of a search's
time; grouped by their first character (`学(?:校|院)|中学|…`) it tries one branch instead.
"""

from __future__ import annotations

import re

# what may not open an alternative grouped by its first character, or follow that character
_NOT_LITERAL = frozenset(".^$*+?{}[]\\|()")
_QUANTIFIERS = ("*", "+", "?", "{")


def by_first_character(alternatives: list[str]) -> str:
    """`a|b|…` of regex alternatives, tried in the given order, with those that open with the same
    literal character under one branch: the same matches, since an alternative can only match
    where its first character stands and those that share it keep their order. Joined as they
    are when one of them does not open with a literal character (its order among the others
    could then matter)."""
    groups: dict[str, list[str]] = {}
    for a in alternatives:
        if not a or a[0] in _NOT_LITERAL or a[1:2] in _QUANTIFIERS or "|" in a:
            return "|".join(alternatives)
        groups.setdefault(a[0], []).append(a[1:])
    return "|".join(
        c + (rests[0] if len(rests) == 1 else "(?:" + "|".join(rests) + ")")
        for c, rests in groups.items()
    )


def literal_alternation(words: list[str]) -> str:
    """`by_first_character` of literal words (escaped), in the given order."""
    return by_first_character([re.escape(w) for w in words])
