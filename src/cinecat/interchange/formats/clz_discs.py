"""A CLZ ``<movie>``'s discs: each one's title, layers and episodes, and where it is kept.

A disc's title is its label, the episodes under it those it carries (``clz_episodes``), CLZ's
layers ("Single Side, Dual Layer", the movie's for its first disc) its flags. The copy's storage
device and slot are the movie's, else its first disc's that names one; a disc kept elsewhere
has a place of its own. A disc's features and extra features beyond
the movie's are the edition's too; what else a disc holds is kept, under the disc's title when
there are several.
"""

from cinecat.catalog.records import DiscRecord

from .census import DERIVED, OTHER
from .clz_episodes import Episodes, episodes_of
from .clz_movie import MovieElement, clean, has_value, is_value, readable

_PLACE = {"storagedevice", "storageslot", "slot"}
_OWN = {"title", "episodes", "layers", "features", "extrafeatures"} | _PLACE


def layers(text: str) -> dict:
    """CLZ's layers as a disc's flags: "Dual Side, Dual Layer"."""
    text = text.casefold()
    return {"dual_sided": "dual side" in text, "dual_layered": "dual layer" in text}


def discs_of(
    movie: MovieElement, copy: dict
) -> tuple[tuple[DiscRecord, ...], tuple, dict, Episodes]:
    """Each disc, the discs' own places, what they add to the edition (features, other
    features) and the episodes they carry; the copy's storage device and slot are set in
    ``copy``."""
    movie.used.update(("discs", "layers", "storagedevice", "storageslot", "slot"))
    nodes = movie.element.findall("discs/disc")
    device, slot = _storage(movie, nodes)
    copy["storage_device"], copy["storage_slot"] = device, slot
    shared = _layers(movie, "layers", movie.element.findtext("layers"))
    found, places, added = [], [], {"features": [], "other_features": []}
    episodes = episodes_of(movie, nodes)
    for number, disc in enumerate(nodes, 1):
        title = clean(disc.findtext("title")) or f"Disc {number:02d}"
        movie.note("discs/disc/title", "disc.label", is_value(disc.findtext("title")))
        own = _layers(movie, "discs/disc/layers", disc.findtext("layers")) or (
            shared if number == 1 else {}
        )
        found.append(
            DiscRecord(
                label=clean(disc.findtext("title")),
                description=episodes.descriptions[number - 1],
                episodes=episodes.places[number - 1],
                **own,
            )
        )
        places.extend(_place(movie, disc, number, device, slot))
        _added(movie, disc, added)
        _rest(movie, disc, title if len(nodes) > 1 else "")
    if not nodes and shared:
        found.append(DiscRecord(**shared))
    return tuple(found), tuple(places), added, episodes


def _layers(movie: MovieElement, path: str, text: str | None) -> dict:
    if not is_value(text):
        return {}
    movie.note(path, "disc.dual_layered")
    return layers(clean(text))


def _storage(movie: MovieElement, nodes: list) -> tuple[str, str]:
    """The storage device and slot, on the movie or on its first disc that names one."""
    device = clean(movie.element.findtext("storagedevice/displayname"))
    slot = clean(movie.element.findtext("storageslot") or movie.element.findtext("slot"))
    movie.note("storagedevice/displayname", "copy.storage_device", bool(device))
    movie.derived("storagedevice/sortname")
    for tag in ("storageslot", "slot"):
        movie.note(tag, "copy.storage_slot", is_value(movie.element.findtext(tag)))
    for node in nodes:
        device = device or clean(node.findtext("storagedevice/displayname"))
        slot = slot or clean(node.findtext("storageslot") or node.findtext("slot"))
    return device, slot


def _place(movie: MovieElement, disc, number: int, device: str, slot: str) -> list:
    """The disc's own place, where it is not the copy's (a census notes where the copy's came
    from: the movie's, or this disc's)."""
    own_device = clean(disc.findtext("storagedevice/displayname"))
    own_slot = clean(disc.findtext("storageslot") or disc.findtext("slot"))
    elsewhere = (own_device or device, own_slot or slot) != (device, slot)
    if movie.census is not None:
        movie_has = (
            bool(clean(movie.element.findtext("storagedevice/displayname"))),
            bool(clean(movie.element.findtext("storageslot") or movie.element.findtext("slot"))),
        )
        for tag, field, given in (
            ("storagedevice/displayname", "copy.storage_device", movie_has[0]),
            ("storageslot", "copy.storage_slot", movie_has[1]),
            ("slot", "copy.storage_slot", movie_has[1]),
        ):
            first_to_say = not given and number == _first_naming(movie, tag)
            where = "copy.disc_places" if elsewhere else field if first_to_say else DERIVED
            movie.note(f"discs/disc/{tag}", where, is_value(disc.findtext(tag)))
        movie.derived("discs/disc/storagedevice/sortname") if number == 1 else None
    return [(str(number), own_device or device, own_slot or slot)] if elsewhere else []


def _first_naming(movie: MovieElement, tag: str) -> int:
    """The number of the first disc that has a value at ``tag``."""
    for number, disc in enumerate(movie.element.iterfind("discs/disc"), 1):
        if is_value(disc.findtext(tag)):
            return number
    return 0


def _added(movie: MovieElement, disc, added: dict) -> None:
    """A disc's features and extra features, where they are not the movie's."""
    own = {clean(n.text) for n in movie.element.iterfind("features/feature/displayname")}
    for node in disc.iterfind("features/feature"):
        name = clean(node.findtext("displayname"))
        new = name and name not in own and name not in added["features"]
        if new:
            added["features"].append(name)
        movie.note(
            "discs/disc/features/feature/displayname",
            "edition.features" if new else DERIVED,
            bool(name),
        )
        for form in ("sortname", "lastname"):
            movie.note(
                f"discs/disc/features/feature/{form}", DERIVED, is_value(node.findtext(form))
            )
    extra = clean(disc.findtext("extrafeatures"))
    if extra:
        same = extra == clean(movie.element.findtext("extrafeatures"))
        if not same:
            added["other_features"].append(extra)
        movie.note("discs/disc/extrafeatures", DERIVED if same else "edition.other_features")


def _rest(movie: MovieElement, disc, title: str) -> None:
    """Whatever else a disc holds, where it is not the movie's own, as an other detail."""
    for child in disc:
        if child.tag in _OWN or not has_value(child):
            continue
        value = readable(child)
        if not value:
            movie.unmapped.add(child.tag)
            continue
        mine = movie.element.find(child.tag)
        if mine is not None and readable(mine) == value:
            movie.note_element(child, DERIVED, f"discs/disc/{child.tag}")
            continue
        text = (f"{title}:\n{value}" if "\n" in value else f"{title}: {value}") if title else value
        movie.kept.keep("discs", child.tag, text)
        movie.note_element(child, OTHER, f"discs/disc/{child.tag}")
