"""Reading the barcode from a photo of the box. Every picture is drawn here with zxing-cpp."""

import io

import pytest
import zxingcpp
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cinecat.catalog.barcode_images import (
    MAX_PHOTO_MB,
    AmbiguousBarcode,
    UnreadableBarcode,
    decode,
)
from tests.catalog.images import barcode, blank_png, encoded, noise, photographed

# (printed code, symbology, what cinecat stores)
SAMPLES = [
    pytest.param("036000291452", zxingcpp.BarcodeFormat.UPCA, "0036000291452", id="UPC-A"),
    pytest.param("01234565", zxingcpp.BarcodeFormat.UPCE, "0012345000065", id="UPC-E"),
    pytest.param("5051892002929", zxingcpp.BarcodeFormat.EAN13, "5051892002929", id="EAN-13"),
    pytest.param("96385074", zxingcpp.BarcodeFormat.EAN8, "96385074", id="EAN-8"),
]


@pytest.mark.parametrize(("code", "symbology", "stored"), SAMPLES)
def test_a_clean_barcode_is_read_and_normalised(code, symbology, stored):
    assert decode(encoded(barcode(code, symbology))) == stored


@pytest.mark.parametrize(("code", "symbology", "stored"), SAMPLES)
def test_a_barcode_turned_a_quarter_is_read(code, symbology, stored):
    turned = barcode(code, symbology).rotate(90, expand=True)
    assert decode(encoded(turned, "JPEG", quality=90)) == stored


@pytest.mark.parametrize(("code", "symbology", "stored"), SAMPLES)
def test_a_blurred_tilted_barcode_on_a_noisy_box_is_read(code, symbology, stored):
    photo = photographed(barcode(code, symbology))
    assert decode(encoded(photo, "JPEG", quality=80)) == stored


def test_a_photo_whose_camera_held_it_sideways_is_turned_upright_first():
    # Stored sideways with EXIF "rotate 90° clockwise to view", as phones do.
    photo = photographed(barcode("5051892002929", zxingcpp.BarcodeFormat.EAN13))
    exif = Image.Exif()
    exif[0x0112] = 6
    sideways = photo.rotate(90, expand=True)
    assert decode(encoded(sideways, "JPEG", quality=85, exif=exif)) == "5051892002929"


def test_a_file_object_and_a_django_upload_are_read_like_bytes():
    picture = encoded(barcode("96385074", zxingcpp.BarcodeFormat.EAN8))
    upload = SimpleUploadedFile("box.png", picture, content_type="image/png")
    upload.read()  # a form may have read it already
    assert decode(io.BytesIO(picture)) == decode(upload) == "96385074"


def test_a_photo_with_two_different_barcodes_is_ambiguous_and_names_both():
    case = barcode("5051892002929", zxingcpp.BarcodeFormat.EAN13)
    sticker = barcode("96385074", zxingcpp.BarcodeFormat.EAN8)
    photo = Image.new("L", (case.width + sticker.width + 200, case.height + 100), 255)
    photo.paste(case, (50, 50))
    photo.paste(sticker, (case.width + 150, 50))
    with pytest.raises(AmbiguousBarcode, match="several barcodes") as caught:
        decode(encoded(photo))
    assert sorted(caught.value.codes) == ["5051892002929", "96385074"]
    assert isinstance(caught.value, UnreadableBarcode)


def test_a_photo_without_a_barcode_is_unreadable_and_suggests_typing_the_number():
    with pytest.raises(UnreadableBarcode, match="No UPC or EAN barcode") as caught:
        decode(encoded(noise(), "JPEG"))
    assert "type the number" in str(caught.value)


def test_a_qr_code_is_not_taken_for_a_disc_barcode():
    qr = Image.fromarray(
        zxingcpp.create_barcode("5051892002929", zxingcpp.BarcodeFormat.QRCode).to_image(scale=4)
    )
    with pytest.raises(UnreadableBarcode, match="No UPC or EAN barcode"):
        decode(encoded(qr))


def test_a_file_that_is_not_a_picture_is_refused_as_such():
    with pytest.raises(UnreadableBarcode, match="not a picture cinecat can read") as caught:
        decode(b"UPC 036000291452\nEAN 5051892002929\n")
    assert "type the number" in str(caught.value)


def test_an_empty_file_is_refused():
    with pytest.raises(UnreadableBarcode, match="empty file"):
        decode(b"")


def test_a_photo_over_the_size_limit_is_refused_before_decoding():
    too_big = b"\xff\xd8" + b"\0" * (MAX_PHOTO_MB * 1024 * 1024)
    with pytest.raises(UnreadableBarcode, match=f"over the {MAX_PHOTO_MB} MB limit"):
        decode(io.BytesIO(too_big))


def test_a_photo_with_too_many_pixels_is_refused_with_the_limit():
    with pytest.raises(UnreadableBarcode, match="9000 × 9000 pixels .* limit is 64 megapixels"):
        decode(blank_png(9000, 9000))


def test_a_decompression_bomb_is_refused():
    with pytest.raises(UnreadableBarcode, match="decompression bomb"):
        decode(blank_png(14_000, 14_000))


def test_an_unreadable_barcode_is_a_value_error_for_forms():
    assert issubclass(UnreadableBarcode, ValueError)
