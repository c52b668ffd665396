"""Pictures made on the spot for tests: barcodes from zxing-cpp's writer, photos, PNG bombs."""

import io
import struct
import zlib

import zxingcpp
from PIL import Image, ImageFilter


def encoded(image: Image.Image, fmt: str = "PNG", **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def barcode(code: str, symbology: zxingcpp.BarcodeFormat, scale: int = 3) -> Image.Image:
    """A clean greyscale barcode with its quiet zones, as zxing-cpp draws it."""
    return Image.fromarray(zxingcpp.create_barcode(code, symbology).to_image(scale=scale))


def photographed(label: Image.Image, size: tuple[int, int] = (2400, 1800)) -> Image.Image:
    """The label slightly tilted on a noisy grey box, a little out of focus, in colour."""
    box = Image.effect_noise(size, 40).point(lambda v: 100 + v // 3)
    tilted = label.rotate(3, expand=True, fillcolor=255, resample=Image.Resampling.BICUBIC)
    tilted = tilted.resize((tilted.width * 2, tilted.height * 2))
    box.paste(tilted, (size[0] // 3, size[1] // 3))
    return box.filter(ImageFilter.GaussianBlur(1.2)).convert("RGB")


def noise(size: tuple[int, int] = (800, 600)) -> Image.Image:
    return Image.effect_noise(size, 100).convert("RGB")


def blank_png(width: int, height: int) -> bytes:
    """A valid 1-bit white PNG: a few kilobytes on disk, width × height pixels once decoded."""
    row = b"\x00" + b"\xff" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    body = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", body) + _chunk(b"IEND")


def _chunk(kind: bytes, data: bytes = b"") -> bytes:
    crc = zlib.crc32(kind + data)
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)
