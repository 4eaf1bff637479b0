"""Works named without a works word of their own: names a category closes (`上海光源等一批大科学
设施建成`) and linear works named by a water body and a length (`黄浦江 45 公里公共空间岸线贯通
开放`). Both shapes report finished works in a review as often as new ones in a plan."""

from __future__ import annotations

from .construction import construction_at, lead_length, named_place
from .lexicon import Patterns
from .passages import Passage, clauses
from .registry import Context, Found

Named = tuple[int, int, str]  # start, end, facility


def listed_works(ctx: Context, p: Passage, program: Found | None) -> list[Found]:
    """The construction projects of a passage in these two shapes, action 建设."""
    out: list[Found] = []
    if not ctx.pat.category.search(p.text) and "公里" not in p.text:
        return out  # no 等…设施 category and no length: no clause holds either shape
    for cs, ce in clauses(p.text):
        named = category_names(ctx.pat, p.text, cs, ce) + linear_names(ctx.pat, p.text, cs, ce)
        for start, end, facility in named:
            division = named_place(ctx, p.text[start:end]) or ctx.stated
            out.append(construction_at(ctx, p, (start, end), "建设", facility, division, program))
    return out


def category_names(pat: Patterns, text: str, cs: int, ce: int) -> list[Named]:
    """`A、B等一批大科学设施建成`, `建成A、B等重大科技基础设施`: each name before 等, when a verb
    of completion closes the category or opens the clause."""
    m = pat.category.search(text, cs, ce)
    if m is None:
        return []
    opened = pat.category_verb.match(text, cs)
    if opened is None and pat.category_verb.match(text, m.end()) is None:
        return []
    pos = opened.end() if opened else cs + lead_length(pat, text[cs : m.start()])
    out: list[Named] = []
    for item in text[pos : m.start()].split("、"):
        name = item.strip()
        if 2 <= len(name) <= 20 and not pat.counts.search(name) and "的" not in name:
            s = pos + item.index(name)
            out.append((s, s + len(name), pat.category_facility[m.group("category")]))
        pos += len(item) + 1
    return out


def linear_names(pat: Patterns, text: str, cs: int, ce: int) -> list[Named]:
    """`黄浦江 45 公里公共空间岸线贯通开放`: a water body, a length, a linear works word and a
    verb that opens or finishes it, in one clause."""
    m = pat.linear.match(text, cs + lead_length(pat, text[cs:ce]))
    if m is None or m.end() > ce:
        return []
    return [(m.start("name"), m.end("name"), pat.linear_facility[m.group("kind")])]
