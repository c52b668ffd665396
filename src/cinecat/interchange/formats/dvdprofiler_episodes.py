"""A DVD Profiler profile's episodes: its episode dividers, in the order first met.

DVD Profiler has no list of episodes: its users put a ``<Divider Type="Episode">`` before the
cast and crew of each episode of a season disc (a divider of no type, as 3.x wrote them, groups
the films of a double feature as often: it is no episode). Each caption names an episode once,
whether it heads the actors, the crew or both; the credits after it keep it as their group, and
so does the episode (its guests are those credits). A caption written as season and number
("10.01 Lazarus") gives them, as "7 Lazarus" gives the number; any other caption is the title,
with no number. A profile of one disc carries all its episodes; of several, which disc holds
which is not said.
The writer puts an episode no credit is under back as a divider of its own (``caption_of``).
"""

import re

from cinecat.catalog.records import EpisodeRecord

from .dvdprofiler_codes import EPISODE
from .dvdprofiler_profile import ProfileElement

_SEASON_AND_NUMBER = re.compile(r"^(\d{1,3})\.(\d{1,3})\s+(\S.*)$")
_NUMBER = re.compile(r"^(\d{1,3})[.:)]?\s+(\S.*)$")


def is_episode(divider_type: str) -> bool:
    return divider_type == EPISODE


def episode_captions(profile: ProfileElement) -> list[str]:
    """The captions of the profile's episode dividers, each once, in order."""
    captions = (
        (node.get("Caption") or "").strip()
        for tag in ("Actors", "Credits")
        for node in profile.all(tag, "Divider")
        if is_episode((node.get("Type") or "").strip())
    )
    return list(dict.fromkeys(caption for caption in captions if caption))


def episodes_of(profile: ProfileElement) -> tuple[EpisodeRecord, ...]:
    return tuple(episode(caption) for caption in episode_captions(profile))


def episode(caption: str) -> EpisodeRecord:
    """'10.01 Lazarus' is season 10's first episode, Lazarus; 'Lazarus' a title alone. The
    caption is the group of the episode's credits."""
    if found := _SEASON_AND_NUMBER.match(caption):
        season, number, title = found.groups()
        return EpisodeRecord(title.strip(), int(season), int(number), group=caption)
    if found := _NUMBER.match(caption):
        number, title = found.groups()
        return EpisodeRecord(title.strip(), number=int(number), group=caption)
    return EpisodeRecord(caption, group=caption)


def caption_of(found: EpisodeRecord) -> str:
    """An episode's divider caption, which ``episode`` reads back: its credits' group, else
    "10.01 Lazarus" made of its season, number and title."""
    if found.group:
        return found.group
    if found.number is not None and found.season is not None:
        return f"{found.season}.{found.number:02d} {found.title}".strip()
    if found.number is not None:
        return f"{found.number} {found.title}".strip()
    return found.title
