"""A small HTML tree for page tests, built with the standard library's parser.

Enough to find elements by tag and attributes and read their text, so tests can assert on
what a reader sees (a title, a breadcrumb trail, a table row) rather than on raw markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
#: Elements that start a new line when shown: their text is separated from its neighbours.
BLOCK = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "footer", "h1",
    "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "section",
    "table", "td", "th", "tr", "ul",
}  # fmt: skip


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        """The text content as shown: block elements apart, runs of white space as one space."""
        parts: list[str] = []

        def walk(node: Node) -> None:
            for child in node.children:
                if isinstance(child, str):
                    parts.append(child)
                elif child.tag in BLOCK:
                    parts.append(" ")
                    walk(child)
                    parts.append(" ")
                else:
                    walk(child)

        walk(self)
        return re.sub(r"\s+", " ", "".join(parts)).strip()

    def elements(self) -> list[Node]:
        """Direct child elements, in document order."""
        return [child for child in self.children if isinstance(child, Node)]

    def iter(self):
        for child in self.elements():
            yield child
            yield from child.iter()

    def _matches(self, tag: str | None, attrs: dict[str, str]) -> bool:
        if tag is not None and self.tag != tag:
            return False
        for name, wanted in attrs.items():
            name = name.rstrip("_")
            value = self.attrs.get(name)
            if value is None:
                return False
            if name == "class":
                if not set(wanted.split()) <= set(value.split()):
                    return False
            elif value != wanted:
                return False
        return True

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Node]:
        return [node for node in self.iter() if node._matches(tag, attrs)]

    def find(self, tag: str | None = None, **attrs: str) -> Node:
        found = self.find_all(tag, **attrs)
        if not found:
            msg = f"no <{tag or '*'} {attrs}> in the page"
            raise AssertionError(msg)
        return found[0]


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(content: bytes | str) -> Node:
    builder = _TreeBuilder()
    builder.feed(content.decode() if isinstance(content, bytes) else content)
    builder.close()
    return builder.root
