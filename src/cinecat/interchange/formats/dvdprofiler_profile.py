"""One DVD Profiler ``<DVD>`` as ``dvdprofiler`` reads it: its values by path, and as text.

``ProfileElement`` finds a value by its path below the profile ("PurchaseInfo/PurchaseDate")
through a dict of the profile's children, much cheaper than lxml's ElementPath on a file of
100,000 profiles. It remembers which top-level tags were read, so that the others can be kept
as other details; it collects the other details and the source extras in the order of the
profile's elements, and, when the file is read with a census, notes where each value landed.
It reads numbers, dates and times through ``parse``, naming the profile and the line of a wrong
one. The functions below say whether DVD Profiler's text holds a value at all (it writes ``0``,
``false`` and ``1899-12-30`` for none) and how an element reads as text.
"""

import datetime as dt
import re
from collections.abc import Iterable, Iterator

from django.utils import timezone
from lxml import etree

from . import parse
from .base import FormatError
from .census import DERIVED, EXTRAS, OTHER, Census
from .field_values import DetailsByElement

_EMPTY = {"", "0", "false", "1899-12-30", "1899-12-30t00:00:00"}  # compared casefolded
EMPTY_AS_WRITTEN = {"0", "False", "false"}
NAME_PARTS = ("FirstName", "MiddleName", "LastName")
# An amount's currency and display forms: without the amount they say nothing.
_AMOUNT_FORMS = {"DenominationType", "DenominationDesc", "FormattedValue"}
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z0-9])|(?<=[A-Z])(?=[A-Z][a-z])")


class ProfileElement:
    """One ``<DVD>``: reads values by path; ``used`` are the top-level tags its reader maps,
    the others being kept as other details."""

    def __init__(
        self,
        element: etree._Element,
        where: str,
        used: Iterable[str] = (),
        census: Census | None = None,
    ) -> None:
        self.element = element
        self.where = where
        self.used: set[str] = set(used)
        self.unmapped: set[str] = set()
        self.kept = DetailsByElement()  # by the top-level tag they come from
        self.extras = DetailsByElement()
        self.census = census
        self._groups: dict[str, dict[str, etree._Element]] = {}
        # Each tag's children in order: a dict lookup is much cheaper than an ElementPath search.
        self.children: dict[str, list[etree._Element]] = {}
        for child in element:
            self.children.setdefault(child.tag, []).append(child)

    def text(self, path: str) -> str:
        if "/" not in path:  # the common case: a child of the profile
            nodes = self.children.get(path)
            value = nodes[0].text if nodes else None
            return value.strip() if value else ""
        head, _, rest = path.partition("/")
        nodes = self.children.get(head)
        if not nodes:
            return ""
        node = _first(nodes, rest.split("/"))
        return ((node.text if node is not None else "") or "").strip()

    def texts(self, path: str) -> tuple[str, ...]:
        head, _, rest = path.partition("/")
        found = ((node.text or "").strip() for node in self.all(head, rest))
        return tuple(text for text in found if text)

    def all(self, head: str, rest: str = "") -> Iterator[etree._Element]:
        """What ``iterfind(f"{head}/{rest}")`` finds, for a path of plain tags or ``*``."""
        nodes = self.children.get(head, ())
        return _all(nodes, rest.split("/")) if rest else iter(nodes)

    def group(self, tag: str) -> dict[str, etree._Element]:
        """The children of the profile's first ``<tag>`` by their tags (the first of each), read
        once: ``Format`` and its flags are asked for by several fields."""
        found = self._groups.get(tag)
        if found is None:
            nodes = self.children.get(tag)
            found = self._groups[tag] = {}
            for child in nodes[0] if nodes else ():
                found.setdefault(child.tag, child)
        return found

    def flag(self, path: str) -> bool:
        return is_true(self.text(path))

    def take(self, path: str, where: str) -> str:
        """The text at ``path``, noted as landed in ``where``."""
        value = self.text(path)
        if value and self.census is not None and is_set(value):
            self.census.note(path, where)
        return value

    def takes(self, path: str, where: str) -> tuple[str, ...]:
        values = self.texts(path)
        if self.census is not None:
            self.census.note(path, where, sum(map(is_set, values)))
        return values

    def note(self, path: str, where: str, count: int = 1) -> None:
        """``count`` values at ``path`` landed in ``where`` (only a census keeps the count)."""
        if self.census is not None:
            self.census.note(path, where, count)

    def note_element(self, element: etree._Element | None, where: str, path: str) -> None:
        """Every value of ``element``, at ``path``, landed in ``where``."""
        if self.census is not None and element is not None:
            self.census.note_element(element, where, is_set, path)

    def derived(self, path: str) -> None:
        """The value at ``path``, if it holds one, says again what a field holds."""
        if self.census is not None and is_set(self.text(path)):
            self.census.note(path, DERIVED)

    def keep(self, tag: str, name: str, value: str, path: str = "") -> None:
        """Keep a value with no field of its own; ``tag`` is the top-level element it is in,
        ``path`` where the value is (``name`` unless given), for a census."""
        if value:
            self.kept.keep(tag, name, value)
            self.note(path or name, OTHER)

    def extra(self, tag: str, name: str, value: str, path: str = "") -> None:
        """Keep a value that means nothing to a person (an id, a flag of DVD Profiler's own)
        for the way out, as a source extra under ``name``."""
        if value:
            self.extras.keep(tag, name, value)
            self.note(path or name, EXTRAS)

    def keep_element(self, tag: str, name: str, element: etree._Element, prefix: str = "") -> None:
        """Keep an element's value as text, or name it as unmapped if it has none as text."""
        value = as_text(element)
        if value:
            self.kept.keep(tag, name, prefix + value)
            self.note_element(element, OTHER, self.path_of(element))
        else:
            self.unmapped.add(name)

    def keep_children(self, tag: str, mapped: Iterable[str]) -> None:
        """Keep the values of ``tag``'s children that are not ``mapped``, each under its tag."""
        for child in self.all(tag, "*"):
            if child.tag not in mapped and has_value(child):
                self.keep_element(tag, child.tag, child)

    def extra_children(self, tag: str) -> None:
        """Keep the true flags and other values of ``tag``'s children as one source extra."""
        for group in self.all(tag):
            if has_value(group):
                self.extras.keep(tag, tag, as_text(group))
                self.note_element(group, EXTRAS, tag)

    def path_of(self, element: etree._Element) -> str:
        """``element``'s path below the profile: "Discs/Disc/LabelSideA"."""
        tags = []
        while element is not None and element is not self.element:
            tags.append(element.tag)
            element = element.getparent()
        return "/".join(reversed(tags))

    def fail(self, message: str, path: str, node: etree._Element | None = None) -> FormatError:
        node = self.element.find(path) if node is None else node
        line = node.sourceline if node is not None else self.element.sourceline
        return FormatError(message, line=line, where=self.where)

    def whole_number(self, path: str) -> int:
        text = self.text(path)
        try:
            return parse.whole_number(text, self.where, path) if text else 0
        except FormatError as exc:
            raise self.fail(exc.message, path) from None

    def date(self, path: str) -> dt.date | None:
        text = self.text(path)
        try:
            return parse.date(text, parse.ISO_DATE, self.where, path) if text else None
        except FormatError as exc:
            raise self.fail(exc.message, path) from None

    def datetime(self, path: str) -> dt.datetime | None:
        """A time, aware; none for DVD Profiler's no-date."""
        return self.moment(self.text(path), path)

    def moment(
        self, text: str | None, path: str, node: etree._Element | None = None
    ) -> dt.datetime | None:
        """The time ``text`` (the element's at ``path``, or ``node``'s) holds: aware, in UTC
        when it says ``Z`` or an offset, else in the time zone cinecat reads dates in."""
        text = (text or "").strip()
        if not is_set(text):
            return None
        try:
            moment = parse.moment(text, parse.ISO_TIME, self.where, path)
        except FormatError as exc:
            raise self.fail(exc.message, path, node) from None
        try:
            if moment.tzinfo is None:
                return timezone.make_aware(moment)
            return moment.astimezone(dt.UTC)
        except OverflowError:
            raise self.fail(f"{path} {text!r} is out of the calendar", path, node) from None


def _first(nodes: Iterable[etree._Element], tags: list[str]) -> etree._Element | None:
    """The first element along ``tags`` below ``nodes``, in document order, like ``find``."""
    for node in nodes:
        found = node.iterchildren(tags[0])
        if len(tags) == 1:
            return next(found, None)
        deeper = _first(found, tags[1:])
        if deeper is not None:
            return deeper
    return None


def _all(nodes: Iterable[etree._Element], tags: list[str]) -> Iterator[etree._Element]:
    """Every element along ``tags`` (``*``: any element) below ``nodes``, like ``iterfind``."""
    tag = etree.Element if tags[0] == "*" else tags[0]
    for node in nodes:
        found = node.iterchildren(tag)
        yield from found if len(tags) == 1 else _all(found, tags[1:])


_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}


def is_true(text: str | None) -> bool:
    """Whether a DVD Profiler flag's text is true ("true" or "True", as its versions write)."""
    if text in _TRUE:
        return True
    if not text or text in _FALSE:
        return False
    return text.strip().casefold() == "true"


def is_set(text: str | None) -> bool:
    """Whether DVD Profiler's text holds a value: not empty, 0, false or its "no date"."""
    if not text or text in EMPTY_AS_WRITTEN:  # the common case, without strip and casefold
        return False
    return text.strip().casefold() not in _EMPTY


def has_value(element: etree._Element) -> bool:
    """Whether the element, its children or their attributes hold any value."""
    return any(is_set(text) for text in element.itertext()) or any(
        is_set(value)
        for node in element.iter()
        for key, value in node.attrib.items()
        if key not in _AMOUNT_FORMS
    )


def as_text(element: etree._Element) -> str:
    """An element's value as a person reads it ("" if it has none)."""
    return _group_text(element) if len(element) else _leaf_text(element)


def _leaf_text(element: etree._Element) -> str:
    """Its text ("Yes" for a true flag), an amount with its currency ("19.95 USD"), a person's
    name, and its other attributes as "Label: value", joined by ", "."""
    text = (element.text or "").strip() if is_set(element.text) else ""
    if text.casefold() == "true":
        text = "Yes"
    if "DenominationType" in element.attrib:
        return f"{text} {element.get('DenominationType', '').strip()}".strip() if text else ""
    person = " ".join(value.strip() for key in NAME_PARTS if is_set(value := element.get(key, "")))
    attributes = [
        f"{_label(key)}: {value.strip()}"
        for key, value in element.attrib.items()
        if key not in NAME_PARTS and key not in _AMOUNT_FORMS and is_set(value)
    ]
    return ", ".join(part for part in (text, person, *attributes) if part)


def _group_text(element: etree._Element) -> str:
    """On a first line the labels of the true flags, or the values of a list ("Studio A, Studio
    B"); then "Label: value" lines for the other children ("Other Features: Outtakes")."""
    one_kind = len({child.tag for child in element}) == 1  # <Studios><Studio>…
    listed, lines = [], []
    for child in element:
        value = as_text(child) if has_value(child) else ""
        label = _label(child.tag, element.tag)
        if value == "Yes":
            listed.append(label)
        elif value and one_kind:
            listed.append(value)
        elif value:
            lines.append(f"{label}: {value}")
    return "\n".join(line for line in (", ".join(listed), *lines) if line)


def _label(tag: str, parent: str = "") -> str:
    """A tag as words, without its parent's name: "FeatureSceneAccess" in Features is "Scene
    Access", "EmailAddress" is "Email Address"."""
    for prefix in (parent, parent.removesuffix("s")):
        if prefix and tag.startswith(prefix) and tag != prefix:
            tag = tag.removeprefix(prefix)
            break
    return _CAMEL.sub(" ", tag)
