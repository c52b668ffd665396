"""An entry of a catalogue in plain values: the one description of its fields.

Records are frozen dataclasses with no database behind them. Imports read sources into them,
the record writer stores them, exports and the history read the catalog back into them, the
edit page's forms clean into them. A field of a record stands for the model field of the same
name (``catalog.fields`` pairs them), so a new plain field needs only the model, its record and
a migration.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class CreditRecord:
    name: str
    character: str = ""
    job: str = ""  # empty for cast; "Director", "Writer" … for crew
    role: str = "cast"  # "cast" or "crew"
    credited_as: str = ""  # the name on screen, where it is not the person's own
    voice: bool = False
    uncredited: bool = False
    puppeteer: bool = False
    department: str = ""  # a crew credit's kind: "Direction", "Writing", "Music" …
    group: str = ""  # the episode or film of a disc the credit is under, as its source groups
    # The person: their name in parts as the source gives them, the year they were born.
    first_name: str = ""
    middle_name: str = ""
    last_name: str = ""
    birth_year: int | None = None


@dataclass(frozen=True)
class PlotRecord:
    text: str
    author: str = ""
    kind: str = "summary"  # "summary" or "synopsis"
    markup: str = "text"  # "text", or "html": formatting kept, made safe (catalog.markup)


@dataclass(frozen=True)
class EpisodeRecord:
    """An episode of a series; season and number only where the source gives them."""

    title: str = ""
    season: int | None = None
    number: int | None = None  # in its season, or in the series
    air_date: dt.date | None = None  # first aired
    runtime_minutes: int | None = None
    plot: str = ""
    # The group its guest cast and crew are under (a credit's ``group``), where the source
    # gives them: DVD Profiler's episode divider's caption, "10.01 Lazarus".
    group: str = ""


@dataclass(frozen=True)
class WorkRecord:
    title: str
    sort_title: str = ""
    original_title: str = ""
    year: int | None = None
    runtime_minutes: int | None = None
    colour: str = ""
    genres: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    plots: tuple[PlotRecord, ...] = ()
    credits: tuple[CreditRecord, ...] = ()
    trailer_url: str = ""
    imdb_id: str = ""
    tmdb_id: int | None = None
    studios: tuple[str, ...] = ()  # the production companies
    series: str = ""  # a series of films it belongs to: "James Bond"
    tagline: str = ""
    imdb_rating: Decimal | None = None  # 0.0 to 10.0
    imdb_votes: int | None = None
    kind: str = "film"  # "film", or "series": a series lists its episodes
    episodes: tuple[EpisodeRecord, ...] = ()


@dataclass(frozen=True)
class DiscRecord:
    """One disc of an edition, side A (and side B of a two-sided disc)."""

    label: str = ""
    description: str = ""
    disc_id: str = ""  # a cataloguer's id of the disc's content
    dual_layered: bool = False
    dual_sided: bool = False
    label_b: str = ""
    description_b: str = ""
    disc_id_b: str = ""
    dual_layered_b: bool = False
    # The episodes it carries, in order, by their places among the edition's episodes: those of
    # its works in the edition's order, 1 the first of the first work.
    episodes: tuple[int, ...] = ()


@dataclass(frozen=True)
class EditionRecord:
    format: str = "DVD"
    name: str = ""
    distributor: str = ""
    release_date: dt.date | None = None
    barcode: str = ""  # as found in the source; the writer validates and normalises it
    rating_country: str = ""
    rating: str = ""
    regions: tuple[str, ...] = ()  # "1", "2", "A", "B" …
    discs: int | None = None
    packaging: str = ""
    aspect_ratio: str = ""
    video_standard: str = ""  # "PAL", "NTSC", "SECAM"
    audio: tuple[str, ...] = ()
    subtitles: tuple[str, ...] = ()
    co_distributors: tuple[str, ...] = ()  # the media companies after the first
    screen_formats: tuple[str, ...] = ()  # "Widescreen 16:9", "Letterbox", "Full frame" …
    features: tuple[str, ...] = ()  # "Commentary", "Deleted scenes", "Trailer" …
    other_features: str = ""
    list_price: Decimal | None = None  # the suggested retail price
    list_price_currency: str = ""
    slip_cover: bool = False
    easter_eggs: str = ""
    rating_details: str = ""  # why it has its rating: "violence, language"
    # A code the source gives as the barcode that is no valid UPC/EAN: kept as written.
    barcode_as_given: str = ""
    disc_list: tuple[DiscRecord, ...] = ()


UNKNOWN_BORROWER = "Unknown borrower"  # a loan whose source names nobody


@dataclass(frozen=True)
class LoanRecord:
    borrower: str
    lent_on: dt.date | None = None
    due_on: dt.date | None = None
    returned_on: dt.date | None = None  # None: the disc is still out
    notes: str = ""
    borrower_email: str = ""
    borrower_phone: str = ""


@dataclass(frozen=True)
class ViewingRecord:
    watched_on: dt.date | None = None
    place: str = ""  # where: "cinema", "at home"
    company: str = ""  # with whom
    note: str = ""
    rewatch: bool = False  # seen before this time
    episode: int | None = None  # the episode seen, by its place among the edition's episodes


@dataclass(frozen=True)
class CopyRecord:
    index: int | None = None
    status: str = "owned"
    owner: str = ""
    location: tuple[str, ...] = ()  # outermost first: ("Living room", "Shelf 2")
    storage_device: str = ""
    storage_slot: str = ""
    purchased_on: dt.date | None = None
    purchase_price: Decimal | None = None
    purchase_currency: str = ""
    purchase_store: str = ""
    condition: str = ""
    wish_priority: int | None = None  # 1 high, 2 normal, 3 low
    where_to_buy: str = ""
    target_price: Decimal | None = None
    expected_on: dt.date | None = None
    sold_on: dt.date | None = None
    sold_price: Decimal | None = None
    notes: str = ""
    tags: tuple[str, ...] = ()
    my_rating: int | None = None
    viewings: int = 0
    added_at: dt.datetime | None = None
    modified_at: dt.datetime | None = None
    loans: tuple[LoanRecord, ...] = ()
    # Source fields with no field of their own, kept with their values as (name, value) in the
    # source's order: shown as the copy's other details, exported, never dropped.
    other_details: tuple[tuple[str, str], ...] = ()
    viewing_log: tuple[ViewingRecord, ...] = ()
    # Each disc's own place, by its number: (number, location, slot).
    disc_places: tuple[tuple[str, str, str], ...] = ()
    # Values the import kept although they are not what their field takes, with why: (field,
    # message). Shown on the copy, listed in the import's report.
    flags: tuple[tuple[str, str], ...] = ()
    # A source's identifiers and flags that mean nothing to a person (its own ids, timestamps,
    # checksums): kept for the way out, never shown.
    source_extras: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Record:
    """One entry of a source: the works on one edition, and the collection's copy of it."""

    works: tuple[WorkRecord, ...]
    edition: EditionRecord = field(default_factory=EditionRecord)
    copy: CopyRecord = field(default_factory=CopyRecord)
    source_id: str = ""  # the source's own id for the entry, for matching on re-import
    where: str = ""  # where the entry starts in the source ("line 4", "<movie> #3")
    unmapped: tuple[str, ...] = ()  # source fields whose values could not be kept at all
    part_of: str = ""  # the source id of the box set this entry's copy came in
