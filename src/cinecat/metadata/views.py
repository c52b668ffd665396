"""Adding from the providers on the web: candidates as one types a title or a barcode, and the
add form filled in from the one picked (its poster the front cover).

The form, its checks and the saving are the catalog's own (``catalog.views.add``); these pages
only fetch what fills it.
"""

import logging
import re
from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from cinecat.catalog import selectors
from cinecat.catalog.forms import focus_first_empty
from cinecat.catalog.models import Collection, Work
from cinecat.catalog.models.work import folded_title
from cinecat.catalog.views.add import entry_forms, save_entry
from cinecat.core import barcodes as barcode_forms

from . import posters, registry, services
from .base import Candidate, ProviderError

logger = logging.getLogger(__name__)
_DIGITS = re.compile(r"[0-9 -]{8,17}")


@dataclass(frozen=True)
class Offer:
    """A candidate as the add page lists it, with whether the collection has the film."""

    candidate: Candidate
    owned: bool


def candidates(request: HttpRequest, collection: str) -> HttpResponse:
    """What the box's text finds: a barcode's disc, or films of a title, as one types."""
    current = selectors.resolve_collection(collection)
    typed = (request.GET.get("q") or request.GET.get("barcode") or "").strip()
    context = {"collection": current, "q": typed, "providers": registry.available()}
    try:
        if _DIGITS.fullmatch(typed):
            context |= _by_barcode(current, typed)
        elif len(typed) >= 2:
            context |= _by_title(current, typed)
    except ProviderError as exc:
        logger.warning("provider: %s", exc)
        context["problem"] = str(exc)
    return render(request, "metadata/partials/_candidates.html", context)


def _by_barcode(collection: Collection, typed: str) -> dict:
    try:
        code = barcode_forms.normalize(typed)
    except barcode_forms.BarcodeError as exc:
        return {"problem": str(exc)}
    owned = selectors.owned_with_barcode(collection, code)
    edition = selectors.edition_with_barcode(code)
    if owned or edition is not None:
        return {"barcode": code, "owned": owned, "known_edition": edition}
    if not registry.available():
        return {"barcode": code, "unknown": True}
    match = services.find_by_barcode(code)
    offers = _offers(collection, list(match.candidates))
    product = match.product.title if match.product else ""
    return {"barcode": code, "offers": offers, "product": product, "unknown": not offers}


def _by_title(collection: Collection, typed: str) -> dict:
    found = {"works": list(selectors.works_titled(typed, limit=5))}
    if registry.available():
        listed, _ = services.find_by_title(typed)
        found["offers"] = _offers(collection, listed[:10])
    return found


def _offers(collection: Collection, listed: list[Candidate]) -> list[Offer]:
    """The candidates, each said to be in the collection when a film of its id, or of its
    title and year, has a copy there."""
    held = Work.objects.filter(edition_links__edition__copies__collection=collection)
    ids = {str(pk) for pk in held.filter(tmdb_id__isnull=False).values_list("tmdb_id", flat=True)}
    ids |= set(held.exclude(imdb_id="").values_list("imdb_id", flat=True))
    titled = set(held.values_list("folded_title", "year"))
    return [Offer(c, c.id in ids or (folded_title(c.title), c.year) in titled) for c in listed]


@require_http_methods(["GET", "POST"])
def add_from(request: HttpRequest, collection: str, provider: str, entry: str) -> HttpResponse:
    """The add form filled in from a provider's entry; saved, the poster becomes the cover."""
    current = selectors.resolve_collection(collection)
    if provider not in registry.available():
        raise Http404("That provider is not configured here.")
    try:
        found = registry.get(provider).fetch(entry)
    except ProviderError as exc:
        messages.error(request, f"{exc} Add it by hand instead, or try again.")
        return redirect("catalog:copy-add", collection=current.slug)
    barcode = request.GET.get("barcode", "")
    record = services.entry(found, format=request.GET.get("format") or None, barcode=barcode)
    posted = request.method == "POST"
    data, files = (request.POST, request.FILES or None) if posted else (None, None)
    bound = entry_forms(current, data, files, record, barcode)
    if not posted:  # the film is filled in (and folded away): what is left is the disc's
        focus_first_empty(bound["edition_form"], bound["copy_form"])
    if posted:
        covers = _poster(request, found.poster_url)
        copy = save_entry(request, current, bound, record, covers)
        if copy is not None:
            messages.success(request, f"Added #{copy.index}.")
            return redirect(copy)
    context = {
        "collection": current,
        **bound,
        "provider": registry.provider_class(provider).name,
        "poster_url": found.poster_url,
        "poster_thumbnail": found.poster_thumbnail_url,
        "attribution": found.attribution,
    }
    return render(request, "catalog/copy_add_manual.html", context, status=400 if posted else 200)


def _poster(request: HttpRequest, url: str) -> tuple:
    """The poster as the front cover, unless a front cover was given or it cannot be had."""
    if not url or request.FILES.get("cover-front"):
        return ()
    try:
        return (("front", posters.download_poster(url).data),)
    except ProviderError as exc:
        messages.warning(request, f"The poster could not be fetched ({exc}); add a cover later.")
        return ()
