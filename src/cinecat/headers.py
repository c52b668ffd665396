"""Headers every response carries beyond Django's and django-csp's, and a quieter log."""

import logging

from django.http import HttpRequest, HttpResponse

# Nothing cinecat does needs a device's sensors; the barcode photo is a file the camera takes
# through the file input, which needs no permission of the page.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)


class PermissionsPolicyMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class OneLine(logging.Filter):
    """A record logged without its traceback: the message says it all."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = record.exc_text = None
        return True
