"""Full-text matching on either backend, as set-based SQL the catalog's querysets can use."""

from collections.abc import Iterable

from django.db import connection
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from .text import words

_SQLITE_MATCH = "SELECT rowid FROM search_fts WHERE search_fts MATCH %s"
# OFFSET 0 keeps PostgreSQL from folding the match into the join: it then runs the match once
# through the GIN index, instead of testing every copy's document in title order (8× slower for
# a word with thousands of hits).
_POSTGRES_MATCH = (
    "SELECT copy_id FROM search_searchdocument WHERE {column} @@ to_tsquery('simple', %s) OFFSET 0"
)


def _sqlite(terms: list[str], title_only: bool) -> RawSQL:
    phrase = " ".join(f'"{term}"*' for term in terms)
    return RawSQL(_SQLITE_MATCH, [f"title_text : ({phrase})" if title_only else phrase])


def _postgres(terms: list[str], title_only: bool) -> RawSQL:
    column = "title_vector" if title_only else "vector"
    query = " & ".join(f"{term}:*" for term in terms)
    return RawSQL(_POSTGRES_MATCH.format(column=column), [query])


def _matching(terms: list[str], title_only: bool = False) -> RawSQL:
    build = _postgres if connection.vendor == "postgresql" else _sqlite
    return build(terms, title_only)


def search(copies: QuerySet, query: str, also: Iterable[int] = ()) -> QuerySet:
    """Copies matching every word of ``query`` (as a prefix, ignoring case and accents),
    and those of ``also`` (found another way), annotated with ``title_match`` (0 when the
    title holds every word, else 1) for ranking."""
    terms = words(query)
    if not terms:
        return copies.annotate(title_match=Value(0, output_field=IntegerField()))
    also = list(also)
    matching = Q(pk__in=_matching(terms)) | Q(pk__in=also) if also else Q(pk__in=_matching(terms))
    return copies.filter(matching).annotate(
        title_match=Case(
            When(pk__in=_matching(terms, title_only=True), then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    )


def matches(copies: QuerySet, query: str, limit: int) -> tuple[list[int], set[int]] | None:
    """The copies matching every word of ``query`` and those of them whose title holds every
    word, as ids, each match run once; None when more than ``limit`` copies match."""
    terms = words(query)
    found = list(copies.filter(pk__in=_matching(terms)).values_list("pk", flat=True)[: limit + 1])
    if len(found) > limit:
        return None
    titled = copies.filter(pk__in=found).filter(pk__in=_matching(terms, title_only=True))
    return found, set(titled.values_list("pk", flat=True)) if found else set()
