"""Folding text for search: 'Amélie' and 'AMELIE' are the same word."""

import re
import unicodedata

_WORD = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    if text.isascii():
        return text.lower()  # ASCII has no accents, and casefold() is lower() there
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(query: str) -> list[str]:
    """The folded words of a query; punctuation separates words and is dropped."""
    return _WORD.findall(fold(query))
