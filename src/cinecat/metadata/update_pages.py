"""Updating one copy's film from a provider on the web, field by field.

The rules (what differs, what is ticked, what is taken) are ``differences`` and ``updating``;
this page parses, calls them and renders.
"""

import logging

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from cinecat.catalog import history, selectors
from cinecat.catalog.services import EditConflict
from cinecat.core.ids import as_number

from . import registry, updating
from .base import ProviderError

logger = logging.getLogger(__name__)


def _provider(request: HttpRequest) -> str:
    """The provider asked for (?provider=), else the first one an update can use; 404 when
    none is configured or the one asked for is not."""
    keys = updating.update_providers()
    if not keys:
        raise Http404("No film data service is set up here: see the README's Film data.")
    provider = request.GET.get("provider") or keys[0]
    if provider not in keys:
        raise Http404(f"{provider!r} is not a film data service set up here.")
    return provider


@require_http_methods(["GET", "POST"])
def copy_update(request: HttpRequest, collection: str, index: int) -> HttpResponse:
    """The provider's film beside the copy's, field by field; what is ticked is taken."""
    current = selectors.resolve_collection(collection)
    copy = selectors.copy_detail(current, index)
    provider = _provider(request)
    stored = history.record_of(copy)
    film = (as_number(request.GET.get("film")) or 1) - 1
    if film >= len(stored.works):
        raise Http404(f"#{copy.index} has no film {film + 1}.")
    work = stored.works[film]
    context = {
        "collection": current,
        "copy": copy,
        "work": work,
        "film": film + 1,
        "provider": provider,
        "provider_name": registry.provider_class(provider).name,
        "others": [key for key in updating.update_providers() if key != provider],
    }
    entry_id = request.GET.get("id", "")
    if not entry_id and "search" not in request.GET:
        entry_id = updating.known_id(work, provider)
    try:
        if not entry_id:
            context["candidates"] = updating.search_for(work, provider)
            return render(request, "metadata/copy_update_pick.html", context)
        found = registry.get(provider).fetch(entry_id)
    except ProviderError as exc:
        logger.warning("provider: %s", exc)
        messages.error(request, f"{context['provider_name']} could not be asked: {exc}")
        return redirect(copy)
    if request.method == "POST":
        done = _take(request, copy, found, film)
        if done is not None:
            return done
    proposal = updating.propose(copy, found, film)
    context |= {"proposal": proposal, "found": found, "entry_id": entry_id}
    status = 400 if request.method == "POST" else 200
    return render(request, "metadata/copy_update.html", context, status=status)


def _take(request: HttpRequest, copy, found, film: int) -> HttpResponse | None:
    """Write the ticked fields and go back to the copy, or None (the page again, saying why)."""
    keys = request.POST.getlist("take")
    if not keys:
        messages.error(request, "Nothing was taken: tick the fields to take first.")
        return None
    version = as_number(request.POST.get("version"))
    try:
        done = updating.update_copy(copy, found, keys, version=version, film=film, by=request.user)
    except EditConflict:
        messages.error(
            request,
            f"#{copy.index} was changed meanwhile; nothing was taken. Here is what differs now.",
        )
        return None
    except ValueError as exc:
        messages.error(request, str(exc))
        return None
    name = registry.provider_class(found.provider).name
    messages.success(request, f"#{copy.index} updated from {name}: {', '.join(done.taken)}.")
    for warning in done.warnings:
        messages.warning(request, warning)
    return redirect(done.copy)
