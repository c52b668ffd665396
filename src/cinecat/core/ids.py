"""Numbers typed into URLs and forms: ids, years and indexes as the database can hold them.

``str.isdigit`` is true of "²" and "①", which ``int`` refuses, and a number past 2**63 makes
SQLite's driver overflow: either was a server error. Here a number is ASCII digits, at most
18 of them (every such number fits a 64-bit integer column).
"""

from django.urls.converters import IntConverter

MAX_DIGITS = 18


def as_number(text: str | None) -> int | None:
    """``text`` as a whole number the database can hold, or None when it is none."""
    if text and len(text) <= MAX_DIGITS and text.isascii() and text.isdigit():
        return int(text)
    return None


def numbers(texts) -> list[int]:
    """The values of ``texts`` that are such numbers; the others are left out."""
    return [number for number in map(as_number, texts) if number is not None]


class IdConverter(IntConverter):
    """``<id:…>`` in a URL: ``<int:…>`` that no longer matches past what a database holds."""

    regex = f"[0-9]{{1,{MAX_DIGITS}}}"
