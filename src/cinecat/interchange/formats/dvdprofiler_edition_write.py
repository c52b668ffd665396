"""A record's edition as a DVD Profiler profile's: the reverse of ``dvdprofiler_edition``.

Media types, the title block with the rating and its system, the format with its screen
formats, features, studios and media companies, audio, subtitles, the list price, and the
discs with each one's place.
"""

import re
from decimal import Decimal

from cinecat.catalog.records import CopyRecord, EditionRecord, WorkRecord

from .dvdprofiler_codes import (
    AGE_BOARDS,
    COLOURS,
    CUSTOM_MEDIA,
    DIMENSIONS,
    DISC_FLAGS,
    DISC_TEXTS,
    DYNAMIC_RANGES,
    FEATURES,
    MEDIA_TYPES,
    SCREEN_FORMATS,
)

_TAG_OF = {ours: tag for tag, ours in MEDIA_TYPES} | {"Blu-ray 3D": "BluRay"}
# The screen format flags in the order of DVD Profiler's schema.
_SCREEN_ORDER = ("FormatLetterBox", "FormatPanAndScan", "FormatFullFrame", "Format16X9")
_AUDIO = re.compile(r"(?P<format>.*?) ?(?:\[(?P<content>[^\]]*)\])?")
_RATIO = re.compile(r"(?P<wide>\d+(?:\.\d+)?)\s*:\s*(?P<high>\d+(?:\.\d+)?)")


def media_types(medium: str, detail: str) -> tuple[set[str], str]:
    """The media type flags and the custom media type that give ``medium`` and, if any, the
    ``MediaTypes`` detail listing them ("Blu-ray, DVD", "DVD, Betamax")."""
    names = detail.split(", ") if detail else [medium]
    flags = {_TAG_OF[name] for name in names if name in _TAG_OF}
    custom = names[-1] if names[-1] not in _TAG_OF else ""
    return flags, custom


def media_read(flags: set[str], custom: str) -> tuple[str, str]:
    """The medium and the ``MediaTypes`` detail the reader makes of these flags."""
    found = [ours for tag, ours in MEDIA_TYPES if tag in flags]
    if custom:
        found.append(CUSTOM_MEDIA.get(custom.casefold(), "Other"))
    detail = ""
    if len(found) > 1 or (found and found[-1] == "Other" and custom.casefold() != "other"):
        detail = ", ".join([*found[:-1], custom or found[-1]])
    return (found[0] if found else "DVD"), detail


def upc_shown(head: str, barcode: str, kind: str) -> str:
    """``<UPC>`` as DVD Profiler shows a code: "018111-275491", "4-010232-031129"."""
    code = head if kind == "UPCEAN" else barcode
    if kind == "UPCEAN" and len(code) == 12:
        return f"{code[:6]}-{code[6:]}"
    if kind == "UPCEAN" and len(code) == 13:
        return f"{code[0]}-{code[1:7]}-{code[7:]}"
    return code


class EditionWriter:
    """Fills a profile (``dvdprofiler_write._Profile``) with an edition's elements."""

    def __init__(self, profile, edition: EditionRecord, work: WorkRecord) -> None:
        self.profile = profile
        self.add = profile.add
        self.edition = edition
        self.work = work

    def media(self) -> None:
        flags, custom = media_types(self.edition.format, self.profile.placed.get("MediaTypes", ""))
        media = self.add("MediaTypes")
        for tag in ("DVD", "HDDVD", "BluRay", "UltraHD"):
            self.add(tag, "true" if tag in flags else "false", media)
        if custom:
            self.add("CustomMediaType", custom, media)

    def facts(self) -> None:
        work, edition = self.work, self.edition
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
        self._rating()
        self.add("CaseType", edition.packaging)
        self.add("CaseSlipCover", "true" if edition.slip_cover else "false")
        self._list("Genres", "Genre", work.genres)
        self._list("Regions", "Region", edition.regions)
        self._format()
        self._features()
        self._list("Studios", "Studio", work.studios)
        companies = (edition.distributor, *edition.co_distributors) if edition.distributor else ()
        self._list("MediaCompanies", "MediaCompany", companies)
        self._audio()
        self._list("Subtitles", "Subtitle", edition.subtitles)
        price = edition.list_price
        self.add(
            "SRP",
            format(price, "f") if price is not None else "0",
            DenominationType=edition.list_price_currency,
            DenominationDesc="",
            FormattedValue=f"{price} {edition.list_price_currency}".strip() if price else "",
        )

    def _list(self, tag: str, item: str, values) -> None:
        parent = self.add(tag)
        for value in values:
            self.add(item, value, parent)

    def _rating(self) -> None:
        """The rating without its board, which ``RatingSystem`` names; one made from the age
        alone (a German "FSK 12") is written as the age it came from."""
        extras, edition = self.profile.extras, self.edition
        system, rating = extras.get("RatingSystem", ""), edition.rating
        age = extras.get("RatingAge") or self.profile.placed.get("RatingAge", "0")
        board = AGE_BOARDS.get(edition.rating_country, "")
        if not system and board and rating == f"{board} {age}":
            rating = ""
        elif system and rating.startswith(f"{system} "):
            rating = rating.removeprefix(f"{system} ")
        self.add("RatingSystem", system)
        self.add("Rating", rating)
        self.add("RatingAge", age)
        self.add("RatingVariant", extras.get("RatingVariant", "0"))
        self.add("RatingDetails", edition.rating_details)

    def _format(self) -> None:
        edition, discs = self.edition, self.edition.disc_list
        layout = self.add("Format")
        self.add("FormatAspectRatio", aspect(edition.aspect_ratio), layout)
        self.add("FormatVideoStandard", edition.video_standard, layout)
        colours = self.add("ColorFormat", parent=layout)
        self.profile.flags(colours, [tag for tag, _ in COLOURS], _tags(COLOURS, self.work.colour))
        screens = set(edition.screen_formats)
        if any(name in screens for _, name in DYNAMIC_RANGES):
            ranges = self.add("DynamicRange", parent=layout)
            self.profile.flags(
                ranges, [tag for tag, _ in DYNAMIC_RANGES], _tags(DYNAMIC_RANGES, *screens)
            )
        true = _tags(SCREEN_FORMATS, *screens)
        if any(disc.dual_sided for disc in discs):
            true.add("FormatDualSided")
        if any(disc.dual_layered or disc.dual_layered_b for disc in discs):
            true.add("FormatDualLayered")
        names = [*_SCREEN_ORDER, "FormatDualSided", "FormatDualLayered"]
        self.profile.flags(layout, names, true)
        dimensions = self.add("Dimensions", parent=layout)
        flat = _tags(DIMENSIONS, *screens) | (
            {"Dim3DBluRay"} if edition.format == "Blu-ray 3D" else set()
        )
        self.profile.flags(dimensions, [tag for tag, _ in DIMENSIONS], flat)

    def _features(self) -> None:
        features = self.add("Features")
        self.profile.flags(
            features, [tag for tag, _ in FEATURES], _tags(FEATURES, *self.edition.features)
        )
        self.add("OtherFeatures", self.edition.other_features, features)

    def _audio(self) -> None:
        audio = self.add("Audio")
        for label in self.edition.audio:
            parts = _AUDIO.fullmatch(label)
            track = self.add("AudioTrack", parent=audio)
            self.add("AudioContent", parts["content"] or "", track)
            self.add("AudioFormat", parts["format"], track)
            self.add("AudioChannels", parent=track)

    def discs(self, copy: CopyRecord) -> None:
        """Each disc with its place: the copy's, or the disc's own."""
        edition = self.edition
        discs = self.add("Discs")
        location = " / ".join(copy.location)
        count = max(edition.discs or 0, len(edition.disc_list))
        count = count or (1 if location or copy.storage_slot else 0)
        places = {number: (place, slot) for number, place, slot in copy.disc_places}
        listed = list(edition.disc_list)
        for number in range(1, count + 1):
            disc = self.add("Disc", parent=discs)
            record = listed[number - 1] if number <= len(listed) else None
            for tag, field in DISC_TEXTS:
                self.add(tag, getattr(record, field) if record else "", disc)
            for tag, field in DISC_FLAGS:
                self.add(tag, "true" if record and getattr(record, field) else "false", disc)
            place, slot = places.get(str(number), (location, copy.storage_slot))
            self.add("Location", place, disc)
            self.add("Slot", slot, disc)


def _tags(table, *names: str) -> set[str]:
    return {tag for tag, name in table if name in names}


def aspect(ratio: str) -> str:
    """DVD Profiler's aspect ratio is the width for a height of 1: "2.35:1" → "2.35"."""
    match = _RATIO.fullmatch(ratio.strip())
    if not match:
        return ""
    wide, high = Decimal(match["wide"]), Decimal(match["high"])
    if high == 1:
        return match["wide"]
    return f"{wide / high:.2f}" if high else ""
