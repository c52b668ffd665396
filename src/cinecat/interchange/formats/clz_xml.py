"""CLZ Movie Collector's XML export: ``<movieinfo><movielist><movie>…``, one ``<movie>`` an entry.

Lookup values are nested as ``<x><displayname>…</displayname></x>``, lists as
``<genres><genre><displayname>…``. Dates are US style (``7/25/2020 1:45:22 PM``, local time, kept
naive). Prices carry the symbol of the exporting PC's currency (``$44.55``); a bare ``$`` is read
as USD. ``<imdbnum>`` is the IMDb number without leading zeros. The audience rating is CLZ's MPAA
list (``PG-13 (Parental Guidance)``), so its country is US. "Seen it" counts as one viewing.
A TV box set (one ``<movie>`` whose ``<discs>`` hold ``<episodes>``) stays one work, and a
release date that is only a year cannot be a date: both are named in ``Record.unmapped``.

Every child of ``<movie>`` that carries a value is mapped or named in ``Record.unmapped``; only
values derived from mapped ones and CLZ's own bookkeeping are skipped, on purpose, below.
"""

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import BinaryIO

from lxml import etree

from .base import (
    CopyRecord,
    CreditRecord,
    EditionRecord,
    FormatError,
    PlotRecord,
    Record,
    WorkRecord,
)
from .xml_safety import iter_entries, root_tag

KEY = "clz-xml"
LABEL = "CLZ Movie Collector (XML export)"

_FORMATS = {
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
_DISC_MAPPED = {"title", "storagedevice", "storageslot", "slot"}  # a disc's title is "Disc 01"
_EMPTY = {"", "0", "N/A", "No"}
_PRICE = re.compile(r"^(?P<pre>[^\d\s.,]*)\s*(?P<amount>\d[\d.,]*)\s*(?P<post>[^\d\s.,]*)$")
_US_DATE = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$")
_SORT_PREFIX = re.compile(r"^\d{3} ")  # "010 Dolby Digital Mono [Spanish]" sorts by its prefix


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
        self.unmapped.update(
            child.tag for child in self.element if child.tag not in self.used and _has_value(child)
        )
        return Record(
            works=(work,),
            edition=edition,
            copy=copy,
            source_id=source_id,
            where=self.where,
            unmapped=tuple(sorted(self.unmapped)),
        )

    def _work(self) -> WorkRecord:
        year = self.text("releasedate/year/displayname") or self.text("releasedate/date")
        plot = self.text("plot")
        return WorkRecord(
            title=self.text("title"),
            sort_title=self.text("titlesort"),
            original_title=self.text("originaltitle"),
            year=self._int(year, "releasedate"),
            runtime_minutes=self._int(self.text("runtime"), "runtime"),
            colour=self.text("color"),
            genres=self.names("genres/genre"),
            countries=self.names("country"),
            languages=self.names("language"),
            plots=(PlotRecord(text=plot),) if plot else (),
            credits=self._cast() + self._crew(),
            trailer_url=self._trailer(),
            imdb_id=self._imdb_id(),
            tmdb_id=self._int(self.text("tmdbid"), "tmdbid"),
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
        self.used.add("links")
        trailers, others = [], 0
        for link in self.element.iterfind("links/link"):
            url = _clean(link.findtext("url"))
            if "trailer" in _clean(link.findtext("urltype")).casefold():
                trailers.append(url)
            elif not re.search(r"imdb\.com/title/tt\d+", url):
                others += 1
        if others or len(trailers) > 1:
            self.unmapped.add("links")
        return trailers[0] if trailers else ""

    def _imdb_id(self) -> str:
        number = self.text("imdbnum") or "".join(re.findall(r"tt(\d+)", self.text("imdburl"))[:1])
        if not number:
            return ""
        if not number.isdigit():
            raise self.fail(f"{number!r} is not an IMDb number", "imdbnum")
        return f"tt{int(number):07d}"

    def _edition(self) -> EditionRecord:
        rating = self.name("mpaarating").split(" (")[0]
        distributor, studios = self.name("distributor"), self.names("studios/studio")
        if len(studios) > (0 if distributor else 1):
            self.unmapped.add("studios")  # the contract holds one company: the distributor
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
            discs=self._int(self.text("nritems"), "nritems")
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
        if name.casefold() not in _FORMATS:
            self.unmapped.add("format")
        return _FORMATS.get(name.casefold(), "Other")

    def _copy(self) -> CopyRecord:
        status = self.text("collectionstatus")
        if status and status.casefold() not in _STATUSES:
            self.unmapped.add("collectionstatus")
        if self.text("quantity") not in ("", "1"):
            self.unmapped.add("quantity")
        price, currency = self._price()
        device, slot = self._storage()
        location = self.name("location")
        self.used.add("seenit")  # its boolvalue attribute, not its localised text
        return CopyRecord(
            index=self._int(self.text("index"), "index"),
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
            my_rating=self._int(self.text("myrating"), "myrating") or None,
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
        for disc in self.element.iterfind("discs/disc"):
            for child in disc:
                if child.tag not in _DISC_MAPPED and _has_value(child):
                    self.unmapped.add(child.tag)
        return device, slot

    def _price(self) -> tuple[Decimal | None, str]:
        text = self.text("purchaseprice")
        if not text:
            return None, ""
        match = _PRICE.match(text)
        amount = match["amount"] if match else ""
        if "," in amount and amount.rfind(",") > amount.rfind("."):
            amount = amount.replace(".", "").replace(",", ".")  # "44,55 €"
        try:
            price = Decimal(amount.replace(",", ""))
        except InvalidOperation:
            raise self.fail(f"{text!r} is not a price like '$44.55'", "purchaseprice") from None
        symbol = match["pre"] or match["post"]
        code = symbol.upper() if re.fullmatch(r"[A-Za-z]{3}", symbol) else ""
        return price, _CURRENCIES.get(symbol, code)

    def _int(self, text: str, tag: str) -> int | None:
        if not text:
            return None
        if not text.isdigit():
            raise self.fail(f"{text!r} is not a whole number", tag)
        return int(text)

    def _date(self, text: str, tag: str) -> dt.date | None:
        if not text or text.isdigit():
            if text:
                self.unmapped.add(tag)  # a year alone cannot be a release date
            return None
        if not _US_DATE.match(text):
            raise self.fail(f"{text!r} is not a date like '3/23/2012'", tag)
        return dt.datetime.strptime(text, "%m/%d/%Y").date()

    def _datetime(self, text: str, tag: str) -> dt.datetime | None:
        if not text:
            return None
        try:
            return dt.datetime.strptime(text, "%m/%d/%Y %I:%M:%S %p")
        except ValueError:
            raise self.fail(f"{text!r} is not a date like '7/25/2020 1:45:22 PM'", tag) from None


def _clean(text: str | None) -> str:
    # str.strip() also drops the no-break spaces CLZ leaves after characters ("Aang&#160;").
    return (text or "").strip()


def _has_value(element: etree._Element) -> bool:
    if element.get("boolvalue") == "1":
        return True
    return any(_clean(text) not in _EMPTY for text in element.itertext())
