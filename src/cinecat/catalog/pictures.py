"""Opening uploaded pictures safely: byte and pixel limits are checked before anything is decoded.

Shared by barcode photos and covers. Both read untrusted files from phones and browsers, so the
file size is bounded while reading and the pixel count is checked from the header alone: a
50 KB PNG can declare 400 million pixels and would take gigabytes to decode.
"""

import contextlib
import io
from typing import BinaryIO

from PIL import Image, UnidentifiedImageError

MB = 1024 * 1024

Upload = BinaryIO | bytes | bytearray | memoryview


class PictureError(ValueError):
    """An upload refused before or while decoding it; the message says what and the limit."""


class NotAPicture(PictureError):
    """The bytes are not an image Pillow can read, or not one of the accepted formats."""


def read_upload(upload: Upload, max_bytes: int, noun: str) -> bytes:
    """The upload's bytes (file-like or bytes), refusing past max_bytes without reading it all."""
    if isinstance(upload, bytes | bytearray | memoryview):
        data = bytes(upload)
        if len(data) > max_bytes:
            raise PictureError(_too_large(noun, len(data), max_bytes))
    else:
        declared = getattr(upload, "size", None)  # Django's UploadedFile knows its size
        if isinstance(declared, int) and declared > max_bytes:
            raise PictureError(_too_large(noun, declared, max_bytes))
        _rewind(upload)
        data = upload.read(max_bytes + 1) or b""
        if len(data) > max_bytes:
            raise PictureError(_too_large(noun, None, max_bytes))
    if not data:
        raise NotAPicture(f"The {noun} is an empty file.")
    return data


def open_picture(
    data: bytes, *, max_pixels: int, noun: str, formats: tuple[str, ...]
) -> Image.Image:
    """Open the image header and check its pixel count; the pixels themselves are not decoded."""
    limit = f"the limit is {max_pixels / 1_000_000:.0f} megapixels"
    try:
        image = Image.open(io.BytesIO(data), formats=formats)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        # Pillow refuses on its own past twice MAX_IMAGE_PIXELS (and warns, or raises when
        # warnings are errors, past MAX_IMAGE_PIXELS): both are far over our limits anyway.
        raise PictureError(
            f"The {noun} declares more pixels than cinecat will decode "
            f"(a decompression bomb); {limit}."
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise NotAPicture(f"The {noun} is not a picture cinecat can read.") from exc
    width, height = image.size
    if width * height > max_pixels:
        raise PictureError(
            f"The {noun} is {width} × {height} pixels "
            f"({width * height / 1_000_000:.0f} megapixels); {limit}."
        )
    return image


def decode_pixels(image: Image.Image, noun: str) -> None:
    """Decode the pixels now, so a truncated or corrupt file is refused with a clear message."""
    try:
        image.load()
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise NotAPicture(f"The {noun} is damaged or incomplete and cannot be read.") from exc


def _rewind(upload: BinaryIO) -> None:
    # A form may already have read the upload; a socket-like stream cannot seek, and need not.
    with contextlib.suppress(AttributeError, OSError):  # io.UnsupportedOperation is an OSError
        upload.seek(0)


def _too_large(noun: str, size: int | None, max_bytes: int) -> str:
    if size is None:
        return f"The {noun} is over the {max_bytes / MB:.0f} MB limit."
    return f"The {noun} is {size / MB:.1f} MB; the limit is {max_bytes / MB:.0f} MB."
