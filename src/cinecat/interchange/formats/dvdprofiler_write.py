"""Writing DVD Profiler's ``collection.xml``: the 4.x layout, UTF-8, one ``<DVD>`` at a time.

Each profile is built as a small tree and streamed through ``lxml.etree.xmlfile``, so writing
100,000 entries takes no more memory than writing one. Every field the reader fills goes back
into its DVD Profiler element: credits with their attributes and dividers
(``dvdprofiler_people_write``), the edition's discs, features, screen formats, studios and
media companies, list price, rating with its system and locality (``dvdprofiler_edition_write``),
the viewings and loans as events, box sets as ``BoxSet`` parent and contents, and the source
extras a DVD Profiler file gave (its id's type and locality, locks, banners, the
``ProfileTimestamp`` beside ``LastEdited``, a plug-in's data …) where they came from.
``dvdprofiler.read`` reads the file back to the same records, except for what a profile
cannot hold:

- Work: languages, TMDb id; all plots but the first (which becomes the Overview, without
  author); countries past the third; a colour other than Color, Black and White, Colorized or
  Mixed. Cast come back before crew. A credit comes back with DVD Profiler's name parts and crew
  type (the name split, the type its job's, when the record has none).
- Edition: a format other than DVD Profiler's media and VHS, LaserDisc, Video CD and Digital
  (it comes back "Other", with its name as one more detail, ``MediaTypes``); an aspect ratio not
  of the form "N:1" (converted: "16:9" comes back "1.78:1"); a location but no disc count (one
  disc is written).
- Copy: owner, storage device, condition, added time; the status "for sale" or "sold"
  (written as Owned); a nested location (written as one, its levels joined by " / "); a price
  of 0 (DVD Profiler's "no price"); the notes of a current loan that has no lending day; every
  open loan but the last (DVD Profiler holds one current loan: the others come back closed on
  the day they were lent); another cataloguer's source extras.
- Record: an empty ``source_id`` (the ID is made from the barcode, else ``M<index>``, with the
  locality of the rating's country). A record whose ID's type its form does not say keeps it
  as a source extra; a copy first imported from another cataloguer keeps that cataloguer's id
  as its ID and its barcode in ``<UPC>``.
- Box sets: DVD Profiler holds one film a profile. A record with several works becomes a
  parent profile (the edition and the copy; its title the works' titles joined by " / ", its
  ``BoxSet/Contents`` its children) and one child profile per work (ID ``<parent ID>-<n>``,
  ``BoxSet/Parent`` the parent), which read back as 1 + n records.

Other details (DVD Profiler's own extra values, or another cataloguer's) come back with the same
names, values and order. Those at the start that name a DVD Profiler element (a custom
collection type, ``CountAs``, ``WishPriority``, the other reviews, links …) go back into it, as
long as their order is the profiles'; the others are written in order to cinecat's own element,
the profile's last (DVD Profiler's schema has no such element)::

    <OtherDetails><Detail Name="imdbrating">7.3</Detail>…</OtherDetails>
"""

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from django.utils import timezone
from lxml import etree

from cinecat.catalog.records import CopyRecord, EditionRecord, LoanRecord, Record, WorkRecord

from .dvdprofiler_codes import LOCALITY_OF, WRITTEN_STATUSES, implied_id_type
from .dvdprofiler_edition_write import EditionWriter, upc_shown
from .dvdprofiler_people_write import people
from .dvdprofiler_placed import placed_details

NO_DATE = "1899-12-30T00:00:00"  # DVD Profiler's "no date"
# cinecat's own element: the other details, read back in order.
OTHER_DETAILS_ELEMENT = "OtherDetails"


def write_collection(records: Iterable[Record], stream: BinaryIO) -> None:
    """Stream ``<Collection>`` with one ``<DVD>`` a record (plus children for box sets)."""
    # Written by hand: lxml's declaration uses single quotes, DVD Profiler's double.
    stream.write(b'<?xml version="1.0" encoding="utf-8"?>\n')
    with etree.xmlfile(stream, encoding="utf-8") as xml, xml.element("Collection"):
        xml.write("\n")
        for number, record in enumerate(records, 1):
            for profile in _profiles(record, number):
                xml.write(profile, pretty_print=True)


def _profiles(record: Record, number: int) -> Iterator[etree._Element]:
    own, parent = record.source_id, record.part_of
    if not own:
        barcode = record.edition.barcode
        own = barcode if barcode.isdigit() else f"M{record.copy.index or number}"
        locality = LOCALITY_OF.get(record.edition.rating_country, "0")
        own = own if locality == "0" else f"{own}.{locality}"
    if len(record.works) <= 1:
        yield _Profile(own, parent, record).element
        return
    children = [f"{own}-{n}" for n in range(1, len(record.works) + 1)]
    title = " / ".join(work.title for work in record.works)
    yield _Profile(own, parent, record, WorkRecord(title=title), children).element
    child_edition = EditionRecord(format=record.edition.format)
    for child, work in zip(children, record.works, strict=True):
        single = Record(
            works=(work,), edition=child_edition, copy=CopyRecord(status=record.copy.status)
        )
        yield _Profile(child, own, single).element


class _Profile:
    """One ``<DVD>`` element, filled in DVD Profiler's order of elements."""

    def __init__(
        self,
        own_id: str,
        parent_id: str,
        record: Record,
        work: WorkRecord | None = None,
        contents: list[str] | None = None,
    ) -> None:
        self.element = etree.Element("DVD")
        work = work or (record.works[0] if record.works else WorkRecord(title=""))
        edition, copy = record.edition, record.copy
        self.extras = dict(copy.source_extras)
        self.placed, rest = placed_details(record)
        stamp = self.extras.get("ProfileTimestamp", "")
        self.add("ProfileTimestamp", stamp or _timestamp(copy.modified_at) or NO_DATE)
        parts = EditionWriter(self, edition, work)
        self._identity(own_id, edition, copy, parts)
        parts.facts()
        people(
            self.element,
            work.credits,
            self.extras,
            series=work.kind == "series",
            episodes=work.episodes,
        )
        self.add("Overview", work.plots[0].text if work.plots else "")
        self.add("EasterEggs", edition.easter_eggs)
        parts.discs(copy)
        self.add("SortTitle", work.sort_title)
        self._personal(copy, _timestamp(copy.modified_at) if stamp else "")
        self._box_set(parent_id, contents)
        self._loan_info(copy.loans)
        self._links(work)
        self.add("Notes", copy.notes)
        tags = self.add("Tags")
        for tag in copy.tags:
            etree.SubElement(tags, "Tag", Name=tag.rpartition("/")[2], FullName=tag)
        self.extra_group("Locks")
        self._plugin_data()
        self._other_details(rest)

    def add(self, tag: str, text: object = "", parent: etree._Element | None = None, **attrib):
        node = etree.SubElement(self.element if parent is None else parent, tag, attrib)
        if text not in ("", None):
            node.text = str(text)
        return node

    def flags(self, parent: etree._Element, names: Iterable[str], true: set[str]) -> None:
        for name in names:
            self.add(name, "true" if name in true else "false", parent)

    def extra_group(self, tag: str, parent: etree._Element | None = None) -> None:
        """A group of flags kept as a source extra ("Entire, Covers"), or the attributes of
        an element ("Front: On, Back: Off"), written back."""
        text = self.extras.get(tag, "")
        if not text:
            return
        node = self.add(tag, parent=parent)
        for part in text.split(", "):
            key, colon, value = part.partition(": ")
            if colon:
                node.set(key.replace(" ", ""), value)
            else:
                self.add(part.replace(" ", ""), "true", node)

    def _identity(
        self, own_id: str, edition: EditionRecord, copy: CopyRecord, parts: EditionWriter
    ) -> None:
        head, _, locality = own_id.partition(".")
        kind = self.extras.get("ID_Type") or implied_id_type(own_id)
        self.add("ID", own_id)
        self.add("ID_VariantNum", self.extras.get("ID_VariantNum", "0"))
        self.add("ID_LocalityID", self.extras.get("ID_LocalityID") or locality or "0")
        self.add("ID_LocalityDesc", self.placed.get("ID_LocalityDesc", ""))
        self.add("ID_Type", kind)
        parts.media()
        self.add("UPC", self.extras.get("UPC") or upc_shown(head, edition.barcode, kind))
        self.add("CollectionNumber", copy.index or "")
        custom = self.placed.get("CollectionType", "")
        status = custom or WRITTEN_STATUSES.get(copy.status, "Owned")
        owned = self.extras.get("CollectionType/@IsPartOfOwnedCollection")
        owned = owned or ("false" if custom or status != "Owned" else "true")
        self.add("CollectionType", status, IsPartOfOwnedCollection=owned)

    def _personal(self, copy: CopyRecord, last_edited: str) -> None:
        if last_edited:
            self.add("LastEdited", last_edited)
        self.add("WishPriority", self.placed.get("WishPriority", "0"))
        self.add("CountAs", self.placed.get("CountAs", "1"))
        purchase = self.add("PurchaseInfo")
        price = copy.purchase_price
        self.add(
            "PurchasePrice",
            format(price, "f") if price is not None else "0",
            purchase,
            DenominationType=copy.purchase_currency,
            DenominationDesc="",
            FormattedValue=f"{price} {copy.purchase_currency}".strip() if price else "",
        )
        self.add("PurchasePlace", copy.purchase_store, purchase)
        self.add("PurchasePlaceType", self.extras.get("PurchasePlaceType", ""), purchase)
        self.add("PurchasePlaceWebsite", self.placed.get("PurchasePlaceWebsite", ""), purchase)
        if copy.purchased_on:
            self.add("PurchaseDate", copy.purchased_on.isoformat(), purchase)
        self.add(
            "ReceivedAsGift", "true" if self.placed.get("ReceivedAsGift") else "false", purchase
        )
        self._review(copy)
        self.extra_group("MediaBanners")
        self.extra_group("Exclusions")
        self._events(copy)

    def _review(self, copy: CopyRecord) -> None:
        others = dict(
            part.split(": ", 1) for part in self.placed.get("Review", "").split(", ") if part
        )
        scores = {key: others.get(key, "0") for key in ("Video", "Audio", "Extras")}
        self.add("Review", Film=str(copy.my_rating or 0), **scores)

    def _events(self, copy: CopyRecord) -> None:
        events = self.add("Events")
        # DVD Profiler's Watched is of the whole profile: an episode seen is none (and lost).
        logged = [viewing for viewing in copy.viewing_log if viewing.episode is None]
        for viewing in logged:
            self._event(events, "Watched", viewing.watched_on, viewing.company, viewing.note)
        for _ in range(copy.viewings - len(logged)):
            self._event(events, "Watched", None, "")
        for loan in copy.loans:
            if loan.lent_on or loan.returned_on:
                self._event(events, "Borrowed", loan.lent_on, loan.borrower, loan.notes, loan)
            if loan.returned_on:
                self._event(events, "Returned", loan.returned_on, loan.borrower, "", loan)

    def _event(
        self,
        events: etree._Element,
        kind: str,
        day: dt.date | None,
        who: str,
        note: str = "",
        loan: LoanRecord | None = None,
    ) -> None:
        event = self.add("Event", parent=events)
        self.add("EventType", kind, event)
        self.add("Timestamp", _day_timestamp(day), event)
        self.add("Note", note, event)
        _user(event, who, loan)

    def _box_set(self, parent_id: str, contents: list[str] | None) -> None:
        box = self.add("BoxSet")
        self.add("Parent", parent_id, box)
        listed = self.add("Contents", parent=box)
        kept = self.extras.get("BoxSet/Contents", "")
        for child in contents or (kept.split(", ") if kept else ()):
            self.add("Content", child, listed)

    def _loan_info(self, loans: tuple[LoanRecord, ...]) -> None:
        info = self.add("LoanInfo")
        current = next((loan for loan in reversed(loans) if loan.returned_on is None), None)
        self.add("Loaned", "true" if current else "false", info)
        if current:
            if current.due_on:
                self.add("Due", current.due_on.isoformat(), info)
            _user(info, current.borrower, current)

    def _links(self, work: WorkRecord) -> None:
        links = self.add("MyLinks")
        found = [("Trailers and Clips", "", work.trailer_url)] * bool(work.trailer_url)
        if work.imdb_id:
            found.append(("", "IMDb", f"https://www.imdb.com/title/{work.imdb_id}/"))
        for line in self.placed.get("MyLinks", "").split("\n"):
            label, colon, url = line.partition(": ")
            if line:
                found.append(("", label, url) if colon and "://" in url else ("", "", line))
        if found:
            listed = self.add("CustomLinks", parent=links)
            for category, label, url in found:
                self.add("UserLink", parent=listed, URL=url, Description=label, Category=category)

    def _plugin_data(self) -> None:
        kept = self.extras.get("PluginCustomData", "")
        if kept:
            parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
            self.element.append(etree.fromstring(kept, parser))

    def _other_details(self, details: tuple[tuple[str, str], ...]) -> None:
        if details:
            kept = self.add(OTHER_DETAILS_ELEMENT)
            for name, value in details:
                self.add("Detail", value, kept, Name=name)


def _user(parent: etree._Element, name: str, loan: LoanRecord | None = None) -> None:
    first, _, last = name.strip().partition(" ")
    etree.SubElement(
        parent,
        "User",
        FirstName=first,
        LastName=last,
        EmailAddress=loan.borrower_email if loan else "",
        PhoneNumber=loan.borrower_phone if loan else "",
    )


def _day_timestamp(day: dt.date | None) -> str:
    """A day as the time, in UTC, of its start where cinecat reads dates: read back, it is the
    same day."""
    if day is None:
        return NO_DATE
    return _timestamp(dt.datetime.combine(day, dt.time()))


def _timestamp(moment: dt.datetime | None) -> str:
    """A time in UTC, as DVD Profiler writes it; a time that names no zone is one where
    cinecat reads dates."""
    if moment is None:
        return ""
    try:
        if moment.tzinfo is None:
            moment = timezone.make_aware(moment)
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    except OverflowError:  # within hours of the calendar's ends: written as it is
        moment = moment.replace(tzinfo=None)
    return f"{moment.isoformat()}Z"
