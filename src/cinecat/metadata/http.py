"""The one HTTP client of every provider: timeouts, retries, and errors that say what happened.

Every network call of cinecat's providers goes through ``client()``. A 429 (rate limited) or a
5xx is tried again after a pause, ``Retry-After`` honoured when the service sends one, else
1 s then 2 s; what still fails, or never arrives, becomes a ``ProviderError`` whose message a
user can act on.
"""

import datetime as dt
import email.utils
import json
import logging
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
from django.conf import settings

from .base import BadKey, BadResponse, NoNetwork, NotFound, RateLimited

logger = logging.getLogger(__name__)

ATTEMPTS = 3
BACKOFF_SECONDS = 1.0  # doubled after each try
MAX_WAIT_SECONDS = 30.0  # a longer Retry-After is not waited for: the user is told instead
MAX_JSON_BYTES = 10 * 1024 * 1024
USER_AGENT = "cinecat/0.1 (self-hosted movie catalog)"
sleep = time.sleep  # the pause between tries; tests replace it


@dataclass(frozen=True)
class Service:
    """Who is asked, for messages: 'TMDb', and where its key is set ('CINECAT_TMDB_API_KEY')."""

    name: str
    key_setting: str = ""


class HttpClient:
    """An httpx client with cinecat's timeouts, retries and errors."""

    def __init__(self, *, timeout: float = 10.0, attempts: int = ATTEMPTS) -> None:
        self.timeout = timeout
        self.attempts = attempts
        self._client = httpx.Client(
            timeout=timeout, follow_redirects=True, headers={"User-Agent": USER_AGENT}
        )

    def get_json(
        self, service: Service, url: str, *, params: dict | None = None, headers: dict | None = None
    ) -> Any:
        """GET a JSON document; ProviderError when it cannot be had."""
        response = self._get(service, url, params, headers)
        body = self._read(service, response, MAX_JSON_BYTES, "response")
        try:
            return json.loads(body)
        except ValueError:
            kind = response.headers.get("content-type", "no content type")
            raise BadResponse(
                f"{service.name} sent a response that is not JSON ({kind}, {len(body)} bytes: "
                f"{body[:60]!r}); try again later."
            ) from None

    def get_bytes(
        self, service: Service, url: str, *, max_bytes: int, noun: str = "file"
    ) -> tuple[bytes, str]:
        """GET a file of at most ``max_bytes``: its bytes and its content type."""
        response = self._get(service, url, None, None)
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            response.close()
            raise BadResponse(_too_large(noun, int(declared), max_bytes))
        data = self._read(service, response, max_bytes, noun)
        kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
        return data, kind

    def _get(self, service: Service, url: str, params, headers) -> httpx.Response:
        for attempt in range(1, self.attempts + 1):
            response = self._send(service, url, params, headers)
            if response.status_code != 429 and response.status_code < 500:
                return response
            wait = _wait(response, attempt)
            if attempt == self.attempts or wait > MAX_WAIT_SECONDS:
                break
            response.close()
            logger.info("%s answered %s; trying again in %.1f s", service.name, response, wait)
            sleep(wait)
        response.close()
        raise _failure(service, response, attempt)

    def _send(self, service: Service, url: str, params, headers) -> httpx.Response:
        request = self._client.build_request("GET", url, params=params, headers=headers)
        try:
            response = self._client.send(request, stream=True)
        except httpx.TimeoutException:
            raise NoNetwork(_timed_out(service, url, self.timeout)) from None
        except httpx.TransportError as exc:
            raise NoNetwork(
                f"Could not reach {service.name} at {urlsplit(url).hostname} ({exc}); "
                "check this computer's network connection."
            ) from None
        if 400 <= response.status_code < 500 and response.status_code != 429:
            response.read()
            response.close()
            raise _refusal(service, response)
        return response

    def _read(self, service: Service, response: httpx.Response, limit: int, noun: str) -> bytes:
        chunks, size = [], 0
        try:
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise BadResponse(_too_large(noun, size, limit, at_least=True))
                chunks.append(chunk)
        except httpx.TimeoutException:
            raise NoNetwork(_timed_out(service, str(response.url), self.timeout)) from None
        except httpx.TransportError as exc:
            raise NoNetwork(f"{service.name} broke off its answer ({exc}); try again.") from None
        finally:
            response.close()
        return b"".join(chunks)


def _wait(response: httpx.Response, attempt: int) -> float:
    """Seconds to wait before the next try: the service's Retry-After, else a backoff."""
    value = response.headers.get("retry-after", "").strip()
    if value.isdigit():
        return float(value)
    if value:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            when = None
        if when is not None and when.tzinfo is not None:
            return max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds())
    return BACKOFF_SECONDS * 2 ** (attempt - 1)


def _failure(service: Service, response: httpx.Response, attempts: int) -> Exception:
    tries = f"{attempts} tr{'y' if attempts == 1 else 'ies'}"
    if response.status_code == 429:
        wait = _wait(response, attempts)
        later = f"in {wait:.0f} s" if response.headers.get("retry-after") else "in a minute"
        return RateLimited(
            f"{service.name} is limiting how often it is asked (HTTP 429), still after "
            f"{tries}; try again {later}."
        )
    return BadResponse(
        f"{service.name} had a server error (HTTP {response.status_code}) on {tries}; "
        "try again later."
    )


def _refusal(service: Service, response: httpx.Response) -> Exception:
    detail = _detail(response)
    code = response.status_code
    if code in (401, 403):
        check = f" Check {service.key_setting}." if service.key_setting else ""
        return BadKey(f"{service.name} refused the API key (HTTP {code}: {detail}).{check}")
    if code == 404:
        return NotFound(f"{service.name} has no such entry (HTTP 404: {detail}).")
    return BadResponse(f"{service.name} refused the request (HTTP {code}: {detail}).")


def _detail(response: httpx.Response) -> str:
    """The service's own words: TMDb's ``status_message``, a UPC service's ``message``."""
    try:
        body = response.json()
    except ValueError:
        return response.text[:200].strip() or response.reason_phrase
    if isinstance(body, dict):
        for name in ("status_message", "message", "error"):
            if isinstance(body.get(name), str):
                return body[name]
    return response.reason_phrase


def _timed_out(service: Service, url: str, timeout: float) -> str:
    return (
        f"{service.name} ({urlsplit(url).hostname}) did not answer within {timeout:g} s; "
        "check the network connection or try again later."
    )


def _too_large(noun: str, size: int, limit: int, *, at_least: bool = False) -> str:
    more = "more than " if at_least else ""
    return f"The {noun} is {more}{_size(size)}, over the limit of {_size(limit)}."


def _size(count: int) -> str:
    if count >= 1e6:
        return f"{count / 1e6:.1f} MB"
    return f"{count / 1e3:.0f} kB" if count >= 1e3 else f"{count} bytes"


_client: HttpClient | None = None


def client() -> HttpClient:
    """The client every provider shares (one connection pool), made on first use."""
    global _client
    if _client is None:
        _client = HttpClient(timeout=float(getattr(settings, "CINECAT_METADATA_TIMEOUT", 10)))
    return _client
