"""A poster downloaded for a cover: through the providers' client, size-limited, checked."""

import io

import httpx
import pytest
from PIL import Image

from cinecat.metadata.base import BadResponse, NoNetwork
from cinecat.metadata.posters import download_poster, picture_type

POSTER = "https://image.tmdb.org/t/p/original/pB8BM7pdSp6B6Ih7QZ4DrQ3PmJK.jpg"


def picture(kind: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 30), "darkred").save(buffer, kind)
    return buffer.getvalue()


def test_a_poster_comes_back_as_bytes_and_content_type(network):
    jpeg = picture("JPEG")
    route = network.get(POSTER).respond(200, content=jpeg, content_type="image/jpeg")
    poster = download_poster(POSTER)
    assert (poster.data, poster.content_type, poster.extension) == (jpeg, "image/jpeg", ".jpg")
    assert route.calls.last.request.headers["User-Agent"].startswith("cinecat/")


def test_the_bytes_say_what_picture_it_is_whatever_the_server_calls_it(network):
    network.get(POSTER).respond(200, content=picture("WEBP"), content_type="binary/octet-stream")
    assert download_poster(POSTER).content_type == "image/webp"
    assert picture_type(picture("PNG")) == "image/png"


def test_a_poster_over_the_cover_limit_is_refused(network, settings):
    settings.CINECAT_MAX_COVER_MB = 1
    network.get(POSTER).respond(200, content=b"\xff\xd8\xff" + b"x" * 1_100_000)
    with pytest.raises(BadResponse, match="The poster is 1.1 MB, over the limit of 1.0 MB"):
        download_poster(POSTER)


def test_a_limit_may_be_given(network):
    network.get(POSTER).respond(200, content=picture("PNG"))
    with pytest.raises(BadResponse, match="over the limit of 10 bytes"):
        download_poster(POSTER, max_bytes=10)


def test_a_page_that_is_not_a_picture_is_refused(network):
    network.get(POSTER).respond(200, text="<html>Not here</html>", content_type="text/html")
    with pytest.raises(
        BadResponse, match=r"not a JPEG, PNG or WebP picture \(the server calls it text/html\)"
    ):
        download_poster(POSTER)


def test_a_poster_that_cannot_be_had_says_why(network):
    network.get(POSTER).mock(side_effect=httpx.ConnectError("offline"))
    with pytest.raises(NoNetwork, match="Could not reach The poster server at image.tmdb.org"):
        download_poster(POSTER)


def test_an_address_that_is_no_web_address_is_refused(network):
    with pytest.raises(BadResponse, match="is not the web address of a poster"):
        download_poster("file:///etc/passwd")
    assert not network.calls
