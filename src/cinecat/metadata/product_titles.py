"""A shop's product title as a film title plus the facts the shop wrote around it.

UPC services name products as shops list them: "The Death of Stalin (DVD, 2017) Widescreen",
"Alien [Blu-ray] Director's Cut Region B". A title provider finds nothing under that, so the
shop's tokens are taken out, and what they said (format, edition name, year, regions) is kept.
A year counts only in brackets: "Blade Runner 2049" keeps its number.
"""

import re
from dataclasses import dataclass

# Formats as the catalog names them (catalog.models.Format), most capable first: a "4K +
# Blu-ray" combo is shelved as 4K. Each pattern is tried at word boundaries, any case.
FORMATS = (
    ("4K UHD", r"4k\s*(?:ultra\s*hd|uhd)(?:\s*blu-?\s*ray)?|ultra\s*hd(?:\s*blu-?\s*ray)?|uhd|4k"),
    ("Blu-ray 3D", r"blu-?\s*ray\s*3d|3d\s*blu-?\s*ray"),
    ("Blu-ray", r"blu-?\s*ray|bluray|bd"),
    ("HD DVD", r"hd\s*dvd"),
    ("DVD", r"dvd(?:\s*video)?"),
    ("VHS", r"vhs"),
)
EDITIONS = (
    r"(?:\d+(?:st|nd|rd|th)\s+)?anniversary\s+edition",
    r"(?:(?:2|3|two|three)[-\s]disc\s+)?(?:special|collector'?s|limited|deluxe|ultimate|"
    r"definitive|extended|remastered|restored|criterion|platinum|gold|steelbook)\s+edition",
    r"director'?s\s+cut",
    r"extended\s+(?:cut|version)",
    r"theatrical\s+(?:cut|version)",
    r"final\s+cut",
    r"unrated(?:\s+(?:cut|version|edition))?",
    r"(?:the\s+)?criterion\s+collection",
    r"steelbook",
    r"box\s*set",
)
NOISE = (
    r"(?:widescreen|full\s*screen|fullscreen)(?:\s+edition)?",
    r"(?:\+\s*)?(?:includes\s+)?digital(?:\s+(?:copy|code|hd))?",
    r"ultraviolet",
    r"(?:2|3|two|three|\d)[-\s]disc(?:\s+set)?",
    r"combo(?:\s+pack)?",
    r"with\s+slipcover|slipcover",
    r"import|imported",
    r"ntsc|pal",
    r"bilingual|subtitled",
    r"region\s+free",
)
REGION = re.compile(r"\bregion\s+([0-9a-c](?:\s*[/,&]\s*[0-9a-c])*)\b", re.IGNORECASE)
_FORMAT_TOKENS = [(name, re.compile(rf"\b(?:{p})\b", re.IGNORECASE)) for name, p in FORMATS]
_EDITION_TOKENS = [re.compile(rf"\b{p}\b", re.IGNORECASE) for p in EDITIONS]
_NOISE_TOKENS = [re.compile(rf"(?<!\w){p}\b", re.IGNORECASE) for p in NOISE]
_BRACKETED_YEAR = re.compile(r"[\(\[]\s*((?:18|19|20)\d\d)\s*[\)\]]")
_BRACKET_FILLING = re.compile(r"([\(\[])[\s,;/+&|-]*(.*?)[\s,;/+&|-]*([\)\]])")
_EMPTY_BRACKETS = re.compile(r"[\(\[]\s*[\)\]]")
_EDGES = " \t-–—:;,/+|&"


@dataclass(frozen=True)
class ProductTitle:
    """A product title taken apart: the film's title and the facts removed from around it."""

    title: str
    format: str = ""
    edition: str = ""  # "Director's Cut", "Special Edition"
    year: int | None = None
    regions: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()  # the shop's tokens, as written


def clean(product_title: str) -> ProductTitle:
    """Take the shop's tokens out of ``product_title``; what they said becomes facts."""
    text, removed = " ".join(product_title.split()), []
    formats = []
    for name, pattern in _FORMAT_TOKENS:
        text, found = _take(pattern, text, removed)
        formats += [name] * len(found)
    editions = []
    for pattern in _EDITION_TOKENS:
        text, found = _take(pattern, text, removed)
        editions += [_edition_name(token) for token in found]
    text, regions = _regions(text, removed)
    for pattern in _NOISE_TOKENS:
        text, _ = _take(pattern, text, removed)
    text, year = _year(text, removed)
    title = " ".join(text.split()).strip(_EDGES)
    return ProductTitle(
        title=title or " ".join(product_title.split()),
        format=formats[0] if formats else "",
        edition=", ".join(dict.fromkeys(editions)),
        year=year,
        regions=tuple(dict.fromkeys(regions)),
        removed=tuple(removed),
    )


def _regions(text: str, removed: list[str]) -> tuple[str, list[str]]:
    regions = []
    for match in REGION.finditer(text):
        regions += [r.upper() for r in re.split(r"\s*[/,&]\s*", match.group(1))]
        removed.append(match.group(0))
    return REGION.sub(" ", text), regions


def _year(text: str, removed: list[str]) -> tuple[str, int | None]:
    """A year alone in brackets once the other tokens are out: "(DVD, 2017)" is "(2017)"."""
    text = _BRACKET_FILLING.sub(lambda m: f"{m.group(1)}{m.group(2)}{m.group(3)}", text)
    year = None
    if match := _BRACKETED_YEAR.search(text):
        year = int(match.group(1))
        removed.append(match.group(1))
        text = text[: match.start()] + " " + text[match.end() :]
    return _EMPTY_BRACKETS.sub(" ", _BRACKET_FILLING.sub(_refill, text)), year


def _take(pattern: re.Pattern, text: str, removed: list[str]) -> tuple[str, list[str]]:
    found = [match.group(0) for match in pattern.finditer(text)]
    removed += found
    return (pattern.sub(" ", text) if found else text), found


def _refill(match: re.Match) -> str:
    inside = match.group(2).strip(_EDGES)
    return f"{match.group(1)}{inside}{match.group(3)}" if inside else " "


def _edition_name(token: str) -> str:
    """As the shop wrote it, unless all in one case: "DIRECTOR'S CUT" is "Director's Cut"."""
    token = " ".join(token.split())
    if token != token.lower() and token != token.upper():
        return token
    return re.sub(r"[^\W\d_]+'?\w*", lambda m: m.group(0).capitalize(), token)
