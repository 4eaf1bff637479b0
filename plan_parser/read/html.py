"""HTML pages -> the text a reader sees: scripts and chrome dropped, blocks and cells on lines."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .sniff import looks_like_html

__all__ = ["html_layout", "html_to_text", "looks_like_html"]

DROP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "nav",
        "header",
        "footer",
        "head",
        "iframe",
        "form",
        "select",
        "button",
        "svg",
        "template",
        "aside",
        "menu",
    }
)
BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "tr",
        "table",
        "tbody",
        "thead",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "main",
        "blockquote",
        "pre",
        "dd",
        "dt",
        "dl",
        "hr",
        "center",
        "body",
        "html",
        "caption",
        "figure",
        "figcaption",
    }
)
CELL_TAGS = frozenset({"td", "th"})
VOID_TAGS = frozenset({"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "wbr"})


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.drop_depth = 0
        self.in_pre = False
        self.row_cells: list[str] | None = None
        self.row_spans: list[tuple[int, int]] = []
        self.cell_span = (1, 1)
        # line number (1-based) of each table row -> (rowspan, colspan) of its cells
        self.layout: dict[int, list[tuple[int, int]]] = {}
        self.cell: list[str] | None = None

    def _flush(self) -> None:
        line = "".join(self.current)
        self.current = []
        if line.strip():
            self.lines.append(line.rstrip())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROP_TAGS and tag not in VOID_TAGS:
            self.drop_depth += 1
            return
        if self.drop_depth:
            return
        if tag == "pre":
            self.in_pre = True
        if tag == "tr":
            self._flush()
            self.row_cells = []
            self.row_spans = []
        elif tag in CELL_TAGS:
            self.cell = []
            self.cell_span = (_span_attr(attrs, "rowspan"), _span_attr(attrs, "colspan"))
        elif tag in BLOCK_TAGS and self.cell is None:
            self._flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.drop_depth and tag in BLOCK_TAGS and self.cell is None:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in DROP_TAGS:
            self.drop_depth = max(0, self.drop_depth - 1)
            return
        if self.drop_depth:
            return
        if tag == "pre":
            self.in_pre = False
        if tag in CELL_TAGS and self.cell is not None:
            if self.row_cells is None:
                self.row_cells = []
            self.row_cells.append(" ".join("".join(self.cell).split()))
            self.row_spans.append(self.cell_span)
            self.cell = None
        elif tag == "tr" and self.row_cells is not None:
            cells = [c for c in self.row_cells]
            if any(cells):
                self.lines.append("\t".join(cells))
                if any(span != (1, 1) for span in self.row_spans) or len(cells) == 1:
                    self.layout[len(self.lines)] = list(self.row_spans)
            self.row_cells = None
        elif tag in BLOCK_TAGS and self.cell is None:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.drop_depth:
            return
        if not self.in_pre:
            data = _join_source_newlines(data)
        if self.cell is not None:
            self.cell.append(data)
        else:
            self.current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


_SRC_NL = re.compile(r"[ \t]*[\r\n]+[ \t]*")


def _join_source_newlines(data: str) -> str:
    """A newline in HTML source is a space for Latin text and nothing between Chinese characters."""

    def repl(m: re.Match[str]) -> str:
        before = data[m.start() - 1] if m.start() > 0 else ""
        after = data[m.end()] if m.end() < len(data) else ""
        if before.isascii() and before.isalnum() and after.isascii() and after.isalnum():
            return " "
        return ""

    return _SRC_NL.sub(repl, data)


_MARKUP_OPEN = re.compile(r"<[A-Za-z/!?]")


def cut_unterminated(html: str) -> str:
    """The page without what a browser hides at its end: an unterminated `<!--` comment runs to
    the end of the page, and a tag left open at the end (`<a`, `</`, `<!`, `<?` with no `>`
    after) is dropped. Both are cut here, in linear time: `html.parser` would show a comment's
    content as text, and rescans an unterminated tag quadratically (CPython 3.11)."""
    start = 0
    while (i := html.find("<!--", start)) >= 0:
        end = html.find("-->", i + 4)
        if end < 0:
            html = html[:i]
            break
        start = end + 3
    tail = _MARKUP_OPEN.search(html, html.rfind(">") + 1)
    return html[: tail.start()] if tail else html


def _span_attr(attrs: list[tuple[str, str | None]], name: str) -> int:
    value = dict(attrs).get(name) or "1"
    return max(1, min(int(value), 1000)) if value.strip().isdigit() else 1


def html_layout(html: str) -> tuple[str, dict[int, list[tuple[int, int]]]]:
    """`html_to_text` and the rowspan/colspan of the cells of each table row it wrote (by line
    number, only rows with a spanning cell), for the table stage to resolve them."""
    parser = _TextExtractor()
    parser.feed(cut_unterminated(html))
    parser.close()
    return "\n".join(parser.lines) + "\n", parser.layout


def html_to_text(html: str) -> str:
    """Body text of an HTML page, one paragraph (or table row, cells tab-separated) per line."""
    parser = _TextExtractor()
    parser.feed(cut_unterminated(html))
    parser.close()
    return "\n".join(parser.lines) + "\n"
