"""Labels to print, as a PDF: a copy's, a place's (and those inside it), a storage device's,
and those of the copies a place or a device holds."""

from csp.decorators import csp_exempt
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from cinecat.core.ids import as_number

from .. import label_sheet, places, selectors, slots
from ..models import Collection, Location, StorageDevice

# A PDF runs nothing of the page's; a policy on it (object-src 'none') only stops a browser's
# own PDF viewer from showing it.
pdf_view = csp_exempt()


def pdf(data: bytes, name: str) -> HttpResponse:
    """A PDF the browser shows (and prints) in place, saved as ``name`` when downloaded."""
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def copy_labels(request: HttpRequest, copies, title: str, name: str) -> HttpResponse:
    """The labels of ``copies`` (copy rows), one each, in their order."""
    return pdf(label_sheet.copies_sheet(copies, request.build_absolute_uri, title), name)


@pdf_view
def copy_label(request: HttpRequest, collection: str, index: int) -> HttpResponse:
    current = selectors.resolve_collection(collection)
    copy = selectors.copy_detail(current, index)
    rows = selectors.copy_rows(current.copies.filter(pk=copy.pk), ("index",))
    return copy_labels(request, rows, f"Label of #{copy.index}", f"label-{copy.index}.pdf")


@pdf_view
def location_labels(request: HttpRequest, collection: str) -> HttpResponse:
    """Every place's label, or (?location=) one place's and those of the places inside it."""
    current = selectors.resolve_collection(collection)
    chosen = Location.objects.filter(collection=current)
    if "location" in request.GET:
        place = _chosen(Location, current, request.GET["location"])
        chosen = chosen.filter(pk__in=places.inside(place))
    held = Count("copies", filter=Q(copies__trashed_at__isnull=True))
    link = request.build_absolute_uri
    labels = [
        label_sheet.place_label(place, place.held, link(place.get_absolute_url()))
        for place in chosen.annotate(held=held).select_related("parent").order_by("path_order")
    ]
    return pdf(label_sheet.sheet(labels, "Labels of places"), "place-labels.pdf")


@pdf_view
def device_labels(request: HttpRequest, collection: str) -> HttpResponse:
    """Every storage device's label, or (?device=) one device's."""
    current = selectors.resolve_collection(collection)
    rows = slots.devices(current)
    if "device" in request.GET:
        device = _chosen(StorageDevice, current, request.GET["device"])
        rows = [row for row in rows if row.device.pk == device.pk]
    labels = [
        label_sheet.device_label(
            row.device, row.copies, request.build_absolute_uri(row.device.get_absolute_url())
        )
        for row in rows
    ]
    return pdf(label_sheet.sheet(labels, "Labels of storage devices"), "device-labels.pdf")


def _chosen(model, collection: Collection, value: str):
    return get_object_or_404(model, pk=as_number(value) or 0, collection=collection)


@pdf_view
def location_copy_labels(request: HttpRequest, collection: str, location: int) -> HttpResponse:
    current = selectors.resolve_collection(collection)
    place = get_object_or_404(Location, pk=location, collection=current)
    rows = selectors.in_location(current, place)
    return copy_labels(request, rows, f"Labels of {place.path}", "copy-labels.pdf")


@pdf_view
def device_copy_labels(request: HttpRequest, collection: str, device: int) -> HttpResponse:
    current = selectors.resolve_collection(collection)
    place = get_object_or_404(StorageDevice, pk=device, collection=current)
    rows = selectors.in_storage_device(current, place)
    return copy_labels(request, rows, f"Labels of {place.name}", "copy-labels.pdf")
