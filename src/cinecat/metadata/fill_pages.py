"""Filling the films of a list's selection from a provider, in the background: the batch bar
queues the job, its page shows the progress and what was done to each copy (``filling``)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from cinecat.catalog import batch_form, selectors
from cinecat.catalog.views import back_to
from cinecat.search.batch import chosen

from . import filling, updating


@require_POST
def fill_selection(request: HttpRequest, collection: str) -> HttpResponse:
    """The list's selection queued to have its films' missing cast and plots filled."""
    current = selectors.resolve_collection(collection)
    back = back_to(request) or current.get_absolute_url()
    if not updating.update_providers():
        messages.error(request, "No film data service is set up here to fill films from.")
        return redirect(back)
    form = batch_form.BatchForm(request.POST, collection=current)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    picked = chosen(current, request.POST, form.cleaned_data["copies"])
    if not picked.exists():
        messages.error(request, "Select copies first.")
        return redirect(back)
    job = filling.queue_fill(current, picked, by=request.user)
    return redirect("metadata:fill-detail", collection=current.slug, job=job.pk)


def fill_detail(request: HttpRequest, collection: str, job: int) -> HttpResponse:
    """A fill's progress (an htmx fragment while it runs), then what it did to each copy."""
    current = selectors.resolve_collection(collection)
    found = get_object_or_404(current.fill_jobs, pk=job)
    context = {"collection": current, "job": found}
    if request.htmx:
        return render(request, "metadata/partials/_fill_progress.html", context)
    return render(request, "metadata/fill_detail.html", context)
