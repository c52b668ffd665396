"""Folding text for search: 'Amélie' and 'AMELIE' are the same word, 'Łódź' and 'lodz' too.

Words are folded as titles are ordered (``catalog.folding.fold``): one rule for both.
"""

import re

from cinecat.core.folding import fold

__all__ = ["fold", "words"]

_WORD = re.compile(r"\w+", re.UNICODE)


def words(query: str) -> list[str]:
    """The folded words of a query; punctuation separates words and is dropped."""
    return _WORD.findall(fold(query))
