"""Adding a disc in seconds: by barcode (typed, scanned or photographed), or by hand."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from cinecat.core.ids import as_number

from .. import barcode_images, forms, pictures, selectors, services, suggestions
from ..models import Work
from ..records import CopyRecord, EditionRecord, Record, WorkRecord
from .edit import edit_from, with_suggestions


@require_http_methods(["GET", "POST"])
def copy_add(request: HttpRequest, collection: str) -> HttpResponse:
    """Step one: the barcode. Known here → 'you own this'; known elsewhere → reuse its facts;
    unknown → the form by hand, prefilled (metadata providers will answer here later)."""
    current = selectors.resolve_collection(collection)
    form = forms.AddByBarcodeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            code = form.cleaned_data["barcode"] or barcode_images.decode(form.cleaned_data["photo"])
        except (barcode_images.UnreadableBarcode, pictures.PictureError) as exc:
            form.add_error("photo", str(exc))
        else:
            return _after_barcode(request, current, code)
    context = {"collection": current, "form": form}
    return render(request, "catalog/copy_add.html", context, status=400 if form.errors else 200)


def _after_barcode(request: HttpRequest, collection, code: str) -> HttpResponse:
    owned = selectors.owned_with_barcode(collection, code)
    if owned and request.POST.get("again") != "yes":
        context = {"collection": collection, "owned": owned, "barcode": code}
        return render(request, "catalog/already_owned.html", context)
    edition = selectors.edition_with_barcode(code)
    if edition is None:
        return redirect(f"{_url(collection, 'copy-add-manual')}?barcode={code}")
    copy = services.add_copy(collection, edition, by=request.user)
    messages.success(request, f"Added #{copy.index} from the catalog's facts; add your details.")
    return redirect("catalog:copy-edit", collection=collection.slug, index=copy.index)


def _url(collection, name: str) -> str:
    from django.urls import reverse

    return reverse(f"catalog:{name}", kwargs={"collection": collection.slug})


@require_http_methods(["GET", "POST"])
def copy_add_manual(request: HttpRequest, collection: str) -> HttpResponse:
    """A new work (or one already catalogued, picked by title) on a new edition."""
    current = selectors.resolve_collection(collection)
    data = request.POST if request.method == "POST" else None
    initial = {"barcode": request.GET.get("barcode", "")}
    bound = {
        "work_form": forms.WorkForm(data, prefix="work"),
        "edition_form": forms.EditionForm(data, prefix="edition", initial=initial),
        "copy_form": forms.CopyForm(data, prefix="copy", collection=current),
        "credit_forms": forms.CreditFormSet(data, prefix="credit"),
        "plot_forms": forms.PlotFormSet(data, prefix="plot"),
    }
    with_suggestions(bound, current)
    same = request.POST.get("same_work") if data else None
    work = get_object_or_404(Work, pk=as_number(same)) if same else None
    if work is not None:
        bound["work_form"] = forms.WorkForm(data, prefix="work", instance=work)
    if data is not None and all(form.is_valid() for form in bound.values()):
        blank = Record(works=(WorkRecord(""),), edition=EditionRecord(), copy=CopyRecord())
        copy = services.add_by_hand(current, edit_from(bound, blank), work=work, by=request.user)
        messages.success(request, f"Added #{copy.index}.")
        return redirect(copy)
    context = {"collection": current, **bound}
    return render(request, "catalog/copy_add_manual.html", context, status=400 if data else 200)


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
