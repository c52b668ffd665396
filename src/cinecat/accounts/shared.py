"""The pages a share link opens: the collection's list and its copies' pages, read-only and
without the fields kept private (purchase price and store, location, storage device and slot,
notes, loans, history, other details). The copy's fields shown are listed here, not left out:
a field added to copies later stays private until it is named in PUBLIC_COPY_FIELDS."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from cinecat.catalog import labels, selectors
from cinecat.catalog.fields import edition_fields, work_fields
from cinecat.catalog.models import Copy
from cinecat.catalog.models.work import folded_title
from cinecat.catalog.views.copies import LAID_OUT

from .models import ShareLink
from .sharing import open_link

PUBLIC_COPY_FIELDS = ("index", "status", "owner", "condition", "my_rating", "tags")


def _link(token: str) -> ShareLink:
    link = open_link(token)
    if link is None:
        raise Http404("No such share link.")
    return link


def _private(response: HttpResponse) -> HttpResponse:
    # Neither kept by a shared cache nor indexed: the link is for the people it was given to.
    patch_cache_control(response, private=True, no_cache=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@login_not_required
@require_safe
def shared_list(request: HttpRequest, token: str) -> HttpResponse:
    link = _link(token)
    copies = link.collection.copies.all()
    text = request.GET.get("q", "").strip()
    if text:
        # Titles alone are searched: a private field's value finds nothing here.
        titled = Copy.objects.filter(
            collection=link.collection,
            edition__edition_works__work__folded_title__contains=folded_title(text),
        )
        copies = copies.filter(pk__in=titled.values("pk"))
    rows = selectors.copy_rows(copies, ("index",))
    page = Paginator(rows, settings.CINECAT_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"link": link, "shared": link.collection, "page": page, "q": text}
    return _private(render(request, "accounts/shared_list.html", context))


@login_not_required
@require_safe
def shared_copy(request: HttpRequest, token: str, index: int) -> HttpResponse:
    link = _link(token)
    copy = selectors.copy_detail(link.collection, index)
    works = selectors.works_of(copy)
    for work in works:
        work.further = labels.further(work_fields(), work, LAID_OUT["work"])
    shown = {name: getattr(copy, name) for name in PUBLIC_COPY_FIELDS if name != "tags"}
    context = {
        "link": link,
        "shared": link.collection,
        "index": copy.index,
        "mine": shown,
        "status_display": copy.get_status_display(),
        "tags": list(copy.tags.all()),
        "edition": copy.edition,
        "works": works,
        "edition_further": labels.further(edition_fields(), copy.edition, LAID_OUT["edition"]),
        "shelf_year": copy.edition.release_date.year if copy.edition.release_date else None,
    }
    return _private(render(request, "accounts/shared_copy.html", context))
