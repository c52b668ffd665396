"""Amazon's features of a disc ("Anamorphic", "Closed-captioned", "NTSC", "1.85:1" …) and
browse nodes, as Delicious Library keeps them, read into the edition's and the work's fields.

A list is one feature a line; older Delicious Library 2 libraries joined them with spaces, so
the known phrases are found first ("Full Screen", "DTS Surround Sound") and the words between
them kept together as one other feature.
"""

import re

from .field_values import Draft

# A feature, lower case, and the field it fills with what value.
_WORDS = {
    "widescreen": ("screen_formats", "Widescreen"),
    "anamorphic": ("screen_formats", "Anamorphic widescreen"),
    "full screen": ("screen_formats", "Full frame"),
    "fullscreen": ("screen_formats", "Full frame"),
    "letterboxed": ("screen_formats", "Letterbox"),
    "ntsc": ("video_standard", "NTSC"),
    "pal": ("video_standard", "PAL"),
    "secam": ("video_standard", "SECAM"),
    "closed-captioned": ("features", "Closed captioned"),
    "subtitled": ("features", "Subtitled"),
    "dubbed": ("features", "Dubbed"),
    "animated": ("features", "Animated"),
    "original recording remastered": ("features", "Remastered"),
    "special edition": ("features", "Special edition"),
    "dolby": ("audio", "Dolby"),
    "dts": ("audio", "DTS"),
    "dts surround sound": ("audio", "DTS Surround Sound"),
    "surround sound": ("audio", "Surround sound"),
    "thx": ("features", "THX certified"),
    "color": ("colour", "Color"),
    "colour": ("colour", "Color"),
    "black & white": ("colour", "Black & White"),
    "black and white": ("colour", "Black & White"),
    "box set": ("packaging", "Box set"),
    # The medium, which the format already says.
    "dvd-video": ("", ""),
    "dvd": ("", ""),
    "blu-ray": ("", ""),
}
_LONGEST = max(len(phrase.split()) for phrase in _WORDS)
_RATIO = re.compile(r"\d+(?:\.\d+)?:1|16:9|4:3")
_REGION = re.compile(r"Region ([1-8A-C])", re.IGNORECASE)
_LISTS = {"screen_formats", "features", "audio", "regions"}
# Amazon's browse nodes it could not name: placeholders, not values.
_PLACEHOLDER = re.compile(r"\(feature_\w+-bin\)|^Decade \(")
_REGION_NODE = re.compile(r"\bRegion ([1-8A-C])\b")
_DECADE = re.compile(r"[0-9]{4} - [0-9]{4}")


def read_features(draft: Draft, name: str, text: str) -> None:
    """The edition's fields (and the work's colour) the features ``text`` of the source field
    ``name`` fills; what no field takes is the other features, one a line. Each feature is a
    value of the field, noted where it landed for a census."""
    draft.finish()  # each feature is noted below, with the others that landed where it did
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    phrases = lines if len(lines) > 1 else list(_phrases(text))
    landed: dict[str, int] = {}
    others = []
    for phrase in phrases:
        field, value = _field_of(phrase)
        if field is None:
            others.append(phrase)
        elif field == "colour":
            draft.work.setdefault("colour", value)
        elif field in _LISTS:
            draft.edition[field] = (*draft.edition.get(field, ()), value)
        elif field:
            draft.edition.setdefault(field, value)
        where = "other_features" if field is None else field
        landed[where] = landed.get(where, 0) + 1
    if others:
        draft.edition["other_features"] = "\n".join(others)
    for where, count in landed.items():
        draft.reading(name, count)
        part = "work" if where == "colour" else "edition"
        draft.landed(f"{part}.{where}") if where else draft.derived()
    draft.finish()


def read_browse_nodes(draft: Draft, name: str, nodes: tuple[str, ...]) -> None:
    """Amazon's browse nodes: genres, but a region's are the regions and a decade's says
    again when the film is from; a placeholder is no value."""
    nodes = tuple(node for node in nodes if not _PLACEHOLDER.search(node))
    regions = [found[1] for node in nodes if (found := _REGION_NODE.search(node))]
    decades = [node for node in nodes if _DECADE.fullmatch(node)]
    genres = [node for node in nodes if not _REGION_NODE.search(node) and node not in decades]
    if genres:
        draft.reading(name, len(genres))
        draft.work["genres"] = tuple(dict.fromkeys(genres))
    if regions:
        draft.reading(name, len(regions))
        draft.edition["regions"] = tuple(dict.fromkeys(regions))
    if decades:
        draft.reading(name, len(decades))
        draft.derived()


def _field_of(phrase: str) -> tuple[str | None, str]:
    """The field a feature fills, "" for one the format says, None for one no field takes."""
    if _RATIO.fullmatch(phrase):
        return "aspect_ratio", phrase
    if region := _REGION.fullmatch(phrase):
        return "regions", region[1].upper()
    return _WORDS.get(phrase.casefold(), (None, ""))


def _phrases(text: str):
    """Features joined with spaces: the known phrases, longest first, and the runs of words
    between them, each one phrase."""
    words, unknown, at = text.split(), [], 0
    while at < len(words):
        for size in range(min(_LONGEST, len(words) - at), 0, -1):
            phrase = " ".join(words[at : at + size])
            if _field_of(phrase)[0] is not None:
                break
        else:
            unknown.append(words[at])
            at += 1
            continue
        if unknown:
            yield " ".join(unknown)
            unknown = []
        yield phrase
        at += size
    if unknown:
        yield " ".join(unknown)
