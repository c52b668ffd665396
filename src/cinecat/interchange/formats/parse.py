"""The numbers, dates, running times and prices of other cataloguers' files, read one way.

Every format reads such values through these parsers, so that a value its field cannot hold
fails alike in every format: a ``FormatError`` naming the entry (``where``, and the ``line``
when the format knows it) and the field, "<DVD> #3 (line 40): ProductionYear '19²' is not a
whole number". A caller that names the entry and the field itself (a CSV cell, by its line and
column) leaves them empty.

Digits are ASCII digits: ``str.isdigit()`` is true of "²", which ``int()`` refuses, and of "٣",
which ``int()`` reads as 3 though no cataloguer writes it. The checks are string methods and
patterns compiled once, and nothing is raised for a good value: readers call these for every
value of every entry. The ``…_or_none`` forms give None for a value they cannot read, for the
formats that keep such a value as an other detail instead of refusing the file.

Read under ``keeping_odd_values``, a value these parsers cannot read does not stop the file:
the parser gives None (the field stays empty) and the value is kept on its record, flagged with
why, as an other detail under its field's name, and listed in the import's report. One odd value
in a real export loses nothing and sinks nothing else.
"""

import dataclasses
import datetime as dt
import re
import sys
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal

from cinecat.catalog.records import Record

from .base import FormatError

ISO = "iso"  # a Layout's pattern for ISO 8601, read by fromisoformat
# int() refuses digits past this many (CPython's guard against slow conversions): more are
# no number a cataloguer writes, and refused as one.
_MAX_DIGITS = sys.get_int_max_str_digits() or sys.maxsize


@dataclass(frozen=True)
class Layout:
    """A way of writing dates: strptime patterns (or ``ISO``), tried in order, and what an
    error says a value should have been ("a date like '3/23/2012'")."""

    patterns: tuple[str, ...]
    what: str


ISO_DATE = Layout((ISO,), "a date like '2004-08-07'")
ISO_TIME = Layout((ISO,), "a time like '2008-05-14T23:52:45Z'")
US_DATE = Layout(("%m/%d/%Y",), "a date like '3/23/2012'")
US_TIME = Layout(("%m/%d/%Y %I:%M:%S %p",), "a date like '7/25/2020 1:45:22 PM'")
MONTH_NAME_DATE = Layout(("%b %d, %Y",), "a date like 'Sep 08, 2017'")
MONTH_NAME_TIME = Layout(("%b %d, %Y %H:%M:%S",), "a date and time like 'Jan 04, 2026 18:20:50'")
DAY_FIRST_DATE = Layout(("%d/%m/%Y",), "a date DD/MM/YYYY")
DAY_FIRST_DASHED_DATE = Layout(("%d-%m-%Y",), "a date DD-MM-YYYY")

# "$" is read as US dollars: the exports that write a bare "$" (Delicious Library, CLZ) take
# their prices from US stores. Other symbols are unambiguous enough.
_CURRENCY_SYMBOLS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"}
_CURRENCY = re.compile(r"[A-Za-z]{3}")
_PRICE = re.compile(
    r"^(?P<pre>[^0-9\s.,-]*)\s*(?P<number>[0-9][0-9.,' ]*?)\s*(?P<post>[^0-9\s.,]*)$"
)
_TWO_DECIMALS = re.compile(r",[0-9]{1,2}$")
_DECIMAL = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_HOURS = re.compile(
    r"^(?:([0-9]+)\s*h(?:ours?)?)?\s*(?:([0-9]+)\s*(?:m(?:in(?:utes?)?)?)?)?$", re.IGNORECASE
)
_CLOCK = re.compile(r"^([0-9]+):([0-9]{2})(?::([0-9]{2}))?$")


def is_whole_number(text: str) -> bool:
    """Whether ``text`` is ASCII digits and nothing else ("" is not)."""
    return text.isascii() and text.isdigit() and len(text) <= _MAX_DIGITS


def whole_number(
    text: str, where: str = "", field: str = "", *, line: int | None = None
) -> int | None:
    """ "1979" -> 1979; anything else ("19²", "12a", "", "-1") is a FormatError."""
    if text.isascii() and text.isdigit() and len(text) <= _MAX_DIGITS:
        return int(text)
    return refused(text, "a whole number", where, field, line)


def decimal(
    text: str, where: str = "", field: str = "", *, line: int | None = None
) -> Decimal | None:
    """ "12.50", "-3", ".5" -> a Decimal; an exponent, NaN, Infinity or a comma is refused."""
    if _DECIMAL.fullmatch(text):
        return Decimal(text)
    return refused(text, "a decimal number", where, field, line)


def decimal_or_none(text: str) -> Decimal | None:
    return Decimal(text) if _DECIMAL.fullmatch(text) else None


def runtime(text: str, where: str = "", field: str = "", *, line: int | None = None) -> int | None:
    """A running time in minutes: "102", "102 min", "1h42", "2:13:00" (see runtime_or_none)."""
    minutes = runtime_or_none(text)
    if minutes is None:
        return refused(text, "a running time", where, field, line)
    return minutes


def runtime_or_none(text: str) -> int | None:
    """ "102", "102 min", "1h42", "2:13:00" (hours, minutes, seconds), "1:42" (hours and
    minutes) -> minutes; None if it is none of those."""
    text = text.strip()
    if is_whole_number(text):
        return int(text)
    try:
        if clock := _CLOCK.match(text):
            hours, minutes, seconds = clock.groups()
            if seconds is None:
                return int(hours) * 60 + int(minutes)
            return int(hours) * 60 + int(minutes) + round(int(seconds) / 60)
        hours = _HOURS.match(text)
        if hours and any(hours.groups()):
            return int(hours[1] or 0) * 60 + int(hours[2] or 0)
    except ValueError:  # more digits than int() reads
        return None
    return None


def price(
    text: str, where: str = "", field: str = "", *, line: int | None = None
) -> tuple[Decimal, str] | None:
    """An amount and its ISO currency (see price_or_none)."""
    found = price_or_none(text)
    if found is None:
        return refused(text, "a price", where, field, line)
    return found


def price_or_none(text: str) -> tuple[Decimal, str] | None:
    """ "$44.55", "12,99 €", "EUR 1.299,00" -> (amount, ISO currency); None without a currency
    cinecat knows, or without an amount."""
    match = _PRICE.match(text.strip())
    if not match:
        return None
    pre, post = match["pre"], match["post"]
    currency = currency_code(pre or post)
    if currency is None or (pre and post and currency_code(post) is None):
        return None  # no currency, or a stray sign after the amount: "$4²"
    number = match["number"].replace(" ", "").replace("'", "")
    if "," in number and "." in number:
        decimal_mark = "," if number.rfind(",") > number.rfind(".") else "."
    else:
        decimal_mark = "," if _TWO_DECIMALS.search(number) else "."
    thousands = "." if decimal_mark == "," else ","
    amount = decimal_or_none(number.replace(thousands, "").replace(decimal_mark, "."))
    return None if amount is None else (amount, currency)


def currency_code(text: str) -> str | None:
    """ "€", "$", "eur" -> the ISO code ("EUR", "USD"); None if it is not a currency."""
    token = text.strip()
    return _CURRENCY_SYMBOLS.get(token, token.upper() if _CURRENCY.fullmatch(token) else None)


def date(
    text: str, layout: Layout, where: str = "", field: str = "", *, line: int | None = None
) -> dt.date | None:
    """The date ``text`` gives in ``layout``; a FormatError saying the layout otherwise."""
    found = date_or_none(text, layout)
    if found is None:
        return refused(text, layout.what, where, field, line)
    return found


def date_or_none(text: str, layout: Layout) -> dt.date | None:
    for pattern in layout.patterns:
        try:
            if pattern == ISO:
                return dt.date.fromisoformat(text)  # ASCII digits only, as it checks itself
            if text.isascii():  # strptime's digits are any Unicode digits
                return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def moment(
    text: str, layout: Layout, where: str = "", field: str = "", *, line: int | None = None
) -> dt.datetime | None:
    """The date and time ``text`` gives in ``layout`` (aware if it names its zone)."""
    for pattern in layout.patterns:
        try:
            if pattern == ISO:
                return dt.datetime.fromisoformat(text)
            if text.isascii():
                return dt.datetime.strptime(text, pattern)
        except ValueError:
            continue
    return refused(text, layout.what, where, field, line)


@dataclass(frozen=True)
class OddValue:
    """A value kept as written because it is not what its field takes."""

    field: str
    text: str
    why: str  # "'2023-02-30' is not a date like '2004-08-07'"


_odd_values: ContextVar[list[OddValue] | None] = ContextVar("odd_values", default=None)


def refused(
    text: str, what: str, where: str = "", field: str = "", line: int | None = None
) -> None:
    """None, the value kept as odd, when reading under ``keeping_odd_values``; else a
    FormatError naming the entry, the field and what the value should have been."""
    kept = _odd_values.get()
    if kept is not None:
        at = f" (line {line})" if line is not None else ""
        kept.append(OddValue(field or "Value", text, f"{text!r}{at} is not {what}"))
        return None
    value = f"{field} {text!r}" if field else repr(text)
    raise FormatError(f"{value} is not {what}", line=line, where=where)


def keeping_odd_values(records: Iterator) -> Iterator:
    """The records, each with the values read for it that its fields cannot take kept as
    other details and flagged (see the module's docstring)."""
    while True:
        kept: list[OddValue] = []
        token = _odd_values.set(kept)
        try:
            record = next(records)
        except StopIteration:
            return
        finally:
            _odd_values.reset(token)
        yield with_odd_values(record, kept) if kept and isinstance(record, Record) else record


def odd_values_so_far() -> int:
    """How many odd values the record being read has so far (-1 when none are kept)."""
    kept = _odd_values.get()
    return -1 if kept is None else len(kept)


def name_odd_values(since: int, field: str) -> None:
    """The odd values kept after the first ``since`` are ``field``'s (a spreadsheet's column,
    whose cells are read without their column's name)."""
    kept = _odd_values.get()
    if kept is not None and len(kept) > since >= 0:
        kept[since:] = [dataclasses.replace(value, field=field) for value in kept[since:]]


def with_odd_values(record: Record, odd: list[OddValue]) -> Record:
    copy = record.copy
    details = tuple((value.field, value.text) for value in odd)
    flags = tuple((value.field, f"{value.why}: kept as written") for value in odd)
    copy = dataclasses.replace(
        copy, other_details=copy.other_details + details, flags=copy.flags + flags
    )
    return dataclasses.replace(record, copy=copy)
