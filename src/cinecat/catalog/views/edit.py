"""Editing a copy with its edition and work, and what happens when two people edit at once."""

import dataclasses

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from cinecat.core.ids import as_number

from .. import forms, history, selectors, services, slots, suggestions
from ..fingerprint import shared_facts
from ..models import Copy, Work
from ..records import CreditRecord, PlotRecord, Record, WorkRecord


def with_suggestions(bound: dict, collection) -> dict:
    """Pick-list fields of every form (and formset row) suggest existing values as one types."""
    for form in bound.values():
        for part in getattr(form, "forms", [form]):
            suggestions.attach(part, collection)
    return bound


def _edit_forms(
    collection, copy: Copy, stored: Record, films: list[Work], data=None, files=None, film=0
) -> dict:
    """The edit page's forms for ``films[film]`` (a new work when the edition has none)."""
    work = films[film] if film < len(films) else Work()
    work_record = stored.works[film] if film < len(stored.works) else WorkRecord("")
    contents = [{"work": w.pk, "title": w.title, "year": w.year} for w in films]
    credits = [
        {"name": c.name, "character": c.character, "job": c.job} for c in work_record.credits
    ]
    plots = [{"kind": p.kind, "text": p.text, "author": p.author} for p in work_record.plots]
    first = data is None  # a posted page stands on its own values
    return with_suggestions(
        {
            "work_form": forms.WorkForm(data, instance=work, prefix="work", record=work_record),
            "edition_form": forms.EditionForm(
                data, instance=copy.edition, prefix="edition", record=stored.edition
            ),
            "copy_form": forms.CopyForm(
                data,
                instance=copy,
                prefix="copy",
                collection=collection,
                record=stored.copy,
                initial={"facts": shared_facts(copy.edition, work), "film_id": work.pk}
                if first
                else None,
            ),
            # Posted rows stand on their own: rows stored meanwhile (another copy's edit) must
            # not turn the page's empty row into a changed one.
            "credit_forms": forms.CreditFormSet(
                data, initial=credits if first else None, prefix="credit"
            ),
            "plot_forms": forms.PlotFormSet(data, initial=plots if first else None, prefix="plot"),
            "cover_form": forms.CoverForm(data, files, prefix="cover"),
            "contents_forms": forms.ContentsFormSet(data, initial=contents, prefix="film"),
        },
        collection,
    )


def edit_from(bound: dict, stored: Record, film: int = 0) -> services.EntryEdit:
    """The entry as the edit forms give it: their values over the stored ones, rows in the
    order the user gave."""
    work = stored.works[film] if film < len(stored.works) else WorkRecord("")
    credits = tuple(
        CreditRecord(row["name"], row["character"], row["job"], "crew" if row["job"] else "cast")
        for row in _rows(bound["credit_forms"], ("name", "character", "job"), "name")
    )
    plots = tuple(
        PlotRecord(row["text"], row["author"], row["kind"])
        for row in _rows(bound["plot_forms"], ("kind", "text", "author"), "text")
    )
    work = dataclasses.replace(
        work, **bound["work_form"].record_values(), credits=credits, plots=plots
    )
    contents = None
    if "contents_forms" in bound:
        contents = tuple(
            services.Film(row.get("work"), row.get("title") or "", row.get("year"))
            for row in (form.cleaned_data for form in bound["contents_forms"].ordered_forms)
        )
    covers = bound["cover_form"].cleaned_data if "cover_form" in bound else {}
    return services.EntryEdit(
        work=work,
        edition=dataclasses.replace(stored.edition, **bound["edition_form"].record_values()),
        copy=dataclasses.replace(stored.copy, **bound["copy_form"].record_values()),
        film=film,
        contents=contents,
        covers=tuple((side, covers[side]) for side in ("front", "back") if covers.get(side)),
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
    films = services.films_of(copy.edition)
    posted = request.method == "POST"
    # A posted page names its film by id (?film= is its place, which may change meanwhile).
    shown = as_number(request.POST.get("copy-film_id")) if posted else None
    film = _film(request, len(films)) if shown is None else _place(films, shown)
    if film is None:
        messages.error(request, "The film you edited left this edition meanwhile: nothing saved.")
        return redirect("catalog:copy-edit", collection=current.slug, index=copy.index)
    data, files = (request.POST, request.FILES or None) if posted else (None, None)
    stored = history.record_of(copy)
    bound = _edit_forms(current, copy, stored, films, data, files, film=film)
    if posted and all(form.is_valid() for form in bound.values()):
        version = bound["copy_form"].cleaned_data.get("version")
        facts = bound["copy_form"].cleaned_data.get("facts") or None
        edit = edit_from(bound, stored, film)
        try:
            saved = services.save_edits(copy, edit, version=version, facts=facts, by=request.user)
        except services.EditConflict as conflict:
            return _conflict(request, current, copy, edit, stored, conflict, films, film)
        except slots.PlaceRefused as refused:  # taken meanwhile, since the form checked
            bound["copy_form"].add_error("storage_slot", str(refused))
        else:
            messages.success(request, f"Saved #{saved.index}.")
            return redirect(saved)
    context = {"collection": current, "copy": copy, "film": film, "films": films, **bound}
    return render(request, "catalog/copy_edit.html", context, status=400 if posted else 200)


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


def _conflict(request, collection, copy, edit, stored, conflict, films, film) -> HttpResponse:
    """Both versions side by side; the form keeps the user's values with the saved version
    number, so saving again is a deliberate choice to overwrite."""
    saved = conflict.saved
    saved.refresh_from_db()
    # The same film again, wherever it stands now on the edition.
    again_films = services.films_of(saved.edition)
    shown = films[film].pk if film < len(films) else None
    place = _place(again_films, shown) or 0
    saved_record = history.record_of(saved)
    theirs = history.snapshot(saved_record, place)
    mine = edit.as_record(stored)
    if mine.copy.index is None:  # left empty: the number it has
        mine = dataclasses.replace(mine, copy=dataclasses.replace(mine.copy, index=saved.index))
    yours = history.snapshot(mine, film)
    rows = [(label, theirs[label], yours.get(label, "")) for label in theirs]
    rows = [row for row in rows if row[1] != row[2] and row[0] != "Films"]
    data = request.POST.copy()
    data["copy-version"] = saved.version
    work = again_films[place] if place < len(again_films) else None
    data["copy-facts"] = shared_facts(saved.edition, work)
    again = _edit_forms(collection, copy, saved_record, again_films, data, film=place)
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


@require_POST
def copy_trash(request: HttpRequest, collection: str, index: int) -> HttpResponse:
    current = selectors.resolve_collection(collection)
    copy = selectors.copy_detail(current, index)
    services.trash([copy], by=request.user)
    said = f"#{copy.index} is in the trash for {services.TRASH_DAYS} days."
    messages.success(request, said, extra_tags=undo_tags([copy.pk]))
    return redirect(current)


def undo_tags(copy_ids: list[int]) -> str:
    """A message's tags that give it an Undo button bringing these copies back."""
    return f"undo undo-{'-'.join(map(str, copy_ids))}"


@require_POST
def copy_seen(request: HttpRequest, collection: str, index: int) -> HttpResponse:
    current = selectors.resolve_collection(collection)
    copy = services.seen_today(selectors.copy_detail(current, index), by=request.user)
    messages.success(request, f"Seen today: that makes {copy.viewings}.")
    return redirect(copy)
