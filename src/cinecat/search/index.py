"""Building search documents, a few queries per 500 copies whatever their number of credits."""

from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, transaction

from cinecat.catalog import barcodes
from cinecat.catalog.bulk import chunks, delete_where_in, insert_rows, with_ids
from cinecat.catalog.models import Copy, Credit, EditionWork, Plot

from .models import SearchDocument
from .text import fold

DOCUMENT_FIELDS = ["copy", "collection", "title_text", "people_text", "body_text"]


def reindex(copy_ids: Iterable[int], *, new: bool = False) -> None:
    """Rebuild the documents of these copies (missing copies just lose theirs).

    ``new`` copies (just created) have no document yet: nothing to compare or delete.
    """
    for chunk in chunks(set(copy_ids), 500):
        documents = _documents(chunk)
        if new:
            _insert(documents)
            continue
        # A document that would be written as it is stays: full-text indexes are slow to write.
        stored = with_ids(SearchDocument.objects, "copy", chunk).values_list(*DOCUMENT_FIELDS)
        unchanged = set(stored).intersection(documents)
        kept = {document[0] for document in unchanged}
        stale = [pk for pk in chunk if pk not in kept]
        delete_where_in(SearchDocument, "copy", stale)
        _insert([d for d in documents if d not in unchanged])


def _insert(documents: list[tuple]) -> None:
    """Insert documents. SQLite's FTS5 table takes them from one INSERT … SELECT, about three
    times faster than from its trigger row by row (see migration 0003); the trigger stands
    aside meanwhile, in a transaction of its own so that no other write ever finds it so."""
    if connection.vendor != "sqlite" or len(documents) < 2:
        insert_rows(SearchDocument, DOCUMENT_FIELDS, documents)
        return
    marks = ", ".join(["%s"] * len(documents))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE search_fts_bulk SET active = 1")
        insert_rows(SearchDocument, DOCUMENT_FIELDS, documents)
        cursor.execute(
            "INSERT INTO search_fts (rowid, title_text, people_text, body_text)"
            " SELECT copy_id, title_text, people_text, body_text FROM search_searchdocument"
            f" WHERE copy_id IN ({marks})",
            [document[0] for document in documents],
        )
        cursor.execute("UPDATE search_fts_bulk SET active = 0")


def reindex_works(work_ids: Iterable[int]) -> None:
    """A work changed: every copy of every edition holding it."""
    editions = EditionWork.objects.filter(work__in=list(work_ids)).values("edition")
    reindex(Copy.objects.filter(edition__in=editions).values_list("pk", flat=True))


def reindex_all() -> int:
    ids = list(Copy.objects.values_list("pk", flat=True))
    reindex(ids)
    return len(ids)


def _documents(copy_ids: list[int]) -> list[tuple]:
    """Rows of DOCUMENT_FIELDS: plain tuples, a model instance each would cost more."""
    copies = with_ids(Copy.objects, "id", copy_ids).values_list(
        "pk",
        "collection",
        "edition",
        "index",
        "notes",
        "other_details",
        "edition__barcode",
        "edition__distributor__name",
    )
    copies = list(copies)
    works_of = defaultdict(list)  # edition → [work ids]
    titles = defaultdict(list)  # work → titles
    links = with_ids(EditionWork.objects, "edition", {c[2] for c in copies}).order_by("order")
    for edition, work, *names in links.values_list(
        "edition", "work", "work__title", "work__sort_title", "work__original_title"
    ):
        works_of[edition].append(work)
        titles[work].extend(name for name in names if name)
    work_ids = list(titles)
    people = _texts(with_ids(Credit.objects, "work", work_ids), "person__name", "character")
    plots = _texts(with_ids(Plot.objects, "work", work_ids), "text")
    tags = defaultdict(list)
    for copy, name in with_ids(Copy.tags.through.objects, "copy", copy_ids).values_list(
        "copy", "tag__name"
    ):
        tags[copy].append(name)
    documents = []
    for pk, collection, edition, index, notes, details, barcode, distributor in copies:
        works = works_of[edition]
        body = [*(plots.get(w, "") for w in works), *tags[pk], notes, distributor or "", str(index)]
        body += [value for _, value in details or ()]
        if barcode:
            body += [barcode, barcodes.display(barcode)]
        documents.append(
            (
                pk,
                collection,
                fold(" ".join(t for w in works for t in titles[w])),
                fold(" ".join(people.get(w, "") for w in works)),
                fold(" ".join(part for part in body if part)),
            )
        )
    return documents


def _texts(queryset, *fields: str) -> dict[int, str]:
    parts = defaultdict(list)
    for work, *values in queryset.values_list("work", *fields):
        parts[work].extend(value for value in values if value)
    return {work: " ".join(values) for work, values in parts.items()}
