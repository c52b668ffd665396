"""A UPC/EAN looked up through a chain of barcode sources, then by title.

The sources are asked in order (``SOURCES``), each only when configured: (1) this
installation's own editions, whose entry is reused whole; (2) a UPC web service, which gives
the product's name as shops list it. That name, cleaned of the shop's tokens
(``product_titles``: "Blu-ray", "Region 2", "(2017)" …), is then searched with the title
providers, and the tokens become facts of the edition (format, edition name, year, regions).
Another source is one class with ``look_up(barcode) -> Product | None`` and one line here.
"""

from dataclasses import dataclass

from django.utils.module_loading import import_string

from cinecat.catalog.models import Copy, Edition
from cinecat.catalog.reading import records_of
from cinecat.catalog.records import Record
from cinecat.core import barcodes

from . import product_titles
from .base import BarcodeSource, Candidate, Product, Provider

SOURCES = {
    "catalog": "cinecat.metadata.barcodes.OwnEditions",
    "upc": "cinecat.metadata.upc.UpcService",
}
RECORD_PARTS = frozenset({"genres", "countries", "languages", "credits", "plots"})


class OwnEditions:
    """The editions of this installation, in any collection: a disc catalogued once is known."""

    key = "catalog"
    name = "this catalog"
    setup = ""

    @classmethod
    def is_configured(cls) -> bool:
        return True

    def __init__(self, *, refresh: bool = False) -> None:
        pass

    def look_up(self, barcode: str) -> Product | None:
        """The oldest edition of ``barcode``, read as a record with a blank copy."""
        edition = Edition.objects.filter(barcode=barcode).order_by("pk").first()
        if edition is None:
            return None
        one_copy = Copy.everything.filter(edition=edition).order_by("pk")[:1]
        record = next(records_of(one_copy, parts=RECORD_PARTS), None)
        if record is None or not record.works:
            return None
        entry = Record(works=record.works, edition=record.edition)
        return Product(self.key, barcode, record.works[0].title, record=entry)


@dataclass(frozen=True)
class BarcodeMatch:
    """What the chain learnt of a barcode: the product, its cleaned title and candidates."""

    barcode: str  # the stored form
    product: Product | None = None
    title: product_titles.ProductTitle | None = None
    candidates: tuple[Candidate, ...] = ()
    provider: Provider | None = None  # the title provider the candidates come from


def sources(*, refresh: bool = False) -> list[BarcodeSource]:
    """The configured barcode sources, in the order they are asked."""
    classes = [import_string(path) for path in SOURCES.values()]
    return [cls(refresh=refresh) for cls in classes if cls.is_configured()]


def look_up(barcode: str, providers: list[Provider], *, refresh: bool = False) -> BarcodeMatch:
    """Look ``barcode`` up in each source, then its product's title with ``providers``.

    BarcodeError when it is no valid UPC/EAN; ProviderError when a source fails.
    """
    code = barcodes.normalize(barcode)
    for source in sources(refresh=refresh):
        product = source.look_up(code)
        if product is not None:
            break
    else:
        return BarcodeMatch(code)
    if product.record is not None:
        return BarcodeMatch(code, product)
    title = product_titles.clean(product.title)
    # A shop's year may be the disc's, not the film's: without it when it finds nothing.
    years = (title.year, None) if title.year else (None,)
    for provider in providers:
        for year in years:
            candidates = provider.search(title.title, year=year)
            if candidates:
                return BarcodeMatch(code, product, title, tuple(candidates), provider)
    return BarcodeMatch(code, product, title)
