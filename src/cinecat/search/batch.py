"""Changing many copies at once from a list: those picked, or every copy the list's search and
filters match (on every page of it)."""

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from cinecat.catalog import batch_form, services, slots
from cinecat.catalog.models import Collection, Copy
from cinecat.catalog.selectors import resolve_collection
from cinecat.catalog.views import back_to
from cinecat.catalog.views.edit import undo_tags

from .queries import Browse


@require_POST
def batch_edit(request: HttpRequest, collection: str) -> HttpResponse:
    current = resolve_collection(collection)
    form = batch_form.BatchForm(request.POST, collection=current)
    back = back_to(request) or current.get_absolute_url()
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    data = form.cleaned_data
    picked = chosen(current, request.POST, data["copies"])
    if not picked.exists():
        messages.error(request, "Select copies first.")
        return redirect(back)
    if request.POST.get("action") == "trash":
        trashed = list(picked)
        count = services.trash(trashed, by=request.user)
        said = f"{_copies(count)} moved to the trash."
        messages.success(request, said, extra_tags=undo_tags([copy.pk for copy in trashed]))
        return redirect(back)
    change = services.BatchChange(
        location=data["location"],
        storage_device=data["storage_device"],
        owner=data["owner"].strip(),
        status=data["status"],
        add_tags=data["add_tags"],
        remove_tags=data["remove_tags"],
        first_slot=data["first_slot"],
    )
    if change == services.BatchChange():
        messages.error(request, "Nothing to change: fill in at least one field of the batch edit.")
        return redirect(back)
    try:
        count = services.batch_edit(current, picked, change, by=request.user)
    except slots.PlaceRefused as refused:
        messages.error(request, f"Nothing changed: {refused}")
        return redirect(back)
    messages.success(request, f"{_copies(count)} updated.")
    return redirect(back)


def chosen(collection: Collection, posted: QueryDict, picked: QuerySet[Copy]) -> QuerySet[Copy]:
    """The copies picked one by one, or with "all matching" every copy of the list whose query
    is posted as ``matching`` (the list as it is now, not as it was shown)."""
    if "all_matching" not in posted:
        return picked
    matching = Browse.from_query(collection, QueryDict(posted.get("matching", ""))).copies()
    return collection.copies.filter(pk__in=matching.values("pk"))


def _copies(count: int) -> str:
    return f"{count:,} cop{'y' if count == 1 else 'ies'}"
