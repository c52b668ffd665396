"""Importing through the web: upload, run in the background, follow the progress."""

from typing import BinaryIO

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from cinecat.catalog.selectors import resolve_collection

from .. import registry
from ..formats.base import ColumnMapping, FileFormat, FormatError, Unreadable
from ..forms import ImportForm
from ..models import ImportJob
from ..services import live_job, refuse_stored_job
from ..undo import UndoRefused, undo_import
from ..uploads import accept_upload, queue_mapped


@require_http_methods(["GET", "POST"])
def import_start(request: HttpRequest, collection: str) -> HttpResponse:
    current = resolve_collection(collection)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["upload"]
        maps_columns = _maps_columns(data["format_key"], upload)
        job = accept_upload(
            current,
            upload,
            format_key=data["format_key"],
            on_duplicate=data["on_duplicate"],
            keep_going=data["keep_going"],
            maps_columns=maps_columns,
            add_unmatched=data["add_unmatched"],
        )
        if maps_columns:
            return redirect("interchange:import-map", collection=current.slug, job=job.pk)
        return redirect("interchange:import-detail", collection=current.slug, job=job.pk)
    jobs = current.import_jobs.all()[:10]
    context = {"collection": current, "form": form, "jobs": jobs}
    return render(
        request, "interchange/import_start.html", context, status=400 if form.errors else 200
    )


def import_detail(request: HttpRequest, collection: str, job: int) -> HttpResponse:
    current = resolve_collection(collection)
    found = live_job(get_object_or_404(current.import_jobs, pk=job))
    context = {"collection": current, "job": found}
    if request.htmx:
        return render(request, "interchange/partials/_job_progress.html", context)
    context["items"] = found.items.exclude(message="", changes={})[:500]
    return render(request, "interchange/import_detail.html", context)


def _maps_columns(format_key: str, upload: BinaryIO) -> bool:
    """Whether the upload's format reads its columns as a person maps them (a spreadsheet)."""
    try:
        return _format(format_key, upload).maps_columns
    except FormatError:
        return False  # the worker reports an unknown format on the job page


def _format(format_key: str, stream: BinaryIO) -> FileFormat:
    """The format chosen in the form, else the one the file's first bytes match."""
    if format_key:
        return registry.get(format_key)
    head = stream.read(registry.HEAD_SIZE)
    stream.seek(0)
    return registry.detect(head)


@require_http_methods(["GET", "POST"])
def import_map(request: HttpRequest, collection: str, job: int) -> HttpResponse:
    """A spreadsheet's columns → cinecat's fields, with the first rows as they will be stored."""
    current = resolve_collection(collection)
    found = get_object_or_404(current.import_jobs, pk=job)
    if found.status != ImportJob.Status.MAPPING:  # imported already (a refresh, a second click)
        return redirect("interchange:import-detail", collection=current.slug, job=found.pk)
    try:
        fmt, header = _header(found)
    except FormatError as exc:  # not even the header can be read: there is nothing to map
        refuse_stored_job(found, exc)
        return redirect("interchange:import-detail", collection=current.slug, job=found.pk)
    posted = request.method == "POST"
    chosen = _posted_map(fmt.mapping, request.POST, header) if posted else found.column_map or None
    cuts = _posted_cuts(request.POST, header) if posted else found.separators or None
    keep_going = request.POST.get("keep_going") == "on" if posted else found.keep_going
    records, problem = _preview(fmt.mapping, found, chosen, cuts)
    bad = [record for record in records if isinstance(record, Unreadable)]
    odd = [record for record in records if not isinstance(record, Unreadable) and record.copy.flags]
    blocked = problem or ((bad or odd) and not keep_going)
    if posted and request.POST.get("action") == "import" and not blocked:
        queue_mapped(found, fmt.key, chosen, cuts or {}, keep_going=keep_going)
        return redirect("interchange:import-detail", collection=current.slug, job=found.pk)
    context = {
        "collection": current,
        "job": found,
        **_map_form(fmt.mapping, header, chosen, _found_cuts(fmt.mapping, found, chosen, cuts)),
        "records": records,
        "problem": problem,
        "bad": bad,
        "odd": odd,
        "keep_going": keep_going,
    }
    if request.htmx:
        return render(request, "interchange/partials/_csv_preview.html", context)
    return render(request, "interchange/import_map.html", context)


# Each listed column posts its field, and Django refuses a form of more than
# DATA_UPLOAD_MAX_NUMBER_FIELDS fields: this leaves room for the CSRF token and the action.
_FORM_FIELDS = 10


def _listed(header: list[str], lists: set[str] | None = None) -> list[str]:
    """The columns the mapping form lists: the first ones, as many as it can post (a list
    column posts its separator too; ``lists``: those columns)."""
    limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    if limit is None:
        return header
    budget, listed = limit - _FORM_FIELDS, []
    for name in header:
        budget -= 2 if lists and name in lists else 1
        if budget < 0:
            break
        listed.append(name)
    return listed


def _map_form(
    mapping: ColumnMapping, header: list[str], chosen: dict[str, str] | None, cuts: dict
) -> dict:
    fields = {**mapping.guess(header), **(chosen or {})}
    lists = {name for name in header if fields[name] in mapping.lists}
    listed = _listed(header, lists)
    return {
        "columns": [
            (i, name, fields[name], name in lists, cuts.get(name, ""))
            for i, name in enumerate(listed)
        ],
        "fields": mapping.fields,
        "separators": mapping.separators,
        "column_count": len(header),
        "unlisted": len(header) - len(listed),
    }


def _posted_cuts(post, header: list[str]) -> dict[str, str]:
    """What cuts the lists of each list column, as chosen ("auto": as found in the file)."""
    cuts = {}
    for place, name in enumerate(header):
        cut = post.get(f"separator-{place}", "auto")
        if cut != "auto":
            cuts[name] = cut
    return cuts


def _found_cuts(mapping: ColumnMapping, job: ImportJob, chosen, cuts) -> dict:
    """The separators the page shows: those chosen, else those found in the file."""
    with job.upload.open("rb") as stream:
        found = mapping.separators_found(stream, chosen)
    return {**found, **(cuts or {})}


def _posted_map(mapping: ColumnMapping, post, header: list[str]) -> dict[str, str]:
    # The form posts one field a listed column, in the header's order; the others are guessed.
    pairs = zip(_listed(header), post.getlist("field"), strict=False)
    return {name: field for name, field in pairs if field in mapping.fields}


def _header(job: ImportJob) -> tuple[FileFormat, list[str]]:
    """The job's format (one that maps columns, or the job would not be waiting for a map) and
    the names of the file's columns; raises FormatError when the header cannot be read."""
    with job.upload.open("rb") as stream:
        fmt = _format(job.format_key, stream)
        if fmt.mapping is None:
            raise FormatError(f"a {fmt.label} file has no columns to map")
        return fmt, fmt.mapping.preview(stream, None, rows=0)[0]


def _preview(
    mapping: ColumnMapping, job: ImportJob, column_map: dict | None, cuts: dict | None
) -> tuple[list, str]:
    """The first records under ``column_map`` (a row that cannot be read as ``Unreadable``),
    or why the file cannot be read at all."""
    with job.upload.open("rb") as stream:
        try:
            return mapping.preview(stream, column_map, separators=cuts)[1], ""
        except FormatError as exc:
            return [], str(exc)


@require_POST
def import_undo(request: HttpRequest, collection: str, job: int) -> HttpResponse:
    """Take an import back, all of it, or say why it cannot be."""
    current = resolve_collection(collection)
    found = get_object_or_404(current.import_jobs, pk=job)
    try:
        done = undo_import(found, by=request.user)
    except UndoRefused as exc:
        messages.error(request, f"This import cannot be undone: {exc}. Nothing was changed.")
    else:
        messages.success(
            request,
            f"Import undone: {done.removed} copies it made removed, {done.restored} copies it "
            "updated given back what they had.",
        )
    return redirect("interchange:import-detail", collection=current.slug, job=found.pk)
