"""CLZ Movie Collector's XML export: ``<movieinfo><movielist><movie>…``, one ``<movie>`` an entry.

Lookup values are nested as ``<x><displayname>…</displayname></x>``, lists as
``<genres><genre><displayname>…`` (``clz_movie`` reads them). Dates are US style
(``7/25/2020 1:45:22 PM``, local time: where cinecat reads dates). Prices carry the symbol of the
exporting PC's currency (``$44.55``); a bare ``$`` is read as USD. ``<imdbnum>`` is the IMDb
number without leading zeros. The audience rating is CLZ's MPAA list (``PG-13 (Parental
Guidance)``), so its country is US. "Seen it" counts as one viewing.

Every value lands in a field of its own where cinecat has one: a person's first and last name
on the credit, a crew member's role its department, the studios on the work with the series,
IMDb rating and votes, the features and extra features, the screen ratios (an aspect ratio and
the screen formats), a disc's title and layers (its label and flags), a disc kept elsewhere its
place, a DVD release date given as a year the 1st of January of it, flagged. A TV box set (one
``<movie>`` whose ``<discs>`` hold ``<episodes>``) is one series: its episodes the series', each
disc carrying its own, an episode seen a viewing of it (``clz_episodes``).
CLZ's own ids, pictures and pages (``bpmovieid``, ``poster``, Movie Collector Connect links …)
are source extras; what has no field (``tapespeed``, another site's link, an unknown format
…) is kept as text under its CLZ tag in ``CopyRecord.other_details``, in the order of the
``<movie>``'s children. ``Record.unmapped`` names only a field whose value cannot be read as
text.
"""

import re
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from typing import BinaryIO

from lxml import etree

from cinecat.catalog.records import CopyRecord, CreditRecord, PlotRecord, Record, WorkRecord

from . import field_values as fv
from . import parse
from .base import FileFormat
from .census import DERIVED, EXTRAS, OTHER, Census
from .clz_discs import discs_of
from .clz_edition import edition_of
from .clz_movie import MovieElement, clean, has_value, is_value, readable
from .xml_safety import iter_entries, root_tag

_STATUSES = {
    "in collection": "owned",
    "wish list": "wish",
    "on wish list": "wish",
    "on order": "ordered",
    "for sale": "for_sale",
    "sold": "sold",
}
# A crew member's role: CLZ's id, the job as cinecat names it, and its department.
_CREW = {
    "dfDirector": ("Director", "Direction"),
    "dfWriter": ("Writer", "Writing"),
    "dfProducer": ("Producer", "Production"),
    "dfCamera": ("Cinematographer", "Cinematography"),
    "dfMusic": ("Composer", "Music"),
}
# Values derived from mapped ones, and CLZ's own bookkeeping.
_DERIVED = {"imdburl", "tmdburl", "runtimeminutes", "layersnum", "episodecount"}
_DERIVED |= {"titlefirstletter"}
_EXTRAS = ("thumbfilepath", "backgroundbackdrop", "submissiondate", "poster", "backdropurl")
_EXTRAS += ("bpmovieid", "bpmediaid", "bpmovielastreceivedrevision")
_EXTRAS += ("bpmedialastreceivedrevision",)
_OWN_PAGES = re.compile(r"collectorz\.com/")
_CURRENCIES = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "C$": "CAD"}
_PRICE = re.compile(r"^(?P<pre>[^0-9\s.,]*)\s*(?P<amount>[0-9][0-9.,]*)\s*(?P<post>[^0-9\s.,]*)$")


def detect(head: bytes) -> bool:
    return root_tag(head) == "movieinfo"


def read(stream: BinaryIO, census: Census | None = None) -> Iterator[Record]:
    for number, movie in iter_entries(
        stream, root="movieinfo", container="movielist", entry="movie"
    ):
        if census is not None:
            census.see_element(movie, is_value)
        yield _Movie(movie, f"<movie> #{number}", _DERIVED, census).record()


class _Movie(MovieElement):
    """One ``<movie>`` read into a record."""

    def record(self) -> Record:
        for tag in _DERIVED:
            self.derived(tag)
        for tag in _EXTRAS:
            self.extra(tag, clean(self.element.findtext(tag)))
        source_id = self.text("id", "record.source_id")
        work, (edition, flags), copy = self._work(), edition_of(self), self._copy()
        disc_list, places, added, episodes = discs_of(self, copy)
        if episodes.episodes:
            work = replace(work, kind="series", episodes=episodes.episodes)
            copy["viewing_log"] = episodes.viewings
        other_features = [edition.other_features, *added["other_features"]]
        edition = replace(
            edition,
            disc_list=disc_list,
            features=(*edition.features, *added["features"]),
            other_features="\n".join(text for text in other_features if text),
        )
        self.note_attributes()
        return Record(
            works=(work,),
            edition=edition,
            copy=CopyRecord(
                **copy,
                disc_places=places,
                flags=flags,
                other_details=self._details(),
                source_extras=self.extras.in_order_of(self.element).pairs(),
            ),
            source_id=source_id,
            where=self.where,
            unmapped=tuple(sorted(self.unmapped)),
        )

    def _details(self) -> tuple[tuple[str, str], ...]:
        """The kept values, then every unread child that has one, in the movie's order."""
        for child in self.element:
            if child.tag not in self.used and has_value(child):
                if value := readable(child):
                    self.keep(child.tag, value)
                else:
                    self.unmapped.add(child.tag)
        return self.kept.in_order_of(self.element).pairs()

    def _work(self) -> WorkRecord:
        year = self.text("releasedate/year/displayname") or self.text("releasedate/date")
        self.note("releasedate/date", "work.year", is_value(self.text("releasedate/date")))
        self.derived("releasedate/year")
        plot = self.text("plot", "plot.text")
        return WorkRecord(
            title=self.text("title", "work.title"),
            sort_title=self.text("titlesort", "work.sort_title"),
            original_title=self.text("originaltitle", "work.original_title"),
            year=self.whole_number(year, "releasedate"),
            runtime_minutes=self.whole_number(
                self.text("runtime", "work.runtime_minutes"), "runtime"
            ),
            colour=self.text("color", "work.colour"),
            genres=self.names("genres/genre", "work.genres"),
            countries=self.names("country", "work.countries"),
            languages=self.names("language", "work.languages"),
            plots=(PlotRecord(text=plot),) if plot else (),
            credits=self._credits("cast/star") + self._credits("crew/crewmember"),
            trailer_url=self._links(),
            imdb_id=self._imdb_id() or "",
            tmdb_id=self.whole_number(self.text("tmdbid", "work.tmdb_id"), "tmdbid"),
            studios=self.names("studios/studio", "work.studios"),
            series=self.name("series", "work.series"),
            imdb_rating=self._rating(),
            imdb_votes=self.whole_number(self.text("imdbvotes", "work.imdb_votes"), "imdbvotes"),
        )

    def _rating(self) -> Decimal | None:
        text = self.text("imdbrating", "work.imdb_rating")
        found = parse.decimal_or_none(text.replace(",", "."))
        if text and found is None:
            raise self.fail(f"imdbrating {text!r} is not a rating like '7.3'", "imdbrating")
        return found

    def _credits(self, path: str) -> tuple[CreditRecord, ...]:
        """The cast with their characters, the crew with their jobs and departments, each
        person's first and last name as CLZ gives them."""
        self.used.add(path.split("/")[0])
        found = []
        for node in self.element.iterfind(path):
            role = clean(node.findtext("roleid"))
            job, department = _CREW.get(role, (clean(node.findtext("role")), ""))
            cast = path.startswith("cast")
            found.append(
                CreditRecord(
                    name=clean(node.findtext("person/displayname")),
                    character=clean(node.findtext("character")) if cast else "",
                    job="" if cast else job,
                    role="cast" if cast else "crew",
                    department="" if cast else department,
                    first_name=clean(node.findtext("person/firstname")),
                    last_name=clean(node.findtext("person/lastname")),
                )
            )
            if self.census is not None:
                self._count_credit(node, path, cast, department)
        return tuple(found)

    def _count_credit(self, node: etree._Element, path: str, cast: bool, department: str):
        for tag, where in (
            ("person/displayname", "credit.name"),
            ("person/firstname", "credit.first_name"),
            ("person/lastname", "credit.last_name"),
            ("person/sortname", DERIVED),
            ("character", "credit.character"),
            ("role", DERIVED if cast else "credit.job"),
            ("roleid", "credit.department" if department else DERIVED),
        ):
            self.note(f"{path}/{tag}", where, is_value(node.findtext(tag)))

    def _links(self) -> str:
        """The first trailer's address; the movie's pages on IMDb and TMDb say its ids again,
        CLZ's own pages are source extras, the other links are kept, one a line."""
        self.used.add("links")
        trailers, others, own = [], [], []
        for link in self.element.iterfind("links/link"):
            url = clean(link.findtext("url"))
            if "trailer" in clean(link.findtext("urltype")).casefold() and not trailers:
                trailers.append(url)
                where = "work.trailer_url"
            elif self._is_imdb_or_tmdb(url):
                where = DERIVED
            elif _OWN_PAGES.search(url):
                own.append(_link_line(link))
                where = EXTRAS
            else:
                others.append(_link_line(link))
                where = OTHER
            self.note("links/link/url", where, is_value(url))
            self.note("links/link/description", where, is_value(link.findtext("description")))
            self.note("links/link/urltype", DERIVED, is_value(link.findtext("urltype")))
        self.kept.keep("links", "links", "\n".join(line for line in others if line))
        self.extras.keep("links", "links", "\n".join(line for line in own if line))
        return trailers[0] if trailers else ""

    def _is_imdb_or_tmdb(self, url: str) -> bool:
        if re.search(r"imdb\.com/title/tt[0-9]+", url):
            return True
        tmdb = re.search(r"themoviedb\.org/movie/([0-9]+)", url)
        return tmdb is not None and tmdb[1] == self.text("tmdbid")

    def _imdb_id(self) -> str | None:
        linked = re.findall(r"tt([0-9]+)", self.text("imdburl"))
        number = self.text("imdbnum", "work.imdb_id") or "".join(linked[:1])
        if not number:
            return ""
        if not parse.is_whole_number(number):
            return parse.refused(number, "an IMDb number", self.where, "imdbnum")
        return f"tt{int(number):07d}"

    def _copy(self) -> dict:
        """The copy's fields but its places, other details and source extras."""
        status = self.text("collectionstatus")
        if status and status.casefold() not in _STATUSES:
            self.keep("collectionstatus", status)
        else:
            self.note("collectionstatus", "copy.status", is_value(status))
        quantity = self.text("quantity")
        self.note("quantity", DERIVED, quantity == "1")
        if quantity not in ("", "1"):
            self.keep("quantity", quantity)
        location = self.name("location", "copy.location")
        return {
            "index": self.whole_number(self.text("index", "copy.index"), "index"),
            "status": _STATUSES.get(status.casefold(), "owned"),
            "owner": self.name("owner", "copy.owner"),
            "location": tuple(part.strip() for part in location.split("/") if part.strip()),
            "purchased_on": self._purchase_date(),
            **self._price(),
            "purchase_store": self.name("store", "copy.purchase_store"),
            "condition": self.name("condition", "copy.condition"),
            "notes": self.text("notes", "copy.notes"),
            "tags": self.names("tags/tag", "copy.tags"),
            "my_rating": self._my_rating(),
            "viewings": self._seen(),
            "modified_at": self.moment(
                self.text("lastmodified/date", "copy.modified_at"), "lastmodified"
            ),
        }

    def _my_rating(self) -> int | None:
        text = self.text("myrating", "copy.my_rating")
        return fv.half_stars(self.whole_number(text, "myrating"), text, self.where, "myrating")

    def _seen(self) -> int:
        self.used.add("seenit")  # its boolvalue attribute, not its localised text
        seen = self.element.find("seenit[@boolvalue='1']") is not None
        self.note("seenit/@boolvalue", "copy.viewings", seen)
        self.note("seenit", DERIVED, seen and is_value(self.element.findtext("seenit")))
        return 1 if seen else 0

    def _purchase_date(self):
        text = self.text("purchasedate/date")
        for tag in ("day", "month", "year"):
            self.derived(f"purchasedate/{tag}")
        if not text or parse.is_whole_number(text):
            self.keep("purchasedate", text, path="purchasedate/date")  # a year is no date
            return None
        self.note("purchasedate/date", "copy.purchased_on")
        return self.date(text, "purchasedate")

    def _price(self) -> dict:
        text = self.text("purchaseprice", "copy.purchase_price")
        if not text:
            return {}
        match = _PRICE.match(text)
        amount = match["amount"] if match else ""
        if "," in amount and amount.rfind(",") > amount.rfind("."):
            amount = amount.replace(".", "").replace(",", ".")  # "44,55 €"
        price = parse.decimal_or_none(amount.replace(",", ""))
        if price is None:
            raise self.fail(f"purchaseprice {text!r} is not a price like '$44.55'", "purchaseprice")
        symbol = match["pre"] or match["post"]
        code = symbol.upper() if re.fullmatch(r"[A-Za-z]{3}", symbol) else ""
        return {"purchase_price": price, "purchase_currency": _CURRENCIES.get(symbol, code)}


def _link_line(link: etree._Element) -> str:
    """A link as "Description: URL", or whichever of the two it has."""
    description, url = clean(link.findtext("description")), clean(link.findtext("url"))
    if description and url and description != url:
        return f"{description}: {url}"
    return url or description


FORMAT = FileFormat(
    key="clz-xml",
    label="CLZ Movie Collector (XML export)",
    detect=detect,
    read=read,
    counts=True,
)
