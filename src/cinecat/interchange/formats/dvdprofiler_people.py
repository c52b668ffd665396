"""A DVD Profiler profile's cast and crew as credits: every attribute on the credit or person.

``<Actor>`` and ``<Credit>`` keep a person's name in parts (``FirstName``, ``MiddleName``,
``LastName``): the credit's name is the parts joined, and the parts stay as given. An actor's
``Role`` is the character, ``CreditedAs`` the name on screen, ``Voice``, ``Uncredited`` and
``Puppeteer`` its flags; ``BirthYear`` the person's, as written (the checks drop impossible
years). A crew credit's ``CreditType`` is its department and its job is the ``CustomRole``
when it has one ("Written By", or a song's title under Music), else its ``CreditSubtype``
("Director"), else, for a custom role left blank, the type itself. A custom role over a
standard subtype ("Writer" credited as "Written By") keeps the subtype as a source extra,
``Credits/Credit/@CreditSubtype``: "Written By: Writer".

A ``<Divider Caption=…>`` starts the group (an episode of a season disc, a film of a double
feature) of the credits after it, until the next divider; an ``EndDiv`` closes a group. An
episode divider's caption is also an episode of the work (``dvdprofiler_episodes``). A
divider's type other than ``Episode`` (which is what a 3.x divider without one is written back
as) is a source extra (``Actors/Divider/@Type``: "Bonus: Group"), as is a crew divider's
``CreditType`` (``Credits/Divider/@CreditType``), for the way out.
"""

from collections.abc import Callable

from cinecat.catalog.records import CreditRecord

from .census import DERIVED, EXTRAS
from .dvdprofiler_codes import (
    ACTOR_FLAGS,
    CUSTOM,
    END_DIVIDER,
    NAME_PARTS,
    implied_divider_type,
)
from .dvdprofiler_episodes import episode_captions, is_episode
from .dvdprofiler_profile import EMPTY_AS_WRITTEN, ProfileElement, is_set

_TRUE = {"true", "True", "TRUE"}
_KINDS = {"Actors": "Actor", "Credits": "Credit"}


def credits(profile: ProfileElement, tag: str) -> tuple[CreditRecord, ...]:
    """The credits of ``tag`` ("Actors" or "Credits"), in order, each under its group."""
    profile.used.add(tag)
    found, group, types, kinds, subtypes = [], "", [], [], []
    cast = tag == "Actors"
    implied = implied_divider_type(bool(episode_captions(profile)))
    for node in profile.all(tag, "*"):
        get = node.get
        if node.tag == "Divider":
            group = _divider(get, types, kinds, implied)
        elif cast:
            found.append(_actor(get, group))
        else:
            credit = _crew(get, group)
            subtype = get("CreditSubtype") or ""
            if credit.job != subtype and subtype not in ("", CUSTOM):
                subtypes.append(f"{credit.job}: {subtype}")
            found.append(credit)
    # Each value is counted where it is read (_count), not once for the extra that lists them.
    profile.extras.keep(tag, f"{tag}/Divider/@Type", "\n".join(types))
    profile.extras.keep(tag, f"{tag}/Divider/@CreditType", "\n".join(kinds))
    profile.extras.keep(tag, f"{tag}/Credit/@CreditSubtype", "\n".join(dict.fromkeys(subtypes)))
    found = tuple(found)
    if profile.census is not None:
        _count(profile, tag, found)
    return found


def _year(get: Callable) -> int | None:
    year = get("BirthYear")
    if year and year not in EMPTY_AS_WRITTEN and year.isascii() and year.isdigit():
        return int(year)
    return None


def _actor(get: Callable, group: str) -> CreditRecord:
    first = get("FirstName", "").strip()
    middle = get("MiddleName", "").strip()
    last = get("LastName", "").strip()
    return CreditRecord(
        name=" ".join(filter(None, (first, middle, last))),
        character=get("Role", "").strip(),
        credited_as=get("CreditedAs", "").strip(),
        voice=get("Voice") in _TRUE,
        uncredited=get("Uncredited") in _TRUE,
        puppeteer=get("Puppeteer") in _TRUE,
        group=group,
        first_name=first,
        middle_name=middle,
        last_name=last,
        birth_year=_year(get),
    )


def _crew(get: Callable, group: str) -> CreditRecord:
    first = get("FirstName", "").strip()
    middle = get("MiddleName", "").strip()
    last = get("LastName", "").strip()
    return CreditRecord(
        name=" ".join(filter(None, (first, middle, last))),
        job=job_of(get),
        role="crew",
        credited_as=get("CreditedAs", "").strip(),
        department=get("CreditType", "").strip(),
        group=group,
        first_name=first,
        middle_name=middle,
        last_name=last,
        birth_year=_year(get),
    )


def job_of(get: Callable) -> str:
    """A crew credit's job: its custom role, else its subtype, else (a blank custom role) its
    type; "Custom" is never a job."""
    custom = (get("CustomRole") or "").strip()
    if custom:
        return custom
    subtype = (get("CreditSubtype") or "").strip()
    return subtype if subtype != CUSTOM else (get("CreditType") or "").strip()


def _divider(get: Callable, types: list[str], kinds: list[str], implied: str) -> str:
    """The group a divider starts ("" for an end divider); its type, where the writer would not
    write it, and a crew divider's credit type are kept, with its caption, in ``types`` and
    ``kinds``."""
    caption, kind = (get("Caption") or "").strip(), (get("Type") or "").strip()
    if kind not in ("", implied, END_DIVIDER):  # the writer's own
        types.append(f"{caption}: {kind}")
    if credit_type := (get("CreditType") or "").strip():
        kinds.append(f"{caption}: {credit_type}")
    return "" if kind == END_DIVIDER else caption


# A census counts, per attribute, the credits whose field holds its value.
_ACTOR_COUNTS = (
    ("Role", "character"),
    ("CreditedAs", "credited_as"),
    ("BirthYear", "birth_year"),
    *NAME_PARTS,
    *ACTOR_FLAGS,
)
_CREW_COUNTS = (("CreditType", "department"), ("CreditedAs", "credited_as"))
_CREW_COUNTS += (("BirthYear", "birth_year"), *NAME_PARTS)


def _count(profile: ProfileElement, tag: str, found: tuple[CreditRecord, ...]) -> None:
    kind = _KINDS.get(tag, tag)
    for key, field in _ACTOR_COUNTS if tag == "Actors" else _CREW_COUNTS:
        landed = sum(1 for credit in found if getattr(credit, field))
        profile.note(f"{tag}/{kind}/@{key}", f"credit.{field}", landed)
    for node in profile.all(tag, "*"):
        if node.tag == "Divider":
            episode = is_episode((node.get("Type") or "").strip())
            places = {
                "Caption": "credit.group + episode.title" if episode else "credit.group",
                "Type": "work.kind" if episode else EXTRAS,
                "CreditType": EXTRAS,
            }
            for key, where in places.items():
                if is_set(node.get(key)):
                    profile.note(f"{tag}/Divider/@{key}", where)
        elif node.tag == "Credit":
            _count_job(profile, tag, node.get)


def _count_job(profile: ProfileElement, tag: str, get: Callable) -> None:
    """Where a crew credit's custom role and subtype went: the job, a source extra, or (the
    subtype "Custom", which only says there is a custom role) nowhere of its own."""
    custom, subtype = (get("CustomRole") or "").strip(), (get("CreditSubtype") or "").strip()
    if custom:
        profile.note(f"{tag}/Credit/@CustomRole", "credit.job")
    if subtype == CUSTOM:
        where = DERIVED
    else:
        where = EXTRAS if custom and subtype != custom else "credit.job"
    if is_set(subtype):
        profile.note(f"{tag}/Credit/@CreditSubtype", where)
