"""Adding an entry from the providers: find candidates, fetch one, store it as a new copy.

The CLI (``cinecat add``) and, later, the add page call these. Storing goes through one small
function (``save``), for now the import writer's ``apply_records``, so that it can become a
catalog service without touching the rest.
"""

import dataclasses

from cinecat.catalog import services as catalog_services
from cinecat.catalog.models import Collection, Copy
from cinecat.catalog.records import CopyRecord, Record
from cinecat.core import barcodes as barcode_forms

from . import barcodes, registry
from .base import Candidate, Found, Provider
from .product_titles import ProductTitle


class SaveFailed(Exception):
    """The entry could not be stored; the message says why."""


def find_by_title(
    title: str, *, year: int | None = None, provider: str | None = None, refresh: bool = False
) -> tuple[list[Candidate], Provider | None]:
    """Candidates for ``title`` (and ``year``) from the provider named, else from the first
    configured provider that has any; NotConfigured when none is configured."""
    for source in registry.title_providers(provider, refresh=refresh):
        candidates = source.search(title, year=year)
        if candidates:
            return candidates, source
    return [], None


def find_by_barcode(
    barcode: str, *, provider: str | None = None, refresh: bool = False
) -> barcodes.BarcodeMatch:
    """What the barcode chain knows of ``barcode``; BarcodeError when it is not one."""
    code = barcode_forms.normalize(barcode)
    providers = []
    if provider is not None or registry.available():
        providers = registry.title_providers(provider, refresh=refresh)
    return barcodes.look_up(code, providers, refresh=refresh)


def clear_match(candidates: list[Candidate], title: str, year: int | None) -> Candidate | None:
    """The one candidate meant, if the search leaves no doubt: the only one, or the only one
    of exactly that title (whatever its case and accents) and year."""
    if len(candidates) == 1:
        return candidates[0]
    same = [candidate for candidate in candidates if candidate.matches(title, year)]
    return same[0] if len(same) == 1 else None


def entry(
    found: Found,
    *,
    format: str | None = None,
    barcode: str = "",
    facts: ProductTitle | None = None,
) -> Record:
    """The record to store for ``found``: its work, an edition of ``format`` (else the
    product's, else the record's own) with the barcode and what the product title said, and a
    new copy keeping the values no record field holds as other details."""
    format = format or (facts.format if facts else "") or found.record.edition.format
    chosen = found.for_release(format)
    works = tuple(
        dataclasses.replace(
            work,
            tagline=work.tagline or found.tagline,
            studios=work.studios or found.studios,
            series=work.series or found.collection,
        )
        for work in chosen.record.works
    )
    edition = dataclasses.replace(chosen.record.edition, barcode=barcode)
    if facts is not None:
        edition = dataclasses.replace(
            edition, name=facts.edition or edition.name, regions=facts.regions or edition.regions
        )
    kept = {"Tagline", "Studios", "Film series"}  # the record holds them now
    details = tuple(pair for pair in chosen.other_details() if pair[0] not in kept)
    return Record(works=works, edition=edition, copy=CopyRecord(other_details=details))


def reused(record: Record, format: str | None = None) -> Record:
    """An entry this installation has (``OwnEditions``) for another copy, in ``format`` if
    given (a disc's barcode names one product, but a typo in the catalog may be corrected)."""
    if not format:
        return record
    return dataclasses.replace(record, edition=dataclasses.replace(record.edition, format=format))


def owned(collection: Collection, barcode: str) -> list[Copy]:
    """The collection's copies (outside the trash) of the edition with ``barcode``."""
    code = barcode_forms.normalize(barcode)
    return list(Copy.objects.filter(collection=collection, edition__barcode=code).order_by("index"))


def save(record: Record, collection: Collection) -> Copy:
    """Store ``record`` as a new copy of ``collection``; SaveFailed saying why it could not."""
    try:
        copy = catalog_services.add_entry(collection, record)
    except catalog_services.EntryRefused as exc:
        raise SaveFailed(str(exc)) from None
    return Copy.objects.select_related("collection").get(pk=copy.pk)
