"""DVD Profiler's ``collection.xml`` (3.x and 4.x): ``<Collection><DVD>…``, one profile an entry.

The file declares its encoding (usually windows-1252) and lxml decodes it. People are in
attributes (``<Actor FirstName= LastName= Role=/>``, ``<Credit … CreditSubtype="Director"/>``);
booleans are ``True`` or ``true``; ``1899-12-30T00:00:00`` (or ``1899-12-30``) means "no date".
Timestamps written with ``Z`` are UTC and read as aware times.

Every value lands in a field of its own where cinecat has one: the cast and crew with every
attribute (``dvdprofiler_people``), the edition with its discs, features, screen formats,
rating, list price and companies (``dvdprofiler_edition``), the viewings and loans of the
history (``dvdprofiler_events``), the studios on the work, an HTML overview as an HTML plot.
What means nothing to a person (DVD Profiler's ids and their parts, its locks, banners and
exclusions, the ``ProfileTimestamp`` beside ``LastEdited``, the purchase place's type, a
plug-in's data) is kept as source extras, for the DVD Profiler writer to put back. What is
left, with no collector's field in cinecat (``CountAs``, ``WishPriority``, a gift, the video,
audio and extras reviews, another medium of a combo pack …), is kept as other details under
its DVD Profiler name, in the order of the profile's elements: a plain element its text, a
true flag "Yes", a group of flags the true ones and its other values as "Label: value" lines.
Last come the details cinecat's writer kept in its own ``<OtherDetails>`` element, each name
and value exactly as written. ``Record.unmapped`` names only a field whose value cannot be read
as text.

IDs: ``<ID>`` is the record's ``source_id``. Box sets: a child profile names its parent in
``<BoxSet><Parent>``, the record's ``part_of``; a parent lists its children in ``<Contents>``
(kept as the source extra ``BoxSet/Contents``), which also gives the ``part_of`` of a child
that comes after it without naming its parent. Every profile stays its own record: children
are complete profiles with their own collection number, case and discs, and some listed
children are not in the file at all.

With a census (``read(stream, census=…)``) each value's landing is noted as it is read, and
every value the profile holds is counted, so that what no code takes shows as dropped.
"""

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import BinaryIO

from lxml import etree

from cinecat.catalog.records import (
    UNKNOWN_BORROWER,
    CopyRecord,
    EditionRecord,
    PlotRecord,
    Record,
    WorkRecord,
)

from . import field_values as fv
from . import parse
from .base import FileFormat
from .census import DERIVED, EXTRAS, OTHER, Census
from .dvdprofiler_codes import COLOURS, OLD_COLOURS, STATUSES, implied_id_type
from .dvdprofiler_edition import amount, edition
from .dvdprofiler_episodes import episodes_of
from .dvdprofiler_events import UNRECORDED_RETURN, history
from .dvdprofiler_people import credits
from .dvdprofiler_profile import ProfileElement, has_value, is_set, is_true
from .dvdprofiler_write import OTHER_DETAILS_ELEMENT, write_collection
from .xml_safety import iter_entries, root_tag

__all__ = ["FORMAT", "UNKNOWN_BORROWER", "UNRECORDED_RETURN", "detect", "read", "write"]

_PURCHASE_MAPPED = {"PurchasePrice", "PurchasePlace", "PurchaseDate", "PurchasePlaceType"}
# The profile's elements this reader maps (4.x's, in its schema's order, and cinecat's own):
# any other is kept as an other detail.
_MAPPED = frozenset(
    {
        "ProfileTimestamp", "ID", "ID_Base", "ID_VariantNum", "ID_LocalityID", "ID_LocalityDesc",
        "ID_Type", "MediaTypes", "UPC", "CollectionNumber", "CollectionType", "Title",
        "DistTrait", "OriginalTitle", "CountryOfOrigin", "CountryOfOrigin2", "CountryOfOrigin3",
        "ProductionYear", "Released", "RunningTime", "RatingSystem", "Rating", "RatingAge",
        "RatingVariant", "RatingDetails", "CaseType", "CaseSlipCover", "Genres", "Regions",
        "Format", "Features", "Studios", "MediaCompanies", "Audio", "Subtitles", "SRP",
        "Actors", "Credits", "Overview", "EasterEggs", "Discs", "SortTitle", "LastEdited",
        "WishPriority", "CountAs", "PurchaseInfo", "Review", "MediaBanners", "Exclusions",
        "Events", "BoxSet", "LoanInfo", "MyLinks", "Notes", "Tags", "Locks", "PluginCustomData",
        OTHER_DETAILS_ELEMENT,
    }
)  # fmt: skip
# DVD Profiler's own flags and data, kept whole as source extras.
_EXTRA_GROUPS = ("Locks", "MediaBanners", "Exclusions")
_HTML = re.compile(r"<(?:b|i|u|em|strong|br|p|font|a|ul|ol|li|span|div)\b[^>]*>", re.IGNORECASE)
_IMDB = re.compile(r"imdb\.com/title/(tt[0-9]{7,})")
_TRAILERS = "Trailers and Clips"


def detect(head: bytes) -> bool:
    return root_tag(head) == "Collection" and b"<DVD>" in head


def read(stream: BinaryIO, census: Census | None = None) -> Iterator[Record]:
    contained: dict[str, str] = {}  # a child's ID -> its parent's, from the parents read
    for number, dvd in iter_entries(stream, root="Collection", container="Collection", entry="DVD"):
        if census is not None:
            census.see_element(dvd, is_set)
        record = _Profile(dvd, f"<DVD> #{number}", _MAPPED, census).record()
        if not record.part_of and record.source_id in contained:
            record = replace(record, part_of=contained[record.source_id])
        for name, value in record.copy.source_extras:
            if name == "BoxSet/Contents":
                contained.update(dict.fromkeys(value.split(", "), record.source_id))
        yield record


def write(records: Iterable[Record], stream: BinaryIO) -> None:
    """Write records as a DVD Profiler ``collection.xml`` (UTF-8), one profile at a time."""
    write_collection(records, stream)


class _Profile(ProfileElement):
    """One ``<DVD>``, read into a record: what goes where, and what is kept as other details."""

    def record(self) -> Record:
        work, record_edition, copy = self._work(), edition(self), self._copy()
        if episodes := episodes_of(self):
            work = replace(work, kind="series", episodes=episodes)
            record_edition = _carrying(record_edition, len(episodes))
        own_id = self.take("ID", "record.source_id")
        self._ids(own_id)
        parent = self.take("BoxSet/Parent", "record.part_of")
        contents = self.texts("BoxSet/Contents/Content")
        self.extra("BoxSet", "BoxSet/Contents", ", ".join(contents), "BoxSet/Contents/Content")
        self.note("BoxSet/Contents/Content", EXTRAS, len(contents) - 1 if contents else 0)
        copy["other_details"] = self._other_details()
        copy["source_extras"] = self.extras.in_order_of(self.element).pairs()
        return Record(
            works=(work,),
            edition=record_edition,
            copy=CopyRecord(**copy),
            source_id=own_id,
            where=self.where,
            unmapped=tuple(sorted(self.unmapped)),
            part_of=parent,
        )

    def _ids(self, own_id: str) -> None:
        """The ID's parts: DVD Profiler's own, kept for the way out where the ID does not say
        them (its form its type, its suffix its locality)."""
        suffix = own_id.partition(".")[2] or "0"
        said = {"ID_Type": implied_id_type(own_id), "ID_LocalityID": suffix, "ID_VariantNum": "0"}
        for tag, implied in said.items():
            value = self.text(tag)
            if value and value != implied:
                self.extra(tag, tag, value)
            else:
                self.note(tag, DERIVED, is_set(value))
        self.derived("ID_Base")
        self.used.add("ID_LocalityDesc")
        self.keep("ID_LocalityDesc", "ID_LocalityDesc", self.text("ID_LocalityDesc"))

    def _other_details(self) -> tuple[tuple[str, str], ...]:
        """The kept values, then every unread element that has one, in the profile's order; then
        what cinecat's writer kept in ``<OtherDetails>``."""
        written = self._written_details()  # first, so its element does not count as unread
        for child in self.element:
            if child.tag in _EXTRA_GROUPS:
                self.extra_children(child.tag)
            elif child.tag == "PluginCustomData" and has_value(child):
                self.extras.keep(
                    child.tag, child.tag, etree.tostring(child, encoding="unicode", with_tail=False)
                )
                self.note_element(child, EXTRAS, child.tag)
            elif child.tag not in self.used and has_value(child):
                self.keep_element(child.tag, child.tag, child)
        return self.kept.in_order_of(self.element).pairs() + written

    def _written_details(self) -> tuple[tuple[str, str], ...]:
        """The pairs of ``<OtherDetails>`` as written: not merged, stripped or dropped like the
        values read from DVD Profiler's own elements, so that they come back exactly."""
        found = list(self.all(OTHER_DETAILS_ELEMENT, "Detail"))
        self.note(f"{OTHER_DETAILS_ELEMENT}/Detail", OTHER, sum(is_set(n.text) for n in found))
        self.note(f"{OTHER_DETAILS_ELEMENT}/Detail/@Name", DERIVED, len(found))
        return tuple((node.get("Name", ""), node.text or "") for node in found)

    def _work(self) -> WorkRecord:
        overview = self.take("Overview", "plot.text")
        countries = ("CountryOfOrigin", "CountryOfOrigin2", "CountryOfOrigin3")
        trailer, imdb_id = self._links()
        return WorkRecord(
            title=self.take("Title", "work.title"),
            sort_title=self.take("SortTitle", "work.sort_title"),
            original_title=self.take("OriginalTitle", "work.original_title"),
            year=self._number("ProductionYear", "work.year"),
            runtime_minutes=self._number("RunningTime", "work.runtime_minutes"),
            colour=self._colour(),
            genres=self.takes("Genres/Genre", "work.genres"),
            countries=tuple(c for tag in countries if (c := self.take(tag, "work.countries"))),
            plots=(_plot(overview),) if overview else (),
            credits=credits(self, "Actors") + credits(self, "Credits"),
            studios=self.takes("Studios/Studio", "work.studios"),
            trailer_url=trailer,
            imdb_id=imdb_id,
        )

    def _number(self, path: str, where: str) -> int | None:
        found = self.whole_number(path) or None
        if found is not None:
            self.note(path, where)
        return found

    def _colour(self) -> str:
        self.used.add("Format")
        layout = self.group("Format")
        for group, names in (("ColorFormat", COLOURS), ("Color", tuple(OLD_COLOURS.items()))):
            node = layout.get(group)
            if node is None:
                continue
            flags = {flag.tag: is_true(flag.text) for flag in node}
            for tag, name in names:
                if flags.get(tag):
                    self.note(f"Format/{group}/{tag}", "work.colour")
                    return name
        return ""

    def _links(self) -> tuple[str, str]:
        """A trailer link's address and an IMDb page's id; the other links kept, one a line,
        as "Description: URL"."""
        self.used.add("MyLinks")
        trailer, imdb_id, others = "", "", []
        for link in self.all("MyLinks", "CustomLinks/UserLink"):
            url, label = link.get("URL", "").strip(), link.get("Description", "").strip()
            path = "MyLinks/CustomLinks/UserLink"
            if not trailer and link.get("Category") == _TRAILERS and url:
                trailer = url
                self.note_element(link, "work.trailer_url", path)
            elif not imdb_id and (found := _IMDB.search(url)):
                imdb_id = found[1]
                self.note_element(link, "work.imdb_id", path)
            elif url or label:
                others.append(f"{label}: {url}" if label and url else url or label)
                self.note_element(link, OTHER, path)
        self.kept.keep("MyLinks", "MyLinks", "\n".join(others))
        return trailer, imdb_id

    def _copy(self) -> dict:
        """The copy's fields but its other details and source extras, read last."""
        price, currency = amount(
            self, "PurchaseInfo/PurchasePrice", "copy.purchase_price", "copy.purchase_currency"
        )
        self.keep_children("PurchaseInfo", _PURCHASE_MAPPED)  # ReceivedAsGift, GiftFrom …
        place_type = self.text("PurchaseInfo/PurchasePlaceType")
        self.extra(
            "PurchaseInfo", "PurchasePlaceType", place_type, "PurchaseInfo/PurchasePlaceType"
        )
        location, slot, places = self._places()
        viewings, viewing_log, loans = history(self)
        modified = self.datetime("LastEdited")
        stamp = self.text("ProfileTimestamp")
        if modified is None:
            modified = self.datetime("ProfileTimestamp")
            self.note("ProfileTimestamp", "copy.modified_at", modified is not None)
        else:
            self.note("LastEdited", "copy.modified_at")
            self.extra("ProfileTimestamp", "ProfileTimestamp", stamp if is_set(stamp) else "")
        return dict(
            index=self._number("CollectionNumber", "copy.index"),
            status=self._status(),
            location=(location,) if location else (),
            storage_slot=slot,
            purchased_on=self._date("PurchaseInfo/PurchaseDate", "copy.purchased_on"),
            purchase_price=price,
            purchase_currency=currency,
            purchase_store=self.take("PurchaseInfo/PurchasePlace", "copy.purchase_store"),
            notes=self.take("Notes", "copy.notes"),
            tags=tuple(self._tags()),
            my_rating=self._review(),
            viewings=viewings,
            modified_at=modified,
            loans=loans,
            viewing_log=viewing_log,
            disc_places=places,
        )

    def _date(self, path: str, where: str):
        found = self.date(path)
        self.note(path, where, found is not None)
        return found

    def _status(self) -> str:
        """The collection type as a status; a custom type (DVD Profiler lets a user make
        them) is kept as it is, with whether it counts as owned."""
        status = self.text("CollectionType")
        owned = self.element.find("CollectionType")
        part_of_owned = owned.get("IsPartOfOwnedCollection", "") if owned is not None else ""
        if status and status.casefold() not in STATUSES:
            self.keep("CollectionType", "CollectionType", status)
            self.extra(
                "CollectionType",
                "CollectionType/@IsPartOfOwnedCollection",
                part_of_owned if is_set(part_of_owned) else "",
            )
        else:
            self.note("CollectionType", "copy.status", bool(status))
            self.note("CollectionType/@IsPartOfOwnedCollection", DERIVED, is_set(part_of_owned))
        count_as = self.text("CountAs")
        self.note("CountAs", DERIVED, count_as == "1")
        if count_as not in ("", "1"):
            self.keep("CountAs", "CountAs", count_as)
        if is_set(wish := self.text("WishPriority")):
            self.keep("WishPriority", "WishPriority", wish)
        return STATUSES.get(status.casefold(), "owned")

    def _places(self) -> tuple[str, str, tuple[tuple[str, str, str], ...]]:
        """The first disc's location and slot, the copy's; a disc kept elsewhere has a place
        of its own."""
        self.used.add("Discs")
        places = [
            ((disc.findtext("Location") or "").strip(), (disc.findtext("Slot") or "").strip())
            for disc in self.all("Discs", "Disc")
        ]
        location, slot = places[0] if places else ("", "")
        own = tuple(
            (str(number), *place)
            for number, place in enumerate(places, 1)
            if number > 1 and place != (location, slot)
        )
        if self.census is not None:
            self._count_places(places, own)
        return location, slot, own

    def _count_places(self, places: list[tuple[str, str]], own: tuple) -> None:
        numbers = {int(number) for number, _, _ in own}
        for number, (location, slot) in enumerate(places, 1):
            where = "copy.disc_places" if number in numbers else DERIVED
            self.note(
                "Discs/Disc/Location", "copy.location" if number == 1 else where, is_set(location)
            )
            self.note(
                "Discs/Disc/Slot", "copy.storage_slot" if number == 1 else where, is_set(slot)
            )

    def _tags(self) -> Iterator[str]:
        self.used.add("Tags")
        for tag in self.all("Tags", "Tag"):
            full, name = (tag.get("FullName") or "").strip(), (tag.get("Name") or "").strip()
            self.note("Tags/Tag/@FullName", "copy.tags", is_set(full))
            self.note("Tags/Tag/@Name", DERIVED if full else "copy.tags", is_set(name))
            if found := full or name or (tag.text or "").strip():
                yield found

    def _review(self) -> int | None:
        self.used.add("Review")
        review = next(self.all("Review"), None)
        if review is None:
            return None
        film = review.get("Film", "0")
        rated = parse.is_whole_number(film)  # else kept, as the other values are
        others = [
            f"{key}: {value.strip()}"
            for key, value in review.attrib.items()
            if is_set(value) and not (key == "Film" and rated)
        ]
        if self.census is not None:
            for key, value in review.attrib.items():
                where = "copy.my_rating" if key == "Film" and rated else OTHER
                self.note(f"Review/@{key}", where, is_set(value))
        self.kept.keep("Review", "Review", ", ".join(others))  # Video, Audio, Extras
        return fv.half_stars(int(film), film, self.where, "Review/@Film") if rated else None


def _carrying(found: EditionRecord, count: int) -> EditionRecord:
    """A profile of one disc: that disc carries every episode."""
    if len(found.disc_list) != 1:
        return found
    disc = replace(found.disc_list[0], episodes=tuple(range(1, count + 1)))
    return replace(found, disc_list=(disc,))


def _plot(text: str) -> PlotRecord:
    """The overview; DVD Profiler's overviews hold HTML formatting, kept as it is."""
    return PlotRecord(text=text, markup="html" if _HTML.search(text) else "text")


FORMAT = FileFormat(
    key="dvdprofiler",
    label="DVD Profiler collection (XML export)",
    detect=detect,
    read=read,
    write=write,
    extension="xml",
    content_type="application/xml",
    counts=True,
)
