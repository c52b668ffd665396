"""A provider's poster downloaded for a cover: the bytes and what picture they are.

Only fetched, never stored: saving it as a cover is the catalog's (``catalog.covers``, which
checks it again as it checks an upload). The download goes through the providers' one HTTP
client, and stops at the cover size limit (``CINECAT_MAX_COVER_MB``) however large the file.
"""

from dataclasses import dataclass

from django.conf import settings

from . import http
from .base import BadResponse

SERVICE = http.Service("The poster server")
MB = 1024 * 1024
# The pictures a cover may be, by the bytes they start with: the server's content type may be
# missing or wrong (application/octet-stream), the bytes say what the file is.
SIGNATURES = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)


@dataclass(frozen=True)
class Poster:
    data: bytes
    content_type: str  # image/jpeg, image/png or image/webp
    url: str

    @property
    def extension(self) -> str:
        return {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp"}[self.content_type]


def max_poster_bytes() -> int:
    return int(getattr(settings, "CINECAT_MAX_COVER_MB", 20)) * MB


def download_poster(url: str, *, max_bytes: int | None = None) -> Poster:
    """Download the poster at ``url``: ProviderError if it cannot be had, is over the size
    limit, or is not a JPEG, PNG or WebP picture."""
    if not url.startswith(("https://", "http://")):
        raise BadResponse(f"{url!r} is not the web address of a poster.")
    limit = max_poster_bytes() if max_bytes is None else max_bytes
    data, declared = http.client().get_bytes(SERVICE, url, max_bytes=limit, noun="poster")
    kind = picture_type(data)
    if kind is None:
        raise BadResponse(
            f"The poster at {url} is not a JPEG, PNG or WebP picture "
            f"(the server calls it {declared or 'nothing'})."
        )
    return Poster(data, kind, url)


def picture_type(data: bytes) -> str | None:
    """The media type the bytes are, of those a cover may be; None for anything else."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return next((kind for magic, kind in SIGNATURES if data.startswith(magic)), None)
