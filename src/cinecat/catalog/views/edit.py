"""Editing a copy with its edition and work, and what happens when two people edit at once."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from cinecat.core import barcodes
from cinecat.core.ids import as_number

from .. import covers, details, editing, forms, selectors, suggestions
from ..fingerprint import shared_facts
from ..models import Work


def with_suggestions(bound: dict, collection) -> dict:
    """Pick-list fields of every form (and formset row) suggest existing values as one types."""
    for form in bound.values():
        for part in getattr(form, "forms", [form]):
            suggestions.attach(part, collection)
    return bound


def _edit_forms(
    collection, copy: "selectors.Copy", films: list[Work], data=None, files=None, film: int = 0
) -> dict:
    """The edit page's forms for ``films[film]`` (a new work when the edition has none)."""
    work = films[film] if film < len(films) else Work()
    contents = [{"work": w.pk, "title": w.title, "year": w.year} for w in films]
    credits = (
        [
            {"name": c.person.name, "character": c.character, "job": c.job}
            for c in work.credits.select_related("person").order_by("role", "order")
        ]
        if work.pk
        else []
    )
    plots = (
        [{"kind": p.kind, "text": p.text, "author": p.author} for p in work.plots.all()]
        if work.pk
        else []
    )
    return with_suggestions(
        {
            "work_form": forms.WorkForm(data, instance=work, prefix="work"),
            "edition_form": forms.EditionForm(data, instance=copy.edition, prefix="edition"),
            "copy_form": forms.CopyForm(
                data,
                instance=copy,
                prefix="copy",
                collection=collection,
                initial={"facts": shared_facts(copy.edition, work), "film_id": work.pk}
                if data is None
                else None,
            ),
            # Posted rows stand on their own: rows stored meanwhile (another copy's edit) must
            # not turn the page's empty row into a changed one.
            "credit_forms": forms.CreditFormSet(
                data, initial=credits if data is None else None, prefix="credit"
            ),
            "plot_forms": forms.PlotFormSet(
                data, initial=plots if data is None else None, prefix="plot"
            ),
            "cover_form": forms.CoverForm(data, files, prefix="cover"),
            "contents_forms": forms.ContentsFormSet(data, initial=contents, prefix="film"),
        },
        collection,
    )


def edits_from(bound: dict, film: int = 0) -> editing.Edits:
    """The cleaned values of the edit forms, lists split, rows in the order the user gave."""
    work = dict(bound["work_form"].cleaned_data)
    for name in ("genres", "countries", "languages"):
        work[f"{name}_text"] = forms.split_list(work[f"{name}_text"])
    edition = dict(bound["edition_form"].cleaned_data)
    edition["regions_text"] = [
        r.removeprefix("Region ").strip() for r in forms.split_list(edition["regions_text"])
    ]
    copy = dict(bound["copy_form"].cleaned_data)
    copy["location_text"] = forms.split_path(copy["location_text"])
    copy["tags_text"] = forms.split_list(copy["tags_text"])
    return editing.Edits(
        work=work,
        edition=edition,
        copy=copy,
        credits=_rows(bound["credit_forms"], ("name", "character", "job"), "name"),
        plots=_rows(bound["plot_forms"], ("kind", "text", "author"), "text"),
        film=film,
        contents=[dict(form.cleaned_data) for form in bound["contents_forms"].ordered_forms]
        if "contents_forms" in bound
        else None,
    )


def _rows(formset, fields: tuple[str, ...], required: str) -> list[dict]:
    """The filled rows of a formset, deleted ones left out, in the order the user numbered."""
    return [
        {field: form.cleaned_data.get(field, "") for field in fields}
        for form in formset.ordered_forms
        if form.cleaned_data.get(required)
    ]


def copy_edit(request: HttpRequest, collection: str, index: int) -> HttpResponse:
    current = selectors.resolve_collection(collection)
    copy = selectors.copy_detail(current, index)
    films = editing.films_of(copy.edition)
    posted = request.method == "POST"
    # A posted page names its film by id (?film= is its place, which may change meanwhile).
    shown = as_number(request.POST.get("copy-film_id")) if posted else None
    film = _film(request, len(films)) if shown is None else _place(films, shown)
    if film is None:
        messages.error(request, "The film you edited left this edition meanwhile: nothing saved.")
        return redirect("catalog:copy-edit", collection=current.slug, index=copy.index)
    data, files = (request.POST, request.FILES or None) if posted else (None, None)
    bound = _edit_forms(current, copy, films, data, files, film=film)
    if request.method == "POST" and all(form.is_valid() for form in bound.values()):
        version = bound["copy_form"].cleaned_data.get("version")
        facts = bound["copy_form"].cleaned_data.get("facts") or None
        edits = edits_from(bound, film)
        try:
            saved = editing.save_edits(copy, edits, version=version, facts=facts, by=request.user)
        except editing.EditConflict as conflict:
            return _conflict(request, current, copy, bound, conflict, films, film)
        for side in ("front", "back"):
            if upload := bound["cover_form"].cleaned_data.get(side):
                covers.save_cover(saved.edition, side, upload)
        messages.success(request, f"Saved #{saved.index}.")
        return redirect(saved)
    context = {"collection": current, "copy": copy, "film": film, "films": films, **bound}
    status = 400 if request.method == "POST" else 200
    return render(request, "catalog/copy_edit.html", context, status=status)


def _place(films: list[Work], work_id: int) -> int | None:
    """Where the film ``work_id`` is on the edition now, or None when it is not on it."""
    return next((place for place, work in enumerate(films) if work.pk == work_id), None)


def _film(request: HttpRequest, count: int) -> int:
    """Which of the edition's ``count`` films the page edits: ``?film=2`` is the second
    (0-based inside)."""
    try:
        number = int(request.GET.get("film", "1"))
    except ValueError:
        raise Http404("film should be a number") from None
    if not 1 <= number <= max(count, 1):
        raise Http404(f"this edition holds {count} film{'s' if count != 1 else ''}")
    return number - 1


def _conflict(request, collection, copy, bound, conflict, films, film: int) -> HttpResponse:
    """Both versions side by side; the form keeps the user's values with the saved version
    number, so saving again is a deliberate choice to overwrite."""
    saved = conflict.saved
    saved.refresh_from_db()
    theirs = editing.snapshot(saved)
    yours = _yours(bound, theirs)
    rows = [
        (label, theirs[label], yours[label]) for label in theirs if theirs[label] != yours[label]
    ]
    data = request.POST.copy()
    data["copy-version"] = saved.version
    # The same film again, wherever it stands now on the edition.
    stored = editing.films_of(saved.edition)
    shown = films[film].pk if film < len(films) else None
    film = _place(stored, shown) or 0
    work = stored[film] if film < len(stored) else None
    data["copy-facts"] = shared_facts(saved.edition, work)
    again = _edit_forms(collection, copy, stored, data, film=film)
    for form in again.values():
        form.is_valid()
    context = {
        "collection": collection,
        "copy": saved,
        "rows": rows,
        "shared": conflict.shared,
        **again,
    }
    return render(request, "catalog/copy_conflict.html", context, status=409)


def _yours(bound: dict, theirs: dict[str, str]) -> dict[str, str]:
    """What the submitted form would have saved, for the labels a person compares."""
    work, edition, copy = (
        bound[k].cleaned_data for k in ("work_form", "edition_form", "copy_form")
    )
    values = {
        "Title": work["title"],
        "Year": work["year"] or "",
        "Format": edition["format"],
        "Barcode": barcodes.display(edition["barcode"]) if edition["barcode"] else "",
        "Distributor": edition["distributor_text"],
        "Owner": copy["owner"],
        "Release date": edition["release_date"] or "",
        "Index": copy["index"] if copy["index"] is not None else theirs["Index"],
        "Location": " › ".join(forms.split_path(copy["location_text"])),
        "Storage device": copy["storage_text"],
        "Slot": copy["storage_slot"],
        "Purchased on": copy["purchased_on"] or "",
        "Notes": copy["notes"],
        "Other details": details.as_text(copy["other_details"]),
        "Tags": ", ".join(sorted(forms.split_list(copy["tags_text"]))),
    }
    statuses = dict(bound["copy_form"].fields["status"].choices)
    values["Status"] = statuses.get(copy["status"], copy["status"])
    credits = _rows(bound["credit_forms"], ("name", "character", "job"), "name")
    values["Cast"] = "; ".join(f"{c['name']} ({c['character'] or c['job']})" for c in credits)
    return {label: str(values.get(label, theirs[label])) for label in theirs}


@require_POST
def copy_trash(request: HttpRequest, collection: str, index: int) -> HttpResponse:
    current = selectors.resolve_collection(collection)
    copy = selectors.copy_detail(current, index)
    editing.trash([copy], by=request.user)
    messages.success(request, f"#{copy.index} is in the trash for {editing.TRASH_DAYS} days.")
    return redirect(current)
