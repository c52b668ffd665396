"""A season box's episodes: on which disc each is, which were seen, and the next one to see.

An edition's episodes are those of its works, in the edition's order; a disc and a viewing name
an episode by its place among them (1 the first), as records do.
"""

import re
from collections import defaultdict
from dataclasses import dataclass

from .models import Copy, Credit, Disc, EditionWork, Episode


@dataclass(frozen=True)
class EpisodeOnDisc:
    place: int  # among the edition's episodes, 1 the first
    episode: Episode
    seen: bool
    guests: tuple[Credit, ...] = ()  # the credits under it: its cast and crew


@dataclass(frozen=True)
class DiscEpisodes:
    """A disc and, in order, the episodes it carries."""

    number: int  # 1 the first disc
    disc: Disc | None  # None: the episodes no disc is said to carry
    episodes: list[EpisodeOnDisc]

    @property
    def label(self) -> str:
        """The disc's label where it says more than its number ("Disc 01" does not)."""
        label = self.disc.label.strip() if self.disc else ""
        found = _NUMBERED.match(label)
        return "" if found and int(found[1]) == self.number else label


_NUMBERED = re.compile(r"^(?:disc|disk|dvd|cd)\s*0*(\d+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Progress:
    seen: int
    total: int
    next_unseen: EpisodeOnDisc | None
    next_disc: int | None  # the number of the disc holding it, if one is said to


@dataclass(frozen=True)
class SeasonBox:
    """What the copy page shows of a copy's episodes."""

    discs: list[DiscEpisodes]
    progress: Progress


def episodes_of(edition_ids: list[int]) -> dict[int, list[Episode]]:
    """Each edition's episodes, in order: its works' in the edition's order."""
    links = (
        EditionWork.objects.filter(edition__in=edition_ids)
        .order_by("edition", "order", "pk")
        .values_list("edition", "work")
    )
    works_of = defaultdict(list)
    for edition, work in links:
        works_of[edition].append(work)
    by_work = defaultdict(list)
    wanted = {work for works in works_of.values() for work in works}
    for episode in Episode.objects.filter(work__in=wanted).order_by("order", "pk"):
        by_work[episode.work_id].append(episode)
    return {
        edition: [episode for work in works for episode in by_work[work]]
        for edition, works in works_of.items()
    }


def guests_of(episodes: list[Episode]) -> dict[tuple[int, str], tuple[Credit, ...]]:
    """The credits of each (work, group) the episodes name: the cast first, in order."""
    groups = {episode.group for episode in episodes if episode.group}
    if not groups:
        return {}
    found = defaultdict(list)
    credits = Credit.objects.filter(
        work__in={episode.work_id for episode in episodes}, group__in=groups
    ).select_related("person")
    for credit in credits.order_by("role", "order", "pk"):
        found[(credit.work_id, credit.group)].append(credit)
    return {key: tuple(values) for key, values in found.items()}


def disc_numbers(discs: list[Disc]) -> dict[int, int]:
    """The number of the disc carrying each episode place (the first, if several do)."""
    found: dict[int, int] = {}
    for number, disc in enumerate(discs, 1):
        for place in disc.episodes:
            found.setdefault(place, number)
    return found


def season_box(copy: Copy) -> SeasonBox | None:
    """The copy's discs with their episodes, and how far it was seen; None for a film."""
    episodes = episodes_of([copy.edition_id]).get(copy.edition_id, [])
    if not episodes:
        return None
    seen = set(copy.viewing_log.exclude(episode=None).values_list("episode", flat=True))
    guests = guests_of(episodes)
    listed = [
        EpisodeOnDisc(
            place, episode, place in seen, guests.get((episode.work_id, episode.group), ())
        )
        for place, episode in enumerate(episodes, 1)
    ]
    discs = list(copy.edition.disc_list.order_by("order", "pk"))
    found = [
        DiscEpisodes(
            number,
            disc,
            [listed[place - 1] for place in disc.episodes if 1 <= place <= len(listed)],
        )
        for number, disc in enumerate(discs, 1)
    ]
    on_disc = disc_numbers(discs)
    loose = [item for item in listed if item.place not in on_disc]
    if loose:
        found.append(DiscEpisodes(0, None, loose))
    unseen = next((item for item in listed if not item.seen), None)
    progress = Progress(
        seen=sum(item.seen for item in listed),
        total=len(listed),
        next_unseen=unseen,
        next_disc=on_disc.get(unseen.place) if unseen else None,
    )
    return SeasonBox([disc for disc in found if disc.episodes or disc.disc], progress)


def editions_discs(edition_ids: list[int]) -> dict[int, list[Disc]]:
    """Each edition's discs, in order."""
    found = defaultdict(list)
    for disc in Disc.objects.filter(edition__in=edition_ids).order_by("edition", "order", "pk"):
        found[disc.edition_id].append(disc)
    return found


__all__ = [
    "SeasonBox",
    "disc_numbers",
    "editions_discs",
    "episodes_of",
    "guests_of",
    "season_box",
]
