"""A CLZ TV box set's episodes: each ``<disc>``'s ``<episodes>``, in order, as the series'.

CLZ numbers a box's episodes in one run (``<sequencenumber>``), never by season: the number is
the episode's, with no season (a flat list stays a flat list, nothing is guessed). A runtime of
0 and an empty air date are none. Each disc carries its own episodes, by their places among the
box's; "seen it" is a viewing of the episode (on its viewing date, if CLZ has one). What else an
episode holds (its cast and crew, when CLZ has any) stays in its disc's description, one line
an episode.
"""

from typing import NamedTuple

from lxml import etree

from cinecat.catalog.records import EpisodeRecord, ViewingRecord

from .census import DERIVED
from .clz_movie import MovieElement, clean, is_value, readable

_PATH = "discs/disc/episodes/episode"
# An episode's values with a field of their own: the tag, the field, and the census's name.
_FIELDS = {
    "title": "episode.title",
    "sequencenumber": "episode.number",
    "runtimeminutes": "episode.runtime_minutes",
    "firstairdate": "episode.air_date",
    "viewingdate": "viewing.watched_on",
}


class Episodes(NamedTuple):
    """The box's episodes, each disc's places of them and its description, the viewings."""

    episodes: tuple[EpisodeRecord, ...]
    places: tuple[tuple[int, ...], ...]  # by disc
    descriptions: tuple[str, ...]  # by disc: what else its episodes hold
    viewings: tuple[ViewingRecord, ...]


def episodes_of(movie: MovieElement, discs: list[etree._Element]) -> Episodes:
    found: list[EpisodeRecord] = []
    places, descriptions, viewings = [], [], []
    for disc in discs:
        mine, lines = [], []
        for node in disc.iterfind("episodes/episode"):
            found.append(_episode(movie, node))
            mine.append(len(found))
            if (seen := _viewing(movie, node, len(found))) is not None:
                viewings.append(seen)
            if line := _rest(movie, node, found[-1]):
                lines.append(line)
        places.append(tuple(mine))
        descriptions.append("\n".join(lines))
    return Episodes(tuple(found), tuple(places), tuple(descriptions), tuple(viewings))


def _episode(movie: MovieElement, node: etree._Element) -> EpisodeRecord:
    for tag, where in _FIELDS.items():
        if where.startswith("episode.") and is_value(_text(node, tag)):
            movie.note(_path(node, tag), where)
    number = _text(node, "sequencenumber")
    runtime = _text(node, "runtimeminutes")
    aired = _text(node, "firstairdate")
    return EpisodeRecord(
        title=_text(node, "title"),
        number=movie.whole_number(number, "sequencenumber") if is_value(number) else None,
        runtime_minutes=movie.whole_number(runtime, "runtimeminutes")
        if is_value(runtime)
        else None,
        air_date=movie.date(aired, "firstairdate") if is_value(aired) else None,
    )


def _viewing(movie: MovieElement, node: etree._Element, place: int) -> ViewingRecord | None:
    if node.find("seenit[@boolvalue='1']") is None:
        return None
    movie.note(f"{_PATH}/seenit/@boolvalue", "viewing.episode")
    movie.note(f"{_PATH}/seenit", DERIVED, is_value(node.findtext("seenit")))
    date = _text(node, "viewingdate")
    if is_value(date):
        movie.note(_path(node, "viewingdate"), "viewing.watched_on")
    return ViewingRecord(
        watched_on=movie.date(date, "viewingdate") if is_value(date) else None, episode=place
    )


def _rest(movie: MovieElement, node: etree._Element, episode: EpisodeRecord) -> str:
    """The episode's other values as one line: "3. Title: cast: …"."""
    values = []
    for child in node:
        if child.tag in _FIELDS or child.tag == "seenit":
            continue
        if value := readable(child):
            values.append(f"{child.tag}: {value}")
            movie.note_element(child, "disc.description", f"{_PATH}/{child.tag}")
    if not values:
        return ""
    head = f"{episode.number}. {episode.title}" if episode.number else episode.title
    return f"{head}: {'; '.join(values)}"


def _text(node: etree._Element, tag: str) -> str:
    """A value's text: a date may be nested (``<firstairdate><date>``)."""
    child = node.find(tag)
    if child is None:
        return ""
    return clean(child.findtext("date") if child.find("date") is not None else child.text)


def _path(node: etree._Element, tag: str) -> str:
    nested = node.find(f"{tag}/date") is not None
    return f"{_PATH}/{tag}/date" if nested else f"{_PATH}/{tag}"
