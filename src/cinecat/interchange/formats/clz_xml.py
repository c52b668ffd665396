"""CLZ Movie Collector's XML export: ``<movieinfo><movielist><movie>…``, one ``<movie>`` an entry.

Lookup values are nested as ``<x><displayname>…</displayname></x>``, lists as
``<genres><genre><displayname>…``. Dates are US style (``7/25/2020 1:45:22 PM``, local time, kept
naive). Prices carry the symbol of the exporting PC's currency (``$44.55``); a bare ``$`` is read
as USD. ``<imdbnum>`` is the IMDb number without leading zeros. The audience rating is CLZ's MPAA
list (``PG-13 (Parental Guidance)``), so its country is US. "Seen it" counts as one viewing.
A TV box set (one ``<movie>`` whose ``<discs>`` hold ``<episodes>``) stays one work.

Every child of ``<movie>`` that carries a value is mapped or kept, as text under its CLZ tag, in
``CopyRecord.other_details`` in the order of the ``<movie>``'s children; only values derived
from mapped ones and CLZ's own bookkeeping are skipped, on purpose, below. A plain element
keeps its text ("imdbrating": "9.2"), a lookup its display name ("series": "Avatar: The Last
Airbender"), a list reads "A, B" ("studios", "features"), links are "Description: URL" lines,
and a release date that is only a year keeps the year ("dvdreleasedate": "2000"). A disc's
values ("episodes": "1. The Last Airbender (seen)", one episode a line) are kept unless they
repeat the movie's own, under the disc's title ("Disc 02:") when there are several discs.
``Record.unmapped`` names only a field whose value cannot be read as text.
"""

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from typing import BinaryIO

from lxml import etree

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
from .field_values import Details, DetailsByElement
from .xml_safety import iter_entries, root_tag

_MEDIA_NAMES = {
    "dvd": "DVD",
    "blu-ray": "Blu-ray",
    "bluray": "Blu-ray",
    "blu-ray 3d": "Blu-ray 3D",
    "4k uhd": "4K UHD",
    "4k ultra hd": "4K UHD",
    "ultra hd blu-ray": "4K UHD",
    "hd dvd": "HD DVD",
    "hd-dvd": "HD DVD",
    "vhs": "VHS",
    "laserdisc": "LaserDisc",
    "video cd": "Video CD",
    "vcd": "Video CD",
    "digital": "Digital",
}
_STATUSES = {
    "in collection": "owned",
    "wish list": "wish",
    "on wish list": "wish",
    "on order": "ordered",
    "for sale": "for_sale",
    "sold": "sold",
}
_CREW_JOBS = {
    "dfDirector": "Director",
    "dfWriter": "Writer",
    "dfProducer": "Producer",
    "dfCamera": "Cinematographer",
    "dfMusic": "Composer",
}
_US_RATINGS = {"G", "PG", "PG-13", "R", "NC-17", "NR", "X", "Unrated"}
_CURRENCIES = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "C$": "CAD"}
# Values derived from mapped ones, and CLZ's own bookkeeping: skipped on purpose.
_DERIVED = {"imdburl", "tmdburl", "runtimeminutes", "layersnum", "episodecount"}
_BOOKKEEPING = {"titlefirstletter", "thumbfilepath", "backgroundbackdrop", "submissiondate"}
_REVISIONS = {"bpmovielastreceivedrevision", "bpmedialastreceivedrevision"}
# A lookup's sort forms and CLZ's pictures of it, beside its displayname.
_LOOKUP_FORMS = {"sortname", "lastname", "templateimage", "scaledimage"}
_EPISODE_FORMS = {
    "runtimeminutes": "{} min",
    "firstairdate": "first aired {}",
    "viewingdate": "seen on {}",
}
_EMPTY = {"", "0", "N/A", "No"}
_PRICE = re.compile(r"^(?P<pre>[^0-9\s.,]*)\s*(?P<amount>[0-9][0-9.,]*)\s*(?P<post>[^0-9\s.,]*)$")
_SORT_PREFIX = re.compile(r"^[0-9]{3} ")  # "010 Dolby Digital Mono [Spanish]" sorts by its prefix


def detect(head: bytes) -> bool:
    return root_tag(head) == "movieinfo"


def read(stream: BinaryIO) -> Iterator[Record]:
    for number, movie in iter_entries(
        stream, root="movieinfo", container="movielist", entry="movie"
    ):
        yield _Movie(movie, f"<movie> #{number}").record()


class _Movie:
    """One ``<movie>``: reads values by tag and remembers which tags it used."""

    def __init__(self, element: etree._Element, where: str) -> None:
        self.element = element
        self.where = where
        self.used: set[str] = _DERIVED | _BOOKKEEPING | _REVISIONS
        self.unmapped: set[str] = set()
        self.kept = DetailsByElement()  # by the child of <movie> they come from

    def keep(self, tag: str, value: str, name: str = "") -> None:
        """Keep a value with no field of its own, under ``name`` (the tag unless given)."""
        self.kept.keep(tag, name or tag, value)

    def text(self, tag: str) -> str:
        """The first ``<tag>`` text that is not empty or 0 (``<myrating>`` comes twice, the
        first often 0; CLZ writes 0 for "no value" in numbers)."""
        self.used.add(tag.split("/")[0])
        values = (_clean(child.text) for child in self.element.iterfind(tag))
        return next((value for value in values if value not in ("", "0")), "")

    def name(self, tag: str) -> str:
        self.used.add(tag)
        return _clean(self.element.findtext(f"{tag}/displayname"))

    def names(self, path: str) -> tuple[str, ...]:
        """Every ``displayname`` at ``path``: ``names("genres/genre")``, ``names("country")``."""
        self.used.add(path.split("/")[0])
        found = (_clean(node.text) for node in self.element.iterfind(f"{path}/displayname"))
        return tuple(name for name in found if name)

    def fail(self, message: str, tag: str) -> FormatError:
        node = self.element.find(tag)
        return FormatError(
            message, line=node.sourceline if node is not None else None, where=self.where
        )

    def record(self) -> Record:
        work, edition, copy = self._work(), self._edition(), self._copy()
        source_id = self.text("id")
        return Record(
            works=(work,),
            edition=edition,
            copy=replace(copy, other_details=self._details().pairs()),
            source_id=source_id,
            where=self.where,
            unmapped=tuple(sorted(self.unmapped)),
        )

    def _details(self) -> Details:
        """The kept values, then every unread child that has one, in the movie's order."""
        for child in self.element:
            if child.tag not in self.used and _has_value(child):
                if value := _readable(child):
                    self.keep(child.tag, value)
                else:
                    self.unmapped.add(child.tag)
        return self.kept.in_order_of(self.element)

    def _work(self) -> WorkRecord:
        year = self.text("releasedate/year/displayname") or self.text("releasedate/date")
        plot = self.text("plot")
        return WorkRecord(
            title=self.text("title"),
            sort_title=self.text("titlesort"),
            original_title=self.text("originaltitle"),
            year=self._whole_number(year, "releasedate"),
            runtime_minutes=self._whole_number(self.text("runtime"), "runtime"),
            colour=self.text("color"),
            genres=self.names("genres/genre"),
            countries=self.names("country"),
            languages=self.names("language"),
            plots=(PlotRecord(text=plot),) if plot else (),
            credits=self._cast() + self._crew(),
            trailer_url=self._trailer(),
            imdb_id=self._imdb_id(),
            tmdb_id=self._whole_number(self.text("tmdbid"), "tmdbid"),
        )

    def _cast(self) -> tuple[CreditRecord, ...]:
        self.used.add("cast")
        return tuple(
            CreditRecord(
                name=_clean(star.findtext("person/displayname")),
                character=_clean(star.findtext("character")),
            )
            for star in self.element.iterfind("cast/star")
        )

    def _crew(self) -> tuple[CreditRecord, ...]:
        self.used.add("crew")
        return tuple(
            CreditRecord(
                name=_clean(member.findtext("person/displayname")),
                job=_CREW_JOBS.get(_clean(member.findtext("roleid")))
                or _clean(member.findtext("role")),
                role="crew",
            )
            for member in self.element.iterfind("crew/crewmember")
        )

    def _trailer(self) -> str:
        """The first trailer's address; the other links are kept, one a line, but for the
        movie's pages on IMDb and TMDb, which its ids give."""
        self.used.add("links")
        trailers, others = [], []
        for link in self.element.iterfind("links/link"):
            url = _clean(link.findtext("url"))
            if "trailer" in _clean(link.findtext("urltype")).casefold():
                trailers.append(url)
                if len(trailers) == 1:
                    continue
            elif self._is_own_page(url):
                continue
            others.append(_link_line(link))
        self.keep("links", "\n".join(line for line in others if line))
        return trailers[0] if trailers else ""

    def _is_own_page(self, url: str) -> bool:
        if re.search(r"imdb\.com/title/tt[0-9]+", url):
            return True
        tmdb = re.search(r"themoviedb\.org/movie/([0-9]+)", url)
        return tmdb is not None and tmdb[1] == self.text("tmdbid")

    def _imdb_id(self) -> str:
        linked = re.findall(r"tt([0-9]+)", self.text("imdburl"))
        number = self.text("imdbnum") or "".join(linked[:1])
        if not number:
            return ""
        if not parse.is_whole_number(number):
            raise self.fail(f"imdbnum {number!r} is not an IMDb number", "imdbnum")
        return f"tt{int(number):07d}"

    def _edition(self) -> EditionRecord:
        rating = self.name("mpaarating").split(" (")[0]
        distributor, studios = self.name("distributor"), self.names("studios/studio")
        if len(studios) > (0 if distributor else 1):
            self.keep("studios", ", ".join(studios))  # the edition holds one company
        return EditionRecord(
            format=self._format(),
            name=self.name("edition"),
            distributor=distributor or (studios[0] if studios else ""),
            release_date=self._date(self.text("dvdreleasedate/date"), "dvdreleasedate"),
            barcode=self.text("upc"),
            rating_country="US" if rating in _US_RATINGS else "",
            rating=rating,
            regions=tuple(
                name.removeprefix("Region").strip() for name in self.names("regions/region")
            ),
            discs=self._whole_number(self.text("nritems"), "nritems")
            or len(self.element.findall("discs/disc"))
            or None,
            packaging=self.name("package"),
            aspect_ratio=", ".join(self.names("ratios/ratio")),
            audio=tuple(_SORT_PREFIX.sub("", name) for name in self.names("audios/audio")),
            subtitles=self.names("subtitles/subtitle"),
        )

    def _format(self) -> str:
        name = self.name("format")
        if not name:
            return "DVD"
        if name.casefold() not in _MEDIA_NAMES:
            self.keep("format", name)
        return _MEDIA_NAMES.get(name.casefold(), "Other")

    def _copy(self) -> CopyRecord:
        status = self.text("collectionstatus")
        if status and status.casefold() not in _STATUSES:
            self.keep("collectionstatus", status)
        if (quantity := self.text("quantity")) not in ("", "1"):
            self.keep("quantity", quantity)
        price, currency = self._price()
        device, slot = self._storage()
        location = self.name("location")
        self.used.add("seenit")  # its boolvalue attribute, not its localised text
        return CopyRecord(
            index=self._whole_number(self.text("index"), "index"),
            status=_STATUSES.get(status.casefold(), "owned"),
            owner=self.name("owner"),
            location=tuple(part.strip() for part in location.split("/") if part.strip()),
            storage_device=device,
            storage_slot=slot,
            purchased_on=self._date(self.text("purchasedate/date"), "purchasedate"),
            purchase_price=price,
            purchase_currency=currency,
            purchase_store=self.name("store"),
            condition=self.name("condition"),
            notes=self.text("notes"),
            tags=self.names("tags/tag"),
            my_rating=self._whole_number(self.text("myrating"), "myrating") or None,
            viewings=1 if self.element.find("seenit[@boolvalue='1']") is not None else 0,
            modified_at=self._datetime(self.text("lastmodified/date"), "lastmodified"),
        )

    def _storage(self) -> tuple[str, str]:
        """The storage device and slot, on the movie or on its first disc that names one."""
        self.used.update(("storagedevice", "storageslot", "slot", "discs"))
        places = [self.element, *self.element.iterfind("discs/disc")]
        device = next(
            (d for p in places if (d := _clean(p.findtext("storagedevice/displayname")))), ""
        )
        slot = next(
            (s for p in places if (s := _clean(p.findtext("storageslot") or p.findtext("slot")))),
            "",
        )
        self._keep_discs({"storagedevice": device, "storageslot": slot, "slot": slot})
        return device, slot

    def _keep_discs(self, mapped: dict[str, str]) -> None:
        """Each disc's values that are neither mapped nor the movie's own; with several discs
        each starts with the disc's title ("Disc 02: …", on a line of its own before lines)."""
        discs = self.element.findall("discs/disc")
        for number, disc in enumerate(discs, 1):
            title = _clean(disc.findtext("title")) or f"Disc {number:02d}"
            for child in disc:
                if child.tag == "title" or not _has_value(child):
                    continue
                value = _episodes(child) if child.tag == "episodes" else _readable(child)
                if not value:
                    self.unmapped.add(child.tag)
                elif value != mapped.get(child.tag, self._movie_value(child.tag)):
                    self.keep(
                        "discs", _on_disc(title, value) if len(discs) > 1 else value, child.tag
                    )

    def _movie_value(self, tag: str) -> str:
        node = self.element.find(tag)
        return _readable(node) if node is not None else ""

    def _price(self) -> tuple[Decimal | None, str]:
        text = self.text("purchaseprice")
        if not text:
            return None, ""
        match = _PRICE.match(text)
        amount = match["amount"] if match else ""
        if "," in amount and amount.rfind(",") > amount.rfind("."):
            amount = amount.replace(".", "").replace(",", ".")  # "44,55 €"
        price = parse.decimal_or_none(amount.replace(",", ""))
        if price is None:
            raise self.fail(f"purchaseprice {text!r} is not a price like '$44.55'", "purchaseprice")
        symbol = match["pre"] or match["post"]
        code = symbol.upper() if re.fullmatch(r"[A-Za-z]{3}", symbol) else ""
        return price, _CURRENCIES.get(symbol, code)

    def _whole_number(self, text: str, tag: str) -> int | None:
        try:
            return parse.whole_number(text, self.where, tag) if text else None
        except FormatError as exc:
            raise self.fail(exc.message, tag) from None

    def _date(self, text: str, tag: str) -> dt.date | None:
        if not text or parse.is_whole_number(text):
            self.keep(tag, text)  # a year alone cannot be a date
            return None
        try:
            return parse.date(text, parse.US_DATE, self.where, tag)
        except FormatError as exc:
            raise self.fail(exc.message, tag) from None

    def _datetime(self, text: str, tag: str) -> dt.datetime | None:
        try:
            return parse.moment(text, parse.US_TIME, self.where, tag) if text else None
        except FormatError as exc:
            raise self.fail(exc.message, tag) from None


def _clean(text: str | None) -> str:
    # str.strip() also drops the no-break spaces CLZ leaves after characters ("Aang&#160;").
    return (text or "").strip()


def _has_value(element: etree._Element) -> bool:
    if element.get("boolvalue") == "1":
        return True
    return any(_clean(text) not in _EMPTY for text in element.itertext())


def _readable(element: etree._Element) -> str:
    """An element's value as a person reads it ("" if it has none): a lookup's displayname, a
    flag's "Yes", a list as "A, B", other children as "tag: value" lines, else its text."""
    if element.find("displayname") is not None:
        return _clean(element.findtext("displayname"))
    if element.get("boolvalue") is not None:
        return "Yes" if element.get("boolvalue") == "1" else ""
    if not len(element):
        text = _clean(element.text)
        return "" if text in _EMPTY else text
    children = [child for child in element if child.tag not in _LOOKUP_FORMS]
    if len({child.tag for child in children}) == 1:
        return ", ".join(value for child in children if (value := _readable(child)))
    lines = (f"{child.tag}: {value}" for child in children if (value := _readable(child)))
    return "\n".join(lines)


def _episodes(element: etree._Element) -> str:
    """One line an episode: "1. The Last Airbender (22 min, seen)"."""
    return "\n".join(line for node in element.iterfind("episode") if (line := _episode(node)))


def _episode(element: etree._Element) -> str:
    number, title = _clean(element.findtext("sequencenumber")), _clean(element.findtext("title"))
    notes = []
    for child in element:
        value = _readable(child)
        if child.tag in ("sequencenumber", "title") or not value:
            continue
        if child.tag == "seenit":
            notes.append("seen")
        else:
            notes.append(_EPISODE_FORMS.get(child.tag, f"{child.tag}: {{}}").format(value))
    head = f"{number}. {title}" if number not in _EMPTY and title else title or number
    return f"{head} ({', '.join(notes)})" if head and notes else head or ", ".join(notes)


def _link_line(link: etree._Element) -> str:
    """A link as "Description: URL", or whichever of the two it has."""
    description, url = _clean(link.findtext("description")), _clean(link.findtext("url"))
    if description and url and description != url:
        return f"{description}: {url}"
    return url or description


def _on_disc(title: str, value: str) -> str:
    return f"{title}:\n{value}" if "\n" in value else f"{title}: {value}"


FORMAT = FileFormat(
    key="clz-xml",
    label="CLZ Movie Collector (XML export)",
    detect=detect,
    read=read,
)
