"""projects.SpanIndex answers exactly what overlaps_any answers (it replaced a quadratic scan)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from plan_parser.extract.projects.passages import SpanIndex, overlaps_any

SPAN = st.tuples(st.integers(0, 60), st.integers(0, 60)).map(lambda t: (min(t), max(t)))


@given(st.lists(SPAN, max_size=12), SPAN)
def test_same_answer_as_overlaps_any(spans: list[tuple[int, int]], span: tuple[int, int]) -> None:
    assert SpanIndex(spans).overlaps(span) == overlaps_any(span, spans)


def test_examples() -> None:
    index = SpanIndex([(10, 20), (30, 40), (0, 5)])
    assert [index.overlaps(s) for s in [(5, 10), (19, 21), (20, 30), (39, 50), (2, 3)]] == [
        False,
        True,
        False,
        True,
        True,
    ]
    assert not SpanIndex([]).overlaps((0, 100))
