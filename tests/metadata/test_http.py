"""The one HTTP client: tries again on 429 and 5xx, and says plainly what went wrong."""

import datetime as dt
import email.utils

import httpx
import pytest

from cinecat.metadata import http
from cinecat.metadata.base import BadKey, BadResponse, NoNetwork, NotFound, RateLimited

SERVICE = http.Service("TMDb", "CINECAT_TMDB_API_KEY")
URL = "https://api.themoviedb.org/3/movie/550"


@pytest.fixture
def client() -> http.HttpClient:
    return http.HttpClient(timeout=5)


def test_a_json_answer_is_returned_with_the_parameters_and_headers_sent(network, client):
    route = network.get(URL).respond(json={"id": 550})
    answer = client.get_json(SERVICE, URL, params={"api_key": "k"}, headers={"X-Test": "1"})
    assert answer == {"id": 550}
    request = route.calls.last.request
    assert request.url.params["api_key"] == "k"
    assert request.headers["X-Test"] == "1"
    assert request.headers["User-Agent"].startswith("cinecat/")


def test_a_timeout_says_the_service_did_not_answer_in_time(network, client):
    network.get(URL).mock(side_effect=httpx.ReadTimeout("timed out"))
    with pytest.raises(NoNetwork, match=r"TMDb \(api.themoviedb.org\) did not answer within 5 s"):
        client.get_json(SERVICE, URL)


def test_no_network_says_the_service_could_not_be_reached(network, client):
    network.get(URL).mock(side_effect=httpx.ConnectError("Name or service not known"))
    with pytest.raises(NoNetwork, match="Could not reach TMDb at api.themoviedb.org"):
        client.get_json(SERVICE, URL)


def test_a_refused_key_names_the_setting_and_the_services_words(network, client, pauses):
    refusal = {
        "status_code": 7,
        "status_message": "Invalid API key: You must be granted a valid key.",
        "success": False,
    }
    network.get(URL).respond(401, json=refusal)
    with pytest.raises(BadKey) as refused:
        client.get_json(SERVICE, URL)
    assert str(refused.value) == (
        "TMDb refused the API key (HTTP 401: Invalid API key: You must be granted a valid key.)."
        " Check CINECAT_TMDB_API_KEY."
    )
    assert pauses == []  # a refusal is not tried again


def test_a_missing_entry_is_not_found(network, client):
    missing = {
        "status_code": 34,
        "status_message": "The resource you requested could not be found.",
    }
    network.get(URL).respond(404, json=missing)
    with pytest.raises(NotFound, match="could not be found"):
        client.get_json(SERVICE, URL)


def test_rate_limited_then_answered_waits_as_retry_after_says(network, client, pauses):
    route = network.get(URL)
    route.side_effect = [
        httpx.Response(429, headers={"Retry-After": "7"}, json={"status_code": 25}),
        httpx.Response(200, json={"id": 550}),
    ]
    assert client.get_json(SERVICE, URL) == {"id": 550}
    assert pauses == [7.0]
    assert route.call_count == 2


def test_a_retry_after_date_is_waited_until(network, client, pauses):
    when = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=12)
    network.get(URL).side_effect = [
        httpx.Response(429, headers={"Retry-After": email.utils.format_datetime(when, True)}),
        httpx.Response(200, json={}),
    ]
    client.get_json(SERVICE, URL)
    assert len(pauses) == 1 and 9 < pauses[0] <= 12


def test_rate_limited_three_times_says_to_try_again_later(network, client, pauses):
    route = network.get(URL).respond(429, json={"status_code": 25})
    with pytest.raises(RateLimited) as limited:
        client.get_json(SERVICE, URL)
    assert "TMDb is limiting how often it is asked (HTTP 429), still after 3 tries" in str(
        limited.value
    )
    assert route.call_count == 3
    assert pauses == [1.0, 2.0]  # backoff without Retry-After


def test_a_retry_after_too_long_to_wait_is_told_not_waited(network, client, pauses):
    route = network.get(URL).respond(429, headers={"Retry-After": "600"})
    with pytest.raises(RateLimited, match="try again in 600 s"):
        client.get_json(SERVICE, URL)
    assert route.call_count == 1
    assert pauses == []


def test_a_server_error_is_tried_again(network, client, pauses):
    network.get(URL).side_effect = [httpx.Response(500), httpx.Response(200, json={"ok": 1})]
    assert client.get_json(SERVICE, URL) == {"ok": 1}
    assert pauses == [1.0]


def test_a_server_error_every_time_is_a_bad_response(network, client):
    network.get(URL).respond(503)
    with pytest.raises(BadResponse, match=r"TMDb had a server error \(HTTP 503\) on 3 tries"):
        client.get_json(SERVICE, URL)


def test_an_answer_that_is_not_json_is_a_bad_response(network, client):
    network.get(URL).respond(200, text="<html>Maintenance</html>", content_type="text/html")
    with pytest.raises(BadResponse, match=r"TMDb sent a response that is not JSON \(text/html"):
        client.get_json(SERVICE, URL)


def test_a_file_is_returned_with_its_content_type(network, client):
    network.get(URL).respond(200, content=b"\xff\xd8\xffdata", content_type="image/jpeg; q=1")
    assert client.get_bytes(SERVICE, URL, max_bytes=100) == (b"\xff\xd8\xffdata", "image/jpeg")


def test_a_file_declared_larger_than_the_limit_is_refused_before_reading(network, client):
    network.get(URL).respond(200, content=b"x" * 3000)  # respx sets Content-Length
    with pytest.raises(BadResponse, match=r"The poster is 3 kB, over the limit of 2 kB"):
        client.get_bytes(SERVICE, URL, max_bytes=2000, noun="poster")


def test_a_file_growing_past_the_limit_is_cut_off(network, client):
    network.get(URL).mock(return_value=httpx.Response(200, stream=_Unsized([b"x" * 1000] * 5)))
    with pytest.raises(BadResponse, match="The poster is more than 3 kB, over the limit of 2 kB"):
        client.get_bytes(SERVICE, URL, max_bytes=2500, noun="poster")


class _Unsized(httpx.SyncByteStream):
    """A body sent in chunks with no Content-Length, as a chunked download."""

    def __init__(self, chunks: list[bytes]) -> None:
        self.chunks = chunks

    def __iter__(self):
        yield from self.chunks


def test_every_provider_shares_one_client():
    assert http.client() is http.client()
