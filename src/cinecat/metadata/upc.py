"""A UPC web service as a barcode source: the product's name as shops list it.

``CINECAT_UPC_API_URL`` is the lookup endpoint, asked with ``?upc=CODE`` and answering as
UPCitemdb does (``{"code": "OK", "items": [{"title": …, "brand": …}]}``): its free trial
endpoint is ``https://api.upcitemdb.com/prod/trial/lookup`` (no key, about 100 lookups a day),
its paid one ``https://api.upcitemdb.com/prod/v1/lookup`` with ``CINECAT_UPC_API_KEY``.
Answers are cached a day, like every provider's.
"""

from django.conf import settings

from cinecat.core import barcodes

from . import cache, http
from .base import BadResponse, NotFound, Product

SERVICE = http.Service("The UPC service", "CINECAT_UPC_API_KEY")


class UpcService:
    """Products by barcode from the configured UPC web service."""

    key = "upc"
    name = "UPC lookup"
    setup = (
        "set CINECAT_UPC_API_URL to a UPC lookup endpoint, e.g. "
        "https://api.upcitemdb.com/prod/trial/lookup (UPCitemdb's free trial)."
    )

    @classmethod
    def is_configured(cls) -> bool:
        return bool(getattr(settings, "CINECAT_UPC_API_URL", ""))

    def __init__(self, *, refresh: bool = False) -> None:
        self.url = settings.CINECAT_UPC_API_URL
        key = settings.CINECAT_UPC_API_KEY
        self.headers = {"user_key": key, "key_type": "3scale"} if key else {}
        self.refresh = refresh

    def look_up(self, barcode: str) -> Product | None:
        """The product of ``barcode`` (stored form), or None when the service has none."""
        code = barcodes.display(barcode)  # a UPC-A as printed, for North-American codes
        try:
            body = cache.cached(
                self.key,
                f"lookup?upc={code}",
                lambda: http.client().get_json(
                    SERVICE, self.url, params={"upc": code}, headers=self.headers
                ),
                refresh=self.refresh,
            )
        except NotFound:
            return None
        items = body.get("items") if isinstance(body, dict) else None
        if not isinstance(items, list):
            detail = body.get("message") if isinstance(body, dict) else None
            raise BadResponse(
                f"The UPC service's answer lists no products ({detail or 'no items'}); "
                "try again later."
            )
        for item in items:
            if isinstance(item, dict) and (item.get("title") or "").strip():
                return Product(
                    self.key, barcode, item["title"].strip(), brand=item.get("brand") or ""
                )
        return None
