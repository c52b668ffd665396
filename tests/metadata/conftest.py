"""Providers' tests: recorded TMDb answers replayed at the one HTTP seam, never the network.

Every test here runs inside a respx router that refuses any request it was not told to
answer, so no test can reach a real server (those marked ``live`` alone may, when asked for).
"""

import json
from io import StringIO
from pathlib import Path

import pytest
import respx
from django.core.management import call_command

from cinecat.metadata import http
from tests.conftest import SHARED

from .imdb_samples import write_dataset

TMDB_DATA = SHARED / "data" / "tmdb"
TMDB = "https://api.themoviedb.org/3"
V3_KEY = "0123456789abcdef0123456789abcdef"
UPC_URL = "https://api.upcitemdb.com/prod/trial/lookup"


def recorded(name: str) -> dict:
    """A recorded TMDb answer of ../shared/data/tmdb/."""
    path = TMDB_DATA / name
    assert path.exists(), f"the recorded TMDb answers are missing: {path}"
    return json.loads(path.read_text())


def fight_club() -> dict:
    """``movie/550?append_to_response=credits,release_dates,videos,images,external_ids`` as
    TMDb assembles it: the recorded details with each recorded part under its name."""
    movie = recorded("movies_details.json")
    parts = {
        "credits": "movies_credits.json",
        "release_dates": "movies_release_dates.json",
        "videos": "movies_videos.json",
        "images": "movies_images.json",
        "external_ids": "movies_external_ids.json",
    }
    for part, name in parts.items():
        body = recorded(name)
        body.pop("id", None)  # an appended part carries no id of its own
        movie[part] = body
    return movie


@pytest.fixture(autouse=True)
def network(request):
    """The only network there is: a respx router answering what each test sets up."""
    if request.node.get_closest_marker("live"):
        yield None
        return
    with respx.mock(assert_all_called=False) as router:
        yield router


@pytest.fixture(autouse=True)
def pauses(monkeypatch) -> list[float]:
    """The pauses between tries, recorded instead of slept."""
    waited: list[float] = []
    monkeypatch.setattr(http, "sleep", waited.append)
    return waited


@pytest.fixture
def tmdb(settings, network):
    """Alice configured TMDb with a v3 key; its configuration answers as recorded."""
    settings.CINECAT_TMDB_API_KEY = V3_KEY
    settings.CINECAT_TMDB_API_URL = TMDB
    settings.CINECAT_COUNTRY = "US"
    network.get(f"{TMDB}/configuration").respond(json=recorded("configuration_details.json"))
    return network


@pytest.fixture
def imdb_dataset(tmp_path) -> Path:
    return write_dataset(tmp_path / "imdb")


@pytest.fixture
def imdb_loaded(db, imdb_dataset) -> Path:
    """Alice downloaded IMDb's datasets and loaded them."""
    call_command(
        "reference", "import-imdb", str(imdb_dataset), stdout=StringIO(), stderr=StringIO()
    )
    return imdb_dataset
