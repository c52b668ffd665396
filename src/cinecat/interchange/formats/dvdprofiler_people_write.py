"""A record's credits as DVD Profiler's ``<Actors>`` and ``<Credits>``, dividers included.

The reverse of ``dvdprofiler_people``: a person's name parts as kept (else the name split the
way DVD Profiler keeps names), the credit's flags, credited-as name and birth year, a crew
credit's type (its department) and subtype or custom role, and a ``<Divider>`` wherever the
group changes, with the type the source gave it (``Episode`` in a series, ``Group`` elsewhere,
unless a source extra says otherwise) and an ``EndDiv`` where a group ends and ungrouped
credits follow.
"""

from lxml import etree

from cinecat.catalog.records import CreditRecord, EpisodeRecord

from .dvdprofiler_codes import (
    ACTOR_FLAGS,
    CREW_TYPE_OF,
    CREW_TYPES,
    CUSTOM,
    END_DIVIDER,
    EPISODE,
    implied_divider_type,
)
from .dvdprofiler_episodes import caption_of

_NAME_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
# Particles that start a surname even when capitalised: "Robert De Niro", "Dick Van Dyke".
_PARTICLES = {"de", "del", "della", "der", "den", "van", "von", "da", "di", "du", "le", "la"}
_PARTICLES |= {"st.", "mac", "ten", "ter", "dos", "das", "el", "al", "bin"}


def people(
    dvd: etree._Element,
    credits: tuple[CreditRecord, ...],
    extras: dict[str, str],
    series: bool = False,
    episodes: tuple[EpisodeRecord, ...] = (),
) -> None:
    """``<Actors>`` then ``<Credits>``: cast and crew each in their order; a series' dividers
    are its episodes', and an episode no credit is under is a divider of its own, first."""
    implied = implied_divider_type(series)
    for tag, role in (("Actors", "cast"), ("Credits", "crew")):
        parent = etree.SubElement(dvd, tag)
        types = _lines(extras.get(f"{tag}/Divider/@Type", ""))
        kinds = _lines(extras.get(f"{tag}/Divider/@CreditType", ""))
        subtypes = _lines(extras.get(f"{tag}/Credit/@CreditSubtype", ""))
        group = ""
        for caption in _bare_captions(episodes, credits) if role == "cast" else ():
            etree.SubElement(parent, "Divider", Caption=caption, Type=EPISODE)
            group = caption  # the credits that follow are under none of them: an end first
        for credit in (credit for credit in credits if credit.role == role):
            if credit.group != group:
                _divider(parent, credit.group, types, kinds, implied)
                group = credit.group
            person = _person(credit)
            if role == "cast":
                etree.SubElement(parent, "Actor", person | _actor(credit))
            else:
                etree.SubElement(parent, "Credit", person | _crew(credit, subtypes))


def _bare_captions(
    episodes: tuple[EpisodeRecord, ...], credits: tuple[CreditRecord, ...]
) -> list[str]:
    """The captions of the episodes no credit is under, as DVD Profiler's users write them
    ("10.01 Lazarus"): read back as the same episodes."""
    grouped = {credit.group for credit in credits if credit.group}
    return [caption for found in episodes if (caption := caption_of(found)) not in grouped]


def _lines(text: str) -> dict[str, str]:
    """ "caption: value" lines as a dict."""
    pairs = (line.rpartition(": ") for line in text.split("\n") if line)
    return {key: value for key, _, value in pairs}


def _divider(parent: etree._Element, group: str, types: dict, kinds: dict, implied: str) -> None:
    if not group:
        etree.SubElement(parent, "Divider", Caption="", Type=END_DIVIDER)
        return
    attributes = {"Caption": group, "Type": types.get(group, implied)}
    if group in kinds:
        attributes["CreditType"] = kinds[group]
    etree.SubElement(parent, "Divider", attributes)


def _person(credit: CreditRecord) -> dict[str, str]:
    parts = (credit.first_name, credit.middle_name, credit.last_name)
    if " ".join(part for part in parts if part) != credit.name:
        parts = name_parts(credit.name)
    first, middle, last = parts
    year = str(credit.birth_year) if credit.birth_year else "0"
    return {"FirstName": first, "MiddleName": middle, "LastName": last, "BirthYear": year}


def _actor(credit: CreditRecord) -> dict[str, str]:
    flags = {key: "true" if getattr(credit, field) else "false" for key, field in ACTOR_FLAGS}
    return {"Role": credit.character, "CreditedAs": credit.credited_as, **flags}


def _crew(credit: CreditRecord, subtypes: dict[str, str]) -> dict[str, str]:
    """The type, the subtype and, for a job that is none of the type's subtypes, the custom
    role; a job that is only the type is a custom role left blank."""
    kind = credit.department or CREW_TYPE_OF.get(credit.job, "Other")
    attributes = {"CreditType": kind}
    if credit.job in CREW_TYPES.get(kind, ()):
        attributes["CreditSubtype"] = credit.job
    elif credit.job == kind or not credit.job:
        attributes["CreditSubtype"] = CUSTOM
    else:
        attributes["CreditSubtype"] = subtypes.get(credit.job, CUSTOM)
        attributes["CustomRole"] = credit.job
    return {**attributes, "CreditedAs": credit.credited_as}


def name_parts(name: str) -> tuple[str, str, str]:
    """First, middle and last name, the way DVD Profiler keeps a person's name."""
    words = name.split()
    if len(words) < 2:
        return "", "", name.strip()
    rest = words[1:]
    start = len(rest) - 1
    if start > 0 and rest[start].casefold() in _NAME_SUFFIXES:
        start -= 1  # "Alan Dinehart III": the suffix stays with the last name
    for position, word in enumerate(rest[:start]):
        if word[:1].islower() or word.casefold() in _PARTICLES:
            start = position  # a particle starts the last name: "Karol Cristina da Silva"
            break
    return words[0], " ".join(rest[:start]), " ".join(rest[start:])
