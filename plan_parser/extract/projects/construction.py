"""Construction projects in lists and running text: the items of a list under a governing
action (新建/改扩建…), each with its action, facility, district and adcode."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...lang.places import LEVEL_RANK, Division, gazetteer
from ...lang.segment import words_backward
from ...structure.outline import split_list
from .lexicon import Patterns
from .passages import Passage
from .registry import Context, Found, Span

if TYPE_CHECKING:
    pass


def list_constructions(ctx: Context, p: Passage, program: Found | None) -> list[Found]:
    """Construction projects in the lists of a paragraph: `完成了A、B、C等基建项目`,
    `新建林州建筑职业技术学院`, a box entry's `建设完成A项目、新建B项目、…`.

    Outside a district list an item counts only with a proper name: after words such as
    确保/推动/支持 it starts with a division name or 市/县, names a school, campus or building,
    and has an action of its own, of an item before it, or of the list
    (`建成A、B`, `A、B等建设项目`).
    """
    out: list[Found] = []
    pat, text = ctx.pat, p.text
    # where facilities are named: no head spans a clause separator, so each lies in one clause
    last: Span = (0, 0)
    for head in pat.facility_head.finditer(text):
        if last[0] <= head.start() < last[1]:
            continue  # a clause already read
        last = cs, ce = p.clause_at(head.start())
        if not may_name_works(ctx, text, cs, ce):
            continue
        clause = text[cs:ce]
        items = split_list(clause)
        shared = shared_actions(ctx.pat, clause, items)
        carried: str | None = None
        for k, (s, e) in enumerate(items):
            item = list_item(ctx, p, cs + s, cs + e, carried or shared.get(k), program)
            if item is not None:
                found, opening = item
                out.append(found)
                carried = opening or carried
    return out


def may_name_works(ctx: Context, text: str, cs: int, ce: int) -> bool:
    """Whether an item of the clause text[cs:ce] can be a project: `list_item` takes one only
    with a works word in it (`works_span`) or a division's name or the plan's own 市/县 at its
    start (`named_at`), all of them inside the clause; a clause with none of them anywhere
    (most clauses that name a school) is not split into items at all."""
    pat = ctx.pat
    return (
        pat.works_word.search(text, cs, ce) is not None
        or pat.own_prefix.search(text, cs, ce) is not None
        or ctx.places.starts_within(text, cs, ce)
    )


def shared_actions(pat: Patterns, clause: str, items: list[Span]) -> dict[int, str]:
    """Actions a list gives its items: `建成A、B` (all), `A、B等建设项目` (those up to 等)."""
    shared: dict[int, str] = {}
    if items:
        head = clause[items[0][0] :]
        if pat.completion.search(head[: lead_length(pat, head)]):
            shared = dict.fromkeys(range(len(items)), "建设")
    for k, (s, e) in enumerate(items):
        m = pat.tail.search(clause, s, e)
        if m:
            act = pat.action.search(m.group("act"))
            action = pat.action_of[act.group()].action if act else "建设"
            for j in range(k + 1):
                shared.setdefault(j, action)
            return shared
    if items:
        closing = closing_action(pat, clause[items[-1][0] : items[-1][1]])
        if closing:
            shared.update(dict.fromkeys(range(len(items)), closing))
    return shared


def closing_action(pat: Patterns, item: str) -> str | None:
    """The action that ends a list's last item and so applies to the whole list
    (`郑州大学新校区、河南大学郑州校区建设`)."""
    last = None
    for m in pat.action.finditer(item):
        last = m
    if last is None or item[last.end() :] not in ("", "项目", "工程"):
        return None
    action = pat.action_of[last.group()]
    if action.weak and not ends_with_head(pat, item[: last.start()]):
        return None
    return action.action


def lead_length(pat: Patterns, text: str) -> int:
    """Length of the words before a name in a list item (确保, 推动, 支持, 完成了 …)."""
    pos = 0
    while m := pat.lead.match(text, pos):
        pos = m.end()
    return pos


def list_item(
    ctx: Context, p: Passage, start: int, end: int, given: str | None, program: Found | None
) -> tuple[Found, str | None] | None:
    """One list item as a construction project (with the action that opens it, which the items
    after it inherit), or None if it names none."""
    pat, text = ctx.pat, p.text
    tail = pat.tail.search(text, start, end)
    if tail:
        end = tail.start()
    leads = lead_length(pat, text[start:end])
    upgrade = pat.upgrade.search(text, start, start + leads) is not None
    start += leads
    prefix = pat.strong_prefix.match(text, start)
    pos = prefix.end() if prefix else start
    works = works_span(ctx, text, pos, end, opened=prefix is not None or given is not None)
    where: Division | None = None
    if works is None and upgrade and named_at(ctx, text, pos):
        works = works_span(ctx, text, pos, end, opened=True)  # 支持市南元宇宙产业创新园、…等载体
        if works is not None:
            given = given or "提升"
    if works is not None:
        pos, end, opened, where = works
        start = pos
        if opened or text.startswith("建设", end):
            given = given or "建设"  # 打造…产业基地, …大数据中心项目建设
    elif not named_at(ctx, text, pos):
        return None
    head = pat.facility_head.search(text, pos, end)
    if head is None or has_governing_verb(pat, text[pos : head.end()]):
        return None
    end = name_end(text, start, end)
    name = text[start:end]
    action = own_action(pat, name, in_list=False) or given
    if action is None and works is not None and pat.phase.search(name):
        action = "建设"  # 白龙港污水厂三期工程
    if action is None:
        return None
    division = named_place(ctx, name) or where or sentence_place(ctx, text, start)
    if works is None or division is None:
        division = place_in_name(ctx, name)
    facility = works_facility(pat, name) or facility_of(pat, name)
    found = construction_at(ctx, p, (start, end), action, facility, division, program)
    opening = pat.action_of[prefix.group()].action if prefix else None
    return found, opening or ("提升" if upgrade and works is not None and given == "提升" else None)


def construction_at(
    ctx: Context,
    p: Passage,
    span: Span,
    action: str,
    facility: str | None,
    division: Division | None,
    program: Found | None,
) -> Found:
    """The construction project named at p.text[span] (a passage offset pair), in the place
    `division` names."""
    start, end = span
    return Found(
        "construction",
        p.original(ctx.doc, start, end),
        p.doc_span(start, end),
        p.container,
        p.box,
        p.status,
        action=action,
        facility=facility,
        district=division.name if division else None,
        division=division,
        program=program,
    )


def named_at(ctx: Context, text: str, pos: int) -> bool:
    """A division's name (林州, 市南) or the plan's own 市/县 opens the text at `pos`."""
    return ctx.places.at(text, pos) is not None or ctx.pat.own_prefix.match(text, pos) is not None


def works_span(
    ctx: Context, text: str, pos: int, end: int, *, opened: bool
) -> tuple[int, int, bool, Division | None] | None:
    """A works name in the item text[pos:end]: (start, end, whether a verb opens it, the
    division its subject names), or None. A works lead may follow a subject
    (`青岛蓝谷打造海洋大模型和智能超算产业基地`); the name starts after the lead, after the last
    的 (`建设国内领先的海洋高性能混合算力平台`) and after a shared 等 (`…、崇明等郊区污水厂扩建
    工程`); it must have a qualifier of its own and no count before it (`一批…产业基地`)."""
    pat = ctx.pat
    word = pat.works_word.search(text, pos, end)
    if word is None:
        return None
    where = None
    lead = None
    for m in pat.works_lead.finditer(text, pos, word.start()):
        lead = m
    if lead is not None:
        subject = text[pos : lead.start()]
        if len(subject) > 12 or has_governing_verb(pat, subject):
            return None
        if subject:
            where = named_place(ctx, subject)
        pos, opened = lead.end(), True
    stop = works_name(pat, text, pos, end, opened=opened)
    if stop is None:
        return None
    word = pat.works_word.search(text, pos, stop)
    cut = word.start() if word else stop
    pos = max(pos, text.rfind("的", pos, cut) + 1, text.rfind("等", pos, cut) + 1)
    if pat.counts.match(text, pos) or text.startswith(quantifiers(pat), pos):
        return None  # 一批区域性信用服务产业基地: a count, not a project
    if word is None or not has_qualifier(pat, text[pos : word.start()]):
        return None  # 建设大数据中心, 打造特色产业园: a kind of works, not one
    return pos, stop, opened, where


def has_qualifier(pat: Patterns, qualifier: str) -> bool:
    """A works name's qualifier says which one it is: at least two characters beyond generic
    words (特色, 重点, 区域性 …)."""
    return len(pat.generic_qualifier.sub("", qualifier)) >= 2


def sentence_place(ctx: Context, text: str, start: int) -> Division | None:
    """The division a sentence's subject names, for a works name that names none itself: one
    place right after a word that introduces an actor (支持, 推动 …) at the sentence start:
    `支持青岛西海岸新区依托软件园等产业载体,打造算法模型产业基地` -> 黄岛区 (not a list of
    places: `完成浦东南片、嘉定、…等郊区污水厂扩建工程`)."""
    pat = ctx.pat
    s0 = max(text.rfind(c, 0, start) for c in "。;") + 1
    actor = pat.actor.match(text, s0)
    if actor is None:
        return None
    m = ctx.places.at(text, actor.end())
    if m is None or m.division is None or m.end > start:
        return None
    if text.startswith(feature_heads(pat), m.end) or text[m.end : m.end + 1] in "、和与及等":
        return None
    return m.division


def quantifiers(pat: Patterns) -> tuple[str, ...]:
    return tuple(pat.lex.generic_quantifiers)


def works_name(pat: Patterns, text: str, pos: int, end: int, *, opened: bool = False) -> int | None:
    """End of a works name (机场, 污水厂, 数据中心, 产业基地 …) starting at `pos`: up to its
    工程/项目, or up to 建设 when that closes the item (`试验基地建设`); None if it is not one."""
    item = text[pos:end]
    word = pat.works_word.search(item)
    if word is None or has_governing_verb(pat, item[: word.start()]):
        return None
    last = max(item.rfind("工程"), item.rfind("项目"))
    if last >= word.end():
        return pos + last + 2
    if item.endswith("建设") and len(item) - 2 == word.end():
        return end
    if opened and item.endswith(word.group()):
        return end  # 打造算法模型产业基地
    if opened and item[word.end() :].startswith("等"):
        return pos + word.end()  # 青岛高新区机器人产业集聚区等载体
    return None


def works_facility(pat: Patterns, name: str) -> str | None:
    for f, rx in pat.works:
        if rx.search(name):
            return f.facility
    return None


def has_governing_verb(pat: Patterns, phrase: str) -> bool:
    """A verb that governs something (加强, 支持 …) inside what should be one name."""
    if pat.verb_text.search(phrase) is None:
        return False  # no verb anywhere in it, so none among its words
    return any(w in pat.verbs for w, _ in words_backward(phrase))  # any word: order is moot


def name_end(text: str, start: int, end: int) -> int:
    """A project's name ends with its last 项目/工程 (`支持…扩建学生宿舍项目建设`), else with
    its item."""
    last = max(text.rfind("项目", start, end), text.rfind("工程", start, end))
    if last < 0:
        return end
    stop = last + 2
    if text[start:stop].count("“") > text[start:stop].count("”") and text[stop : stop + 1] == "”":
        stop += 1
    return stop


def opening_action(pat: Patterns, name: str) -> str | None:
    """The action a name opens with (`新建…`), which the items after it in a list inherit."""
    m = pat.strong_prefix.match(name)
    return pat.action_of[m.group()].action if m else None


def own_action(pat: Patterns, name: str, *, in_list: bool) -> str | None:
    """The action a name states: a strong verb anywhere (新建, 改扩建, 整体迁建 …), or a weak
    one (建设, 提升) right before 项目/工程 or at the end. Outside a district list a weak verb
    must also follow a school, campus or building (`南校区建设项目`, not `学科建设项目`)."""
    weak: str | None = None
    for m in pat.action.finditer(name):
        entry = pat.action_of[m.group()]
        if not entry.weak:
            return entry.action
        after = name[m.end() :]
        closes = after.startswith(("项目", "工程")) or not after
        if weak is None and closes and (in_list or ends_with_head(pat, name[: m.start()])):
            weak = entry.action
    return weak


def ends_with_head(pat: Patterns, text: str) -> bool:
    return any(m.end() == len(text) for m in pat.facility_head.finditer(text))


def facility_of(pat: Patterns, name: str) -> str | None:
    """What a project builds: the first building named, else the most specific school type."""
    buildings = [
        (m.start(), f.facility)
        for f, rx in pat.facility
        if f.building and (m := rx.search(name)) is not None
    ]
    if buildings:
        return min(buildings)[1]
    for f, rx in pat.facility:
        if not f.building and rx.search(name):
            return f.facility
    return None


def place_in_name(ctx: Context, name: str) -> Division | None:
    """The division a project lies in, from its name (`named_place`), else the plan's own, when
    its issuer or title states it."""
    return named_place(ctx, name) or ctx.stated


def named_place(ctx: Context, name: str) -> Division | None:
    """The division a name places a project in: the most local one it names, a place other than
    the plan's own jurisdiction before it (`新建安阳工学院航空学院(汤阴校区)项目` -> 汤阴县,
    `河南大学郑州校区` -> 郑州市). A place above the jurisdiction does not locate anything
    (`河南省职业护理学院` is in 安阳市), nor does a river or road named after one (黄浦江)."""
    juris = ctx.jurisdiction
    above = gazetteer().ancestors(juris) if juris is not None else []
    heads = feature_heads(ctx.pat)
    named = [
        (LEVEL_RANK[m.division.level], m.division != juris, m.start, m.division)
        for m in ctx.places.find(name)
        if m.division is not None and m.division not in above and not name.startswith(heads, m.end)
    ]
    return max(named, key=lambda t: t[:3])[3] if named else None


def feature_heads(pat: Patterns) -> tuple[str, ...]:
    return tuple(pat.lex.feature_heads)
