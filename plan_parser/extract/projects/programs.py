"""Programs named in running text (and inside box entries): a name runs left from its suffix
(工程/计划/行动…), word by word as jieba cuts it, until a governing verb, a function word, a list
separator or a conjunction between two names."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from ...lang.places import PlaceFinder
from ...lang.segment import words_backward
from .lexicon import CLOSERS, LIST_BREAKS, MASK, OPENERS, Patterns
from .passages import ClauseAt, Passage, SpanIndex, unbracketed
from .registry import Context, Found, Span

if TYPE_CHECKING:
    pass


def running_programs(ctx: Context, p: Passage) -> list[Found]:
    """Distinctly named programs in a paragraph or heading, once per name and paragraph."""
    out: list[Found] = []
    seen: set[str] = set()
    for start, end in program_spans(ctx.pat, p.text, ctx.places, lambda: p.clause_at):
        if p.heading and ctx.pat.platform.search(p.text, start, end):
            continue  # 做强智慧健康养老软件系统平台: a field of work, not one platform
        name = p.original(ctx.doc, start, end)
        if name not in seen:
            seen.add(name)
            span = p.doc_span(start, end)
            out.append(Found("program", name, span, p.container, p.box, p.status))
    return out


def entry_inner_programs(
    ctx: Context, p: Passage, entry: Found, built: SpanIndex, named: SpanIndex
) -> list[Found]:
    """Programs named inside a box entry's text (`实施思政课教师队伍培养培训计划` in an entry of
    专栏3) are programs too, linked to the entry's program they sit in."""
    out: list[Found] = []
    for f in running_programs(ctx, p):
        if built.overlaps(f.span) or named.overlaps(f.span) or f.name == entry.name:
            continue
        f.program = entry
        out.append(f)
    return out


def program_spans(
    pat: Patterns,
    text: str,
    places: PlaceFinder | None = None,
    known: Callable[[], ClauseAt] | None = None,
) -> list[Span]:
    """Spans of the program names in a normalized text; `places` finds the divisions that scope
    a platform's name (山东算网平台); `known` gives the text's clauses when they are kept (a
    passage's `ClauseAt`, shared with the other finders)."""
    spans: list[Span] = []
    if not pat.suffix.search(text):
        return spans  # every name, 《…》 ones too, ends with a suffix
    pieces: list[str] = []
    pos = 0
    for s, e in book_titles(text):
        if pat.book_program.fullmatch(text, s, e):
            spans.append((s, e))  # 落实《健康中原行动(2020—2030年)》
        pieces += [text[pos:s], MASK * (e - s)]  # nothing inside 《…》 is read as running text
        pos = e
    plain = "".join([*pieces, text[pos:]]) if pieces else text
    clause_at: ClauseAt | None = None  # made once a suffix needs its clause
    # one scan for the suffixes of all clauses: none spans a separator, so each lies in one
    for m in pat.suffix.finditer(plain):
        if broken(pat, plain, m):
            continue
        if clause_at is None:
            clause_at = ClauseAt(unbracketed(plain)) if pieces or known is None else known()
        cs = clause_at(m.start())[0]
        span = program_name(pat, plain, cs, m, places)
        if span is not None:
            spans.append(span)
    # a name inside another one is part of it: …国家级培训计划(国培计划)
    return outermost(spans)


def outermost(spans: list[Span]) -> list[Span]:
    """The spans not inside another, different span, sorted (repeats kept). One sweep by start
    (longest first), not every span against every other."""
    out: list[Span] = []
    reach = -1  # the furthest end of a different span starting at or before this one
    previous: Span | None = None
    for span in sorted(spans, key=lambda sp: (sp[0], -sp[1])):
        if span == previous:
            if out and out[-1] == span:
                out.append(span)
            continue
        if previous is not None:
            reach = max(reach, previous[1])
        if span[1] > reach:
            out.append(span)
        previous = span
    return sorted(out)


_BOOK_TITLE = re.compile(r"《[^《》]{1,80}》")


def book_titles(text: str) -> list[Span]:
    """Interiors of 《…》."""
    return [(m.start() + 1, m.end() - 1) for m in _BOOK_TITLE.finditer(text)]


def broken(pat: Patterns, text: str, m: re.Match[str]) -> bool:
    """The suffix starts a longer word: 工程师, 工作室, 项目目录 (a breaker within the 4
    characters after it)."""
    return text.startswith(pat.breakers.get(m.group(), ()), m.end(), m.end() + 4)


def program_name(
    pat: Patterns, text: str, cs: int, m: re.Match[str], places: PlaceFinder | None = None
) -> Span | None:
    """The name ending with the suffix `m`, or None when the words before it name nothing."""
    if names_nothing(pat, text, cs, m):
        return None
    start = walk_left(pat, text, cs, m.start())
    if start is None:
        return None
    end = m.end()
    if m.group() in pat.lex.platform_suffixes:
        at = platform_start(pat, text, cs, start, m.start(), places)
        return None if at is None else (at, end)
    if text[start:end].count("“") > text[start:end].count("”") and text[end : end + 1] == "”":
        end += 1  # 中小学三科统编教材“铸魂工程”
    end = extended_end(pat, text, end)
    if not acceptable(pat, text, cs, start, end, m.group()):
        return None
    start = quoted_work(pat, text, start, end)
    if text[start] == "“" and closing_quote(text, start) == end - 1:
        start, end = start + 1, end - 1  # “习近平新时代…领航计划”: the name without its quotes
    return start, end


def extended_end(pat: Patterns, text: str, end: int) -> int:
    """A name's end past a plan period, a short name or a version right after it:
    …提升计划(2021—2025 年), …培训计划(国培计划), …工程2.0."""
    after = pat.year_range.match(text, end) or pat.alias.match(text, end)
    return after.end() if after else end


def names_nothing(pat: Patterns, text: str, cs: int, m: re.Match[str]) -> bool:
    """What `program_name` rejects whatever the words before the suffix: tests on the whole
    clause before it, which hold for any name that ends there (a name starts at or after the
    clause start), and so spare the walk left for most candidates that name nothing."""
    suffix = m.start()
    if m.group() in pat.lex.platform_suffixes:
        # platform_start: 跨平台, or no verb anywhere before it in its clause
        return (
            text[suffix - 1 : suffix] in pat.lex.platform_not_after
            or pat.platform_verb.search(text, cs, suffix) is None
        )
    if m.group() == "工作":
        return not work_named(pat, text, cs, m)
    return False


def work_named(pat: Patterns, text: str, cs: int, m: re.Match[str]) -> bool:
    """Whether some name ending with the 工作 at `m` could pass `acceptable`'s last test (a
    quoted term or a work head right before it): true unless the test fails on the whole
    clause before it, which then fails on every shorter end of it too. Cautious (true) when the
    name may run past another 工作 (in a short name after it) or end with a quoted-work word."""
    first = extended_end(pat, text, m.end())
    quoted = extended_end(pat, text, m.end() + 1) if text[m.end() : m.end() + 1] == "”" else first
    if "工作" in text[m.end() : max(first, quoted)]:
        return True
    end = m.start()  # the clause before it, read in place (no slice per candidate)
    if text.endswith(pat.words.quoted_work_ends, cs, end):
        return True
    return text.endswith("”", cs, end) or text.endswith(pat.words.work_heads, cs, end)


def platform_start(
    pat: Patterns, text: str, cs: int, start: int, suffix: int, places: PlaceFinder | None = None
) -> int | None:
    """Where a named platform ending at `suffix` starts (after the verbs and the count that open
    it), or None when nothing in its clause builds or uses it or its qualifier names nothing."""
    if text[suffix - 1 : suffix] in pat.lex.platform_not_after:
        return None  # 跨平台: an adjective
    pos = start
    while m := pat.platform_verb.match(text, pos) or platform_count(pat, text, pos):
        pos = m.end()
    if pos >= suffix or not pat.platform_verb.search(text, cs, pos):
        return None
    verbs = list(pat.platform_verb.finditer(text, cs, pos))
    before = text[verbs[-1].end() if verbs else cs : pos]
    if pat.words.quantifier_text.search(before):
        return None  # 建设一批…平台, 打造若干千亿级、万亿级的…交易平台: several, not one
    if MASK in text[pos:suffix] or "的" in text[pos:suffix] or suffix - pos > 40:
        return None
    name = text[pos:suffix]
    qualifier = name.replace("“", "").replace("”", "")
    if pat.words.platform_kind_text.search(qualifier):
        return None  # 人工智能领域…创新平台, 各类创新创业平台: a kind of platform
    while (m := pat.platform_ending.search(qualifier)) and m.start() > 0:
        qualifier = qualifier[: m.start()]
    if pat.platform_ending.fullmatch(qualifier):
        return None
    while (m := pat.platform_start.match(qualifier)) and m.end() < len(qualifier):
        qualifier = qualifier[m.end() :]
    if quoted_only(name, qualifier):
        return None  # “一带一路”学术交流平台: a platform for a policy, not one named
    scoped = name.startswith(pat.words.platform_scopes) or (
        places is not None and places.at(name, 0) is not None
    )
    least = pat.lex.platform_min_qualifier if scoped else pat.lex.platform_min_unscoped
    if len(qualifier) < least:
        return None
    quoted = _QUOTED_END.search(name)
    return pos + quoted.start() if quoted else pos  # 整体应用“互联网+教育”大平台: from the quote


_QUOTED_END = re.compile(r"“[^“”]+”[大新]?$")  # 整体应用“互联网+教育”大平台
_QUOTED_TERM = re.compile(r"“([^“”]*)”")


def quoted_only(name: str, qualifier: str) -> bool:
    """The qualifier left is just a quoted term of the name (“一带一路”)."""
    return any(q == qualifier for q in _QUOTED_TERM.findall(name))


def platform_count(pat: Patterns, text: str, pos: int) -> re.Match[str] | None:
    """`2—3个`, `5个以上`, `10个左右` opening a platform's name."""
    return pat.platform_count.match(text, pos)


def closing_quote(text: str, at: int) -> int:
    """Offset of the ” that closes the “ at `at`, or -1."""
    depth = 0
    for i in range(at, len(text)):
        if text[i] == "“":
            depth += 1
        elif text[i] == "”":
            depth -= 1
            if depth == 0:
                return i
    return -1


def walk_left(pat: Patterns, text: str, cs: int, pos: int) -> int | None:
    """Where the name ending at `pos` begins: word by word to the left until a governing verb
    (once the name has a core), a function word, a list separator, a conjunction that joins two
    names or closes a list, an unmatched ( or 《, or the clause start. None when the suffix
    stands alone (`…等项目`, `课程与项目`) or shares its modifiers (`小学、初中校舍维修项目`)."""
    left = text[cs:pos]
    start = pos
    depth = 0
    core = 0
    for word, s in words_backward(left, pat.stop_text):  # runs without one of them: whole
        if word in CLOSERS:
            depth += 1
        elif word in OPENERS:
            if depth > 0:
                depth -= 1
            elif word != "“":
                break  # the name sits inside (…): it starts after the bracket
        elif depth > 0:
            core += len(word)
        elif word in LIST_BREAKS:
            if word == "、" and shared_modifier(pat, left[:s]):
                return None
            break
        elif word in pat.conjunctions:
            if core == 0:
                return None
            before = left[:s]
            if ends_with_name(pat, before) or has_list(before):
                break
        elif word in pat.function_words:
            if core == 0:
                return None
            break
        elif word in pat.verbs and core >= 2:
            break
        else:
            core += len(word)
        start = cs + s
    if depth or core == 0:
        return None
    return strip_conjunction(pat, text, start, pos)


def strip_conjunction(pat: Patterns, text: str, start: int, pos: int) -> int:
    """A name never opens with a conjunction: `参与和发起国际大科学计划` names
    国际大科学计划 (the verb after 和 ends the name as a governing verb would)."""
    if not text.startswith(pat.words.conjunctions, start):
        return start  # most names: none opens it
    for word in pat.words.conjunctions:  # longest first
        if text.startswith(word, start) and start + len(word) < pos:
            return walk_left(pat, text, start + len(word), pos) or start
    return start


def ends_with_name(pat: Patterns, text: str) -> bool:
    stripped = text.rstrip("”")
    return stripped.endswith(pat.words.program_suffixes)


def has_list(text: str) -> bool:
    """A 、 outside brackets: `新工科、新文科建设和卓越人才培养计划` closes a list with 和."""
    depth = 0
    for ch in text:
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            depth = max(0, depth - 1)
        elif ch == "、" and depth == 0:
            return True
    return False


_ITEM_BREAK = re.compile(r"[、和与及等]")


def shared_modifier(pat: Patterns, before: str) -> bool:
    """The item before a 、 is a bare modifier (小学 in `小学、初中校舍维修项目`)."""
    item = _ITEM_BREAK.split(before)[-1]
    return 0 < len(item) <= 3 and not ends_with_name(pat, item)


def acceptable(pat: Patterns, text: str, cs: int, start: int, end: int, suffix: str) -> bool:
    """Reject what names no program: counts, categories, documents, generic words."""
    lex, words = pat.lex, pat.words
    name = text[start:end]
    unquoted = remove_quoted(name)
    if "的" in unquoted or MASK in name or len(name) > 45:
        return False
    before = text[cs:start]
    if pat.counts.search(unquoted) or pat.counts_at_end.search(before):
        return False  # 76个教育脱贫工程项目, 共实施19个项目
    if before.endswith(words.quantifiers) or words.quantifier_text.search(unquoted):
        return False  # 各项教育工程, 各类人才计划
    if before.endswith(words.predicates) or name.startswith(words.predicates):
        return False  # 制定教职工招聘计划, 制定本计划: a document
    core = name_core(name, suffix)
    if len(core) < 2 or core in words.generic_cores or core in pat.verbs:
        return False  # 基建项目, 做好项目(储备工作)
    short = len(core) < lex.min_core_chars and core not in words.short_names
    if short and "“" not in name:
        return False  # 切实行动, 具体项目, 经常项目: no specific name
    if unquoted.endswith(words.term_names):
        return False  # 人民币资本项目(可兑换): an account
    if pat.action.fullmatch(core):
        return False  # 新建项目, 续建工程: projects in general
    if core.endswith(words.core_endings):
        return False
    if suffix == "工作":
        bare = unquoted_work(pat, name[: name.rfind("工作")])
        return bare.endswith("”") or bare.endswith(words.work_heads)
    return True


def quoted_work(pat: Patterns, text: str, start: int, end: int) -> int:
    """`全面排查“双减”工作`: a 工作 named by a quoted term starts at the quote."""
    name = text[start:end]
    if not name.endswith("工作"):
        return start
    bare = unquoted_work(pat, name[:-2])
    if bare.endswith("”") and not bare.endswith(pat.words.work_heads):
        opening = bare.rfind("“")
        if opening > 0:
            return start + opening
    return start


def unquoted_work(pat: Patterns, bare: str) -> str:
    """A 工作's name without the word between its quoted name and 工作 (“…”专项)."""
    for w in pat.lex.quoted_work_words:
        if bare.endswith("”" + w):
            return bare[: -len(w)]
    return bare


_QUOTED = re.compile(r"“[^“”]*”")
_BRACKETED = re.compile(r"\([^()]*\)")


def remove_quoted(text: str) -> str:
    return _QUOTED.sub("", text)


def name_core(name: str, suffix: str) -> str:
    """The name without its suffix, quotes and parenthetical parts."""
    core = name[: name.rfind(suffix)] if suffix in name else name
    core = _BRACKETED.sub("", core)
    return core.replace("“", "").replace("”", "")
