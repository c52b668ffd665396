"""The trash (kept 30 days), and the way back to the list a change came from."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from cinecat.core.ids import numbers

from .. import selectors, services


def back_to(request: HttpRequest) -> str:
    """The page a change came from (posted as ``next``): a path of this site only."""
    wanted = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if safe else ""


def trash_list(request: HttpRequest, collection: str) -> HttpResponse:
    current = selectors.resolve_collection(collection)
    copies = selectors.copy_rows(services.in_trash(current), ("-trashed_at",))
    context = {"collection": current, "copies": copies, "days": services.TRASH_DAYS}
    return render(request, "catalog/trash.html", context)


@require_POST
def trash_restore(request: HttpRequest, collection: str) -> HttpResponse:
    current = selectors.resolve_collection(collection)
    chosen = services.in_trash(current).filter(pk__in=numbers(request.POST.getlist("copies")))
    count = services.restore(list(chosen), by=request.user)
    messages.success(request, f"{count} cop{'y' if count == 1 else 'ies'} restored.")
    trash = reverse("catalog:trash", kwargs={"collection": current.slug})
    return redirect(back_to(request) or trash)
