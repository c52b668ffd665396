"""Writing DVD Profiler's ``collection.xml``: the 4.x layout, UTF-8, one ``<DVD>`` at a time.

Each profile is built as a small tree and streamed through ``lxml.etree.xmlfile``, so writing
100,000 entries takes no more memory than writing one. ``dvdprofiler.read`` reads the file back
to the same records, except for what a profile cannot hold:

- Work: languages, trailer URL, IMDb/TMDb ids; all plots but the first (which becomes the
  Overview, a summary without author); countries past the third; a colour other than Color,
  Black and White, Colorized or Mixed. Cast come back before crew.
- Edition: a rating country other than US (DVD Profiler has a locality instead: the ID's
  suffix, 0 being the US, so a rating with no country and no suffix comes back as US); a
  format other than DVD, Blu-ray, HD DVD, 4K UHD, VHS, LaserDisc, Video CD and Digital (it
  comes back "Other", with its name as one more detail, ``MediaTypes``; Blu-ray 3D comes back
  Blu-ray); an aspect ratio not of the form "N:1" (converted: "16:9" comes back "1.78:1"); a
  location but no disc count (one disc is written).
- Copy: owner, storage device, condition, added time; the status "for sale" or "sold"
  (written as Owned); a nested location (written as one, its levels joined by " / "); a price
  of 0 (DVD Profiler's "no price"); the notes of a current loan that has no lending day; every
  open loan but the last (DVD Profiler holds one current loan: the others come back closed on
  the day they were lent).
- Record: an empty ``source_id`` (the ID is made from the barcode, else ``M<index>``). The ID
  is typed UPCEAN when its head is the barcode (in any of its forms: the 12-digit UPC an import
  read and the 13-digit EAN cinecat stores are one code); otherwise the barcode is in ``<UPC>``,
  where the reader finds it (a copy first imported from another cataloguer keeps that
  cataloguer's id as its ID).
- Box sets: DVD Profiler holds one film a profile. A record with several works becomes a
  parent profile (the edition and the copy; its title the works' titles joined by " / ",
  ``BoxSet/Contents`` listing its children) and one child profile per work (ID
  ``<parent ID>-<n>``, ``BoxSet/Parent`` naming the parent), which read back as 1 + n records.

Other details (``CopyRecord.other_details``: DVD Profiler's own extra values, or another
cataloguer's) come back with the same names, values and order. They are written in order to
cinecat's own element, the profile's last (DVD Profiler's schema has no such element)::

    <OtherDetails><Detail Name="imdbrating">7.3</Detail>…</OtherDetails>

They are not put back into DVD Profiler's elements: the reader gives details in the order of
the elements they come from, so details spread over the profile would come back in another
order, and many cannot be undone without guessing ("Features" lists labels of flags, an
"Actor/BirthYear" line names a person). The one exception is a ``ProfileTimestamp`` kept as the
first detail (the reader keeps it when ``LastEdited`` holds the modified time): it goes back
into ``ProfileTimestamp``, with the modified time in ``LastEdited``. Without one, the modified
time is the ``ProfileTimestamp`` and there is no ``LastEdited`` (as in 3.x): both would make the
``ProfileTimestamp`` read back as a detail the record did not have.
"""

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import BinaryIO

from lxml import etree

from cinecat.catalog.records import (
    CopyRecord,
    CreditRecord,
    EditionRecord,
    LoanRecord,
    Record,
    WorkRecord,
)
from cinecat.core import barcodes

NO_DATE = "1899-12-30T00:00:00"  # DVD Profiler's "no date"
# cinecat's own element: the other details, read back in order.
OTHER_DETAILS_ELEMENT = "OtherDetails"
_MEDIA = {"DVD": "DVD", "Blu-ray": "BluRay", "Blu-ray 3D": "BluRay", "HD DVD": "HDDVD"}
_MEDIA |= {"4K UHD": "UltraHD"}
_COLOURS = {
    "Color": "ClrColor",
    "Black and White": "ClrBlackAndWhite",
    "Colorized": "ClrColorized",
    "Mixed": "ClrMixed",
}
_STATUSES = {"owned": "Owned", "ordered": "Ordered", "wish": "Wish List"}
# DVD Profiler files each crew job under a type; a job it does not know is a Custom role.
_CREW_TYPES = {
    "Direction": ("Director",),
    "Writing": ("Writer", "Screenwriter", "Original Material By", "Original Characters By")
    + ("Created By", "Story By"),
    "Production": ("Producer", "Executive Producer"),
    "Cinematography": ("Director of Photography", "Cinematographer"),
    "Film Editing": ("Film Editor",),
    "Music": ("Composer", "Song Writer", "Theme By"),
    "Sound": ("Sound", "Sound Designer", "Supervising Sound Editor", "Sound Editor")
    + ("Sound Re-Recording Mixer", "Production Sound Mixer"),
    "Art": ("Production Designer", "Art Director", "Costume Designer", "Make-up Artist")
    + ("Visual Effects", "Make-up Effects", "Creature Design"),
}
_CREW_TYPE = {job: kind for kind, jobs in _CREW_TYPES.items() for job in jobs}
_ACTOR_FLAGS = {"Voice": "false", "Uncredited": "false", "Puppeteer": "false"}
_NAME_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
_AUDIO = re.compile(r"(?P<format>.*?) ?(?:\[(?P<content>[^\]]*)\])?")
_RATIO = re.compile(r"(?P<wide>\d+(?:\.\d+)?)\s*:\s*(?P<high>\d+(?:\.\d+)?)")


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
    parent, _, own = record.source_id.rpartition("/")
    barcode = record.edition.barcode
    own = own or (barcode if barcode.isdigit() else f"M{record.copy.index or number}")
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
        stamp, details = _own_timestamp(copy)
        self.add("ProfileTimestamp", stamp or _timestamp(copy.modified_at) or NO_DATE)
        self._identity(own_id, edition, copy)
        self._work_facts(work, edition)
        self._edition_details(edition, work)
        self._people(work.credits)
        self.add("Overview", work.plots[0].text if work.plots else "")
        self._discs(edition, copy)
        self.add("SortTitle", work.sort_title)
        self._personal(copy, _timestamp(copy.modified_at) if stamp else "")
        box = self.add("BoxSet")
        self.add("Parent", parent_id, box)
        listed = self.add("Contents", parent=box)
        for child in contents or ():
            self.add("Content", child, listed)
        self._loan_info(copy.loans)
        self.add("Notes", copy.notes)
        tags = self.add("Tags")
        for tag in copy.tags:
            etree.SubElement(tags, "Tag", Name=tag.rpartition("/")[2], FullName=tag)
        self._other_details(details)

    def add(self, tag: str, text: object = "", parent: etree._Element | None = None, **attrib):
        node = etree.SubElement(self.element if parent is None else parent, tag, attrib)
        if text not in ("", None):
            node.text = str(text)
        return node

    def flags(self, tag: str, names: Iterable[str], true: set[str]) -> None:
        group = self.add(tag) if tag else self.element
        for name in names:
            self.add(name, "true" if name in true else "false", group)

    def _identity(self, own_id: str, edition: EditionRecord, copy: CopyRecord) -> None:
        head, _, locality = own_id.partition(".")
        if head.isdigit() and _same_code(head, edition.barcode):
            kind = "UPCEAN"
        else:
            kind = "DiscID" if re.fullmatch(r"I[0-9A-F]{16}", head) else "ManualID"
        self.add("ID", own_id)
        self.add("ID_LocalityID", locality if locality.isdigit() else "0")
        self.add("ID_Type", kind)
        media = self.add("MediaTypes")
        ours = _MEDIA.get(edition.format)
        for name in ("DVD", "HDDVD", "BluRay", "UltraHD"):
            self.add(name, "true" if name == ours else "false", media)
        if ours is None:
            self.add("CustomMediaType", edition.format or "Other", media)
        self.add("UPC", edition.barcode)
        self.add("CollectionNumber", copy.index or "")
        status = _STATUSES.get(copy.status, "Owned")
        owned = "true" if status == "Owned" else "false"
        self.add("CollectionType", status, IsPartOfOwnedCollection=owned)

    def _work_facts(self, work: WorkRecord, edition: EditionRecord) -> None:
        self.add("Title", work.title)
        self.add("DistTrait", edition.name)
        self.add("OriginalTitle", work.original_title)
        countries = [*work.countries[:3], "", "", ""]
        for tag, country in zip(("", "2", "3"), countries, strict=False):
            self.add(f"CountryOfOrigin{tag}", country)
        self.add("ProductionYear", work.year or "")
        if edition.release_date:
            self.add("Released", edition.release_date.isoformat())
        self.add("RunningTime", work.runtime_minutes or 0)
        self.add("Rating", edition.rating)
        self.add("CaseType", edition.packaging)
        genres = self.add("Genres")
        for genre in work.genres:
            self.add("Genre", genre, genres)
        regions = self.add("Regions")
        for region in edition.regions:
            self.add("Region", region, regions)

    def _edition_details(self, edition: EditionRecord, work: WorkRecord) -> None:
        layout = self.add("Format")
        self.add("FormatAspectRatio", _aspect(edition.aspect_ratio), layout)
        colours = self.add("ColorFormat", parent=layout)
        for name in _COLOURS.values():
            self.add(name, "true" if _COLOURS.get(work.colour) == name else "false", colours)
        self.add("Studios")
        companies = self.add("MediaCompanies")
        if edition.distributor:
            self.add("MediaCompany", edition.distributor, companies)
        audio = self.add("Audio")
        for label in edition.audio:
            parts = _AUDIO.fullmatch(label)
            track = self.add("AudioTrack", parent=audio)
            self.add("AudioContent", parts["content"] or "", track)
            self.add("AudioFormat", parts["format"], track)
            self.add("AudioChannels", parent=track)
        subtitles = self.add("Subtitles")
        for subtitle in edition.subtitles:
            self.add("Subtitle", subtitle, subtitles)

    def _people(self, credits: tuple[CreditRecord, ...]) -> None:
        actors, crew = self.add("Actors"), self.add("Credits")
        for credit in credits:
            first, middle, last = _name_parts(credit.name)
            person = {"FirstName": first, "MiddleName": middle, "LastName": last, "BirthYear": "0"}
            if credit.role == "cast":
                person |= {"Role": credit.character, "CreditedAs": ""}
                etree.SubElement(actors, "Actor", person | _ACTOR_FLAGS)
                continue
            kind = _CREW_TYPE.get(credit.job)
            person |= {
                "CreditType": kind or "Other",
                "CreditSubtype": credit.job if kind else "Custom",
            }
            person |= {"CreditedAs": ""} if kind else {"CreditedAs": "", "CustomRole": credit.job}
            etree.SubElement(crew, "Credit", person)

    def _discs(self, edition: EditionRecord, copy: CopyRecord) -> None:
        discs = self.add("Discs")
        location = " / ".join(copy.location)
        count = edition.discs or (1 if location or copy.storage_slot else 0)
        for _ in range(count):
            disc = self.add("Disc", parent=discs)
            self.add("Location", location, disc)
            self.add("Slot", copy.storage_slot, disc)

    def _personal(self, copy: CopyRecord, last_edited: str) -> None:
        if last_edited:
            self.add("LastEdited", last_edited)
        purchase = self.add("PurchaseInfo")
        price = copy.purchase_price
        self.add(
            "PurchasePrice",
            format(price, "f") if price is not None else "0",
            purchase,
            DenominationType=copy.purchase_currency,
            FormattedValue=f"{price} {copy.purchase_currency}".strip() if price else "",
        )
        self.add("PurchasePlace", copy.purchase_store, purchase)
        if copy.purchased_on:
            self.add("PurchaseDate", copy.purchased_on.isoformat(), purchase)
        self.add("Review", Film=str(copy.my_rating or 0), Video="0", Audio="0", Extras="0")
        events = self.add("Events")
        for _ in range(copy.viewings):
            self._event(events, "Watched", None, "")
        for loan in copy.loans:
            if loan.lent_on or loan.returned_on:
                self._event(events, "Borrowed", loan.lent_on, loan.borrower, loan.notes)
            if loan.returned_on:
                self._event(events, "Returned", loan.returned_on, loan.borrower)

    def _event(
        self, events: etree._Element, kind: str, day: dt.date | None, who: str, note: str = ""
    ) -> None:
        event = self.add("Event", parent=events)
        self.add("EventType", kind, event)
        self.add("Timestamp", f"{day.isoformat()}T00:00:00Z" if day else NO_DATE, event)
        self.add("Note", note, event)
        if kind != "Watched":
            _user(event, who)

    def _loan_info(self, loans: tuple[LoanRecord, ...]) -> None:
        info = self.add("LoanInfo")
        current = next((loan for loan in reversed(loans) if loan.returned_on is None), None)
        self.add("Loaned", "true" if current else "false", info)
        if current:
            if current.due_on:
                self.add("Due", current.due_on.isoformat(), info)
            _user(info, current.borrower)

    def _other_details(self, details: tuple[tuple[str, str], ...]) -> None:
        if details:
            kept = self.add(OTHER_DETAILS_ELEMENT)
            for name, value in details:
                self.add("Detail", value, kept, Name=name)


def _own_timestamp(copy: CopyRecord) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The ``ProfileTimestamp`` a copy kept as its first detail, and the details left to write;
    none without a modified time, which must then be the ``ProfileTimestamp`` itself."""
    details = copy.other_details
    name, value = details[0] if details else ("", "")
    if name == "ProfileTimestamp" and copy.modified_at and _is_timestamp(value):
        return value, details[1:]
    return "", details


def _is_timestamp(value: str) -> bool:
    """A time that reads back as the same text (neither padded nor DVD Profiler's "no date")."""
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        return False
    return value == value.strip() and not value.startswith("1899-12-30")


def _user(parent: etree._Element, name: str) -> None:
    first, _, last = name.strip().partition(" ")
    etree.SubElement(
        parent, "User", FirstName=first, LastName=last, EmailAddress="", PhoneNumber=""
    )


def _name_parts(name: str) -> tuple[str, str, str]:
    """First, middle and last name, the way DVD Profiler keeps a person's name."""
    words = name.split()
    if len(words) < 2:
        return "", "", name.strip()
    rest = words[1:]
    start = len(rest) - 1
    if start > 0 and rest[start].casefold() in _NAME_SUFFIXES:
        start -= 1  # "Alan Dinehart III": the suffix stays with the last name
    for position, word in enumerate(rest[:start]):
        if word[:1].islower():  # a particle starts the last name: "Karol Cristina da Silva"
            start = position
            break
    return words[0], " ".join(rest[:start]), " ".join(rest[start:])


def _aspect(ratio: str) -> str:
    """DVD Profiler's aspect ratio is the width for a height of 1: "2.35:1" → "2.35"."""
    match = _RATIO.fullmatch(ratio.strip())
    if not match:
        return ""
    wide, high = Decimal(match["wide"]), Decimal(match["high"])
    if high == 1:
        return match["wide"]
    return f"{wide / high:.2f}" if high else ""


def _timestamp(moment: dt.datetime | None) -> str:
    if moment is None:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return f"{moment.isoformat()}Z"


def _same_code(head: str, barcode: str) -> bool:
    """Whether an ID's head and a barcode are one UPC/EAN, whatever their forms."""
    if head == barcode:
        return True
    try:
        return barcodes.normalize(head) == barcodes.normalize(barcode)
    except barcodes.BarcodeError:
        return False
