"""Importing through the web: upload, run in the background, follow the progress."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from cinecat.catalog.queries import resolve_collection

from .forms import ImportForm
from .models import ImportJob
from .services import live_job
from .tasks import run_import


@require_http_methods(["GET", "POST"])
def import_start(request: HttpRequest, collection: str) -> HttpResponse:
    current = resolve_collection(collection)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["upload"]
        job = ImportJob.objects.create(
            collection=current,
            source_name=upload.name[:255],
            upload=upload,
            total_bytes=upload.size,
            format_key=form.cleaned_data["format_key"],
            on_duplicate=form.cleaned_data["on_duplicate"],
            keep_going=form.cleaned_data["keep_going"],
        )
        run_import.enqueue(job.pk)
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
    context["items"] = found.items.exclude(action="created").exclude(message="")[:500]
    return render(request, "interchange/import_detail.html", context)
