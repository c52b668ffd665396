"""Reading the UPC/EAN barcode from a photo of a box: "add a disc in seconds" from a phone.

The photo is decoded with Pillow (within byte and pixel limits), turned upright, made grey and
small enough to scan quickly, then read with zxing-cpp restricted to the retail symbologies a
disc case carries. The result is in cinecat's stored form (see ``barcodes.normalize``).
"""

from collections.abc import Iterable, Iterator

import zxingcpp
from PIL import Image, ImageOps

from cinecat.core import barcodes

from . import pictures

MAX_PHOTO_MB = 15
MAX_PHOTO_PIXELS = 64_000_000
# A UPC is 95 modules wide: even filling only a quarter of a 2000 px photo it keeps ~5 px a
# module, while scanning stays well under a second.
WORKING_SIZE = 2000
# Pillow opens multi-picture camera JPEGs (MPO) through its JPEG plug-in.
PHOTO_FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "BMP", "TIFF")
RETAIL_FORMATS = (
    zxingcpp.BarcodeFormat.UPCA,
    zxingcpp.BarcodeFormat.UPCE,
    zxingcpp.BarcodeFormat.EAN13,
    zxingcpp.BarcodeFormat.EAN8,
)
TYPE_IT = "You can also type the number printed under the barcode."


class UnreadableBarcode(ValueError):
    """No UPC/EAN could be read from the upload; the message is meant for the user."""


class AmbiguousBarcode(UnreadableBarcode):
    """Several different codes were read (a price sticker, or a misread): ``codes`` lists them."""

    def __init__(self, codes: list[str]) -> None:
        self.codes = codes
        shown = ", ".join(barcodes.display(code) for code in codes)
        super().__init__(
            f"This photo shows several barcodes ({shown}). Photograph only the one printed on "
            f"the case. {TYPE_IT}"
        )


def decode(upload: pictures.Upload) -> str:
    """The normalised UPC/EAN in a photo (file-like or bytes), or raise UnreadableBarcode.

    AmbiguousBarcode (an UnreadableBarcode) carries the codes when several different ones show.
    """
    try:
        data = pictures.read_upload(upload, MAX_PHOTO_MB * pictures.MB, "photo")
        image = _prepare(data)
    except pictures.NotAPicture as exc:
        raise UnreadableBarcode(
            f"{exc} Send a photo of the barcode (JPEG, PNG or WebP). {TYPE_IT}"
        ) from exc
    except pictures.PictureError as exc:
        raise UnreadableBarcode(f"{exc} {TYPE_IT}") from exc
    found = zxingcpp.read_barcodes(
        image, formats=RETAIL_FORMATS, try_rotate=True, try_downscale=True
    )
    codes = list(dict.fromkeys(_valid_codes(result.text for result in found)))
    if len(codes) > 1:
        # A tilted, blurred code can also yield a wrong read that passes the check digit:
        # two different codes mean we cannot tell which one is the case's.
        raise AmbiguousBarcode(codes)
    if not codes:
        raise UnreadableBarcode(
            "No UPC or EAN barcode could be read from this photo. Try again closer, with the "
            f"barcode sharp, straight and filling most of the picture. {TYPE_IT}"
        )
    return codes[0]


def _valid_codes(texts: Iterable[str]) -> Iterator[str]:
    for text in texts:
        try:
            yield barcodes.normalize(text)
        except barcodes.BarcodeError:
            continue


def _prepare(data: bytes) -> Image.Image:
    """An upright greyscale image at most WORKING_SIZE pixels on its long side."""
    image = pictures.open_picture(
        data, max_pixels=MAX_PHOTO_PIXELS, noun="photo", formats=PHOTO_FORMATS
    )
    # JPEG can decode straight at 1/2, 1/4 or 1/8 scale: a 12 MP phone photo loads in a blink.
    image.draft("L", (WORKING_SIZE, WORKING_SIZE))
    pictures.decode_pixels(image, "photo")
    try:
        upright = ImageOps.exif_transpose(image)
    except (OSError, SyntaxError, ValueError) as exc:  # a malformed EXIF block
        raise pictures.NotAPicture("The photo is damaged and cannot be read.") from exc
    grey = upright.convert("L")
    grey.thumbnail((WORKING_SIZE, WORKING_SIZE), Image.Resampling.LANCZOS)
    return grey
