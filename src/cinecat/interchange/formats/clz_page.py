"""A CLZ collection page saved as text: one entry, as the public web page shows it.

The page is a sequence of blocks separated by blank lines: the title lines, the edition block
(distributor and release date, format, rating, barcode, genres, country | language | colour |
runtime), plot summaries (each signed by a line starting with an em dash), the synopsis, the cast,
the trailer, then labelled "Edition details", "Personal" and "Tags" sections.

The page runs an actor's name and the character together ("Simon Russell Beale Lavrenti Beria");
see ``_credit`` for how they are told apart. A tab between them is honoured when present.
"""

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from django.utils import timezone

from cinecat.catalog.records import (
    CopyRecord,
    CreditRecord,
    EditionRecord,
    PlotRecord,
    Record,
    WorkRecord,
)

from . import parse
from .base import FileFormat, FormatError
from .census import DROPPED, Census

_DATE = r"[A-Z][a-z]{2} [0-9]{1,2}, [0-9]{4}"
_DISTRIBUTOR = re.compile(rf"^(?P<name>.*?)\s*\((?P<date>{_DATE})\)$")
_RATING = re.compile(r"^(?P<country>[A-Z]{2,3}) - (?P<code>\S.*)$")
_BARCODE = re.compile(r"^[0-9][0-9 -]{6,}$")
_RUNTIME = re.compile(r"^(?P<hours>[0-9]{1,2}):(?P<minutes>[0-9]{2})$")
_SIGNATURE = "\u2014"  # an em dash starts the line that signs a plot summary
_SYNOPSIS_HEADINGS = {"SYNOPSIS", "SYNPOSIS"}  # the published pages spell it both ways
_CAST_HEADINGS = {"Cast", "Cast View all"}
_SECTIONS = {"Trailer", "Edition details", "Personal", "Tags"}
# Particles that belong to the surname: "Sylvestra Le Touzel", "Dick Van Dyke".
_NAME_PARTICLES = {
    "le",
    "la",
    "de",
    "del",
    "della",
    "der",
    "den",
    "van",
    "von",
    "du",
    "da",
    "di",
    "dos",
    "das",
    "ten",
    "ter",
    "st.",
    "mac",
    "bin",
    "al",
    "el",
}
_CREDITED_NAME = re.compile(r"\(([A-Z][\w'.-]+(?: [A-Z][\w'.-]+){1,3})\)")

_EDITION_LABELS = {
    "Nr Discs": "discs",
    "Regions": "regions",
    "Edition": "name",
    "Packaging": "packaging",
    "Screen Ratios": "aspect_ratio",
    "Audio Tracks": "audio",
    "Subtitles": "subtitles",
}
_PERSONAL_LABELS = {
    "Owner": "owner",
    "Location": "location",
    "Storage Device": "storage_device",
    "Storage Slot": "storage_slot",
    "Purchased On": "purchased_on",
    "Purchase Date": "purchased_on",
    "Purchase Store": "purchase_store",
    "Condition": "condition",
    "Index": "index",
    "Added Date": "added_at",
    "Modified Date": "modified_at",
    "Notes": "notes",
}


@dataclass
class _Line:
    number: int
    text: str


def detect(head: bytes) -> bool:
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    lines = [line.strip() for line in text.splitlines()[:40]]
    return any(_DISTRIBUTOR.match(line) for line in lines) and not text.lstrip().startswith("<")


def read(stream: BinaryIO, census: Census | None = None) -> Iterator[Record]:
    raw = stream.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FormatError("the text is not UTF-8", line=line) from exc
    if not text.strip():
        raise FormatError("the file is empty", line=1)
    lines = [_Line(number, value.strip()) for number, value in enumerate(text.splitlines(), 1)]
    record, labels = _parse(lines)
    if census is not None:
        _count(census, record, labels)
    yield record


def _count(census: Census, record: Record, labels: list[tuple[str, str]]) -> None:
    """Where each value of the page landed: the page is read into the record's fields, so
    each value the record holds is one of the page's; a labelled line of a label cinecat does
    not know is dropped (and named as unmapped)."""
    work, edition, copy = record.works[0], record.edition, record.copy
    summaries = [plot for plot in work.plots if plot.kind == "summary"]
    pieces = [
        ("title", "work.title", work.title),
        ("original title", "work.original_title", work.original_title),
        ("distributor", "edition.distributor", edition.distributor),
        ("release date", "edition.release_date", edition.release_date),
        ("format", "edition.format", edition.format),
        ("rating", "edition.rating + edition.rating_country", edition.rating),
        ("barcode", "edition.barcode", edition.barcode),
        ("genres", "work.genres", work.genres),
        ("country", "work.countries", work.countries),
        ("language", "work.languages", work.languages),
        ("colour", "work.colour", work.colour),
        ("running time", "work.runtime_minutes", work.runtime_minutes),
        ("plot summaries", "plot.text", summaries),
        ("plot summaries' authors", "plot.author", [p for p in summaries if p.author]),
        ("synopsis", "plot.text", [p for p in work.plots if p.kind == "synopsis"]),
        ("cast", "credit.character + credit.name", work.credits),
        ("Trailer", "work.trailer_url", work.trailer_url),
        ("Tags", "copy.tags", copy.tags),
    ]
    for path, where, value in pieces:
        count = len(value) if isinstance(value, tuple | list) else int(bool(value))
        if count:
            census.see(path, count)
            census.note(path, where, count)
    for path, where in labels:
        census.see(path)
        census.note(path, where)


def _parse(lines: list[_Line]) -> tuple[Record, list[tuple[str, str]]]:
    head = next((i for i, line in enumerate(lines[:40]) if _DISTRIBUTOR.match(line.text)), None)
    if head is None:
        raise FormatError(
            "this is not a collection page: no 'Distributor (Mon DD, YYYY)' line near the top",
            line=1,
        )
    title, original_title = _titles(lines[:head])
    block_end = _next_blank(lines, head)
    edition, work_facts = _edition_block(lines[head:block_end])
    sections = _split_sections(lines[block_end:])
    plots = _plots(sections.get("plots", []))
    synopsis = _paragraphs(sections.get("synopsis", []))
    if synopsis:
        plots.append(PlotRecord(text=synopsis, kind="synopsis"))
    known_names = _credited_names(plots)
    credits = tuple(_credit(line.text, known_names) for line in sections.get("cast", []))
    edition_details = _labelled(sections.get("Edition details", []), _EDITION_LABELS)
    personal = _labelled(sections.get("Personal", []), _PERSONAL_LABELS)
    work = WorkRecord(
        title=title,
        original_title=original_title,
        plots=tuple(plots),
        credits=credits,
        trailer_url=_first_url(sections.get("Trailer", [])),
        **work_facts,
    )
    record = Record(
        works=(work,),
        edition=_edition(edition, edition_details),
        copy=_copy(personal, sections.get("Tags", [])),
        where=f"line {lines[head].number}",
        unmapped=tuple(sorted(edition_details.unmapped + personal.unmapped)),
    )
    labels = [
        (f"{section}/{label}", f"{part}.{field}")
        for section, part, labelled in (
            ("Edition details", "edition", edition_details),
            ("Personal", "copy", personal),
        )
        for label, field in labelled.labels
    ]
    labels += [(f"{name} (unknown label)", DROPPED) for name in record.unmapped]
    return record, labels


def _titles(lines: list[_Line]) -> tuple[str, str]:
    """The last line of each of the last two blocks before the distributor line; lines before
    the title (cover sizes on saved pages) are not part of the entry."""
    blocks = _blocks(lines)
    if not blocks:
        raise FormatError("the title is missing before the distributor line", line=1)
    if len(blocks) == 1:
        return blocks[0][-1].text, ""
    return blocks[-2][-1].text, blocks[-1][-1].text


def _next_blank(lines: list[_Line], start: int) -> int:
    return next((i for i in range(start, len(lines)) if not lines[i].text), len(lines))


def _edition_block(block: list[_Line]) -> tuple[dict, dict]:
    match = _DISTRIBUTOR.match(block[0].text)
    edition: dict = {
        "distributor": match["name"],
        "release_date": _date(match["date"], block[0].number, "Release date"),
    }
    work: dict = {}
    rest = block[1:]
    if rest:
        edition["format"] = rest.pop(0).text
    for line in rest:
        if rating := _RATING.match(line.text):
            edition["rating_country"], edition["rating"] = rating["country"], rating["code"]
        elif _BARCODE.match(line.text):
            edition["barcode"] = line.text  # one that is none is kept as given, flagged
        elif _RUNTIME.match(line.text.rsplit("|", 1)[-1].strip()):
            work.update(_details(line))
        else:
            work["genres"] = _split(line.text, "|")
    return edition, work


def _details(line: _Line) -> dict:
    """'UK | English | Color | 01:47': country, language, colour, runtime."""
    parts = [part.strip() for part in line.text.split("|")]
    runtime = _RUNTIME.match(parts.pop())
    details = {"runtime_minutes": int(runtime["hours"]) * 60 + int(runtime["minutes"])}
    for key, part in zip(("countries", "languages"), parts[:2], strict=False):
        details[key] = _split(part, ",")
    if len(parts) > 2:
        details["colour"] = parts[2]
    return details


def _split(text: str, separator: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(separator) if part.strip())


def _split_sections(lines: list[_Line]) -> dict[str, list[_Line]]:
    """Group the lines after the edition block under the heading they follow."""
    sections: dict[str, list[_Line]] = {"plots": []}
    current = "plots"
    for line in lines:
        heading = _heading(line.text)
        if heading:
            current = heading
            sections.setdefault(current, [])
        elif line.text or current in ("plots", "synopsis"):
            sections.setdefault(current, []).append(line)
    return sections


def _heading(text: str) -> str:
    if text in _SYNOPSIS_HEADINGS:
        return "synopsis"
    if text in _CAST_HEADINGS:
        return "cast"
    return text if text in _SECTIONS else ""


def _blocks(lines: list[_Line]) -> list[list[_Line]]:
    blocks: list[list[_Line]] = [[]]
    for line in lines:
        if line.text:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _plots(lines: list[_Line]) -> list[PlotRecord]:
    plots = []
    for block in _blocks(lines):
        author = ""
        if len(block) > 1 and block[-1].text.startswith(_SIGNATURE):
            author = block.pop().text.removeprefix(_SIGNATURE).strip()
        plots.append(PlotRecord(text="\n".join(line.text for line in block), author=author))
    return plots


def _paragraphs(lines: list[_Line]) -> str:
    return "\n\n".join("\n".join(line.text for line in block) for block in _blocks(lines))


def _credited_names(plots: list[PlotRecord]) -> set[str]:
    """Actors named in the plot texts, 'Beria (Simon Russell Beale)', to split cast lines."""
    return {name.casefold() for plot in plots for name in _CREDITED_NAME.findall(plot.text)}


def _credit(text: str, known_names: set[str]) -> CreditRecord:
    """'Simon Russell Beale Lavrenti Beria' → actor and character.

    The page runs the two together. The actor is the longest prefix that the plot texts credit,
    else a first name plus a surname with its particles ('Sylvestra Le Touzel'), else two words.
    """
    if "\t" in text:
        name, _, character = text.partition("\t")
        return CreditRecord(name=name.strip(), character=character.strip())
    words = text.split()
    cut = next(
        (
            n
            for n in range(min(len(words), 5), 1, -1)
            if " ".join(words[:n]).casefold() in known_names
        ),
        None,
    )
    if cut is None:
        cut = 1
        while cut < len(words) - 1 and words[cut].casefold() in _NAME_PARTICLES:
            cut += 1
        cut = min(cut + 1, len(words))
    return CreditRecord(name=" ".join(words[:cut]), character=" ".join(words[cut:]))


@dataclass
class _Labelled:
    values: dict
    unmapped: list[str]
    labels: list[tuple[str, str]]  # (label, field) of each line read


def _labelled(lines: list[_Line], labels: dict[str, str]) -> _Labelled:
    values: dict = {}
    unmapped: list[str] = []
    read: list[tuple[str, str]] = []
    by_length = sorted(labels, key=len, reverse=True)
    for line in lines:
        label = next((lb for lb in by_length if line.text.startswith(lb + " ")), None)
        if label is None:
            unmapped.append(line.text.split(" ")[0])
            continue
        values[labels[label]] = (line.text[len(label) :].strip(), line.number)
        read.append((label, labels[label]))
    return _Labelled(values, unmapped, read)


def _edition(facts: dict, details: _Labelled) -> EditionRecord:
    values = details.values
    if "discs" in values:
        facts["discs"] = _whole(*values["discs"], "Discs")
    if "regions" in values:
        facts["regions"] = tuple(
            part.removeprefix("Region").strip() for part in values["regions"][0].split(",")
        )
    for key in ("name", "packaging", "aspect_ratio"):
        if key in values:
            facts[key] = values[key][0]
    for key in ("audio", "subtitles"):
        if key in values:
            facts[key] = _split(values[key][0], ",")
    return EditionRecord(**facts)


def _copy(personal: _Labelled, tag_lines: list[_Line]) -> CopyRecord:
    values = {key: value for key, (value, _) in personal.values.items()}
    lines = {key: number for key, (_, number) in personal.values.items()}
    if "index" in values:
        values["index"] = _whole(values["index"], lines["index"], "Index")
    if "purchased_on" in values:
        values["purchased_on"] = _date(
            values["purchased_on"], lines["purchased_on"], "Purchase date"
        )
    for key, label in (("added_at", "Added"), ("modified_at", "Modified")):
        if key in values:
            values[key] = _moment(values[key], lines[key], label)
    if "location" in values:
        values["location"] = tuple(part.strip() for part in values["location"].split("/"))
    values["tags"] = tuple(tag for line in tag_lines for tag in _tags(line.text))
    return CopyRecord(**values)


def _tags(text: str) -> tuple[str, ...]:
    """The page shows tags as chips that copy out as 'Piano USSR': a line splits on commas when
    it has any, otherwise on spaces (so a tag of several words needs a line or commas)."""
    return _split(text, ",") if "," in text else tuple(text.split())


def _first_url(lines: list[_Line]) -> str:
    return next((line.text for line in lines if line.text.startswith(("http://", "https://"))), "")


# A page's line is the field (its label and value): its number names both in an error.


def _whole(text: str, line: int, field: str = "") -> int | None:
    return parse.whole_number(text, field=field, line=line)


def _date(text: str, line: int, field: str = "") -> dt.date | None:
    return parse.date(text, parse.MONTH_NAME_DATE, field=field, line=line)


def _moment(text: str, line: int, field: str = "") -> dt.datetime | None:
    """The page's times are local: where cinecat reads dates."""
    found = parse.moment(text, parse.MONTH_NAME_TIME, field=field, line=line)
    return None if found is None else timezone.make_aware(found)


FORMAT = FileFormat(
    key="clz-page",
    label="CLZ collection page (text)",
    detect=detect,
    read=read,
    counts=True,
)
