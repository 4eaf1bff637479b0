"""The extractor interface: one typed callable from an `Analysis` to records."""

from __future__ import annotations

from typing import Protocol, TypeVar

from ..structure.analysis import Analysis

R = TypeVar("R")


class Extractor(Protocol[R]):
    """Facts of one kind, in document order, each pointing into the tree by node_id, line and
    span. Never raises on prose."""

    def __call__(self, analysis: Analysis, /) -> list[R]: ...
