"""A DVD Profiler profile's edition: the product, its discs, its rating, its barcode.

``MediaCompanies`` are the distributors (the first, then the co-distributors); ``Studios``
made the film and belong to the work. ``Format`` gives the aspect ratio, the video standard and
the screen formats ("Widescreen 16:9", "Letterbox" …, with the 3D and HDR flags), ``Features``
the named features and the other features, ``SRP`` the list price. The rating's country is the
locality's (``ID_LocalityID``, else the ID's suffix: 0 is the United States, 5 Germany); a
rating system that names a board prefixes the rating ("FSK 12"), and a German profile with an
age and no rating text is rated by the age ("FSK 6"). ``RatingSystem``, ``RatingAge`` and
``RatingVariant`` are DVD Profiler's own and kept as source extras.

The barcode is the ID's head when the ID is a UPC/EAN (``ID_Type`` says so in 4.x; in 3.x it is
all digits); beside a disc, manual or plug-in ID, ``<UPC>`` is the barcode when it holds a
code (the checks keep one that is no valid UPC/EAN as written), and a source extra when it only
shows the ID ("Disc ID: 4D72-…").
"""

import re
from decimal import Decimal

from cinecat.catalog.records import DiscRecord, EditionRecord

from . import parse
from .base import FormatError
from .census import DERIVED, EXTRAS, OTHER
from .dvdprofiler_codes import (
    AGE_BOARDS,
    CUSTOM_MEDIA,
    DIMENSIONS,
    DISC_FLAGS,
    DISC_TEXTS,
    DYNAMIC_RANGES,
    FEATURE_OF,
    LOCALITIES,
    MEDIA_TYPES,
    PLAIN_SYSTEMS,
    SCREEN_FORMATS,
)
from .dvdprofiler_profile import ProfileElement, has_value, is_set, is_true

_CODE = re.compile(r"[0-9][0-9 -]*[0-9]")
_SCREEN_OF = dict(SCREEN_FORMATS)
_FORMAT_DONE = {"FormatAspectRatio", "FormatVideoStandard", "ColorFormat", "Color"}
_FORMAT_DONE |= {"Dimensions", "DynamicRange", "FormatDualLayered", "FormatDualSided"}
_FORMAT_DONE |= set(_SCREEN_OF)
_DISC_DONE = {key for key, _ in DISC_TEXTS + DISC_FLAGS} | {"Location", "Slot"}
_AMOUNT_FORMS = ("DenominationDesc", "FormattedValue")
_NO_DISC = DiscRecord()


def edition(profile: ProfileElement) -> EditionRecord:
    companies = profile.texts("MediaCompanies/MediaCompany")
    profile.note("MediaCompanies/MediaCompany", "edition.distributor", min(len(companies), 1))
    profile.note("MediaCompanies/MediaCompany", "edition.co_distributors", len(companies[1:]))
    features, other_features = _features(profile)
    discs = _discs(profile)
    country, rating = _rating(profile)
    price, currency = amount(profile, "SRP", "edition.list_price", "edition.list_price_currency")
    medium = _format(profile)
    return EditionRecord(
        format=medium,
        name=profile.take("DistTrait", "edition.name"),
        distributor=companies[0] if companies else "",
        co_distributors=companies[1:],
        release_date=_date(profile, "Released", "edition.release_date"),
        barcode=barcode(profile),
        rating_country=country,
        rating=rating,
        regions=profile.takes("Regions/Region", "edition.regions"),
        discs=sum(1 for _ in profile.all("Discs", "Disc")) or None,
        packaging=profile.take("CaseType", "edition.packaging"),
        slip_cover=_flag(profile, "CaseSlipCover", "edition.slip_cover"),
        **_video(profile, discs, three_d=medium == "Blu-ray 3D"),
        audio=tuple(_audio(profile)),
        subtitles=profile.takes("Subtitles/Subtitle", "edition.subtitles"),
        features=features,
        other_features=other_features,
        list_price=price,
        list_price_currency=currency,
        easter_eggs=profile.take("EasterEggs", "edition.easter_eggs"),
        rating_details=profile.take("RatingDetails", "edition.rating_details"),
        disc_list=discs,
    )


def _date(profile: ProfileElement, path: str, where: str):
    found = profile.date(path)
    if found is not None:
        profile.note(path, where)
    return found


def _flag(profile: ProfileElement, path: str, where: str) -> bool:
    if profile.flag(path):
        profile.note(path, where)
        return True
    return False


def _format(profile: ProfileElement) -> str:
    """The best medium of the profile's; the others, or a custom one cinecat does not know,
    are kept as ``MediaTypes``."""
    profile.used.add("MediaTypes")
    media = profile.group("MediaTypes")
    found = [(tag, ours) for tag, ours in MEDIA_TYPES if tag in media and is_true(media[tag].text)]
    custom = (media["CustomMediaType"].text or "").strip() if "CustomMediaType" in media else ""
    if custom:
        found.append(("CustomMediaType", CUSTOM_MEDIA.get(custom.casefold(), "Other")))
    if len(found) > 1 or (found and found[-1][1] == "Other" and custom.casefold() != "other"):
        named = [ours for _, ours in found[:-1]] + [custom or found[-1][1]]
        profile.kept.keep("MediaTypes", "MediaTypes", ", ".join(named))
    if profile.census is not None:
        for position, (tag, _) in enumerate(found):
            profile.note(f"MediaTypes/{tag}", "edition.format" if position == 0 else OTHER)
    medium = found[0][1] if found else "DVD"
    if medium == "Blu-ray" and _format_flags(profile, "Dimensions").get("Dim3DBluRay"):
        profile.note("Format/Dimensions/Dim3DBluRay", "edition.format")
        return "Blu-ray 3D"
    return medium


def _format_flags(profile: ProfileElement, group: str) -> dict[str, bool]:
    node = profile.group("Format").get(group)
    if node is None:
        return {}
    return {flag.tag: is_true(flag.text) for flag in node}


def _video(profile: ProfileElement, discs: tuple[DiscRecord, ...], three_d: bool) -> dict:
    """Aspect ratio, video standard and screen formats from ``Format``; its flags of the discs
    are kept only where they say more than the discs do."""
    profile.used.add("Format")
    flags = profile.group("Format")
    aspect = profile.take("Format/FormatAspectRatio", "edition.aspect_ratio")
    screens = [name for tag, name in SCREEN_FORMATS if tag in flags and is_true(flags[tag].text)]
    if profile.census is not None:
        for tag, name in SCREEN_FORMATS:
            if name in screens:
                profile.note(f"Format/{tag}", "edition.screen_formats")
    for group, names in (("Dimensions", DIMENSIONS), ("DynamicRange", DYNAMIC_RANGES)):
        set_flags = _format_flags(profile, group)
        for tag, name in names:
            if set_flags.get(tag) and not (tag == "Dim3DBluRay" and three_d):
                screens.append(name)
                profile.note(f"Format/{group}/{tag}", "edition.screen_formats")
    _disc_flags(profile, flags, discs)
    profile.keep_children("Format", _FORMAT_DONE)
    return {
        "aspect_ratio": f"{aspect}:1" if aspect else "",
        "video_standard": profile.take("Format/FormatVideoStandard", "edition.video_standard"),
        "screen_formats": tuple(screens),
    }


def _disc_flags(profile: ProfileElement, flags: dict, discs: tuple[DiscRecord, ...]) -> None:
    """``FormatDualLayered`` and ``FormatDualSided`` sum up the discs: kept only when no disc
    says so."""
    said = {
        "FormatDualLayered": any(d.dual_layered or d.dual_layered_b for d in discs),
        "FormatDualSided": any(d.dual_sided for d in discs),
    }
    for tag, by_discs in said.items():
        node = flags.get(tag)
        if node is None or (node.text or "").strip().casefold() != "true":
            continue
        if by_discs:
            profile.note(f"Format/{tag}", DERIVED)
        else:
            profile.keep("Format", tag, "Yes", f"Format/{tag}")


def _features(profile: ProfileElement) -> tuple[tuple[str, ...], str]:
    profile.used.add("Features")
    named, other = [], ""
    for flag in profile.all("Features", "*"):
        if flag.tag == "OtherFeatures":
            other = (flag.text or "").strip()
            profile.note("Features/OtherFeatures", "edition.other_features", bool(other))
        elif flag.tag in FEATURE_OF:
            if is_true(flag.text):
                named.append(FEATURE_OF[flag.tag])
                if profile.census is not None:
                    profile.note(f"Features/{flag.tag}", "edition.features")
        elif has_value(flag):
            profile.keep_element("Features", flag.tag, flag)
    return tuple(named), other


def _discs(profile: ProfileElement) -> tuple[DiscRecord, ...]:
    """Each disc's labels, descriptions, ids and flags; what else a disc holds is kept, as
    ``Disc/<tag>``, starting "Disc 2: " when there are several."""
    profile.used.add("Discs")
    nodes = list(profile.all("Discs", "Disc"))
    found = []
    for number, disc in enumerate(nodes, 1):
        children = {child.tag: child for child in disc}
        values = {}
        for tag, field in DISC_TEXTS:
            text = (children[tag].text or "").strip() if tag in children else ""
            if text:
                values[field] = text
        for tag, field in DISC_FLAGS:
            if tag in children and is_true(children[tag].text):
                values[field] = True
        if profile.census is not None:
            for tag, field in (*DISC_TEXTS, *DISC_FLAGS):
                if tag in children and is_set(children[tag].text):
                    profile.note(f"Discs/Disc/{tag}", f"disc.{field}")
        prefix = f"Disc {number}: " if len(nodes) > 1 else ""
        for tag, child in children.items():
            if tag not in _DISC_DONE and has_value(child):
                profile.keep_element("Discs", f"Disc/{tag}", child, prefix)
        found.append(DiscRecord(**values))
    # Discs that say nothing but their place (the copy's) are counted, not listed.
    return tuple(found) if any(disc != _NO_DISC for disc in found) else ()


def _audio(profile: ProfileElement):
    profile.used.add("Audio")
    for track in profile.all("Audio", "AudioTrack"):
        parts = [(tag, track.findtext(tag, "").strip()) for tag in ("AudioFormat", "AudioChannels")]
        content = track.findtext("AudioContent", "").strip()
        if profile.census is not None:
            for tag, value in [*parts, ("AudioContent", content)]:
                profile.note(f"Audio/AudioTrack/{tag}", "edition.audio", is_set(value))
        label = " ".join(value for _, value in parts if value)
        yield f"{label} [{content}]" if content else label


def _rating(profile: ProfileElement) -> tuple[str, str]:
    """The rating's country and the rating, with its board when the system names one."""
    locality = profile.text("ID_LocalityID") or profile.text("ID").partition(".")[2] or "0"
    country = LOCALITIES.get(locality, "")
    system, rating = profile.text("RatingSystem"), profile.take("Rating", "edition.rating")
    age = profile.text("RatingAge")
    variant = profile.text("RatingVariant")
    age_rates = False  # whether the age is the rating
    if rating and system not in PLAIN_SYSTEMS and not rating.startswith(system):
        rating = f"{system} {rating}"
    elif not rating and is_set(age) and country in AGE_BOARDS:
        rating, age_rates = f"{AGE_BOARDS[country]} {age}", True
        profile.note("RatingAge", "edition.rating")
    elif not rating:
        profile.keep("RatingAge", "RatingAge", age if is_set(age) else "")  # the only rating
        age = ""
    for tag, value in (("RatingSystem", system), ("RatingAge", age), ("RatingVariant", variant)):
        if is_set(value):
            profile.extras.keep(tag, tag, value)  # for the way out
            profile.note(tag, EXTRAS, not (tag == "RatingAge" and age_rates))
    return (country if rating else ""), rating


def barcode(profile: ProfileElement) -> str:
    head = profile.text("ID").partition(".")[0]
    id_type = profile.text("ID_Type")
    shown = profile.text("UPC")
    if id_type == "UPCEAN" if id_type else parse.is_whole_number(head):
        same = re.sub(r"[^0-9]", "", shown) == head
        if shown and not same:
            profile.extras.keep("UPC", "UPC", shown)
        profile.note("UPC", DERIVED if same else EXTRAS, is_set(shown))
        return head
    if _CODE.fullmatch(shown):
        profile.note("UPC", "edition.barcode")
        return shown
    profile.extra("UPC", "UPC", shown)  # the ID as DVD Profiler shows it: "Disc ID: 4D72-…"
    return ""


def amount(
    profile: ProfileElement, path: str, where: str, currency_where: str
) -> tuple[Decimal | None, str]:
    """A price (``SRP``, ``PurchaseInfo/PurchasePrice``) and its currency; none for DVD
    Profiler's 0, and its display forms say nothing more."""
    head, _, rest = path.partition("/")
    node = next(profile.all(head, rest), None)
    profile.used.add(head)
    if node is None:
        return None, ""
    census = profile.census
    if census is not None:
        for key in _AMOUNT_FORMS:
            profile.note(f"{path}/@{key}", DERIVED, is_set(node.get(key)))
    currency = node.get("DenominationType", "").strip()
    if not is_set(node.text):
        if census is not None:
            profile.note(f"{path}/@DenominationType", DERIVED, is_set(currency))
        return None, ""
    try:
        value = parse.decimal(node.text.strip(), profile.where, path)
    except FormatError as exc:
        raise profile.fail(exc.message, path, node) from None
    if census is not None:
        profile.note(path, where)
        profile.note(f"{path}/@DenominationType", currency_where, is_set(currency))
    return value, currency
