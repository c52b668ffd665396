"""Tellico video collections: a ``.tc`` file (a ZIP holding ``tellico.xml`` and images) or the
plain XML.

Entries sit in ``<tellico><collection type="3">``, under Tellico's default namespace. A field
allowing several values is wrapped in its plural (``<genres><genre>``, ``<nationalitys>``), a
table field's rows hold ``<column>``s (cast: actor, role), and dates are ``<year><month><day>``.
The ``<fields>`` block before the entries declares the personal rating's maximum. The "Language
Tracks" (``languages``) and the "Audio Tracks" are the edition's audio, the ``studios`` the
work's, the ``format`` its video standard (NTSC, PAL), ``widescreen`` a screen format and
``directors-cut`` a feature. Fields cinecat has no place for (``gift``, the ``amazon`` link …)
are kept as the copy's other details, under Tellico's field names, a checked box as "Yes". The
created and modified dates are days: the start of the day where cinecat reads dates.

Loans live in a ``<borrowers>`` block after ``<collection>``: ``<borrower name="…">`` holding
``<loan entryRef="…" loanDate="YYYY-MM-DD" dueDate="…">note</loan>``, the entry's id in
``entryRef`` and the loan's note as its text. Tellico lists only the loans still out, so each
becomes an open loan of the entry's copy (a date Tellico would not read is left out, as Tellico
does; the ``calendar`` flag and the uids have no place). Tellico also checks the entry's
``loaned`` box: it is dropped when a loan record explains it, and kept as an other detail only
when none does. A loan naming an entry the file does not hold is ignored, as Tellico does.

The entries are read one at a time, so as the block comes last the document is read first for
it: a byte search for a ``<borrowers>`` tag (most collections have none), then, if there is
one, a parse that keeps only that block. Memory grows with the loans, never with the entries.
"""

import contextlib
import datetime as dt
import re
import zipfile
from collections.abc import Callable, Iterator
from typing import BinaryIO

from lxml import etree

from cinecat.catalog.records import UNKNOWN_BORROWER, LoanRecord, Record

from . import field_values as fv
from . import parse
from .archive_safety import refuse_unsafe_members
from .base import FileFormat, FormatError
from .census import Census
from .xml_safe_parse import iter_elements, local_name, rewindable, text

_NAMESPACE = b"periapsis.org/tellico"
_MEMBER = "tellico.xml"
_VIDEO = "3"  # Tellico's collection type for videos
_CREW = {"director": "Director", "producer": "Producer", "writer": "Writer", "composer": "Composer"}
_RATING_COUNTRIES = {"USA": "US", "UK": "GB", "Canada": "CA", "Germany": "DE", "France": "FR"}
_BORROWERS_TAG = re.compile(rb"<(?:[\w.-]+:)?borrowers[\s/>]")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_SEARCHED_AT_ONCE = 1024 * 1024


def detect(head: bytes) -> bool:
    if head.startswith(b"PK\x03\x04"):
        return _MEMBER.encode() in head
    return _NAMESPACE in head or b"<!DOCTYPE tellico" in head


def read(stream: BinaryIO, census: Census | None = None) -> Iterator[Record]:
    stream = rewindable(stream)
    is_zip = stream.read(4) == b"PK\x03\x04"
    stream.seek(0)
    if not is_zip:
        yield from _document(lambda: _from_the_start(stream), census)
        return
    try:
        with zipfile.ZipFile(stream) as archive:
            member = _checked_member(archive)
            yield from _document(lambda: archive.open(member), census)
    except zipfile.BadZipFile as exc:
        raise FormatError(f"the .tc file is not a readable ZIP archive: {exc}") from exc


def _checked_member(archive: zipfile.ZipFile) -> zipfile.ZipInfo:
    """The tellico.xml member, after refusing any member that could escape or explode."""
    refuse_unsafe_members(archive)
    try:
        return archive.getinfo(_MEMBER)
    except KeyError:
        raise FormatError(f"the .tc archive has no {_MEMBER}") from None


def _from_the_start(stream: BinaryIO) -> contextlib.AbstractContextManager[BinaryIO]:
    stream.seek(0)
    return contextlib.nullcontext(stream)


def _document(
    open_xml: Callable[[], contextlib.AbstractContextManager[BinaryIO]],
    census: Census | None = None,
) -> Iterator[Record]:
    """The entries with their loans: the document is opened again for each pass."""
    loans: dict[str, list[LoanRecord]] = {}
    with open_xml() as xml:
        has_borrowers = _names_borrowers(xml)
    if has_borrowers:
        with open_xml() as xml:
            loans = _loans(xml)
    with open_xml() as xml:
        yield from _entries(xml, loans, census)


def _names_borrowers(xml: BinaryIO) -> bool:
    """Whether the bytes hold a <borrowers> tag: far cheaper than parsing them, and enough to
    skip the loans pass. UTF-16 cannot be searched byte-wise, so it is assumed to hold one."""
    tail = b""
    while chunk := xml.read(_SEARCHED_AT_ONCE):
        if not tail and chunk.startswith(_UTF16_BOMS):
            return True
        searched = tail + chunk
        if _BORROWERS_TAG.search(searched):
            return True
        tail = searched[-64:]  # so that a tag cut by the reads is found whole next time
    return False


def _loans(xml: BinaryIO) -> dict[str, list[LoanRecord]]:
    """Each entry's loans by entry id, from the <borrowers> block; the rest is freed as read."""
    loans: dict[str, list[LoanRecord]] = {}
    for block in iter_elements(xml, _is_borrowers, root=("tellico",)):
        for borrower in block:
            if local_name(borrower) != "borrower":
                continue
            name = borrower.get("name", "").strip() or UNKNOWN_BORROWER
            for loan in borrower:
                if local_name(loan) == "loan":
                    entry = _entry_id(loan.get("entryRef", ""))
                    loans.setdefault(entry, []).append(_loan(name, loan))
    return loans


def _is_borrowers(element: etree._Element) -> bool:
    # Tellico writes the block in <tellico>; one inside <collection> is read all the same.
    parent = local_name(element.getparent())
    return local_name(element) == "borrowers" and parent in ("tellico", "collection")


def _loan(borrower: str, loan: etree._Element) -> LoanRecord:
    return LoanRecord(
        borrower,
        lent_on=_iso_date(loan.get("loanDate", "")),
        due_on=_iso_date(loan.get("dueDate", "")),
        notes=text(loan),
    )


def _entry_id(value: str) -> str:
    """An entry id as Tellico compares them, as numbers ("072" is entry 72)."""
    value = value.strip()
    return (value.lstrip("0") or "0") if parse.is_whole_number(value) else value


def _iso_date(value: str) -> dt.date | None:
    # None when empty, or a date Tellico itself would read as none.
    return parse.date_or_none(value.strip(), parse.ISO_DATE)


def _entries(
    xml: BinaryIO, loans: dict[str, list[LoanRecord]], census: Census | None
) -> Iterator[Record]:
    maximum = 5.0  # Tellico's default rating field
    number = 0
    for element in iter_elements(xml, _wanted, root=("tellico",)):
        if local_name(element) == "fields":
            maximum = _rating_maximum(element, maximum)
            continue
        number += 1
        # Popped: each list is handed over once, and the map shrinks as the entries come.
        lent = tuple(loans.pop(_entry_id(element.get("id", "")), ()))
        yield _record(element, number, maximum, lent, census)


def _wanted(element: etree._Element) -> bool:
    name = local_name(element)
    if name == "collection":
        kind = element.get("type", _VIDEO)
        if kind != _VIDEO:
            raise FormatError(
                f"this Tellico collection is of type {kind}, not videos (type 3)",
                line=element.sourceline,
            )
        return False
    parent = element.getparent()
    return name in ("fields", "entry") and local_name(parent) == "collection"


def _rating_maximum(fields: etree._Element, default: float) -> float:
    for spec in fields:
        if spec.get("name") == "rating":
            for prop in spec:
                if prop.get("name") == "maximum" and parse.is_whole_number(text(prop)):
                    return float(text(prop)) or default  # a maximum of 0 rates nothing
    return default


def _record(
    entry: etree._Element,
    number: int,
    maximum: float,
    loans: tuple[LoanRecord, ...],
    census: Census | None = None,
) -> Record:
    where = f"<entry> #{number} (line {entry.sourceline})"
    draft = fv.Draft(census=census)
    for child in entry:
        name = local_name(child)
        found = _values(child, where)
        if not found or found == ["false"]:  # an unchecked box holds no value
            continue
        draft.reading(name, len(found))  # a value an item, or a table's row
        if name == "loaned" and loans:
            draft.derived()  # the checked box only says the entry is lent, as its loans do
            continue
        _map(draft, name, found, maximum)
    if loans:
        draft.reading("borrowers/borrower/loan", len(loans))
        draft.copy["loans"] = loans
    source_id = entry.get("id", "")
    draft.reading("@id")
    draft.landed("record.source_id")
    if parse.is_whole_number(source_id):
        # Tellico's entry ID is the number its ID column shows, i.e. the user's numbering.
        draft.copy["index"] = int(source_id)
    return draft.record(source_id=source_id, where=where)


def _values(child: etree._Element, where: str) -> list:
    """Text values of a field: one for a plain field, each item of a plural wrapper, a tuple
    of column texts per table row, and a date for ``<year><month><day>``."""
    if len(child) == 0:
        return [text(child)] if text(child) else []
    names = {local_name(item) for item in child}
    if names <= {"year", "month", "day"} and local_name(child) != "years":
        return [_parted_date(child, where)]
    found = []
    for item in child:
        columns = [text(column) for column in item if local_name(column) == "column"]
        found.append(tuple(columns) if columns else text(item))
    return [value for value in found if value]


def _parted_date(child: etree._Element, where: str) -> dt.date | None:
    """A date as syntax 11 writes it, ``<year><month><day>``; a month or day left empty is
    the first."""
    name = local_name(child)
    parts = {
        local_name(item): parse.whole_number(text(item), where, f"<{name}><{local_name(item)}>")
        for item in child
        if text(item)
    }
    if None in parts.values():
        return None  # a part that is no number, kept as written
    try:
        return dt.date(parts["year"], parts.get("month", 1), parts.get("day", 1))
    except (KeyError, ValueError, OverflowError):
        written = "-".join(text(item) for item in child)
        return parse.refused(written, "a valid date", where, f"<{name}>", child.sourceline)


def _map(draft: fv.Draft, name: str, values: list, maximum: float) -> None:
    """A field into the entry's work, edition or copy; kept as an other detail if none takes
    it (or a value of it cannot be read)."""
    if not (_work_field(draft, name, values) or _copy_field(draft, name, values, maximum)):
        draft.keep(name, _text(values))


def _work_field(draft: fv.Draft, name: str, values: list) -> bool:
    first, work = values[0], draft.work
    match name:
        case "title":
            work["title"] = first
        case "origtitle":
            work["original_title"] = first
        case "years" | "year" if parse.is_whole_number(str(first)):
            work["year"] = int(first)
        case "years" | "year":
            draft.keep("year", _text(values))
        case "genres":
            work["genres"] = tuple(values)
        case "nationalitys" | "nationality":
            work["countries"] = tuple(values)
        case "casts":
            for row in values:
                row = row if isinstance(row, tuple) else (row,)
                draft.cast(row[0], row[1] if len(row) > 1 else "")
        case "directors" | "producers" | "writers" | "composers":
            draft.crew(tuple(values), _CREW[name.removesuffix("s")])
        case "languages" | "language":
            # Tellico's "Language Tracks": the disc's audio, not the languages of the film.
            _audio(draft, values)
        case "running-time" if (minutes := parse.runtime_or_none(first)) is not None:
            work["runtime_minutes"] = minutes
        case "color":
            work["colour"] = first
        case "plot":
            draft.plot(first)
        case "imdb" | "url":
            draft.web_page(first, name)
        case _:
            return False
    return True


def _copy_field(draft: fv.Draft, name: str, values: list, maximum: float) -> bool:
    """A field of the edition or the copy."""
    first, edition, copy = values[0], draft.edition, draft.copy
    match name:
        case "medium":
            draft.medium(first, name)
        case "certification":
            rating, _, country = first.partition(" (")
            edition["rating"] = rating
            edition["rating_country"] = _RATING_COUNTRIES.get(country.rstrip(")"), "")
        case "region" | "regions":
            edition["regions"] = tuple(v.removeprefix("Region").strip() for v in values)
        case "studios" | "studio":
            draft.work["studios"] = tuple(values)  # who made the film
        case "format" if first in ("NTSC", "PAL", "SECAM"):
            edition["video_standard"] = first
        case "widescreen":
            edition["screen_formats"] = ("Widescreen",)
        case "directors-cut":
            edition["features"] = (*edition.get("features", ()), "Director's cut")
        case "subtitles":
            edition["subtitles"] = tuple(values)
        case "audio-tracks" | "audio-track":
            _audio(draft, values)
        case "aspect-ratios" | "aspect-ratio":
            edition["aspect_ratio"] = ", ".join(values)
        case "barcode" | "upc" | "ean":
            edition["barcode"] = first
        case "rating" if parse.is_whole_number(str(first)):
            # Tellico rates 1 to the field's maximum (5 unless <fields> says otherwise).
            copy["my_rating"] = fv.scaled_rating(float(first), maximum)
        case "pur_date" | "cdate" | "mdate":
            _date(draft, name, first)
        case "pur_price":
            draft.price(first, name)
        case "comments":
            copy["notes"] = first
        case "keywords" | "keyword":
            copy["tags"] = tuple(values)
        case "location":
            copy["location"] = fv.split(first, "/")
        case "id":
            draft.derived()  # the same number as the entry's id attribute
        case "seen" if first == "true":
            copy["viewings"] = 1  # a "seen" box says one viewing at least
        case _:
            return False
    return True


def _audio(draft: fv.Draft, values: list) -> None:
    """The language tracks and the audio tracks, in the order met, as the edition's audio."""
    draft.edition["audio"] = (*draft.edition.get("audio", ()), *values)


def _text(values: list) -> str:
    """A field's values as one text: items joined with commas, a table one row a line."""
    separator = "\n" if any(isinstance(value, tuple) for value in values) else ", "
    return separator.join(_item(value) for value in values)


def _item(value: object) -> str:
    """A value as text: a table row's columns joined with commas, a date as YYYY-MM-DD, a
    checked box ("true") as Yes."""
    if isinstance(value, tuple):
        return ", ".join(filter(None, value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return "Yes" if value == "true" else str(value)


_DATES = {"pur_date": "purchased_on", "cdate": "added_at", "mdate": "modified_at"}


def _date(draft: fv.Draft, name: str, value: object) -> None:
    """Syntax 11 writes dates as <year><month><day>; older files and the free-text purchase
    date hold text, of which only ISO dates are certain."""
    if not isinstance(value, dt.date):
        found = parse.date_or_none(str(value), parse.ISO_DATE)
        if found is None:
            draft.keep(name, str(value))
            return
        value = found
    key = _DATES[name]
    draft.copy[key] = value if key == "purchased_on" else fv.local_midnight(value)


FORMAT = FileFormat(
    key="tellico",
    label="Tellico (.tc or XML)",
    detect=detect,
    read=read,
    counts=True,
)
