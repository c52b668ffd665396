"""Serving cover pictures: a stored thumbnail (or the original) read through the storage API."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from .. import covers, selectors
from ..models.cover import Cover, CoverSide

# Safe to keep for a year only when the URL names the upload (?v=<cover.version>): a replaced
# cover then gets a new URL. Without it the browser must ask again (a cheap 304 via the ETag).
FOREVER = "public, max-age=31536000, immutable"
REVALIDATE = "public, max-age=0, must-revalidate"


def cover_image(
    request: HttpRequest, collection: str, edition: int, side: str, width: int
) -> HttpResponse:
    """A cover's thumbnail at ``width`` pixels, or its original with width 0; 404 when missing."""
    current = selectors.resolve_collection(collection)
    if side not in CoverSide.values or (width and width not in covers.THUMBNAIL_WIDTHS):
        raise Http404("No such cover picture.")
    # Only covers of editions this collection holds: the URL must not reach other shelves.
    held = current.copies.values("edition_id")
    cover = get_object_or_404(Cover, edition_id=edition, side=side, edition_id__in=held)
    etag = f'"{cover.version}-{width}"'
    last_modified = int(cover.uploaded_at.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        name = covers.thumbnail_name(cover, width) if width else cover.image.name
        try:
            stream = cover.image.storage.open(name, "rb")
        except OSError as exc:  # FileNotFoundError locally; remote storages raise OSError too
            raise Http404("No such cover picture.") from exc
        response = FileResponse(stream, content_type=covers.content_type(name))
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = FOREVER if request.GET.get("v") == cover.version else REVALIDATE
    return response
