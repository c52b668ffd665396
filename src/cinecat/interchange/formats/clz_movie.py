"""One CLZ ``<movie>`` as ``clz_xml`` reads it: its values by tag, as text, and where they went.

CLZ nests a lookup's value as ``<x><displayname>…</displayname></x>`` beside its sort forms and
CLZ's pictures of it (``sortname``, ``lastname``, ``templateimage``, ``scaledimage``), which say
nothing more. ``MovieElement`` reads values by tag and remembers which tags were read, so that
the others can be kept as other details; it collects the other details and the source extras
in the order of the movie's children, and, when the file is read with a census, notes where
each value landed. The functions below say whether CLZ's text holds a value (it writes ``0``,
``N/A`` and ``No`` for none) and how an element reads as text.
"""

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone
from lxml import etree

from . import parse
from .base import FormatError
from .census import DERIVED, EXTRAS, OTHER, Census
from .field_values import DetailsByElement

EMPTY = {"", "0", "N/A", "No"}
# A lookup's sort forms and CLZ's pictures of it, beside its displayname.
LOOKUP_FORMS = ("sortname", "lastname", "templateimage", "scaledimage")


def clean(text: str | None) -> str:
    # str.strip() also drops the no-break spaces CLZ leaves after characters ("Aang&#160;").
    return (text or "").strip()


def is_value(text: str | None) -> bool:
    return clean(text) not in EMPTY


class MovieElement:
    """One ``<movie>``: reads values by tag and remembers which tags it used."""

    def __init__(
        self, element: etree._Element, where: str, used: Iterable[str], census: Census | None
    ) -> None:
        self.element = element
        self.where = where
        self.used: set[str] = set(used)
        self.unmapped: set[str] = set()
        self.kept = DetailsByElement()  # by the child of <movie> they come from
        self.extras = DetailsByElement()
        self.census = census

    def note(self, path: str, where: str, count: int = 1) -> None:
        if self.census is not None:
            self.census.note(path, where, count)

    def note_element(self, element: etree._Element | None, where: str, path: str) -> None:
        if self.census is not None and element is not None:
            self.census.note_element(element, where, is_value, path)

    def keep(self, tag: str, value: str, name: str = "", path: str = "") -> None:
        """Keep a value with no field of its own, under ``name`` (the tag unless given); with
        a census, every value of the element at ``path`` (the tag's) is noted there."""
        if value:
            self.kept.keep(tag, name or tag, value)
            self.note_element(self.element.find(path or tag), OTHER, path or tag)

    def extra(self, tag: str, value: str) -> None:
        """Keep what means nothing to a person (CLZ's ids and pictures) as a source extra."""
        self.used.add(tag)
        if is_value(value):
            self.extras.keep(tag, tag, value)
            self.note_element(self.element.find(tag), EXTRAS, tag)

    def text(self, tag: str, where: str = "") -> str:
        """The first ``<tag>`` text that is not empty or 0 (``<myrating>`` comes twice, the
        first often 0; CLZ writes 0 for "no value" in numbers), noted as landed in ``where``."""
        self.used.add(tag.split("/")[0])
        values = [clean(child.text) for child in self.element.iterfind(tag)]
        found = next((value for value in values if value not in ("", "0")), "")
        if where and found and found not in EMPTY:
            self.note(tag, where)
            self.note(tag, DERIVED, values.count(found) - 1)  # the same again
        return found

    def name(self, tag: str, where: str = "") -> str:
        """A lookup's displayname; its sort forms and pictures say nothing more."""
        self.used.add(tag)
        found = clean(self.element.findtext(f"{tag}/displayname"))
        if where and self.census is not None:
            node = self.element.find(tag)
            if node is not None:
                self._note_lookup(node, tag, where)
        return found

    def names(self, path: str, where: str = "") -> tuple[str, ...]:
        """Every ``displayname`` at ``path``: ``names("genres/genre")``, ``names("country")``."""
        self.used.add(path.split("/")[0])
        nodes = list(self.element.iterfind(path))
        if where and self.census is not None:
            for node in nodes:
                self._note_lookup(node, path, where)
        found = (clean(node.findtext("displayname")) for node in nodes)
        return tuple(name for name in found if name)

    def _note_lookup(self, node: etree._Element, path: str, where: str) -> None:
        self.note(f"{path}/displayname", where, is_value(node.findtext("displayname")))
        for form in LOOKUP_FORMS:
            self.note(f"{path}/{form}", DERIVED, is_value(node.findtext(form)))

    def derived(self, path: str) -> None:
        """Every value at ``path`` says again what a field holds."""
        if self.census is not None:
            for node in self.element.iterfind(path):
                self.census.note_element(node, DERIVED, is_value, path)

    def fail(self, message: str, tag: str) -> FormatError:
        node = self.element.find(tag)
        return FormatError(
            message, line=node.sourceline if node is not None else None, where=self.where
        )

    def whole_number(self, text: str, tag: str) -> int | None:
        try:
            return parse.whole_number(text, self.where, tag) if text else None
        except FormatError as exc:
            raise self.fail(exc.message, tag) from None

    def date(self, text: str, tag: str) -> dt.date | None:
        try:
            return parse.date(text, parse.US_DATE, self.where, tag) if text else None
        except FormatError as exc:
            raise self.fail(exc.message, tag) from None

    def moment(self, text: str, tag: str) -> dt.datetime | None:
        """A local time as CLZ writes it ("7/25/2020 1:45:22 PM"), where cinecat reads dates."""
        try:
            found = parse.moment(text, parse.US_TIME, self.where, tag) if text else None
        except FormatError as exc:
            raise self.fail(exc.message, tag) from None
        return timezone.make_aware(found) if found else None

    def note_attributes(self) -> None:
        """CLZ's ids of list values (``listid``) and of roles say nothing more; a census notes
        them so."""
        if self.census is None:
            return
        for node in self.element.iter():
            for key in ("listid", "id"):
                if is_value(node.get(key)) and node is not self.element:
                    self.note(f"{path_of(self.element, node)}/@{key}", DERIVED)


def path_of(movie: etree._Element, node: etree._Element) -> str:
    tags = []
    while node is not None and node is not movie:
        tags.append(node.tag)
        node = node.getparent()
    return "/".join(reversed(tags))


def has_value(element: etree._Element) -> bool:
    if element.get("boolvalue") == "1":
        return True
    return any(clean(text) not in EMPTY for text in element.itertext())


def readable(element: etree._Element) -> str:
    """An element's value as a person reads it ("" if it has none): a lookup's displayname, a
    flag's "Yes", a list as "A, B", other children as "tag: value" lines, else its text."""
    if element.find("displayname") is not None:
        return clean(element.findtext("displayname"))
    if element.get("boolvalue") is not None:
        return "Yes" if element.get("boolvalue") == "1" else ""
    if not len(element):
        text = clean(element.text)
        return "" if text in EMPTY else text
    children = [child for child in element if child.tag not in LOOKUP_FORMS]
    if len({child.tag for child in children}) == 1:
        return ", ".join(value for child in children if (value := readable(child)))
    lines = (f"{child.tag}: {value}" for child in children if (value := readable(child)))
    return "\n".join(lines)
