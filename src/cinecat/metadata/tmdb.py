"""TMDb (The Movie Database), API v3: search by title and year, fetch a film whole.

The key is ``CINECAT_TMDB_API_KEY``: an API key (v3, 32 hexadecimal characters, sent as the
``api_key`` parameter) or a read access token (v4, a JWT, sent as ``Authorization: Bearer``);
either comes from https://www.themoviedb.org/settings/api. Answers are cached (``cache``): a
search or a film is asked once a day at most, the image configuration once in three days.
"""

import datetime as dt
import re
from typing import Any
from urllib.parse import urlencode

from django.conf import settings

from . import cache, http, tmdb_mapping
from .base import BadKey, BadResponse, Candidate, Found, NotFound

SERVICE = http.Service("TMDb", "CINECAT_TMDB_API_KEY")
APPEND = "credits,release_dates,videos,images,external_ids"
CONFIGURATION_FRESH = dt.timedelta(days=3)
IMDB_ID = re.compile(r"tt\d{7,10}")
_HEX_KEY = re.compile(r"[0-9a-f]{32}", re.IGNORECASE)
_TOKEN = re.compile(r"eyJ[\w-]*\.[\w-]+\.[\w-]+")


def credentials(key: str) -> tuple[dict, dict]:
    """The request parameters and headers that carry ``key``: a v3 key or a v4 token."""
    if _TOKEN.fullmatch(key):
        return {}, {"Authorization": f"Bearer {key}"}
    if _HEX_KEY.fullmatch(key):
        return {"api_key": key}, {}
    raise BadKey(
        "CINECAT_TMDB_API_KEY is neither a TMDb API key (32 hexadecimal characters) nor a "
        "read access token (a long text starting with eyJ); copy one from "
        "https://www.themoviedb.org/settings/api."
    )


class TmdbProvider:
    """TMDb's films: candidates from ``search/movie``, entries from ``movie/{id}``."""

    key = "tmdb"
    name = "TMDb"
    setup = (
        "set CINECAT_TMDB_API_KEY to a TMDb API key or read access token "
        "(free, from https://www.themoviedb.org/settings/api)."
    )

    @classmethod
    def is_configured(cls) -> bool:
        return bool(getattr(settings, "CINECAT_TMDB_API_KEY", ""))

    def __init__(self, *, refresh: bool = False) -> None:
        self.params, self.headers = credentials(settings.CINECAT_TMDB_API_KEY)
        self.base_url = settings.CINECAT_TMDB_API_URL.rstrip("/")
        self.country = settings.CINECAT_COUNTRY
        self.refresh = refresh

    def search(self, query: str, *, year: int | None = None) -> list[Candidate]:
        """Films of that title (and year); an IMDb id (tt…) finds its film."""
        query = query.strip()
        if IMDB_ID.fullmatch(query):
            return self.find_imdb(query)
        params: dict[str, Any] = {"query": query}
        if year:
            params["year"] = year
        results = self._results(self._get("search/movie", params), "results")
        images = self.images()
        return [tmdb_mapping.candidate(result, images) for result in results]

    def find_imdb(self, imdb_id: str) -> list[Candidate]:
        """The film TMDb knows by this IMDb id (``find``), if any."""
        body = self._get(f"find/{imdb_id}", {"external_source": "imdb_id"})
        images = self.images()
        return [tmdb_mapping.candidate(r, images) for r in self._results(body, "movie_results")]

    def fetch(self, id: str) -> Found:
        """The film of TMDb id ``id`` (or of an IMDb id), with credits, releases and videos."""
        id = str(id).strip()
        if IMDB_ID.fullmatch(id):
            found = self.find_imdb(id)
            if not found:
                raise NotFound(f"TMDb knows no film of IMDb id {id}.")
            id = found[0].id
        if not id.isdigit():
            raise NotFound(f"{id!r} is not a TMDb film id (a number) nor an IMDb id (tt…).")
        try:
            movie = self._get(f"movie/{id}", {"append_to_response": APPEND})
        except NotFound:
            raise NotFound(f"TMDb has no film {id}.") from None
        if not isinstance(movie, dict) or "id" not in movie:
            raise BadResponse(f"TMDb's answer for film {id} is not a film; try again later.")
        return tmdb_mapping.found(movie, self.images(), self.country)

    def images(self) -> tmdb_mapping.Images:
        """Where posters are, from TMDb's ``configuration``."""
        configuration = self._get("configuration", {}, fresh_for=CONFIGURATION_FRESH)
        if not isinstance(configuration, dict):
            raise BadResponse("TMDb's configuration is not what its API documents.")
        return tmdb_mapping.images_from(configuration)

    def _get(self, path: str, params: dict, *, fresh_for: dt.timedelta = cache.FRESH) -> Any:
        # The cache is keyed by what was asked, never by the key it was asked with.
        request = f"{path}?{urlencode(sorted(params.items()))}" if params else path
        return cache.cached(
            self.key,
            request,
            lambda: http.client().get_json(
                SERVICE,
                f"{self.base_url}/{path}",
                params={**params, **self.params},
                headers=self.headers,
            ),
            fresh_for=fresh_for,
            refresh=self.refresh,
        )

    @staticmethod
    def _results(body: Any, name: str) -> list[dict]:
        results = body.get(name) if isinstance(body, dict) else None
        if not isinstance(results, list):
            raise BadResponse(f"TMDb's answer has no list of {name}; try again later.")
        return [result for result in results if isinstance(result, dict) and "id" in result]
