"""Covers: checking an uploaded picture, storing it with its thumbnails, and deleting it.

Everything goes through the default storage (``Cover.image``'s), never a local path, so covers
work the same on a laptop and on shared storage behind several app servers. Thumbnails are
made once, on upload, at fixed widths and stored beside the original; serving them is a plain
read. File names carry a hash of the picture, so a replaced cover never reuses a name that a
browser or proxy may have cached.
"""

import hashlib
import io
import logging
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import transaction
from PIL import Image, ImageOps

from . import pictures
from .models import Edition
from .models.cover import Cover, CoverSide

logger = logging.getLogger(__name__)

MAX_COVER_PIXELS = 40_000_000
THUMBNAIL_WIDTHS = (160, 480)
THUMBNAIL_FORMAT = "WEBP"
# Formats Pillow may identify; only ACCEPTED ones are kept, the others get a message naming them.
IDENTIFIED = ("JPEG", "PNG", "WEBP", "GIF", "BMP", "TIFF")
ACCEPTED = {"JPEG": ".jpg", "MPO": ".jpg", "PNG": ".png", "WEBP": ".webp"}
CONTENT_TYPES = {".jpg": "image/jpeg", ".png": "image/png", ".webp": "image/webp"}
NOT_A_PICTURE = "This file is not a picture cinecat can read: JPEG, PNG or WebP."


class CoverError(ValueError):
    """A cover upload refused; the message says what is wrong and the limit."""


@dataclass(frozen=True)
class CoverInfo:
    """What validation learnt: the format and the upright size in pixels."""

    format: str
    extension: str
    width: int
    height: int

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.extension]


def max_cover_bytes() -> int:
    return int(getattr(settings, "CINECAT_MAX_COVER_MB", 20)) * pictures.MB


def validate_cover(upload: pictures.Upload) -> CoverInfo:
    """Check that an upload is a JPEG, PNG or WebP within the size limits, or raise CoverError."""
    return _read_cover(upload)[1]


def save_cover(edition: Edition, side: str, upload: pictures.Upload) -> Cover:
    """Store a cover and its thumbnails, replacing that side's previous cover in one transaction.

    The files are written before the transaction (storage may be slow and remote); if anything
    fails they are removed again. The previous cover's files go once the replacement commits.
    """
    if side not in CoverSide.values:
        raise CoverError(f"A cover is the front or the back, not {side!r}.")
    upright, info, data = _read_cover(upload)
    storage = _storage()
    digest = hashlib.sha256(data).hexdigest()[:12]
    name = storage.save(f"covers/{edition.pk}/{side}-{digest}{info.extension}", ContentFile(data))
    written = [name]
    try:
        written += _store_thumbnails(storage, upright, name)
        with transaction.atomic():
            previous = Cover.objects.select_for_update().filter(edition=edition, side=side).first()
            if previous is not None:
                _delete_after_commit(previous)
                previous.delete()
            return Cover.objects.create(
                edition=edition, side=side, image=name, width=info.width, height=info.height
            )
    except BaseException:
        _delete_files(storage, written)
        raise


def delete_cover(cover: Cover) -> None:
    """Delete a cover; its original and thumbnails are removed from storage once that commits."""
    with transaction.atomic():
        _delete_after_commit(cover)
        cover.delete()


def thumbnail_name(cover: Cover, width: int) -> str:
    """The storage name of a cover's thumbnail at one of THUMBNAIL_WIDTHS."""
    if width not in THUMBNAIL_WIDTHS:
        raise ValueError(f"Cover thumbnails are {THUMBNAIL_WIDTHS} pixels wide, not {width}.")
    return _thumbnail_name(cover.image.name, width)


def cover_files(cover: Cover) -> list[str]:
    """Every storage name that belongs to a cover: the original, then each thumbnail."""
    return [cover.image.name, *(thumbnail_name(cover, width) for width in THUMBNAIL_WIDTHS)]


def content_type(name: str) -> str:
    """The media type of a stored cover file, from the extension cinecat gave it."""
    return CONTENT_TYPES.get(posixpath.splitext(name)[1], "application/octet-stream")


def _read_cover(upload: pictures.Upload) -> tuple[Image.Image, CoverInfo, bytes]:
    """The decoded, upright picture, what it is, and the bytes to store as the original."""
    try:
        data = pictures.read_upload(upload, max_cover_bytes(), "picture")
        image = pictures.open_picture(
            data, max_pixels=MAX_COVER_PIXELS, noun="picture", formats=IDENTIFIED
        )
    except pictures.NotAPicture as exc:
        raise CoverError(NOT_A_PICTURE) from exc
    except pictures.PictureError as exc:
        raise CoverError(str(exc)) from exc
    if image.format not in ACCEPTED:
        raise CoverError(f"{image.format} pictures are not accepted as covers: JPEG, PNG or WebP.")
    try:
        pictures.decode_pixels(image, "picture")
        upright = ImageOps.exif_transpose(image)
    except pictures.PictureError as exc:
        raise CoverError(str(exc)) from exc
    except (OSError, SyntaxError, ValueError) as exc:  # a malformed EXIF block
        raise CoverError("The picture is damaged and cannot be read.") from exc
    extension = ACCEPTED[image.format]
    info = CoverInfo(image.format, extension, upright.width, upright.height)
    return upright, info, data


def _store_thumbnails(storage: Storage, upright: Image.Image, original: str) -> list[str]:
    has_alpha = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
    source = upright.convert("RGBA" if has_alpha else "RGB")
    names = []
    for width in THUMBNAIL_WIDTHS:
        name = _thumbnail_name(original, width)
        if storage.exists(name):  # left over by a crash: the original's name is new, so is ours
            storage.delete(name)
        names.append(storage.save(name, ContentFile(_thumbnail(source, width))))
    return names


def _thumbnail(source: Image.Image, width: int) -> bytes:
    # Never enlarge: a small scan keeps its own width under every thumbnail name.
    if source.width > width:
        height = max(1, round(source.height * width / source.width))
        source = source.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
    buffer = io.BytesIO()
    source.save(buffer, THUMBNAIL_FORMAT, quality=82, method=4)
    return buffer.getvalue()


def _thumbnail_name(original: str, width: int) -> str:
    return f"{posixpath.splitext(original)[0]}-{width}.{THUMBNAIL_FORMAT.lower()}"


def _storage() -> Storage:
    return Cover._meta.get_field("image").storage


def _delete_after_commit(cover: Cover) -> None:
    transaction.on_commit(partial(_delete_files, _storage(), cover_files(cover)))


def _delete_files(storage: Storage, names: Iterable[str]) -> None:
    # A file that cannot be removed is an orphan, not a failure: the database is already right.
    for name in names:
        try:
            storage.delete(name)
        except Exception:
            logger.warning("Could not delete cover file %s", name, exc_info=True)
