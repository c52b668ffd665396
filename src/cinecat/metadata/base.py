"""The provider contract: a title is searched, a candidate fetched, and what either may raise.

A provider is one module with one class behind ``Provider``: ``search`` gives candidates to pick
from, ``fetch`` gives the entry as the catalog's own records (``cinecat.catalog.records``) in a
``Found``, beside the values no record field holds yet. Providers never touch the catalog's
tables; network calls go through ``cinecat.metadata.http``.
"""

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import ClassVar, Protocol

from cinecat.catalog.records import Record, WorkRecord
from cinecat.core.folding import fold


@dataclass(frozen=True)
class Candidate:
    """One search result: enough to tell films of one title apart and pick the right one."""

    provider: str  # the registry key: "tmdb", "imdb"
    id: str  # the provider's own id, as fetch() takes it: "550", "tt0137523"
    title: str
    original_title: str = ""
    year: int | None = None
    kind: str = "movie"  # movie, tvSeries, tvMiniSeries, tvMovie … (IMDb's title types)
    director: str = ""  # when the search results name one (IMDb's do, TMDb's do not)
    poster_thumbnail_url: str = ""

    def matches(self, title: str, year: int | None = None) -> bool:
        """The same title (or original title), whatever its case and accents, and year."""
        wanted = fold(title).strip()
        titles = {fold(self.title).strip(), fold(self.original_title).strip()}
        return wanted in titles and (year is None or self.year == year)


@dataclass(frozen=True)
class Release:
    """A physical release (disc, tape) the provider knows of in the configured country."""

    date: dt.date
    note: str = ""  # as the provider writes it: "DVD", "Blu-Ray", "Net 5"
    certification: str = ""


@dataclass(frozen=True)
class Found:
    """A fetched entry: its record, and beside it the values no record field holds yet.

    ``record`` has one work and an edition with what the provider knows of a release (the
    rating for the configured country, a physical release's date); the copy is left empty.
    """

    provider: str
    id: str
    record: Record
    poster_url: str = ""  # the largest the provider has
    poster_thumbnail_url: str = ""
    tagline: str = ""
    studios: tuple[str, ...] = ()  # production companies
    collection: str = ""  # the series of films it belongs to: "The Lord of the Rings Collection"
    releases: tuple[Release, ...] = ()  # physical releases, oldest first
    release_note: str = ""  # the note of the release whose date the edition has
    extras: tuple[tuple[str, str], ...] = ()  # other facts: ("IMDb rating", "8.8") …
    source_url: str = ""  # the entry's page on the provider's site
    attribution: str = ""  # the credit the provider's terms ask for

    @property
    def work(self) -> WorkRecord:
        return self.record.works[0]

    def other_details(self) -> tuple[tuple[str, str], ...]:
        """The text values beside the record as (name, value) pairs, as a copy keeps a
        source's fields that have no field of their own."""
        pairs = [
            ("Tagline", self.tagline),
            ("Studios", "; ".join(self.studios)),
            ("Film series", self.collection),
            ("Release note", self.release_note),
            *self.extras,
        ]
        return tuple((name, value) for name, value in pairs if value)

    def for_release(self, format: str) -> "Found":
        """This entry for an edition of ``format``: the physical release whose note names the
        format ("Blu-Ray" for Blu-ray) gives the edition's date, else the oldest does."""
        named = [r for r in self.releases if _format_key(r.note) == _format_key(format)]
        release = (named or list(self.releases) or [None])[0]
        edition = dataclasses.replace(
            self.record.edition,
            format=format,
            release_date=release.date if release else self.record.edition.release_date,
        )
        return dataclasses.replace(
            self,
            record=dataclasses.replace(self.record, edition=edition),
            release_note=release.note if release else self.release_note,
        )


@dataclass(frozen=True)
class Product:
    """What a barcode source knows of a barcode: the product's name, or the entry whole."""

    source: str  # the barcode source's key: "catalog", "upc"
    barcode: str  # the stored form (EAN-13)
    title: str  # as the source names it: "The Death of Stalin (DVD, 2017) Widescreen"
    brand: str = ""
    record: Record | None = None  # the entry, when the source has it (this catalog's editions)


def _format_key(name: str) -> str:
    return fold(name).replace("-", "").replace(" ", "")


class Provider(Protocol):
    """A source of entries: ``search`` for candidates, ``fetch`` one of them as a ``Found``.

    ``is_configured`` says whether the installation can use it (a key set, a dataset loaded);
    ``setup`` tells a user how to make it so. Both are asked of the class, before making one.
    """

    key: ClassVar[str]
    name: ClassVar[str]
    setup: ClassVar[str]

    @classmethod
    def is_configured(cls) -> bool: ...

    def search(self, query: str, *, year: int | None = None) -> list[Candidate]: ...

    def fetch(self, id: str) -> Found: ...


class BarcodeSource(Protocol):
    """A source of products by barcode: this installation's editions, a UPC web service …"""

    key: ClassVar[str]
    name: ClassVar[str]
    setup: ClassVar[str]

    @classmethod
    def is_configured(cls) -> bool: ...

    def look_up(self, barcode: str) -> Product | None: ...


class ProviderError(Exception):
    """A provider could not answer; the message says why, and what to do about it."""


class NotConfigured(ProviderError):
    """The provider needs a setting (an API key) or data (a dataset) that is not there."""


class BadKey(ProviderError):
    """The service refused the API key, or the key is not of a form the service issues."""


class NotFound(ProviderError):
    """The service has no such entry."""


class RateLimited(ProviderError):
    """The service asked us to slow down, and went on asking after we waited."""


class BadResponse(ProviderError):
    """The service answered with an error or with something that is not what it documents."""


class NoNetwork(ProviderError):
    """The service could not be reached, or did not answer in time."""
