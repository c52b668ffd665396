"""A copy's viewings on its page: added, edited and removed in place (htmx), or by plain posts."""

from django.contrib import messages
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_htmx.http import reswap, retarget

from .. import selectors, viewings
from ..forms import ViewingForm
from ..models import Copy, Viewing

PANEL = "catalog/partials/_viewings.html"


def viewing_panel(copy: Copy, form: ViewingForm | None = None) -> dict:
    """What the copy page's Viewings section shows: the log, newest first, and the add form."""
    # An episode seen is the season box's (its discs and episodes show it), not the copy's.
    log = copy.viewing_log.filter(episode=None).order_by(
        F("watched_on").desc(nulls_last=True), "-pk"
    )
    return {
        "viewings": list(log),
        "viewing_form": form
        or ViewingForm(initial={"watched_on": timezone.localdate()}, prefix="viewing"),
    }


@require_POST
def viewing_add(request: HttpRequest, collection: str, index: int) -> HttpResponse:
    current = selectors.resolve_collection(collection)
    copy = selectors.copy_detail(current, index)
    form = ViewingForm(request.POST, prefix="viewing")
    if not form.is_valid():
        return _refused(request, current, copy, form)
    viewings.add_viewing(copy, _change(form), by=request.user)
    return _answer(request, current, copy, "Viewing added.")


def viewing_edit(request: HttpRequest, collection: str, index: int, viewing: int) -> HttpResponse:
    current = selectors.resolve_collection(collection)
    copy = selectors.copy_detail(current, index)
    found = get_object_or_404(Viewing, pk=viewing, copy=copy)
    if request.method != "POST":
        form = ViewingForm(instance=found, prefix=f"viewing-{found.pk}")
        return _form_page(request, current, copy, found, form)
    form = ViewingForm(request.POST, instance=Viewing(copy=copy), prefix=f"viewing-{found.pk}")
    if not form.is_valid():
        return _form_page(request, current, copy, found, form, status=400)
    viewings.edit_viewing(found, _change(form), by=request.user)
    return _answer(request, current, copy, "Viewing saved.")


@require_POST
def viewing_remove(request: HttpRequest, collection: str, index: int, viewing: int) -> HttpResponse:
    current = selectors.resolve_collection(collection)
    copy = selectors.copy_detail(current, index)
    found = get_object_or_404(Viewing, pk=viewing, copy=copy)
    viewings.remove_viewing(found, by=request.user)
    return _answer(request, current, copy, "Viewing removed.")


def _change(form: ViewingForm) -> viewings.ViewingChange:
    data = form.cleaned_data
    return viewings.ViewingChange(
        watched_on=data["watched_on"],
        place=data["place"],
        company=data["company"],
        note=data["note"],
        rewatch=data["rewatch"],
    )


def _answer(request: HttpRequest, collection, copy: Copy, said: str) -> HttpResponse:
    """The Viewings section again for htmx; else back to the copy's page, saying what was done."""
    if request.htmx:
        copy.refresh_from_db()
        context = {"collection": collection, "copy": copy, **viewing_panel(copy)}
        return render(request, PANEL, context)
    messages.success(request, said)
    return redirect(copy)


def _refused(request: HttpRequest, collection, copy: Copy, form: ViewingForm) -> HttpResponse:
    """The add form again with what is wrong: in the section (htmx swaps a 200 only), or on a
    page of its own."""
    context = {"collection": collection, "copy": copy, **viewing_panel(copy, form)}
    if request.htmx:
        return render(request, PANEL, context)
    return render(request, "catalog/viewing_edit.html", {**context, "form": form}, status=400)


def _form_page(request, collection, copy, viewing, form, status: int = 200) -> HttpResponse:
    """A viewing's edit form: in place of the viewing (htmx), or on a page of its own."""
    context = {"collection": collection, "copy": copy, "viewing": viewing, "form": form}
    if not request.htmx:
        return render(request, "catalog/viewing_edit.html", context, status=status)
    response = render(request, "catalog/partials/_viewing_form.html", context)
    # The form posts into the whole section; refused, it goes back in the viewing's place.
    return reswap(retarget(response, f"#viewing-{viewing.pk}"), "innerHTML")
