"""Quantity shapes of sectors the corpus barely has (health, economy, environment, transport,
elderly care): rates per N people, per-capita goals against per-capita norms, ages that bound a
group, figures in heading titles. Each row lists EVERY record the text must give (value and the
fields that matter), so a row with fewer records than numbers is a negative row: the numbers it
leaves out must give nothing. Rows are "made up" (a sentence of the shape, written for the test)
unless they name a corpus line."""

from __future__ import annotations

from typing import Any

import pytest

from plan_parser import parse_text

HEAD = "某市“十四五”发展规划\n"

# (name, text after HEAD, [(value, expected fields)]: all the records, in document order)
Row = tuple[str, str, list[tuple[float, dict[str, Any]]]]

RATES: list[Row] = [
    (
        "per-N rate with a slash is one figure",
        "一、目标\n到2025年，孕产妇死亡率控制在10/10万以下，婴儿死亡率低于5‰。\n",
        [
            (10, dict(unit="/10万", comparator="le", indicator="孕产妇死亡率", kind="target")),
            (5, dict(unit="‰", comparator="lt", indicator="婴儿死亡率", year=2025)),
        ],
    ),
    (
        "a 分别 list of rates pairs each rate with its indicator",
        "一、“十三五”发展成就\n孕产妇死亡率、婴儿死亡率分别下降到8.5/10万和3.2‰。\n",
        [
            (8.5, dict(indicator="孕产妇死亡率", unit="/10万", kind="baseline", year=2020)),
            (3.2, dict(indicator="婴儿死亡率", unit="‰")),
        ],
    ),
    (
        "a per-capita norm names what it equips",
        "一、标准\n新建居住区按照每千人不低于0.6张的标准配置养老床位。\n",
        [(0.6, dict(kind="standard", indicator="养老床位", comparator="ge", unit="张"))],
    ),
    ("per-N rate of one", "一、目标\n孕产妇死亡率下降到1/10万以下。\n", [(1, dict(unit="/10万"))]),
    (
        "Chinese fraction: the denominator is the unit",
        "一、目标\n工伤事故死亡率控制在十万分之一以下，残疾人就业比例达到百分之五十。\n",
        [
            (1, dict(unit="/10万", comparator="le", indicator="工伤事故死亡率")),
            (50, dict(unit="%", indicator="残疾人就业比例")),
        ],
    ),
    (
        "a unit per N people is kept whole",
        "一、目标\n每千人口床位数达到6张/千人以上。\n",
        [(6, dict(unit="张/千人", comparator="ge"))],
    ),
    (
        # negative: 10万人口 divides the figure after it
        "a denominator is not a figure",
        "一、目标\n每10万人口拥有体育场地3个。\n",
        [(3, dict(unit="个", indicator="每10万人口拥有体育场地"))],
    ),
    (
        # negative: a plain fraction stays a fraction; a per-one ratio keeps its side
        "plain fractions and per-one ratios unchanged",
        "一、目标\n占比达到1/3。每1000名学生配备1名校医。\n",
        [(0.3333, dict(unit=None)), (1000, dict(kind="standard", indicator="校医"))],
    ),
    (
        "a table's rate unit written with its 1 reads as the text's",
        "一、主要指标\n表1 主要指标\n指标 单位 2020年 2025年 属性\n"
        "孕产妇死亡率 1/10万 8.5 ≤10 约束性\n婴儿死亡率 ‰ 3.2 ≤5 约束性\n",
        [
            (8.5, dict(unit="/10万", kind="baseline", year=2020)),
            (10, dict(unit="/10万", kind="target", comparator="le", binding=True)),
            (3.2, dict(unit="‰")),
            (5, dict(unit="‰", comparator="le")),
        ],
    ),
]

PER_CAPITA: list[Row] = [
    (
        "per-capita figure with a target year is a target",
        "一、目标\n到2025年，人均地区生产总值超过8万元，人均预期寿命达到79岁。\n",
        [
            (8, dict(kind="target", year=2025, year_stated=True, comparator="gt", unit="万元")),
            (79, dict(kind="target", year=2025, unit="岁", indicator="人均预期寿命")),
        ],
    ),
    (
        "per-capita change is a target",
        "一、目标\n人均预期寿命提高1岁。\n",
        [(1, dict(kind="target", change="increase", year=2025, year_stated=False))],
    ),
    (
        # negative: a per-capita norm stays a standard
        "per-capita norm wording stays a standard",
        "一、标准\n人均公园绿地面积不低于15平方米。\n",
        [(15, dict(kind="standard", year=None, comparator="ge"))],
    ),
    (
        "a horizon carried from the sentence before governs a per-capita bound",
        "一、目标\n到2025年，城市更加宜居。人均公园绿地面积不低于15平方米。\n",
        [(15, dict(kind="target", year=2025, year_stated=True))],
    ),
    (
        # anyang-2022-13.txt line 270: 生均 … 定额 is a standard
        "per-student funding norm stays a standard",
        "一、保障\n公办幼儿园生均财政拨款基准定额(3000—5000元/年)。\n",
        [(3000, dict(kind="standard", value_max=5000, unit="元/年"))],
    ),
]

CLASSES: list[Row] = [
    (
        "a money bound naming a class of counted things is a standard",
        "一、目标\n实施亿元以上项目200个，年主营业务收入10亿元以上企业达到30家。\n",
        [
            (1, dict(kind="standard", unit="亿元", comparator="ge", indicator="项目", year=None)),
            (200, dict(kind="target", indicator="亿元以上项目")),
            (10, dict(kind="standard", indicator="年主营业务收入", change=None)),
            (30, dict(kind="target", unit="家")),
        ],
    ),
    (
        # negative: a money level followed by another clause's count is a level
        "a money level is not a class",
        "一、目标\n固定资产投资超过1000亿元，建成项目50个。\n",
        [(1000, dict(kind="target", comparator="gt")), (50, dict(kind="target"))],
    ),
]

AGES: list[Row] = [
    (
        "age bound of a group is a standard on the group",
        "一、目标\n对65岁以上老年人每年开展1次健康体检。\n",
        [
            (65, dict(kind="standard", indicator="老年人", comparator="ge", unit="岁", year=None)),
            (1, dict(kind="target", period="每年", unit="次")),
        ],
    ),
    (
        "the count of the group stays",
        "一、现状\n截至2020年底，全市60岁及以上老年人口达到98.6万人。\n",
        [
            (60, dict(kind="standard", indicator="老年人口", comparator="ge")),
            (98.6, dict(kind="baseline", unit="万人", year=2020)),
        ],
    ),
    (
        "an age band and 周岁",
        "一、目标\n0—3岁婴幼儿照护服务覆盖率达到50%，为60周岁以上的老年人提供体检。\n",
        [
            (0, dict(kind="standard", value_max=3, comparator="range", indicator="婴幼儿")),
            (50, dict(kind="target", unit="%")),
            (60, dict(kind="standard", unit="周岁", indicator="老年人")),
        ],
    ),
    (
        # negative: an age a verb reaches is a level (life expectancy), not a group's bound
        "an age reached is a target",
        "一、目标\n人均预期寿命达到80岁以上，全面消除56人以上大班额。\n",
        [
            (80, dict(kind="target", comparator="ge", indicator="人均预期寿命")),
            (56, dict(kind="standard", indicator="大班额")),
        ],
    ),
]

TITLES: list[Row] = [
    (
        "sub-items that are whole sentences are read",
        "一、发展目标\n（一）主要指标\n到2025年，基层服务能力明显提升：\n"
        "①每个乡镇卫生院至少有1名全科医生；\n②村卫生室标准化建设率达到100%。\n",
        [
            (1, dict(kind="target", comparator="ge", unit="名", line=5)),
            (100, dict(indicator="村卫生室标准化建设率", unit="%", line=6)),
        ],
    ),
    (
        "a section title holding a count",
        "一、主要任务\n（三）新建改扩建幼儿园50所\n优化布局。\n",
        [(50, dict(kind="target", unit="所", node_id="chp_1__sec_3", id="chp_1__sec_3__q_1"))],
    ),
    (
        "a title's record comes before its body's",
        "一、主要任务\n1.建设养老床位2万张。新增护理型床位5000张。\n",
        [(2, dict(id="chp_1__sec_1__q_1")), (5000, dict(id="chp_1__sec_1__q_2"))],
    ),
    (
        "a title in the review of the last period is a baseline",
        "一、“十三五”发展成就\n（一）新建改扩建幼儿园316所\n",
        [(316, dict(kind="baseline", year=2020))],
    ),
    (
        "numbered items under a lead-in ending with a colon take its horizon",
        "一、规划目标\n（一）近期目标\n到2030年，生态环境质量明显改善，主要目标如下：\n"
        "1.森林覆盖率达到45%。\n2.生活污水集中收集率达到70%以上。\n（二）远期目标\n"
        "到2035年，生态环境根本好转：\n——森林覆盖率达到50%。\n",
        [
            (45, dict(year=2030, year_stated=True, indicator="森林覆盖率")),
            (70, dict(year=2030, year_stated=True)),
            (50, dict(year=2035, year_stated=True, indicator="森林覆盖率")),
        ],
    ),
    (
        # negative: shanghai-14th-fyp-outline-partial.txt lines 356-364, the lead-in ends its
        # sentence before run-in items: they take the plan's end, not stated
        "a lead-in ending its sentence governs no items",
        "一、主要目标\n到2023年，城市能级显著提升。\n1.创新能力增强。研发经费支出比例达到4.5%左右。\n",
        [(4.5, dict(year=2025, year_stated=False))],
    ),
    (
        # negative: a year, a code and a quoted name in titles are no quantities
        # (shanghai-14th-fyp-outline-partial.txt lines 246, 1633, 113)
        "years, codes and names in titles give nothing",
        "一、2035年远景目标\n基本实现现代化。\n二、重点任务\n（一）建设以 5G 为重点的信息基础设施\n"
        "（二）“五个中心”建设既定目标如期实现\n",
        [],
    ),
]

OTHERS: list[Row] = [
    (
        "a change against a base year: from_year, not the value's year",
        "一、目标\n单位地区生产总值能耗比2020年下降13.5%，二氧化碳排放强度较2020年降低18%。\n",
        [
            (
                13.5,
                dict(
                    kind="target",
                    year=2025,
                    from_year=2020,
                    change="decrease",
                    indicator="单位地区生产总值能耗",
                ),
            ),
            (18, dict(kind="target", from_year=2020, indicator="二氧化碳排放强度")),
        ],
    ),
    (
        "与…相比 opens the sentence; a bare change clause takes the indicator before",
        "一、目标\n与2020年相比，万元GDP用水量下降16%。人均预期寿命达到78.3岁，比2020年提高1岁。\n",
        [
            (16, dict(from_year=2020, indicator="万元GDP用水量")),
            (78.3, dict(from_year=None, change=None)),
            (1, dict(from_year=2020, change="increase", indicator="人均预期寿命")),
        ],
    ),
    (
        # negative: a year a past figure is stated for stays its year
        "the stated year of a past figure stays",
        "一、目标\n2020年全市生产总值比2015年增长40%。\n",
        [(40, dict(kind="baseline", year=2020, from_year=2015))],
    ),
    (
        "units of other sectors kept whole",
        "一、目标\n新能源汽车保有量达到50万辆，海上风电装机达到300兆瓦，建成区路网密度达到8公里/平方公里，"
        "新增炼油能力1000万吨/年，全社会用电量达到3000亿千瓦时，能源消费总量控制在3000万吨标准煤以内。\n",
        [
            (50, dict(unit="万辆")),
            (300, dict(unit="兆瓦")),
            (8, dict(unit="公里/平方公里")),
            (1000, dict(unit="万吨/年")),
            (3000, dict(unit="亿千瓦时")),
            (3000, dict(unit="万吨标准煤", comparator="le")),
        ],
    ),
    (
        "a denominator before the number goes to the unit",
        "一、目标\n经济密度提高到每平方公里5亿元，人口密度控制在每平方公里1.2万人以内。\n",
        [
            (5, dict(unit="亿元/平方公里", indicator="经济密度")),
            (1.2, dict(unit="万人/平方公里", indicator="人口密度", comparator="le")),
        ],
    ),
    (
        "one scope; a second scope word qualifies the indicator",
        "一、目标\n全市农村生活垃圾无害化处理率保持在95%以上。\n",
        [(95, dict(scope="全市", indicator="农村生活垃圾无害化处理率", comparator="ge"))],
    ),
    (
        # henan-2021-edu-plan-opening.txt line 13: 教育人口2873万人,占全省总人口的26.2%
        "a share clause is of the figure before it",
        "一、目标\n全市老年人口达到120万人，占总人口的20%。占比达到1/3。\n",
        [
            (120, dict(indicator="老年人口")),
            (20, dict(indicator="老年人口占总人口", unit="%")),
            (0.3333, dict(indicator="占比")),
        ],
    ),
    (
        "verbs that reach a shorter or longer level are predicates, not the indicator",
        "一、目标\n审批时限压缩至5个工作日，急救反应时间缩短至12小时以内，人均预期寿命延长至80岁。\n",
        [
            (5, dict(indicator="审批时限", unit="个工作日", change=None)),
            (12, dict(indicator="急救反应时间", comparator="le", change=None)),
            (80, dict(indicator="人均预期寿命", kind="target")),
        ],
    ),
    (
        # negative: a zone named by its travel time is a name (as 15分钟生活圈 is)
        "a travel-time zone is a name",
        "一、目标\n打造1小时通勤圈，构建15分钟社区生活圈，每天体育活动1小时。\n",
        [(1, dict(unit="小时", period="每天", kind="standard"))],
    ),
    (
        # negative: the time frame of an effort is a horizon; a span that is measured stays
        "a time frame is no figure",
        "一、目标\n力争用3—5年时间，建成一批示范项目。培训周期3—5年。\n",
        [(3, dict(value_max=5, unit="年", indicator="培训周期"))],
    ),
]

ROWS = RATES + PER_CAPITA + CLASSES + AGES + TITLES + OTHERS


@pytest.mark.parametrize(("name", "text", "expected"), ROWS, ids=[r[0] for r in ROWS])
def test_sector_shapes(name: str, text: str, expected: list[tuple[float, dict[str, Any]]]) -> None:
    plan = parse_text(HEAD + text)
    got = plan.quantities
    assert [q.value for q in got] == [v for v, _ in expected], name
    for q, (_value, fields) in zip(got, expected, strict=True):
        for key, want in fields.items():
            assert getattr(q, key) == want, (name, q.value, key, getattr(q, key))
        assert (HEAD + text)[q.span[0] : q.span[1]] == q.quote
