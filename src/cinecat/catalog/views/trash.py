"""Batch edits from a list, and the trash (kept 30 days)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from cinecat.core.ids import numbers

from .. import forms, selectors, services
from .edit import undo_tags


@require_POST
def batch_edit(request: HttpRequest, collection: str) -> HttpResponse:
    current = selectors.resolve_collection(collection)
    form = forms.BatchForm(request.POST, collection=current)
    back = _back(request) or current.get_absolute_url()
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    data = form.cleaned_data
    if request.POST.get("action") == "trash":
        chosen = list(data["copies"])
        count = services.trash(chosen, by=request.user)
        said = f"{count} cop{'y' if count == 1 else 'ies'} moved to the trash."
        messages.success(request, said, extra_tags=undo_tags([copy.pk for copy in chosen]))
        return redirect(back)
    change = services.BatchChange(
        location=data["location"],
        storage_device=data["storage_device"],
        owner=data["owner"].strip(),
        status=data["status"],
        add_tags=data["add_tags"],
        remove_tags=data["remove_tags"],
    )
    if change == services.BatchChange():
        messages.error(request, "Nothing to change: fill in at least one field of the batch edit.")
        return redirect(back)
    count = services.batch_edit(current, data["copies"], change, by=request.user)
    messages.success(request, f"{count} cop{'y' if count == 1 else 'ies'} updated.")
    return redirect(back)


def _back(request: HttpRequest) -> str:
    """The page the batch came from: a path of this site only, never another site."""
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
    return redirect(_back(request) or reverse("catalog:trash", kwargs={"collection": current.slug}))
