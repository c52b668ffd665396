"""Browsing a collection: what the URL of a list asks for, one page of it, and the facet panel."""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import QueryDict

from cinecat.catalog.models import Collection, Copy
from cinecat.catalog.selectors import copy_rows
from cinecat.core.limits import TooMuchAsked

from . import columns, facets, meaning, revision
from .text import words


@dataclass
class Browse:
    """What the URL of a list asks for: search words, filters and order, for the page itself,
    its printable version and its exports alike."""

    base: QuerySet[Copy]  # the collection, narrowed by the search (its words and meaning)
    selection: facets.Selection
    text: str
    sort: str

    @classmethod
    def from_query(cls, collection: Collection, params) -> "Browse":
        text = search_text(params)
        everything = collection.copies.all()
        base = meaning.search(everything, text) if text else everything
        sort = params.get("sort") or ("relevance" if text else "index")
        return cls(base, facets.Selection.from_query(params), text, sort)

    def copies(self) -> QuerySet[Copy]:
        return self.selection.apply(self.base)

    def ordering(self) -> tuple[str, ...]:
        if self.sort == "relevance" and self.text:
            return ("title_match", "meaning_rank", *columns.ordering("title"))
        return columns.ordering(self.sort)


# Longer than any title or name searched for; a longer text is no search but a paste.
MAX_SEARCH_CHARACTERS = 1000


def search_text(params) -> str:
    """The search words of ``params``; TooMuchAsked past CINECAT_MAX_SEARCH_WORDS words (each
    word is one more match over the whole collection)."""
    text = params.get("q", "").strip()
    limit = settings.CINECAT_MAX_SEARCH_WORDS
    if len(text) > MAX_SEARCH_CHARACTERS:
        raise TooMuchAsked(
            f"A search takes at most {limit} words and {MAX_SEARCH_CHARACTERS:,} characters; "
            f"this one has {len(text):,} characters."
        )
    count = len(words(text))
    if count > limit:
        raise TooMuchAsked(f"A search takes at most {limit} words; this one has {count}.")
    return text


# Parameters that change what is counted; the rest (page, order, view) do not.
COUNTED = ("q", "year_from", "year_to", "folder", *facets.BY_KEY)


def facet_panel(collection: Collection, params) -> dict:
    """Facet counts and the open folder for what the URL asks, cached until the catalog next
    changes (counting 100,000 copies takes seconds; reading the cache, a millisecond)."""
    state = sorted((key, value) for key in COUNTED for value in params.getlist(key))
    digest = hashlib.sha1(repr(state).encode()).hexdigest()
    key = f"cinecat:facets:{collection.pk}:{revision.current()}:{digest}"

    def count() -> dict:
        chosen = Browse.from_query(collection, params)
        return {
            "facets": facets.facet_counts(chosen.base, chosen.selection),
            "folder": facets.folder(params.get("folder", ""), chosen.copies()),
            "selection": chosen.selection,
        }

    return cache.get_or_set(key, count, timeout=24 * 3600)


def page_of(copies: QuerySet[Copy], ordering: tuple[str, ...], number, size: int) -> Page:
    """One page of a list: the ids are paginated (a narrow query, cheap even on the last of
    2,000 pages), then only that page's rows are loaded with what they show."""
    if columns.by_film(ordering):
        # Sorting by a film's field: by the first film of a box set, once per copy.
        copies = copies.filter(edition__edition_works__order=0)
    ids = copies.order_by(*ordering).values_list("pk", flat=True)
    page = Paginator(ids, size).get_page(number)
    wanted = list(page.object_list)
    rows = copy_rows(Copy.everything.filter(pk__in=wanted), ("pk",)).in_bulk(wanted)
    page.object_list = [rows[pk] for pk in wanted]
    return page


def warm_facets(collection: Collection) -> None:
    """Count the whole collection now (after an import), so its page opens at once."""
    facet_panel(collection, QueryDict())


@dataclass(frozen=True)
class Neighbours:
    """Where a copy stands in a list: the copies before and after it, and the list's URL."""

    previous: Copy | None
    next: Copy | None
    back: str
    position: int  # from 1; 0 when the copy is not in the list (any more)
    count: int


def neighbours(collection: Collection, copy: Copy, query: str) -> Neighbours:
    """The copy's place in the list whose URL's parameters are ``query``."""
    chosen = Browse.from_query(collection, QueryDict(query))
    copies, ordering = chosen.copies(), chosen.ordering()
    if columns.by_film(ordering):
        copies = copies.filter(edition__edition_works__order=0)
    ids = list(copies.order_by(*ordering).values_list("pk", flat=True))
    back = f"{collection.get_absolute_url()}?{query}" if query else collection.get_absolute_url()
    if copy.pk not in ids:
        return Neighbours(None, None, back, 0, len(ids))
    at = ids.index(copy.pk)
    near = [pk for pk in (ids[at - 1] if at else None, ids[at + 1] if at + 1 < len(ids) else None)]
    found = Copy.objects.in_bulk([pk for pk in near if pk is not None])
    return Neighbours(found.get(near[0]), found.get(near[1]), back, at + 1, len(ids))
