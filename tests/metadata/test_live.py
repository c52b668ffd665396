"""Against the real TMDb, for a manual check: ``pytest -m live`` with CINECAT_TMDB_API_KEY set.

Left out of every ordinary run (the ``live`` marker is deselected by default): CI never calls
a real service.
"""

import pytest
from django.conf import settings

from cinecat.metadata.tmdb import TmdbProvider

pytestmark = [pytest.mark.live, pytest.mark.django_db]


def test_tmdb_finds_and_fetches_fight_club():
    assert settings.CINECAT_TMDB_API_KEY, "set CINECAT_TMDB_API_KEY to run the live checks"
    candidates = TmdbProvider(refresh=True).search("Fight Club", year=1999)
    assert candidates[0].id == "550"
    found = TmdbProvider().fetch("550")
    assert (found.work.title, found.work.imdb_id) == ("Fight Club", "tt0137523")
    assert any(credit.job == "Director" for credit in found.work.credits)
