"""A fast path for `json_yaml.dumps_yaml`: the same bytes as PyYAML's emitter, several times faster
(`make bench` measures it).

PyYAML's pure-Python emitter costs more than the whole parse of a plan (it walks a node graph and
an event stream for each of some 10,000 scalars). libyaml is faster but not an option: it escapes
characters outside the Basic Multilingual Plane (CJK Extension B, in some place names) where the
Python emitter does not, so output bytes would depend on how PyYAML was built.

This writes the block layout that `dumps_yaml`'s settings produce (two-space indent, sequences
level with their key, short number lists in flow style) directly, and asks PyYAML itself how each
string must be written (`analyze_scalar` and the implicit resolver): plain, single-quoted,
double-quoted or a literal block. Anything outside that (line breaks other than LF, literal blocks
that need indicators, lines long enough for PyYAML to fold, keys that are not plain words, types
other than JSON's) raises `Unsupported`, and the caller falls back to PyYAML.
tests/test_yaml_emit.py checks the bytes against PyYAML on real plans and on generated data.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml

STR_TAG = "tag:yaml.org,2002:str"
BREAKS = "\n\x85\u2028\u2029"
CHUNK = 4096  # pieces joined into one string at a time
MAX_LINE = 5_000  # escaped (≤ 10 characters each), still below dumps_yaml's width of 100,000
SHORT = 16  # strings up to this long are remembered with their scalar (`BlockEmitter.short`)
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_ODD_BREAK = re.compile(f"[{BREAKS[1:]}]")  # line breaks other than LF


# A sufficient condition for PyYAML's analyze_scalar to allow a plain block scalar, checked in C:
# printable (allow_unicode) characters, no leading indicator or space, no `: `, ` #` or `---`/`...`
# start, no trailing space or colon. Strings it does not match go through analyze_scalar.
_PRINTABLE = "\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010fffe"
_PLAIN_SAFE = re.compile(
    r"(?!---|\.\.\.)"  # document markers
    r"(?![ #,\[\]{}&*!|>'\"%@`?:\-])"  # leading indicators and space
    r"(?!.*: )(?!.* #)"  # a mapping value or a comment inside
    f"[{_PRINTABLE}]+"
    r"(?<![ :])\Z"  # trailing space or colon
)

# `_PLAIN_SAFE` without the line breaks U+2028 and U+2029 (the others are not printable): a
# string it matches is written plain by `BlockEmitter.string` when it reads back as a string.
_PLAIN_PRINTABLE = re.compile(
    _PLAIN_SAFE.pattern.replace(_PRINTABLE, _PRINTABLE.replace("\ud7ff", "\u2027\u202a-\ud7ff"))
)


class Unsupported(Exception):
    """The data needs a form this fast path does not write: use PyYAML."""


class BlockEmitter:
    """Emit JSON-like data as PyYAML's block style with `dumper`'s scalar rules."""

    def __init__(self, dumper: yaml.SafeDumper, is_flow: Callable[[list[Any]], bool]) -> None:
        self.dumper = dumper
        self.is_flow = is_flow
        self.out: list[str] = []  # pieces, joined into `chunks` as they pile up (`settle`)
        self.chunks: list[str] = []
        self.keys: dict[Any, str] = {}  # the same few field names, checked once
        self.heads: dict[tuple[int, tuple[Any, ...]], list[str]] = {}  # (indent, keys): `  key:`
        self.short: dict[str, str] = {}  # short strings (kind, unit, comparator …): their scalar
        # first characters with an implicit resolver (null, bool, int, float …): a plain string
        # starting with any other reads back as a string without asking the resolver
        resolvers = dumper.yaml_implicit_resolvers
        self.resolver_starts = None if None in resolvers else frozenset(resolvers)

    def dump(self, data: Any) -> str:
        if not isinstance(data, dict) or not data:
            raise Unsupported("the root is not a non-empty mapping")
        self.out, self.chunks = [], []
        self.mapping(data, 0, None)
        self.chunks.append("".join(self.out))
        self.out.clear()
        return "".join(self.chunks)

    def settle(self) -> None:
        """Join the pieces written so far into one chunk: a plan's YAML is some 10,000 short
        strings per 50,000 input characters, and their object headers alone would outweigh
        the text (12 bytes per input character at the peak of `build_record`)."""
        if len(self.out) >= CHUNK:
            self.chunks.append("".join(self.out))
            self.out.clear()

    # --- structure ------------------------------------------------------------------------------

    def mapping(self, data: dict[Any, Any], indent: int, lead: str | None) -> None:
        """A block mapping at column `indent`; `lead` ("- " at its column) starts the first line."""
        keys = tuple(data)
        heads = self.heads.get((indent, keys))
        if heads is None:  # the records of a list share their keys: their heads are made once
            pad = " " * indent
            heads = self.heads[indent, keys] = [pad + self.key(k) + ":" for k in keys]
        short, out = self.short, self.out
        items = zip(heads, data.values(), strict=True)
        if lead is not None:  # `- key:` on the first line
            _, value = next(items)
            self.entry(lead + self.key(keys[0]) + ":", value, indent)
        for head, value in items:  # the common types first, by exact type
            kind = type(value)
            if kind is str:
                out.append(head + " " + (short.get(value) or self.scalar(value, indent + 2)))
            elif kind is int:
                out.append(f"{head} {value}\n")
            elif value is None:
                out.append(head + " null\n")
            elif kind is list and len(value) == 2 and type(value[0]) is type(value[1]) is int:
                out.append(f"{head} [{value[0]}, {value[1]}]\n")  # a span (`flow`)
            elif isinstance(value, dict | list):
                self.entry(head, value, indent)
            else:
                out.append(head + " " + (short.get(value) or self.scalar(value, indent + 2)))

    def entry(self, head: str, value: Any, indent: int) -> None:
        if isinstance(value, dict):
            if not value:
                self.out.append(head + " {}\n")
            else:
                self.out.append(head + "\n")
                self.mapping(value, indent + 2, None)
        elif isinstance(value, list):
            if not value:
                self.out.append(head + " []\n")
            elif self.is_flow(value):
                self.out.append(head + " " + self.flow(value) + "\n")
            else:
                self.out.append(head + "\n")
                self.sequence(value, indent)  # level with its key
        else:
            self.out.append(head + " " + self.scalar(value, indent + 2))

    def sequence(self, items: list[Any], indent: int, first: str | None = None) -> None:
        """A block sequence whose `- ` stand at column `indent`; `first` (what stands before the
        column on the first line: the outer `- ` of a sequence in a sequence) starts it."""
        for i, item in enumerate(items):
            lead = (first if i == 0 and first is not None else " " * indent) + "- "
            if isinstance(item, dict) and item:
                self.mapping(item, indent + 2, lead)
            elif isinstance(item, dict):
                self.out.append(lead + "{}\n")
            elif isinstance(item, list) and not item:
                self.out.append(lead + "[]\n")
            elif isinstance(item, list) and self.is_flow(item):
                self.out.append(lead + self.flow(item) + "\n")
            elif isinstance(item, list):  # `- - …`: the inner sequence two columns in
                self.sequence(item, indent + 2, lead)
            else:
                self.out.append(lead + self.scalar(item, indent + 2))
            self.settle()

    def flow(self, items: list[Any]) -> str:
        if len(items) == 2 and type(items[0]) is int and type(items[1]) is int:
            return f"[{items[0]}, {items[1]}]"  # a span
        return "[" + ", ".join(self.plain_scalar(x) for x in items) + "]"

    # --- scalars --------------------------------------------------------------------------------

    def key(self, key: Any) -> str:
        checked = self.keys.get(key)
        if checked is None:
            if not isinstance(key, str) or not _KEY.match(key) or not self.resolves_to_str(key):
                raise Unsupported(f"key {key!r}")
            checked = self.keys[key] = key
        return checked

    def plain_scalar(self, value: Any) -> str:
        """null, booleans and numbers: as PyYAML's SafeRepresenter writes them, always plain."""
        if value is None:
            return "null"
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int):
            return str(value)  # always reads back as an int: [-+]?(0|[1-9][0-9_]*)
        if not isinstance(value, float):
            raise Unsupported(f"a {type(value).__name__} value")
        text = float_text(value)
        if self.resolve(text) != "tag:yaml.org,2002:float":
            raise Unsupported(f"{text} would not read back as a float")
        return text

    def scalar(self, value: Any, indent: int) -> str:
        """A scalar after `key: ` or `- `, with its line end; `indent` is a literal's column."""
        if not isinstance(value, str):
            return self.plain_scalar(value) + "\n"
        if len(value) <= SHORT and "\n" not in value:  # kept: the same few recur (kind, unit …)
            text = self.short[value] = self.string(value, indent)
            return text
        return self.string(value, indent)

    def string(self, value: str, indent: int) -> str:
        if (
            _PLAIN_PRINTABLE.match(value)  # no line break of any kind
            and len(value) <= MAX_LINE
            and (
                (self.resolver_starts is not None and value[0] not in self.resolver_starts)
                or self.resolves_to_str(value)
            )
        ):
            return value + "\n"  # what the checks below give such a string, in one match
        if len(value) > MAX_LINE or _ODD_BREAK.search(value):
            raise Unsupported("a very long string or an unusual line break")
        if _PLAIN_SAFE.match(value) and (
            (self.resolver_starts is not None and value[0] not in self.resolver_starts)
            or self.resolves_to_str(value)
        ):
            return value + "\n"
        analysis = self.dumper.analyze_scalar(value)
        if "\n" in value:  # dumps_yaml asks for a literal block
            if not analysis.allow_block:
                return double_quoted(value) + "\n"
            return self.literal(value, indent)
        if self.resolves_to_str(value) and analysis.allow_block_plain:
            return value + "\n"
        if analysis.allow_single_quoted:
            return "'" + value.replace("'", "''") + "'\n"
        return double_quoted(value) + "\n"

    def literal(self, value: str, indent: int) -> str:
        """Emitter.write_literal with determine_block_hints; LF is the only line break here."""
        hints = "2" if value[0] in " \n" else ""  # indentation indicator: the best indent
        if not value.endswith("\n"):
            hints, body = hints + "-", value
        elif len(value) == 1 or value[-2] == "\n":
            raise Unsupported("a literal block keeping its trailing line breaks (|+)")
        else:
            body = value[:-1]
        pad = " " * indent
        lines = [pad + line if line else "" for line in body.split("\n")]
        return "|" + hints + "\n" + "\n".join(lines) + "\n"

    def resolves_to_str(self, text: str) -> bool:
        return self.resolve(text) == STR_TAG

    def resolve(self, text: str) -> str:
        """The tag a plain scalar `text` reads back as."""
        tag: str = self.dumper.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
        return tag


# what Emitter.write_double_quoted escapes (allow_unicode=True), and how
_ESCAPED = re.compile('["\\\\\x85\u2028\u2029\ufeff]|[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd]')
_ESCAPES = yaml.emitter.Emitter.ESCAPE_REPLACEMENTS


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _ESCAPES:
        return "\\" + _ESCAPES[ch]
    if ch <= "\xff":
        return f"\\x{ord(ch):02X}"
    if ch <= "\uffff":
        return f"\\u{ord(ch):04X}"
    return f"\\U{ord(ch):08X}"


def double_quoted(text: str) -> str:
    """Emitter.write_double_quoted, for lines too short to fold."""
    return '"' + _ESCAPED.sub(_escape, text) + '"'


def float_text(value: float) -> str:
    """SafeRepresenter.represent_float."""
    if value != value:
        return ".nan"
    if value == float("inf"):
        return ".inf"
    if value == float("-inf"):
        return "-.inf"
    text = repr(value).lower()
    if "." not in text and "e" in text:
        text = text.replace("e", ".0e", 1)
    return text
