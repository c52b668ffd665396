"""Adding a disc in seconds: a barcode (typed, scanned or photographed) or a title in one box;
a disc the catalog knows gets only its personal fields asked; anything else a form, filled by
a provider where one knows the film (``cinecat.metadata.views``), else by hand.

Nothing is created before the person saves.
"""

import dataclasses
import re
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from cinecat.core.ids import as_number

from .. import barcode_images, forms, history, pictures, selectors, services, suggestions
from ..models import Copy, Edition, Work
from ..records import CopyRecord, EditionRecord, Record, WorkRecord
from .edit import edit_from, with_suggestions

_BARCODE_LIKE = re.compile(r"[0-9 -]+")
BLANK = Record(works=(WorkRecord(""),), edition=EditionRecord(), copy=CopyRecord())


@require_http_methods(["GET", "POST"])
def copy_add(request: HttpRequest, collection: str) -> HttpResponse:
    """The one box: a title (candidates as one types) or a barcode (typed, scanned, or the
    photo of it read on the server)."""
    current = selectors.resolve_collection(collection)
    typed = request.POST.get("barcode", "").strip()
    if typed and not _BARCODE_LIKE.fullmatch(typed):  # a title: the films it may be
        return redirect(f"{_url(current, 'copy-add')}?{urlencode({'q': typed})}")
    form = forms.AddByBarcodeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            code = form.cleaned_data["barcode"] or barcode_images.decode(form.cleaned_data["photo"])
        except (barcode_images.UnreadableBarcode, pictures.PictureError) as exc:
            form.add_error("photo", str(exc))
        else:
            return _after_barcode(request, current, code)
    context = {"collection": current, "form": form, "q": request.GET.get("q", "")}
    return render(request, "catalog/copy_add.html", context, status=400 if form.errors else 200)


def _after_barcode(request: HttpRequest, collection, code: str) -> HttpResponse:
    """Known here: say so (and offer another copy); known in the catalog: its facts; else
    what the providers find for it, or the form by hand."""
    owned = selectors.owned_with_barcode(collection, code)
    if owned:
        context = {"collection": collection, "owned": owned, "barcode": code}
        return render(request, "catalog/already_owned.html", context)
    edition = selectors.edition_with_barcode(code)
    if edition is not None:
        return redirect(f"{_url(collection, 'copy-add-copy')}?edition={edition.pk}")
    return redirect(f"{_url(collection, 'copy-add')}?q={code}")


def _url(collection, name: str) -> str:
    return reverse(f"catalog:{name}", kwargs={"collection": collection.slug})


@require_http_methods(["GET", "POST"])
def copy_add_copy(request: HttpRequest, collection: str) -> HttpResponse:
    """Another copy of an edition the catalog knows: its facts shown as they are, the copy's
    own fields asked; the copy is made when the form is saved."""
    current = selectors.resolve_collection(collection)
    edition = get_object_or_404(Edition, pk=as_number(request.GET.get("edition")))
    shown = Copy.everything.filter(edition=edition).order_by("pk").first()
    facts = history.record_of(shown) if shown is not None else BLANK
    data = request.POST if request.method == "POST" else None
    copy_form = forms.CopyForm(data, prefix="copy", collection=current)
    with_suggestions({"copy_form": copy_form}, current)
    if data is None:
        forms.focus_first_empty(copy_form)
    if data is not None and copy_form.is_valid():
        mine = CopyRecord(**copy_form.record_values())
        copy = services.add_copy(current, edition, mine, by=request.user)
        messages.success(request, f"Added #{copy.index}.")
        return redirect(copy)
    context = {"collection": current, "edition": edition, "facts": facts, "copy_form": copy_form}
    return render(request, "catalog/copy_add_copy.html", context, status=400 if data else 200)


def entry_forms(collection, data=None, files=None, record: Record = BLANK, barcode="") -> dict:
    """The forms of a new entry, filled from ``record`` (a provider's, or a blank one)."""
    work = record.works[0] if record.works else WorkRecord("")
    credits = [{"name": c.name, "character": c.character, "job": c.job} for c in work.credits]
    plots = [{"kind": p.kind, "text": p.text, "author": p.author} for p in work.plots]
    first = data is None
    edition_initial = {"barcode": barcode} if barcode else {}
    bound = {
        "work_form": forms.WorkForm(data, prefix="work", record=work, initial=_plain(work)),
        "edition_form": forms.EditionForm(
            data,
            prefix="edition",
            record=record.edition,
            initial={**_plain(record.edition), **edition_initial},
        ),
        "copy_form": forms.CopyForm(data, prefix="copy", collection=collection),
        "credit_forms": forms.CreditFormSet(
            data, prefix="credit", initial=credits if first else None
        ),
        "plot_forms": forms.PlotFormSet(data, prefix="plot", initial=plots if first else None),
        "cover_form": forms.CoverForm(data, files, prefix="cover"),
    }
    return with_suggestions(bound, collection)


def _plain(record) -> dict:
    """A record's plain values as a model form's initial (names and lists are the form's)."""
    return {name: value for name, value in vars(record).items() if not isinstance(value, tuple)}


def save_entry(request: HttpRequest, collection, bound: dict, record: Record = BLANK, covers=()):
    """The new copy the entry forms describe, or None when they hold an error. A film picked
    as "the same film as" one catalogued keeps that film's facts; ``covers`` (side, picture)
    go on its edition where the form gave none of that side."""
    same = request.POST.get("same_work")
    work = get_object_or_404(Work, pk=as_number(same)) if same else None
    if work is not None:
        bound = {**bound, "work_form": forms.WorkForm(request.POST, prefix="work", instance=work)}
    if not all(form.is_valid() for form in bound.values()):
        return None
    edit = edit_from(bound, record)
    given = {side for side, _ in edit.covers}
    extra = tuple((side, picture) for side, picture in covers if side not in given)
    edit = dataclasses.replace(edit, covers=edit.covers + extra)
    return services.add_by_hand(collection, edit, work=work, by=request.user)


@require_http_methods(["GET", "POST"])
def copy_add_manual(request: HttpRequest, collection: str) -> HttpResponse:
    """A new film (or one already catalogued, picked by title) on a new edition, by hand."""
    current = selectors.resolve_collection(collection)
    posted = request.method == "POST"
    data, files = (request.POST, request.FILES or None) if posted else (None, None)
    title = request.GET.get("title", "")
    record = Record(works=(WorkRecord(title),)) if title else BLANK
    bound = entry_forms(current, data, files, record, request.GET.get("barcode", ""))
    if not posted:
        forms.focus_first_empty(bound["work_form"], bound["edition_form"], bound["copy_form"])
    if posted and (copy := save_entry(request, current, bound)) is not None:
        messages.success(request, f"Added #{copy.index}.")
        return redirect(copy)
    context = {"collection": current, **bound}
    return render(request, "catalog/copy_add_manual.html", context, status=400 if posted else 200)


def work_suggestions(request: HttpRequest, collection: str) -> HttpResponse:
    """Works already catalogued with this title: the same film on another format shares one."""
    current = selectors.resolve_collection(collection)
    title = request.GET.get("work-title", "").strip()
    works = selectors.works_titled(title) if len(title) >= 2 else []
    context = {"collection": current, "works": works}
    return render(request, "catalog/partials/_work_suggestions.html", context)


def suggest(request: HttpRequest, collection: str, kind: str) -> HttpResponse:
    """<option>s completing what is typed in a pick-list field (see catalog.suggestions)."""
    current = selectors.resolve_collection(collection)
    if kind not in suggestions.KINDS:
        return HttpResponse(status=404)
    typed = request.GET.get(request.GET.get("field", ""), "")
    options = suggestions.suggest(current, kind, typed)
    return render(request, "catalog/partials/_suggestions.html", {"options": options})
