"""Alice photographs the case of her DVD: the front and back covers, their thumbnails, serving."""

from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.http import Http404
from django.test import RequestFactory
from PIL import Image

from cinecat.catalog import covers
from cinecat.catalog.models import Cover
from cinecat.catalog.views.covers import cover_image
from tests.catalog.images import blank_png, encoded, noise
from tests.factories import CopyFactory, EditionFactory


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def edition(alice_collection):
    return CopyFactory(collection=alice_collection).edition


def front_photo(size=(600, 900)) -> bytes:
    return encoded(noise(size), "JPEG", quality=85)


def stored_files(media: Path) -> set[str]:
    return {path.relative_to(media).as_posix() for path in media.rglob("*") if path.is_file()}


def read_stored(name: str) -> Image.Image:
    with default_storage.open(name, "rb") as stored:
        image = Image.open(stored)
        image.load()
    return image


# Validation


def test_a_jpeg_is_accepted_with_its_size():
    info = covers.validate_cover(front_photo())
    assert (info.format, info.width, info.height) == ("JPEG", 600, 900)
    assert info.content_type == "image/jpeg"


def test_a_png_and_a_webp_are_accepted():
    assert covers.validate_cover(encoded(noise((300, 400)), "PNG")).extension == ".png"
    assert covers.validate_cover(encoded(noise((300, 400)), "WEBP")).extension == ".webp"


def test_a_sideways_phone_photo_is_measured_upright():
    exif = Image.Exif()
    exif[0x0112] = 6  # stored 900 wide, shown 600 wide
    info = covers.validate_cover(encoded(noise((900, 600)), "JPEG", exif=exif))
    assert (info.width, info.height) == (600, 900)


def test_a_text_file_is_refused_as_not_a_picture():
    with pytest.raises(
        covers.CoverError, match="not a picture cinecat can read: JPEG, PNG or WebP"
    ):
        covers.validate_cover(b"Front cover: The Death of Stalin\n")


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF"])
def test_other_picture_types_are_refused_by_name(fmt):
    with pytest.raises(covers.CoverError, match=f"{fmt} pictures are not accepted"):
        covers.validate_cover(encoded(noise((200, 300)), fmt))


def test_a_file_over_the_configured_size_is_refused_with_the_limit(settings):
    settings.CINECAT_MAX_COVER_MB = 1
    with pytest.raises(covers.CoverError, match="1.5 MB; the limit is 1 MB"):
        covers.validate_cover(b"\xff\xd8" + b"\0" * (1024 * 1024 + 512 * 1024))


def test_a_picture_over_40_megapixels_is_refused_with_the_limit():
    with pytest.raises(covers.CoverError, match="9000 × 9000 pixels .* limit is 40 megapixels"):
        covers.validate_cover(blank_png(9000, 9000))


def test_a_decompression_bomb_is_refused():
    with pytest.raises(covers.CoverError, match="decompression bomb"):
        covers.validate_cover(blank_png(14_000, 14_000))


def test_a_truncated_jpeg_is_refused_as_damaged():
    whole = front_photo()
    with pytest.raises(covers.CoverError, match="damaged or incomplete"):
        covers.validate_cover(whole[: len(whole) // 2])


# Storing


def test_saving_a_cover_keeps_the_original_and_makes_each_thumbnail(edition):
    photo = front_photo()
    cover = covers.save_cover(edition, "front", photo)
    assert (cover.width, cover.height) == (600, 900)
    assert cover.image.name.startswith(f"covers/{edition.pk}/front-")
    with default_storage.open(cover.image.name, "rb") as original:
        assert original.read() == photo
    for width in covers.THUMBNAIL_WIDTHS:
        thumbnail = read_stored(covers.thumbnail_name(cover, width))
        assert thumbnail.format == "WEBP"
        assert thumbnail.size == (width, width * 3 // 2)
    assert list(edition.covers.all()) == [cover]


def test_a_small_picture_is_not_enlarged_for_big_thumbnails(edition):
    cover = covers.save_cover(edition, "back", encoded(noise((200, 300)), "PNG"))
    assert read_stored(covers.thumbnail_name(cover, 160)).width == 160
    assert read_stored(covers.thumbnail_name(cover, 480)).width == 200


def test_a_transparent_png_keeps_its_transparency_in_thumbnails(edition):
    picture = Image.new("RGBA", (400, 600), (200, 30, 30, 0))
    cover = covers.save_cover(edition, "front", encoded(picture, "PNG"))
    assert read_stored(covers.thumbnail_name(cover, 160)).mode == "RGBA"


def test_replacing_the_front_cover_removes_the_old_files(
    edition, media, django_capture_on_commit_callbacks
):
    back = covers.save_cover(edition, "back", front_photo((300, 450)))
    old = covers.save_cover(edition, "front", front_photo())
    old_files = set(covers.cover_files(old))
    with django_capture_on_commit_callbacks(execute=True):
        new = covers.save_cover(edition, "front", front_photo((500, 750)))
    assert not Cover.objects.filter(pk=old.pk).exists()
    assert set(edition.covers.all()) == {back, new}
    assert stored_files(media) == set(covers.cover_files(back)) | set(covers.cover_files(new))
    assert not old_files & stored_files(media)


def test_a_refused_replacement_leaves_the_current_cover_alone(edition, media):
    current = covers.save_cover(edition, "front", front_photo())
    with pytest.raises(covers.CoverError):
        covers.save_cover(edition, "front", encoded(noise((200, 300)), "GIF"))
    assert list(edition.covers.all()) == [current]
    assert stored_files(media) == set(covers.cover_files(current))


def test_a_cover_is_only_a_front_or_a_back(edition):
    with pytest.raises(covers.CoverError, match="front or the back"):
        covers.save_cover(edition, "spine", front_photo())


def test_deleting_a_cover_removes_its_files(edition, media, django_capture_on_commit_callbacks):
    cover = covers.save_cover(edition, "front", front_photo())
    with django_capture_on_commit_callbacks(execute=True):
        covers.delete_cover(cover)
    assert not edition.covers.exists()
    assert stored_files(media) == set()


def test_thumbnails_exist_only_at_the_fixed_widths(edition):
    cover = covers.save_cover(edition, "front", front_photo())
    with pytest.raises(ValueError, match="not 300"):
        covers.thumbnail_name(cover, 300)


# Serving


def get(path="/", **headers):
    return RequestFactory().get(path, headers=headers)


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_thumbnail_is_served_with_its_bytes_and_year_long_cache_headers(edition):
    cover = covers.save_cover(edition, "front", front_photo())
    response = cover_image(get(f"/?v={cover.version}"), "alice", edition.pk, "front", 160)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response["ETag"] and response["Last-Modified"]
    with default_storage.open(covers.thumbnail_name(cover, 160), "rb") as stored:
        assert body(response) == stored.read()


def test_the_original_is_served_with_width_zero(edition):
    photo = front_photo()
    covers.save_cover(edition, "front", photo)
    response = cover_image(get(), "alice", edition.pk, "front", 0)
    assert response["Content-Type"] == "image/jpeg"
    assert body(response) == photo


def test_a_url_without_the_cover_version_must_be_revalidated(edition):
    covers.save_cover(edition, "front", front_photo())
    response = cover_image(get("/?v=stale"), "alice", edition.pk, "front", 480)
    assert response["Cache-Control"] == "public, max-age=0, must-revalidate"


def test_a_browser_holding_the_same_version_gets_not_modified(edition):
    covers.save_cover(edition, "front", front_photo())
    first = cover_image(get(), "alice", edition.pk, "front", 160)
    again = cover_image(get(If_None_Match=first["ETag"]), "alice", edition.pk, "front", 160)
    assert again.status_code == 304


def test_a_replaced_cover_gets_a_new_etag(edition):
    covers.save_cover(edition, "front", front_photo())
    first = cover_image(get(), "alice", edition.pk, "front", 160)
    covers.save_cover(edition, "front", front_photo((300, 450)))
    again = cover_image(get(If_None_Match=first["ETag"]), "alice", edition.pk, "front", 160)
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]


@pytest.mark.parametrize(("side", "width"), [("back", 160), ("front", 300), ("spine", 160)])
def test_a_missing_side_or_an_unknown_width_is_not_found(edition, side, width):
    covers.save_cover(edition, "front", front_photo())
    with pytest.raises(Http404):
        cover_image(get(), "alice", edition.pk, side, width)


def test_a_cover_of_an_edition_alice_does_not_hold_is_not_found(alice_collection):
    elsewhere = EditionFactory()
    covers.save_cover(elsewhere, "front", front_photo())
    with pytest.raises(Http404):
        cover_image(get(), "alice", elsewhere.pk, "front", 160)


def test_a_thumbnail_missing_from_storage_is_not_found(edition):
    cover = covers.save_cover(edition, "front", front_photo())
    default_storage.delete(covers.thumbnail_name(cover, 160))
    with pytest.raises(Http404):
        cover_image(get(), "alice", edition.pk, "front", 160)
