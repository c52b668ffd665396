"""A source's formatted text (bold, italics, line breaks, lists) kept safely.

DVD Profiler writes its overviews and easter eggs in HTML. They are stored as the source wrote
them and shown through an allow-list sanitiser (nh3): the tags of formatting stay, everything
else (scripts, styles, event handlers, links' javascript) goes. Search reads the text alone.
"""

import html
import re

import nh3

TAGS = {"b", "strong", "i", "em", "u", "br", "p", "ul", "ol", "li", "blockquote", "sup", "sub"}
_TAG = re.compile(r"<[^>]*>")
_BREAK = re.compile(r"<\s*(br|/p|/li)\s*/?\s*>", re.I)


def safe_html(text: str) -> str:
    """The text's formatting tags, and nothing that could run or reach out."""
    return nh3.clean(text, tags=TAGS, attributes={}, link_rel=None)


def plain_text(text: str) -> str:
    """The words of an HTML text, its breaks kept as line breaks (for search, and exports
    that hold no markup)."""
    return html.unescape(_TAG.sub("", _BREAK.sub("\n", text))).strip()


def holds_tags(text: str) -> bool:
    return bool(_TAG.search(text))
