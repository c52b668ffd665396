"""The registry: only configured providers are offered; cinecat works without any."""

import pytest

from cinecat.metadata import registry
from cinecat.metadata.base import NotConfigured, ProviderError
from cinecat.metadata.tmdb import TmdbProvider

from .conftest import V3_KEY

pytestmark = pytest.mark.django_db


def test_with_nothing_configured_no_provider_is_offered():
    assert registry.available() == []
    with pytest.raises(NotConfigured, match="No metadata provider is configured"):
        registry.title_providers()


def test_a_tmdb_key_offers_tmdb(settings):
    settings.CINECAT_TMDB_API_KEY = V3_KEY
    assert registry.available() == ["tmdb"]
    assert isinstance(registry.get("tmdb"), TmdbProvider)


def test_the_local_datasets_come_before_the_web_service(settings, imdb_loaded):
    settings.CINECAT_TMDB_API_KEY = V3_KEY
    assert [p.key for p in registry.title_providers()] == ["imdb", "tmdb"]
    assert [p.key for p in registry.title_providers("tmdb")] == ["tmdb"]


def test_an_unknown_provider_names_the_known_ones():
    with pytest.raises(ProviderError, match="no metadata provider 'amazon'; there are: imdb, tmdb"):
        registry.get("amazon")
