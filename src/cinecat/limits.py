"""What one request may ask of the server, enforced before it costs anything.

- A request body larger than the largest upload accepted (an import, or a cover) is refused
  with 413 as soon as its Content-Length says so, before a byte of it is read; an upload that
  turns out larger while it streams in (``LimitedUploadHandler``) is refused as it passes the
  limit, before the rest of it reaches the disk. (``cinecat serve`` also gives waitress the
  same limit, so a body without a Content-Length is cut there.)
- A request asking more work than one request may do (``core.limits.TooMuchAsked``: too many
  search words or filter values) is refused with 400, saying the limit.
"""

import logging

from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html

from cinecat.core.limits import MB, TooMuchAsked, largest_upload_mb, max_body_bytes

logger = logging.getLogger(__name__)


class UploadTooLarge(Exception):
    """An upload past the largest accepted, found while it streams in."""


class LimitedUploadHandler(FileUploadHandler):
    """Counts the bytes of each uploaded file as they arrive; past the limit, stops reading."""

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > largest_upload_mb() * MB:
            raise UploadTooLarge(self.file_name)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def _page(title: str, message: str, status: int) -> HttpResponse:
    body = format_html(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{} · cinecat</title>'
        "</head><body><main><h1>{}</h1><p>{}</p></main></body></html>",
        title,
        title,
        message,
    )
    return HttpResponse(body, status=status)


def too_large(declared: int | None = None) -> HttpResponse:
    limit = largest_upload_mb()
    size = f"This upload is {declared / MB:,.0f} MB; " if declared else "This upload is larger: "
    return _page(
        "Upload too large",
        f"{size}the largest file accepted is {limit} MB. Nothing was received.",
        413,
    )


def _declared_length(request: HttpRequest) -> int | None:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None


class RequestLimitsMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        declared = _declared_length(request)
        if declared and declared > max_body_bytes():
            logger.warning("Refused a request body of %s bytes to %s", declared, request.path)
            return too_large(declared)
        if request.content_type == "multipart/form-data" and request.method == "POST":
            try:
                request.POST  # noqa: B018  read now, through LimitedUploadHandler
            except UploadTooLarge:
                logger.warning("Refused an upload past the limit to %s", request.path)
                return too_large()
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, TooMuchAsked):
            return _page("Too much asked at once", str(exception), 400)
        return None
