"""Which episode of a listed season box a search found, and the disc that holds it.

A copy's document holds its episodes' titles and its credits, so a search finds the box; the
list then says which episode matched, by its title or by a guest's name or character under it,
and opens its disc. The words a copy's own titles hold are not asked of
its episodes ("smallville ambush" finds Ambush on Smallville's box).
"""

from dataclasses import dataclass

from cinecat.catalog.episodes import disc_numbers, editions_discs, episodes_of, guests_of
from cinecat.catalog.models import Copy, Episode

from .text import words

HITS_PER_COPY = 3


@dataclass(frozen=True)
class EpisodeHit:
    place: int  # among the edition's episodes
    episode: Episode
    disc: int | None  # the number of the disc holding it, if one is said to

    @property
    def anchor(self) -> str:
        """Where the copy page shows it: its disc open, the episode marked."""
        return f"?disc={self.disc or 0}&episode={self.place}#episode-{self.place}"


def mark_episode_hits(copies: list[Copy], query: str) -> None:
    """Give each copy ``episode_hits``: the episodes matching the words of ``query`` that its
    own titles do not hold, at most HITS_PER_COPY."""
    terms = words(query)
    for copy in copies:
        copy.episode_hits = []
    if not terms or not copies:
        return
    editions = list({copy.edition_id for copy in copies})
    episodes = episodes_of(editions)
    if not any(episodes.values()):
        return
    discs = editions_discs(editions)
    guests = guests_of([e for found in episodes.values() for e in found])
    for copy in copies:
        wanted = [t for t in terms if not _holds(words(_titles(copy)), t)]
        if not wanted or not episodes.get(copy.edition_id):
            continue
        numbers = disc_numbers(discs.get(copy.edition_id, []))
        copy.episode_hits = [
            EpisodeHit(place, episode, numbers.get(place))
            for place, episode in enumerate(episodes[copy.edition_id], 1)
            if all(_holds(_words(episode, guests), term) for term in wanted)
        ][:HITS_PER_COPY]


def _words(episode: Episode, guests: dict) -> list[str]:
    """An episode's title and its guests' names and characters, as searched."""
    people = guests.get((episode.work_id, episode.group), ())
    return words(" ".join([episode.title, *(f"{c.person.name} {c.character}" for c in people)]))


def _holds(found: list[str], term: str) -> bool:
    """Whether a word starts with ``term``, as full-text search matches a word."""
    return any(word.startswith(term) for word in found)


def _titles(copy: Copy) -> str:
    work = copy.first_work
    if work is None:
        return ""
    return " ".join(title for title in (work.title, work.sort_title, work.original_title) if title)
