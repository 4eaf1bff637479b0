"""Box entries: every entry of a paragraph-style box is a program (a box of numbered fields is
one, named by its title), and the district lists under an entry are its construction projects."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...lang.places import Division, clean_name
from ...models import Box, BoxEntry, EntryGroup
from ...read.normalize import Document
from ...structure.markers import LABELLED_LIST
from ...structure.outline import split_list
from .construction import facility_of, opening_action, own_action, place_in_name
from .passages import review_status
from .registry import Context, Found, Span, Status

if TYPE_CHECKING:
    from ...structure.analysis import ParsedText


def box_records(ctx: Context, parsed: ParsedText) -> tuple[list[Found], list[Span]]:
    """The programs of the boxes and the construction projects of their district lists, with
    the spans of those lists (read here, not again as running text)."""
    found: list[Found] = []
    listed: list[Span] = []
    for box in parsed.outline.boxes:
        status = review_status(parsed, box.parent_id, ctx.pat)
        if box.entries and all(numbered_entry(ctx.doc, e) for e in box.entries):
            found.append(box_program(box, status))
            continue
        for entry in box.entries:
            program = entry_program(box, entry, status)
            found.append(program)
            for group in entry.groups:
                found += group_constructions(ctx, group, program)
                listed.append(group.span)
    return found, listed


def numbered_entry(doc: Document, entry: BoxEntry) -> bool:
    """`01 关键核心技术`: an entry numbered like a table row names a field of its box's program."""
    line = doc.line(entry.line)
    return re.fullmatch(r"\d{2}[ ]+", doc.norm[line.content_start : entry.name_span[0]]) is not None


def box_program(box: Box, status: Status) -> Found:
    """A box of numbered fields (`专栏 1 智能制造技术攻关行动` / `01 关键核心技术` / …) is one
    program, named by its title; its fields are not programs of their own."""
    return Found("program", box.title, box.span, box.id, box.number, status, box_entry=True)


def entry_program(box: Box, entry: BoxEntry, status: Status) -> Found:
    """Every entry of a paragraph-style box is a program, named as the entry is."""
    return Found(
        "program", entry.name, entry.name_span, entry.id, box.number, status, box_entry=True
    )


def group_constructions(ctx: Context, group: EntryGroup, program: Found) -> list[Found]:
    """`文峰区:新建二道街幼儿园(东区园)项目、新建明德小学二期工程、…`: each item is a project of
    the labelled district; an item without a verb takes the one that opens an item before it
    (`新建北关区第二实验幼儿园、北关区第三实验幼儿园项目`)."""
    doc, pat = ctx.doc, ctx.pat
    start, end = group.span
    m = LABELLED_LIST.match(doc.norm[start:end])
    if m is None:
        return []
    labelled = label_district(ctx, group.label)
    i0 = start + m.start("items")
    out: list[Found] = []
    carried: str | None = None
    for s, e in split_list(doc.norm[i0:end]):
        name = doc.norm[i0 + s : i0 + e]
        carried = opening_action(pat, name) or carried
        action = own_action(pat, name, in_list=True) or carried
        facility = facility_of(pat, name)
        if facility is None and action is None:
            continue
        division = labelled or place_in_name(ctx, name)
        out.append(
            Found(
                "construction",
                doc.text[i0 + s : i0 + e],
                (i0 + s, i0 + e),
                program.container,
                program.box,
                program.status,
                action=action,
                facility=facility,
                district=division.name if division else None,
                division=division,
                program=program,
            )
        )
    return out


def label_district(ctx: Context, label: str) -> Division | None:
    """The division a list label names: `滑 县` is 滑县, `市本级` the plan's own city; None for
    a label that is no division (the items then say where they are)."""
    name = clean_name(label)
    if name in ctx.pat.lex.own_level_labels:
        return ctx.jurisdiction
    match = ctx.places.at(name, 0)
    return match.division if match is not None and match.end == len(name) else None
