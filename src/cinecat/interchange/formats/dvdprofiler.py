"""DVD Profiler's ``collection.xml`` (3.x and 4.x): ``<Collection><DVD>…``, one profile an entry.

The file declares its encoding (usually windows-1252) and lxml decodes it. People are in
attributes (``<Actor FirstName= LastName= Role=/>``, ``<Credit … CreditSubtype="Director"/>``);
booleans are ``True`` or ``true``; ``1899-12-30T00:00:00`` (or ``1899-12-30``) means "no date".
Timestamps are UTC (``Z``) and are returned as naive UTC datetimes.

IDs: ``<ID>`` is a UPC/EAN, optionally followed by a locality suffix (``018713811837.4``), or a
disc ID (``I4D72C1479DE6625E``) or a manual ID (``M318.3``). The part before the dot becomes the
barcode only when it is a UPC/EAN (``ID_Type`` says so in 4.x; in 3.x it is all digits); the
whole ID is always ``Record.source_id``. ``<UPC>`` repeats the ID for display ("Disc ID: …");
beside another kind of ID, a valid UPC/EAN there is the barcode (cinecat writes a copy first
imported from another cataloguer so, under that cataloguer's id).

Box sets: a parent profile lists its children by ID (``<BoxSet><Contents><Content>``) and each
child profile names its parent (``<Parent>``). In the sample the children are complete profiles
of their own, with their own collection number, case and discs, and some listed children are
not in the file at all; merging them into the parent would lose those copies and need the
whole file in memory. So every profile stays its own record: a child's ``source_id`` is
``"<parent id>/<own id>"`` (outermost first, like locations), and a parent keeps its list of
contents as the other detail ``BoxSet/Contents`` ("025192063626, I4D72C1479DE6625E").

Dividers among the cast and crew (episode titles, or the films of a two-film disc) have no place
in a work's credits: the credits are kept in order and the dividers' captions are kept, one a
line, as ``Divider``, each followed by its ``Type`` when it has one ("10.01 Lazarus (Episode)";
DVD Profiler's types are Episode, Group and EndDiv); a divider without a caption (an EndDiv
closing a group) keeps nothing. A crew credit of subtype ``Custom`` takes its ``CustomRole``
("Written By") as its job.

Other details (``CopyRecord.other_details``): every value with no field of its own is kept as
text under its DVD Profiler name, in the order of the profile's elements. A plain element keeps
its text ("RatingAge": "13"), a true flag is "Yes" ("Format16X9"), an amount has its currency
("SRP": "19.95 USD"); a list reads "A, B" ("Studios"), a group of flags lists the true ones and
its other values as "Label: value" lines ("Features": "Scene Access, Trailer"). What belongs to
one person is a line per person: "Tom Welling: 1977" (``Actor/BirthYear``), "Katie Lucas: Jenna
Green" (``Actor/CreditedAs``), "Terence Stamp as Jor-El (voice)" (``Actor/Voice``). A disc's
values (``Disc/DescriptionSideA`` …) start with "Disc 2: " when the profile has several discs.
A custom media type is kept as ``MediaTypes`` unless it is only "Other", which the format says.
Last come the details cinecat's writer kept in its own ``<OtherDetails>`` element
(``<Detail Name="imdbrating">7.3</Detail>``), each name and value exactly as written.
``Record.unmapped`` names only a field whose value cannot be read as text.

Loans: ``<Events>`` hold the history (``Borrowed`` opens a loan for its ``<User>``, ``Returned``
closes that borrower's open loan) and ``<LoanInfo>`` the present (``Loaned``, ``Due``, ``User``).
DVD Profiler records one current loan: an open loan that ``LoanInfo`` does not name was returned
on a day it did not record, so it is closed on the day it was lent, with a note saying so. A
current loan without a ``Borrowed`` event has no lending day (the writer then uses the day the
copy was added); one without a ``User`` is lent to "Unknown borrower".

The writer (``dvdprofiler_write``) produces files this reader reads back to the same records;
what it cannot express is listed there. ``dvdprofiler_profile`` finds a profile's values and
reads them as text; this module makes them a record.
"""

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import replace
from decimal import Decimal
from typing import BinaryIO

from lxml import etree

from cinecat.catalog.records import (
    UNKNOWN_BORROWER,
    CopyRecord,
    CreditRecord,
    EditionRecord,
    LoanRecord,
    PlotRecord,
    Record,
    WorkRecord,
)
from cinecat.core import barcodes

from . import parse
from .base import FileFormat, FormatError
from .dvdprofiler_profile import (
    EMPTY_AS_WRITTEN,
    NAME_PARTS,
    ProfileElement,
    has_value,
    is_set,
)
from .dvdprofiler_write import OTHER_DETAILS_ELEMENT, write_collection
from .xml_safety import iter_entries, root_tag

# Highest first: a combo pack that is also a DVD is catalogued by its best disc.
_MEDIA_TYPES = (("UltraHD", "4K UHD"), ("BluRay", "Blu-ray"), ("HDDVD", "HD DVD"), ("DVD", "DVD"))
_CUSTOM_MEDIA = {
    "vhs": "VHS",
    "laserdisc": "LaserDisc",
    "video cd": "Video CD",
    "vcd": "Video CD",
    "digital": "Digital",
}
_STATUSES = {"owned": "owned", "ordered": "ordered", "wish list": "wish", "wishlist": "wish"}
# 4.x: Format/ColorFormat/Clr*; the Format/Color/Color* spelling is read too.
_COLOURS = {
    "ColorFormat/ClrColor": "Color",
    "ColorFormat/ClrBlackAndWhite": "Black and White",
    "ColorFormat/ClrColorized": "Colorized",
    "ColorFormat/ClrMixed": "Mixed",
    "Color/ColorColor": "Color",
    "Color/ColorBW": "Black and White",
    "Color/ColorColorized": "Colorized",
    "Color/ColorMixed": "Mixed",
}
# UPC repeats the ID; the ID_* parts are read with it; Locks are DVD Profiler's edit locks;
# RatingSystem/RatingVariant place the rating within its locality's scheme.
_IGNORED = {
    "UPC",
    "ID_VariantNum",
    "ID_LocalityID",
    "ID_Type",
    "Locks",
    "RatingSystem",
    "RatingVariant",
}
_PURCHASE_MAPPED = {"PurchasePrice", "PurchasePlace", "PurchaseDate"}
_FORMAT_MAPPED = {"FormatAspectRatio", "Color", "ColorFormat"}
_PERSON_EXTRAS = ("CreditedAs", "Voice", "Uncredited", "Puppeteer", "BirthYear")
_PERSON_FLAGS = {"Voice", "Uncredited", "Puppeteer"}
_USER_EXTRAS = ("EmailAddress", "PhoneNumber")
UNRECORDED_RETURN = "returned on a day DVD Profiler did not record"


def detect(head: bytes) -> bool:
    return root_tag(head) == "Collection" and b"<DVD>" in head


def read(stream: BinaryIO) -> Iterator[Record]:
    for number, dvd in iter_entries(stream, root="Collection", container="Collection", entry="DVD"):
        yield _Profile(dvd, f"<DVD> #{number}", _IGNORED).record()


def write(records: Iterable[Record], stream: BinaryIO) -> None:
    """Write records as a DVD Profiler ``collection.xml`` (UTF-8), one profile at a time."""
    write_collection(records, stream)


class _Profile(ProfileElement):
    """One ``<DVD>``, read into a record: what goes where, and what is kept as other details."""

    def record(self) -> Record:
        work, edition, copy = self._work(), self._edition(), self._copy()
        own_id, parent = self.text("ID"), self.text("BoxSet/Parent")
        self.keep("BoxSet", "BoxSet/Contents", ", ".join(self.texts("BoxSet/Contents/Content")))
        return Record(
            works=(work,),
            edition=edition,
            copy=replace(copy, other_details=self._other_details()),
            source_id=f"{parent}/{own_id}" if parent else own_id,
            where=self.where,
            unmapped=tuple(sorted(self.unmapped)),
        )

    def _other_details(self) -> tuple[tuple[str, str], ...]:
        """The kept values, then every unread element that has one, in the profile's order; then
        what cinecat's writer kept in ``<OtherDetails>``."""
        written = self._written_details()  # first, so its element does not count as unread
        for child in self.element:
            if child.tag not in self.used and has_value(child):
                self.keep_element(child.tag, child.tag, child)
        return self.kept.in_order_of(self.element).pairs() + written

    def _written_details(self) -> tuple[tuple[str, str], ...]:
        """The pairs of ``<OtherDetails>`` as written: not merged, stripped or dropped like the
        values read from DVD Profiler's own elements, so that they come back exactly."""
        self.used.add(OTHER_DETAILS_ELEMENT)
        found = self.all(OTHER_DETAILS_ELEMENT, "Detail")
        return tuple((node.get("Name", ""), node.text or "") for node in found)

    def _work(self) -> WorkRecord:
        overview = self.text("Overview")
        countries = ("CountryOfOrigin", "CountryOfOrigin2", "CountryOfOrigin3")
        return WorkRecord(
            title=self.text("Title"),
            sort_title=self.text("SortTitle"),
            original_title=self.text("OriginalTitle"),
            year=self.whole_number("ProductionYear") or None,
            runtime_minutes=self.whole_number("RunningTime") or None,
            colour=self._colour(),
            genres=self.texts("Genres/Genre"),
            countries=tuple(country for tag in countries if (country := self.text(tag))),
            plots=(PlotRecord(text=overview),) if overview else (),
            credits=self._credits("Actors") + self._credits("Credits"),
        )

    def _colour(self) -> str:
        self.used.add("Format")
        # Each Format/<group>/<flag> once, the first in document order, as text() would find it.
        flags: dict[str, etree._Element] = {}
        for group in self.all("Format", "*"):
            for flag in group:
                flags.setdefault(f"{group.tag}/{flag.tag}", flag)
        for path, name in _COLOURS.items():
            node = flags.get(path)
            if node is not None and (node.text or "").strip().casefold() == "true":
                return name
        return ""

    def _credits(self, tag: str) -> tuple[CreditRecord, ...]:
        self.used.add(tag)
        credits = []
        for node in self.all(tag, "*"):
            if node.tag == "Divider":
                self.keep(tag, "Divider", _divider_line(node))
                continue
            get = node.get
            name = " ".join(filter(None, (get(part) for part in NAME_PARTS)))
            role = get("Role", "").strip()
            if node.tag == "Actor":
                credits.append(CreditRecord(name=name, character=role))
            else:
                job = get("CreditSubtype") or get("CreditType", "")
                if job == "Custom" and get("CustomRole", "").strip():
                    job = get("CustomRole", "").strip()
                credits.append(CreditRecord(name=name, job=job, role="crew"))
            for key in _PERSON_EXTRAS:
                value = get(key)
                if value and value not in EMPTY_AS_WRITTEN and is_set(value):
                    self.keep(tag, f"{node.tag}/{key}", _person_line(name, role, key, value))
        return tuple(credits)

    def _edition(self) -> EditionRecord:
        companies, studios = self.texts("MediaCompanies/MediaCompany"), self.texts("Studios/Studio")
        if studios and (companies or len(studios) > 1):
            self.keep("Studios", "Studios", ", ".join(studios))  # the edition has one company
        if len(companies) > 1:
            self.keep("MediaCompanies", "MediaCompanies", ", ".join(companies))
        rating = self.text("Rating")
        aspect = self.text("Format/FormatAspectRatio")
        self.keep_children("Format", _FORMAT_MAPPED)
        return EditionRecord(
            format=self._format(),
            name=self.text("DistTrait"),
            distributor=(companies or studios or ("",))[0],
            release_date=self.date("Released"),
            barcode=self._barcode(),
            rating_country="US" if rating and self._locality() == "0" else "",
            rating=rating,
            regions=self.texts("Regions/Region"),
            discs=sum(1 for _ in self.all("Discs", "Disc")) or None,
            packaging=self.text("CaseType"),
            aspect_ratio=f"{aspect}:1" if aspect else "",
            audio=tuple(self._audio()),
            subtitles=self.texts("Subtitles/Subtitle"),
        )

    def _format(self) -> str:
        found = [ours for tag, ours in _MEDIA_TYPES if self.flag(f"MediaTypes/{tag}")]
        custom = self.text("MediaTypes/CustomMediaType")
        if custom:
            found.append(_CUSTOM_MEDIA.get(custom.casefold(), "Other"))
        if len(found) > 1 or ("Other" in found and custom.casefold() != "other"):
            named = [*found[:-1], custom] if custom else found  # the custom type as written
            self.keep("MediaTypes", "MediaTypes", ", ".join(named))
        return found[0] if found else "DVD"

    def _locality(self) -> str:
        """DVD Profiler's locality of the profile; 0 is the United States."""
        suffix = self.text("ID").partition(".")[2]
        return self.text("ID_LocalityID") or suffix or "0"

    def _barcode(self) -> str:
        head = self.text("ID").partition(".")[0]
        id_type = self.text("ID_Type")
        is_upc = id_type == "UPCEAN" if id_type else parse.is_whole_number(head)
        if is_upc:
            return head
        # <UPC> shows the ID ("Disc ID: 82DD-…", "Manual DVD #318"); a valid UPC/EAN there
        # beside another kind of ID is the barcode of a profile cinecat wrote.
        shown = self.text("UPC")
        try:
            barcodes.normalize(shown)
        except barcodes.BarcodeError:
            return ""
        return shown

    def _audio(self) -> Iterator[str]:
        self.used.add("Audio")
        for track in self.all("Audio", "AudioTrack"):
            parts = (track.findtext(tag, "").strip() for tag in ("AudioFormat", "AudioChannels"))
            content = track.findtext("AudioContent", "").strip()
            label = " ".join(part for part in parts if part)
            yield f"{label} [{content}]" if content else label

    def _copy(self) -> CopyRecord:
        status = self.text("CollectionType")
        if status and status.casefold() not in _STATUSES:
            self.keep("CollectionType", "CollectionType", status)
        if (count_as := self.text("CountAs")) not in ("", "1"):
            self.keep("CountAs", "CountAs", count_as)
        location = next(iter(self.texts("Discs/Disc/Location")), "")
        slot = next(iter(self.texts("Discs/Disc/Slot")), "")
        self._keep_discs(location, slot)
        price, currency = self._price()
        viewings, loans = self._events()
        return CopyRecord(
            index=self.whole_number("CollectionNumber") or None,
            status=_STATUSES.get(status.casefold(), "owned"),
            location=(location,) if location else (),
            storage_slot=slot,
            purchased_on=self.date("PurchaseInfo/PurchaseDate"),
            purchase_price=price,
            purchase_currency=currency,
            purchase_store=self.text("PurchaseInfo/PurchasePlace"),
            notes=self.text("Notes"),
            tags=tuple(self._tags()),
            my_rating=self._review(),
            viewings=viewings,
            modified_at=self.datetime("LastEdited") or self.datetime("ProfileTimestamp"),
            loans=loans,
        )

    def _keep_discs(self, location: str, slot: str) -> None:
        """Each disc's values with no field of their own, and a location or slot other than the
        copy's, as ``Disc/<tag>``; each starts with "Disc 2: " when there are several discs."""
        mapped = {"Location": location, "Slot": slot}
        discs = list(self.all("Discs", "Disc"))
        for number, disc in enumerate(discs, 1):
            prefix = f"Disc {number}: " if len(discs) > 1 else ""
            for child in disc:
                if mapped.get(child.tag) != (child.text or "").strip() and has_value(child):
                    self.keep_element("Discs", f"Disc/{child.tag}", child, prefix)

    def _price(self) -> tuple[Decimal | None, str]:
        self.keep_children("PurchaseInfo", _PURCHASE_MAPPED)  # ReceivedAsGift, GiftFrom …
        node = next(self.all("PurchaseInfo", "PurchasePrice"), None)
        if node is None or not is_set(node.text):
            return None, ""  # DVD Profiler writes 0 when no price was entered
        try:
            amount = parse.decimal(node.text.strip(), self.where, "PurchaseInfo/PurchasePrice")
        except FormatError as exc:
            raise self.fail(exc.message, "PurchaseInfo/PurchasePrice", node) from None
        return amount, node.get("DenominationType", "")

    def _tags(self) -> Iterator[str]:
        self.used.add("Tags")
        for tag in self.all("Tags", "Tag"):
            name = (tag.get("FullName") or tag.get("Name") or tag.text or "").strip()
            if name:
                yield name

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
        self.keep("Review", "Review", ", ".join(others))  # Video, Audio, Extras
        return int(film) if rated and int(film) else None

    def _events(self) -> tuple[int, tuple[LoanRecord, ...]]:
        """Viewings, and loans from the Borrowed/Returned history and the current LoanInfo."""
        self.used.update(("Events", "LoanInfo"))
        viewings, loans, still_out = 0, [], {}  # still_out: borrower → position in loans
        for event in self.all("Events", "Event"):
            kind = event.findtext("EventType", "").strip()
            if kind == "Watched":
                viewings += 1
                continue
            user = self._user(event.find("User"), "Events", "Event/User")
            borrower = user or UNKNOWN_BORROWER
            day = self._event_day(event)
            note = (event.findtext("Note") or event.findtext("Notes") or "").strip()
            if kind == "Borrowed":
                still_out[borrower] = len(loans)
                loans.append(LoanRecord(borrower, lent_on=day, notes=note))
            elif kind == "Returned" and borrower in still_out:
                position = still_out.pop(borrower)
                loans[position] = replace(loans[position], returned_on=day)
            else:  # a return with no loan, or an event of another kind
                line = _event_line(day, user, note)
                self.keep("Events", f"Events/{kind or 'Event'}", line or kind or "Event")
        current = self._current_loan(loans, still_out)
        for position, loan in enumerate(loans):
            if loan.returned_on is None and loan.lent_on and position != current:
                note = "; ".join(text for text in (loan.notes, UNRECORDED_RETURN) if text)
                loans[position] = replace(loan, returned_on=loan.lent_on, notes=note)
        return viewings, tuple(loans)

    def _current_loan(self, loans: list[LoanRecord], still_out: dict[str, int]) -> int | None:
        """Add LoanInfo's due date to its open loan (or add the loan): its position, if any."""
        if not self.flag("LoanInfo/Loaned"):
            return None
        user = self._user(self.element.find("LoanInfo/User"), "LoanInfo", "LoanInfo/User")
        borrower = user or UNKNOWN_BORROWER
        due = self.date("LoanInfo/Due")
        if borrower in still_out:
            position = still_out[borrower]
            loans[position] = replace(loans[position], due_on=due)
            return position
        loans.append(LoanRecord(borrower, due_on=due))
        return len(loans) - 1

    def _user(self, user: etree._Element | None, tag: str, path: str) -> str:
        """The user's name ("" if none); their e-mail and phone are kept as "Name: value"."""
        if user is None:
            return ""
        parts = (user.get(key, "").strip() for key in ("FirstName", "LastName"))
        name = " ".join(part for part in parts if part)
        for key in _USER_EXTRAS:
            if is_set(value := user.get(key)):
                line = f"{name}: {value.strip()}" if name else value.strip()
                self.keep(tag, f"{path}/{key}", line)
        return name

    def _event_day(self, event: etree._Element) -> dt.date | None:
        node = event.find("Timestamp")
        text = node.text if node is not None else ""
        moment = self.moment(text, "Events/Event/Timestamp", node)
        return moment.date() if moment else None


def _person_line(name: str, role: str, key: str, value: str) -> str:
    """What a credit says of its person: "Brian Cox: 1946", "Terence Stamp as Jor-El (voice)"."""
    if key in _PERSON_FLAGS and value.strip().casefold() == "true":
        who = f"{name} as {role}" if role else name
        return f"{who} ({key.casefold()})"
    return f"{name}: {value.strip()}"


def _divider_line(divider: etree._Element) -> str:
    """A divider's caption and its type, if it has one: "10.01 Lazarus (Episode)"."""
    caption, kind = divider.get("Caption", "").strip(), divider.get("Type", "").strip()
    return f"{caption} ({kind})" if caption and kind else caption


def _event_line(day: dt.date | None, user: str, note: str) -> str:
    """An event as "2020-05-01: Dan (a note)"."""
    head = ": ".join(part for part in (day.isoformat() if day else "", user) if part)
    return f"{head} ({note})" if head and note else head or note


FORMAT = FileFormat(
    key="dvdprofiler",
    label="DVD Profiler collection (XML export)",
    detect=detect,
    read=read,
    write=write,
    extension="xml",
    content_type="application/xml",
)
