"""The output contract: pydantic models are the single source of truth.

`schemas/plan.schema.json` is generated from `Plan` (see `plan_parser.schema`). Every record that
points into the source carries `line` (1-based, in the decoded input) and `span` (`[start, end)`
character offsets into the decoded input), so `text[start:end]` gives back its title or quote.

Annotations here are evaluated, not strings (no `from __future__ import annotations`): pydantic
would otherwise evaluate some 230 string annotations at import, 2 ms of every cold start.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import PydanticUndefined

SCHEMA_VERSION = "1.0"

Span = Annotated[
    tuple[int, int], Field(description="[start, end) character offsets into the decoded text")
]
Number = int | float
NodeKind = Literal["part", "chapter", "section", "item", "subitem"]
QuantityKind = Literal["target", "baseline", "standard"]
Comparator = Literal["eq", "ge", "gt", "le", "lt", "approx", "range"]
ProjectKind = Literal["program", "construction"]
Level = Literal["info", "warning", "error"]


# One set per distinct `model_fields_set`, shared by the records that have it (`Model`).
_FIELDS_SETS: dict[frozenset[str], set[str]] = {}
_REQUIRED: Any = object()  # a field without a default (and: a key tuple not seen yet)
# Per (model, keys in the order given), for `Model.__init__`'s trusted path: a template of the
# values in field order (the defaults of the fields not given), the fields whose default is a
# factory, and the shared fields set; None when the keys cannot make the model.
_Plan = tuple[dict[str, Any], tuple[tuple[str, Callable[..., Any]], ...], set[str]]
_PLANS: dict[tuple[type, tuple[str, ...]], _Plan | None] = {}
_IMMUTABLE = (type(None), bool, int, float, str)

# On while the pipeline builds a plan's records (`trusted_records`): see `Model.__init__`.
_TRUSTED: ContextVar[bool] = ContextVar("plan_parser_trusted_records", default=False)


@contextmanager
def trusted_records() -> Iterator[None]:
    """Inside this block (in this thread or task only), `Model(**fields)` takes the fields as
    given, unvalidated: for the pipeline, whose values already have their fields' types (a test
    checks the corpus's records equal validated ones, type for type)."""
    token = _TRUSTED.set(True)
    try:
        yield
    finally:
        _TRUSTED.reset(token)


class _SignatureOnFirstUse:
    """A model's `__signature__` (its fields, for `inspect.signature` and IDEs): pydantic sets it
    when it builds the model's schema, which `defer_build` puts off; asking for it builds it."""

    def __get__(self, record: object, cls: type[BaseModel]) -> Any:
        if record is not None:  # an instance: inspect looks at `__call__`, as pydantic's does
            raise AttributeError("__signature__")
        cls.model_rebuild()
        signature = cls.__dict__.get("__signature__")
        if signature is None or signature is self:
            raise AttributeError("__signature__")
        return signature.__get__(None, cls) if hasattr(signature, "__get__") else signature


class Model(BaseModel):
    """The base of every output model.

    pydantic gives each instance a set of the fields its constructor was given
    (`model_fields_set`): some 2 kB for a quantity of 18 fields, more than the quantity's own
    values, and a fifth of a parse's peak memory. The records of one kind are made alike, so
    after validation an instance takes the set an equal one already has, and copies it again
    before a new field is set on it (`__setattr__`): each instance still sees exactly the
    fields that were set on it.

    Schemas are built on first use (`defer_build`): building the 29 models' validators and
    serializers is a quarter of a cold `plan-parser parse`, which needs neither (the pipeline
    makes its records under `trusted_records`, `serialize.json_yaml.to_data` walks them)."""

    model_config = ConfigDict(extra="forbid", frozen=False, defer_build=True)
    __signature__: ClassVar[Any] = _SignatureOnFirstUse()

    if not TYPE_CHECKING:  # type checkers keep the signature pydantic's plugin gives each model

        def __init__(self, /, **data: Any) -> None:
            if not (_TRUSTED.get() and _fill(self, data)):
                super().__init__(**data)

        __init__.__pydantic_base_init__ = True  # not a custom init: the signature is the fields'

    def model_post_init(self, context: Any, /) -> None:
        fields = self.__pydantic_fields_set__
        shared = _FIELDS_SETS.setdefault(frozenset(fields), fields)
        if shared is not fields:
            object.__setattr__(self, "__pydantic_fields_set__", shared)

    def __setattr__(self, name: str, value: Any) -> None:
        if name not in self.__pydantic_fields_set__:  # pydantic adds it: not to a shared set
            object.__setattr__(self, "__pydantic_fields_set__", set(self.__pydantic_fields_set__))
        super().__setattr__(name, value)


def _fill_plan(cls: type[BaseModel], keys: tuple[str, ...]) -> _Plan | None:
    """What `_fill` needs for `cls` made from `keys`; None when they cannot make it (a required
    field missing, a name that is not a field, a name given twice)."""
    given = set(keys)
    if len(given) != len(keys):
        return None
    template: dict[str, Any] = {}
    factories: list[tuple[str, Callable[..., Any]]] = []
    for name, field in cls.model_fields.items():
        factory = field.default_factory
        default = _REQUIRED if field.default is PydanticUndefined else field.default
        if factory is not None and field.default_factory_takes_validated_data:
            raise TypeError(f"{cls.__name__}.{name}: a default factory that takes the data")
        if default is not _REQUIRED and not isinstance(default, _IMMUTABLE):
            raise TypeError(f"{cls.__name__}.{name}: a mutable default")  # pydantic copies it
        given.discard(name)
        if name in keys:
            template[name] = None  # a place in field order, the value comes from the data
        elif factory is not None:
            template[name] = None
            factories.append((name, factory))
        elif default is _REQUIRED:
            return None
        else:
            template[name] = default
    if given:  # a name that is not a field
        return None
    fields_set = _FIELDS_SETS.setdefault(frozenset(keys), set(keys))
    return template, tuple(factories), fields_set


def _fill(record: Model, data: dict[str, Any]) -> bool:
    """`model_construct` for a trusted record: its fields in field order, defaults filled in,
    the fields set shared (`Model`). False, with nothing done, when a required field is missing
    or a name is not a field: the caller validates, which says what is wrong. The work per
    (model, keys) is done once (`_fill_plan`); a record is then a dict copy and update."""
    cls = type(record)
    keys = (cls, tuple(data))
    plan = _PLANS.get(keys, _REQUIRED)
    if plan is _REQUIRED:
        plan = _PLANS[keys] = _fill_plan(cls, keys[1])
    if plan is None:
        return False
    template, factories, fields_set = plan
    values = template.copy()
    values.update(data)  # the keys are already in `template`: field order is kept
    for name, factory in factories:
        values[name] = factory()
    setattr_ = object.__setattr__
    setattr_(record, "__dict__", values)
    setattr_(record, "__pydantic_fields_set__", fields_set)
    setattr_(record, "__pydantic_extra__", None)
    setattr_(record, "__pydantic_private__", None)
    return True


def _page() -> Any:
    """`page`: set for PDF input only, and left out of the output otherwise."""
    return Field(
        None, description="1-based PDF page the record starts on", exclude_if=lambda v: v is None
    )


class Diagnostic(Model):
    level: Level
    code: str = Field(description="stable machine-readable code, e.g. missing-box, numbering-gap")
    line: int | None = Field(description="1-based line the diagnostic is about, if any")
    message: str


class SourceInfo(Model):
    path: str = Field(description="input path as given (relative), or its file name")
    sha256: str = Field(description="sha256 of the input bytes")
    encoding: str = Field(description="encoding the bytes were decoded with")
    format: Literal["text", "html", "pdf", "docx"]
    line_count: int = Field(description="lines in the decoded text (for HTML: the extracted text)")
    char_count: int


class PlanPeriod(Model):
    name: str = Field(description="period as written, e.g. 十四五")
    start_year: int
    end_year: int


class Jurisdiction(Model):
    name: str = Field(description="the government's area, e.g. 青岛市; 中华人民共和国 for national")
    level: Literal["national", "province", "prefecture", "county"]
    adcode: str | None = Field(description="GB/T 2260 code; null for national")
    source: Literal["metadata", "text"] = Field(
        description="metadata: the issuer or a title names it; text: the plan names itself only "
        "as 我市/全市/全省 and its text names the place (青岛)"
    )


class Metadata(Model):
    title: str | None = Field(None, description="标题")
    index_number: str | None = Field(None, description="索引号")
    issuer: str | None = Field(None, description="发文机关")
    written_date: str | None = Field(None, description="成文日期, ISO YYYY-MM-DD")
    doc_number: str | None = Field(None, description="发文字号")
    publication_date: str | None = Field(None, description="发布时间, ISO YYYY-MM-DD")
    validity: str | None = Field(None, description="有效性")
    expiry_date: str | None = Field(None, description="失效时间, ISO YYYY-MM-DD")
    source: str | None = Field(None, description="来源")
    addressees: str | None = Field(None, description="the notice's addressees, as written")
    notice_date: str | None = Field(None, description="date that closes the notice, ISO")
    plan_title: str | None = Field(None, description="title of the plan the notice wraps")
    plan_period: PlanPeriod | None = None
    jurisdiction: Jurisdiction | None = None


class OutlineNode(Model):
    id: str = Field(description="stable path id, e.g. chp_3__sec_4__item_2")
    kind: NodeKind
    number: int
    marker: str = Field(description="numbering marker as written, e.g. （一）")
    title: str = Field(description="heading title exactly as written")
    line: int
    end_line: int
    span: Span = Field(description="span of the title")
    page: int | None = _page()
    children: list["OutlineNode"] = Field(default_factory=list)


class EntryGroup(Model):
    label: str = Field(description="list label as written, e.g. 文峰区 or 滑 县")
    items: list[str]
    line: int
    span: Span = Field(description="span of the group text (label, separator and items)")


class BoxEntry(Model):
    id: str = Field(description="e.g. box_4__entry_1")
    name: str = Field(description="program name that leads the entry")
    text: str = Field(description="the entry's description after the name, as written")
    line: int
    end_line: int
    span: Span = Field(description="span of the whole entry, name to last character")
    name_span: Span
    groups: list[EntryGroup] = Field(default_factory=list)


class Box(Model):
    id: str = Field(description="e.g. box_4")
    number: int
    title: str
    line: int
    end_line: int
    span: Span = Field(description="span of the title")
    page: int | None = _page()
    parent_id: str | None = Field(description="outline node the box sits in")
    entries: list[BoxEntry] = Field(default_factory=list)


TableShape = Literal["tab", "cell_per_line", "space"]


class TableCell(Model):
    text: str = Field(description="the cell as written; a wrapped cell joined without its breaks")
    line: int = Field(description="line of the cell's first piece")
    span: Span = Field(description="span of the cell's first piece (`quote`)")
    quote: str
    parts: list[Span] = Field(
        default_factory=list,
        description="spans of every piece of a cell wrapped over several lines, in order",
    )
    rowspan: int = 1
    colspan: int = 1
    covered: bool = Field(
        False, description="a grid position covered by the rowspan/colspan of the cell it copies"
    )


class TableRow(Model):
    line: int = Field(description="line of the row (for PDF text: the line of its 序号)")
    end_line: int
    cells: list[TableCell | None] = Field(description="one per column; null for an absent cell")


class TableNote(Model):
    line: int
    span: Span
    text: str


class Table(Model):
    id: str = Field(description="tbl_N in document order")
    number: int | None = Field(None, description="表N / 附表N as a number")
    title: str | None = Field(None, description="title as written")
    title_line: int | None = None
    title_span: Span | None = None
    shape: TableShape = Field(
        description="tab (HTML or pasted tab rows), cell_per_line (Word/web export), "
        "space (PDF text)"
    )
    node_id: str | None = Field(description="outline node the table sits in")
    line: int = Field(description="first line of the header")
    end_line: int = Field(description="last line of the last row (notes excluded)")
    span: Span = Field(description="header start to last row end")
    columns: list[str] = Field(description="leaf header cell of each column, as written")
    roles: list[str | None] = Field(
        description="what each column holds: serial, category, name, unit, binding, value, "
        "content, place, years, investment, owner, remark (lexicon/tables.yaml)"
    )
    header: list[list[TableCell | None]] = Field(description="header rows")
    rows: list[TableRow]
    notes: list[TableNote] = Field(default_factory=list)


Change = Literal["increase", "decrease"]
Bounds = Literal["[]", "[)", "(]", "()"]


class Quantity(Model):
    id: str = Field(description="stable id: <node or entry id>__q_<n>")
    kind: QuantityKind
    indicator: str = Field(description="the thing measured, in the text's own words")
    scope: str | None = Field(None, description="who or where, when stated: 全市, 普通高中, 滑县")
    value: Number
    value_max: Number | None = Field(None, description="upper end of a range")
    unit: str | None = Field(None, description="as written: %, 个百分点, 万人, 所, 元/年 …")
    comparator: Comparator
    year: int | None = Field(None, description="year the value holds for")
    period: str | None = Field(None, description="每年, 每月, 十三五期间 … for rates and totals")
    from_value: Number | None = None
    from_year: int | None = None
    binding: bool | None = Field(
        None, description="main-indicator table rows: true for 约束性, false for 预期性"
    )
    change: Change | None = Field(
        None,
        description="increase or decrease when the value is a change (降低35%, 年均增长10%), "
        "not a level",
    )
    year_stated: bool | None = Field(
        None,
        description="true when `year` is written in the clause or the table header, false when "
        "inferred (a 十四五 target with no year), null when `year` is null",
    )
    bounds: Bounds | None = Field(
        None, description="closedness of an open or half-open interval (<150，≥50 -> [))"
    )
    table_id: str | None = Field(None, description="table the quantity was read from")
    value_text: str = Field(description="the number expression as written, e.g. 3—5个")
    node_id: str | None = Field(description="outline node or box entry the quantity sits in")
    value_line: int | None = Field(
        None, description="line the number stands on, when not `line` (a wrapped sentence)"
    )
    line: int
    span: Span = Field(description="span of `quote`")
    quote: str = Field(description="exact source text holding indicator and number")
    page: int | None = _page()


class Project(Model):
    id: str = Field(
        description="stable path id: <node or box entry id>__prg_<n> for a program, "
        "__prj_<n> for a construction project, e.g. box_4__entry_1__prj_3"
    )
    kind: ProjectKind
    name: str = Field(description="exactly as written (a list item as written)")
    action: str | None = Field(
        None,
        description="construction: 新建 改扩建 扩建 迁建 重建 续建 提质扩容 提升 建设",
    )
    facility: str | None = Field(
        None,
        description="construction: 幼儿园 小学 初中 高中 中学 九年一贯制 特殊教育学校 中职 高校, "
        "or the building: 宿舍 食堂 教学楼",
    )
    district: str | None = Field(
        None, description="division the project lies in, e.g. 滑县; 市本级 is the city itself"
    )
    adcode: str | None = Field(None, description="GB/T 2260 six-digit code of `district`")
    status: Literal["planned", "completed"] = Field(
        "planned", description="completed when reported done in the last plan period (十三五)"
    )
    box: int | None = Field(None, description="number of the box (专栏) it is listed in")
    content: str | None = Field(None, description="project tables: 建设内容 as written")
    start_year: int | None = Field(None, description="project tables: first year of 建设年限")
    end_year: int | None = Field(None, description="project tables: last year of 建设年限")
    investment: Number | None = Field(None, description="project tables: 总投资")
    investment_unit: str | None = Field(None, description="unit of `investment`: 亿元, 万元")
    owner: str | None = Field(None, description="project tables: 责任单位 as written")
    table_id: str | None = Field(None, description="table the project is listed in")
    program_id: str | None = Field(
        None,
        description="program entry a construction item is listed under, or a program named "
        "inside the entry's text sits in",
    )
    canonical_id: str | None = Field(
        None, description="program: the record all mentions of the same program point at"
    )
    node_id: str | None = Field(None, description="outline node or box entry it sits in")
    line: int
    span: Span = Field(description="span of `quote`")
    quote: str
    page: int | None = _page()


class Plan(Model):
    schema_version: str = SCHEMA_VERSION
    source: SourceInfo
    metadata: Metadata
    outline: list[OutlineNode]
    boxes: list[Box]
    tables: list[Table] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)
    diagnostics: list[Diagnostic] = Field(default_factory=list)

    def iter_nodes(self) -> list[OutlineNode]:
        """All outline nodes in document order (depth first)."""
        out: list[OutlineNode] = []
        stack = list(reversed(self.outline))
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(reversed(node.children))
        return out
